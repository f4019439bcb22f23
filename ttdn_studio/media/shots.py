"""Shot changes from ffmpeg's own scene detection (``select='gt(scene,T)'``).

The score compares each frame with the one before (0: same picture, 1: all
different); a frame scoring above the threshold starts a new shot. Times are
the new shot's first frame, in integer milliseconds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ttdn_studio.errors import MediaError

DEFAULT_THRESHOLD = 0.3
_PTS = re.compile(r"pts_time:([0-9.]+)")


def detect_shot_changes(video: Path, threshold: float = DEFAULT_THRESHOLD) -> list[int]:
    if not 0.0 < threshold < 1.0:
        raise MediaError(f"the shot-change threshold must be between 0 and 1 (got {threshold})")
    if shutil.which("ffmpeg") is None:
        raise MediaError("ffmpeg is not installed (Debian: apt install ffmpeg)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scenes.txt"
        graph = (
            f"scale=160:-2,select='gt(scene,{threshold})',metadata=print:file='{out.as_posix()}'"
        )
        proc = subprocess.run(
            [
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-i",
                str(video),
                "-map",
                "0:v:0",
                "-an",
                "-vf",
                graph,
                "-f",
                "null",
                "-",
            ],
            capture_output=True,
            text=True,
            errors="replace",
        )
        if proc.returncode != 0:
            from ttdn_studio.render.probe import ffmpeg_reason

            reason = ffmpeg_reason(proc.stderr, video, "failed")
            raise MediaError(f"ffmpeg cannot read the video ({reason})", file=video)
        text = out.read_text() if out.exists() else ""
    return sorted({round(float(m.group(1)) * 1000) for m in _PTS.finditer(text)})
