"""A clip's audio, extracted once with ffmpeg (mono 16 kHz PCM) and cached.

The cache lives in ``<project>/.cache/media/<clip>/`` (in the user's data folder
when the project cannot be written) and is keyed on the video's size and
modification time: replacing or touching the video makes every cached analysis
of it stale, and it is recomputed on next use.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ttdn_studio.errors import MediaError
from ttdn_studio.formats.atomic import atomic_write_bytes

SAMPLE_RATE = 16000
CACHE_DIR = Path(".cache") / "media"


def clip_cache_folder(project_dir: Path, clip: str) -> Path:
    """The folder holding everything computed from ``clip``'s video."""
    safe = re.sub(r"[^\w.-]+", "_", clip, flags=re.UNICODE).strip("._") or "clip"
    return project_dir / CACHE_DIR / safe


def _cache_elsewhere(project_dir: Path, clip: str) -> Path:
    """The cache folder of ``clip`` in the user's data folder, for a project that cannot be
    written (one folder per project, named by a digest of its path)."""
    import hashlib

    from ttdn_studio.locations import data_dir

    digest = hashlib.blake2b(str(project_dir.resolve()).encode(), digest_size=8).hexdigest()
    return clip_cache_folder(data_dir() / "media-cache" / digest, clip)


@dataclass(frozen=True)
class MediaCache:
    """The cache folder of one clip's video, valid for one (size, mtime) of the video."""

    video: Path
    folder: Path

    @classmethod
    def for_clip(cls, project_dir: Path, clip: str, video: Path) -> MediaCache:
        if not video.is_file():
            raise MediaError("video file not found", file=video)
        cache = cls(video, clip_cache_folder(project_dir, clip))
        try:
            cache._validate()
        except OSError:  # a project on a read-only share: keep the analysis in the data folder
            cache = cls(video, _cache_elsewhere(project_dir, clip))
            cache._validate()
        return cache

    def _stamp(self) -> dict[str, object]:
        st = self.video.stat()
        return {"video": str(self.video.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}

    def _validate(self) -> None:
        stamp_file = self.folder / "source.json"
        stamp = self._stamp()
        try:
            if json.loads(stamp_file.read_text()) == stamp:
                return
        except (OSError, ValueError):
            pass
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        stamp_file.write_text(json.dumps(stamp))

    def path(self, name: str) -> Path:
        return self.folder / name

    def read_json(self, name: str) -> object | None:
        try:
            return json.loads(self.path(name).read_text())
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, data: object) -> None:
        atomic_write_bytes(self.path(name), json.dumps(data).encode())


def has_audio(video: Path) -> bool:
    out = _run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a",
            "-show_entries",
            "stream=index",
            "-of",
            "csv=p=0",
            str(video),
        ],
        video,
    )
    return bool(out.strip())


def load_audio(cache: MediaCache) -> np.ndarray:
    """The clip's audio as int16 samples (mono, 16 kHz), extracted on first use."""
    pcm = cache.path("audio.s16le")
    if not pcm.exists():
        if not has_audio(cache.video):
            raise MediaError("the video has no audio stream to time the cues to", file=cache.video)
        tmp = pcm.with_suffix(".part")
        _run(
            [
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-i",
                str(cache.video),
                "-map",
                "0:a:0",
                "-vn",
                "-ac",
                "1",
                "-ar",
                str(SAMPLE_RATE),
                "-f",
                "s16le",
                "-acodec",
                "pcm_s16le",
                str(tmp),
            ],
            cache.video,
        )
        tmp.replace(pcm)
    return np.fromfile(pcm, dtype="<i2")


def _run(cmd: list[str], video: Path) -> str:
    if shutil.which(cmd[0]) is None:
        raise MediaError(f"{cmd[0]} is not installed (Debian: apt install ffmpeg)")
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        from ttdn_studio.render.probe import ffmpeg_reason

        reason = ffmpeg_reason(proc.stderr, video, "failed")
        raise MediaError(f"{cmd[0]} cannot read the video ({reason})", file=video)
    return proc.stdout
