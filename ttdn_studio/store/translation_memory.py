"""The translation memory's database: one SQLite file shared by every project.

Opened with the store's connection settings (:func:`.db.open_connection`) and brought
up to date by its own migrations (``MIGRATIONS``, the file's ``user_version``). The
matching rules (normalised keys, fuzzy ranking, periods) live in :mod:`ttdn_studio.tm`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.store.db import open_connection
from ttdn_studio.store.schema import run_migrations
from ttdn_studio.text import clean_text
from ttdn_studio.tm.memory import (
    TmMatch,
    TmUnit,
    checked_unit,
    count_by_month_in_zone,
    join_matches,
    months_between,
    period,
    rank,
    search_form,
    segment_pair,
    source_key,
    stamp,
)
from ttdn_studio.tm.sentences import split_sentences

COLUMNS = "source, target, src_lang, tgt_lang, project, created_at, updated_at"


def _v1(conn: sqlite3.Connection) -> None:
    # IF NOT EXISTS: memories written before the memory had a schema version hold these already.
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS units (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL,
            project TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            source_key TEXT NOT NULL,
            UNIQUE (src_lang, tgt_lang, source_key, target)
        )
        """
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS units_lookup ON units (src_lang, tgt_lang, source_key)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS units_created ON units (created_at)")


def _v2(conn: sqlite3.Connection) -> None:
    """Sentence segments: every stored pair is stored again as its segments (see
    :func:`ttdn_studio.tm.memory.segment_pair`), keyed by ``match_key``, with a
    ``target_key`` for searching targets."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(units)")}
    if "target_key" not in columns:
        conn.execute("ALTER TABLE units ADD COLUMN target_key TEXT NOT NULL DEFAULT ''")
    rows = conn.execute(f"SELECT {COLUMNS} FROM units ORDER BY id").fetchall()
    conn.execute("DELETE FROM units")
    for row in rows:
        try:
            unit = checked_unit(TmUnit(*row))
        except ValidationError:
            continue  # an empty or unusable old pair: nothing to keep
        _upsert(conn, unit, searchable=False)


def _v3(conn: sqlite3.Connection) -> None:
    """Concordance ignores accents: ``source_search`` and ``target_search`` hold each
    segment's :func:`ttdn_studio.tm.memory.search_form`."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(units)")}
    for column in ("source_search", "target_search"):
        if column not in columns:
            conn.execute(f"ALTER TABLE units ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, source, target FROM units").fetchall()
    conn.executemany(
        "UPDATE units SET source_search = ?, target_search = ? WHERE id = ?",
        [(search_form(source), search_form(target), id_) for id_, source, target in rows],
    )


def _upsert(conn: sqlite3.Connection, unit: TmUnit, *, searchable: bool = True) -> int:
    """Store the segments of a checked unit; returns how many segments were new.

    ``searchable=False``: without the search columns (the migrations before ``_v3``)."""
    added = 0
    for seg_source, seg_target in segment_pair(
        unit.source, unit.target, unit.src_lang, unit.tgt_lang
    ):
        key = source_key(seg_source)
        exists = conn.execute(
            "SELECT 1 FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=? AND target=?",
            (unit.src_lang, unit.tgt_lang, key, seg_target),
        ).fetchone()
        values = [
            seg_source,
            seg_target,
            unit.src_lang,
            unit.tgt_lang,
            unit.project,
            unit.created_at,
            unit.updated_at,
            key,
            source_key(seg_target),
        ]
        columns = "source, target, src_lang, tgt_lang, project, created_at, updated_at," + (
            " source_key, target_key"
        )
        if searchable:
            columns += ", source_search, target_search"
            values += [search_form(seg_source), search_form(seg_target)]
        conn.execute(
            f"INSERT INTO units ({columns}) VALUES ({', '.join('?' * len(values))})"
            " ON CONFLICT (src_lang, tgt_lang, source_key, target) DO UPDATE SET"
            " source = excluded.source, project = excluded.project,"
            " created_at = MIN(created_at, excluded.created_at),"
            " updated_at = MAX(updated_at, excluded.updated_at)",
            values,
        )
        added += 0 if exists else 1
    return added


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


class TranslationMemory:
    """One SQLite file (default: ``locations.tm_file()``) of source/target pairs.

    Fuzzy lookups keep each language pair's normalised sources in memory and
    reload them when the file changes (another process) or after ``add``.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else locations.tm_file()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = open_connection(self.path)
        except sqlite3.DatabaseError as exc:
            raise TtdnError(f"not a readable translation memory ({exc})", file=self.path) from exc
        try:
            had_units = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='units'"
            ).fetchone()
            run_migrations(self.conn, MIGRATIONS, self._too_new)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise TtdnError(f"not a readable translation memory ({exc})", file=self.path) from exc
        except BaseException:
            self.conn.close()
            raise
        #: True when this opening created the memory (nothing was stored before)
        self.is_new = had_units is None
        self._writes = 0
        self._cache: dict[tuple[str, str], tuple[tuple[int, int], list[str], list[int]]] = {}

    def _too_new(self, version: int, known: int) -> TtdnError:
        return TtdnError(
            f"this translation memory was saved by a newer TTĐN Studio (schema {version},"
            f" this program knows {known}); update the program",
            file=self.path,
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- writing
    def add(
        self,
        source: str,
        target: str,
        src_lang: str,
        tgt_lang: str,
        project: str = "",
        at: datetime | date | str | None = None,
    ) -> bool:
        """Store a pair (an existing identical pair is refreshed); True when a segment is new."""
        unit = TmUnit(source, target, src_lang, tgt_lang, project, stamp(at))
        return self.add_many([unit]) > 0

    def add_many(self, units: Iterable[TmUnit]) -> int:
        """Store many pairs in one transaction; returns how many segments were new."""
        added = 0
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for unit in units:
                added += self._upsert(checked_unit(unit))
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        self._writes += 1
        return added

    def _upsert(self, unit: TmUnit) -> int:
        return _upsert(self.conn, unit)

    # ----------------------------------------------------------------- reading
    def contains(self, source: str, target: str, src_lang: str, tgt_lang: str) -> bool:
        """True when every segment of this pair (see :func:`segment_pair`) is stored."""
        segments = segment_pair(source, target, src_lang, tgt_lang)
        return bool(segments) and all(
            self.conn.execute(
                "SELECT 1 FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=? AND target=?",
                (src_lang, tgt_lang, source_key(s), t),
            ).fetchone()
            is not None
            for s, t in segments
        )

    def exact(self, source: str, src_lang: str, tgt_lang: str) -> TmMatch | None:
        """The stored translation of ``source``: the whole text, else sentence by sentence.

        A text of several sentences whose every sentence is stored is answered
        with their latest translations joined (a line break between sentences is
        kept); a text with any unknown sentence has no exact match.
        """
        whole = self._exact_one(source, src_lang, tgt_lang)
        if whole is not None:
            return whole
        sentences = split_sentences(clean_text(source), src_lang)
        if len(sentences) < 2:
            return None
        found = [self._exact_one(s.text, src_lang, tgt_lang) for s in sentences]
        hits = [m for m in found if m is not None]
        if len(hits) < len(found):
            return None
        return join_matches(hits, source, src_lang, tgt_lang)

    def _exact_one(self, source: str, src_lang: str, tgt_lang: str) -> TmMatch | None:
        row = self.conn.execute(
            f"SELECT {COLUMNS} FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=?"
            " ORDER BY updated_at DESC, id DESC LIMIT 1",
            (src_lang, tgt_lang, source_key(source)),
        ).fetchone()
        return _match(row, 100.0) if row else None

    def search(
        self,
        text: str,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        *,
        limit: int = 50,
        all_words: bool = False,
    ) -> list[TmMatch]:
        """Concordance: stored pairs whose source or target contains ``text``.

        Matching ignores case, old/new tone placement and accents, as the desk's
        find ("Ca Mau" finds "Cà Mau", see :func:`search_form`). With ``all_words``
        a pair's source must contain every word of ``text``, in any order. Newest first.
        """
        key = search_form(text)
        if not key:
            return []
        where, args = _pair_filter(src_lang, tgt_lang)
        if all_words:
            words = key.split()
            cond = " AND ".join("instr(source_search, ?) > 0" for _ in words)
            params: list[object] = [*args, *words]
        else:
            cond = "(instr(source_search, ?) > 0 OR instr(target_search, ?) > 0)"
            params = [*args, key, key]
        where = (where + " AND " if where else " WHERE ") + cond
        rows = self.conn.execute(
            f"SELECT {COLUMNS} FROM units{where} ORDER BY updated_at DESC, id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [_match(row, 100.0) for row in rows]

    def fuzzy(
        self, source: str, src_lang: str, tgt_lang: str, limit: int = 5, min_score: float = 70
    ) -> list[TmMatch]:
        """Up to ``limit`` similar pairs, best first (rapidfuzz ratio on normalised text)."""
        keys, ids = self._candidates(src_lang, tgt_lang)
        out = []
        for index, score in rank(source, keys, limit, min_score):
            row = self.conn.execute(
                f"SELECT {COLUMNS} FROM units WHERE id=?", (ids[index],)
            ).fetchone()
            if row:
                out.append(_match(row, score))
        out.sort(key=lambda m: (-m.score, m.created_at))
        return out

    def _candidates(self, src_lang: str, tgt_lang: str) -> tuple[list[str], list[int]]:
        version = (self.conn.execute("PRAGMA data_version").fetchone()[0], self._writes)
        cached = self._cache.get((src_lang, tgt_lang))
        if cached and cached[0] == version:
            return cached[1], cached[2]
        rows = self.conn.execute(
            "SELECT source_key, id FROM units WHERE src_lang=? AND tgt_lang=? ORDER BY id",
            (src_lang, tgt_lang),
        ).fetchall()
        keys, ids = [r[0] for r in rows], [r[1] for r in rows]
        self._cache[(src_lang, tgt_lang)] = (version, keys, ids)
        return keys, ids

    def count(self, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
        where, args = _pair_filter(src_lang, tgt_lang)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM units{where}", args).fetchone()[0])

    def pairs(self) -> list[tuple[str, str, int]]:
        """``(src_lang, tgt_lang, units)`` for every language pair held."""
        rows = self.conn.execute(
            "SELECT src_lang, tgt_lang, COUNT(*) FROM units GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
        return [(r[0], r[1], int(r[2])) for r in rows]

    def units(self, src_lang: str | None = None, tgt_lang: str | None = None) -> Iterator[TmUnit]:
        where, args = _pair_filter(src_lang, tgt_lang)
        for row in self.conn.execute(f"SELECT {COLUMNS} FROM units{where} ORDER BY id", args):
            yield TmUnit(*row)

    def growth_by_month(
        self,
        start: date | str,
        end: date | str,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        tz: str | None = None,
    ) -> dict[str, int]:
        """Entries first added in each month from ``start`` to ``end`` (inclusive), as ``YYYY-MM``.

        Days are UTC days, or those of time zone ``tz`` (e.g. the station's) when given.
        """
        first, last = period(start, end)
        where, args = _pair_filter(src_lang, tgt_lang)
        where = (
            where + " AND" if where else " WHERE"
        ) + " substr(created_at, 1, 10) BETWEEN ? AND ?"
        if tz is not None:
            wide = [(first - timedelta(days=1)).isoformat(), (last + timedelta(days=1)).isoformat()]
            stamps = [
                row[0]
                for row in self.conn.execute(f"SELECT created_at FROM units{where}", [*args, *wide])
            ]
            return count_by_month_in_zone(stamps, first, last, tz)
        rows = self.conn.execute(
            f"SELECT substr(created_at, 1, 7), COUNT(*) FROM units{where} GROUP BY 1",
            [*args, first.isoformat(), last.isoformat()],
        ).fetchall()
        counts = {r[0]: int(r[1]) for r in rows}
        return {month: counts.get(month, 0) for month in months_between(first, last)}


def _match(row: tuple[str, ...], score: float) -> TmMatch:
    source, target, src, tgt, project, created, _updated = row
    return TmMatch(source, target, score, project, created, src, tgt)


def _pair_filter(src_lang: str | None, tgt_lang: str | None) -> tuple[str, list[str]]:
    parts, args = [], []
    for column, value in (("src_lang", src_lang), ("tgt_lang", tgt_lang)):
        if value:
            parts.append(f"{column} = ?")
            args.append(value)
    return (" WHERE " + " AND ".join(parts) if parts else ""), args
