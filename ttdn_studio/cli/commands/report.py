"""``ttdn report``: the yearly foreign-information production report."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ttdn_studio.cli.common import OutputFile, emit_json, json_option, printable

if TYPE_CHECKING:
    from ttdn_studio.report import Report

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _period(
    year: int | None, start: datetime | None, end: datetime | None, projects_dir: Path
) -> tuple[date, date]:
    if year is not None and (start or end):
        raise click.UsageError("give either --year or --from/--to, not both")
    if (start is None) != (end is None):
        raise click.UsageError("--from and --to go together")
    if start is not None and end is not None:
        if end.date() < start.date():
            raise click.UsageError(f"--to {end.date()} is before --from {start.date()}")
        return start.date(), end.date()
    if year is None:
        from ttdn_studio.models.station import load_station

        year = datetime.now(load_station(projects_dir).zone).year
    return date(year, 1, 1), date(year, 12, 31)


def _format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from ttdn_studio.report import RENDERERS

    if value.lower() not in RENDERERS:
        raise click.BadParameter(f"{value!r} is not one of {', '.join(RENDERERS)}")
    return value.lower()


@click.command("report")
@click.argument(
    "projects_dir",
    required=False,
    metavar="[PROJECTS_DIR]",
    type=click.Path(path_type=Path, file_okay=False),
)
@click.option(
    "--year",
    type=click.IntRange(1900, 9999),
    help="Report on this calendar year (default: the current year).",
)
@click.option(
    "--from",
    "date_from",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="First day of the period (with --to; both days included).",
)
@click.option("--to", "date_to", type=DATE, metavar="YYYY-MM-DD", help="Last day of the period.")
@click.option(
    "--format",
    "fmt",
    callback=_format,
    metavar="md|html|docx|pdf|csv|json",
    help="Output format (default: from OUT's extension; Markdown on the terminal). "
    "pdf needs LibreOffice (soffice) installed: it converts the DOCX.",
)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the labels and summary (CSV and JSON are language-neutral).",
)
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    metavar="OUT",
    help="Write the report to this file (replaced atomically).",
)
@json_option
def report(
    projects_dir: Path | None,
    year: int | None,
    date_from: datetime | None,
    date_to: datetime | None,
    fmt: str | None,
    lang: str,
    output: Path | None,
    as_json: bool,
) -> None:
    """The yearly foreign-information report, as an administrative document.

    DOCX (editable), HTML (prints to A4) and PDF follow the format of state
    administrative documents (Nghị định 30/2020/NĐ-CP): header block, "Số",
    place and date, "Kính gửi", the results per line of work against the year's
    targets, figures per month, language, person and episode, spaces for the
    manager to write the assessment, difficulties and next year's direction, then
    "Nơi nhận" and the signature block. Names, recipients, signer, targets and the
    time zone come from the station profile (see `ttdn station`). Days and months
    are in the station's time zone (default Asia/Ho_Chi_Minh); how each figure is
    counted is written at the end of every report. PROJECTS_DIR defaults to the
    projects folder (TTDN_PROJECTS_DIR). Unreadable projects are skipped with a
    warning. --format pdf needs LibreOffice; without it the command says so.

    \b
    Examples:
      ttdn report --year 2026 -o bao-cao-2026.docx
      ttdn report --year 2026 -o bao-cao-2026.pdf
      ttdn report projects --from 2026-01-01 --to 2026-06-30 -o h1.html --lang en
      ttdn report --format csv -o 2026.csv
    """
    from ttdn_studio import locations
    from ttdn_studio.report import build_report, summary_lines, write_report

    folder = projects_dir if projects_dir is not None else locations.projects_dir()
    start, end = _period(year, date_from, date_to, folder)
    result = build_report(folder, start, end)
    for warning in result.warnings:
        click.secho(f"ttdn: warning: {printable(warning)}", err=True, fg="yellow")
    if output is not None:
        written = write_report(result, output, fmt, lang)
        if not as_json:
            click.echo(f"Wrote the {written} report to {output}")
            for line in summary_lines(result, lang):
                click.echo(f"  {line}")
    if as_json:
        emit_json(result.model_dump(mode="json"))
    elif output is None:
        _print(result, fmt or "md", lang)


def _print(result: Report, fmt: str, lang: str) -> None:
    from ttdn_studio.report import get_format, render_report

    if not get_format(fmt).text:
        raise click.UsageError(f"a {fmt} report cannot be shown on the terminal: give -o OUT")
    text = render_report(result, fmt, lang).decode("utf-8")
    click.echo(printable(text, keep_newlines=True), nl=False)  # a stored escape stays text


commands = [report]
