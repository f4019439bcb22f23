"""The translation memory: approved translations shared by every project.

Segments are sentences on one line: an approved cue is stored as one pair per
sentence when its source and target hold the same number of sentences, else as
one pair with its display line breaks turned into spaces. Lookups match on
:func:`ttdn_studio.text.match_key` (case and old/new tone placement folded), and a
text of several sentences is answered sentence by sentence. Memory files written
before sentence segments are re-segmented when first opened (``PRAGMA
user_version`` 0 → 1).
"""

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
from ttdn_studio.text import clean_text, match_key
from ttdn_studio.tm.sentences import join_sentences, split_sentences

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
    target_key TEXT NOT NULL DEFAULT '',
    UNIQUE (src_lang, tgt_lang, source_key, target)
);
CREATE INDEX IF NOT EXISTS units_lookup ON units (src_lang, tgt_lang, source_key);
CREATE INDEX IF NOT EXISTS units_created ON units (created_at);
"""
COLUMNS = "source, target, src_lang, tgt_lang, project, created_at, updated_at"
VERSION = 1  # 1: sentence segments, match_key lookup keys, target_key


def source_key(text: str) -> str:
    """Matching form of a segment: ``match_key`` (case and tone placement folded), one line."""
    return " ".join(match_key(clean_text(text)).split())


def segment_pair(source: str, target: str, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """The memory segments of one approved pair: per sentence when both sides agree.

    Display line breaks never reach the memory: a sentence over two lines is one
    line. When source and target hold different numbers of sentences the pair is
    kept whole (on one line).
    """
    src = [s.text for s in split_sentences(clean_text(source), src_lang)]
    tgt = [s.text for s in split_sentences(clean_text(target), tgt_lang)]
    if not src or not tgt:
        return []
    if len(src) > 1 and len(src) == len(tgt):
        return list(zip(src, tgt, strict=True))
    return [(" ".join(src), " ".join(tgt))]


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
            had_units = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='units'"
            ).fetchone()
            self.conn.executescript(SCHEMA)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise TtdnError(f"not a readable translation memory ({exc})", file=self.path) from exc
        #: True when this opening created the memory (nothing was stored before)
        self.is_new = had_units is None
        self._writes = 0
        self._cache: dict[tuple[str, str], tuple[tuple[int, int], list[str], list[int]]] = {}

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        """Bring an older memory file up to :data:`VERSION` (one transaction)."""
        if self.conn.execute("PRAGMA user_version").fetchone()[0] >= VERSION:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.conn.execute("PRAGMA user_version").fetchone()[0] < VERSION:
                self._resegment()
                self.conn.execute(f"PRAGMA user_version = {VERSION}")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _resegment(self) -> None:
        """Version 0 → 1: pairs with display line breaks become sentence segments."""
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(units)")}
        if "target_key" not in columns:
            self.conn.execute("ALTER TABLE units ADD COLUMN target_key TEXT NOT NULL DEFAULT ''")
        rows = self.conn.execute(f"SELECT {COLUMNS} FROM units ORDER BY id").fetchall()
        self.conn.execute("DELETE FROM units")
        for row in rows:
            try:
                self._upsert(TmUnit(*row))
            except ValidationError:
                continue  # an empty or unusable old pair: nothing to keep

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
        unit = TmUnit(source, target, src_lang, tgt_lang, project, _stamp(at))
        return self.add_many([unit]) > 0

    def add_many(self, units: Iterable[TmUnit]) -> int:
        """Store many pairs in one transaction; returns how many segments were new."""
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
        added = 0
        for seg_source, seg_target in segment_pair(source, target, src, tgt):
            key = source_key(seg_source)
            exists = self.conn.execute(
                "SELECT 1 FROM units WHERE src_lang=? AND tgt_lang=? AND source_key=? AND target=?",
                (src, tgt, key, seg_target),
            ).fetchone()
            self.conn.execute(
                "INSERT INTO units (source, target, src_lang, tgt_lang, project, created_at,"
                " updated_at, source_key, target_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (src_lang, tgt_lang, source_key, target) DO UPDATE SET"
                " source = excluded.source, project = excluded.project,"
                " created_at = MIN(created_at, excluded.created_at),"
                " updated_at = MAX(updated_at, excluded.updated_at)",
                (
                    seg_source,
                    seg_target,
                    src,
                    tgt,
                    unit.project,
                    created,
                    unit.updated_at or created,
                    key,
                    source_key(seg_target),
                ),
            )
            added += 0 if exists else 1
        return added

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
        if any(m is None for m in found):
            return None
        hits = [m for m in found if m is not None]
        first = hits[0]
        return TmMatch(
            " ".join(m.source for m in hits),
            join_sentences([m.target for m in hits], sentences),
            100.0,
            first.project,
            min(m.created_at for m in hits),
            src_lang,
            tgt_lang,
        )

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

        Matching ignores case and old/new tone placement. With ``all_words`` a
        pair's source must contain every word of ``text``, in any order. Newest first.
        """
        key = source_key(text)
        if not key:
            return []
        where, args = _pair_filter(src_lang, tgt_lang)
        if all_words:
            words = key.split()
            cond = " AND ".join("instr(source_key, ?) > 0" for _ in words)
            params: list[object] = [*args, *words]
        else:
            cond = "(instr(source_key, ?) > 0 OR instr(target_key, ?) > 0)"
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
    ) -> dict[str, int]:
        """Entries first added in each month from ``start`` to ``end`` (inclusive), as ``YYYY-MM``."""
        first, last = _as_date(start, end=False), _as_date(end, end=True)
        if last < first:
            raise ValidationError(f"the period ends ({last}) before it starts ({first})")
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
