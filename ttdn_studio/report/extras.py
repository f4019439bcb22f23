"""Figures that come from other packages: QC findings, glossary terms, translation memory.

Each source may fail (QC raising, a damaged memory file, an unreadable glossary):
the report then says "not available" for that figure, with a note, instead of
failing as a whole. The errors are caught at each call.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError
from ttdn_studio.glossary import load_glossary
from ttdn_studio.glossary.files import read_glossary_file
from ttdn_studio.glossary.loader import layer_files, project_glossary_file
from ttdn_studio.report.collect import Approval, ProjectFacts
from ttdn_studio.report.model import GlossaryFigures, Period, TmGrowth, TopTerm, local_date
from ttdn_studio.store.translation_memory import TranslationMemory

# What a failing source may raise (a damaged file, a check that fails); anything else
# is a bug and propagates.
SOURCE_ERRORS = (TtdnError, sqlite3.Error, OSError)


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
        with TranslationMemory(locations.tm_file()) as tm:  # months in the station's time zone
            raw = tm.growth_by_month(period.start, period.end, tz=period.tz)
            total = tm.count()
    except SOURCE_ERRORS as exc:
        return TmGrowth(available=False, note=f"translation memory could not be read ({exc})")
    wanted = set(period.months())
    by_month = {m: int(raw.get(m, 0)) for m in period.months()}
    extra = sorted(m for m in raw if m not in wanted)
    note = f"months outside the period ignored: {', '.join(extra)}" if extra else ""
    return TmGrowth(
        available=True, total=total, added=sum(by_month.values()), by_month=by_month, note=note
    )


def glossary_figures(projects_dir: Path, projects: list[Path], period: Period) -> GlossaryFigures:
    """Size of the unified terminology and how many of its files changed in the period."""
    try:
        merged = load_glossary()
        terms = {e.vi for e in merged}
        own = {e.vi for e in merged if merged.layer_of(e) != "bundled"}
        files = {p for _, p in layer_files(None)}
        for path in projects:
            own_file = project_glossary_file(path)
            if own_file.is_file():  # most episodes have no glossary of their own
                entries = {e.vi for e in read_glossary_file(own_file)}
                terms |= entries
                own |= entries
                files.add(own_file)
        changed = 0
        for path in files:
            stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
            day = local_date(stamp, period.tz)
            changed += day is not None and period.start <= day <= period.end
    except SOURCE_ERRORS as exc:
        return GlossaryFigures(available=False, note=f"glossary could not be read ({exc})")
    return GlossaryFigures(
        available=True, terms=len(terms), own_terms=len(own), files_changed=changed
    )
