"""``ttdn doctor``: the machine, the threads chosen for it, and what the program found."""

from __future__ import annotations

import click

from ttdn_studio.cli.common import emit_json, json_option


@click.command("doctor")
@json_option
def doctor(as_json: bool) -> None:
    """Show the machine (cores, CPU), the translation threads chosen for it, and
    whether ffmpeg (with libass), the fonts, the curated glossary and MT models are found.

    Exits 1 when something the program needs is missing.
    """
    from ttdn_studio.services.doctor import diagnose

    findings = diagnose()
    if as_json:
        emit_json([{"topic": f.topic, "value": f.value, "ok": f.ok} for f in findings])
    else:
        width = max(len(f.topic) for f in findings)
        for f in findings:
            mark = "" if f.ok else click.style("  MISSING", fg="red")
            click.echo(f"{f.topic:<{width}}  {f.value}{mark}")
    if not all(f.ok for f in findings):
        raise SystemExit(1)


commands = [doctor]
