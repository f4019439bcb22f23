"""The desk shows times on the station's clock: the gate panel's clearance and sign-offs,
the notes, and the review view's "since" date (midnight at the station), for a station
whose profile sits beside the project, in a zone other than UTC and the default one."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import episode, settle, wait_until
from textual.widgets import DataTable, Static
from three_cues import three_cue_project

from ttdn_studio.models.station import StationProfile, station_toml
from ttdn_studio.services import editorial, reviewing
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.notes import NotesDialog
from ttdn_studio.tui.screens.gate import GateScreen
from ttdn_studio.tui.screens.review import ReviewScreen

SIZE = (120, 40)
# 02:30 UTC on the 3rd is 21:30 on the 2nd in New York: the date differs from UTC's
LATE = "2026-12-03T02:30:00+00:00"


def at(monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    """Whatever is written next is stored at ``stamp`` (UTC)."""
    monkeypatch.setattr("ttdn_studio.store.project_store.now_iso", lambda: stamp)
    monkeypatch.setattr("ttdn_studio.store.editorial.now_iso", lambda: stamp)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project imported on 1 November, Hoa its chief editor, at a New York station."""
    path = tmp_path / "station" / "episode"
    with monkeypatch.context() as m:
        at(m, "2026-11-01T02:00:00+00:00")
        store = three_cue_project(path)
        store.author = "hoa"
        editorial.set_role(store, "hoa", "chief")
        store.close()
    (path.parent / "station.toml").write_text(
        station_toml(StationProfile(time_zone="America/New_York")), encoding="utf-8"
    )
    monkeypatch.setenv("TTDN_USER", "hoa")
    return path


async def test_gate_clearance_and_sign_off_times_are_on_the_station_clock(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_project(folder) as store:
        cue = store.cue_rows("intro")[1].cue.id
        store.edit_translation(cue, "en", "The South China Sea is vast.", expected_version=1)
        with monkeypatch.context() as m:
            at(m, LATE)
            editorial.sign_off(store, "intro", 2, "en", "Quoted from a foreign statement")
            editorial.clear(store, "intro", "en")
    app = TtdnApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("alt+shift+g")
        await settle(pilot)
        gate = app.screen
        assert isinstance(gate, GateScreen)
        assert await wait_until(pilot, lambda: gate.loaded)
        state = str(gate.query_one("#gate-state", Static).render())
        assert "en: cleared by hoa 2026-12-02 21:30" in state
        detail = str(gate.query_one("#gate-detail", Static).render())
        assert "signed off by hoa 2026-12-02 21:30" in detail


async def test_notes_show_the_station_clock_of_the_project(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_project(folder) as store, monkeypatch.context() as m:
        at(m, LATE)
        reviewing.add_note(store, "intro", 2, "en", "East Sea, please")
    app = TtdnApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("down", "alt+shift+n")
        await pilot.pause()
        assert isinstance(app.screen, NotesDialog)
        table = app.screen.query_one("#notes", DataTable)
        assert [str(table.get_cell(k, "when")) for k in table.rows] == ["2026-12-02 21:30"]


async def test_the_review_views_since_date_is_midnight_at_the_station(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_project(folder) as store:
        for index, stamp in ((1, "2026-12-02T04:30:00+00:00"), (3, "2026-12-02T05:30:00+00:00")):
            cue = store.cue_rows("intro")[index - 1].cue.id
            with monkeypatch.context() as m:
                at(m, stamp)  # 23:30 on the 1st, then 00:30 on the 2nd, in New York
                store.edit_translation(cue, "en", f"Changed {index}.", expected_version=1)
    app = TtdnApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+shift+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.click("#since")
        await pilot.press(*"2026-12-02", "enter")
        await pilot.pause()
        table = review.query_one("#changes", DataTable)
        assert [str(table.get_cell(k, "#")) for k in table.rows] == ["3"]
