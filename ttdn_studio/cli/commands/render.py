"""``ttdn render`` (batch burn-in queue) and ``ttdn preview`` (one frame as it will air)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import click

from ttdn_studio.cli.common import (
    OutputFile,
    Seconds,
    emit_json,
    json_option,
    lang_list,
    load_project,
    os_reason,
    printable,
    project_argument,
)

STATUSES = ["mt", "draft", "reviewed", "approved"]
PRESET_HELP = (
    "Delivery preset: broadcast (1080p, crf 18), web (720p, crf 23), social-vertical "
    "(1080x1920, blurred background), draft (source size, fastest); for a playout "
    "server: playout-1080i50, playout-1080p25 (H.264 4:2:2, -23 LUFS), playout-xdcam-mxf "
    "(XDCAM HD 422 in MXF OP1a)."
)


def _layouts(langs: tuple[str, ...], stacks: tuple[str, ...]) -> list[list[str]]:
    layouts = [[lang] for lang in langs] + [lang_list(s) for s in stacks]
    if not layouts:
        raise click.UsageError("give at least one --lang L or --stack A,B")
    for layout in layouts:
        if len(layout) != len(set(layout)):
            raise click.UsageError(f"a language appears twice in --stack {','.join(layout)}")
    return layouts


class _Bars:
    """Progress lines on stderr, one per job: percent, speed and ETA."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.shown: dict[str, float] = {}

    def __call__(self, key: str, p: Any) -> None:
        with self.lock:
            last = self.shown.get(key, -100.0)
            if p.percent < 100 and (p.percent - last < 10 and not sys.stderr.isatty()):
                return
            self.shown[key] = p.percent
            filled = int(30 * p.percent / 100)
            speed = f" {p.speed:.2f}x" if p.speed else ""
            eta = f" eta {p.eta_s:.0f}s" if p.eta_s else ""
            sys.stderr.write(
                f"{key} [{'#' * filled}{'.' * (30 - filled)}] {p.percent:5.1f}%{speed}{eta}\n"
            )
            sys.stderr.flush()


@click.command("render")
@project_argument
@click.option(
    "--clip", "clips", multiple=True, help="Render this clip (repeatable; default: every clip)."
)
@click.option(
    "--lang",
    "langs",
    multiple=True,
    help="One output with this language (repeatable: one output each).",
)
@click.option(
    "--stack",
    "stacks",
    multiple=True,
    metavar="A,B",
    help="One output with A above B, e.g. km,en or vi,en (repeatable).",
)
@click.option("--preset", default="broadcast", show_default=True, help=PRESET_HELP)
@click.option(
    "--jobs",
    default=None,
    type=click.IntRange(1, 16),
    help="Clips rendered in parallel (one ffmpeg each, the cores shared between them). "
    "Default: one per core, as many as there are clips and memory for (about 1 GB each); "
    "`ttdn doctor` shows the plan.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder (default: PROJECT/renders).",
)
@click.option(
    "--min-status",
    default="approved",
    show_default=True,
    type=click.Choice(STATUSES),
    help="Burn only translations at or above this status; the others are left out and "
    "counted in the report. Source-language text is always burned.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run ffmpeg on a Dask cluster (e.g. tcp://scheduler:8786): one task per clip and "
    "layout; files come back here, are checked and recorded here.",
)
@click.option(
    "--cluster-media",
    type=click.Choice(["send", "shared"]),
    default="send",
    show_default=True,
    help="With --cluster: send each video with its task, or let workers read it from "
    "shared storage.",
)
@click.option(
    "--path-map",
    metavar="HERE=THERE",
    help="With --cluster-media shared: this machine's media folder and the same folder "
    "as the workers see it, e.g. /srv/media=/mnt/media.",
)
@click.option(
    "--proof",
    is_flag=True,
    help="Render anyway with a PROOF watermark (a clip not yet cleared for air); "
    "proofs are never counted as delivered.",
)
@json_option
def render(
    project: Path,
    clips: tuple[str, ...],
    langs: tuple[str, ...],
    stacks: tuple[str, ...],
    preset: str,
    jobs: int | None,
    out_dir: Path | None,
    min_status: str,
    cluster: str | None,
    cluster_media: str,
    path_map: str | None,
    proof: bool,
    as_json: bool,
) -> None:
    """Burn subtitles into the clips of PROJECT (H.264 MP4, one file per clip and layout).

    Outputs are named CLIP.LANGS.PRESET.mp4 (.mxf for an MXF preset) with an
    ffmpeg log beside them.
    The queue is kept in the project: running the same command again skips
    outputs that are up to date (same cues, styles, preset and video) and
    re-renders the rest, including jobs left half-done by a crash. A clip that
    fails is reported and the others still finish; the exit code is 0 only if
    every output is done or up to date.

    The broadcast preset (and any preset for air) renders only clips that pass the
    editorial gate: no open sensitive finding and, once the project has roles, a
    chief editor's clearance (ttdn clear); --proof renders anyway, watermarked.

    \b
    Examples:
      ttdn render ep1 --lang en --stack km,en --preset web --jobs 2
      ttdn render ep1 --clip intro --lang vi --min-status reviewed
    """
    from ttdn_studio.errors import RenderError
    from ttdn_studio.services.rendering import render_batch

    store = load_project(project)
    layouts = _layouts(langs, stacks)
    executor = _executor(cluster, cluster_media, path_map)
    try:
        results = render_batch(
            store,
            clips=list(clips) or None,
            layouts=layouts,
            preset=preset,
            jobs=jobs,
            out_dir=out_dir,
            min_status=min_status,
            progress=None if as_json else _Bars(),
            executor=executor,
            proof=proof,
        )
    finally:
        executor.close()
    if as_json:
        emit_json([r.to_dict() for r in results])
    else:
        for r in results:
            _echo_result(r, min_status)
    failed = [r for r in results if not r.ok]
    if failed:
        if as_json:
            sys.exit(1)
        raise RenderError(f"{len(failed)} of {len(results)} render(s) did not finish")


def _executor(cluster: str | None, media: str, path_map: str | None) -> Any:
    """Where ffmpeg runs: here, or on the Dask cluster at ``cluster``."""
    from ttdn_studio.render.executors import DaskExecutor, LocalExecutor

    if cluster is None:
        if path_map:
            raise click.UsageError("--path-map only applies with --cluster")
        return LocalExecutor()
    mapping = None
    if path_map:
        here, sep, there = path_map.partition("=")
        if not sep or not here or not there:
            raise click.UsageError("--path-map takes HERE=THERE, e.g. /srv/media=/mnt/media")
        mapping = (here, there)
    return DaskExecutor(cluster, media=media, path_map=mapping)


def _echo_result(r: Any, min_status: str) -> None:
    marks = {
        "done": "done   ",
        "skipped": "up to date",
        "failed": "FAILED ",
        "cancelled": "cancelled",
    }
    click.echo(f"{marks.get(r.status, r.status)}  {printable(str(r.output))}  ({r.cues} cues)")
    for lang, count in r.left_out.items():
        click.echo(f"    warning: {count} {lang} cue(s) below {min_status} or empty were left out")
    if r.past_end:
        click.echo(
            f"    warning: {r.past_end} cue(s) go on past the end of the video "
            f"({r.video_ms / 1000:.3f} s) and are not shown in full"
        )
    if r.error:
        click.echo(f"    {printable(str(r.error))}")


@click.command("preview")
@project_argument
@click.option("--clip", help="The clip (default: the only clip).")
@click.option("--lang", "langs", multiple=True, help="Language to show (or use --stack).")
@click.option("--stack", metavar="A,B", help="Show A above B, e.g. km,en.")
@click.option("--at", "at", required=True, type=Seconds(), help="Time in seconds.")
@click.option("--preset", default="broadcast", show_default=True, help=PRESET_HELP)
@click.option(
    "--min-status",
    default="approved",
    show_default=True,
    type=click.Choice(STATUSES),
    help="Show only translations at or above this status (as the render would).",
)
@click.option(
    "-o",
    "--out",
    required=True,
    type=OutputFile(),
    help="Image file to write: .png, or .jpg/.jpeg.",
)
@json_option
def preview(
    project: Path,
    clip: str | None,
    langs: tuple[str, ...],
    stack: str | None,
    at: float,
    preset: str,
    min_status: str,
    out: Path,
    as_json: bool,
) -> None:
    """Write one frame of a clip at --at SECONDS exactly as the burn would show it.

    Same styles, fonts and ffmpeg filter as ``ttdn render``; a clip without
    video is shown over a black frame of the preset's size.
    """
    from ttdn_studio.errors import RenderError
    from ttdn_studio.services.rendering import preview_frame, shown_at
    from ttdn_studio.text import timestamp

    layout = lang_list(stack) if stack else list(langs)
    if not layout or (stack and langs):
        raise click.UsageError("give one --lang L or one --stack A,B")
    if len(layout) != len(set(layout)):
        raise click.UsageError(f"a language appears twice in {','.join(layout)}")
    kind = IMAGE_TYPES.get(out.suffix.lower())
    if kind is None:
        raise click.BadParameter(
            f"cannot tell the image type from {out.suffix or 'no extension'!r}; "
            f"use one of {', '.join(IMAGE_TYPES)}",
            param_hint="-o",
        )
    store = load_project(project)
    at_ms = round(at * 1000)
    frame = out if kind == "PNG" else out.with_name(f".{out.name}.frame.png")
    try:
        path = preview_frame(
            store, clip, layout, at_ms, frame, preset=preset, min_status=min_status
        )
        if kind != "PNG":
            path = _save_as(path, out, kind)
    except OSError as exc:
        raise RenderError(f"cannot write the preview ({os_reason(exc)})", file=out) from None
    finally:
        if frame != out:
            frame.unlink(missing_ok=True)
            frame_log = frame.with_name(f"{frame.stem}.log")
            if frame_log.is_file():
                frame_log.replace(out.with_name(f"{out.stem}.log"))
    shown = shown_at(store, clip, layout, at_ms, min_status)
    if as_json:
        emit_json({"output": str(path), "langs": layout, "at_ms": at_ms, "shown": shown})
        return
    click.echo(f"Wrote {printable(str(path))}")
    for lang in layout:
        if lang in shown:
            click.echo(f"  {lang}: {printable(' / '.join(shown[lang].splitlines()))}")
        else:
            click.echo(
                f"  {lang}: nothing at {timestamp(at_ms)} (no cue there, or not {min_status} yet)"
            )


IMAGE_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def _save_as(frame: Path, out: Path, kind: str) -> Path:
    """Write the PNG ``frame`` to ``out`` as ``kind`` (JPEG), replacing ``out`` atomically."""
    import os

    from PIL import Image

    from ttdn_studio.errors import RenderError

    partial = out.with_name(f".{out.name}.partial")
    try:
        with Image.open(frame) as image:
            image.convert("RGB").save(partial, format=kind, quality=92)
        os.replace(partial, out)
    except OSError as exc:
        raise RenderError(f"cannot write the image ({exc})", file=out) from None
    finally:
        partial.unlink(missing_ok=True)
    return out


commands = [render, preview]
