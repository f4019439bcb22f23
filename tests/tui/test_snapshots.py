"""Snapshots of the desk's screens (the episode at a small and a roomy terminal size)."""

from __future__ import annotations

import fcntl
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from desk_fixtures import build_project, wait_until
from desk_fixtures import settle as settle_workers

from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.widgets.waveform import WaveformStrip


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Workers done, and the waveform strip drawn (it loads a moment after the cue settles):
    a snapshot must not depend on which came first."""
    await settle_workers(pilot)

    def strip_drawn() -> bool:
        strips = pilot.app.screen.query(WaveformStrip)
        return not strips or all(s.lines or s.cue is None for s in strips)

    await wait_until(pilot, strip_drawn, limit=10)
    await settle_workers(pilot)


@pytest.fixture
def snapshot_project(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    monkeypatch.setenv("TTDN_USER", "editor")
    # a recount of the QC badges after typing must not land in the middle of a snapshot
    monkeypatch.setattr("ttdn_studio.tui.widgets.cue_grid.QC_RECOUNT_DELAY_S", 3600)
    monkeypatch.setattr("ttdn_studio.tui.screens.projects.today", lambda: date(2026, 6, 30))
    # the projects screen shows the projects folder's path: the same one on every run, so
    # two test runs on one machine take turns with it (a lock per snapshot)
    folder = Path(tempfile.gettempdir()) / "ttdn-snapshots" / request.node.name / "projects"
    folder.parent.parent.mkdir(exist_ok=True)
    with (folder.parent.parent / f"{request.node.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(folder, ignore_errors=True)
        monkeypatch.setenv("TTDN_PROJECTS_DIR", str(folder))
        build_project(folder / "tap-thu").close()
        yield folder / "tap-thu"
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_episode_screen(snap_compare, snapshot_project: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def move_and_type(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        assert await wait_until(pilot, lambda: pilot.app.screen.grid.qc_counted)  # badges: a worker
        await pilot.press("down", "_")
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=move_and_type)


@pytest.mark.parametrize(
    "key",
    ["f6", "ctrl+r", "f9", "ctrl+o", "f1"],
    ids=["qc", "render", "glossary", "projects", "help"],
)
def test_other_screens(snap_compare, snapshot_project: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    async def open_screen(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        assert await wait_until(
            pilot, lambda: pilot.app.screen.grid.qc_counted
        )  # the badges behind
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=(120, 40), run_before=open_screen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize("key", ["alt+e", "f8", "alt+r"], ids=["source", "approve", "replace"])
def test_desk_questions(
    snap_compare, snapshot_project: Path, key: str, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    """The source editor (Alt+E), the approval question over a QC error (F8) and find and
    replace (Alt+R)."""

    async def ask(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        desk = pilot.app.screen
        assert await wait_until(pilot, lambda: desk.grid.qc_counted)
        assert await wait_until(pilot, lambda: desk.assist.last is not None)  # the panel behind
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        pilot.app.screen.set_focus(None)  # a blinking cursor is no part of the picture
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=ask)


def editorial_setup(project: Path) -> None:
    """The first cue speaks of Biển Đông and its English says "South China Sea" (a sensitive
    finding); the person at the desk is a translator, with the clip's English assigned."""
    from ttdn_studio.services.editorial import set_role
    from ttdn_studio.services.reviewing import assign
    from ttdn_studio.store import open_project

    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[0].cue
        store.edit_source(cue.id, "Biển Đông là vùng biển của Tổ quốc.", cue.version)
        tr = store.translation(cue.id, "en")
        store.edit_translation(
            cue.id, "en", "The South China Sea is our sea.", expected_version=tr.version
        )
        assign(store, "tap-01", "en", "editor")
        set_role(store, "editor", "translator")


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_gate_panel(snap_compare, snapshot_project: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Alt+Shift+G: the clip's open sensitive finding and each language's air state."""
    editorial_setup(snapshot_project)

    async def open_gate(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        assert await wait_until(pilot, lambda: pilot.app.screen.grid.qc_counted)
        await pilot.press("alt+shift+g")
        await settle(pilot)
        assert await wait_until(pilot, lambda: getattr(pilot.app.screen, "loaded", False))
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=open_gate)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_projects_mine(snap_compare, snapshot_project: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The projects screen with "mine" on (Alt+Shift+M): what waits for me, my progress."""
    editorial_setup(snapshot_project)

    async def mine(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        assert await wait_until(pilot, lambda: pilot.app.screen.grid.qc_counted)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert await wait_until(pilot, lambda: bool(pilot.app.screen.infos))
        await pilot.press("alt+shift+m")
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=mine)
