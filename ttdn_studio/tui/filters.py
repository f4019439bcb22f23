"""Grid filters: a registry of name → predicate over a cue row and the target language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ttdn_studio.models import CueRow, Status
from ttdn_studio.text import search_key
from ttdn_studio.tui.format import OUTDATED_FLAG, TERM_FLAG

TIMING_FLAG = "timing-check"  # set by timing to the voice (ttdn_studio.media.align)


@dataclass(frozen=True)
class RowFilter:
    key: str
    label: str
    test: Callable[[CueRow, str, int], bool]  # (row, lang, qc error count)
    cue_flag: str | None = None  # instead: the cue itself carries this flag (store's cue flags)
    order: Callable[[CueRow, str], Any] | None = None  # sort key of the shown rows, if any
    # instead: the cues this returns (given the project's store and the clip's name)
    cues: Callable[[Any, str | None], set[int]] | None = None


def _untranslated(row: CueRow, lang: str, qc: int) -> bool:
    return not row.text(lang, "").strip()


def _needs_review(row: CueRow, lang: str, qc: int) -> bool:
    return row.status(lang) in (Status.MT, Status.DRAFT)


def review_order(row: CueRow, lang: str) -> tuple[bool, float]:
    """Least confident machine drafts first; drafts with no engine confidence after them."""
    tr = row.translations.get(lang)
    confidence = tr.confidence if tr is not None else None
    return (confidence is None, confidence if confidence is not None else 0.0)


def _term_failed(row: CueRow, lang: str, qc: int) -> bool:
    tr = row.translations.get(lang)
    return tr is not None and TERM_FLAG in tr.flags


def _outdated(row: CueRow, lang: str, qc: int) -> bool:
    tr = row.translations.get(lang)
    return tr is not None and OUTDATED_FLAG in tr.flags


def _open_notes(store: Any, clip: str | None) -> set[int]:
    from ttdn_studio.services.reviewing import cues_with_open_notes

    return cues_with_open_notes(store, clip)


FILTERS: list[RowFilter] = [
    RowFilter("all", "all cues", lambda row, lang, qc: True),
    RowFilter("untranslated", "untranslated", _untranslated),
    RowFilter("review", "needs review (least confident first)", _needs_review, order=review_order),
    RowFilter("qc", "QC errors", lambda row, lang, qc: qc > 0),
    RowFilter("terms", "term check failed", _term_failed),
    RowFilter("timing", "timing to check", lambda row, lang, qc: False, cue_flag=TIMING_FLAG),
    RowFilter("outdated", "source changed (outdated)", _outdated),
    RowFilter("notes", "open notes", lambda row, lang, qc: False, cues=_open_notes),
]
FILTERS_BY_KEY = {f.key: f for f in FILTERS}


def next_filter(key: str) -> RowFilter:
    keys = [f.key for f in FILTERS]
    return FILTERS[(keys.index(key) + 1) % len(keys)]


def matches_search(row: CueRow, needle: str, langs: list[str]) -> bool:
    """Search in the source and the given targets, ignoring case and diacritics
    (:func:`ttdn_studio.text.search_key`, as the memory's concordance)."""
    if not needle:
        return True
    key = search_key(needle)
    texts = [
        row.cue.text,
        *(row.translations[lang].text for lang in langs if lang in row.translations),
    ]
    return any(key in search_key(text) for text in texts)
