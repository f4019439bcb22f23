"""``ttdn status``: mark cues draft, reviewed or approved (or show the counts)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ttdn_studio.cli.common import emit_json, json_option, load_project, project_argument

if TYPE_CHECKING:
    from ttdn_studio.models import CueRow
    from ttdn_studio.store import ProjectStore


@click.command("status")
@project_argument
@click.option("--lang", required=True, help="Target language, e.g. en or km.")
@click.option(
    "--set",
    "new_status",
    type=click.Choice(["draft", "reviewed", "approved"]),
    help="Status to give the chosen cues (without it: show counts per status).",
)
@click.option("--clip", help="Clip name (needed with --cues when the project has several clips).")
@click.option(
    "--cues", "cue_spec", metavar="LIST", help="Cue numbers as in `ttdn cues`, e.g. 1,2,5-9."
)
@click.option(
    "--all", "all_cues", is_flag=True, help="Every cue that has a translation (in --clip if given)."
)
@json_option
def status(
    project: Path,
    lang: str,
    new_status: str | None,
    clip: str | None,
    cue_spec: str | None,
    all_cues: bool,
    as_json: bool,
) -> None:
    """Mark cues of PROJECT in language --lang as draft, reviewed or approved.

    The change is one undoable edit (ttdn undo). Approved translations are added
    to the shared translation memory. Without --set, shows how many cues have
    each status.
    """
    store = load_project(project)
    store.check_lang(lang, allow_source=False)
    if new_status is None:
        _show_counts(store, lang, clip, as_json)
        return
    if bool(cue_spec) == all_cues:
        raise click.UsageError("choose the cues with either --cues LIST or --all")
    rows = _chosen_rows(store, lang, clip, cue_spec)
    from ttdn_studio.services.workflow import set_status

    changed = set_status(
        store,
        [r.cue.id for r in rows],
        lang,
        new_status,
        on_note=lambda msg: click.echo(f"ttdn: warning: {msg}", err=True),
    )
    if as_json:
        emit_json(
            {
                "project": str(project),
                "lang": lang,
                "status": new_status,
                "changed": changed,
                "cues": [{"clip": r.clip, "index": r.index, "cue_id": r.cue.id} for r in rows],
            }
        )
        return
    click.echo(
        f"Marked {changed} cue(s) {new_status} in {lang} ({len(rows) - changed} already were)"
    )


def _chosen_rows(
    store: ProjectStore, lang: str, clip: str | None, cue_spec: str | None
) -> list[CueRow]:
    from ttdn_studio.errors import NotFoundError, ValidationError
    from ttdn_studio.services.workflow import parse_index_ranges

    if cue_spec is None:
        return [r for r in store.cue_rows(clip, langs=[lang]) if r.text(lang, "").strip()]
    name = store.clip(clip).name
    rows = {r.index: r for r in store.cue_rows(name, langs=[lang])}
    try:
        wanted = parse_index_ranges(cue_spec, highest=len(rows))
    except ValidationError as exc:
        raise click.BadParameter(exc.message, param_hint="--cues") from exc
    missing = [i for i in wanted if i not in rows]
    if missing:
        raise NotFoundError(f"clip {name!r} has no cue {missing[0]} (it has {len(rows)})")
    return [rows[i] for i in wanted]


def _show_counts(store: ProjectStore, lang: str, clip: str | None, as_json: bool) -> None:
    counts = Counter(str(r.status(lang)) for r in store.cue_rows(clip, langs=[lang]))
    from ttdn_studio.models import Status

    data = {s.value: counts.get(s.value, 0) for s in Status}
    if as_json:
        emit_json({"lang": lang, "counts": data, "total": sum(data.values())})
        return
    click.echo("  ".join(f"{k}: {v}" for k, v in data.items()))


commands = [status]
