"""The rest of the desk: help, theme, keys from the config, QC, render, projects, glossary, MT."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import build_project, settle, wait_until

from ttdn_studio import locations
from ttdn_studio.models import Origin, Status
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.config import load_config
from ttdn_studio.tui.dialogs.files import ImportDialog
from ttdn_studio.tui.screens.episode import EpisodeDesk

SIZE = (120, 40)


async def test_help_theme_and_remapped_key(project: Path) -> None:
    locations.config_file().write_text('[keys]\n"episode.approve" = "ctrl+b"\n', encoding="utf-8")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EpisodeDesk)
        cue_id = screen.grid.current_id
        await pilot.press("f8")  # no longer the approve key
        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.press("y")  # cue 1 has a QC error: the desk asks first
        with open_project(project) as store:
            assert store.translation(cue_id, "en").status == "approved"  # type: ignore[arg-type]
        await pilot.press("f1")
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        assert app.screen is screen
        dark = app.theme
        await pilot.press("f12")
        assert app.theme != dark
        assert load_config(locations.config_file()).theme == app.theme
        assert load_config(locations.config_file()).keys == {"episode.approve": "ctrl+b"}


async def test_qc_run_and_jump_to_finding(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode = app.screen
        assert isinstance(episode, EpisodeDesk)
        await pilot.press("f6")
        await settle(pilot)
        qc = app.screen
        assert qc.__class__.__name__ == "QcScreen"
        findings = qc.outcome.findings  # type: ignore[attr-defined]
        assert any(f.check == "empty" for f in findings)  # cues 3 and 5 have no English
        table = qc.query_one("#findings")
        target = next(i for i, f in enumerate(findings) if f.check == "empty" and f.lang == "en")
        table.move_cursor(row=table.get_row_index(str(target)))  # type: ignore[attr-defined]
        await pilot.pause()
        detail = str(qc.query_one("#qc-detail").render())
        assert detail.endswith(f"empty: {findings[target].message}")  # the whole message, uncut
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is episode
        assert episode.grid.current_id == findings[target].cue_id
        assert episode.grid.qc_counts.get(findings[target].cue_id, 0) >= 1


async def test_projects_screen_lists_and_creates(project: Path) -> None:
    app = TtdnApp(None)
    root = locations.projects_dir()
    root.mkdir(parents=True, exist_ok=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.__class__.__name__ == "ProjectsScreen"
        screen.create(type("Spec", (), {"folder": "tap-02", "title": "Tập 2", "targets": ["en"]})())  # type: ignore[attr-defined]
        await settle(pilot)
        assert [i.path.name for i in screen.infos] == ["tap-02"]  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EpisodeDesk)
        assert app.screen.project.title == "Tập 2"


async def test_projects_screen_lists_a_damaged_project_with_the_reason(project: Path) -> None:
    root = locations.projects_dir()
    broken = root / "tap-hong"
    broken.mkdir(parents=True)
    (broken / "project.db").write_bytes(b"not a database")
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        (info,) = screen.infos  # type: ignore[attr-defined]
        assert (
            info.path == broken
            and "cannot be opened" in info.title
            and "not a database" in info.title
        )
        await pilot.press("enter")  # opening it says why, and the screen stays
        await settle(pilot)
        assert app.screen is screen


async def test_glossary_add_goes_to_the_project_file(project: Path) -> None:
    pytest.importorskip("ttdn_studio.glossary")
    from ttdn_studio.glossary import load_glossary

    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        assert await wait_until(pilot, lambda: app.screen.__class__.__name__ == "GlossaryScreen")
        glossary = app.screen
        assert glossary.__class__.__name__ == "GlossaryScreen"
        glossary.save(
            None,
            {
                "vi": "Chợ nổi",
                "en": "floating market",
                "km": "",
                "domain": "place",  # type: ignore[attr-defined]
                "note": "",
                "forbidden": "en:float market",
            },
        )
    entry = load_glossary(project).lookup("Chợ nổi")
    assert entry is not None and entry.en == "floating market"
    assert entry.forbidden == {"en": ["float market"]}


async def test_render_queue_reports_progress_or_missing_service(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        render = app.screen
        assert render.__class__.__name__ == "RenderScreen"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # the clip has no video: the render service refuses with a clear message (or is missing)
        outcome = render.last_outcome  # type: ignore[attr-defined]
        assert outcome, "the queue should say how the render ended"
        assert "Traceback" not in outcome


async def test_machine_draft_for_one_cue(project: Path, argos_models: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EpisodeDesk)
        screen.grid.move_cursor(row=2)  # an empty cue
        cue_id = screen.grid.current_id
        screen.start_mt("cue")
        await settle(pilot)
        with open_project(project) as store:
            tr = store.translation(cue_id, "en")  # type: ignore[arg-type]
            others = [store.translation(i, "en").text for i in (cue_id + 2,)]  # type: ignore[operator]
        assert tr.text.strip() and tr.status == Status.MT and tr.origin == Origin.mt("argos")
        assert others == [""], "only the chosen cue was translated"
        assert "◌" in str(screen.grid.get_cell(str(cue_id), "en"))
        assert screen.editor.target.text == tr.text


async def test_brackets_in_paths_are_shown_as_typed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "Phụ đề [2026]"
    root.mkdir()
    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(root))
    bad = tmp_path / "[nháp] tập 1.srt"
    bad.write_bytes(b"1\n00:00:01,000 --> nonsense\n\xff\xfe\x00garbage")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EpisodeDesk)
        await pilot.press("alt+i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.file.input.value = str(bad)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: "Nothing was changed" in str(dialog.error.content))
        assert "[nháp] tập 1.srt" in str(dialog.error.render())  # drawn as typed, not as markup
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        title = str(app.screen.query_one(".screen-title").render())
        assert title == f"Projects in {root}"


async def test_a_refused_new_project_keeps_the_dialog_and_what_was_typed(project: Path) -> None:
    """The dialog closed before the project was created: a folder that exists already (or
    a wrong language code) showed a notification, and everything typed was gone."""
    from textual.widgets import Input, Static

    from ttdn_studio.tui.dialogs.new_project import NewProjectDialog

    root = locations.projects_dir()
    root.mkdir(parents=True, exist_ok=True)
    build_project(root / "tap-01").close()
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewProjectDialog)
        await pilot.press(*"tap-01", "tab", *"Tập một", "enter")
        await settle(pilot)
        assert app.screen is dialog  # still open, with what was typed
        assert dialog.query_one("#p-title", Input).value == "Tập một"
        assert "already exists" in str(dialog.query_one("#p-error", Static).render())
        folder = dialog.query_one("#p-folder", Input)
        folder.value = "tap-02"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not dialog
        assert sorted(i.path.name for i in app.screen.infos) == ["tap-01", "tap-02"]  # type: ignore[attr-defined]
    with open_project(root / "tap-01") as store:
        assert store.project.title == "Cà Mau - Đất và người, tập thử"  # untouched


@pytest.mark.parametrize("folder", ["../elsewhere", "sub/tap-03", "ABSOLUTE", ".."])
async def test_a_new_project_folder_is_a_name_inside_the_projects_folder(
    project: Path, folder: str
) -> None:
    """ "../elsewhere" made a project outside the projects folder, never listed after."""
    from textual.widgets import Static

    from ttdn_studio.tui.dialogs.new_project import NewProjectDialog

    root = locations.projects_dir()
    root.mkdir(parents=True, exist_ok=True)
    if folder == "ABSOLUTE":
        folder = str(root.parent / "tap-03")

    def folders() -> list[Path]:  # besides the desk's own data and settings
        own = ("data", "config")
        return sorted(
            p for p in root.parent.rglob("*") if p.relative_to(root.parent).parts[0] not in own
        )

    before = folders()
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewProjectDialog)
        await pilot.press(*folder, "tab", *"Tập ba", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "a name, not a path" in str(dialog.query_one("#p-error", Static).render())
    assert folders() == before


async def test_enter_in_the_folder_field_moves_to_the_title(project: Path) -> None:
    """Enter after the folder name said "A folder name and a title are needed"."""
    from textual.widgets import Input

    from ttdn_studio.tui.dialogs.new_project import NewProjectDialog

    locations.projects_dir().mkdir(parents=True, exist_ok=True)
    app = TtdnApp(None)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewProjectDialog)
        await pilot.press(*"tap-04", "enter")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#p-title", Input).has_focus
        assert not [n for n in app._notifications if "needed" in n.message]
        await pilot.press(*"Tập bốn", "enter")
        await settle(pilot)
        assert app.screen is not dialog
    assert (locations.projects_dir() / "tap-04" / "project.db").exists()
