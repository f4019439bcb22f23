"""Building a :class:`Report` from every project in a projects folder."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from ttdn_studio.batch import paused_gc
from ttdn_studio.errors import ReportError, TtdnError
from ttdn_studio.glossary import Glossary, load_glossary
from ttdn_studio.models.station import StationProfile, load_station
from ttdn_studio.qc.registry import Check
from ttdn_studio.qc.runner import select_checks
from ttdn_studio.report.collect import ProjectFacts, collect_project
from ttdn_studio.report.editorial import post_edit_rows, signoff_rows
from ttdn_studio.report.extras import (
    SOURCE_ERRORS,
    count_overridden,
    glossary_figures,
    tm_growth,
    top_terms,
)
from ttdn_studio.report.model import (
    LanguageFigures,
    LineOfWork,
    MonthRow,
    Period,
    PersonRow,
    ProjectFigures,
    QcOverridden,
    RenderCount,
    Report,
    Totals,
    ms_to_minutes,
    now_local,
)
from ttdn_studio.report.qc_cache import QcCache, error_keys
from ttdn_studio.store import DB_NAME
from ttdn_studio.store.readonly import open_read_only


@dataclass
class QcTally:
    """Approved cues that still carry a QC error, from the per-clip cache."""

    checks: list[Check] | None
    note: str = ""
    cues: int = 0
    cache: QcCache | None = None

    @classmethod
    def start(cls) -> QcTally:
        try:
            checks = select_checks(None)
        except SOURCE_ERRORS as exc:
            return cls(None, f"quality checks are not available ({exc})")
        return cls(checks, cache=QcCache())

    def add(
        self, folder: Path, facts: ProjectFacts, glossary: Callable[[], Glossary | None]
    ) -> None:
        if self.checks is None or not facts.approvals or self.cache is None:
            return
        try:
            errors = error_keys(folder, facts, self.cache, checks=self.checks, glossary=glossary)
        except SOURCE_ERRORS as exc:
            self.checks, self.note = None, f"quality checks failed on {facts.folder} ({exc})"
            return
        self.cues += count_overridden(facts.approvals, errors)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def result(self, approved: int) -> QcOverridden:
        if self.checks is None:
            return QcOverridden(available=False, approved=approved, note=self.note)
        share = round(self.cues / approved, 4) if approved else 0.0
        return QcOverridden(available=True, cues=self.cues, approved=approved, share=share)


@dataclass
class Scan:
    facts: list[ProjectFacts] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0


def project_folders(projects_dir: Path) -> list[Path]:
    """Sub-folders holding a project database, by name (also those where something that is
    not a file has its name: the scan says it skipped them and why)."""
    return sorted(
        (p for p in projects_dir.iterdir() if p.is_dir() and (p / DB_NAME).exists()),
        key=lambda p: p.name,
    )


def _glossary(facts: ProjectFacts) -> Glossary | None:
    try:
        return load_glossary(facts.path)
    except SOURCE_ERRORS:
        return None


def _scan(projects_dir: Path, period: Period, qc: QcTally) -> Scan:
    scan = Scan()
    for folder in project_folders(projects_dir):
        try:
            db = open_read_only(folder)
        except (TtdnError, sqlite3.Error) as exc:
            scan.skipped += 1
            scan.warnings.append(f"skipped {folder.name}: {exc}")
            continue
        try:
            facts = collect_project(folder, db, period, qc.cache)
            if facts.approvals and qc.checks is not None:
                qc.add(folder, facts, partial(_glossary, facts))
            scan.facts.append(facts)
        except (TtdnError, sqlite3.Error) as exc:
            scan.skipped += 1
            scan.warnings.append(f"skipped {folder.name}: {exc}")
        finally:
            db.close()
    return scan


def build_report(
    projects_dir: Path, start: date, end: date, station: StationProfile | None = None
) -> Report:
    """Figures of every project in ``projects_dir`` between ``start`` and ``end`` (inclusive).

    Dates are in the station's time zone; the station profile (``station.toml``
    of the projects folder or the config folder, else the defaults) is used when
    ``station`` is not given.
    """
    projects_dir = Path(projects_dir)
    if not projects_dir.is_dir():
        raise ReportError("no such projects folder", file=projects_dir)
    if end < start:
        raise ReportError(f"the period ends ({end}) before it starts ({start})")
    station = station if station is not None else load_station(projects_dir)
    period = Period(start=start, end=end, tz=station.time_zone)
    # hundreds of projects' facts are small objects that form no cycles: without pausing the
    # collector, each further project would cost more, as it walks all the earlier ones
    with paused_gc():
        return _build(projects_dir, period, station)


def _build(projects_dir: Path, period: Period, station: StationProfile) -> Report:
    qc = QcTally.start()
    try:
        scan = _scan(projects_dir, period, qc)
    finally:
        qc.close()
    facts = scan.facts
    langs = _languages(facts)
    approvals = [a for f in facts for a in f.approvals]
    terms, terms_note = top_terms(facts)
    totals = _totals(facts, scan)
    tallies = _tallies(facts)
    per_language = [tallies.figures(lang) for lang in langs]
    report = Report(
        period=period,
        generated_at=now_local(station.time_zone).isoformat(),
        station=station,
        projects_dir=str(projects_dir),
        languages=langs,
        projects=[_project_figures(f) for f in facts],
        totals=totals,
        per_language=per_language,
        per_month=_per_month(facts, langs, period),
        renders=_render_counts(facts, langs),
        qc_overridden=qc.result(len(approvals)),
        top_terms=terms,
        tm_growth=tm_growth(period),
        people=_people(facts),
        glossary=glossary_figures(projects_dir, [f.path for f in facts], period),
        signoffs=signoff_rows(facts),
        post_edit=post_edit_rows(facts),
        warnings=scan.warnings,
    )
    report.lines_of_work = _lines_of_work(report, facts, station)
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


def _worked(f: ProjectFacts) -> bool:
    return bool(f.clips_produced() or f.approvals)


def _totals(facts: list[ProjectFacts], scan: Scan) -> Totals:
    return Totals(
        projects_scanned=len(facts) + scan.skipped,
        projects_skipped=scan.skipped,
        episodes=sum(1 for f in facts if _worked(f)),
        clips_total=sum(f.clips_total for f in facts if _worked(f)),
        clips=sum(len(f.clips_produced()) for f in facts),
        minutes_subtitled=ms_to_minutes(sum(s.duration_ms for f in facts for s in f.subtitled)),
        cues_approved=sum(len(f.approvals) for f in facts),
        clips_rendered=sum(len(f.renders) for f in facts),
        draft_renders=sum(f.draft_renders for f in facts),
    )


def _language_figures(
    facts: list[ProjectFacts], lang: str, month: str | None = None
) -> LanguageFigures:
    return _tallies(facts).figures(lang, month)


@dataclass
class _Tallies:
    ms: Counter[tuple[str, str]] = field(default_factory=Counter)
    clips: Counter[tuple[str, str]] = field(default_factory=Counter)
    cues: Counter[tuple[str, str]] = field(default_factory=Counter)
    renders: Counter[tuple[str, str]] = field(default_factory=Counter)

    def figures(self, lang: str, month: str | None = None) -> LanguageFigures:
        def total(counter: Counter[tuple[str, str]]) -> int:
            if month is not None:
                return counter[(lang, month)]
            return sum(n for (code, _), n in counter.items() if code == lang)

        return LanguageFigures(
            lang=lang,
            minutes=ms_to_minutes(total(self.ms)),
            clips_subtitled=total(self.clips),
            cues_approved=total(self.cues),
            clips_rendered=total(self.renders),
        )


def _tallies(facts: list[ProjectFacts]) -> _Tallies:
    t = _Tallies()
    for f in facts:
        for s in f.subtitled:
            t.ms[(s.lang, s.month)] += s.duration_ms
            t.clips[(s.lang, s.month)] += 1
        for a in f.approvals:
            t.cues[(a.lang, a.month)] += 1
        for r in f.renders:
            for code in r.langs:
                t.renders[(code, r.month)] += 1
    return t


def _per_month(facts: list[ProjectFacts], langs: list[str], period: Period) -> list[MonthRow]:
    tallies = _tallies(facts)
    rows: list[MonthRow] = []
    for month in period.months():
        for lang in langs:
            fig = tallies.figures(lang, month)
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


def _people(facts: list[ProjectFacts]) -> list[PersonRow]:
    translated: Counter[str] = Counter(a.translator for f in facts for a in f.approvals)
    approved: Counter[str] = Counter(a.reviewer for f in facts for a in f.approvals)
    names = sorted(set(translated) | set(approved), key=lambda n: (n in ("", "(mt)"), n))
    return [PersonRow(person=n, translated=translated[n], approved=approved[n]) for n in names]


def _line(key: str, achieved: float | int, target: int) -> LineOfWork:
    share = round(achieved / target, 4) if target else None
    return LineOfWork(key=key, achieved=achieved, target=target, share=share)


def _lines_of_work(
    report: Report, facts: list[ProjectFacts], station: StationProfile
) -> list[LineOfWork]:
    """The plan's result lines, each with the year's target from the station profile."""
    t = station.targets
    en, km = report.language("en"), report.language("km")
    delivered = {
        (f.folder, r.clip) for f in facts for r in f.renders if {"en", "km"} & set(r.langs)
    }
    return [
        _line("episodes_en", sum(1 for f in facts if "en" in f.complete_langs), t.episodes_en),
        _line("minutes_en", en.minutes, t.minutes_en),
        _line("khmer_items", km.clips_subtitled, t.khmer_items),
        _line("minutes_km", km.minutes, 0),
        _line("clips", len(delivered), t.clips),
        _line("bilingual", en.clips_subtitled, 0),
        _line("glossary_terms", report.glossary.terms, 0),
    ]
