"""``ttdn spell``: the project's word list for the spelling check."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option, load_project, project_argument


@click.group("spell")
def spell() -> None:
    """Words the spelling check always accepts in a project (names, local words).

    The check itself runs with ttdn qc (check id: spelling); it never changes text.
    """


@spell.command("add")
@project_argument
@click.argument("words", nargs=-1, required=True)
@json_option
def add(project: Path, words: tuple[str, ...], as_json: bool) -> None:
    """Accept WORDS in PROJECT from now on (any case and tone placement). Undoable."""
    from ttdn_studio.services.spelling import add_words

    with load_project(project) as store:
        new = add_words(store, words)
    if as_json:
        emit_json({"added": new})
        return
    click.echo(
        f"Added {len(new)} word(s) to the spelling list" + (": " + ", ".join(new) if new else "")
    )


@spell.command("remove")
@project_argument
@click.argument("words", nargs=-1, required=True)
@json_option
def remove(project: Path, words: tuple[str, ...], as_json: bool) -> None:
    """Stop accepting WORDS in PROJECT. Undoable."""
    from ttdn_studio.services.spelling import remove_words

    with load_project(project) as store:
        removed = remove_words(store, words)
    if as_json:
        emit_json({"removed": removed})
        return
    click.echo(f"Removed {len(removed)} word(s) from the spelling list")


@spell.command("list")
@project_argument
@json_option
def list_words(project: Path, as_json: bool) -> None:
    """The words PROJECT's spelling check always accepts."""
    from ttdn_studio.services.spelling import word_list

    with load_project(project) as store:
        words = word_list(store)
    if as_json:
        emit_json({"words": words})
        return
    for word in words:
        click.echo(word)


commands = [spell]
