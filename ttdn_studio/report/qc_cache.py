"""Which approved cues still carry a QC error, computed once per clip and language.

The report needs, for every clip with approvals in the period, the cues whose
current text has a QC finding of severity error. Running QC is by far the
slowest part of a report, so the result is kept per clip and language in a
small cache database in the data folder (``report-cache.sqlite``), keyed by a
fingerprint of the clip's cues and translations (ids, times, versions, statuses:
any edit changes it) and of what QC depends on besides (project settings, the
glossary files' dates, the program's version). A changed clip is checked again;
an unchanged one is read back. The cache is only an accelerator: when it cannot
be read or written, QC simply runs.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttdn_studio import __version__, locations
from ttdn_studio.report.collect import ProjectFacts

CACHE_NAME = "report-cache.sqlite"


def cache_file() -> Path:
    return locations.data_dir() / CACHE_NAME


class QcCache:
    """``(project, clip, lang)`` → error cue ids, valid while the key matches."""

    def __init__(self, path: Path | None = None):
        self.conn: sqlite3.Connection | None = None
        try:
            self.conn = sqlite3.connect(path or cache_file(), isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS qc_errors (project TEXT NOT NULL, clip_id INTEGER"
                " NOT NULL, lang TEXT NOT NULL, key TEXT NOT NULL, cues TEXT NOT NULL,"
                " PRIMARY KEY (project, clip_id, lang))"
            )
        except sqlite3.Error:
            self.close()
        self.pending: list[tuple[str, int, str, str, str]] = []
        self.hits = self.misses = 0

    def get(self, project: str, clip_id: int, lang: str, key: str) -> set[int] | None:
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

    def put(self, project: str, clip_id: int, lang: str, key: str, cues: set[int]) -> None:
        self.pending.append((project, clip_id, lang, key, json.dumps(sorted(cues))))

    def flush(self) -> None:
        if self.conn is None or not self.pending:
            return
        try:
            with self.conn:
                self.conn.execute("BEGIN")
                self.conn.executemany(
                    "INSERT OR REPLACE INTO qc_errors VALUES (?, ?, ?, ?, ?)", self.pending
                )
        except sqlite3.Error:
            pass
        self.pending.clear()

    def close(self) -> None:
        if self.conn is not None:
            self.flush()
            self.conn.close()
            self.conn = None


def _context_key(facts: ProjectFacts) -> str:
    """What QC results depend on besides the clip's own rows."""
    try:
        from ttdn_studio.glossary.loader import layer_files

        layers = [
            (str(p), p.stat().st_mtime_ns, p.stat().st_size) for _, p in layer_files(facts.path)
        ]
    except (ImportError, OSError):
        layers = []
    text = json.dumps([__version__, facts.settings, facts.fps, facts.source_lang, layers])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass
class _Checker:
    """Runs QC on the clips the cache does not know; opens the project only if needed."""

    folder: Path
    glossary: Callable[[], Any]  # loaded on the first check
    run_rows: Callable[..., Any]
    build_context: Callable[..., Any]
    checks: list[Any]
    store: Any = None
    contexts: dict[str, Any] = field(default_factory=dict)

    def errors(self, clip: str, lang: str) -> set[int]:
        if self.store is None:
            from ttdn_studio.store import open_project

            self.store = open_project(self.folder)
        if lang not in self.contexts:
            self.contexts[lang] = self.build_context(self.store.project, lang, self.glossary())
        rows = self.store.cue_rows(clip, langs=[lang])
        return _errors(self.run_rows(self.contexts[lang], rows, self.checks))

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def error_keys(
    folder: Path,
    facts: ProjectFacts,
    cache: QcCache,
    *,
    run_rows: Callable[..., Any],
    build_context: Callable[..., Any],
    checks: list[Any],
    glossary: Callable[[], Any],
) -> set[tuple[int, str]]:
    """``(cue_id, lang)`` with a QC error, for the clips and languages approved in the period."""
    wanted: set[tuple[str, str]] = {(a.clip, a.lang) for a in facts.approvals}
    project_key = str(facts.path.resolve())
    context = _context_key(facts)
    checker = _Checker(folder, glossary, run_rows, build_context, checks)
    out: set[tuple[int, str]] = set()
    try:
        for clip, lang in sorted(wanted):
            clip_id = facts.clip_ids.get(clip)
            if clip_id is None:
                continue
            key = f"{context}:{facts.clip_keys.get(clip_id, ('', ''))[1]}"
            cues = cache.get(project_key, clip_id, lang, key)
            if cues is None:
                cache.misses += 1
                cues = checker.errors(clip, lang)
                cache.put(project_key, clip_id, lang, key, cues)
            else:
                cache.hits += 1
            out.update((c, lang) for c in cues)
    finally:
        checker.close()
    return out


def _errors(findings: Iterable[Any]) -> set[int]:
    return {
        int(f.cue_id)
        for f in findings
        if str(getattr(f.severity, "value", f.severity)) == "error" and f.cue_id is not None
    }
