"""Burning subtitles into a video, and one preview frame, with ffmpeg's ``ass`` filter.

The graph is built with ffmpeg-python. The ``.ass`` file and the fonts are
copied into a private working folder under safe names (``subs.ass``,
``fonts/``) and ffmpeg runs there, so no project or output path ever goes
through filtergraph escaping; input and output paths are plain arguments
(prefixed ``file:`` so a colon in a name is never read as a protocol). The
``ass`` filter uses libass's complex shaper (Khmer needs it; the
``subtitles`` filter does not shape Khmer correctly).

A preset with a loudness target (the playout presets) first measures the
source's audio with ``loudnorm`` (see :mod:`~ttdn_studio.render.loudness`),
writes the measurement to the job's log, and applies it in the burn; it also
sets the frame rate and, for interlaced output, the field order.

The output is written under a temporary name next to the final one, unique
to the attempt (``.<stem>.<pid>-<random>.rendering.mp4``, created exclusively
before ffmpeg starts), and renamed only once ffprobe reads it whole (see
:func:`~ttdn_studio.render.probe.check_output`): a failed, cancelled or killed
render leaves no final file. An ffmpeg orphaned by a killed render writes only
its own temporary file, never one a later attempt uses and never the final
name, so it cannot damage a finished output. Temporary files of attempts whose
process is gone are removed when the output is next rendered, and an orphaned
ffmpeg still writing one is stopped.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ttdn_studio.errors import RenderError
from ttdn_studio.fonts import FontSpec, gather_fonts
from ttdn_studio.render.ffmpeg_run import Cancelled, ProgressCallback, RenderProgress, run_ffmpeg
from ttdn_studio.render.loudness import Measured, measure_args, parse_measurement, read_from
from ttdn_studio.render.presets import Preset
from ttdn_studio.render.probe import SourceInfo, check_output

ASS_NAME, FONTS_NAME = "subs.ass", "fonts"


def _letterbox(stream: Any, width: int, height: int) -> Any:
    return (
        stream.filter("scale", width, height, force_original_aspect_ratio="decrease")
        .filter("pad", width, height, "(ow-iw)/2", "(oh-ih)/2")
        .filter("setsar", 1)
    )


def _vertical(stream: Any, width: int, height: int) -> Any:
    """Picture scaled to the width, over a blurred, cropped copy filling the frame."""
    import ffmpeg

    split = stream.filter_multi_output("split")
    small_w, small_h = width // 4, height // 4
    background = (
        split[0]
        .filter("scale", small_w, small_h, force_original_aspect_ratio="increase")
        .filter("crop", small_w, small_h)
        .filter("boxblur", 8)
        .filter("scale", width, height)
    )
    picture = split[1].filter("scale", width, -2)
    return ffmpeg.overlay(background, picture, x="(W-w)/2", y="(H-h)/2").filter("setsar", 1)


def _source(stream: Any, width: int, height: int) -> Any:
    return stream.filter("scale", width, height).filter("setsar", 1)


FITS: dict[str, Callable[[Any, int, int], Any]] = {
    "letterbox": _letterbox,
    "vertical": _vertical,
    "source": _source,
}


@contextmanager
def workdir(ass_text: str, fonts: tuple[FontSpec, ...]) -> Iterator[Path]:
    """A private folder holding ``subs.ass`` and ``fonts/`` (FontError if a font is missing)."""
    with tempfile.TemporaryDirectory(prefix="ttdn-render-") as tmp:
        folder = Path(tmp)
        gather_fonts(folder / FONTS_NAME, fonts)
        (folder / ASS_NAME).write_text(ass_text, encoding="utf-8")
        yield folder


def _subtitled(stream: Any, preset: Preset, size: tuple[int, int]) -> Any:
    fitted = FITS[preset.fit](stream, *size)
    return fitted.filter("ass", ASS_NAME, fontsdir=FONTS_NAME, shaping="complex")


def _file(path: Path) -> str:
    return "file:" + str(path.resolve())


def _delivered(stream: Any, preset: Preset) -> Any:
    """The preset's frame rate and field order."""
    if preset.fps:
        stream = stream.filter("fps", preset.fps)
    if preset.scan == "interlaced":
        stream = stream.filter("setfield", "tff")
    return stream


def burn_args(
    source: SourceInfo,
    preset: Preset,
    size: tuple[int, int],
    partial: Path,
    loudness: Measured | None = None,
    threads: int | None = None,
) -> list[str]:
    """The burn's ffmpeg command; ``loudness`` is the first pass's measurement, if any;
    ``threads`` caps the encoder's and the filters' threads (None or 0: ffmpeg's choice)."""
    import ffmpeg

    inp = ffmpeg.input(_file(source.path))
    streams = [_delivered(_subtitled(inp.video, preset, size), preset)]
    audio: dict[str, object] = {}
    if source.audio_codec is not None:
        sound = inp.audio
        if preset.playout:
            if preset.loudness is not None and loudness is not None and not loudness.silent:
                sound = sound.filter("loudnorm", **loudness.filter_args(preset.loudness))
                # loudnorm works at 192 kHz: back to the delivery rate
                sound = sound.filter("aresample", preset.sample_rate or 48000)
            audio = preset.audio_args()
        else:
            audio = (
                {"c:a": "copy"}
                if source.audio_codec == "aac"
                else {"c:a": "aac", "b:a": preset.audio_bitrate}
            )
        streams.append(sound)
    limit: dict[str, object] = {"threads": threads} if threads else {}
    out = ffmpeg.output(
        *streams, _file(partial), f=preset.container, **preset.video_args(), **audio, **limit
    )
    if threads:
        out = out.global_args("-filter_threads", str(threads))
    return _command(out)


MEASURE_SHARE = 20.0  # percent of a playout render's progress bar for the measuring pass


def measure_loudness(
    source: SourceInfo,
    preset: Preset,
    cwd: Path,
    log_path: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Measured | None:
    """First ``loudnorm`` pass over the source's audio; the result is written to the log."""
    if preset.loudness is None or source.audio_codec is None:
        return None
    log_path.parent.mkdir(parents=True, exist_ok=True)
    start = log_path.stat().st_size if log_path.is_file() else 0

    def scaled(p: RenderProgress) -> None:
        if progress is not None:
            progress(RenderProgress(round(p.percent * MEASURE_SHARE / 100, 1), p.speed, None))

    run_ffmpeg(
        measure_args(_file(source.path), preset.loudness),
        cwd=cwd,
        log_path=log_path,
        duration_ms=source.duration_ms,
        progress=scaled,
        cancel=cancel,
    )
    measured = parse_measurement(read_from(log_path, start))
    if measured is None:
        raise RenderError(f"ffmpeg measured no loudness; see {log_path}", file=source.path)
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(measured.describe(preset.loudness) + "\n")
    return measured


def _command(out: Any) -> list[str]:
    out = out.global_args("-hide_banner", "-nostats", "-progress", "pipe:1").overwrite_output()
    return list(out.compile(cmd="ffmpeg"))


PARTIAL_TAG = re.compile(r"(\d+)-[0-9a-f]+")


def new_partial(output: Path, kind: str = "rendering") -> Path:
    """A new empty file ``.<stem>.<pid>-<random>.<kind><suffix>`` beside ``output``, ours alone."""
    for _ in range(100):
        tag = f"{os.getpid()}-{secrets.token_hex(4)}"
        path = output.with_name(f".{output.stem}.{tag}.{kind}{output.suffix}")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return path
    raise RenderError("could not create a temporary file", file=output.parent)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0
    return True


def sweep_partials(output: Path, kind: str = "rendering", *, legacy: bool = False) -> list[Path]:
    """Remove temporary files of ``output`` left by attempts whose process is gone.

    With ``legacy``, also the one fixed name older versions used for renders.
    """
    head, tail = f".{output.stem}.", f".{kind}{output.suffix}"
    removed = []
    try:
        names = [p.name for p in output.parent.iterdir()]
    except OSError:
        return []
    for name in names:
        if not (name.startswith(head) and name.endswith(tail)):
            continue
        middle = name[len(head) : len(name) - len(tail)]
        found = PARTIAL_TAG.fullmatch(middle)
        old_name = legacy and name == f"{head[:-1]}{tail}"
        if (found and not _pid_alive(int(found.group(1)))) or old_name:
            path = output.with_name(name)
            stop_writers(path)
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def stop_writers(partial: Path) -> list[int]:
    """Kill any ffmpeg still writing ``partial`` (orphaned when its render was killed).

    Only an ffmpeg whose command line names this very temporary file is
    stopped; it would otherwise go on using the machine for nothing.
    """
    import psutil

    target = _file(partial)
    stopped = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        try:
            cmdline = proc.info.get("cmdline") or []
            if "ffmpeg" in (proc.info.get("name") or "") and target in cmdline:
                proc.kill()
                stopped.append(proc.pid)
        except psutil.Error:
            continue
    return stopped


def burn(
    source: SourceInfo,
    ass_text: str,
    fonts: tuple[FontSpec, ...],
    preset: Preset,
    size: tuple[int, int],
    output: Path,
    log_path: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    threads: int | None = None,
) -> int:
    """Burn ``ass_text`` into ``source``; ``output`` appears only when complete and checked.

    ``threads`` caps ffmpeg's threads (several renders side by side share the cores).

    Returns the output's duration in ms as ffprobe reads it.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    sweep_partials(output, legacy=True)
    partial = new_partial(output)
    try:
        with workdir(ass_text, fonts) as cwd:
            measured = measure_loudness(
                source, preset, cwd, log_path, progress=progress, cancel=cancel
            )
            report = progress
            if measured is not None and progress is not None:

                def report(p: RenderProgress) -> None:
                    share = MEASURE_SHARE + p.percent * (100 - MEASURE_SHARE) / 100
                    progress(RenderProgress(round(share, 1), p.speed, p.eta_s))

            args = burn_args(source, preset, size, partial, measured, threads)
            run_ffmpeg(
                args,
                cwd=cwd,
                log_path=log_path,
                duration_ms=source.duration_ms,
                progress=report,
                cancel=cancel,
            )
        if not partial.is_file() or partial.stat().st_size == 0:
            raise RenderError(f"ffmpeg wrote no output; see {log_path}", file=output)
        try:
            duration_ms = check_output(partial, source)
        except RenderError as exc:
            raise RenderError(f"{exc.message}; not kept (see {log_path})", file=output) from None
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"render cancelled; ffmpeg log kept in {log_path}")
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return duration_ms


def preview(
    source: SourceInfo | None,
    ass_text: str,
    fonts: tuple[FontSpec, ...],
    preset: Preset,
    size: tuple[int, int],
    at_ms: int,
    out: Path,
) -> Path:
    """One frame at ``at_ms`` exactly as :func:`burn` would show it (black frame without video).

    Only ``out`` is written (replaced, when it exists). The frame and the
    ffmpeg log go to files of this attempt's own, created beside ``out``; the
    frame is renamed to ``out``, the log removed unless ffmpeg failed (then its
    path is in the error). No other file is touched, whatever its name.
    """
    import ffmpeg

    seconds = at_ms / 1000
    if source is None:
        inp = ffmpeg.input(f"color=c=black:s={size[0]}x{size[1]}:r=25:d=0.04", f="lavfi")
        fit = Preset("black", "", *size, fit="source")
    else:
        inp = ffmpeg.input(_file(source.path), ss=f"{seconds:.3f}")
        fit = preset
    video = _subtitled(inp.video.filter("setpts", f"PTS+{seconds:.3f}/TB"), fit, size)
    out.parent.mkdir(parents=True, exist_ok=True)
    sweep_partials(out.with_suffix(".png"))
    sweep_partials(out.with_suffix(".log"), kind="preview")
    partial = new_partial(out.with_suffix(".png"))
    log_path = new_partial(out.with_suffix(".log"), kind="preview")
    try:
        with workdir(ass_text, fonts) as cwd:
            args = _command(ffmpeg.output(video, _file(partial), vframes=1, f="image2", update=1))
            run_ffmpeg(args, cwd=cwd, log_path=log_path, duration_ms=0)
        if not partial.is_file() or partial.stat().st_size == 0:
            log_path.unlink(missing_ok=True)  # ffmpeg did not fail: nothing in it to read
            raise RenderError(f"no frame at {seconds:.3f} s (the video is shorter?)", file=out)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log_path.unlink(missing_ok=True)
    return out
