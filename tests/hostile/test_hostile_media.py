"""Hostile media given to the CLI: files that are no video, and videos the voice and render
tools must cope with. A refusal names the file and leaves the project as it was."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from clips import lavfi_clip
from hostile_cli import assert_refused, dump, run

SCRIPT = "Cà Mau là tỉnh cực nam của Tổ quốc.\n\nRừng đước Năm Căn xanh ngát.\n"


def _audio_only(path: Path) -> Path:
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1"]
    subprocess.run([*cmd, "-c:a", "aac", str(path)], check=True)
    return path


def _png(path: Path) -> Path:
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=s=32x32"]
    subprocess.run([*cmd, "-frames:v", "1", "-f", "image2", "-c:v", "png", str(path)], check=True)
    return path


def _truncated(path: Path) -> Path:
    whole = lavfi_clip(path.with_suffix(".whole.mp4"), 1, size="64x36")
    path.write_bytes(whole.read_bytes()[:3000])
    return path


NOT_VIDEOS = {
    "zero bytes": (lambda p: (p.write_bytes(b""), p)[1], "not a readable video"),
    "truncated": (_truncated, "not a readable video"),
    "audio only": (_audio_only, "no video stream"),
    "a PNG named .mp4": (_png, "a still image (png), not a video"),
}


@pytest.mark.parametrize("kind", sorted(NOT_VIDEOS))
def test_import_refuses_a_video_that_is_no_video(project: Path, tmp_path: Path, kind: str) -> None:
    make, words = NOT_VIDEOS[kind]
    video = make(tmp_path / "tap 2 bản dựng.mp4")
    (tmp_path / "tap-2.txt").write_text(SCRIPT, encoding="utf-8")
    before = dump(project)
    result = run("import", project, tmp_path / "tap-2.txt", "--video", video)
    err = assert_refused(result, code=1, max_lines=1)
    assert words in err and "tap 2 bản dựng.mp4" in err
    assert dump(project) == before
