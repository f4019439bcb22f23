"""Benchmark: burning subtitles vs. the same encode without them (broadcast preset).

Generates a 60-second 1080p clip (lavfi testsrc2 + sine), renders it with the
broadcast preset through ``render_batch`` (stacked Khmer above English, one cue
every 3 s), then encodes the same clip with the same encoder settings and no
subtitles. Prints both times and the ratio (aim: ≤ 1.10). Never fails on time.

    .venv/bin/python scripts/bench_render.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from ttdn_studio.models import Project, Status
from ttdn_studio.render.presets import get_preset
from ttdn_studio.services.rendering import render_batch
from ttdn_studio.store import create_project
from ttdn_studio.store.project_store import NewCue

LINES = [
    ("Cà Mau - Đất và người", "Ca Mau - Land and People", "ទឹកខ្មៅ - ដី និងមនុស្ស"),
    ("Rừng đước Năm Căn", "The Nam Can mangrove forest", "ព្រៃកោងកាងណាមកាន"),
    (
        "Ở cực Nam của Tổ quốc,\nCà Mau có ba mặt giáp biển.",
        "At the southern tip of Vietnam, Ca Mau\nis bordered by the sea on three sides.",
        "នៅចុងខាងត្បូងនៃប្រទេសវៀតណាម ខេត្តទឹកខ្មៅជាប់សមុទ្របីទិស។",
    ),
]


def make_clip(path: Path, seconds: int) -> None:
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
            f"testsrc2=s=1920x1080:r=25:d={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=f=440:d={seconds}",
            "-shortest",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-crf",
            "16",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            str(path),
        ],
        check=True,
    )


def plain_encode(source: Path, out: Path) -> float:
    preset = get_preset("broadcast")
    args = [
        "ffmpeg",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-i",
        str(source),
        "-vf",
        "scale=1920:1080:force_original_aspect_ratio=decrease,"
        "pad=1920:1080:(ow-iw)/2:(oh-ih)/2,setsar=1",
    ]
    for key, value in preset.video_args().items():
        args += [f"-{key}", str(value)]
    args += ["-c:a", "copy", str(out)]
    started = time.perf_counter()
    subprocess.run(args, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    seconds = parser.parse_args().seconds
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-") as tmp:
        folder = Path(tmp)
        clip = folder / "clip.mp4"
        make_clip(clip, seconds)
        store = create_project(folder / "ep", Project(title="Bench"))
        store.add_clip("bench", video=str(clip))
        cues = [
            NewCue(
                t * 1000 + 100,
                t * 1000 + 2900,
                vi,
                translations={"en": en, "km": km},
                statuses={"en": Status.APPROVED, "km": Status.APPROVED},
            )
            for t, (vi, en, km) in zip(range(0, seconds - 2, 3), LINES * seconds, strict=False)
        ]
        store.add_cues("bench", cues)
        started = time.perf_counter()
        (result,) = render_batch(store, layouts=[["km", "en"]], preset="broadcast")
        burned = time.perf_counter() - started
        if result.status != "done":
            raise SystemExit(f"render failed: {result.error}")
        plain = plain_encode(clip, folder / "plain.mp4")
    from ttdn_studio.machine import this_machine

    print(f"machine: {this_machine().describe()}")
    print(f"clip: {seconds} s 1920x1080 25 fps, {len(cues)} stacked km+en cues")
    print(f"burned (render_batch, broadcast): {burned:7.2f} s")
    print(f"plain encode, same settings:      {plain:7.2f} s")
    print(f"ratio burned/plain:               {burned / plain:7.3f}  (aim ≤ 1.10)")


if __name__ == "__main__":
    main()
