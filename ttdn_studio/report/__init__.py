"""The yearly foreign-information (TTĐN) report, as an administrative document.

Owns reading what every project in a projects folder produced over a period,
the :class:`Report` figures, their wording (Vietnamese or English), the layout
as an administrative document (Nghị định 30/2020/NĐ-CP; names, recipients,
signer, targets and time zone from the station profile) and the renderers
(Markdown, HTML, DOCX, PDF via LibreOffice, CSV, JSON; one module each in
``renderers/``). Only reads project databases; must not edit them, nor import
the TUI or the CLI. QC results are kept per clip and language in a cache in the
data folder (``qc_cache``) so a report does not re-check unchanged clips.

How the figures are counted (``wording.definitions`` says the same to readers):
every time stamp is placed on a day by the station's time zone; approvals are
dated by the history event that approved them (falling back on the
translation's last change when the history has none); minutes count when a
whole clip is approved in a language; renders count only with a delivery
preset (the draft presets in ``collect.DRAFT_PRESETS`` are reported apart);
translator and reviewer come from the history's author column.

QC, glossary and translation memory figures are optional: when their package is
missing the report says "not available" for them.
"""

from ttdn_studio.report.build import build_report
from ttdn_studio.report.model import Period, Report
from ttdn_studio.report.output import write_report
from ttdn_studio.report.renderers import RENDERERS, format_for_path, get_format, render_report
from ttdn_studio.report.summary import summary_lines, summary_paragraph

__all__ = [
    "RENDERERS",
    "Period",
    "Report",
    "build_report",
    "format_for_path",
    "get_format",
    "render_report",
    "summary_lines",
    "summary_paragraph",
    "write_report",
]
