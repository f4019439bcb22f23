"""The bundled demo project: "Cà Mau - Đất và người", tập 1.

Owns turning the committed sources of the demo (``project.json`` and
``cues.toml`` in ``projects/ca-mau-dat-va-nguoi-demo/``) into a working project
folder: the database, built with the store API, and a short generated video
clip. Building is atomic (everything is made in a temporary folder next to the
target and ``project.db`` is moved in last), idempotent and cheap once built,
because the desk calls :func:`ensure_demo` on start-up. Must not touch any
other project, import the TUI or the CLI, or fail because ffmpeg is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ttdn_studio import locations
from ttdn_studio.errors import ProjectError, RenderError, TtdnError
from ttdn_studio.models import Origin, Project, Status
from ttdn_studio.services.demo_sources import CUES_FILE, META_FILE
from ttdn_studio.services.demo_video import VideoSpec, make_video
from ttdn_studio.store import DB_NAME, NewCue, ProjectStore, check_database_path, create_project
from ttdn_studio.text import nfc

MT_ENGINE = "argos"
BUILD_MARK = ".building-"
STALE_AFTER_S = 600  # a build folder untouched this long belongs to a killed build
DB_SIDE_FILES = ("-wal", "-shm", "-journal")

Note = Callable[[str], None]


@dataclass(frozen=True)
class DemoCue:
    start_ms: int
    end_ms: int
    text: str
    translations: dict[str, str]
    statuses: dict[str, Status]


@dataclass(frozen=True)
class DemoSource:
    project: Project
    clip: str
    video: VideoSpec
    cues: list[DemoCue]

    @property
    def duration_ms(self) -> int:
        """Length of the clip: the last cue's end plus the tail."""
        return (self.cues[-1].end_ms if self.cues else 0) + self.video.tail_ms


# ---------------------------------------------------------------- locations
def demo_dir() -> Path:
    """Where the demo project lives by default (the projects folder)."""
    return locations.projects_dir() / locations.DEMO_SLUG


def source_dir_for(target: Path) -> Path:
    """The folder holding the committed sources for a demo built at ``target``."""
    return target if (target / CUES_FILE).is_file() else locations.demo_source_dir()


def source_fingerprint(folder: Path) -> str:
    """A short hash of the committed sources, recorded in the built project's settings."""
    import hashlib

    digest = hashlib.sha256()
    for name in (META_FILE, CUES_FILE):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def is_current(path: Path | None = None) -> bool:
    """Whether the built demo at ``path`` was built from the sources as they are now."""
    from ttdn_studio.store import open_project

    target = Path(path) if path is not None else demo_dir()
    with open_project(target) as store:
        built_from = store.project.settings.get("demo_source")
    return built_from == source_fingerprint(source_dir_for(target))


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None


# ------------------------------------------------------------------ sources
def load_source(folder: Path | None = None) -> DemoSource:
    """Read and check the committed sources (:class:`ProjectError` names file and line)."""
    folder = Path(folder) if folder is not None else locations.demo_source_dir()
    meta_path, cues_path = folder / META_FILE, folder / CUES_FILE
    for path in (meta_path, cues_path):
        if not path.is_file():
            raise ProjectError("demo source file is missing", file=path)
    meta = _read_meta(meta_path)
    project = _project_from(meta, meta_path)
    cues = _read_cues(cues_path, project)
    return DemoSource(project, str(meta.get("clip", "main")), _video_from(meta, meta_path), cues)


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ProjectError(f"not valid UTF-8 JSON ({exc})", file=path, line=line) from exc
    if not isinstance(data, dict):
        raise ProjectError("expected a JSON object", file=path)
    return data


def _project_from(meta: dict[str, Any], path: Path) -> Project:
    from pydantic import ValidationError

    fields = {
        k: meta[k] for k in ("title", "source_lang", "target_langs", "fps", "settings") if k in meta
    }
    try:
        return Project(**fields)
    except ValidationError as exc:
        raise ProjectError(f"bad project settings: {exc.errors()[0]['msg']}", file=path) from exc


def _video_from(meta: dict[str, Any], path: Path) -> VideoSpec:
    v = meta.get("video", {})
    try:
        colors = tuple(v.get("colors", ["0x0b3d4a", "0x1f5f55"]))[:2]
        return VideoSpec(
            file=str(v.get("file", "media/demo.mp4")),
            width=int(v.get("width", 1280)),
            height=int(v.get("height", 720)),
            colors=(str(colors[0]), str(colors[-1])),
            title=nfc(str(v.get("title", ""))),
            subtitle=nfc(str(v.get("subtitle", ""))),
            tail_ms=int(v.get("tail_ms", 2000)),
            crf=int(v.get("crf", 30)),
            audio_bitrate=str(v.get("audio_bitrate", "24k")),
        )
    except (TypeError, ValueError, IndexError, AttributeError) as exc:
        raise ProjectError(f"bad video settings ({exc})", file=path) from exc


def _read_cues(path: Path, project: Project) -> list[DemoCue]:
    import tomllib

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProjectError(f"not valid UTF-8 TOML ({exc})", file=path) from exc
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[cue]]"]
    items = data.get("cue", [])
    if not items:
        raise ProjectError("no [[cue]] entries", file=path)
    cues: list[DemoCue] = []
    for n, item in enumerate(items):
        line = lines[n] if n < len(lines) else None
        try:
            cue = _cue_from(item, project)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProjectError(f"bad cue: {exc}", file=path, line=line) from exc
        if cues and cue.start_ms < cues[-1].end_ms:
            raise ProjectError("cue starts before the previous one ends", file=path, line=line)
        cues.append(cue)
    return cues


def _cue_from(item: dict[str, Any], project: Project) -> DemoCue:
    start, end = item["start"], item["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError(
            f"times must be integer milliseconds with start < end ({start!r}, {end!r})"
        )
    texts: dict[str, str] = {}
    statuses: dict[str, Status] = {}
    for lang in project.target_langs:
        text, status = (
            _checked_text(item.get(lang, "")),
            Status(item.get(f"{lang}_status", "empty")),
        )
        if bool(text.strip()) != (status != Status.EMPTY):
            raise ValueError(
                f"{lang}: status {status} does not fit {'an empty' if not text else 'a'} text"
            )
        if text.strip():
            texts[lang], statuses[lang] = text, status
    return DemoCue(start, end, _checked_text(item[project.source_lang]), texts, statuses)


def _checked_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"text must be a string, not {value!r}")
    if nfc(value) != value:
        raise ValueError(f"text is not in NFC: {value!r}")
    return value


# ------------------------------------------------------------------- public
def ensure_demo(
    path: Path | None = None,
    *,
    with_video: bool = True,
    video_size: tuple[int, int] | None = None,
    on_note: Note | None = None,
) -> Path:
    """Build the demo project at ``path`` unless it is already there; returns the folder.

    Once built this only checks that two files exist. A missing video is made
    again when ffmpeg is available; without ffmpeg the project is built with no
    video and ``on_note`` is told why.
    """
    target = Path(path) if path is not None else demo_dir()
    note = on_note or (lambda _msg: None)
    if (target / DB_NAME).is_file():
        if with_video:
            _ensure_video(target, video_size, note)
        return target
    _build(target, with_video=with_video, video_size=video_size, note=note)
    return target


def reset_demo(
    path: Path | None = None,
    *,
    with_video: bool = True,
    video_size: tuple[int, int] | None = None,
    on_note: Note | None = None,
) -> Path:
    """Throw away the built demo (database and video) and build it again from the sources."""
    target = Path(path) if path is not None else demo_dir()
    _build(target, with_video=with_video, video_size=video_size, note=on_note or (lambda _m: None))
    return target


def demo_video(path: Path | None = None) -> Path | None:
    """The demo's video file, if it has been made."""
    target = Path(path) if path is not None else demo_dir()
    try:
        spec = _video_from(_read_meta(source_dir_for(target) / META_FILE), target)
    except ProjectError:
        return None
    video = target / spec.file
    return video if video.is_file() else None


# -------------------------------------------------------------------- build
def _build(
    target: Path, *, with_video: bool, video_size: tuple[int, int] | None, note: Note
) -> None:
    if target.exists() and not target.is_dir():
        raise ProjectError("exists and is not a folder", file=target)
    check_database_path(target)
    folder = source_dir_for(target)
    source = load_source(folder)
    project = source.project.model_copy(
        update={"settings": {**source.project.settings, "demo_source": source_fingerprint(folder)}}
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_builds(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}{BUILD_MARK}", dir=target.parent))
    try:
        store = create_project(work, project)
        try:
            made = with_video and _try_video(source, work, video_size, note) is not None
            _fill(store, source, source.video.file if made else None)
            store.fold_journal()  # project.db alone is moved into place
        finally:
            store.close()
        _install(work, target, source)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fill(store: ProjectStore, source: DemoSource, video: str | None) -> None:
    store.author = "demo"
    store.add_clip(source.clip, video=video)
    new = [
        NewCue(c.start_ms, c.end_ms, c.text, dict(c.translations), dict(c.statuses))
        for c in source.cues
    ]
    store.add_cues(source.clip, new, origin=Origin.HUMAN, action="import the demo script")
    rows = store.cue_rows(source.clip)
    with store.edit(f"machine translation ({MT_ENGINE})"):
        for row, cue in zip(rows, source.cues, strict=True):
            for lang, status in cue.statuses.items():
                if status == Status.MT:
                    store.edit_translation(
                        row.cue.id,
                        lang,
                        expected_version=None,
                        status=Status.MT,
                        origin=Origin.mt(MT_ENGINE),
                    )


def _install(work: Path, target: Path, source: DemoSource) -> None:
    """Move the finished build into ``target``; ``project.db`` goes last."""
    target.mkdir(parents=True, exist_ok=True)
    for sub in ("media", "exports", "renders"):
        (target / sub).mkdir(exist_ok=True)
    built_video = work / source.video.file
    if built_video.is_file():
        (target / source.video.file).parent.mkdir(parents=True, exist_ok=True)
        os.replace(built_video, target / source.video.file)
    for suffix in DB_SIDE_FILES:  # a WAL left by an older database must not meet the new one
        (target / (DB_NAME + suffix)).unlink(missing_ok=True)
    os.replace(work / DB_NAME, target / DB_NAME)


def clean_stale_builds(target: Path) -> list[Path]:
    """Remove what killed builds left behind (older than :data:`STALE_AFTER_S`)."""
    cutoff = time.time() - STALE_AFTER_S
    leftovers = list(target.parent.glob(f".{target.name}{BUILD_MARK}*"))
    leftovers += list((target / "media").glob(".*.part")) if (target / "media").is_dir() else []
    removed = []
    for path in leftovers:
        try:
            if path.stat().st_mtime >= cutoff:
                continue  # possibly a build running right now
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed


def _ensure_video(target: Path, video_size: tuple[int, int] | None, note: Note) -> None:
    """Make the video of an already built demo again if it went missing."""
    source_meta = source_dir_for(target) / META_FILE
    if not source_meta.is_file():
        return
    spec = _video_from(_read_meta(source_meta), source_meta)
    if (target / spec.file).is_file():
        return
    source = load_source(source_dir_for(target))
    if _try_video(source, target, video_size, note) is None:
        return
    from ttdn_studio.store import open_project

    try:
        with open_project(target) as store:
            if store.clip(source.clip).video != spec.file:
                store.set_clip_video(source.clip, spec.file)
    except TtdnError as exc:  # the clip was renamed or the project changed meanwhile
        note(f"the demo video was made but could not be attached: {exc}")


def _try_video(
    source: DemoSource, folder: Path, size: tuple[int, int] | None, note: Note
) -> Path | None:
    if not ffmpeg_available():
        note(
            "ffmpeg was not found, so the demo has no video (install ffmpeg, then run `ttdn demo`)"
        )
        return None
    try:
        return make_video(source.video, source.duration_ms, folder / source.video.file, size=size)
    except RenderError as exc:
        note(f"the demo video could not be made: {exc}")
        return None


# -------------------------------------------------------------- install check
@dataclass(frozen=True)
class InstallCheck:
    """What ``ttdn demo --check`` found: the demo builds and the curated glossary loads."""

    demo_title: str
    demo_cues: int
    glossary_entries: int  # from the curated (bundled) layer
    glossary_dir: Path
    demo_sources: Path


def check_install() -> InstallCheck:
    """Build the demo in a temporary folder (no video) and load the curated glossary.

    Raises a :class:`TtdnError` naming what is missing; leaves nothing behind.
    """
    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.store import open_project

    with tempfile.TemporaryDirectory(prefix="ttdn-demo-check-") as tmp:
        folder = ensure_demo(Path(tmp) / locations.DEMO_SLUG, with_video=False)
        with open_project(folder) as store:
            title, cues = store.project.title, len(store.cue_rows())
    if cues == 0:
        raise ProjectError("the demo was built without cues", file=locations.demo_source_dir())
    glossary = load_glossary()
    curated = sum(1 for entry in glossary if glossary.layer_of(entry) == "bundled")
    return InstallCheck(
        demo_title=title,
        demo_cues=cues,
        glossary_entries=curated,
        glossary_dir=locations.bundled_glossary_dir(),
        demo_sources=locations.demo_source_dir(),
    )
