"""JSON: the :class:`Report` model dumped as it is (language-neutral)."""

from __future__ import annotations

from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat


def render(report: Report, lang: str) -> bytes:
    return (report.model_dump_json(indent=2) + "\n").encode("utf-8")


FORMAT = ReportFormat("json", (".json",), "the report's figures as JSON", render)
