"""Approving a cue with QC errors asks first and lists the errors."""

from __future__ import annotations

from pathlib import Path

from desk_fixtures import episode, settle
from textual.widgets import Static

from ttdn_studio.models import Status
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs import ConfirmDialog

SIZE = (120, 40)


def status_of(project: Path, cue_id: int) -> Status:
    with open_project(project) as store:
        return Status(store.translation(cue_id, "en").status)


async def test_approving_over_a_qc_error_asks_and_no_keeps_the_status(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        cue_id = screen.grid.current_id  # cue 1: its English line is 47 characters
        assert cue_id is not None
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "#1 line_length" in body and "47 characters" in body
        await pilot.press("n")
        await settle(pilot)
        assert status_of(project, cue_id) == Status.MT

        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert status_of(project, cue_id) == Status.APPROVED


async def test_approving_a_clean_cue_does_not_ask(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down")
        cue_id = screen.grid.current_id
        assert cue_id is not None
        await pilot.press("f8")
        await settle(pilot)
        assert app.screen is screen
        assert status_of(project, cue_id) == Status.APPROVED
