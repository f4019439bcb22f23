"""The translation memory: approved translations shared by every project."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from rapidfuzz import fuzz, process

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.models.domain import check_lang, now_iso
from ttdn_studio.text import clean_text, fold

SCHEMA = """
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
);
CREATE INDEX IF NOT EXISTS units_lookup ON units (src_lang, tgt_lang, source_key);
CREATE INDEX IF NOT EXISTS units_created ON units (created_at);
"""
COLUMNS = "source, target, src_lang, tgt_lang, project, created_at, updated_at"


def source_key(text: str) -> str:
    """Normalised source for lookups: NFC, case-folded, whitespace runs as one space."""
    return " ".join(fold(clean_text(text)).split())


@dataclass(frozen=True)
class TmUnit:
    """One stored pair of segments."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    project: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class TmMatch:
    """A memory hit for a query: ``score`` is 100 for an exact (normalised) match."""

    source: str
    target: str
    score: float
    project: str
    created_at: str
    src_lang: str = ""
    tgt_lang: str = ""


def _stamp(at: datetime | date | str | None) -> str:
    if at is None:
        return now_iso()
    if isinstance(at, str):
        return at
    if isinstance(at, datetime):
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat(timespec="seconds")
    return datetime(at.year, at.month, at.day, tzinfo=UTC).isoformat(timespec="seconds")


class TranslationMemory:
    """One SQLite file (default: ``locations.tm_file()``) of source/target pairs.

    Fuzzy lookups keep each language pair's normalised sources in memory and
    reload them when the file changes (another process) or after ``add``.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else locations.tm_file()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise TtdnError(f"not a readable translation memory ({exc})", file=self.path) from exc
        self._writes = 0
        self._cache: dict[tuple[str, str], tuple[tuple[int, int], list[str], list[int]]] = {}

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
        """Store a pair (an existing identical pair is refreshed); True when new."""
        unit = TmUnit(source, target, src_lang, tgt_lang, project, _stamp(at))
        return self.add_many([unit]) == 1

    def add_many(self, units: Iterable[TmUnit]) -> int:
        """Store many pairs in one transaction; returns how many were new."""
        added = 0
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for unit in units:
                added += self._upsert(unit)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        self._writes += 1
        return added

    def _upsert(self, unit: TmUnit) -> int:
        source, target = clean_text(unit.source).strip(), clean_text(unit.target).strip()
        if not source or not target:
            raise ValidationError(
                "a translation memory entry needs both a source and a target text"
            )
        try:
            src, tgt = check_lang(unit.src_lang), check_lang(unit.tgt_lang)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        created = unit.created_at or now_iso()
        key = source_key(source)
        exists = self.conn.execute(
            "SELECT 1 FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=? AND target=?",
            (src, tgt, key, target),
        ).fetchone()
        self.conn.execute(
            "INSERT INTO units (source, target, src_lang, tgt_lang, project, created_at, updated_at, source_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (src_lang, tgt_lang, source_key, target) DO UPDATE SET"
            " source = excluded.source, project = excluded.project,"
            " created_at = MIN(created_at, excluded.created_at),"
            " updated_at = MAX(updated_at, excluded.updated_at)",
            (source, target, src, tgt, unit.project, created, unit.updated_at or created, key),
        )
        return 0 if exists else 1

    # ----------------------------------------------------------------- reading
    def contains(self, source: str, target: str, src_lang: str, tgt_lang: str) -> bool:
        """True when this exact pair (source normalised, target as cleaned) is stored."""
        row = self.conn.execute(
            "SELECT 1 FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=? AND target=?",
            (src_lang, tgt_lang, source_key(source), clean_text(target).strip()),
        ).fetchone()
        return row is not None

    def exact(self, source: str, src_lang: str, tgt_lang: str) -> TmMatch | None:
        """The latest pair whose normalised source equals ``source``'s."""
        row = self.conn.execute(
            f"SELECT {COLUMNS} FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=?"
            " ORDER BY updated_at DESC, id DESC LIMIT 1",
            (src_lang, tgt_lang, source_key(source)),
        ).fetchone()
        return _match(row, 100.0) if row else None

    def fuzzy(
        self, source: str, src_lang: str, tgt_lang: str, limit: int = 5, min_score: float = 70
    ) -> list[TmMatch]:
        """Up to ``limit`` similar pairs, best first (rapidfuzz ratio on normalised text)."""
        keys, ids = self._candidates(src_lang, tgt_lang)
        if not keys:
            return []
        hits = process.extract(
            source_key(source),
            keys,
            scorer=fuzz.ratio,
            processor=None,
            limit=limit,
            score_cutoff=min_score,
        )
        out = []
        for _key, score, index in hits:
            row = self.conn.execute(
                f"SELECT {COLUMNS} FROM units WHERE id=?", (ids[index],)
            ).fetchone()
            if row:
                out.append(_match(row, round(float(score), 1)))
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
        first, last = _as_date(start, end=False), _as_date(end, end=True)
        if last < first:
            raise ValidationError(f"the period ends ({last}) before it starts ({first})")
        if tz is not None:
            return self._growth_in_zone(first, last, src_lang, tgt_lang, tz)
        where, args = _pair_filter(src_lang, tgt_lang)
        where = (
            where + " AND" if where else " WHERE"
        ) + " substr(created_at, 1, 10) BETWEEN ? AND ?"
        rows = self.conn.execute(
            f"SELECT substr(created_at, 1, 7), COUNT(*) FROM units{where} GROUP BY 1",
            [*args, first.isoformat(), last.isoformat()],
        ).fetchall()
        counts = {r[0]: int(r[1]) for r in rows}
        return {month: counts.get(month, 0) for month in _months(first, last)}

    def _growth_in_zone(
        self, first: date, last: date, src_lang: str | None, tgt_lang: str | None, tz: str
    ) -> dict[str, int]:
        from datetime import timedelta
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(tz)
        where, args = _pair_filter(src_lang, tgt_lang)
        where = (
            where + " AND" if where else " WHERE"
        ) + " substr(created_at, 1, 10) BETWEEN ? AND ?"
        wide = [(first - timedelta(days=1)).isoformat(), (last + timedelta(days=1)).isoformat()]
        counts = dict.fromkeys(_months(first, last), 0)
        for (stamp,) in self.conn.execute(f"SELECT created_at FROM units{where}", [*args, *wide]):
            try:
                moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            except (TypeError, ValueError):
                continue
            day = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone).date()
            if first <= day <= last:
                counts[f"{day.year:04d}-{day.month:02d}"] += 1
        return counts


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


def _as_date(value: date | str, *, end: bool) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if len(value) == 7:  # YYYY-MM: the whole month
            first = date.fromisoformat(value + "-01")
            if not end:
                return first
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValidationError(f"not a date: {value!r} (use YYYY-MM-DD or YYYY-MM)") from exc


def _months(first: date, last: date) -> list[str]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
