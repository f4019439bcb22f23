"""Grid filters: a registry of name → predicate over a cue row and the target language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ttdn_studio.models import CueRow, Status
from ttdn_studio.text import contains
from ttdn_studio.tui.format import TERM_FLAG


@dataclass(frozen=True)
class RowFilter:
    key: str
    label: str
    test: Callable[[CueRow, str, int], bool]  # (row, lang, qc error count)
    order: Callable[[CueRow, str], Any] | None = None  # sort key of the shown rows, if any


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


FILTERS: list[RowFilter] = [
    RowFilter("all", "all cues", lambda row, lang, qc: True),
    RowFilter("untranslated", "untranslated", _untranslated),
    RowFilter("review", "needs review (least confident first)", _needs_review, review_order),
    RowFilter("qc", "QC errors", lambda row, lang, qc: qc > 0),
    RowFilter("terms", "term check failed", _term_failed),
]
FILTERS_BY_KEY = {f.key: f for f in FILTERS}


def next_filter(key: str) -> RowFilter:
    keys = [f.key for f in FILTERS]
    return FILTERS[(keys.index(key) + 1) % len(keys)]


def matches_search(row: CueRow, needle: str, langs: list[str]) -> bool:
    """Case- and normalisation-insensitive search in the source and the given targets."""
    if not needle:
        return True
    texts = [
        row.cue.text,
        *(row.translations[lang].text for lang in langs if lang in row.translations),
    ]
    return any(contains(text, needle) for text in texts)
