"""The render queue in the project database (table ``render_jobs``): one row per output.

A row records what was rendered (clip, languages top→bottom as ``"km,en"``,
preset, output path), its state (queued → running → done | failed |
cancelled) and a fingerprint of everything that shapes the output. A later
run skips an output whose row is ``done`` with the same fingerprint while the
file still exists; a row left ``running`` by a process that is gone (crash,
kill) is taken over and rendered again. ``owner`` is ``host:pid`` of the
process rendering it. Writes are single statements under a lock, so worker
threads can share the project's connection.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ttdn_studio.models.domain import now_iso

RENDERER_VERSION = "1"
FOREIGN_OWNER_TIMEOUT = timedelta(hours=12)


def fingerprint(
    ass_text: str, preset_text: str, source: tuple[int, int] | None, fonts: list[str]
) -> str:
    """Hash of the subtitle file (events + styles), preset and source file's size/mtime."""
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, ass_text, preset_text, repr(source), ",".join(sorted(fonts))):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def source_stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None or not path.is_file():
        return None
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def this_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str | None, started_at: str | None) -> bool:
    """Whether the process named by ``owner`` (``host:pid``) may still be rendering."""
    if not owner or ":" not in owner:
        return False
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname():
        try:
            started = datetime.fromisoformat(started_at or "")
        except ValueError:
            return False
        return datetime.now(UTC) - started < FOREIGN_OWNER_TIMEOUT
    try:
        pid = int(pid_text)
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


@dataclass(frozen=True)
class JobRow:
    id: int
    status: str
    fingerprint: str
    owner: str | None
    started_at: str | None


class RenderQueue:
    def __init__(self, conn: Any):
        self.conn = conn
        self.lock = threading.Lock()

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        with self.lock:
            cur = self.conn.execute(sql, params)
            return int(cur.lastrowid or 0)

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
        """Queue the output, reusing its row (one row per output file)."""
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
        )
        if row is None:
            return self._write(
                "INSERT INTO render_jobs (clip_id, clip_name, langs, preset, output, status,"
                " fingerprint, cues, created_at, log_path) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
                values,
            )
        self._write(
            "UPDATE render_jobs SET clip_id=?, clip_name=?, langs=?, preset=?, output=?,"
            " status='queued', fingerprint=?, cues=?, created_at=?, log_path=?, started_at=NULL,"
            " finished_at=NULL, error=NULL, duration_ms=NULL, owner=NULL WHERE id=?",
            (*values, row.id),
        )
        return row.id

    def start(self, job_id: int) -> None:
        self._write(
            "UPDATE render_jobs SET status='running', started_at=?, owner=? WHERE id=?",
            (now_iso(), this_owner(), job_id),
        )

    def finish(
        self, job_id: int, status: str, *, duration_ms: int | None = None, error: str | None = None
    ) -> None:
        self._write(
            "UPDATE render_jobs SET status=?, finished_at=?, duration_ms=?, error=? WHERE id=?",
            (status, now_iso(), duration_ms, error, job_id),
        )

    def rows(self) -> list[dict[str, Any]]:
        with self.lock:
            cur = self.conn.execute("SELECT * FROM render_jobs ORDER BY id")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
