"""The yearly report's cache: a small database in the data folder (``report-cache.sqlite``).

It keeps, per ``(project, clip, lang)``, the ids of the cues with a QC error and the
key (a fingerprint) they were computed for; and per project, the approval events read
from its history (who approved each translation, when, and who wrote it) with the key
of the history entries they were read from. It is only an accelerator: when it
cannot be opened, read or written, it answers "unknown" and writes nothing, and the
report simply runs QC. Opened with the store's connection settings
(:func:`.db.open_connection`) and its own migrations.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError
from ttdn_studio.store.db import open_connection, transaction
from ttdn_studio.store.schema import run_migrations

CACHE_NAME = "report-cache.sqlite"


def cache_file() -> Path:
    return locations.data_dir() / CACHE_NAME


def _v1(conn: sqlite3.Connection) -> None:
    # IF NOT EXISTS: caches written before the cache had a schema version hold it already.
    conn.execute(
        "CREATE TABLE IF NOT EXISTS qc_errors (project TEXT NOT NULL, clip_id INTEGER"
        " NOT NULL, lang TEXT NOT NULL, key TEXT NOT NULL, cues TEXT NOT NULL,"
        " PRIMARY KEY (project, clip_id, lang))"
    )


def _v2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS approval_events (project TEXT PRIMARY KEY,"
        " key TEXT NOT NULL, events TEXT NOT NULL)"
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]


def _too_new(version: int, known: int) -> TtdnError:
    return TtdnError(f"report cache from a newer program (schema {version}, known {known})")


class QcCache:
    """``(project, clip, lang)`` → error cue ids, valid while the key matches."""

    def __init__(self, path: Path | None = None):
        self.conn: sqlite3.Connection | None = None
        self.pending: list[tuple[str, int, str, str, str]] = []
        self.pending_events: list[tuple[str, str, str]] = []
        self.hits = self.misses = 0
        try:
            self.conn = open_connection(path or cache_file())
            run_migrations(self.conn, MIGRATIONS, _too_new)
        except (sqlite3.Error, TtdnError):
            self.close()

    def get(self, project: str, clip_id: int, lang: str, key: str) -> set[int] | None:
        """The error cue ids stored for this key, or None (not stored, another key, unreadable)."""
        if self.conn is None:
            return None
        try:
            row = self.conn.execute(
                "SELECT key, cues FROM qc_errors WHERE project = ? AND clip_id = ? AND lang = ?",
                (project, clip_id, lang),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != key:
            return None
        return {int(c) for c in json.loads(row[1])}

    def get_events(self, project: str, key: str) -> list[Any] | None:
        """A project's approval events stored for this key (JSON rows), or None."""
        if self.conn is None:
            return None
        try:
            row = self.conn.execute(
                "SELECT key, events FROM approval_events WHERE project = ?", (project,)
            ).fetchone()
            if row is None or row[0] != key:
                return None
            events = json.loads(row[1])
        except (sqlite3.Error, ValueError):
            return None
        return events if isinstance(events, list) else None

    def put_events(self, project: str, key: str, events: list[Any]) -> None:
        """Remember a project's approval events (written with :meth:`flush`)."""
        self.pending_events.append((project, key, json.dumps(events, ensure_ascii=False)))

    def put(self, project: str, clip_id: int, lang: str, key: str, cues: set[int]) -> None:
        """Remember a result (written by :meth:`flush`, at the latest on :meth:`close`)."""
        self.pending.append((project, clip_id, lang, key, json.dumps(sorted(cues))))

    def flush(self) -> None:
        if self.conn is None or not (self.pending or self.pending_events):
            return
        try:
            with transaction(self.conn):
                self.conn.executemany(
                    "INSERT OR REPLACE INTO qc_errors VALUES (?, ?, ?, ?, ?)", self.pending
                )
                self.conn.executemany(
                    "INSERT OR REPLACE INTO approval_events VALUES (?, ?, ?)", self.pending_events
                )
        except (sqlite3.Error, TtdnError):
            pass  # not remembered: the next report reads these again
        self.pending.clear()
        self.pending_events.clear()

    def close(self) -> None:
        if self.conn is not None:
            self.flush()
            self.conn.close()
            self.conn = None
