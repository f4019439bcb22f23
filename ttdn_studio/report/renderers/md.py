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
        f"## {table.title}",
        "",
        "| " + " | ".join(_cell(h) for h in table.headers) + " |",
        "|" + "|".join("---:" if n else "---" for n in table.numeric_columns()) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def markdown(doc: Document, lang: str) -> str:
    lines = [f"# {doc.title}", ""]
    lines += [f"- **{key}:** {value}" for key, value in doc.meta]
    lines += ["", f"## {label('summary', lang)}", "", doc.summary, ""]
    if doc.empty:
        lines += [f"**{label('nothing', lang)}**", ""]
    for table in doc.tables:
        lines += _table(table)
    lines += [f"## {label('definitions', lang)}", ""] + [f"- {d}" for d in doc.definitions] + [""]
    if doc.notes:
        lines += [f"## {label('warnings', lang)}", ""] + [f"- {n}" for n in doc.notes] + [""]
    return "\n".join(lines)


def render(report: Report, lang: str) -> bytes:
    return markdown(build_document(report, lang), lang).encode("utf-8")


FORMAT = ReportFormat("md", (".md", ".markdown"), "Markdown text", render)
