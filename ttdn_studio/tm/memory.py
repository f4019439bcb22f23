"""The translation memory's units, matches and matching rules (its database: ``store.translation_memory``).

Segments are sentences on one line: an approved cue is stored as one pair per
sentence when its source and target hold the same number of sentences, else as
one pair with its display line breaks turned into spaces (:func:`segment_pair`).
Lookups match on :func:`ttdn_studio.text.match_key` (case and old/new tone placement
folded), and a text of several sentences is answered sentence by sentence.
Concordance (``search``) also ignores accents, as the desk's find does
(:func:`search_form`): "Ca Mau" typed without a Vietnamese keyboard finds "Cà Mau".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from rapidfuzz import fuzz, process

from ttdn_studio.errors import ValidationError
from ttdn_studio.models.domain import check_lang, now_iso
from ttdn_studio.text import clean_text, match_key, search_key, without_controls
from ttdn_studio.tm.sentences import join_sentences, split_sentences


def source_key(text: str) -> str:
    """Matching form of a segment: ``match_key`` (case and tone placement folded), one line."""
    return " ".join(match_key(clean_text(text)).split())


def search_form(text: str) -> str:
    """What concordance compares: ``search_key`` (case, tone placement and accents
    folded, as the desk's find), one line."""
    return " ".join(search_key(clean_text(text)).split())


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


class MemoryUnits(Protocol):
    """What TMX import and export need of a memory (the store's ``TranslationMemory``)."""

    def add_many(self, units: Iterable[TmUnit]) -> int: ...

    def units(
        self, src_lang: str | None = None, tgt_lang: str | None = None
    ) -> Iterator[TmUnit]: ...


def checked_unit(unit: TmUnit) -> TmUnit:
    """``unit`` with cleaned texts and checked languages, ready to store.

    Raises :class:`ValidationError` for an empty side or an unknown language."""
    source, target = (
        without_controls(clean_text(t), line_break="\n").strip() for t in (unit.source, unit.target)
    )
    if not source or not target:
        raise ValidationError("a translation memory entry needs both a source and a target text")
    try:
        src, tgt = check_lang(unit.src_lang), check_lang(unit.tgt_lang)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    created = unit.created_at or now_iso()
    return TmUnit(source, target, src, tgt, unit.project, created, unit.updated_at or created)


def join_matches(hits: Sequence[TmMatch], source: str, src_lang: str, tgt_lang: str) -> TmMatch:
    """One exact match for a text of several sentences from each sentence's match
    (a line break between the source's sentences is kept in the target)."""
    sentences = split_sentences(clean_text(source), src_lang)
    return TmMatch(
        " ".join(m.source for m in hits),
        join_sentences([m.target for m in hits], sentences),
        100.0,
        hits[0].project,
        min(m.created_at for m in hits),
        src_lang,
        tgt_lang,
    )


def rank(source: str, keys: Sequence[str], limit: int, min_score: float) -> list[tuple[int, float]]:
    """``(index into keys, score)`` of up to ``limit`` keys similar to ``source``, best first
    (rapidfuzz ratio on normalised text, scores rounded to one decimal)."""
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
    return [(index, round(float(score), 1)) for _key, score, index in hits]


def period(start: date | str, end: date | str) -> tuple[date, date]:
    """First and last day of a period given as dates or ``YYYY-MM[-DD]`` strings."""
    first, last = _as_date(start, end=False), _as_date(end, end=True)
    if last < first:
        raise ValidationError(f"the period ends ({last}) before it starts ({first})")
    return first, last


def months_between(first: date, last: date) -> list[str]:
    """Every ``YYYY-MM`` from ``first``'s month to ``last``'s, in order."""
    return _months(first, last)


def count_by_month_in_zone(
    stamps: Iterable[str], first: date, last: date, tz: str
) -> dict[str, int]:
    """How many of ``stamps`` (ISO times) fall on each month's days in time zone ``tz``."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    counts = dict.fromkeys(_months(first, last), 0)
    for stamp in stamps:
        try:
            moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except (TypeError, ValueError, AttributeError):
            continue
        day = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone).date()
        if first <= day <= last:
            counts[f"{day.year:04d}-{day.month:02d}"] += 1
    return counts


def stamp(at: datetime | date | str | None) -> str:
    """An entry's time as stored: ISO seconds in UTC (now when ``at`` is None)."""
    return _stamp(at)


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
