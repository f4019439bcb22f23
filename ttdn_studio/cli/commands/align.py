"""``ttdn align``: time a clip's cues to the voice in its video."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ttdn_studio.cli.common import (
    emit_json,
    json_option,
    load_project,
    printable,
    project_argument,
)


@click.command("align")
@project_argument
@click.option("--clip", help="Clip to time (default: every clip that has a video).")
@click.option(
    "--aligner",
    default="voice",
    show_default=True,
    help="voice (pauses and syllables, no model) or tts (voice, then cuts between lines "
    "read without a pause found by DTW against espeak-ng; Vietnamese and English).",
)
@json_option
def align(project: Path, clip: str | None, aligner: str, as_json: bool) -> None:
    """Re-time the cues of PROJECT to the narration in the clip's video.

    Only times change, never the texts or their order. Cues the aligner is
    unsure of are flagged timing-check. One edit: `ttdn undo PROJECT` takes it back.
    """
    from ttdn_studio.errors import MediaError
    from ttdn_studio.media.align import ALIGNERS, align_clip

    if aligner not in ALIGNERS:
        raise MediaError(f"unknown aligner {aligner!r} (aligners: {', '.join(ALIGNERS)})")
    store = load_project(project)
    failed: list[dict[str, str]] = []
    if clip is not None:
        names, reports = [clip], [align_clip(store, clip, aligner=aligner)]
    else:
        names = [c.name for c in store.clips() if c.video]
        if not names:
            raise MediaError("no clip of this project has a video; set one with --video on import")
        reports, failed = _align_each(store, names, aligner)
    if as_json:
        emit_json(
            {
                "summary": [r.summary() for r in reports],
                "cues": [cue for r in reports for cue in r.as_json()["cues"]],  # type: ignore[attr-defined]
                "failed": failed,
            }
        )
    else:
        for r in reports:
            click.echo(f"{r.clip}: {r.sentence()}")
            if r.flagged():
                numbers = ", ".join(f"#{i}" for i in r.flagged())
                click.echo(f"  flagged timing-check (listen to these): {numbers}")
    if failed:
        raise MediaError(f"{len(failed)} of {len(names)} clip(s) could not be timed (see above)")


def _align_each(
    store: Any, names: list[str], aligner: str
) -> tuple[list[Any], list[dict[str, str]]]:
    """Every clip in turn (one edit each): a clip that cannot be timed is said and skipped,
    the others are still timed."""
    from ttdn_studio.errors import MediaError
    from ttdn_studio.media.align import align_clip

    reports: list[Any] = []
    failed: list[dict[str, str]] = []
    for name in names:
        try:
            reports.append(align_clip(store, name, aligner=aligner))
        except MediaError as exc:
            click.secho(
                f"ttdn: skipped {printable(name)}: {printable(str(exc))}", err=True, fg="yellow"
            )
            failed.append({"clip": name, "error": str(exc)})
    return reports, failed


commands = [align]
