"""HTML: one self-contained page in the administrative format, printable to A4.

Print CSS: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman
14 pt, the page number centred at the top from page 2. The header block and the
signature block are two-column tables (as in the DOCX), so the layout also holds
in programs that ignore CSS layout. The chart is embedded as a base64 PNG.
"""

from __future__ import annotations

import base64
from html import escape

from ttdn_studio.report.chart import minutes_chart_png
from ttdn_studio.report.document import Document, Section, Table, build_document
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat

STYLE = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
        @top-center { content: counter(page); font: 13pt "Times New Roman", serif; } }
@page :first { @top-center { content: none; } }
body { font-family: "Times New Roman", "Liberation Serif", Tinos, serif; font-size: 14pt;
       line-height: 1.25; color: #000; margin: 0; }
@media screen { body { max-width: 165mm; margin: 20mm auto; padding: 0 15mm 0 30mm; } }
table.block { width: 100%; border-collapse: collapse; }
table.block td { vertical-align: top; text-align: center; padding: 0; border: none; }
.upper { text-transform: none; }
.b { font-weight: bold; } .i { font-style: italic; }
.s13 { font-size: 13pt; } .s12 { font-size: 12pt; } .s11 { font-size: 11pt; }
hr.rule { border: none; border-top: 1px solid #000; margin: 1pt auto 6pt; }
p { margin: 0; }
p.center { text-align: center; }
p.body { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; }
p.part { font-weight: bold; margin: 12pt 0 6pt; break-after: avoid; }
p.caption { font-weight: bold; font-style: italic; margin: 6pt 0 3pt; break-after: avoid; }
tr { break-inside: avoid; }
p.fill { font-style: italic; background: #fff59d; text-align: justify; text-indent: 1.27cm; }
ul.note { font-size: 12pt; margin: 0; padding-left: 1.2em; }
table.data { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 0 0 6pt; }
table.data th, table.data td { border: 1px solid #000; padding: 1pt 4pt; }
table.data th { text-align: center; font-weight: bold; }
table.data td.num { text-align: right; }
img.chart { width: 160mm; }
"""


def _table(table: Table) -> str:
    widths = table.widths or [0.0] * len(table.headers)
    head = "".join(
        f'<th style="width:{w:.0%}">{escape(h)}</th>' if w else f"<th>{escape(h)}</th>"
        for h, w in zip(table.headers, widths, strict=True)
    )
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
        f'<p class="caption">{escape(table.title)}</p>\n<table class="data"><thead><tr>'
        f"{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _chart(doc: Document, png: bytes | None) -> str:
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    title = escape(doc.chart_title)
    return (
        f'<p class="caption">{title}</p>\n'
        f'<p class="center"><img class="chart" alt="{title}" src="data:image/png;base64,{data}">'
        "</p>"
    )


def _header(doc: Document) -> str:
    left = (
        f'<p class="s13">{escape(doc.parent_body)}</p>'
        f'<p class="s13 b">{escape(doc.unit)}</p><hr class="rule" style="width:25mm">'
        f'<p class="s13">{escape(doc.number)}</p>'
    )
    right = (
        f'<p class="s12 b">{escape(doc.national[0])}</p>'
        f'<p class="s13 b">{escape(doc.national[1])}</p><hr class="rule" style="width:60mm">'
        f'<p class="s13 i">{escape(doc.place_date)}</p>'
    )
    return (
        '<table class="block header"><colgroup><col style="width:41%"><col style="width:59%">'
        f'</colgroup><tr><td class="unit">{left}</td><td class="national">{right}</td></tr>'
        "</table>"
    )


def _title(doc: Document) -> str:
    to = "Kính gửi" if doc.kind == "BÁO CÁO" else "To"
    parts = [
        f'<p class="center b" style="margin-top:18pt">{escape(doc.kind)}</p>',
        f'<p class="center b">{escape(doc.subject)}</p><hr class="rule" style="width:30mm">',
    ]
    if len(doc.recipients) == 1:
        parts.append(
            f'<p class="center" style="margin:12pt 0">{to}: {escape(doc.recipients[0])}.</p>'
        )
    else:
        items = "".join(
            f"<p>- {escape(r)}{'.' if i == len(doc.recipients) - 1 else ';'}</p>"
            for i, r in enumerate(doc.recipients)
        )
        parts.append(f'<div class="center" style="margin:12pt 0">{to}:{items}</div>')
    return "\n".join(parts)


def _section(section: Section, doc: Document, png: bytes | None) -> str:
    parts = [f'<p class="part">{escape(section.title)}</p>']
    if section.fill_in:
        parts += [f'<p class="body i">{escape(t)}</p>' for t in section.paragraphs]
        parts.append(f'<p class="fill">{escape(section.fill_in)}</p>')
        return "\n".join(parts)
    if section.title.startswith(("Ghi chú", "Note")):
        items = "".join(f"<li>{escape(t)}</li>" for t in section.paragraphs)
        parts.append(f'<ul class="note">{items}</ul>')
    else:
        parts += [f'<p class="body">{escape(t)}</p>' for t in section.paragraphs]
    for i, table in enumerate(section.tables):
        parts.append(_table(table))
        if i == 0 and section.chart:
            parts.append(_chart(doc, png))
    return "\n".join(p for p in parts if p)


def _closing(doc: Document) -> str:
    copies = "".join(
        f'<p class="s11" style="text-align:left">{escape(c)}</p>' for c in doc.copies_to
    )
    label = "Nơi nhận:" if doc.kind == "BÁO CÁO" else "Copies to:"
    hint = "(Ký, ghi rõ họ tên, đóng dấu)" if doc.kind == "BÁO CÁO" else "(signature, seal)"
    sign = "".join(
        [
            f'<p class="b">{escape(doc.signer_authority)}</p>' if doc.signer_authority else "",
            f'<p class="b">{escape(doc.signer_title)}</p>',
            f'<p class="s12 i" style="margin-bottom:60pt">{escape(hint)}</p>',
            f'<p class="b">{escape(doc.signer_name)}</p>',
        ]
    )
    return (
        '<table class="block closing" style="margin-top:12pt"><colgroup>'
        '<col style="width:48%"><col style="width:52%"></colgroup><tr>'
        f'<td style="text-align:left"><p class="s12 b i">{label}</p>{copies}</td>'
        f"<td>{sign}</td></tr></table>"
    )


def page(doc: Document, lang: str, png: bytes | None) -> str:
    parts = [_header(doc), _title(doc)]
    parts += [_section(s, doc, png) for s in doc.sections]
    parts.append(_closing(doc))
    if doc.notes:
        notes = "".join(f"<li>{escape(n)}</li>" for n in doc.notes)
        title = "Lưu ý khi lập báo cáo:" if lang == "vi" else "Notes:"
        parts.append(f'<p class="part s12">{title}</p><ul class="note">{notes}</ul>')
    body = "\n".join(p for p in parts if p)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def render(report: Report, lang: str) -> bytes:
    doc = build_document(report, lang)
    return page(doc, lang, minutes_chart_png(report, lang)).encode("utf-8")


FORMAT = ReportFormat(
    "html",
    (".html", ".htm"),
    "a self-contained web page in the administrative format, printable to A4",
    render,
)
