"""Opening a project database: WAL, foreign keys, migrations, explicit transactions."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ttdn_studio.errors import ProjectError
from ttdn_studio.store.filesystems import refuse_network_filesystem
from ttdn_studio.store.schema import SCHEMA_VERSION, current_version, migrate

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_S = 10.0  # how long a write waits for another program's write to finish


def _import_sqlite_utils() -> ModuleType:
    """``sqlite_utils``, imported without numpy and pandas when they are not loaded yet.

    sqlite-utils imports them, if installed, only to map their scalar types to
    column types; the store never writes such values, and importing numpy costs
    a tenth of a second. Both are hidden for that one import
    (``sys.modules[name] = None`` makes ``import name`` fail) and then restored,
    so any later ``import numpy`` works as usual.
    """
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            del sys.modules[name]
    return sqlite_utils


def open_connection(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection with the store's settings: autocommit (explicit transactions), a busy
    timeout, WAL, foreign keys, ``synchronous = NORMAL``. Raises ``sqlite3`` errors;
    a failed open leaves no file handle behind."""
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=check_same_thread,
    )
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) a project database with the project's settings.

    ``read_only`` opens an existing file for reading only: nothing is written, not even
    a migration. A project in a folder that cannot be written is opened that way too,
    so it can still be listed, exported and reported (edits then fail with a message).
    """
    refuse_network_filesystem(path)  # a network share: see .filesystems
    if read_only:
        return connect_read_only(path)
    conn: sqlite3.Connection | None = None
    try:
        conn = open_connection(path, check_same_thread=False)
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()  # a failed open leaves no file handle behind
        text = str(exc).lower()
        if ("readonly" in text or "unable to open" in text) and path.is_file():
            with suppress(ProjectError):
                return connect_read_only(path)
        if "readonly" in text or "unable to open" in text:
            raise ProjectError(
                "cannot be opened for writing: the project's folder is read-only or"
                " not reachable (copy the project to a folder you can write)",
                file=path,
            ) from exc
        if "locked" in text or "busy" in text or "full" in text:
            raise write_error(exc, path) from exc
        raise ProjectError(f"not a readable project database ({exc})", file=path) from exc
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open an existing project database for reading only (``mode=ro``); a file whose
    schema is older than this program's is refused rather than migrated."""
    from urllib.parse import quote

    if not path.is_file():
        raise ProjectError("no project database here", file=path)
    uri = f"file:{quote(str(path.resolve()))}"
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = sqlite3.connect(
                f"{uri}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
            version = current_version(conn)
        except sqlite3.OperationalError:
            # a WAL file in a folder nobody may write has no shared-memory file to open:
            # nobody can be writing it either, so it can be read as an immutable file
            if conn is not None:
                conn.close()
            conn = sqlite3.connect(
                f"{uri}?mode=ro&immutable=1",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
            version = current_version(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise ProjectError(f"not a readable project database ({exc})", file=path) from exc
    if version != SCHEMA_VERSION:
        conn.close()
        newer = version > SCHEMA_VERSION
        raise ProjectError(
            f"saved by {'a newer' if newer else 'an older'} TTĐN Studio (schema {version}, "
            f"this program knows {SCHEMA_VERSION}); "
            + ("update the program" if newer else "open it once with ttdn to upgrade it"),
            file=path,
        )
    return conn


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils' table-level view of an open project connection (imported on first use:
    with its plugin machinery it would add a tenth of a second to the desk's start)."""
    return _import_sqlite_utils().Database(conn)


def write_error(exc: sqlite3.Error, path: Path | None = None) -> ProjectError:
    """What a failed write means for the person whose edit it was (nothing was saved)."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        message = (
            "the project is busy: another program kept it locked for "
            f"{BUSY_TIMEOUT_S:g} s; nothing was saved, try again"
        )
    elif "full" in text:
        message = "the disk is full: nothing was saved; free some space and try again"
    elif "readonly" in text or "read-only" in text:
        message = "the project folder cannot be written (read-only); nothing was saved"
    else:
        message = f"the project database could not be written ({exc}); nothing was saved"
    return ProjectError(message, file=path)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is saved, or none of it.

    SQLite's own failures (locked by another program, disk full, read-only
    folder) become a :class:`ProjectError` that says so, after the rollback.
    """
    if conn.in_transaction:  # nested: the outer transaction decides
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise write_error(exc) from exc
    try:
        yield conn
    except sqlite3.Error as exc:
        _rollback(conn)
        raise write_error(exc) from exc
    except BaseException:
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise write_error(exc) from exc


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with suppress(sqlite3.Error):  # the transaction may be gone already (SQLite rolled it back)
            conn.execute("ROLLBACK")
