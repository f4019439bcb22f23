"""Correcting the Vietnamese source at the desk: the translations stay, marked outdated."""

from __future__ import annotations

from pathlib import Path

from desk_fixtures import episode, settle

from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.source_edit import SourceEditDialog

SIZE = (120, 40)


async def test_alt_e_corrects_the_source_and_marks_translations_outdated(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down")
        cue_id = screen.grid.current_id
        assert cue_id is not None
        await pilot.press("alt+e")
        await pilot.pause()
        assert isinstance(app.screen, SourceEditDialog)
        await pilot.press("home", *"Nay ", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        with open_project(project) as store:
            assert store.cue(cue_id).text == "Nay Mũi Cà Mau có rừng đước bạt ngàn."
            en = store.translation(cue_id, "en")
        assert en.text == "Ca Mau Cape has vast mangrove forests."
        assert en.flags == ["outdated"]
        assert "↻" in str(screen.grid.get_cell(str(cue_id), "en"))
        assert str(screen.grid.get_cell(str(cue_id), "vi")).startswith("Nay Mũi")
        assert screen.editor.row is not None and screen.editor.row.cue.text.startswith("Nay")

        screen.grid.set_filter("outdated")
        assert screen.grid.row_count == 1 and screen.grid.current_id == cue_id

        # the translator fixes the English: saved from the editor, the flag goes
        await pilot.press("enter", "end", *" too")
        screen.editor.flush()
        with open_project(project) as store:
            en = store.translation(cue_id, "en")
        assert en.text.endswith("too") and en.flags == []


async def test_escape_leaves_the_source_unchanged(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        cue_id = screen.grid.current_id
        assert cue_id is not None
        await pilot.press("alt+e")
        await pilot.pause()
        await pilot.press(*"xyz", "escape")
        await settle(pilot)
        assert app.screen is screen
        with open_project(project) as store:
            assert store.cue(cue_id).text == "Cà Mau là tỉnh cực Nam của Tổ quốc."
            assert store.translation(cue_id, "en").flags == []


async def test_an_empty_source_is_refused_with_a_message(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        cue_id = screen.grid.current_id
        assert cue_id is not None
        screen.save_source(cue_id, "   ", 1)
        await pilot.pause()
        assert any("cannot be empty" in str(n.message) for n in app._notifications)
        with open_project(project) as store:
            assert store.cue(cue_id).text == "Cà Mau là tỉnh cực Nam của Tổ quốc."
