"""Tiny video clips generated with real ffmpeg (no downloads) for render and desk tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

GREY = "0x707070"


def lavfi_clip(
    path: Path, seconds: float, size: str = "640x360", colour: str = GREY, audio: str = "aac"
) -> Path:
    """An H.264 clip of one flat colour with a sine tone, ``seconds`` long."""
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"color=c={colour}:s={size}:r=25:d={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=f=440:d={seconds}",
            "-shortest",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            audio,
            str(path),
        ],
        check=True,
    )
    return path


def frame_png(video: Path, seconds: float) -> bytes:
    """One decoded frame of ``video`` at ``seconds``, as PNG bytes (real ffmpeg)."""
    return subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-ss",
            f"{seconds}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            "-f",
            "image2pipe",
            "-c:v",
            "png",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
