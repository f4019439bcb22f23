"""HTML: one self-contained page (inline style, the chart embedded as a base64 PNG)."""

from __future__ import annotations

import base64
from html import escape

from ttdn_studio.report.chart import minutes_chart_png
from ttdn_studio.report.document import Document, Table, build_document
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat
from ttdn_studio.report.wording import label

STYLE = """
body { font-family: "Be Vietnam Pro", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
       color: #1d2733; margin: 2.5em auto; max-width: 60em; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; color: #133c5a; }
h2 { font-size: 1.15em; margin-top: 1.8em; color: #133c5a; border-bottom: 2px solid #d6e1ea;
     padding-bottom: 0.2em; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em;
          color: #4a5866; font-size: 0.92em; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
p.summary { font-size: 1.08em; background: #f2f6f9; border-left: 4px solid #1f5f8b;
            padding: 0.8em 1em; }
p.nothing { font-weight: 600; color: #8a4b00; }
table { border-collapse: collapse; margin: 0.6em 0 0.4em; min-width: 24em; }
th, td { border: 1px solid #cdd8e1; padding: 0.3em 0.7em; }
th { background: #e7eef4; text-align: left; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; }
ul.definitions, ul.notes { font-size: 0.9em; color: #4a5866; }
"""


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    numeric = table.numeric_columns()
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(c)}</td>' if numeric[i] else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<h2>{escape(table.title)}</h2>\n<table><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _chart(doc: Document, png: bytes | None) -> str:
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    title = escape(doc.chart_title)
    return (
        f'<h2>{title}</h2>\n<figure><img alt="{title}" src="data:image/png;base64,{data}"></figure>'
    )


def page(doc: Document, lang: str, png: bytes | None) -> str:
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in doc.meta)
    parts = [
        f"<h1>{escape(doc.title)}</h1>",
        f'<dl class="meta">{meta}</dl>',
        f'<p class="summary">{escape(doc.summary)}</p>',
    ]
    if doc.empty:
        parts.append(f'<p class="nothing">{escape(label("nothing", lang))}</p>')
    tables = [_table(t) for t in doc.tables]
    parts += tables[:1] + [_chart(doc, png)] + tables[1:]
    items = "".join(f"<li>{escape(d)}</li>" for d in doc.definitions)
    parts.append(
        f'<h2>{escape(label("definitions", lang))}</h2><ul class="definitions">{items}</ul>'
    )
    if doc.notes:
        notes = "".join(f"<li>{escape(n)}</li>" for n in doc.notes)
        parts.append(f'<h2>{escape(label("warnings", lang))}</h2><ul class="notes">{notes}</ul>')
    body = "\n".join(p for p in parts if p)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def render(report: Report, lang: str) -> bytes:
    doc = build_document(report, lang)
    return page(doc, lang, minutes_chart_png(report, lang)).encode("utf-8")


FORMAT = ReportFormat("html", (".html", ".htm"), "a self-contained web page with the chart", render)
