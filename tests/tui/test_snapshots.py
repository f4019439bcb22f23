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


MEMORY_PAIRS = [
    ("Mũi Cà Mau là điểm cực Nam.", "Ca Mau Cape is the southernmost point."),
    ("Tỉnh ủy Cà Mau họp sáng nay.", "The Ca Mau Provincial Party Committee met this morning."),
    ("Chợ nổi Cà Mau họp từ sáng sớm.", "The Ca Mau floating market opens at dawn."),
]


def prepare_lookup(project: Path, which: str) -> None:
    """Approved English with QC errors (the render warning), or a memory to search."""
    from ttdn_studio.models import Status
    from ttdn_studio.store import open_project
    from ttdn_studio.store.translation_memory import TranslationMemory
    from ttdn_studio.tm.memory import TmUnit

    if which == "render_warning":
        with open_project(project) as store:
            rows = store.cue_rows("tap-01")
            store.set_translations(
                [
                    (rows[0].cue.id, "en", "Ca Mau, the far south."),
                    (rows[1].cue.id, "en", "Camau Cape has vast mangrove forests."),
                    (rows[3].cue.id, "en", "U Minh Ha forest is famous for its honey, all of it."),
                ],
                status=Status.APPROVED,
                origin="human",
            )
        return
    tm = TranslationMemory()
    try:
        tm.add_many(
            TmUnit(vi, en, "vi", "en", project="tap-01", updated_at=f"2026-06-0{i + 1}")
            for i, (vi, en) in enumerate(MEMORY_PAIRS)
        )
    finally:
        tm.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize("which", ["render_warning", "concordance"])
def test_desk_lookups(
    snap_compare, snapshot_project: Path, which: str, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    """The warning before a render burns approved text with QC errors (Ctrl+R, Ctrl+S) and
    the memory's concordance (Shift+F2, "Cà Mau")."""
    from ttdn_studio.tui.dialogs.concordance import ConcordanceDialog
    from ttdn_studio.tui.dialogs.render_warning import RenderWarningDialog

    prepare_lookup(snapshot_project, which)

    async def look(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        desk = pilot.app.screen
        assert await wait_until(pilot, lambda: desk.grid.qc_counted)
        assert await wait_until(pilot, lambda: desk.assist.last is not None)  # the panel behind
        await settle(pilot)
        if which == "render_warning":
            await pilot.press("ctrl+r")
            await settle(pilot)
            await pilot.press("ctrl+s")
            assert await wait_until(
                pilot, lambda: isinstance(pilot.app.screen, RenderWarningDialog)
            )
        else:
            await pilot.press("shift+f2")
            assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConcordanceDialog))
            await pilot.press(*"Cà Mau")
            dialog = pilot.app.screen
            assert await wait_until(pilot, lambda: dialog.searched == "Cà Mau")
            dialog.set_focus(None)  # a blinking cursor is no part of the picture
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=look)


FIXED_TIME = "2026-06-30T02:15:00+00:00"  # 09:15 at the station (Asia/Ho_Chi_Minh)


@pytest.fixture
def editorial_project(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every edit and note of the snapshot project at one fixed time (before it is built)."""
    monkeypatch.setattr("ttdn_studio.store.project_store.now_iso", lambda: FIXED_TIME)
    monkeypatch.setattr("ttdn_studio.store.editorial.now_iso", lambda: FIXED_TIME)
    yield


def two_people_worked_on(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anh post-edits cue 2 and asks in a note; Binh approves it, rewords it, answers."""
    from ttdn_studio.services.reviewing import add_note, notes_of_cue, resolve_note
    from ttdn_studio.services.workflow import set_status
    from ttdn_studio.store import open_project

    monkeypatch.setenv("TTDN_USER", "anh")
    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[1].cue.id
        tr = store.translation(cue, "en")
        store.edit_translation(
            cue, "en", "The Ca Mau Cape has vast mangrove forests.", expected_version=tr.version
        )
        add_note(store, "tap-01", 2, "en", "“Ca Mau Cape” or “Cape Ca Mau” in our style?")
    monkeypatch.setenv("TTDN_USER", "binh")
    with open_project(project) as store:
        set_status(store, [cue], "en", "approved")
        tr = store.translation(cue, "en")
        store.edit_translation(
            cue, "en", "Cape Ca Mau has vast mangrove forests.", expected_version=tr.version
        )
        resolve_note(store, notes_of_cue(store, cue)[0].id)
        add_note(store, "tap-01", 2, "en", "Our style sheet says Cape Ca Mau; please check cue 6")
    monkeypatch.setenv("TTDN_USER", "editor")


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize(
    "key", ["alt+z", "alt+shift+v", "alt+i"], ids=["wide", "attach-video", "import"]
)
def test_desk_views(snap_compare, snapshot_project: Path, key: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The wide view of full texts (Alt+Z, on the second cue), the clip's video (Alt+Shift+V)
    and the import dialog (Alt+I)."""

    async def show(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        desk = pilot.app.screen
        assert await wait_until(pilot, lambda: desk.grid.qc_counted)
        assert await wait_until(pilot, lambda: desk.assist.last is not None)  # the panel behind
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        if key == "alt+z":
            await pilot.press("down")
            await settle(pilot)
        pilot.app.screen.set_focus(None)  # a blinking cursor is no part of the picture
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_preview_stacked(snap_compare, snapshot_project: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The preview frame (Alt+V) re-rendered as Vietnamese over English (its key: 5)."""
    from ttdn_studio.tui.screens.preview import PreviewScreen

    async def preview(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        desk = pilot.app.screen
        assert await wait_until(pilot, lambda: desk.grid.qc_counted)
        assert await wait_until(pilot, lambda: desk.assist.last is not None)  # the panel behind
        await settle(pilot)
        # "rendering…" and "saved" toasts come and fade at the machine's pace: not pictured
        pilot.app.notify = lambda *args, **kwargs: None
        await pilot.press("alt+v")
        assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, PreviewScreen), 60)
        screen = pilot.app.screen
        first = screen.path
        await pilot.press("5")
        assert await wait_until(pilot, lambda: screen.path != first, limit=60)
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=preview)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize(
    "key", ["alt+shift+n", "alt+shift+h", "alt+shift+r"], ids=["notes", "history", "review"]
)
def test_editorial_views(
    snap_compare,  # type: ignore[no-untyped-def]
    editorial_project: None,
    snapshot_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    size: tuple[int, int],
) -> None:
    """The notes of a cue (Alt+Shift+N), its history (Alt+Shift+H) and the review view
    (Alt+Shift+R) after two people worked on it."""
    two_people_worked_on(snapshot_project, monkeypatch)

    async def open_view(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        desk = pilot.app.screen
        assert await wait_until(pilot, lambda: desk.grid.qc_counted)
        assert await wait_until(pilot, lambda: desk.assist.last is not None)  # the panel behind
        await pilot.press("down")
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        pilot.app.screen.set_focus(None)  # a blinking cursor is no part of the picture
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, run_before=open_view)


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


def test_models_screen(
    snap_compare, snapshot_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Alt+Shift+T: two installed packages, a damaged folder and the pairs they give."""
    from fixture_models import EN_KM, VI_EN

    from ttdn_studio.translate.packages import install_package, packages_dir

    # the screen shows the models folder's path: the snapshot's own folder, as the projects'
    monkeypatch.setenv("TTDN_DATA_DIR", str(snapshot_project.parent.parent / "data"))
    install_package(VI_EN)
    install_package(EN_KM)
    (packages_dir() / "half-copied").mkdir()

    async def open_models(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        assert await wait_until(pilot, lambda: pilot.app.screen.grid.qc_counted)
        await pilot.press("alt+shift+t")
        await settle(pilot)
        assert await wait_until(pilot, lambda: pilot.app.screen.overview is not None)
        await settle(pilot)

    assert snap_compare(TtdnApp(snapshot_project), terminal_size=(120, 40), run_before=open_models)
