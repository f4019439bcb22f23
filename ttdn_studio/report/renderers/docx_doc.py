"""DOCX (Word, editable): the report as an administrative document (Nghị định 30/2020/NĐ-CP).

A4, Times New Roman 14 pt (tables 12 pt), margins top/bottom 20 mm, left 30 mm,
right 15 mm; the page number centred in the header from page 2 (a PAGE field,
"different first page"); header block, title, "Kính gửi", numbered parts with
the figures, highlighted spaces for the manager to write the narrative parts,
then "Nơi nhận" and the signature block.
"""

from __future__ import annotations

import io
from typing import Any

from ttdn_studio.report.chart import minutes_chart_png
from ttdn_studio.report.document import Document, Section, Table, build_document
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat
from ttdn_studio.text import without_controls

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]


def _xml(text: str) -> str:
    """Text a DOCX can hold: a project's title or a person's name stored with a control
    character (typed before they were refused, or by hand) loses it instead of stopping
    the report."""
    return without_controls(text)


def _font(style_or_run: Any, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    before: float = 0,
    after: float = 0,
    indent_first: bool = False,
    keep: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    para = container.add_paragraph()
    para.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = para.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent_first:
        fmt.first_line_indent = Cm(1.27)
    if keep:  # a title stays on the page of what it introduces
        fmt.keep_with_next = True
    if text:
        run = para.add_run(_xml(text))
        run.bold, run.italic = bold, italic
        _font(run, size)
    return para


def _rule(container: Any, width_mm: float, column_mm: float) -> None:
    """A short centred line: the bottom border of an empty, indented, tiny paragraph."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    para = _para(container, size=2)
    para.add_run("").font.size = Mm(0.7)
    side = max((column_mm - width_mm) / 2, 0)
    para.paragraph_format.left_indent = Mm(side)
    para.paragraph_format.right_indent = Mm(side)
    ppr = para._p.get_or_add_pPr()
    borders = ppr.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(
        qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1"}
    )
    borders.append(bottom)
    ppr.append(borders)


def _cell_width(table: Any, widths_mm: list[float]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _page_number(section: Any) -> None:
    """A centred PAGE field in the header, shown from page 2 (first page header empty)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = 1  # centre
    run = para.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
            if kind == "separate":
                shown = OxmlElement("w:t")
                shown.text = "2"
                run._r.append(shown)


def _header_block(word: Any, doc: Document) -> None:
    left_mm, right_mm = 68.0, TEXT_WIDTH_MM - 68.0
    grid = word.add_table(rows=1, cols=2)
    _cell_width(grid, [left_mm, right_mm])
    left, right = grid.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _para(left, doc.parent_body, size=13)
    _para(left, doc.unit, size=13, bold=True)
    _rule(left, 25, left_mm)
    _para(left, doc.number, size=13, before=6)
    _para(right, doc.national[0], size=12, bold=True)
    _para(right, doc.national[1], size=13, bold=True)
    _rule(right, 60, right_mm)
    _para(right, doc.place_date, size=13, italic=True, before=6)


def _title(word: Any, doc: Document) -> None:
    _para(word, doc.kind, bold=True, before=18)
    _para(word, doc.subject, bold=True)
    _rule(word, 30, TEXT_WIDTH_MM)
    to = "Kính gửi" if doc.kind == "BÁO CÁO" else "To"
    if len(doc.recipients) == 1:
        _para(word, f"{to}: {doc.recipients[0]}.", before=12, after=12)
        return
    _para(word, f"{to}:", before=12)
    for i, name in enumerate(doc.recipients):
        end = "." if i == len(doc.recipients) - 1 else ";"
        _para(word, f"- {name}{end}", after=12 if end == "." else 0)


def _table(word: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _para(word, table.title, bold=True, italic=True, align="left", before=6, after=3, keep=True)
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(_xml(text))
        run.bold = True
        _font(run, TABLE_PT)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    numeric = table.numeric_columns()
    for row in table.rows:
        cells = grid.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(_xml(text)), TABLE_PT)
            if numeric[i]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.widths:
        _cell_width(grid, [w * TEXT_WIDTH_MM for w in table.widths])
    else:
        _cell_width(grid, _widths(numeric))
    for row in grid.rows:  # a row is never split across pages; the header row repeats
        row._tr.get_or_add_trPr().append(_on("w:cantSplit"))
    grid.rows[0]._tr.get_or_add_trPr().append(_on("w:tblHeader"))


def _on(tag: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def _widths(numeric: list[bool]) -> list[float]:
    """Figures get narrow columns, text the rest of the line."""
    figures = sum(numeric)
    texts = len(numeric) - figures
    figure_mm = min(28.0, TEXT_WIDTH_MM / max(len(numeric), 1))
    text_mm = (TEXT_WIDTH_MM - figure_mm * figures) / max(texts, 1)
    if not texts:
        figure_mm = TEXT_WIDTH_MM / len(numeric)
    return [figure_mm if n else text_mm for n in numeric]


def _fill_in(word: Any, section: Section) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for text in section.paragraphs:
        _para(word, text, italic=True, align="justify", indent_first=True)
    para = _para(word, align="justify", indent_first=True, after=6)
    run = para.add_run(_xml(section.fill_in))
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    _font(run, BODY_PT)


def _section(word: Any, section: Section, doc: Document, png: bytes | None) -> None:
    from docx.shared import Mm

    _para(word, section.title, bold=True, align="left", before=12, after=6, keep=True)
    if section.fill_in:
        _fill_in(word, section)
        return
    note = section.title.startswith(("Ghi chú", "Note"))
    for text in section.paragraphs:
        if note:
            _para(word, f"- {text}", size=12, align="justify", after=2)
        else:
            _para(word, text, align="justify", indent_first=True, after=6)
    for i, table in enumerate(section.tables):
        _table(word, table)
        if i == 0 and section.chart and png is not None:
            _para(word, doc.chart_title, bold=True, italic=True, align="left", before=6, keep=True)
            word.add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM - 5))


def _closing(word: Any, doc: Document) -> None:
    left_mm, right_mm = 80.0, TEXT_WIDTH_MM - 80.0
    _para(word, after=6)
    grid = word.add_table(rows=1, cols=2)
    _cell_width(grid, [left_mm, right_mm])
    left, right = grid.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _para(
        left,
        "Nơi nhận:" if doc.kind == "BÁO CÁO" else "Copies to:",
        size=12,
        bold=True,
        italic=True,
        align="left",
    )
    for item in doc.copies_to:
        _para(left, item, size=11, align="left")
    if doc.signer_authority:
        _para(right, doc.signer_authority, bold=True)
    _para(right, doc.signer_title, bold=True)
    hint = "(Ký, ghi rõ họ tên, đóng dấu)" if doc.kind == "BÁO CÁO" else "(signature, seal)"
    _para(right, hint, size=12, italic=True, after=60)
    _para(right, doc.signer_name, bold=True)


def _notes(word: Any, doc: Document) -> None:
    if not doc.notes:
        return
    _para(
        word,
        "Lưu ý khi lập báo cáo:" if doc.kind == "BÁO CÁO" else "Notes:",
        size=12,
        bold=True,
        align="left",
        before=12,
    )
    for note in doc.notes:
        _para(word, f"- {note}", size=12, align="left")


def build(doc: Document, lang: str, png: bytes | None) -> Any:
    import docx
    from docx.shared import Mm, Pt

    word = docx.Document()
    word.core_properties.title = _xml(doc.title)
    word.core_properties.language = lang
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)
    normal = word.styles["Normal"]
    _font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    _page_number(section)
    _header_block(word, doc)
    _title(word, doc)
    for part in doc.sections:
        _section(word, part, doc, png)
    _closing(word, doc)
    _notes(word, doc)
    return word


def render(report: Report, lang: str) -> bytes:
    word = build(build_document(report, lang), lang, minutes_chart_png(report, lang, dpi=150))
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


FORMAT = ReportFormat(
    "docx",
    (".docx",),
    "an editable Word document in the administrative format, with the chart",
    render,
    text=False,
)
