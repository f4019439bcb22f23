"""Drive a program in a real terminal: tmux on a private server, keys as escape sequences.

``send-keys`` makes tmux write the bytes a terminal writes for a key (``M-Left`` is
``ESC [1;3D``), so what the program receives is what a translator's terminal sends.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

_NAMES = {
    "left": "Left",
    "right": "Right",
    "up": "Up",
    "down": "Down",
    "pagedown": "PageDown",
    "pageup": "PageUp",
    "enter": "Enter",
    "escape": "Escape",
    "space": "Space",
    "tab": "Tab",
    "home": "Home",
    "end": "End",
    "question_mark": "?",
}
_MODIFIERS = {"ctrl": "C-", "alt": "M-", "shift": "S-"}


def tmux_key(key: str) -> str:
    """Textual's name of a key (``alt+shift+left``) as tmux's (``M-S-Left``)."""
    if key.strip() == "shift+tab":
        return "BTab"  # tmux's name: ESC [ Z
    *mods, base = key.strip().split("+")
    if "shift" in mods and len(base) == 1 and base.isalpha():  # Alt+Shift+V is ESC V
        mods, base = [m for m in mods if m != "shift"], base.upper()
    name = _NAMES.get(base) or (base.upper() if base[:1] == "f" and base[1:].isdigit() else base)
    return "".join(_MODIFIERS[m] for m in mods) + name


def need_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:  # scripts/setup.sh installs it; CI runs that script
        pytest.fail("tmux is not installed: run scripts/setup.sh")
    return tmux


class Terminal:
    """One program in a detached tmux session of ``width`` x ``height`` cells."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.tmux = need_tmux()
        self.socket = f"ttdn-test-{uuid.uuid4().hex[:10]}"
        self.session = "desk"
        full_env = {**os.environ, **env, "TERM": "xterm-256color"}
        full_env.pop("TMUX", None)
        for name in ("COLUMNS", "LINES"):  # the pane's size, not a size left in the env
            full_env.pop(name, None)
        script = " ".join(_quote(c) for c in command)
        self._run(
            "new-session", "-d", "-s", self.session, "-x", str(size[0]), "-y", str(size[1]),
            f"exec {script}",
            env=full_env,
        )  # fmt: skip
        self._run("set-option", "-t", self.session, "remain-on-exit", "on")

    def _run(self, *args: str, env: dict[str, str] | None = None) -> str:
        out = subprocess.run(
            [self.tmux, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=30,
        )
        return out.stdout

    def send(self, *keys: str) -> None:
        """Send keys by Textual's names (``ctrl+q``), one after the other."""
        for key in keys:
            self._run("send-keys", "-t", self.session, tmux_key(key))

    def type(self, text: str) -> None:
        self._run("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.session)

    def pid(self) -> int:
        return int(self._run("display-message", "-p", "-t", self.session, "#{pane_pid}").strip())

    def exited(self) -> bool:
        return self._run("display-message", "-p", "-t", self.session, "#{pane_dead}").strip() == "1"

    def exit_status(self) -> int | str | None:
        """The exit status, or the signal that killed the program (``"signal 15"``).

        tmux marks the pane dead when the program's terminal closes and records the status
        when it reaps the process, a moment later: wait a little for the status. tmux 3.3
        can miss the SIGCHLD of a program that ends just as its terminal closes and leave
        it a zombie (ended, not reaped): once the program has ended, tmux is reminded."""
        deadline = time.monotonic() + 15
        pid = self.pid()
        while True:
            if not _alive(pid):
                server = self._run("display-message", "-p", "#{pid}").strip()
                if server.isdigit():
                    os.kill(int(server), signal.SIGCHLD)
            out = self._run(
                "display-message",
                "-p",
                "-t",
                self.session,
                "#{pane_dead_status}|#{pane_dead_signal}",
            ).strip()
            if out != "|" or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        status, _, sig = out.partition("|")
        if status:
            return int(status)
        return f"signal {sig}" if sig else None

    def close(self) -> None:
        """Close the terminal; the program in it must not outlive it (a desk left running
        after its terminal closed would hold the project and the CPU)."""
        try:
            pid = self.pid()
        except ValueError:  # the pane is gone already
            pid = None
        self._run("kill-server")
        if pid is not None and not wait_for(lambda: not _alive(pid), limit=30):
            os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"the program (pid {pid}) outlived its terminal")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    try:
        return state.read_text().split(") ", 1)[1][:1] != "Z"  # a zombie has ended
    except (OSError, IndexError):
        return False


def wait_for(condition: Callable[[], bool], limit: float = 30.0, step: float = 0.02) -> bool:
    """Poll ``condition`` until it holds or ``limit`` seconds pass (a loaded CI machine is slow)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)
