"""DOCX (Word): heading, summary paragraph, tables and the chart as an inline picture."""

from __future__ import annotations

import io
from typing import Any

from ttdn_studio.report.chart import minutes_chart_png
from ttdn_studio.report.document import Document, Table, build_document
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat
from ttdn_studio.report.wording import label


def _table(word: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word.add_heading(table.title, level=2)
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    numeric = table.numeric_columns()
    for row in table.rows:
        cells = grid.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if numeric[i]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _chart(word: Any, doc: Document, png: bytes | None) -> None:
    if png is None:
        return
    from docx.shared import Cm

    word.add_heading(doc.chart_title, level=2)
    word.add_picture(io.BytesIO(png), width=Cm(16))


def build(doc: Document, lang: str, png: bytes | None) -> Any:
    import docx

    word = docx.Document()
    word.core_properties.title = doc.title
    word.add_heading(doc.title, level=1)
    for key, value in doc.meta:
        para = word.add_paragraph()
        para.add_run(f"{key}: ").bold = True
        para.add_run(value)
    word.add_heading(label("summary", lang), level=2)
    word.add_paragraph(doc.summary)
    if doc.empty:
        word.add_paragraph().add_run(label("nothing", lang)).bold = True
    for i, table in enumerate(doc.tables):
        _table(word, table)
        if i == 0:
            _chart(word, doc, png)
    word.add_heading(label("definitions", lang), level=2)
    for text in doc.definitions + doc.notes:
        word.add_paragraph(text, style="List Bullet")
    return word


def render(report: Report, lang: str) -> bytes:
    word = build(build_document(report, lang), lang, minutes_chart_png(report, lang, dpi=150))
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


FORMAT = ReportFormat(
    "docx", (".docx",), "a Word document with tables and the chart", render, text=False
)
