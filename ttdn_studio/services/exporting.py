"""Exporting a project's cues as subtitle files (SRT, ASS, WebVTT, TTML).

One language per file, or two (``bilingual``) one above the other in each
event. Target languages can be limited to cues at or above a status (the
source language has no status and is always complete). Files are written
atomically, UTF-8 without BOM. An ASS export of a clip that was imported from
ASS reuses the imported header (see ``ttdn_studio.formats``).
"""

from __future__ import annotations

from pathlib import Path

import pysubs2

from ttdn_studio.errors import ExportFailed, TtdnError
from ttdn_studio.fonts import font_for
from ttdn_studio.formats import SUBTITLE_FORMATS, atomic_write_text, format_for_extension
from ttdn_studio.formats.atomic import is_stdout
from ttdn_studio.formats.markup import an_tag, ass_escape
from ttdn_studio.formats.subtitles import new_ssafile, render_subtitles
from ttdn_studio.formats.writers import OutCue, write_srt, write_ttml, write_vtt
from ttdn_studio.models import CueRow, Status, status_at_least
from ttdn_studio.naming import path_in, unique_stems
from ttdn_studio.store import ProjectStore
from ttdn_studio.text import timestamp

WRITABLE = [name for name, f in SUBTITLE_FORMATS.items() if f.writable]
ASS_MAX_MS = 10 * 3_600_000 - 10  # ASS times are H:MM:SS.cc
PLAY_RES = (1920, 1080)


def _extension(fmt: str) -> str:
    return SUBTITLE_FORMATS[fmt].extensions[0]


def _language_style(lang: str) -> pysubs2.SSAStyle:
    return pysubs2.SSAStyle(
        fontname=font_for(lang).ass_name,
        fontsize=54,
        outline=2.5,
        shadow=0,
        marginl=96,
        marginr=96,
        marginv=60,
    )


def _ass_base(
    store: ProjectStore, clip: str, langs: list[str]
) -> tuple[pysubs2.SSAFile, list[str]]:
    """The file to add events to, and the style of each language's line."""
    saved = (store.project.settings.get("ass_styles") or {}).get(clip)  # type: ignore[attr-defined]
    if isinstance(saved, dict) and saved.get("header"):
        subs = new_ssafile(str(saved["header"]))
        style = str(saved.get("style") or "Default")
        return subs, [style] * len(langs)
    subs = pysubs2.SSAFile()
    subs.info.update({"PlayResX": str(PLAY_RES[0]), "PlayResY": str(PLAY_RES[1])})
    subs.styles.clear()
    for lang in langs:
        subs.styles[lang] = _language_style(lang)
    return subs, langs


def _texts(
    row: CueRow, langs: list[str], source: str, min_status: Status | None
) -> list[str] | None:
    """The texts of one cue in ``langs``; ``None`` when the cue is not exported."""
    texts = []
    for lang in langs:
        if (
            lang != source
            and min_status is not None
            and not status_at_least(row.status(lang), min_status)
        ):
            return None
        text = row.text(lang, source).strip()
        if not text:
            return None
        texts.append(text)
    return texts


def build_ssafile(
    store: ProjectStore,
    clip: str,
    lang: str,
    *,
    bilingual: list[str] | None = None,
    min_status: Status | str | None = None,
    fmt: str = "srt",
) -> pysubs2.SSAFile:
    """The subtitles of one clip in ``lang`` (or the two ``bilingual`` languages).

    Cue text is escaped for ASS (typed braces and backslashes stay text; see
    ``ttdn_studio.formats.markup``); a cue placed at the top or middle starts
    with ``{\\an8}``/``{\\an5}``.
    """
    langs = list(bilingual) if bilingual else [lang]
    if fmt in ("ass", "ssa"):
        subs, styles = _ass_base(store, clip, langs)
    else:
        subs, styles = pysubs2.SSAFile(), ["Default"] * len(langs)
    for cue in out_cues(store, clip, langs, min_status):
        if cue.end_ms > ASS_MAX_MS:
            raise ExportFailed(
                f"clip {clip!r} has a cue ending at {timestamp(cue.end_ms)}, beyond the "
                "9:59:59.99 an ASS file can hold; export SRT, WebVTT or TTML instead"
            )
        parts = [ass_escape(cue.texts[0])]
        for text, style in zip(cue.texts[1:], styles[1:], strict=True):
            reset = f"{{\\r{style}}}" if style != styles[0] else ""
            parts.append(reset + ass_escape(text))
        subs.append(
            pysubs2.SSAEvent(
                start=cue.start_ms,
                end=cue.end_ms,
                text=an_tag(cue.align) + "\\N".join(parts),
                style=styles[0],
            )
        )
    return subs


def out_cues(
    store: ProjectStore, clip: str, langs: list[str], min_status: Status | str | None = None
) -> list[OutCue]:
    """The cues of ``clip`` to export in ``langs`` (top→bottom), with their positions."""
    source = store.project.source_lang
    minimum = Status(min_status) if min_status else None
    out = []
    for row in store.cue_rows(clip, langs=[lg for lg in langs if lg != source]):
        texts = _texts(row, langs, source, minimum)
        if texts is not None:
            out.append(OutCue(row.cue.start_ms, row.cue.end_ms, texts, langs, row.cue.align))
    return out


def clip_text(
    store: ProjectStore,
    clip: str,
    lang: str,
    *,
    bilingual: list[str] | None = None,
    min_status: Status | str | None = None,
    fmt: str = "srt",
) -> str | None:
    """The file text of one clip in ``fmt``; None when it has no cue to export."""
    if fmt in ("ass", "ssa"):
        subs = build_ssafile(store, clip, lang, bilingual=bilingual, min_status=min_status, fmt=fmt)
        return render_subtitles(subs, fmt) if subs.events else None
    langs = list(bilingual) if bilingual else [lang]
    cues = out_cues(store, clip, langs, min_status)
    if not cues:
        return None
    if fmt == "vtt":
        return write_vtt(cues)
    if fmt == "ttml":
        return write_ttml(cues, langs[0])
    return write_srt(cues)


def _resolve_format(out: Path, fmt: str | None, folder: bool) -> str:
    if fmt is None:
        found = None if folder else format_for_extension(out.suffix)
        if folder:
            return "srt"
        if found is None or not found.writable:
            raise ExportFailed(
                f"cannot tell the format from {out.suffix or 'no extension'!r}; "
                f"use --format ({', '.join(WRITABLE)})",
                file=out,
            )
        return found.name
    fmt = fmt.lower().lstrip(".")
    fmt = {"webvtt": "vtt", "dfxp": "ttml"}.get(fmt, fmt)
    if fmt not in WRITABLE:
        raise ExportFailed(
            f"cannot write format {fmt!r} (use one of {', '.join(WRITABLE)})", file=out
        )
    return fmt


def _check_langs(store: ProjectStore, lang: str | None, bilingual: list[str] | None) -> str:
    langs = list(bilingual or []) or ([lang] if lang else [])
    if not langs:
        raise ExportFailed("choose a language (--lang) or two (--bilingual A,B)")
    if bilingual is not None and (len(bilingual) != 2 or bilingual[0] == bilingual[1]):
        raise ExportFailed("--bilingual takes two different languages, such as vi,en")
    try:
        for code in langs:
            store.check_lang(code)
    except TtdnError as exc:
        raise ExportFailed(exc.message, file=exc.file) from None
    return langs[0]


def export_subtitles(
    store: ProjectStore,
    out: Path | str,
    *,
    lang: str | None,
    fmt: str | None = None,
    clip: str | None = None,
    bilingual: list[str] | None = None,
    min_status: Status | str | None = None,
) -> list[Path]:
    """Write subtitle files; returns the paths written.

    With several clips and no ``clip``, ``out`` is a folder and each clip gets
    ``<clip>.<lang>.<ext>`` in it, the clip part named as renders name it (made
    safe, distinct per clip: :mod:`ttdn_studio.naming`); otherwise ``out`` is the file (or an existing
    folder to write that name into).
    """
    out = Path(out)
    first = _check_langs(store, lang, bilingual)
    if min_status is not None and str(min_status) not in [s.value for s in Status]:
        raise ExportFailed(
            f"unknown status {min_status!r} (use {', '.join(s.value for s in Status)})"
        )
    clips = [store.clip(clip)] if clip is not None else store.clips()
    if not clips:
        raise ExportFailed("this project has no clips yet; import a file first")
    if is_stdout(out) and len(clips) > 1:
        raise ExportFailed(
            f"the project has {len(clips)} clips: give --clip NAME to write one of them"
            " to standard output"
        )
    folder = not is_stdout(out) and (len(clips) > 1 or out.is_dir())
    if len(clips) > 1 and not out.is_dir() and format_for_extension(out.suffix) is not None:
        names = ", ".join(c.name for c in clips[:4]) + (", …" if len(clips) > 4 else "")
        raise ExportFailed(
            f"the project has {len(clips)} clips ({names}): give --clip NAME to export "
            "one of them to this file, or -o FOLDER for one file per clip",
            file=out,
        )
    fmt = _resolve_format(out, fmt, folder)
    label = "-".join(bilingual) if bilingual else first
    stems = unique_stems(c.name for c in sorted(store.clips(), key=lambda c: c.id))
    written: list[Path] = []
    for c in clips:
        text = clip_text(store, c.name, first, bilingual=bilingual, min_status=min_status, fmt=fmt)
        if text is None:
            continue
        target = path_in(out, f"{stems[c.name]}.{label}{_extension(fmt)}") if folder else out
        written.append(_write(target, text))
    if not written:
        status = f" at or above {min_status}" if min_status else ""
        raise ExportFailed(f"nothing to export: no {label} cues{status}")
    return written


def _write(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return atomic_write_text(path, text)
    except OSError as exc:
        raise ExportFailed(f"cannot be written ({exc.strerror})", file=path) from None


def left_out_counts(
    store: ProjectStore,
    *,
    lang: str | None,
    bilingual: list[str] | None = None,
    clip: str | None = None,
    min_status: Status | str | None = None,
) -> dict[str, int]:
    """How many cues with text in each target language an export at ``min_status`` leaves
    out because their translation has not reached that status (what to tell the user)."""
    if min_status is None:
        return {}
    minimum = Status(min_status)
    source = store.project.source_lang
    targets = [lg for lg in (bilingual or ([lang] if lang else [])) if lg != source]
    counts = dict.fromkeys(targets, 0)
    clips = [store.clip(clip)] if clip is not None else store.clips()
    for c in clips:
        for row in store.cue_rows(c.name, langs=targets):
            for lg in targets:
                if row.text(lg, source).strip() and not status_at_least(row.status(lg), minimum):
                    counts[lg] += 1
    return {lg: n for lg, n in counts.items() if n}
