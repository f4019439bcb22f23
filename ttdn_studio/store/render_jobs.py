"""The render queue in the project database (table ``render_jobs``): one row per output.

A row records what was rendered (clip, languages top→bottom as ``"km,en"``,
preset, output path), its state (queued → running → done | failed |
cancelled) and a fingerprint of everything that shapes the output. A later
run skips an output whose row is ``done`` with the same fingerprint while the
file still exists; a row left ``running`` by a process that is gone (crash,
kill, reboot) is taken over and rendered again. ``owner`` names the process
that queued and renders it (host, pid, boot time and the process's start time,
so a reused pid is not mistaken for the renderer); taking a row over is a
compare-and-set, so two processes never both render one output. Writes are
single statements under a lock, so worker threads can share the project's
connection. The fingerprint itself is computed by ``render.queue``.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ttdn_studio.models.domain import now_iso
from ttdn_studio.store.db import write_error

FOREIGN_OWNER_TIMEOUT = timedelta(hours=12)

SqlValue = int | str | None


def _boot_time() -> int:
    import psutil

    return int(psutil.boot_time())


def _started(pid: int) -> int | None:
    """When process ``pid`` started, in centiseconds since the epoch (None: no such process)."""
    import psutil

    try:
        return round(psutil.Process(pid).create_time() * 100)
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return None
    except psutil.Error:  # exists, but not ours to inspect
        return -1


def this_owner() -> str:
    """``host:pid:boot:start``: names this process so that a reused pid or a reboot is told apart."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_boot_time()}:{_started(pid)}"


def owner_alive(owner: str | None, started_at: str | None) -> bool:
    """Whether the process named by ``owner`` may still be rendering.

    ``owner`` is ``host:pid:boot:start`` (or ``host:pid`` from older
    versions). On this host the owner is gone when the machine has rebooted
    since, when no process has that pid, or when the process with that pid
    started at another time (the pid was reused). Another host's process
    cannot be asked: its job counts as alive for :data:`FOREIGN_OWNER_TIMEOUT`.
    """
    if not owner or ":" not in owner:
        return False
    host, pid_text, *stamps = owner.split(":")
    if host != socket.gethostname():
        try:
            started = datetime.fromisoformat(started_at or "")
        except ValueError:
            return False
        return datetime.now(UTC) - started < FOREIGN_OWNER_TIMEOUT
    try:
        pid = int(pid_text)
        boot, start = (int(x) for x in stamps) if len(stamps) == 2 else (None, None)
    except ValueError:
        return False
    if boot is not None and abs(boot - _boot_time()) > 2:
        return False  # rendered before the last reboot
    now_started = _started(pid)
    if now_started is None:
        return False
    return start is None or now_started == -1 or abs(now_started - start) <= 1


@dataclass(frozen=True)
class JobRow:
    id: int
    status: str
    fingerprint: str
    owner: str | None
    started_at: str | None


class RenderQueue:
    """The ``render_jobs`` rows of one open project (its connection, shared by worker threads)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.lock = threading.Lock()

    def _write(self, sql: str, params: tuple[SqlValue, ...]) -> int:
        """An insert; its row id, or 0 when its condition kept it from inserting."""
        with self.lock:
            cur = self._execute(sql, params)
            return int(cur.lastrowid or 0) if cur.rowcount else 0

    def _claim(self, sql: str, params: tuple[SqlValue, ...]) -> bool:
        """One conditional update; False when another process changed the row first."""
        with self.lock:
            return bool(self._execute(sql, params).rowcount)

    def _execute(self, sql: str, params: tuple[SqlValue, ...]) -> sqlite3.Cursor:
        """A write; SQLite's failure (a read-only project, a full disk) said as a person's
        edit's would be."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise write_error(exc) from exc

    def latest(self, output: Path) -> JobRow | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT id, status, fingerprint, owner, started_at FROM render_jobs"
                " WHERE output = ? ORDER BY id DESC LIMIT 1",
                (str(output),),
            ).fetchone()
        return JobRow(*row) if row else None

    def busy_elsewhere(self, row: JobRow | None) -> bool:
        return (
            row is not None
            and row.status == "running"
            and row.owner != this_owner()
            and owner_alive(row.owner, row.started_at)
        )

    def enqueue(
        self,
        row: JobRow | None,
        *,
        clip_id: int | None,
        clip_name: str,
        langs: list[str],
        preset: str,
        output: Path,
        log_path: Path,
        fp: str,
        cues: int,
    ) -> int:
        """Queue the output for this process, reusing its row (one row per output file).

        Returns the row id, or 0 when another process took the row over since
        ``row`` was read (the claim is a compare-and-set on status and owner).
        """
        values = (
            clip_id,
            clip_name,
            ",".join(langs),
            preset,
            str(output),
            fp,
            cues,
            now_iso(),
            str(log_path),
            this_owner(),
        )
        if row is None:  # the first job for this output, unless another process just made it
            return self._write(
                "INSERT INTO render_jobs (clip_id, clip_name, langs, preset, output, status,"
                " fingerprint, cues, created_at, log_path, owner)"
                " SELECT ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?"
                " WHERE NOT EXISTS (SELECT 1 FROM render_jobs WHERE output = ?)",
                (*values, str(output)),
            )
        claimed = self._claim(
            "UPDATE render_jobs SET clip_id=?, clip_name=?, langs=?, preset=?, output=?,"
            " status='queued', fingerprint=?, cues=?, created_at=?, log_path=?, owner=?,"
            " started_at=NULL, finished_at=NULL, error=NULL, duration_ms=NULL"
            " WHERE id=? AND status IS ? AND owner IS ?",
            (*values, row.id, row.status, row.owner),
        )
        return row.id if claimed else 0

    def start(self, job_id: int) -> bool:
        """Mark the job running; False when another process has claimed it meanwhile."""
        return self._claim(
            "UPDATE render_jobs SET status='running', started_at=? WHERE id=? AND owner=?"
            " AND status='queued'",
            (now_iso(), job_id, this_owner()),
        )

    def finish(
        self, job_id: int, status: str, *, duration_ms: int | None = None, error: str | None = None
    ) -> None:
        """Record the outcome, unless another process has taken the job over since."""
        self._claim(
            "UPDATE render_jobs SET status=?, finished_at=?, duration_ms=?, error=?"
            " WHERE id=? AND owner=?",
            (status, now_iso(), duration_ms, error, job_id, this_owner()),
        )

    def rows(self) -> list[dict[str, SqlValue]]:
        """Every row, oldest first, as column → value."""
        with self.lock:
            cur = self.conn.execute("SELECT * FROM render_jobs ORDER BY id")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
