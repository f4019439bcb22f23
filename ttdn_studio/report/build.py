"""Building a :class:`Report` from every project in a projects folder."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ttdn_studio.errors import ReportError, TtdnError
from ttdn_studio.models.domain import now_iso
from ttdn_studio.report.collect import ProjectFacts, collect_project
from ttdn_studio.report.extras import (
    SOURCE_ERRORS,
    count_overridden,
    optional,
    qc_error_keys,
    tm_growth,
    top_terms,
)
from ttdn_studio.report.model import (
    LanguageFigures,
    MonthRow,
    Period,
    ProjectFigures,
    QcOverridden,
    RenderCount,
    Report,
    Totals,
    ms_to_minutes,
)
from ttdn_studio.store import ProjectStore, is_project_dir, open_project


@dataclass
class QcTally:
    run_qc: Any
    note: str = ""
    cues: int = 0

    def add(self, store: ProjectStore, facts: ProjectFacts) -> None:
        if self.run_qc is None or not facts.approvals:
            return
        try:
            errors = qc_error_keys(self.run_qc, store, sorted({a.lang for a in facts.approvals}))
        except SOURCE_ERRORS as exc:
            self.run_qc, self.note = None, f"quality checks failed on {facts.folder} ({exc})"
            return
        self.cues += count_overridden(facts.approvals, errors)

    def result(self, approved: int) -> QcOverridden:
        if self.run_qc is None:
            return QcOverridden(available=False, approved=approved, note=self.note)
        share = round(self.cues / approved, 4) if approved else 0.0
        return QcOverridden(available=True, cues=self.cues, approved=approved, share=share)


@dataclass
class Scan:
    facts: list[ProjectFacts] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0


def project_folders(projects_dir: Path) -> list[Path]:
    """Sub-folders holding a project database, by name."""
    return sorted(
        (p for p in projects_dir.iterdir() if p.is_dir() and is_project_dir(p)),
        key=lambda p: p.name,
    )


def _scan(projects_dir: Path, period: Period, qc: QcTally) -> Scan:
    scan = Scan()
    for folder in project_folders(projects_dir):
        try:
            store = open_project(folder, read_only=True)
        except (TtdnError, sqlite3.Error) as exc:
            scan.skipped += 1
            scan.warnings.append(f"skipped {folder.name}: {exc}")
            continue
        try:
            facts = collect_project(store, period)
            qc.add(store, facts)
            scan.facts.append(facts)
        except (TtdnError, sqlite3.Error) as exc:
            scan.skipped += 1
            scan.warnings.append(f"skipped {folder.name}: {exc}")
        finally:
            store.close()
    return scan


def build_report(projects_dir: Path, start: date, end: date) -> Report:
    """Figures of every project in ``projects_dir`` between ``start`` and ``end`` (inclusive)."""
    projects_dir = Path(projects_dir)
    if not projects_dir.is_dir():
        raise ReportError("no such projects folder", file=projects_dir)
    if end < start:
        raise ReportError(f"the period ends ({end}) before it starts ({start})")
    period = Period(start=start, end=end)
    run_qc, qc_note = optional("ttdn_studio.qc", "run_qc")
    qc = QcTally(run_qc, qc_note)
    scan = _scan(projects_dir, period, qc)
    facts = scan.facts
    langs = _languages(facts)
    approvals = [a for f in facts for a in f.approvals]
    terms, terms_note = top_terms(facts)
    report = Report(
        period=period,
        generated_at=now_iso(),
        projects_dir=str(projects_dir),
        languages=langs,
        projects=[_project_figures(f) for f in facts],
        totals=_totals(facts, scan),
        per_language=[_language_figures(facts, lang) for lang in langs],
        per_month=_per_month(facts, langs, period),
        renders=_render_counts(facts, langs),
        qc_overridden=qc.result(len(approvals)),
        top_terms=terms,
        tm_growth=tm_growth(period),
        warnings=scan.warnings,
    )
    if terms_note:
        report.warnings.append(f"glossary terms not available: {terms_note}")
    return report


def _languages(facts: Iterable[ProjectFacts]) -> list[str]:
    """Target languages in project order, then any other language seen in renders."""
    out: list[str] = []
    facts = list(facts)
    for f in facts:
        out.extend(lang for lang in f.target_langs if lang not in out)
    for f in facts:
        for render in f.renders:
            out.extend(lang for lang in render.langs if lang not in out)
    return out


def _project_figures(f: ProjectFacts) -> ProjectFigures:
    ms: Counter[str] = Counter()
    for s in f.subtitled:
        ms[s.lang] += s.duration_ms
    return ProjectFigures(
        folder=f.folder,
        title=f.title,
        clips_total=f.clips_total,
        clips_produced=len(f.clips_produced()),
        minutes={lang: ms_to_minutes(ms[lang]) for lang in f.target_langs},
        cues_approved={lang: sum(a.lang == lang for a in f.approvals) for lang in f.target_langs},
        clips_rendered=len(f.renders),
    )


def _totals(facts: list[ProjectFacts], scan: Scan) -> Totals:
    return Totals(
        projects_scanned=len(facts) + scan.skipped,
        projects_skipped=scan.skipped,
        episodes=sum(1 for f in facts if f.clips_produced() or f.approvals),
        clips=sum(len(f.clips_produced()) for f in facts),
        minutes_subtitled=ms_to_minutes(sum(s.duration_ms for f in facts for s in f.subtitled)),
        cues_approved=sum(len(f.approvals) for f in facts),
        clips_rendered=sum(len(f.renders) for f in facts),
    )


def _language_figures(
    facts: list[ProjectFacts], lang: str, month: str | None = None
) -> LanguageFigures:
    subtitled = [
        s for f in facts for s in f.subtitled if s.lang == lang and month in (None, s.month)
    ]
    return LanguageFigures(
        lang=lang,
        minutes=ms_to_minutes(sum(s.duration_ms for s in subtitled)),
        clips_subtitled=len(subtitled),
        cues_approved=sum(
            1 for f in facts for a in f.approvals if a.lang == lang and month in (None, a.month)
        ),
        clips_rendered=sum(
            1 for f in facts for r in f.renders if lang in r.langs and month in (None, r.month)
        ),
    )


def _per_month(facts: list[ProjectFacts], langs: list[str], period: Period) -> list[MonthRow]:
    rows: list[MonthRow] = []
    for month in period.months():
        for lang in langs:
            fig = _language_figures(facts, lang, month)
            rows.append(
                MonthRow(
                    month=month,
                    lang=lang,
                    minutes=fig.minutes,
                    cues_approved=fig.cues_approved,
                    clips_rendered=fig.clips_rendered,
                )
            )
    return rows


def _render_counts(facts: list[ProjectFacts], langs: list[str]) -> list[RenderCount]:
    counts: Counter[tuple[str, str]] = Counter(
        (lang, r.preset) for f in facts for r in f.renders for lang in r.langs
    )
    ordered = sorted(counts.items(), key=lambda kv: (langs.index(kv[0][0]), kv[0][1]))
    return [RenderCount(lang=lang, preset=preset, count=n) for (lang, preset), n in ordered]
