"""Find and replace in one language: preview, one undoable edit, refused whole when stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import build_project, episode, settle
from textual.widgets import Static

from ttdn_studio.errors import StaleEditError, ValidationError
from ttdn_studio.services.replacing import apply_replace, plan_replace
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.replace import ReplaceDialog


def en_texts(project: Path) -> list[str]:
    with open_project(project) as store:
        return [r.text("en", "vi") for r in store.cue_rows("tap-01")]


def test_plan_is_exact_and_apply_is_one_undo(tmp_path: Path) -> None:
    store = build_project(tmp_path / "ep")
    assert plan_replace(store, "tap-01", "en", "ca mau", "x") == []  # case matters
    plan = plan_replace(store, "tap-01", "en", "Ca Mau", "Cà Mau")
    assert [p.index for p in plan] == [1, 2]
    assert plan[1].after == "Cà Mau Cape has vast mangrove forests."
    assert apply_replace(store, "en", plan, "test") == 2
    assert store.translation(plan[0].cue_id, "en").text.startswith("Cà Mau is")
    store.undo()
    assert store.translation(plan[0].cue_id, "en").text.startswith("Ca Mau is")
    assert store.translation(plan[1].cue_id, "en").text.startswith("Ca Mau Cape")
    with pytest.raises(ValidationError):
        plan_replace(store, "tap-01", "en", "", "x")
    store.close()


def test_a_cue_changed_after_the_preview_refuses_the_whole_replace(tmp_path: Path) -> None:
    store = build_project(tmp_path / "ep")
    plan = plan_replace(store, "tap-01", "en", "Ca Mau", "Cà Mau")
    tr = store.translation(plan[1].cue_id, "en")
    store.edit_translation(plan[1].cue_id, "en", "Ca Mau Cape.", expected_version=tr.version)
    with pytest.raises(StaleEditError):
        apply_replace(store, "en", plan, "test")
    assert store.translation(plan[0].cue_id, "en").text.startswith("Ca Mau is")  # untouched
    store.close()


async def test_alt_r_previews_replaces_and_one_ctrl_z_undoes(project: Path) -> None:
    before = en_texts(project)
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("alt+r")
        await pilot.pause()
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.press(*"Ca Mau", "tab", *"Cà Mau")
        await pilot.pause()
        preview = str(app.screen.query_one("#replace-list", Static).render())
        assert "2 cue(s) change" in preview and "→ Cà Mau Cape has" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        after = en_texts(project)
        assert after[0].startswith("Cà Mau is") and after[1].startswith("Cà Mau Cape")
        assert after[2:] == before[2:]
        assert "Cà Mau Cape" in str(screen.grid.get_cell(str(screen.grid.cues[1].cue.id), "en"))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert en_texts(project) == before
