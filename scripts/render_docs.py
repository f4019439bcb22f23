"""Render the layout previews shown in the README (docs/render-*.png) and the Khmer reference.

Each image is one real frame from ``preview_frame`` (the same libass path as a
burn) over a generated blue-to-green clip, at the ``web`` preset (1280x720).
``--reference`` also rewrites ``tests/render/reference/khmer_preview.png``, which
the render tests compare against: look at it before committing it.

Run: .venv/bin/python scripts/render_docs.py [--reference]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

from ttdn_studio.services.rendering import preview_frame

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the render tests' project: the same cues as the reference
_spec = importlib.util.spec_from_file_location(
    "render_fixtures", ROOT / "tests" / "render" / "conftest.py"
)
assert _spec and _spec.loader
render_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_fixtures)
make_project = render_fixtures.make_project

LAYOUTS = {
    "render-en.png": ["en"],
    "render-km.png": ["km"],
    "render-km-over-en.png": ["km", "en"],
    "render-vi-over-en.png": ["vi", "en"],
}


def gradient_clip(path: Path) -> Path:
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
            "gradients=s=1280x720:c0=0x1b5e80:c1=0x6a8f4e:x0=640:y0=0:x1=640:y1=360:d=2:r=25",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--reference", action="store_true", help="also rewrite the Khmer test reference"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = make_project(work / "docs", gradient_clip(work / "clip.mp4"))
        for name, langs in LAYOUTS.items():
            out = preview_frame(store, "main", langs, 520, ROOT / "docs" / name, preset="web")
            print(f"wrote {out.relative_to(ROOT)}")
        if args.reference:
            bare = make_project(work / "reference", None)
            out = preview_frame(
                bare,
                "main",
                ["km"],
                520,
                ROOT / "tests/render/reference/khmer_preview.png",
                preset="web",
            )
            print(f"wrote {out.relative_to(ROOT)}: look at it before committing")


if __name__ == "__main__":
    main()
