"""The demo project's video clip: a calm title card with a soft sea-like sound.

Owns generating that clip with ffmpeg, cheaply (a two-second segment encoded
once and looped without re-encoding) and atomically. Used by
:mod:`ttdn_studio.services.demo`; must not touch project databases.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.errors import RenderError

SEGMENT_S = 2  # the looped video segment (one GOP)


@dataclass(frozen=True)
class VideoSpec:
    """How the demo clip looks (``project.json``, key ``video``)."""

    file: str  # relative to the project folder
    width: int
    height: int
    colors: tuple[str, str]
    title: str
    subtitle: str
    tail_ms: int
    crf: int
    audio_bitrate: str


def make_video(
    spec: VideoSpec, duration_ms: int, out: Path, *, size: tuple[int, int] | None = None
) -> Path:
    """Write a calm title card with a soft sea-like sound, ``duration_ms`` long, H.264 + AAC.

    A two-second segment is encoded once and looped without re-encoding, so the
    cost hardly depends on the length. The file appears atomically at ``out``.
    """
    width, height = size or (spec.width, spec.height)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".video-", dir=out.parent) as tmp:
        work = Path(tmp)
        segment = _segment(spec, width - width % 2, height - height % 2, work)
        part = out.with_name(f".{out.name}.{os.getpid()}.part")
        _ffmpeg(
            [
                "-stream_loop",
                "-1",
                "-i",
                segment.name,
                "-f",
                "lavfi",
                "-i",
                "anoisesrc=color=brown:amplitude=0.05:sample_rate=16000:seed=7,"
                "tremolo=f=0.125:d=0.7,lowpass=f=900",
                "-map",
                "0:v:0",
                "-map",
                "1:a:0",
                "-c:v",
                "copy",
                "-c:a",
                "aac",
                "-aac_coder",
                "fast",
                "-ac",
                "1",
                "-b:a",
                spec.audio_bitrate,
                "-t",
                f"{duration_ms / 1000:.3f}",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
                str(part.resolve()),
            ],
            cwd=work,
        )
        os.replace(part, out)
    return out


def _segment(spec: VideoSpec, width: int, height: int, work: Path) -> Path:
    """The looped segment: a still gradient with the series title, if a font is at hand."""
    c0, c1 = spec.colors
    background = (
        f"gradients=s={width}x{height}:r=25:d={SEGMENT_S}:c0={c0}:c1={c1}"
        f":x0=0:y0=0:x1=0:y1={height}:speed=0.00001:seed=1"
    )
    encode = [
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-tune",
        "stillimage",
        "-crf",
        str(spec.crf),
        "-g",
        str(25 * SEGMENT_S),
        "-pix_fmt",
        "yuv420p",
        "-r",
        "25",
        "-an",
        "segment.mp4",
    ]
    titles = _title_filter(spec, height, work)
    if titles:
        try:
            _ffmpeg(["-f", "lavfi", "-i", background, "-vf", titles, *encode], cwd=work)
            return work / "segment.mp4"
        except RenderError:
            pass  # an ffmpeg without drawtext or a bad font: a plain card will do
    _ffmpeg(["-f", "lavfi", "-i", background, *encode], cwd=work)
    return work / "segment.mp4"


def _title_filter(spec: VideoSpec, height: int, work: Path) -> str:
    """drawtext filters reading files in ``work`` (relative names: nothing to escape)."""
    from ttdn_studio.errors import FontError
    from ttdn_studio.fonts import LATIN

    try:
        shutil.copyfile(LATIN.path, work / "title.ttf")
    except (FontError, OSError):
        return ""
    parts = []
    for name, text, size, y in (
        ("title", spec.title, 0.07, 0.36),
        ("subtitle", spec.subtitle, 0.042, 0.47),
    ):
        if not text:
            continue
        (work / f"{name}.txt").write_text(text, encoding="utf-8")
        parts.append(
            f"drawtext=fontfile=title.ttf:textfile={name}.txt:fontcolor=white@0.9"
            f":fontsize={max(8, round(height * size))}:x=(w-tw)/2:y={round(height * y)}"
        )
    return ",".join(parts)


def _ffmpeg(args: list[str], *, cwd: Path) -> None:
    exe = shutil.which("ffmpeg")
    if exe is None:
        raise RenderError("ffmpeg was not found")
    try:
        proc = subprocess.run(
            [exe, "-hide_banner", "-nostdin", "-v", "error", "-y", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"ffmpeg did not run ({exc})") from exc
    if proc.returncode != 0:
        detail = re.sub(r"\s+", " ", proc.stderr.strip())[-400:]
        raise RenderError(f"ffmpeg failed ({detail or f'exit {proc.returncode}'})")
