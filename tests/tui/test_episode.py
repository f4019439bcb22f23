"""Drive the episode screen with the Pilot and check what reaches the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import episode, settle, wait_until

from ttdn_studio.models import Status
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp

SIZE = (120, 40)


async def test_opens_on_the_first_cue(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert screen.grid.row_count == 6
        assert screen.editor.editing is not None
        assert screen.editor.target.text == "Ca Mau is the southernmost province of Vietnam."


async def test_typing_is_saved_and_undone(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down", "down", "enter")
        cue_id = screen.grid.current_id
        assert cue_id is not None
        await pilot.press(*"Shrimp")
        screen.editor.flush()  # what the 300 ms debounce does
        with open_project(project) as store:
            tr = store.translation(cue_id, "en")
            assert tr.text == "Shrimp" and tr.status == Status.DRAFT
        cell = str(screen.grid.get_cell(str(cue_id), "en"))
        assert "Shrimp" in cell and "✎" in cell
        await pilot.press("ctrl+z")
        with open_project(project) as store:
            assert store.translation(cue_id, "en").text == ""
        assert screen.editor.target.text == ""


async def test_debounce_saves_without_leaving_the_cue(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        screen.editor.save_delay = 0.3
        await pilot.press("enter", "end", *"!")
        cue_id = screen.grid.current_id
        assert cue_id is not None

        def saved() -> bool:
            with open_project(project) as store:
                return store.translation(cue_id, "en").text.endswith("!")

        assert await wait_until(pilot, saved)
        assert screen.grid.current_id == cue_id and screen.editor.editing is not None


async def test_moving_to_another_cue_saves_first(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("enter")
        first = screen.grid.current_id
        await pilot.press("end", *" OK", "ctrl+down")
        assert screen.grid.current_id != first
        with open_project(project) as store:
            assert store.translation(first, "en").text.endswith(" OK")  # type: ignore[arg-type]


async def test_stale_edit_is_refused_with_a_message(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("enter")
        cue_id = screen.grid.current_id
        with open_project(project) as other:  # a colleague saves the same cue meanwhile
            tr = other.translation(cue_id, "en")  # type: ignore[arg-type]
            other.edit_translation(cue_id, "en", "Their text", expected_version=tr.version)  # type: ignore[arg-type]
        await pilot.press(*"mine")
        screen.editor.flush()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MessageDialog"
        assert "Someone else changed this cue" in str(app.screen.query_one("Label").render())
        await pilot.press("escape")
        with open_project(project) as store:
            assert store.translation(cue_id, "en").text == "Their text"  # type: ignore[arg-type]
        assert screen.editor.target.text == "Their text"


async def test_filter_search_and_jump(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("f4")  # untranslated
        assert screen.grid.filter_key == "untranslated" and screen.grid.row_count == 2
        screen.grid.filter_key = "all"
        screen.grid.set_search("MANGROVE")
        assert screen.grid.row_count == 1
        screen.grid.set_search("rung duoc")  # typed without accents: still found
        assert screen.grid.row_count == 1
        screen.grid.set_search("rừng tràm")
        assert screen.grid.row_count == 0
        screen.grid.set_search("rừng đước")
        assert screen.grid.row_count == 1
        screen.grid.set_search("")
        assert screen.grid.jump_to("4")
        assert screen.grid.current_row().index == 4  # type: ignore[union-attr]
        assert screen.grid.jump_to("0:12.1")
        assert screen.grid.current_row().index == 5  # type: ignore[union-attr]
        assert not screen.grid.jump_to("soon")


async def test_marks_and_approve_feed_the_status(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("space", "down", "space")
        assert len(screen.grid.layout_spec.marks) == 2
        ids = screen.grid.selected_ids()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")  # cue 1 has a QC error: approve anyway
        with open_project(project) as store:
            assert [store.translation(i, "en").status for i in ids] == [Status.APPROVED] * 2
        assert "✔" in str(screen.grid.get_cell(str(ids[0]), "en"))
        assert not screen.grid.layout_spec.marks


async def test_switch_language_and_columns(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert screen.grid.shown_targets() == ["en", "km"]
        await pilot.press("ctrl+t")
        assert screen.grid.lang == "km" and screen.editor.editing.lang == "km"  # type: ignore[union-attr]
        await pilot.press("alt+c")
        assert screen.grid.shown_targets() == ["km"]


async def test_timing_nudge_split_merge_and_refusal(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        cue_id = screen.grid.current_id
        await pilot.press("alt+right")
        with open_project(project) as store:
            assert store.cue(cue_id).start_ms == 100  # type: ignore[arg-type]
        await pilot.press(
            "alt+shift+right",
            "alt+shift+right",
            "alt+shift+right",
            "alt+shift+right",
            "alt+shift+right",
            "alt+shift+right",
        )  # 2600 ms would overlap cue 2 at 3000
        with open_project(project) as store:
            assert store.cue(cue_id).end_ms == 3000  # type: ignore[arg-type]
        screen.action_split()
        assert len(screen.grid.cues) == 7
        screen.action_merge()
        assert len(screen.grid.cues) == 6
        screen.grid.move_cursor(row=1)
        screen.grid.shift([screen.grid.current_id], -200)  # type: ignore[list-item]
        with open_project(project) as store:
            assert store.cue_by_index("tap-01", 2).start_ms == 3000  # refused: it would overlap


async def test_resizing_the_terminal_rebuilds_the_grid(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = episode(app)
        narrow = screen.grid.layout_spec.text_width
        assert screen.grid.layout_spec.targets == ["en"]  # no room for Khmer at 80 columns
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert screen.grid.layout_spec.targets == ["en", "km"]
        assert screen.grid.layout_spec.text_width > narrow
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.grid.layout_spec.targets == ["en"]


async def test_bare_ttdn_opens_the_demo_and_undo_works_after_reopening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ttdn`` with no command builds the demo on first start and opens its episode;
    an edit there is saved, and undone after the desk is closed and opened again."""
    from ttdn_studio.cli.commands import tui as tui_command
    from ttdn_studio.services.demo import load_source

    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(tmp_path / "projects"))
    opened: list[Path] = []
    monkeypatch.setattr("ttdn_studio.tui.app.run_app", opened.append)
    tui_command.open_default()
    (demo,) = opened
    source = load_source()
    app = TtdnApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert screen.title == source.project.title
        assert screen.grid.row_count == len(source.cues)
        untranslated = next(
            i for i, c in enumerate(source.cues, start=1) if not c.translations.get("en")
        )
        screen.grid.show_cue(screen.grid.cues[untranslated - 1].cue.id)
        cue_id = screen.grid.current_id
        await pilot.press("enter", *"Ca Mau")
        screen.editor.flush()
    with open_project(demo) as store:
        assert store.translation(cue_id, "en").text == "Ca Mau"
    app = TtdnApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
    with open_project(demo) as store:
        assert store.translation(cue_id, "en").text == ""


async def test_qc_badges_arrive_on_open_and_follow_edits(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The QC column and the "QC errors" filter are filled without opening the QC screen,
    and a translation typed into an empty cue takes its "empty" error off the badge once
    editing pauses (the badge counts errors in every target language)."""
    monkeypatch.setattr("ttdn_studio.tui.widgets.cue_grid.QC_RECOUNT_DELAY_S", 0.05)
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert await wait_until(pilot, lambda: screen.grid.qc_counted)
        empty_id = screen.grid.cues[2].cue.id  # the third cue has no English (nor Khmer) yet
        before = screen.grid.qc_counts.get(empty_id, 0)
        assert before == 2  # "empty" in en and in km
        assert str(screen.grid.get_cell(str(empty_id), "qc")) == "2"
        screen.grid.filter_key = "qc"
        screen.grid.rebuild()
        assert screen.grid.row_count == len(screen.grid.qc_counts) > 0
        screen.grid.filter_key = "all"
        screen.grid.rebuild()
        screen.grid.show_cue(empty_id)
        await pilot.press("enter", *"People live on shrimp and crab.")
        screen.editor.flush()
        assert await wait_until(pilot, lambda: screen.grid.qc_counts.get(empty_id) == 1, limit=10)
        assert str(screen.grid.get_cell(str(empty_id), "qc")) == "1"


async def test_needs_review_shows_the_least_confident_machine_drafts_first(project: Path) -> None:
    with open_project(project) as store:
        rows = store.cue_rows()
        first, second, third = (r.cue.id for r in rows[:3])
        for cue_id, confidence in ((first, 0.9), (second, None), (third, 0.2)):
            version = store.translation(cue_id, "en").version
            store.edit_translation(
                cue_id,
                "en",
                f"Draft {cue_id}",
                expected_version=version,
                status=Status.MT,
                origin="mt",
                confidence=confidence,
            )
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        screen.grid.filter_key = "review"
        shown = [r.cue.id for r in screen.grid.visible_rows()]
        assert shown[:2] == [third, first]  # 0.2, then 0.9
        assert second in shown[2:]  # no engine confidence: after the scored ones
