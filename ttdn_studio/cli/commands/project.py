"""``ttdn new``, ``ttdn cues``, ``ttdn undo``, ``ttdn redo``, ``ttdn history``."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option, lang_list, load_project, project_argument


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
    from ttdn_studio.store import create_project

    try:
        model = Project(title=title, source_lang=source, target_langs=lang_list(targets), fps=fps)
    except PydanticError as exc:
        raise ProjectError(
            "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        ) from exc
    store = create_project(project, model)
    if as_json:
        emit_json({"project": str(project), **store.project.model_dump()})
    else:
        click.echo(f"Created project {model.title!r} in {project}")
        click.echo(f"Next: ttdn import {project} SCRIPT_OR_SUBTITLES")


@click.command("cues")
@project_argument
@click.option("--clip", help="Only this clip (default: all clips).")
@click.option(
    "--review",
    "review",
    metavar="LANG",
    help="Only cues needing review in LANG (machine drafts and drafts), least confident first.",
)
@json_option
def cues(project: Path, clip: str | None, review: str | None, as_json: bool) -> None:
    """List the cues of PROJECT with their texts and statuses."""
    store = load_project(project)
    info = store.project
    rows = store.cue_rows(clip)
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
        click.echo(f"{r.clip} #{r.index}  {timestamp(r.cue.start_ms)} → {timestamp(r.cue.end_ms)}")
        for lang in info.languages:
            mark = "" if lang == info.source_lang else f" [{r.status(lang)}]"
            text = r.text(lang, info.source_lang).replace("\n", " / ")
            click.echo(f"    {lang}{mark}: {text}")


@click.command("undo")
@project_argument
def undo(project: Path) -> None:
    """Undo the latest edit in PROJECT (works across restarts)."""
    click.echo(f"Undone: {load_project(project).undo()}")


@click.command("redo")
@project_argument
def redo(project: Path) -> None:
    """Redo the latest undone edit in PROJECT."""
    click.echo(f"Redone: {load_project(project).redo()}")


@click.command("history")
@project_argument
@click.option("--limit", default=20, show_default=True)
@json_option
def history(project: Path, limit: int, as_json: bool) -> None:
    """Show the latest edits of PROJECT (newest first)."""
    entries = load_project(project).history(limit)
    if as_json:
        emit_json(entries)
        return
    for e in entries:
        mark = " (undone)" if e["undone"] else ""
        click.echo(f"{e['at']}  {e['author']:<12} {e['action']}{mark}")


commands = [new, cues, undo, redo, history]
