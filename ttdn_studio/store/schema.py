"""Schema of a project database and the migrations that bring old files up to date.

Each migration is a function taking an open connection; ``MIGRATIONS[i]`` brings
a database from version ``i`` to ``i + 1``. They run in one transaction on open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ttdn_studio.errors import ProjectError


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the surrounding transaction: run statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE project (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            title TEXT NOT NULL,
            source_lang TEXT NOT NULL,
            target_langs TEXT NOT NULL,
            fps REAL NOT NULL,
            created_at TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE clips (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            video TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cues (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
            start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
            end_ms INTEGER NOT NULL,
            text TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            CHECK (end_ms >= start_ms)
        );
        CREATE INDEX cues_clip_start ON cues (clip_id, start_ms, id);
        CREATE TABLE translations (
            cue_id INTEGER NOT NULL REFERENCES cues(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'empty'
                CHECK (status IN ('empty', 'mt', 'draft', 'reviewed', 'approved')),
            origin TEXT NOT NULL DEFAULT 'human',
            author TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            flags TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (cue_id, lang)
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            author TEXT NOT NULL,
            action TEXT NOT NULL,
            changes TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0
        );
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """The render queue: one row per output file (langs top→bottom, e.g. "km,en")."""
    _run_script(
        conn,
        """
        CREATE TABLE render_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            clip_id INTEGER REFERENCES clips(id) ON DELETE SET NULL,
            clip_name TEXT NOT NULL,
            langs TEXT NOT NULL,
            preset TEXT NOT NULL,
            output TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
            fingerprint TEXT NOT NULL,
            duration_ms INTEGER,
            cues INTEGER,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            error TEXT,
            log_path TEXT,
            owner TEXT
        );
        CREATE INDEX render_jobs_output ON render_jobs (output);
        """,
    )


def _v3(conn: sqlite3.Connection) -> None:
    """Where a cue sits on screen: bottom (the default), middle or top."""
    conn.execute(
        "ALTER TABLE cues ADD COLUMN align TEXT NOT NULL DEFAULT 'bottom'"
        " CHECK (align IN ('bottom', 'middle', 'top'))"
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Approved translations waiting to reach the shared translation memory.

    Written in the same transaction as the approval; emptied once the memory
    (a separate file) holds them, so an approval can never lose its memory entry.
    """
    _run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS tm_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL,
            project TEXT NOT NULL,
            approved_at TEXT NOT NULL
        );
        """,
    )


def _v5(conn: sqlite3.Connection) -> None:
    """The machine translation engine's confidence (0-1) in a machine draft; NULL otherwise."""
    conn.execute("ALTER TABLE translations ADD COLUMN mt_confidence REAL")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: object = None) -> None:
    """Run every pending migration in one transaction (nothing half-applied)."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"this project was saved by a newer TTĐN Studio (schema {version}, "
            f"this program knows {SCHEMA_VERSION}); update the program",
            file=str(path) if path else None,
        )
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
