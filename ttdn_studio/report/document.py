"""A report laid out as titled tables, shared by the Markdown, HTML and DOCX renderers.

Renderers only decide how a :class:`Document` looks; what it says (labels,
numbers in the reader's conventions, which rows appear) is decided here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ttdn_studio.report.model import Report
from ttdn_studio.report.summary import summary_paragraph
from ttdn_studio.report.wording import (
    DEFINITIONS,
    cap,
    check_lang,
    label,
    lang_name,
    number,
    percent,
    period_text,
)

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]

    def numeric_columns(self) -> list[bool]:
        """Per column: every filled cell is a figure."""
        return [
            bool(self.rows) and all(is_number(r[i]) or r[i] in ("", "—") for r in self.rows)
            for i in range(len(self.headers))
        ]


def is_number(text: str) -> bool:
    """A cell holding a figure (aligned right): digits with separators, %, / or —."""
    return any(ch.isdigit() for ch in text) and all(ch.isdigit() or ch in ".,% /" for ch in text)


@dataclass
class Document:
    title: str
    meta: list[tuple[str, str]]
    summary: str
    empty: bool
    chart_title: str
    tables: list[Table] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def month_label(month: str, lang: str, *, short: bool = False, with_year: bool = True) -> str:
    """``2026-03`` → ``03/2026`` (vi) or ``Mar 2026`` (en); short: ``T3`` / ``Mar``."""
    year, mon = month.split("-")
    if lang == "vi":
        text = f"T{int(mon)}" if short else f"{mon}/{year}"
        return f"{text}/{year}" if short and with_year else text
    text = MONTHS_EN[int(mon) - 1]
    return f"{text} {year}" if with_year else text


def build_document(report: Report, lang: str = "vi") -> Document:
    check_lang(lang)
    doc = Document(
        title=label("title", lang),
        meta=[
            (label("period", lang), cap(period_text(report.period, lang))),
            (label("generated", lang), report.generated_at),
            (label("source", lang), report.projects_dir),
        ],
        summary=summary_paragraph(report, lang),
        empty=report.is_empty,
        chart_title=label("chart", lang),
        definitions=DEFINITIONS[lang],
        notes=list(report.warnings),
    )
    doc.tables.append(_totals(report, lang))
    if not report.is_empty:
        doc.tables.extend(
            t
            for t in (
                _languages(report, lang),
                _months(report, lang),
                _renders(report, lang),
                _projects(report, lang),
                _qc(report, lang),
                _terms(report, lang),
            )
            if t.rows
        )
    tm = _tm(report, lang)
    if tm.rows:
        doc.tables.append(tm)
    return doc


def _totals(report: Report, lang: str) -> Table:
    t = report.totals
    values: list[tuple[str, float | int]] = [
        ("episodes", t.episodes),
        ("clips", t.clips),
        ("minutes_all", t.minutes_subtitled),
        ("cues_approved", t.cues_approved),
        ("clips_rendered", t.clips_rendered),
        ("projects_scanned", t.projects_scanned),
        ("projects_skipped", t.projects_skipped),
    ]
    rows = [[label(key, lang), number(value, lang)] for key, value in values]
    return Table(label("totals", lang), [label("figure", lang), label("count", lang)], rows)


def _languages(report: Report, lang: str) -> Table:
    headers = [
        label(k, lang)
        for k in ("lang", "minutes", "clips_subtitled", "cues_approved", "clips_rendered")
    ]
    rows = [
        [
            cap(lang_name(f.lang, lang)),
            number(f.minutes, lang),
            number(f.clips_subtitled, lang),
            number(f.cues_approved, lang),
            number(f.clips_rendered, lang),
        ]
        for f in report.per_language
    ]
    return Table(label("per_language", lang), headers, rows)


def _months(report: Report, lang: str) -> Table:
    headers = [
        label(k, lang) for k in ("month", "lang", "minutes", "cues_approved", "clips_rendered")
    ]
    rows = [
        [
            month_label(r.month, lang),
            cap(lang_name(r.lang, lang)),
            number(r.minutes, lang),
            number(r.cues_approved, lang),
            number(r.clips_rendered, lang),
        ]
        for r in report.per_month
        if r.minutes or r.cues_approved or r.clips_rendered
    ]
    return Table(label("per_month", lang), headers, rows)


def _renders(report: Report, lang: str) -> Table:
    headers = [label("lang", lang), label("preset", lang), label("clips_rendered", lang)]
    rows = [[cap(lang_name(r.lang, lang)), r.preset, number(r.count, lang)] for r in report.renders]
    return Table(label("renders", lang), headers, rows)


def _projects(report: Report, lang: str) -> Table:
    headers = [
        label(k, lang) for k in ("project", "clips", "minutes", "cues_approved", "clips_rendered")
    ]
    rows = []
    for p in report.projects:
        minutes = " · ".join(f"{code} {number(v, lang)}" for code, v in p.minutes.items() if v)
        cues = " · ".join(f"{code} {number(v, lang)}" for code, v in p.cues_approved.items() if v)
        rows.append(
            [
                p.title,
                f"{p.clips_produced}/{p.clips_total}",
                minutes or "0",
                cues or "0",
                number(p.clips_rendered, lang),
            ]
        )
    return Table(label("per_project", lang), headers, rows)


def _qc(report: Report, lang: str) -> Table:
    qc = report.qc_overridden
    headers = [label("qc_overridden", lang), label("cues_approved", lang), label("share", lang)]
    if not qc.available:
        return Table(
            label("qc", lang),
            headers,
            [[label("not_available", lang), number(qc.approved, lang), "—"]],
        )
    return Table(
        label("qc", lang),
        headers,
        [[number(qc.cues, lang), number(qc.approved, lang), percent(qc.share, lang)]],
    )


def _terms(report: Report, lang: str) -> Table:
    headers = [label("term_vi", lang), label("term_en", lang), label("count", lang)]
    rows = [[t.vi, t.en, number(t.count, lang)] for t in report.top_terms]
    return Table(label("terms", lang), headers, rows)


def _tm(report: Report, lang: str) -> Table:
    tm = report.tm_growth
    headers = [label("month", lang), label("tm_added", lang)]
    if not tm.available:
        return Table(label("tm", lang), headers, [[label("not_available", lang), "—"]])
    rows = [[month_label(m, lang), number(n, lang)] for m, n in tm.by_month.items() if n]
    rows.append([label("tm_added_total", lang), number(tm.added, lang)])
    rows.append([label("tm_total", lang), number(tm.total or 0, lang)])
    return Table(label("tm", lang), headers, rows)
