"""Playing a stretch of a clip's audio through a player the machine has (Debian's ``ffplay``).

The command is injectable: ``TTDN_PLAYER`` (a shell-quoted command) or the ``command``
argument replaces ``ffplay -nodisp -autoexit``; the player gets ``-ss SECONDS -t SECONDS
FILE`` appended. Its output goes to a temporary file, read when it ends: ffplay exits 0
even when it found no audio device, so its words are what tell the user.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ttdn_studio.errors import MediaError

PLAYER_ENV = "TTDN_PLAYER"
DEFAULT_PLAYER = ("ffplay", "-nodisp", "-autoexit", "-loglevel", "error")
PRE_ROLL_MS = 1000  # a cue is played from a little before it
_NO_DEVICE = ("audio open failed", "couldn't open audio device", "no available audio device")


def player_command(command: list[str] | None = None) -> list[str]:
    """The player to run (``command``, else ``$TTDN_PLAYER``, else ffplay); says when there is none."""
    if command is None:
        from ttdn_studio.settings import current

        configured = current().player
        command = shlex.split(configured) if configured else list(DEFAULT_PLAYER)
    if not command or shutil.which(command[0]) is None:
        name = command[0] if command else "(empty)"
        raise MediaError(
            f"no audio player: {name!r} was not found; install Debian's ffmpeg (it has ffplay) "
            f"or set {PLAYER_ENV} to a player command"
        )
    return command


@dataclass(eq=False)
class Playback:
    """One running player: where its playhead is, whether it ended, and what went wrong."""

    start_ms: int
    end_ms: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    started: float = field(default_factory=time.monotonic)
    stopped: bool = False

    def position_ms(self) -> int:
        """The playhead: the clip time being heard now (by the wall clock since the start)."""
        elapsed = round((time.monotonic() - self.started) * 1000)
        return min(self.end_ms, self.start_ms + elapsed)

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Stop the player (it is waited for; nothing is left behind)."""
        self.stopped = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def problem(self) -> str | None:
        """Once ended: the player's own error line if it could not play (no audio device…)."""
        if self.process.poll() is None or self.stopped:
            return None
        self.log.seek(0)
        lines = [x.strip() for x in self.log.read().decode(errors="replace").splitlines()]
        no_device = [x for x in lines if any(f in x.lower() for f in _NO_DEVICE)]
        if no_device:
            return f"no audio device: {no_device[-1]}"
        bad = [x for x in lines if "error" in x.lower() or "failed" in x.lower()]
        if bad:
            return bad[-1]
        if self.process.returncode != 0:
            return (
                lines[-1] if lines else ""
            ) or f"the player exited with {self.process.returncode}"
        return None

    def close(self) -> None:
        self.stop()
        self.log.close()
        _LIVE.discard(self)


_LIVE: set[Playback] = set()  # players started and not closed yet


def stop_all() -> None:
    """Stop every player still running (the desk calls it when it closes)."""
    for playback in list(_LIVE):
        playback.close()


def play(
    media: Path,
    start_ms: int,
    end_ms: int,
    command: list[str] | None = None,
    pre_roll_ms: int = PRE_ROLL_MS,
) -> Playback:
    """Start playing ``media`` from ``pre_roll_ms`` before ``start_ms`` to ``end_ms``."""
    if not media.is_file():
        raise MediaError("the clip's video file is missing", file=media)
    cmd = player_command(command)
    begin = max(0, start_ms - pre_roll_ms)
    seconds = max(0.1, (end_ms - begin) / 1000)
    log = tempfile.TemporaryFile()  # noqa: SIM115 (Playback.close closes it)
    try:
        process = subprocess.Popen(
            [*cmd, "-ss", f"{begin / 1000:.3f}", "-t", f"{seconds:.3f}", str(media)],
            stdin=subprocess.PIPE,  # never the desk's terminal: ffplay would read its keys
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    except OSError as exc:
        log.close()
        raise MediaError(f"the player could not start: {exc}") from None
    if process.stdin is not None:
        process.stdin.close()
    playback = Playback(begin, end_ms, process, log)
    _LIVE.add(playback)
    return playback
