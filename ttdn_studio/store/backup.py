"""Backups of project databases, taken while desks are open, and restoring one.

A backup is a folder ``DEST/<project>/<YYYYmmdd-HHMMSS-micro>/`` (UTC) holding a consistent copy
of ``project.db`` made with SQLite's online backup API (it reads a snapshot, so
people can go on editing meanwhile), the project's own glossary file if it has
one, and ``backup.json`` saying what was copied and when. Each copy is checked
with ``PRAGMA quick_check`` before the folder gets its final name, so a backup
that was interrupted never looks finished. The newest ``keep`` backups of each
project are kept; older ones are removed.

Media and renders are not copied: videos come from the station's archive and
renders can be made again.

Restoring copies a backup into a project folder with the same API, page by page
under a write lock, so a desk that has the project open sees either the old or
the restored state, never a mixture. The state before the restore is backed up
first, beside the other backups.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from ttdn_studio.errors import ProjectError
from ttdn_studio.store.db import BUSY_TIMEOUT_S
from ttdn_studio.store.project_store import DB_NAME, check_database_path, is_project_dir
from ttdn_studio.store.schema import SCHEMA_VERSION
from ttdn_studio.store.translation_memory import SCHEMA_VERSION as TM_SCHEMA_VERSION

MANIFEST = "backup.json"
PROJECT_GLOSSARY = "glossary.tsv"
DEFAULT_KEEP = 14
MEMORY_NAME = "translation-memory"
_STAMP = "%Y%m%d-%H%M%S-%f"  # sorts by time; microseconds keep two backups apart


@dataclass(frozen=True)
class Backup:
    """One finished backup folder."""

    path: Path
    project: str
    taken_at: str
    size: int


def backup_project(project_dir: Path, dest: Path, *, keep: int | None = DEFAULT_KEEP) -> Backup:
    """Back up one project into ``dest/<project name>/<time>/`` and rotate old ones."""
    project_dir = Path(project_dir)
    check_database_path(project_dir)
    if not is_project_dir(project_dir):
        raise ProjectError(f"not a TTĐN Studio project (no {DB_NAME})", file=project_dir)
    extra = [project_dir / PROJECT_GLOSSARY] if (project_dir / PROJECT_GLOSSARY).is_file() else []
    name = project_dir.resolve().name
    return _snapshot(name, "project", project_dir / DB_NAME, extra, dest, keep)


def backup_memory(tm_path: Path, dest: Path, *, keep: int | None = DEFAULT_KEEP) -> Backup:
    """Back up the shared translation memory into ``dest/translation-memory/<time>/``."""
    if not Path(tm_path).is_file():
        raise ProjectError("there is no translation memory to back up yet", file=tm_path)
    return _snapshot(MEMORY_NAME, "memory", Path(tm_path), [], dest, keep)


def _snapshot(
    name: str, kind: str, db: Path, extra: list[Path], dest: Path, keep: int | None
) -> Backup:
    if keep is not None and keep < 1:
        raise ProjectError("--keep must be at least 1")
    base = _prepare_dest(dest) / name
    taken = datetime.now(UTC)
    while (base / taken.strftime(_STAMP)).exists():
        taken = datetime.now(UTC)
    final = base / taken.strftime(_STAMP)
    partial = final.with_name(final.name + ".partial")
    try:
        partial.mkdir(parents=True)
        _copy_database(db, partial / db.name)
        for path in extra:
            shutil.copy2(path, partial / path.name)
        size = sum(p.stat().st_size for p in partial.iterdir())
        taken_at = taken.isoformat(timespec="seconds")
        manifest = {
            "kind": kind,
            "name": name,
            "source": str(db.resolve()),
            "taken_at": taken_at,
            "files": sorted(p.name for p in partial.iterdir()),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        partial.rename(final)
    except (OSError, ProjectError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if isinstance(exc, ProjectError):
            raise
        raise ProjectError(
            f"the backup could not be written ({exc.strerror or exc})", file=dest
        ) from exc
    if keep is not None:
        rotate(base, keep)
    return Backup(final, name, taken_at, size)


def backups_of(base: Path) -> list[Path]:
    """Finished backups in one project's backup folder, oldest first."""
    if not base.is_dir():
        return []
    found = [p for p in base.iterdir() if p.is_dir() and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: p.name)


def rotate(base: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups (and any unfinished ones); say which."""
    removed = [p for p in base.glob("*.partial") if p.is_dir()]
    finished = backups_of(base)
    removed += finished[: max(0, len(finished) - keep)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def read_manifest(backup: Path) -> dict[str, object]:
    """What a backup folder holds (``kind`` is ``project`` or ``memory``)."""
    try:
        data = json.loads((Path(backup) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ProjectError(
            f"not a TTĐN Studio backup (no readable {MANIFEST})", file=backup
        ) from exc
    if not isinstance(data, dict) or data.get("kind") not in ("project", "memory"):
        raise ProjectError(f"not a TTĐN Studio backup ({MANIFEST} is not ours)", file=backup)
    return data


def restore_project(backup: Path, project_dir: Path) -> Backup | None:
    """Put ``backup`` back as ``project_dir``'s database (and glossary).

    Returns the safety backup of the state it replaced (``None`` for a new folder).
    """
    backup = Path(backup).absolute()  # its parents hold the safety copy, whatever the cwd
    if read_manifest(backup)["kind"] != "project":
        raise ProjectError(
            "this is a backup of the translation memory, not of a project", file=backup
        )
    project_dir = Path(project_dir)
    check_database_path(project_dir)
    _check_restorable(backup / DB_NAME, SCHEMA_VERSION)
    safety = None
    if is_project_dir(project_dir):  # never rotated here: it could remove ``backup`` itself
        safety = backup_project(project_dir, _safety_dest(backup), keep=None)
    try:
        project_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(
            f"the project folder cannot be created ({exc.strerror})", file=project_dir
        ) from exc
    _restore_database(backup / DB_NAME, project_dir / DB_NAME)
    glossary = backup / PROJECT_GLOSSARY
    if glossary.is_file():
        shutil.copy2(glossary, project_dir / PROJECT_GLOSSARY)
    return safety


def restore_memory(backup: Path, tm_path: Path) -> Backup | None:
    """Put a translation-memory backup back; the current memory is backed up first."""
    backup = Path(backup).absolute()  # its parents hold the safety copy, whatever the cwd
    if read_manifest(backup)["kind"] != "memory":
        raise ProjectError(
            "this is a backup of a project, not of the translation memory", file=backup
        )
    _check_restorable(backup / tm_path.name, TM_SCHEMA_VERSION)
    dest = _safety_dest(backup)
    safety = backup_memory(tm_path, dest, keep=None) if tm_path.is_file() else None
    _restore_database(backup / tm_path.name, tm_path)
    return safety


def _safety_dest(backup: Path) -> Path:
    """Where the safety copy of what a restore replaces goes: beside the other backups of
    the same project, or, when those sit on a medium nobody may write (a read-only stick or
    share), in the user's data folder (``backups/``)."""
    beside = backup.parent.parent
    if os.access(beside, os.W_OK):
        return beside
    from ttdn_studio import locations

    return locations.data_dir() / "backups"


def _check_restorable(source: Path, known: int) -> None:
    """That ``source`` is a whole database this program can open, before anything is replaced."""
    if not source.is_file():
        raise ProjectError(f"the backup has no {source.name}", file=source.parent)
    _check(source)
    conn = sqlite3.connect(_read_only(source), uri=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    if version > known:
        raise ProjectError(
            f"this backup was saved by a newer TTĐN Studio (schema {version}, this program "
            f"knows {known}); update the program before restoring it",
            file=source.parent,
        )


def _restore_database(source: Path, target: Path) -> None:
    """Copy ``source`` (checked by :func:`_check_restorable`) over ``target`` with the backup
    API (under a write lock)."""
    try:
        src = sqlite3.connect(_read_only(source), uri=True)
        try:
            dst = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_S)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise ProjectError(f"the backup could not be restored ({exc})", file=target) from exc
    _check(target)


def _copy_database(source: Path, target: Path) -> None:
    try:
        try:
            _copy_with(_read_only(source), target)
        except sqlite3.OperationalError as exc:
            # a WAL file in a folder nobody may write (a read-only share or copy) has no
            # shared-memory file to open: nobody can be writing it, so read it as immutable
            if exc.sqlite_errorcode != sqlite3.SQLITE_CANTOPEN or os.access(source.parent, os.W_OK):
                raise
            _copy_with(_read_only(source) + "&immutable=1", target)
    except sqlite3.Error as exc:
        raise ProjectError(f"the project database could not be read ({exc})", file=source) from exc
    _check(target)


def _copy_with(uri: str, target: Path) -> None:
    src = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            # a backup is one file: out of WAL mode, reading it later (a check, a copy to
            # another disk) makes no -wal and -shm files beside it
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _read_only(db: Path) -> str:
    """The URI opening ``db`` read-only; the path quoted, so that a ``#``, ``?`` or ``%`` in a
    folder name ("Tập #3") is part of the name and never opens (or creates) another file."""
    return f"file:{quote(str(db.resolve()))}?mode=ro"


def _check(db: Path) -> None:
    conn = sqlite3.connect(_read_only(db), uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        result = str(exc)
    finally:
        conn.close()
    if result != "ok":
        raise ProjectError(f"the copy failed its integrity check ({result})", file=db)


def _prepare_dest(dest: Path) -> Path:
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ProjectError("the backup destination is a file, not a folder", file=dest)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(
            f"the backup folder cannot be created ({exc.strerror or exc})", file=dest
        ) from exc
    return dest
