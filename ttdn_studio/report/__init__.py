"""The yearly foreign-information (TTĐN) production report.

Owns reading what every project in a projects folder produced over a period,
the :class:`Report` figures, their wording (Vietnamese or English) and the
renderers (Markdown, HTML, DOCX, CSV, JSON; one module each in ``renderers/``).
Only reads project databases; must not edit them, nor import the TUI or the CLI.

How the figures are counted (all times are the stored UTC time stamps; a period
is a range of inclusive calendar dates):

* **Cues approved** (per language): translations whose status is ``approved``,
  counted in the month of their ``updated_at``. The report reads the current
  state: a cue re-approved later counts at its latest change only.
* **Minutes subtitled** (per language): total duration (end of the last cue −
  start of the first) of each clip in which every cue with source text has an
  approved translation in that language, counted in the month in which the last
  of those approvals happened.
* **Clips rendered** (per language and preset): rows of the render queue's
  history (table ``render_jobs``) with status ``done``, by ``finished_at``; a
  render carrying several languages counts once for each. No table, no renders.
* **Episodes produced**: projects with at least one cue approved or one clip
  rendered in the period. **Clips produced**: clips subtitled in at least one
  language or rendered in the period.
* **QC errors overridden**: cue translations approved in the period that
  currently have at least one QC finding of severity ``error`` in their
  language; the share is of all cue translations approved in the period.
* **Top terms**: glossary terms (each project's own glossary) found in the
  Vietnamese source of the cues approved in the period; a cue counts once.
* **Translation memory growth**: entries added per month, from the memory itself.

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
