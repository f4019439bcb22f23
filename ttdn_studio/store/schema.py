"""Schema of a project database and the migrations that bring old files up to date.

Each migration is a function taking an open connection; ``MIGRATIONS[i]`` brings
a database from version ``i`` to ``i + 1``. They run in one transaction on open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from ttdn_studio.errors import ProjectError, TtdnError


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
    """Where a cue sits on screen: bottom (the default), middle or top.

    Texts stored before then may hold ASS override blocks that the program used
    to obey (``{\\an8}`` from an SRT, ``{\\fad(..)}`` from an ASS import); now
    braces are text, so these are lifted out: ``\\an`` into the new column,
    style toggles kept, the rest dropped (see ``formats.markup.lift_overrides``).
    """
    from ttdn_studio.formats.markup import lift_overrides

    conn.execute(
        "ALTER TABLE cues ADD COLUMN align TEXT NOT NULL DEFAULT 'bottom'"
        " CHECK (align IN ('bottom', 'middle', 'top'))"
    )
    pattern = "%{%\\%}%"
    for cue_id, text in conn.execute(
        "SELECT id, text FROM cues WHERE text LIKE ?", (pattern,)
    ).fetchall():
        new, align = lift_overrides(text)
        conn.execute(
            "UPDATE cues SET text = ?, align = ? WHERE id = ?", (new, align or "bottom", cue_id)
        )
    for cue_id, lang, text in conn.execute(
        "SELECT cue_id, lang, text FROM translations WHERE text LIKE ?", (pattern,)
    ).fetchall():
        new, _ = lift_overrides(text)
        conn.execute(
            "UPDATE translations SET text = ? WHERE cue_id = ? AND lang = ?", (new, cue_id, lang)
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
    """Flags on a cue itself (e.g. ``timing-check`` after timing to the voice), a JSON list."""
    conn.execute("ALTER TABLE cues ADD COLUMN flags TEXT NOT NULL DEFAULT '[]'")


def _v6(conn: sqlite3.Connection) -> None:
    """Editorial control: roles, notes, assignments, sign-offs, clearance for air,
    machine drafts and post-edit distance (see ``store.editorial``)."""
    _run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS roles (
            person TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('translator', 'editor', 'chief')),
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            cue_id INTEGER NOT NULL REFERENCES cues(id) ON DELETE CASCADE,
            lang TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            resolved_by TEXT,
            resolved_at TEXT
        );
        CREATE INDEX IF NOT EXISTS notes_cue ON notes (cue_id);
        CREATE TABLE IF NOT EXISTS assignments (
            clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            person TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL,
            PRIMARY KEY (clip_id, lang, person)
        );
        CREATE TABLE IF NOT EXISTS signoffs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            cue_id INTEGER NOT NULL REFERENCES cues(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            finding TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL,
            author TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS signoffs_cue ON signoffs (cue_id, lang);
        CREATE TABLE IF NOT EXISTS clearances (
            clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (clip_id, lang)
        );
        CREATE TABLE IF NOT EXISTS mt_drafts (
            cue_id INTEGER NOT NULL REFERENCES cues(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            text TEXT NOT NULL,
            engine TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (cue_id, lang)
        );
        CREATE TABLE IF NOT EXISTS post_edits (
            cue_id INTEGER NOT NULL REFERENCES cues(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            engine TEXT NOT NULL,
            ratio REAL NOT NULL,
            approved_by TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (cue_id, lang)
        );
        """,
    )


def _v7(conn: sqlite3.Connection) -> None:
    """The machine translation engine's confidence (0-1) in a machine draft; NULL otherwise.

    Skipped when the column is there already (a database set back to an older version)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(translations)")}
    if "mt_confidence" not in columns:
        conn.execute("ALTER TABLE translations ADD COLUMN mt_confidence REAL")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: object = None) -> None:
    """Run every pending migration in one transaction (nothing half-applied)."""
    run_migrations(
        conn,
        MIGRATIONS,
        lambda version, known: ProjectError(
            f"this project was saved by a newer TTĐN Studio (schema {version}, "
            f"this program knows {known}); update the program",
            file=str(path) if path else None,
        ),
    )


def run_migrations(
    conn: sqlite3.Connection,
    migrations: Sequence[Callable[[sqlite3.Connection], None]],
    too_new: Callable[[int, int], TtdnError],
) -> None:
    """Bring a database (its ``user_version``) up to ``len(migrations)`` in one transaction.

    ``too_new(version, known)`` is the error for a file written by a newer program.
    """
    latest = len(migrations)
    version = current_version(conn)
    if version > latest:
        raise too_new(version, latest)
    if version == latest:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in migrations[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {latest}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
