"""Running one ffmpeg process: progress from ``-progress pipe:1``, cancel, full log on disk.

The command is an argument list (never a shell string). ffmpeg writes
``key=value`` blocks to stdout ending in ``progress=continue|end``; each block
becomes a :class:`RenderProgress`. Cancelling sends ``q`` on stdin (ffmpeg
finishes the file cleanly), then terminates if it does not stop in time.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.errors import RenderError

QUIT_GRACE_S = 5.0


@dataclass(frozen=True)
class RenderProgress:
    percent: float
    speed: float | None  # × real time
    eta_s: float | None


ProgressCallback = Callable[[RenderProgress], None]


class Cancelled(RenderError):
    """The render was stopped on request."""

    title = "Cancelled"


def parse_block(block: dict[str, str], duration_ms: int, started: float) -> RenderProgress:
    """One ``-progress`` block as percent, speed and ETA (``out_time_ms`` is in microseconds)."""
    try:
        done_ms = max(0, int(block.get("out_time_ms") or block.get("out_time_us") or 0) // 1000)
    except ValueError:
        done_ms = 0
    if block.get("progress") == "end":
        return RenderProgress(100.0, _speed(block), 0.0)
    percent = min(99.9, 100.0 * done_ms / duration_ms) if duration_ms > 0 else 0.0
    speed = _speed(block)
    elapsed = time.monotonic() - started
    eta = elapsed * (100 - percent) / percent if percent > 0 else None
    return RenderProgress(round(percent, 1), speed, round(eta, 1) if eta is not None else None)


def _speed(block: dict[str, str]) -> float | None:
    text = block.get("speed", "").strip().rstrip("x")
    try:
        return float(text)
    except ValueError:
        return None


def run_ffmpeg(
    args: list[str],
    *,
    cwd: Path,
    log_path: Path,
    duration_ms: int,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Run ffmpeg to the end; :class:`Cancelled` or :class:`RenderError` (log kept) otherwise."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        log.write(("$ " + " ".join(args) + "\n").encode())
        log.flush()
        try:
            proc = subprocess.Popen(
                args, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log
            )
        except OSError as exc:
            raise RenderError(f"could not start ffmpeg ({exc}); run scripts/setup.sh") from exc
        stopped = threading.Event()
        watcher = threading.Thread(target=_watch, args=(proc, cancel, stopped), daemon=True)
        watcher.start()
        _read_progress(proc, duration_ms, progress, cancel)
        code = proc.wait()
        stopped.set()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()
        watcher.join()
    if cancel is not None and cancel.is_set():
        raise Cancelled(f"render cancelled; ffmpeg log kept in {log_path}")
    if code < 0:  # killed: its log ends wherever it was cut, and says nothing of why
        raise RenderError(
            f"ffmpeg was stopped by {_signal_name(-code)} before it finished (killed from"
            f" outside, or out of memory?); full log in {log_path}"
        )
    if code != 0:
        raise RenderError(
            f"ffmpeg failed (exit {code}): {_last_error(log_path)}; full log in {log_path}"
        )


def _signal_name(number: int) -> str:
    import signal

    try:
        return f"signal {number} ({signal.Signals(number).name})"
    except ValueError:
        return f"signal {number}"


def _read_progress(
    proc: subprocess.Popen[bytes],
    duration_ms: int,
    progress: ProgressCallback | None,
    cancel: threading.Event | None = None,
) -> None:
    assert proc.stdout is not None
    started = time.monotonic()
    block: dict[str, str] = {}
    for raw in proc.stdout:
        key, _, value = raw.decode("utf-8", "replace").strip().partition("=")
        block[key] = value
        if key == "progress":
            # a cancelled ffmpeg still ends with "progress=end": not reported as 100 %
            if progress is not None and not (cancel is not None and cancel.is_set()):
                progress(parse_block(block, duration_ms, started))
            block = {}


def _watch(
    proc: subprocess.Popen[bytes], cancel: threading.Event | None, stopped: threading.Event
) -> None:
    if cancel is None:
        return
    while not stopped.is_set() and proc.poll() is None:
        if cancel.wait(0.1):
            stop_process(proc)
            return


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """Ask ffmpeg to quit (``q``), then terminate, then kill."""
    try:
        if proc.stdin is not None:
            proc.stdin.write(b"q")
            proc.stdin.flush()
            proc.stdin.close()
    except (BrokenPipeError, OSError, ValueError):
        pass
    for step in (None, proc.terminate, proc.kill):
        if step is not None:
            step()
        try:
            proc.wait(QUIT_GRACE_S)
            return
        except subprocess.TimeoutExpired:
            continue


def _last_error(log_path: Path) -> str:
    lines = [ln.strip() for ln in log_path.read_text("utf-8", "replace").splitlines() if ln.strip()]
    interesting = [ln for ln in lines if not ln.startswith(("$ ", "frame=", "[Parsed_ass"))]
    return interesting[-1] if interesting else "no message"
