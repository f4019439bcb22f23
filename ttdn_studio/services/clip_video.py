"""Attaching or replacing a clip's video: read by ffprobe first, then stored (one undo).

A file ffprobe cannot read as a video (broken, audio only, not media at all) is
refused with a one-line reason and the project is left as it was. Once the video
is stored, everything computed from the clip's former video (audio, speech runs,
waveform peaks, shot changes) is dropped, so the voice tools read the new one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.errors import MediaError, RenderError
from ttdn_studio.media.audio import clip_cache_folder
from ttdn_studio.render.probe import SourceInfo, probe
from ttdn_studio.store import ProjectStore


@dataclass(frozen=True)
class VideoAttached:
    clip: str
    stored: str  # as stored: relative to the project folder when inside it
    info: SourceInfo
    replaced: str | None  # the clip's video before, if it had one

    def sentence(self) -> str:
        seconds = self.info.duration_ms // 1000
        what = f"{self.info.width}x{self.info.height}, {seconds // 60}:{seconds % 60:02d}"
        verb = "replaced by" if self.replaced else "attached:"
        return f"Video of {self.clip} {verb} {self.info.path.name} ({what})"


def stored_video_value(project_dir: Path, video: Path) -> str:
    """How a video's path is stored: relative to the project folder when inside it."""
    video = video.expanduser().resolve()
    try:
        return video.relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return str(video)


def check_video(video: Path) -> SourceInfo:
    """ffprobe's reading of ``video``; :class:`MediaError` with the reason if it is no video."""
    video = video.expanduser()
    if not video.exists():
        raise MediaError("no such video file", file=video)
    if not video.is_file():
        raise MediaError("is not a file (a folder, device or pipe)", file=video)
    try:
        return probe(video)
    except RenderError as exc:
        raise MediaError(exc.message, file=video) from None


def attach_video(store: ProjectStore, clip: str, video: Path | str) -> VideoAttached:
    """Give ``clip`` the video ``video`` (checked first; undoable) and drop its media cache."""
    current = store.clip(clip)
    info = check_video(Path(video))
    value = stored_video_value(store.path, Path(video))
    store.set_clip_video(current.name, value)
    shutil.rmtree(clip_cache_folder(store.path, current.name), ignore_errors=True)
    return VideoAttached(current.name, value, info, current.video)
