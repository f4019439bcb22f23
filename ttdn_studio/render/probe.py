"""What a source video is: size, duration, frame rate and audio codec (ffprobe)."""

from __future__ import annotations

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


def probe(path: Path) -> SourceInfo:
    """Read the first video stream's facts; :class:`RenderError` naming the file if unreadable."""
    import ffmpeg

    if not path.is_file():
        raise RenderError("video file not found", file=path)
    try:
        info = ffmpeg.probe(str(path.resolve()))
    except ffmpeg.Error as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            f"not a readable video ({detail[-1] if detail else 'ffprobe failed'})", file=path
        ) from exc
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    if video is None or not video.get("width"):
        raise RenderError("the file has no video stream", file=path)
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
