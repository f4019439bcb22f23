"""``ttdn new``, ``ttdn cues``, ``ttdn undo``, ``ttdn redo``, ``ttdn history``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ttdn_studio.cli.common import (
    emit_json,
    json_option,
    lang_list,
    load_project,
    os_reason,
    printable,
    project_argument,
    validation_message,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ttdn_studio.models import Project
    from ttdn_studio.store import ProjectStore


@click.command("new")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False), metavar="PROJECT")
@click.option("--title", required=True, help="Title of the episode or programme.")
@click.option("--source", default="vi", show_default=True, help="Source language code.")
@click.option(
    "--targets", default="en,km", show_default=True, help="Comma-separated target languages."
)
@click.option("--fps", default=25.0, show_default=True, type=float, help="Frame rate of the cut.")
@json_option
def new(project: Path, title: str, source: str, targets: str, fps: float, as_json: bool) -> None:
    """Create a new project folder PROJECT."""
    from pydantic import ValidationError as PydanticError

    from ttdn_studio.errors import ProjectError
    from ttdn_studio.models import Project

    twice = sorted({code for code in lang_list(targets) if lang_list(targets).count(code) > 1})
    if twice:
        raise click.BadParameter(
            f"{', '.join(twice)} is listed more than once", param_hint="--targets"
        )
    if not lang_list(targets):
        raise click.BadParameter(
            "give at least one target language, e.g. en,km", param_hint="--targets"
        )
    try:
        model = Project(title=title, source_lang=source, target_langs=lang_list(targets), fps=fps)
    except PydanticError as exc:
        raise ProjectError(validation_message(exc)) from None
    try:
        store = _create(project, model, project.exists())
    except OSError as exc:
        raise ProjectError(
            f"cannot create the project folder ({os_reason(exc)})", file=project
        ) from None
    if as_json:
        emit_json({"project": str(project), **store.project.model_dump()})
    else:
        click.echo(f"Created project {printable(repr(model.title))} in {printable(str(project))}")
        click.echo(f"Next: ttdn import {printable(str(project))} SCRIPT_OR_SUBTITLES")


def _create(project: Path, model: Project, existed: bool) -> ProjectStore:
    """Create the project; a failure (a full disk) leaves no half-made folder behind."""
    import shutil

    from ttdn_studio.store import create_project

    try:
        return create_project(project, model)
    except BaseException:
        if not existed:
            shutil.rmtree(project, ignore_errors=True)
        raise


@click.command("cues")
@project_argument
@click.option("--clip", help="Only this clip (default: all clips).")
@click.option(
    "--flag",
    metavar="FLAG",
    help="Only cues with a translation flagged FLAG (outdated, term-check-failed, sentence-in-fewer-cues).",
)
@click.option(
    "--review",
    "review",
    metavar="LANG",
    help="Only cues needing review in LANG (machine drafts and drafts), least confident first.",
)
@json_option
def cues(
    project: Path, clip: str | None, flag: str | None, review: str | None, as_json: bool
) -> None:
    """List the cues of PROJECT with their texts and statuses."""
    store = load_project(project)
    info = store.project
    rows = store.cue_rows(clip)
    if flag is not None:
        rows = [r for r in rows if any(flag in t.flags for t in r.translations.values())]
    if review:
        from ttdn_studio.models import Status
        from ttdn_studio.tui.filters import review_order

        store.check_lang(review, allow_source=False)
        rows = [r for r in rows if r.status(review) in (Status.MT, Status.DRAFT)]
        rows.sort(key=lambda r: review_order(r, review))
    if as_json:
        emit_json(
            [
                {
                    "clip": r.clip,
                    "index": r.index,
                    "start_ms": r.cue.start_ms,
                    "end_ms": r.cue.end_ms,
                    "text": {lang: r.text(lang, info.source_lang) for lang in info.languages},
                    "status": {lang: str(r.status(lang)) for lang in info.target_langs},
                    **(
                        {"confidence": r.translations[review].confidence}
                        if review and review in r.translations
                        else {}
                    ),
                }
                for r in rows
            ]
        )
        return
    from ttdn_studio.text import timestamp

    for r in rows:
        start, end = timestamp(r.cue.start_ms), timestamp(r.cue.end_ms)
        click.echo(f"{printable(r.clip)} #{r.index}  {start} → {end}")
        for lang in info.languages:
            mark = "" if lang == info.source_lang else f" [{r.status(lang)}]"
            text = r.text(lang, info.source_lang).replace("\n", " / ")
            click.echo(f"    {lang}{mark}: {printable(text)}")


@click.command("undo")
@project_argument
def undo(project: Path) -> None:
    """Undo the latest edit in PROJECT (works across restarts)."""
    click.echo(f"Undone: {printable(load_project(project).undo())}")


@click.command("redo")
@project_argument
def redo(project: Path) -> None:
    """Redo the latest undone edit in PROJECT."""
    click.echo(f"Redone: {printable(load_project(project).redo())}")


@click.command("history")
@project_argument
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--clip", help="With --cue: the clip of the cue.")
@click.option(
    "--cue", "index", type=int, help="The history of this cue (number as in `ttdn cues`)."
)
@json_option
def history(project: Path, limit: int, clip: str | None, index: int | None, as_json: bool) -> None:
    """Show the latest edits of PROJECT (newest first), or one cue's history (--cue)."""
    if index is not None:
        _cue_history(project, clip, index, as_json)
        return
    entries = load_project(project).history(limit)
    if as_json:
        emit_json(entries)
        return
    clock = _station_clock(project)
    for e in entries:
        mark = " (undone)" if e["undone"] else ""
        at = clock(e["at"])
        click.echo(f"{at}  {printable(e['author']):<12} {printable(e['action'])}{mark}")


def _station_clock(project: Path) -> Callable[[str], str]:
    """Times in the station's time zone (station.toml), as the report and the desk show them."""
    from ttdn_studio.models.station import load_station

    return load_station(project.resolve().parent).local_time


def _cue_history(project: Path, clip: str | None, index: int, as_json: bool) -> None:
    """Who changed what in one cue, oldest first: MT draft to final."""
    from dataclasses import asdict

    from ttdn_studio.services.reviewing import cue_history

    store = load_project(project)
    clip_name = clip or store.clip().name
    events = cue_history(store, clip_name, index)
    if as_json:
        emit_json({"clip": clip_name, "cue": index, "events": [asdict(e) for e in events]})
        return
    click.echo(f"{clip_name} cue {index}:")
    clock = _station_clock(project)
    for e in events:
        where = e.lang or "source"
        mark = " (undone)" if e.undone else ""
        change = f"{e.old!r} → {e.new!r}" if e.old else repr(e.new)
        click.echo(f"{clock(e.at)}  {e.author:<12} {where} {e.field}: {change}{mark}")


commands = [new, cues, undo, redo, history]
