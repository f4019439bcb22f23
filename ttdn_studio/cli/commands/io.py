"""``ttdn import`` and ``ttdn export``: subtitles and scripts in and out of a project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ttdn_studio.cli.common import (
    OutputFile,
    emit_json,
    json_option,
    lang_list,
    load_project,
    printable,
    project_argument,
)

STATUSES = ["empty", "mt", "draft", "reviewed", "approved"]


def _update(
    store: Any,
    file: Path,
    clip: str | None,
    lang: str | None,
    encoding: str | None,
    video: Path | None,
    as_json: bool,
) -> None:
    """``ttdn import --update``: re-import an updated script into an existing clip (and give
    it the new cut's video: read by ffprobe before anything changes)."""
    from ttdn_studio.services.clip_video import attach_video, check_video
    from ttdn_studio.services.reimport import update_clip

    if clip is None:
        raise click.UsageError("--update needs --clip, the clip the script updates")
    if lang not in (None, store.project.source_lang):
        raise click.UsageError("--update takes a script in the source language")
    if video is not None:
        store.clip(clip)
        check_video(video)
    report = update_clip(store, file, clip, encoding=encoding)
    attached = attach_video(store, clip, video) if video is not None else None
    if as_json:
        emit_json(
            {
                **report.model_dump(),
                "summary": report.summary,
                "video": attached.stored if attached else None,
            }
        )
        return
    click.echo(
        f"Updated clip {clip!r} from {file.name}: {report.summary} (ttdn undo takes it back)"
    )
    if attached is not None:
        click.echo(printable(attached.sentence()))


@click.command("import")
@project_argument
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@click.option(
    "--clip",
    help="Clip to import into (default: the file name without extension; "
    "for a translation, the only clip).",
)
@click.option(
    "--lang",
    help="Language of FILE (default: the project's source language). A target "
    "language attaches the subtitles to the clip's cues by time.",
)
@click.option(
    "--encoding",
    help="Text encoding of FILE (default: detected). Also accepts tcvn3, vni, viscii and cp1258.",
)
@click.option(
    "--video",
    type=click.Path(path_type=Path),
    help="Video file of the clip (stored relative to the project when inside it); with "
    "--update, the clip's new cut.",
)
@click.option(
    "--update",
    is_flag=True,
    help="FILE is an updated script of the existing --clip: keep the translations of "
    "unchanged cues, flag those of changed cues outdated, add and remove cues (one undo).",
)
@json_option
def import_(
    project: Path,
    file: Path,
    clip: str | None,
    lang: str | None,
    encoding: str | None,
    video: Path | None,
    update: bool,
    as_json: bool,
) -> None:
    """Import FILE into PROJECT: subtitles (SRT, ASS/SSA, WebVTT, TTML, SAMI, MicroDVD,
    MPL2, TMP) or a narration script (.txt, .md, .docx).

    A script is cut into cues that fit the language's line length and reading
    speed, with estimated times (timed to the voice instead when --video has
    narration: see `ttdn align`); a bilingual script (each Vietnamese paragraph
    followed by its translation, or a two-column Word table) fills both
    languages. Nothing is imported if any part of FILE is unreadable.
    """
    from ttdn_studio.services.importing import import_file

    store = load_project(project)
    if update:
        _update(store, file, clip, lang, encoding, video, as_json)
        return
    report = import_file(store, file, clip=clip, lang=lang, encoding=encoding, video=video)
    if as_json:
        emit_json(report.model_dump())
        return
    done = (
        f"created {report.created} cues"
        if report.created
        else f"attached {report.attached} {report.lang} texts"
    )
    extra = f" with {report.translation_lang} text" if report.translation_lang else ""
    click.echo(
        printable(
            f"Imported {file.name} ({report.kind}, {report.format}, {report.encoding}) into "
            f"clip {report.clip!r}: {done}{extra}"
        )
    )
    if report.timing:
        click.echo(report.timing[:1].upper() + report.timing[1:])
    for item in report.unmatched:
        click.secho(
            f"warning: no cue at this time, not attached: {printable(item)}", err=True, fg="yellow"
        )
    if report.unmatched:
        click.secho(
            f"warning: {len(report.unmatched)} subtitles matched no cue (listed above)",
            err=True,
            fg="yellow",
        )
    for warning in report.warnings:
        click.secho(f"warning: {printable(warning)}", err=True, fg="yellow")


@click.command("export")
@project_argument
@click.option("--lang", help="Language to export (required unless --bilingual is given).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["srt", "ass", "vtt", "ttml"]),
    help="Output format (default: from OUT's extension; srt for a folder).",
)
@click.option("--clip", help="Only this clip (default: all; several clips need a folder as OUT).")
@click.option(
    "--bilingual", metavar="A,B", help="Two languages per subtitle, A above B (e.g. vi,en)."
)
@click.option(
    "--min-status",
    type=click.Choice(STATUSES),
    help="Only cues whose target-language status is at least this (default: approved, as "
    "`ttdn render` burns; the source language has no status).",
)
@click.option(
    "--include-drafts",
    is_flag=True,
    help="Export every translation, whatever its status (machine drafts included).",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=OutputFile(folder_ok=True, stdout_ok=True),
    help="Output file, or a folder for one file per clip, or - for standard output.",
)
@json_option
def export(
    project: Path,
    lang: str | None,
    fmt: str | None,
    clip: str | None,
    bilingual: str | None,
    min_status: str | None,
    include_drafts: bool,
    out: Path,
    as_json: bool,
) -> None:
    """Export the subtitles of PROJECT as SRT, ASS, WebVTT or TTML files.

    Like `ttdn render`, only approved translations are exported unless you choose
    otherwise (--min-status, or --include-drafts for everything); the cues left out
    are counted on stderr. The source language is always exported whole.
    """
    from ttdn_studio.errors import ExportFailed
    from ttdn_studio.services.exporting import export_subtitles, left_out_counts

    if include_drafts and min_status is not None:
        raise click.UsageError("give either --min-status or --include-drafts, not both")
    minimum = None if include_drafts else (min_status or "approved")
    store = load_project(project)
    pair = lang_list(bilingual) if bilingual is not None else None
    try:
        paths = export_subtitles(
            store, out, lang=lang, fmt=fmt, clip=clip, bilingual=pair, min_status=minimum
        )
    except ExportFailed as exc:
        if "nothing to export" in exc.message and min_status is None and not include_drafts:
            exc.message += " (use --include-drafts to export unapproved translations)"
        raise
    from ttdn_studio.formats.atomic import is_stdout

    left_out = left_out_counts(store, lang=lang, bilingual=pair, clip=clip, min_status=minimum)
    if as_json:
        emit_json({"files": [str(p) for p in paths], "left_out": left_out})
        return
    for path in paths if not is_stdout(out) else []:  # stdout got the subtitles themselves
        click.echo(f"Wrote {printable(str(path))}")
    for code, count in left_out.items():
        click.secho(
            f"warning: {count} {code} cue(s) below {minimum} were left out "
            "(--include-drafts exports them)",
            err=True,
            fg="yellow",
        )


commands = [import_, export]
