"""Editorial control in the desk, with two people: Lan (translator) and Hoa (chief editor).

The clip's English says "South China Sea" for "Biển Đông" (the shipped glossary marks the
term sensitive): the gate panel (Alt+Shift+G) shows the finding; Lan cannot sign it off
nor clear the clip (the refusal is shown); Hoa cannot clear it until she signs the
finding off in the dialog, with a reason; the render screen refuses an air preset for
the uncleared clip and offers a proof render instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import settle, wait_until
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from ttdn_studio.models import Project
from ttdn_studio.services.editorial import open_findings, set_role
from ttdn_studio.store import create_project, open_project
from ttdn_studio.store import editorial as records
from ttdn_studio.store.project_store import NewCue
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs import ChoiceDialog, ConfirmDialog, MessageDialog
from ttdn_studio.tui.dialogs.people import PeopleDialog
from ttdn_studio.tui.dialogs.signoff import SignOffDialog
from ttdn_studio.tui.screens.episode import EpisodeDesk
from ttdn_studio.tui.screens.gate import GateScreen
from ttdn_studio.tui.screens.render import RenderScreen

CUES = [
    NewCue(0, 900, "Cà Mau có ba mặt giáp biển.", translations={"en": "Ca Mau has sea around."}),
    NewCue(1000, 1900, "Biển Đông rộng lớn.", translations={"en": "The South China Sea is vast."}),
    NewCue(2000, 2900, "Rừng đước Năm Căn.", translations={"en": "The Nam Can mangroves."}),
]
REASON = "Quoted from a foreign statement"


@pytest.fixture
def episode_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "projects" / "episode"
    store = create_project(path, Project(title="Cà Mau - Đất và người", target_langs=["en", "km"]))
    store.add_clip("intro")
    store.add_cues("intro", CUES)
    store.author = "hoa"  # nobody is chief yet: anyone may set the roles
    set_role(store, "hoa", "chief")
    set_role(store, "lan", "translator")
    store.close()
    return path


def as_person(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TTDN_USER", name)


def message_of(app: TtdnApp) -> str:
    assert isinstance(app.screen, MessageDialog), type(app.screen)
    return str(app.screen.query_one("#message-body", Static).render())


async def open_gate(pilot) -> GateScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("alt+shift+g")
    await settle(pilot)
    gate = pilot.app.screen
    assert isinstance(gate, GateScreen)
    assert await wait_until(pilot, lambda: gate.loaded)
    return gate


def gate_state(app: TtdnApp) -> str:
    return str(app.screen.query_one("#gate-state", Static).render())


async def test_the_gate_panel_lists_the_sensitive_finding(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "lan")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        gate = await open_gate(pilot)
        assert "en: 1 open finding" in gate_state(app)
        assert "km: nothing open, not cleared" in gate_state(app)
        table = gate.query_one("#gate-table", DataTable)
        assert table.row_count == 1
        lang, number, state, finding, text = (str(c) for c in table.get_row_at(0))
        assert (lang, number, state) == ("en", "2", "open")
        assert "South China Sea" in finding and text == "The South China Sea is vast."
        await pilot.press("enter")  # jump to the finding's cue
        await settle(pilot)
        desk = app.screen
        assert isinstance(desk, EpisodeDesk)
        row = desk.grid.current_row()
        assert row is not None and row.index == 2 and desk.lang == "en"


async def test_a_translator_cannot_sign_off_or_clear(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "lan")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_gate(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "lan is a translator in this project; only a chief editor may sign off" in (
            message_of(app)
        )
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "only a chief editor may clear a clip for air" in message_of(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GateScreen)
    with open_project(episode_folder) as store:
        assert records.signoffs(store.conn) == []
        assert records.clearance(store.conn, store.clip("intro").id, "en") is None


async def test_the_chief_editor_clears_only_after_signing_off(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "hoa")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        gate = await open_gate(pilot)
        # clearing is refused while the finding is open, naming the cue
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # en, the language being edited, comes first
        await settle(pilot)
        refusal = message_of(app)
        assert "intro (en) cannot be cleared for air" in refusal
        assert "intro cue 2 (en)" in refusal and "South China Sea" in refusal
        await pilot.press("escape")
        await settle(pilot)
        # the sign-off dialog wants a reason
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "needs a reason" in str(dialog.query_one("#signoff-error", Static).render())
        dialog.query_one("#reason", Input).value = REASON
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is gate
        assert await wait_until(pilot, lambda: "en: nothing open" in gate_state(app))
        row = gate.query_one("#gate-table", DataTable).get_row_at(0)
        assert str(row[2]) == "ok: hoa"
        # now it clears, and the title line says by whom
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert await wait_until(pilot, lambda: "en: cleared by hoa" in gate_state(app))
    with open_project(episode_folder) as store:
        assert [(s.author, s.reason) for s in records.signoffs(store.conn)] == [("hoa", REASON)]
        assert records.clearance(store.conn, store.clip("intro").id, "en") is not None
        assert open_findings(store, store.clip("intro"), "en") == []


async def test_render_refuses_an_air_preset_and_offers_a_proof(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from clips import lavfi_clip

    video = lavfi_clip(tmp_path / "grey.mp4", 1.0, size="320x180")
    with open_project(episode_folder) as store:
        store.set_clip_video("intro", str(video))
    as_person(monkeypatch, "hoa")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        render = app.screen
        assert isinstance(render, RenderScreen)
        render.query_one("#r-include", Select).value = "mt"  # the drafts too, for the picture
        await pilot.press("ctrl+s")  # the broadcast preset, for air
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        body = " ".join(str(w.render()) for w in question.query(Static))
        assert "not rendered for air" in body and "intro cue 2 (en)" in body
        assert not list((episode_folder / "renders").glob("*.mp4"))
        await pilot.press("y")  # render as proof
        assert await wait_until(pilot, lambda: render.last_outcome is not None, limit=120)
        assert render.query_one("#r-proof", Checkbox).value
    assert (episode_folder / "renders" / "intro.en.proof.mp4").is_file()
    assert not (episode_folder / "renders" / "intro.en.broadcast.mp4").exists()


async def test_people_dialog_sets_roles_and_assigns(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "lan")  # a translator may neither set roles nor assign
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("alt+shift+a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PeopleDialog)
        dialog.query_one("#person", Input).value = "minh"
        dialog.query_one("#role", Select).value = "chief"
        await pilot.click("#set-role")
        await settle(pilot)
        error = str(dialog.query_one("#people-error", Static).render())
        assert "only a chief editor may set roles" in error
        await pilot.click("#assign")
        await settle(pilot)
        assert "may assign work" in str(dialog.query_one("#people-error", Static).render())
    with open_project(episode_folder) as store:
        assert records.roles(store.conn) == {"hoa": "chief", "lan": "translator"}
        assert records.assignments(store.conn) == []

    as_person(monkeypatch, "hoa")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("alt+shift+a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PeopleDialog)
        dialog.query_one("#person", Input).value = "minh"
        dialog.query_one("#role", Select).value = "editor"
        await pilot.click("#set-role")
        await settle(pilot)
        dialog.query_one("#person", Input).value = "lan"
        await pilot.click("#assign")  # the clip and language open in the desk
        await settle(pilot)
        listed = str(dialog.query_one("#people-list", Static).render())
        assert "minh: editor" in listed and "lan: intro (en) 0/3 done" in listed
    with open_project(episode_folder) as store:
        assert records.roles(store.conn)["minh"] == "editor"
        assert [(a.clip, a.lang, a.person) for a in records.assignments(store.conn)] == [
            ("intro", "en", "lan")
        ]


async def test_projects_screen_shows_what_waits_for_me_and_filters_mine(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio.services.reviewing import assign
    from ttdn_studio.tui.screens.projects import ProjectsScreen

    root = episode_folder.parent
    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(root))
    other = create_project(root / "another", Project(title="Another episode"))
    other.add_clip("outro")
    other.add_cues("outro", CUES[:1])
    other.close()
    as_person(monkeypatch, "hoa")
    with open_project(episode_folder) as store:
        assign(store, "intro", "en", "lan")
    as_person(monkeypatch, "lan")
    app = TtdnApp(None)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProjectsScreen)
        assert await wait_until(pilot, lambda: len(screen.infos) == 2)
        await settle(pilot)
        table = screen.query_one("#p-table", DataTable)
        cells = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[6]) for i in range(2)}
        assert cells == {"another": "—", "episode": "3 tr"}
        await pilot.press("alt+shift+m")
        await settle(pilot)
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "episode"
        detail = str(screen.query_one("#p-detail", Static).render())
        assert "Waiting for lan (translator):" in detail
        assert "to translate: intro (en) 3 cues" in detail
        assert "lan: intro (en) 0/3 done, 0/3 approved" in detail
        await pilot.press("alt+shift+m")
        await settle(pilot)
        assert table.row_count == 2


async def test_qc_errors_gate_air_when_the_chief_editor_says_so(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "hoa")
    with open_project(episode_folder) as store:  # a cue too short to read: a QC error
        cue = store.cue_rows("intro")[2].cue
        store.edit_cue(cue.id, expected_version=cue.version, end_ms=cue.start_ms + 200)
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        gate = await open_gate(pilot)
        assert gate.query_one("#gate-table", DataTable).row_count == 1
        await pilot.press("q")
        await settle(pilot)
        assert await wait_until(pilot, lambda: "QC errors gate too" in gate_state(app))
        rows = gate.query_one("#gate-table", DataTable)
        found = [str(rows.get_row_at(i)[3]) for i in range(rows.row_count)]
        assert any(f.startswith("QC ") for f in found), found
    as_person(monkeypatch, "lan")  # a translator cannot turn it off
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_gate(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert "only a chief editor may clear a clip for air" in message_of(app)
    with open_project(episode_folder) as store:
        assert store.project.settings.get("gate_qc_errors") is True


async def test_a_refused_approval_is_shown_not_raised(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "lan")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        if isinstance(app.screen, ConfirmDialog):  # approving over QC errors asks first
            await pilot.press("y")
            await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("lan is a translator in this project; only an editor" in m for m in said), said
    with open_project(episode_folder) as store:
        assert str(store.translation(store.cue_rows("intro")[0].cue.id, "en").status) == "draft"


async def test_render_refuses_a_clip_nobody_cleared_and_no_means_nothing_queued(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "hoa")
    with open_project(episode_folder) as store:  # the finding fixed: only clearance is missing
        cue = store.cue_rows("intro")[1].cue
        tr = store.translation(cue.id, "en")
        store.edit_translation(cue.id, "en", "The East Sea is vast.", expected_version=tr.version)
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        render = app.screen
        assert isinstance(render, RenderScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        body = " ".join(str(w.render()) for w in question.query(Static))
        assert "intro (en) not cleared by a chief editor" in body
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is render and render.last_outcome is None
        assert not render.query_one("#r-proof", Checkbox).value
        assert not render.bars
    assert not (episode_folder / "renders").exists() or not list(
        (episode_folder / "renders").glob("*.mp4")
    )


async def test_people_dialog_from_the_projects_screen(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio.tui.screens.projects import ProjectsScreen

    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(episode_folder.parent))
    as_person(monkeypatch, "hoa")
    app = TtdnApp(None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProjectsScreen)
        assert await wait_until(pilot, lambda: len(screen.infos) == 1)
        await pilot.press("alt+shift+a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PeopleDialog)
        dialog.query_one("#person", Input).value = "minh"
        dialog.query_one("#role", Select).value = "editor"
        await pilot.click("#set-role")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
    with open_project(episode_folder) as store:
        assert records.roles(store.conn)["minh"] == "editor"


async def test_the_episode_header_says_whether_the_clip_is_cleared_for_air(
    episode_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio.services.editorial import clear, sign_off

    as_person(monkeypatch, "hoa")
    with open_project(episode_folder) as store:
        sign_off(store, "intro", 2, "en", REASON)
        clear(store, "intro", "en")
    app = TtdnApp(episode_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        desk = app.screen
        assert isinstance(desk, EpisodeDesk)
        desk.editor.save_delay = 60

        def header() -> str:
            return str(desk.header.render())

        assert desk.lang == "en" and header().endswith("cleared for air")
        desk.action_switch_lang()  # Khmer: never cleared
        await settle(pilot)
        assert desk.lang == "km" and header().endswith("not cleared")
        desk.action_switch_lang()
        await settle(pilot)
        assert header().endswith("cleared for air")
        # an edit withdraws the clearance, and the header says so at once
        await pilot.press("enter", "end", *" and calm")
        assert desk.editor.flush() is not None
        await settle(pilot)
        assert header().endswith("not cleared")
        with open_project(episode_folder) as store:
            assert records.clearance(store.conn, store.clip("intro").id, "en") is None
        # cleared again from the gate panel: back in the episode, the header says it
        await pilot.press("escape")
        await settle(pilot)
        await open_gate(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert await wait_until(pilot, lambda: "en: cleared by hoa" in gate_state(app))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is desk and header().endswith("cleared for air")
        # and undo of a later edit is an edit too: Ctrl+Z after typing withdraws it
        await pilot.press("enter", "end", *" indeed")
        assert desk.editor.flush() is not None
        await pilot.press("escape", "ctrl+z")
        await settle(pilot)
        assert header().endswith("not cleared")
