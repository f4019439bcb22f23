"""A small deterministic project for driving the desk, built with the store API."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path

from ttdn_studio.models import Project, Status
from ttdn_studio.store import NewCue, ProjectStore, create_project

LINES = [
    ("Cà Mau là tỉnh cực Nam của Tổ quốc.", "Ca Mau is the southernmost province of Vietnam."),
    ("Mũi Cà Mau có rừng đước bạt ngàn.", "Ca Mau Cape has vast mangrove forests."),
    ("Người dân sống nhờ con tôm, con cua.", ""),
    ("Rừng U Minh Hạ nổi tiếng với mật ong.", "U Minh Ha forest is famous for its honey."),
    ("Chợ nổi Cà Mau họp từ sáng sớm.", ""),
    ("Đất Mũi đón khách du lịch quanh năm.", "Dat Mui welcomes visitors all year round."),
]


def build_project(
    path: Path,
    *,
    cues: int = len(LINES),
    clips: tuple[str, ...] = ("tap-01",),
    video: Path | None = None,
) -> ProjectStore:
    """A project whose clips have ``cues`` cues (texts cycle through LINES), the first with ``video``."""
    store = create_project(path, Project(title="Cà Mau - Đất và người, tập thử"))
    for clip in clips:
        store.add_clip(clip, video=str(video) if video and clip == clips[0] else None)
        new = []
        for i in range(cues):
            vi, en = LINES[i % len(LINES)]
            trs = {"en": en} if en else {}
            statuses = {"en": Status.MT} if en else {}
            new.append(NewCue(i * 3000, i * 3000 + 2500, vi, translations=trs, statuses=statuses))
        store.add_cues(clip, new)
    return store


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the workers (a newer lookup cancelling an older one is normal)."""
    from textual.worker import WorkerCancelled

    with contextlib.suppress(WorkerCancelled):
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_import_dialog(pilot):  # type: ignore[no-untyped-def]
    """Alt+I, as a person presses it: the import dialog is on top (returned)."""
    from ttdn_studio.tui.dialogs.files import ImportDialog

    await pilot.press("alt+i")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ImportDialog)
    return dialog


async def wait_until(pilot, condition: Callable[[], bool], limit: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (or ``limit`` seconds pass); returns it.

    A slow, shared CI machine must not turn a timer-driven feature into a flaky test,
    so the test waits for the effect instead of sleeping a fixed time.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        if loop.time() > deadline:
            return False
        await pilot.pause(0.05)
    return True


def episode(app):  # type: ignore[no-untyped-def]
    """The app's episode screen, saving on flush only (whatever the machine's speed)."""
    from ttdn_studio.tui.screens.episode import EpisodeDesk

    assert isinstance(app.screen, EpisodeDesk)
    app.screen.editor.save_delay = 60
    return app.screen
