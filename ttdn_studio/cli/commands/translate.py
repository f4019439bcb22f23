"""``ttdn translate``: machine-translate a project's cues under the glossary."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import (
    emit_json,
    json_option,
    load_project,
    progress_printer,
    project_argument,
)


@click.command("translate")
@project_argument
@click.option("--to", "to_lang", required=True, help="Target language code (e.g. en or km).")
@click.option("--clip", help="Only this clip (default: all clips).")
@click.option(
    "--engine", help="Engine to use: argos or ct2-multilingual (default: the first with a model)."
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Also replace human work (draft, reviewed, approved). Without it only empty cues "
    "and untouched machine drafts are filled.",
)
@json_option
def translate(
    project: Path,
    to_lang: str,
    clip: str | None,
    engine: str | None,
    overwrite: bool,
    as_json: bool,
) -> None:
    """Draft the TO language of PROJECT by machine translation, offline.

    Exact translation-memory matches are used first; glossary terms are enforced
    and cues whose terms could not be verified are flagged term-check-failed.
    The whole run is one edit: `ttdn undo PROJECT` takes it back.
    """
    from ttdn_studio.services.translating import translate_project

    store = load_project(project)
    summary = translate_project(
        store,
        to_lang,
        clip=clip,
        engine=engine,
        overwrite=overwrite,
        progress=progress_printer(f"Translating to {to_lang}"),
    )
    if as_json:
        emit_json(summary.to_dict())
        return
    click.echo(
        f"Translated {summary.cues_translated} cues ({summary.sentences} sentences) to {to_lang} with "
        f"{summary.engine} in {summary.seconds:.1f} s; {summary.tm_prefilled} filled from the translation memory."
    )
    click.echo(
        f"Glossary terms: {summary.terms_enforced} enforced, {summary.terms_repaired} repaired, "
        f"{summary.cues_flagged} cues flagged term-check-failed."
    )
    if summary.cues_left_empty:
        click.echo(
            f"Left {summary.cues_left_empty} cue(s) empty: a sentence across cues came back with "
            "fewer words than cues, so its translation is kept in the cues flagged "
            "sentence-in-fewer-cues (ttdn cues PROJECT --flag sentence-in-fewer-cues)."
        )
    if summary.skipped_human:
        click.echo(
            f"Kept {summary.skipped_human} cues with human work (use --overwrite to replace them)."
        )


commands = [translate]
