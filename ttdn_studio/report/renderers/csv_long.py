"""CSV in long format: one figure per row, columns ``section, month, lang, metric, value``.

Sections (``month``/``lang`` empty where they do not apply):

* ``totals``: episodes, clips, minutes_subtitled, cues_approved, clips_rendered,
  projects_scanned, projects_skipped.
* ``language`` (lang): minutes, clips_subtitled, cues_approved, clips_rendered.
* ``month`` (month, lang): minutes, cues_approved, clips_rendered (every month of the period).
* ``renders`` (lang): metric ``clips_rendered:<preset>``.
* ``project:<folder>`` (lang): minutes, cues_approved; and clips_total, clips_produced,
  clips_rendered with lang empty.
* ``qc``: available (1/0), cues_overridden, cues_approved, share.
* ``terms`` (lang ``vi``): metric = the Vietnamese term, value = matches; the English
  form is in the JSON report.
* ``tm`` (month): entries_added; without month: available (1/0), entries_added, entries_total.
* ``line:<key>``: achieved, target (0 = none set), share (empty without a target); the
  keys are the plan's lines of work (episodes_en, minutes_en, khmer_items, minutes_km,
  clips, bilingual, glossary_terms).
* ``person:<name>`` (name empty = not recorded, ``(mt)`` = machine translation):
  translated, approved.
* ``glossary``: available (1/0), terms, own_terms, files_changed.

Minutes have two decimals; the file is UTF-8 with a byte-order mark so spreadsheet
programs read the Vietnamese letters correctly.
"""

from __future__ import annotations

import csv
import io

from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat

HEADER = ("section", "month", "lang", "metric", "value")
Row = tuple[str, str, str, str, float | int | str]


def _totals(report: Report) -> list[Row]:
    return [("totals", "", "", key, value) for key, value in report.totals.model_dump().items()]


def _languages(report: Report) -> list[Row]:
    return [
        ("language", "", f.lang, key, value)
        for f in report.per_language
        for key, value in f.model_dump().items()
        if key != "lang"
    ]


def _months(report: Report) -> list[Row]:
    return [
        ("month", r.month, r.lang, key, getattr(r, key))
        for r in report.per_month
        for key in ("minutes", "cues_approved", "clips_rendered")
    ]


def _projects(report: Report) -> list[Row]:
    rows: list[Row] = []
    for p in report.projects:
        section = f"project:{p.folder}"
        rows += [
            (section, "", "", key, getattr(p, key))
            for key in ("clips_total", "clips_produced", "clips_rendered")
        ]
        rows += [(section, "", lang, "minutes", v) for lang, v in p.minutes.items()]
        rows += [(section, "", lang, "cues_approved", v) for lang, v in p.cues_approved.items()]
    return rows


def _extras(report: Report) -> list[Row]:
    qc, tm = report.qc_overridden, report.tm_growth
    rows: list[Row] = [
        ("renders", "", r.lang, f"clips_rendered:{r.preset}", r.count) for r in report.renders
    ]
    rows += [
        ("qc", "", "", "available", int(qc.available)),
        ("qc", "", "", "cues_overridden", qc.cues),
        ("qc", "", "", "cues_approved", qc.approved),
        ("qc", "", "", "share", qc.share),
    ]
    rows += [("terms", "", "vi", t.vi, t.count) for t in report.top_terms]
    rows += [("tm", month, "", "entries_added", n) for month, n in tm.by_month.items()]
    rows += [
        ("tm", "", "", "available", int(tm.available)),
        ("tm", "", "", "entries_added", tm.added),
        ("tm", "", "", "entries_total", tm.total or 0),
    ]
    return rows


def _plan(report: Report) -> list[Row]:
    rows: list[Row] = []
    for line in report.lines_of_work:
        section = f"line:{line.key}"
        rows += [
            (section, "", "", "achieved", line.achieved),
            (section, "", "", "target", line.target),
            (section, "", "", "share", "" if line.share is None else line.share),
        ]
    for person in report.people:
        rows += [
            (f"person:{person.person}", "", "", "translated", person.translated),
            (f"person:{person.person}", "", "", "approved", person.approved),
        ]
    g = report.glossary
    rows += [
        ("glossary", "", "", "available", int(g.available)),
        ("glossary", "", "", "terms", g.terms),
        ("glossary", "", "", "own_terms", g.own_terms),
        ("glossary", "", "", "files_changed", g.files_changed),
    ]
    return rows


def render(report: Report, lang: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for part in (_totals, _languages, _months, _projects, _extras, _plan):
        writer.writerows(part(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


FORMAT = ReportFormat("csv", (".csv",), "every figure, one per row (long format)", render)
