"""``ttdn glossary``: list, add, import and export terminology."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ttdn_studio.cli.common import (
    InputFile,
    OutputFile,
    emit_json,
    json_option,
    load_project,
    os_reason,
    printable,
)

DOMAIN_NAMES = ("place", "agency", "programme", "product", "culture", "title", "nature", "other")
project_option = click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Project folder: include (or write to) its own glossary.tsv.",
)


def _entry_json(entry: Any, layer: str = "") -> dict[str, Any]:
    data: dict[str, Any] = entry.model_dump(mode="json")
    if layer:
        data["layer"] = layer
    return data


def _history(entry: Any) -> str:
    """`` (until 2025-06-30, now: Báo và Đài …)`` for a replaced name, else ""."""
    parts = []
    if entry.valid_from:
        parts.append(f"from {entry.valid_from.isoformat()}")
    if entry.valid_until:
        parts.append(f"until {entry.valid_until.isoformat()}")
    if entry.successor:
        parts.append(f"now: {entry.successor}")
    return f"  ({', '.join(parts)})" if parts else ""


def _check_project(project: Path | None) -> None:
    if project is not None:
        load_project(project).close()  # a clear error when it is not a project


@click.group("glossary")
def glossary() -> None:
    """The terminology glossary: one agreed form per name, in vi, en and km.

    Entries load from the bundled glossary, then your own additions, then the
    project's glossary.tsv; later ones replace earlier ones with the same vi term.
    """


@glossary.command("list")
@project_option
@click.option("--domain", type=click.Choice(DOMAIN_NAMES), help="Only entries of this domain.")
@click.option("--search", "-s", help="Only entries whose vi, en, km or note contains this text.")
@json_option
def list_entries(
    project: Path | None, domain: str | None, search: str | None, as_json: bool
) -> None:
    """List glossary entries (bundled + user + project)."""
    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.text import contains

    _check_project(project)
    glossary = load_glossary(project)
    needle = (search or "").strip()
    entries = [
        e
        for e in glossary.entries
        if (domain is None or e.domain == domain)
        and (not needle or any(contains(v, needle) for v in (e.vi, e.en, e.km, e.note)))
    ]
    if as_json:
        emit_json([_entry_json(e, glossary.layer_of(e)) for e in entries])
        return
    for e in entries:
        km = f" | {e.km}" if e.km else ""
        click.echo(printable(f"{e.vi} → {e.en or '—'}{km}  [{e.domain}]{_history(e)}"))
    click.echo(f"{len(entries)} of {len(glossary)} entries", err=True)


@glossary.command("add")
@click.argument("vi")
@click.option("--en", required=True, help="Agreed English form.")
@click.option("--km", default="", help="Agreed Khmer form (leave out when unsure).")
@click.option("--domain", type=click.Choice(DOMAIN_NAMES), default="other", show_default=True)
@click.option("--note", default="", help="Guidance for translators.")
@click.option(
    "--forbid",
    "forbid",
    multiple=True,
    metavar="LANG:VARIANT",
    help="A variant that must not be used, e.g. en:Camau (repeatable).",
)
@click.option("--valid-until", default="", help="Last day the name was official (YYYY-MM-DD).")
@click.option("--successor", default="", help="The Vietnamese term of the name that replaced it.")
@click.option("--source", default="", help="Where the facts come from (an article, a resolution).")
@project_option
@json_option
def add(
    vi: str,
    en: str,
    km: str,
    domain: str,
    note: str,
    forbid: tuple[str, ...],
    valid_until: str,
    successor: str,
    source: str,
    project: Path | None,
    as_json: bool,
) -> None:
    """Add or replace the entry for the Vietnamese term VI.

    Goes to PROJECT/glossary.tsv with --project, else to your own glossary.
    """
    from pydantic import ValidationError as PydanticError

    from ttdn_studio.cli.common import validation_message
    from ttdn_studio.errors import GlossaryError
    from ttdn_studio.glossary import GlossaryEntry, add_entries, parse_forbidden, target_file

    _check_project(project)
    try:
        forbidden = parse_forbidden("|".join(forbid))
        entry = GlossaryEntry.model_validate(
            {
                **{"vi": vi, "en": en, "km": km, "domain": domain, "note": note},
                **{"forbidden": forbidden, "valid_until": valid_until},
                **{"successor": successor, "source": source},
            }
        )
    except PydanticError as exc:
        raise click.BadParameter(validation_message(exc)) from None
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        message = (
            "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in errors())
            if callable(errors)
            else str(exc)
        )
        raise click.BadParameter(message) from exc
    path = target_file(project)
    try:
        added, replaced = add_entries(path, [entry])
    except OSError as exc:
        raise GlossaryError(f"cannot write the glossary ({exc.strerror})", file=path) from exc
    if as_json:
        emit_json(
            {"file": str(path), "added": added, "replaced": replaced, "entry": _entry_json(entry)}
        )
        return
    click.echo(printable(f"{'Added' if added else 'Updated'} {entry.vi} → {entry.en} in {path}"))


@glossary.command("import")
@click.argument("file", type=InputFile())
@project_option
@json_option
def import_file(file: Path, project: Path | None, as_json: bool) -> None:
    """Merge a CSV, TSV or TBX glossary FILE into your glossary (or the project's)."""
    from ttdn_studio.glossary import add_entries, read_glossary_file, target_file

    _check_project(project)
    entries = read_glossary_file(file)
    path = target_file(project)
    added, replaced = add_entries(path, entries)
    if as_json:
        emit_json({"file": str(path), "read": len(entries), "added": added, "replaced": replaced})
        return
    click.echo(
        printable(
            f"Read {len(entries)} entries from {file}: {added} added, {replaced} changed, in {path}"
        )
    )


@glossary.command("export")
@click.argument("out", type=OutputFile())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "csv", "tbx"]),
    help="File format (default: from OUT's extension: .tsv/.tab/.txt, .csv or .tbx).",
)
@project_option
@json_option
def export(out: Path, fmt: str | None, project: Path | None, as_json: bool) -> None:
    """Write the merged glossary to OUT as TSV, CSV or TBX."""
    from ttdn_studio.errors import GlossaryError
    from ttdn_studio.glossary import FORMATS, format_for, load_glossary, write_glossary_file

    _check_project(project)
    if fmt is None:
        suffix = out.suffix.lower()
        found = next((f.name for f in FORMATS.values() if suffix in f.extensions), None)
        if found is None:
            known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
            raise click.BadParameter(
                f"cannot write a glossary as {suffix or 'a file with no extension'!r}; "
                f"use one of {known} (or --format tsv, csv or tbx)",
                param_hint="OUT",
            )
        fmt = found
    entries = load_glossary(project).entries
    try:
        write_glossary_file(out, entries, format_for(out, fmt).name)
    except OSError as exc:
        raise GlossaryError(f"cannot be written ({os_reason(exc)})", file=out) from None
    if as_json:
        emit_json({"file": str(out), "format": fmt, "entries": len(entries)})
        return
    click.echo(f"Wrote {len(entries)} entries to {printable(str(out))} ({fmt})")


commands = [glossary]
