"""``ttdn doctor``: the machine, the threads chosen for it, and what the program found."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ttdn_studio.cli.common import emit_json, json_option

if TYPE_CHECKING:
    from ttdn_studio.services.doctor import Finding


@click.command("doctor")
@json_option
def doctor(as_json: bool) -> None:
    """Show the machine (cores, CPU), the translation threads and renders at once chosen for it,
    whether ffmpeg (with libass), the fonts, the curated glossary and MT models are found,
    and whether the desk measures Khmer as the terminal draws it.

    Exits 1 when something the program needs is missing.
    """
    from ttdn_studio.services.doctor import diagnose

    findings = [*diagnose(), _desk_widths()]
    if as_json:
        emit_json([{"topic": f.topic, "value": f.value, "ok": f.ok} for f in findings])
    else:
        width = max(len(f.topic) for f in findings)
        for f in findings:
            mark = "" if f.ok else click.style("  MISSING", fg="red")
            click.echo(f"{f.topic:<{width}}  {f.value}{mark}")
    if not all(f.ok for f in findings):
        raise SystemExit(1)


def _desk_widths() -> Finding:
    """Whether the desk measures Khmer as the terminal draws it (Rich's width table)."""
    from importlib.metadata import version

    from ttdn_studio.services.doctor import Finding
    from ttdn_studio.tui.format import khmer_measured_like_the_terminal

    if khmer_measured_like_the_terminal():
        return Finding("desk Khmer widths", "measured as the terminal draws them")
    return Finding(
        "desk Khmer widths",
        f"Rich {version('rich')} keeps its width table elsewhere: Khmer lines in the desk may run "
        "past their column (install the Rich version in pyproject.toml)",
        ok=False,
    )


commands = [doctor]
