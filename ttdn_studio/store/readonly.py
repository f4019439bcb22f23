"""A project database opened for reading only: what the yearly report reads of each project.

The file is opened with ``mode=ro``: nothing is written to it and no migration
runs, so a report never changes a project (a file saved by a newer program is
refused; an older one is read as it is). Rows come back as named tuples, not per-row models:
a report reads every project of a year.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ttdn_studio.errors import ProjectError
from ttdn_studio.store.db import connect_read_only
from ttdn_studio.store.project_store import DB_NAME, check_database_path


class ProjectRecord(NamedTuple):
    title: str
    source_lang: str
    target_langs: str  # as stored: a JSON list (or, in old files, comma-separated codes)
    settings: str
    fps: float | None


class ClipName(NamedTuple):
    id: int
    name: str


class CueFacts(NamedTuple):
    id: int
    clip_id: int
    start_ms: int
    end_ms: int
    text: str
    version: int


class TranslationState(NamedTuple):
    cue_id: int
    lang: str
    status: str
    updated_at: str
    version: int


class HistoryEntry(NamedTuple):
    at: str
    author: str | None
    changes: str  # the entry's changes as stored (JSON)


class FinishedRender(NamedTuple):
    clip_id: int | None
    clip_name: str | None
    langs: str | None  # comma-separated codes
    preset: str | None
    finished_at: str | None


class ReadOnlyProject:
    """One project database, open for reading (``open_read_only``); close it after use."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ReadOnlyProject:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def project(self) -> ProjectRecord:
        found = self.conn.execute(
            "SELECT title, source_lang, target_langs, settings, fps FROM project WHERE id = 1"
        ).fetchone()
        if found is None:
            raise ProjectError("the project database has no project record")
        return ProjectRecord(*found)

    def clips(self) -> list[ClipName]:
        """Every clip, in the project's order."""
        rows = self.conn.execute("SELECT id, name FROM clips ORDER BY position, id")
        return [ClipName(*row) for row in rows]

    def cues(self) -> list[CueFacts]:
        """Every cue, by clip and start."""
        rows = self.conn.execute(
            "SELECT id, clip_id, start_ms, end_ms, text, version FROM cues"
            " ORDER BY clip_id, start_ms, id"
        )
        return [CueFacts(*row) for row in rows]

    def translation_states(self) -> Iterator[TranslationState]:
        """Status, last change and version of every translation (not their texts)."""
        for row in self.conn.execute(
            "SELECT cue_id, lang, status, updated_at, version FROM translations"
        ):
            yield TranslationState(*row)

    def approval_entries(self) -> Iterator[HistoryEntry]:
        """History entries (not undone) that mention an approved status, oldest first."""
        for row in self.conn.execute(
            "SELECT at, author, changes FROM history WHERE undone = 0"
            " AND instr(changes, '\"approved\"') > 0 ORDER BY id"
        ):
            yield HistoryEntry(*row)

    def approval_entries_key(self) -> str:
        """What :meth:`approval_entries` would give, in short: each entry's id, time, author
        and size (entries are only ever added, undone or redone; the time, author and size
        also catch an entry changed by hand)."""
        row = self.conn.execute(
            "SELECT group_concat(id || ' ' || at || ' ' || author || ' ' || length(changes),"
            " '|') FROM (SELECT id, at, author, changes FROM history WHERE undone = 0"
            " AND instr(changes, '\"approved\"') > 0 ORDER BY id)"
        ).fetchone()
        return str(row[0] or "")

    def has_table(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        )
        return row.fetchone() is not None

    def finished_renders(self) -> list[FinishedRender]:
        """Renders that finished (status done), oldest first; none without a render queue."""
        if not self.has_table("render_jobs"):
            return []
        rows = self.conn.execute(
            "SELECT clip_id, clip_name, langs, preset, finished_at FROM render_jobs"
            " WHERE status = 'done' ORDER BY id"
        )
        return [FinishedRender(*row) for row in rows]


def open_read_only(folder: Path) -> ReadOnlyProject:
    """The project database of ``folder`` opened for reading only: never created or
    migrated (an older project is refused, a newer one too), readable even in a folder
    nobody may write (see :func:`~ttdn_studio.store.db.connect_read_only`). A folder in
    the database's place is said to be one, as :func:`open_project` says it."""
    check_database_path(Path(folder))
    path = Path(folder) / DB_NAME
    return ReadOnlyProject(connect_read_only(path), path)
