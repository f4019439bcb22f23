"""Figures that come from other packages: QC findings, glossary terms, translation memory.

When one of these sources fails (an unreadable glossary or memory, a check
that raises), the report says "not available" for that figure instead of
failing as a whole.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError
from ttdn_studio.glossary import load_glossary
from ttdn_studio.qc import run_qc
from ttdn_studio.report.collect import Approval, ProjectFacts
from ttdn_studio.report.model import Period, TmGrowth, TopTerm
from ttdn_studio.store import ProjectStore
from ttdn_studio.tm import TranslationMemory

# What a failing source may raise; anything else is a bug and propagates.
SOURCE_ERRORS = (TtdnError, sqlite3.Error, OSError)


def qc_error_keys(store: ProjectStore, langs: Iterable[str]) -> set[tuple[int, str]]:
    """``(cue_id, lang)`` of every current QC finding of severity error in ``langs``."""
    keys: set[tuple[int, str]] = set()
    for lang in langs:
        for finding in run_qc(store, lang):
            if finding.severity == "error" and finding.cue_id is not None:
                keys.add((finding.cue_id, lang))
    return keys


def count_overridden(approvals: Iterable[Approval], errors: set[tuple[int, str]]) -> int:
    """Approved cue translations that still carry an error in their language."""
    return sum(1 for a in approvals if (a.cue_id, a.lang) in errors)


def top_terms(projects: Iterable[ProjectFacts], limit: int = 10) -> tuple[list[TopTerm], str]:
    """Glossary terms found most often in the source texts of the approved cues.

    Each cue counts once however many languages it was approved in; every
    occurrence of a term in it counts. Each project is read with its own glossary.
    """
    counts: Counter[tuple[str, str]] = Counter()
    try:
        for facts in projects:
            if not facts.approvals:
                continue
            glossary = load_glossary(facts.path)
            texts = {a.cue_id: a.source_text for a in facts.approvals}
            for text in texts.values():
                for match in glossary.find(text, lang="vi"):
                    counts[(match.entry.vi, match.entry.term("en") or "")] += 1
    except SOURCE_ERRORS as exc:
        return [], f"glossary could not be read ({exc})"
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))[:limit]
    return [TopTerm(vi=vi, en=en, count=n) for (vi, en), n in ranked], ""


def tm_growth(period: Period) -> TmGrowth:
    """Entries added to the translation memory per month of the period, and its size."""
    try:
        tm = TranslationMemory(locations.tm_file())
        try:
            raw = tm.growth_by_month(period.start, period.end)
            total = tm.count()
        finally:
            tm.close()
    except SOURCE_ERRORS as exc:
        return TmGrowth(available=False, note=f"translation memory could not be read ({exc})")
    wanted = set(period.months())
    by_month = {m: int(raw.get(m, 0)) for m in period.months()}
    extra = sorted(m for m in raw if m not in wanted)
    note = f"months outside the period ignored: {', '.join(extra)}" if extra else ""
    return TmGrowth(
        available=True, total=total, added=sum(by_month.values()), by_month=by_month, note=note
    )
