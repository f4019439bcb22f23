"""What a source video is: size, duration, frame rate and audio codec (ffprobe)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ttdn_studio.errors import RenderError


@dataclass(frozen=True)
class SourceInfo:
    path: Path
    width: int
    height: int
    duration_ms: int
    fps: float
    audio_codec: str | None  # None: no audio stream

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


def ffmpeg_reason(stderr: str, path: Path, default: str) -> str:
    """The last line ffmpeg or ffprobe wrote, without the file's name in front (the error
    names the file already): ``Invalid data found when processing input``."""
    lines = stderr.strip().splitlines()
    if not lines:
        return default
    last = lines[-1].strip()
    for name in (str(path), str(path.resolve()), f"file:{path.resolve()}"):
        last = last.removeprefix(f"{name}: ")
    return last


def probe(path: Path) -> SourceInfo:
    """Read the first video stream's facts; :class:`RenderError` naming the file if unreadable."""
    import ffmpeg

    if not path.is_file():
        raise RenderError("video file not found", file=path)
    try:
        info = ffmpeg.probe(str(path.resolve()))
    except ffmpeg.Error as exc:
        detail = ffmpeg_reason(
            (exc.stderr or b"").decode("utf-8", "replace"), path, "ffprobe failed"
        )
        raise RenderError(f"not a readable video ({detail})", file=path) from exc
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    if video is None or not video.get("width"):
        raise RenderError("the file has no video stream", file=path)
    container = str(info.get("format", {}).get("format_name") or "")
    if container == "image2" or container.endswith("_pipe"):
        codec = video.get("codec_name") or container.removesuffix("_pipe")
        raise RenderError(f"the file is a still image ({codec}), not a video", file=path)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    duration = float(info.get("format", {}).get("duration") or video.get("duration") or 0)
    return SourceInfo(
        path=path,
        width=int(video["width"]),
        height=int(video["height"]),
        duration_ms=round(duration * 1000),
        fps=_rate(video.get("avg_frame_rate") or "0/1"),
        audio_codec=audio.get("codec_name") if audio else None,
    )


def _rate(text: str) -> float:
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return 0.0
    return float(value)


def check_output(path: Path, expected: SourceInfo) -> int:
    """That ``path`` is a whole render of ``expected``: its duration in ms, else RenderError.

    ffprobe must read the file, find a video stream (and an audio stream when
    the source has one) and a duration within two frames of the source's, for
    the container and for the video stream alike. A file cut short by a crash,
    or written over by another process, fails here and is never marked done.
    """
    import ffmpeg

    try:
        info = ffmpeg.probe(str(path.resolve()))
    except ffmpeg.Error as exc:
        detail = ffmpeg_reason(
            (exc.stderr or b"").decode("utf-8", "replace"), path, "ffprobe failed"
        )
        raise RenderError(f"the rendered file is unreadable ({detail})", file=path) from exc
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    if video is None:
        raise RenderError("the rendered file has no video stream", file=path)
    if expected.audio_codec is not None and not any(
        s.get("codec_type") == "audio" for s in streams
    ):
        raise RenderError("the rendered file has lost the audio stream", file=path)
    frame_ms = 1000 / expected.fps if expected.fps > 0 else 40.0
    tolerance = max(2 * frame_ms, 50.0)
    durations = {
        "file": _seconds(info.get("format", {}).get("duration")),
        "video": _seconds(video.get("duration")),
    }
    for what, seconds in durations.items():
        if seconds is None and what == "video":
            continue  # not every container states it per stream
        got = round((seconds or 0) * 1000)
        if expected.duration_ms > 0 and abs(got - expected.duration_ms) > tolerance:
            raise RenderError(
                f"the rendered {what} lasts {got / 1000:.3f} s, the source "
                f"{expected.duration_ms / 1000:.3f} s: incomplete output",
                file=path,
            )
        if got <= 0:
            raise RenderError("the rendered file has no duration", file=path)
    _check_tail(path, expected, tolerance)
    return round((durations["file"] or 0) * 1000)


def _check_tail(path: Path, expected: SourceInfo, tolerance: float) -> None:
    """Read the packets of the last seconds: their data must be in the file, to the end.

    The index (``moov``) sits at the front of a ``+faststart`` file, so a file
    cut short afterwards still states its full duration; reading the last
    packets finds the cut.
    """
    end_s = expected.duration_ms / 1000
    cmd = ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time"]
    cmd += ["-read_intervals", f"{max(0.0, end_s - 3):.3f}%", "-of", "csv=p=0", str(path)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"ffprobe could not check the rendered file ({exc})", file=path) from None
    problems = done.stderr.strip().splitlines()
    if done.returncode != 0 or problems:
        detail = problems[-1] if problems else f"ffprobe exit {done.returncode}"
        raise RenderError(f"the rendered file is damaged ({detail})", file=path)
    times = [
        t for t in (_seconds(line.strip(",")) for line in done.stdout.split()) if t is not None
    ]
    frame_ms = 1000 / expected.fps if expected.fps > 0 else 40.0
    last_ms = round(max(times, default=0.0) * 1000 + frame_ms)
    if expected.duration_ms > 0 and last_ms < expected.duration_ms - tolerance:
        raise RenderError(
            f"the rendered video stops at {last_ms / 1000:.3f} s of "
            f"{expected.duration_ms / 1000:.3f} s: incomplete output",
            file=path,
        )


def _seconds(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
