"""The desk application: opens a project on the episode screen; themes, keys, help."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui import keys
from ttdn_studio.tui.commands import DeskCommands
from ttdn_studio.tui.config import DARK_THEME, LIGHT_THEME, DeskConfig, load_config, save_theme
from ttdn_studio.tui.messages import WorkFailed


class TtdnApp(App[None]):
    """TTĐN Studio's desk."""

    CSS_PATH = "desk.tcss"
    TITLE = "TTĐN Studio"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = keys.APP

    def __init__(
        self, project_path: Path | None = None, *, config_path: Path | None = None
    ) -> None:
        super().__init__()
        from ttdn_studio import locations
        from ttdn_studio.tui.format import measure_like_the_terminal, wrap_khmer_between_words

        measure_like_the_terminal()
        wrap_khmer_between_words()

        self._exit_watched = False  # the watch that ends a process stuck in shutdown
        self.project_path = project_path
        self.config_path = config_path or locations.config_file()
        self.config_error: TtdnError | None = None
        try:
            self.config = load_config(self.config_path)
        except TtdnError as exc:
            self.config, self.config_error = DeskConfig(), exc
        self.set_keymap(self.config.keys)
        self.theme = self.config.theme if self.config.theme in self.available_themes else DARK_THEME
        self._stores: list[object] = []
        # long jobs (renders, machine drafts) in worker threads: quitting stops them through these
        self.running_jobs: dict[threading.Event, str] = {}

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications show paths, cue text and error messages as typed: never as markup.

        A folder named ``[2026]`` or a cue reading ``[music]`` must appear as is, not
        vanish or raise a markup error.
        """
        message = keys.in_users_keys(message, self.config.keys)  # remapped keys as they are
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        self.watch_signals()
        if self.config_error is not None:
            self.notify(
                str(self.config_error), title="Settings ignored", severity="warning", timeout=10
            )
        if self.project_path is None:
            from ttdn_studio.tui.screens.projects import ProjectsScreen

            self.push_screen(ProjectsScreen())
        else:
            self.open_project(self.project_path)

    def open_project(self, path: Path, clip: str | None = None) -> bool:
        """Show ``path`` on a fresh episode screen (closing any other open screens)."""
        from ttdn_studio.store import open_project
        from ttdn_studio.tui.screens.episode import EpisodeDesk

        try:
            store = open_project(path)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return False
        self._stores.append(store)
        if store.memory_queue():  # approvals the translation memory has not received yet
            from ttdn_studio.services.workflow import flush_memory_queue

            flush_memory_queue(
                store, on_note=lambda msg: self.notify(msg, severity="warning", timeout=10)
            )
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(EpisodeDesk(store, clip))
        return True

    def on_work_failed(self, message: WorkFailed) -> None:
        """The error toast of every job started with :func:`~ttdn_studio.tui.jobs.run_job`."""
        if message.toast:
            self.notify(message.message, title=message.title, severity="error", timeout=8)

    def action_help(self) -> None:
        from ttdn_studio.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(type(self.screen), self.config.keys))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        self.config.theme = self.theme
        save_theme(self.config_path, self.theme)

    def track_job(self, stop: threading.Event, label: str) -> None:
        """A long job in a worker thread that quitting must stop (``stop`` is its cancel flag)."""
        self.running_jobs[stop] = label

    def untrack_job(self, stop: threading.Event) -> None:
        self.running_jobs.pop(stop, None)

    async def action_quit(self) -> None:
        """Quit at once, unless long jobs are running: then ask, and stop them cleanly first
        (a thread cannot be killed, so quitting would otherwise wait for them to finish)."""
        running = {
            stop: label for stop, label in list(self.running_jobs.items()) if not stop.is_set()
        }
        if not running:
            self.exit()
            return
        from ttdn_studio.tui.dialogs import ConfirmDialog

        def answer(stop_them: bool | None) -> None:
            if stop_them:
                for stop in running:
                    stop.set()
                self.exit()

        names = ", ".join(running.values())
        self.push_screen(
            ConfirmDialog(
                "Quit while work is running?",
                f"Still running: {names}. Quitting stops them: unfinished render "
                "files are removed, finished outputs stay, and a machine draft "
                "that has not finished writes nothing.",
                yes="Stop and quit",
            ),
            answer,
        )

    # ------------------------------------------------------- nothing typed is lost
    def save_typing(self) -> None:
        """Save what the editors of every open screen hold and have not saved yet."""
        from ttdn_studio.tui.widgets.cue_editor import CueEditor

        for screen in self.screen_stack:
            for editor in screen.query(CueEditor):
                try:
                    editor.flush()
                except Exception:  # noqa: BLE001 (quitting goes on; the others still save)
                    continue

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Every way out (Ctrl+Q, the palette, a closed terminal) saves the typing first,
        and on a real terminal the process ends even if shutting the screen down hangs
        (Textual's output thread can wait forever on a terminal that is slow or gone)."""
        self.save_typing()
        super().exit(*args, **kwargs)
        if not self.is_headless and not self._exit_watched:
            self._exit_watched = True
            threading.Thread(target=_end_after_grace, name="ttdn-exit-watch", daemon=True).start()

    def watch_signals(self) -> None:
        """SIGTERM and SIGHUP (the terminal closed): save, then quit cleanly."""
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self.terminal_gone)
        except (RuntimeError, NotImplementedError, ValueError):
            pass  # not the main thread (tests) or no signals on this platform

    def terminal_gone(self) -> None:
        """The terminal closed (or the desk was told to stop): save and quit (``exit`` makes
        sure the process ends even if shutting the screen down hangs)."""
        self.exit()  # the typing is saved first, in the loop, before anything else

    def on_unmount(self) -> None:
        from ttdn_studio.media.player import stop_all

        stop_all()  # no cue goes on playing after the desk
        for store in self._stores:
            store.close()  # type: ignore[attr-defined]


EXIT_GRACE_S = 5.0  # a clean shutdown takes well under a second


def _end_after_grace(grace: float | None = None) -> None:
    """End the process if it is still here ``grace`` seconds after its terminal went away
    (Textual's output thread can wait forever on a closed terminal). Everything typed was
    saved before; SQLite's committed transactions are on disk."""
    time.sleep(EXIT_GRACE_S if grace is None else grace)
    os._exit(0)


def run_app(project_path: Path) -> None:
    """Open the desk on ``project_path`` (a project folder)."""
    TtdnApp(Path(project_path)).run()


def run_projects() -> None:
    """Open the desk on the projects folder (no project chosen yet)."""
    TtdnApp(None).run()
