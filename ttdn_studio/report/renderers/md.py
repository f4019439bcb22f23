"""Markdown: title, summary, tables, definitions (no chart: the figures are in the tables)."""

from __future__ import annotations

from ttdn_studio.report.document import Document, Table, build_document
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat
from ttdn_studio.report.wording import label


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = [
        f"**{table.title}**",
        "",
        "| " + " | ".join(_cell(h) for h in table.headers) + " |",
        "|" + "|".join("---:" if n else "---" for n in table.numeric_columns()) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def markdown(doc: Document, lang: str) -> str:
    to = "Kính gửi" if lang == "vi" else "To"
    lines = [
        f"{doc.parent_body}  ",
        f"**{doc.unit}**  ",
        doc.number,
        "",
        f"**{doc.national[0]}**  ",
        f"**{doc.national[1]}**  ",
        f"*{doc.place_date}*",
        "",
        f"# {doc.kind}: {doc.subject}",
        "",
        f"{to}: " + "; ".join(doc.recipients),
        "",
    ]
    for section in doc.sections:
        lines += [f"## {section.title}", ""]
        bullet = section.title.startswith(("Ghi chú", "Note"))
        for text in section.paragraphs:
            lines += [f"- {text}"] if bullet else [text, ""]
        if bullet:
            lines.append("")
        if section.fill_in:
            lines += [f"*{section.fill_in}*", ""]
        for table in section.tables:
            lines += _table(table)
    lines += ["**Nơi nhận:**" if lang == "vi" else "**Copies to:**", ""]
    lines += [f"{c}  " for c in doc.copies_to] + [""]
    if doc.signer_authority:
        lines.append(f"**{doc.signer_authority}**  ")
    lines += [f"**{doc.signer_title}**  ", f"**{doc.signer_name}**" if doc.signer_name else "", ""]
    if doc.notes:
        lines += [f"## {label('warnings', lang)}", ""] + [f"- {n}" for n in doc.notes] + [""]
    return "\n".join(lines)


def render(report: Report, lang: str) -> bytes:
    return markdown(build_document(report, lang), lang).encode("utf-8")


FORMAT = ReportFormat("md", (".md", ".markdown"), "Markdown text", render)
