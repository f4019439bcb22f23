"""Importing subtitles and scripts into a project: all of the file, or nothing.

The whole file is read, decoded and checked first; only then is the project
changed, in one undoable edit. Subtitles in the source language create cues in
a clip; in a target language they are attached to the clip's cues by time
overlap (those that overlap no cue are reported, never dropped silently).
Scripts become cues with estimated timing; a bilingual script fills both
languages.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ttdn_studio.batch import paused_gc
from ttdn_studio.errors import ImportFailed, TtdnError
from ttdn_studio.formats import decode_bytes, format_for_extension, parse_subtitles
from ttdn_studio.formats.scripts import (
    BINARY_SCRIPT_READERS,
    SCRIPT_READERS,
    ScriptBlock,
    ScriptUnit,
    detect_target,
    legacy_summary,
    pair_blocks,
)
from ttdn_studio.formats.splitting import align_pieces, estimate_times, reading_ms, split_script
from ttdn_studio.formats.subtitles import MAX_LINE_CHARS, ParsedSubtitles, TimedText
from ttdn_studio.models import Cue, Origin, Project, Status
from ttdn_studio.models.profiles import profile_for
from ttdn_studio.naming import check_clip_name
from ttdn_studio.services.editorial import require_edit
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.text import clean_text, has_controls, printable, strip_controls, timestamp

MAX_FILE_BYTES = 200 * 1024 * 1024


class ImportReport(BaseModel):
    """What an import did (also the JSON printed by ``ttdn import --json``)."""

    file: str
    clip: str
    lang: str
    kind: Literal["subtitles", "script"]
    format: str
    encoding: str
    created: int = 0
    attached: int = 0
    translation_lang: str | None = None  # the second language of a bilingual script
    controls_removed: int = 0  # control, escape and bidi-override characters stripped
    unmatched: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    named_format: str | None = None  # the file name's format, when the content said another
    skipped: dict[str, int] = Field(default_factory=dict)  # e.g. {"drawings": 1, "empty cues": 2}
    timing: str | None = None  # how a script's cues were timed (to the voice, or estimated)


@dataclass
class _Plan:
    """Everything read from the file, before the project is touched."""

    kind: Literal["subtitles", "script"]
    format: str
    encoding: str
    subtitles: ParsedSubtitles | None = None
    units: list[ScriptUnit] = field(default_factory=list)
    translation_lang: str | None = None
    warnings: list[str] = field(default_factory=list)
    controls_removed: int = 0

    def strip_controls(self) -> None:
        """Remove control, escape and bidi-override characters from every text read, and
        count them: they would reach terminals, players and burned frames as commands. A
        line break pasted from Word (U+000B) becomes a line break, as when typed in the desk."""
        cues = self.subtitles.cues if self.subtitles is not None else []
        texts = [c.text for c in cues] + [u.source for u in self.units]
        texts += [u.target for u in self.units if u.target is not None]
        if not has_controls("\n".join(texts)):  # the usual case: one search of all the text
            return
        removed = 0

        def clean(text: str) -> str:
            nonlocal removed
            text, count = strip_controls(text.replace("\x0b", "\n"))  # Word's line break
            removed += count
            return text

        for cue in cues:
            cue.text = clean(cue.text)
        for unit in self.units:
            unit.source = clean(unit.source)
            if unit.target is not None:
                unit.target = clean(unit.target)
        self.controls_removed = removed
        if removed:
            self.warnings.append(
                f"removed {removed} control character(s) (terminal escapes, bell, bidi "
                "overrides) from the text"
            )


def supported_extensions() -> list[str]:
    from ttdn_studio.formats import SUBTITLE_FORMATS

    subs = [ext for f in SUBTITLE_FORMATS.values() for ext in f.extensions]
    return sorted({*subs, *SCRIPT_READERS, *BINARY_SCRIPT_READERS})


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ImportFailed("no such file", file=path)
    if path.is_dir():
        raise ImportFailed("is a folder, not a file", file=path)
    if not path.is_file():  # a FIFO would block for ever, a device never end
        raise ImportFailed("is not a regular file (a device, FIFO or socket)", file=path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(f"is too large to import ({size:,} bytes)", file=path)
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot be read ({exc.strerror})", file=path) from None


def _plan(store: ProjectStore, path: Path, lang: str, encoding: str | None) -> _Plan:
    suffix = path.suffix.lower()
    fmt = format_for_extension(suffix)
    if fmt is None and suffix not in SCRIPT_READERS and suffix not in BINARY_SCRIPT_READERS:
        raise ImportFailed(
            f"unknown file type {suffix or '(no extension)'!r}; "
            f"supported: {', '.join(supported_extensions())}",
            file=path,
        )
    data = _read_bytes(path)
    if not data.strip():
        raise ImportFailed("is empty", file=path)
    project = store.project
    if fmt is not None:
        text, used = decode_bytes(data, path, encoding)
        parsed = parse_subtitles(text, path, fmt, fps=project.fps)
        return _Plan(
            "subtitles", parsed.format, used, subtitles=parsed, warnings=list(parsed.warnings)
        )
    if lang != project.source_lang:
        raise ImportFailed(
            f"a script can only be imported in the source language "
            f"({project.source_lang}); import {lang} as subtitles",
            file=path,
        )
    if suffix in BINARY_SCRIPT_READERS:
        blocks = BINARY_SCRIPT_READERS[suffix](data, path)
        legacy = legacy_summary(blocks)
        used = f"docx; legacy fonts: {legacy}" if legacy else "docx"
    else:
        text, used = decode_bytes(data, path, encoding)
        _check_lines(text, path)
        blocks = SCRIPT_READERS[suffix](text, path)
    return _script_plan(project, path, blocks, suffix.lstrip("."), used)


def _check_lines(text: str, path: Path) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFailed(
                f"line is {len(line):,} characters long: not a script", file=path, line=number
            )


def _script_plan(
    project: Project, path: Path, blocks: list[ScriptBlock], fmt: str, enc: str
) -> _Plan:
    if not any(b.text.strip() or (b.pair or "").strip() for b in blocks):
        raise ImportFailed("has no text to import", file=path)
    target = detect_target(blocks, project.source_lang, project.target_langs)
    plan = _Plan("script", fmt, enc, translation_lang=target)
    plan.units = pair_blocks(blocks, project.source_lang, target, plan.warnings.append)
    last = -1
    for unit in plan.units:
        if unit.start_ms is not None:
            if unit.start_ms < last:
                raise ImportFailed(
                    "time goes backwards (earlier than the line before)", file=path, line=unit.line
                )
            last = unit.start_ms
    return plan


# ----------------------------------------------------------------- scripts
def script_cues(
    project: Project, units: list[ScriptUnit], target: str | None, terms: Iterable[str] = ()
) -> list[NewCue]:
    """Cut script units into cues with estimated times (2-frame gaps, reading speed).

    ``terms`` (glossary terms of the source language) are never cut across cues or lines.
    """
    terms = tuple(terms)
    src_profile = profile_for(project, project.source_lang)
    tgt_profile = profile_for(project, target) if target else None
    gap = project.frames_to_ms(src_profile.min_gap_frames)
    next_starts = _next_timed_starts(units)
    cues: list[NewCue] = []
    at = 0
    for unit, window_end in zip(units, next_starts, strict=True):
        pieces = split_script(unit.source, src_profile, terms) if unit.source.strip() else [""]
        parts = align_pieces(unit.target, pieces) if unit.target else [""] * len(pieces)
        durations = [reading_ms(p, src_profile) for p in pieces]
        if tgt_profile is not None:
            durations = [
                max(d, reading_ms(t, tgt_profile)) for d, t in zip(durations, parts, strict=True)
            ]
        start = max(at, unit.start_ms) if unit.start_ms is not None else at
        times = estimate_times(
            durations, gap, start, None if window_end is None else window_end - gap
        )
        for (begin, end), text, part in zip(times, pieces, parts, strict=True):
            translations = {target: part} if target and part else {}
            cues.append(NewCue(begin, end, text, translations=translations))
        at = times[-1][1] + gap
    return cues


def _next_timed_starts(units: list[ScriptUnit]) -> list[int | None]:
    """For each unit, the start of the next timed unit (the window it must end in)."""
    out: list[int | None] = []
    upcoming: int | None = None
    for unit in reversed(units):
        out.append(upcoming)
        if unit.start_ms is not None:
            upcoming = unit.start_ms
    return out[::-1]


# The import dialog's fields, as the desk's wording of an error names them
# (``TtdnError.in_desk``); the CLI's wording names its options.
CLIP_FIELD = "“Into clip”"
NEW_CLIP_FIELD = "“a new clip” under “Into clip”"
LANG_FIELD = "“Language of the file”"


# ------------------------------------------------------------ target match
def match_by_overlap(
    cues: list[Cue], items: list[TimedText]
) -> tuple[dict[int, list[str]], list[TimedText]]:
    """Give each item to the cue it overlaps most; items that overlap none are returned."""
    cues = sorted(cues, key=lambda c: (c.start_ms, c.id))
    starts = [c.start_ms for c in cues]
    longest = max((c.duration_ms for c in cues), default=0)
    matched: dict[int, list[str]] = {}
    unmatched: list[TimedText] = []
    for item in items:
        best, best_overlap = None, 0
        j = bisect.bisect_left(starts, item.end_ms) - 1
        while j >= 0 and cues[j].start_ms + longest > item.start_ms:
            overlap = min(cues[j].end_ms, item.end_ms) - max(cues[j].start_ms, item.start_ms)
            if overlap > best_overlap:
                best, best_overlap = cues[j], overlap
            j -= 1
        if best is None:
            unmatched.append(item)
        else:
            matched.setdefault(best.id, []).append(item.text)
    return matched, unmatched


# ------------------------------------------------------------------ writing
def _resolve_clip(
    store: ProjectStore, path: Path, clip: str | None, *, source: bool
) -> tuple[str, bool]:
    """(clip name, whether it must be created)."""
    names = [c.name for c in store.clips()]
    if source:
        name = clip or path.stem
        if clip is None and not _encodable(name):
            raise ImportFailed(
                "the file name is not valid text (undecodable bytes); name the clip with --clip",
                file=path,
                desk="the file name is not valid text (undecodable bytes); choose"
                f" {NEW_CLIP_FIELD} and type its name",
            )
        if name in names and store.cue_rows(name, langs=[]):
            raise ImportFailed(
                f"clip {name!r} already has cues; import into a new clip with "
                "--clip NAME, or as a translation with --lang",
                file=path,
                desk=f"clip {name!r} already has cues; choose {NEW_CLIP_FIELD}, or the"
                f" translation's language under {LANG_FIELD}",
            )
        if name not in names:
            try:
                name = check_clip_name(clean_text(name))
            except TtdnError as exc:
                hint = "" if clip else "; name the clip with --clip NAME"
                desk = "" if clip else f"; type another name for the new clip under {CLIP_FIELD}"
                raise ImportFailed(exc.message + hint, file=path, desk=exc.message + desk) from None
        return name, name not in names
    name = clip or (names[0] if len(names) == 1 else path.stem)
    if name not in names:
        clips = ", ".join(names) or "none"
        raise ImportFailed(
            f"no clip named {name!r} to attach a translation to (clips: {clips}); use --clip",
            file=path,
            desk=f"no clip named {name!r} to attach a translation to (clips: {clips});"
            f" choose one under {CLIP_FIELD}",
        )
    if not store.cue_rows(name, langs=[]):
        raise ImportFailed(
            f"clip {name!r} has no cues to attach a translation to; "
            "import the source language first",
            file=path,
        )
    return name, False


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _video_value(store: ProjectStore, video: Path) -> str:
    """How the clip's video is stored, once ffprobe has read it as a video (else refused)."""
    from ttdn_studio.services.clip_video import check_video, stored_video_value

    if not video.expanduser().exists():
        raise ImportFailed("video file not found", file=video.expanduser().resolve())
    check_video(video)
    return stored_video_value(store.path, video)


def import_file(
    store: ProjectStore,
    path: Path | str,
    *,
    clip: str | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    video: Path | str | None = None,
) -> ImportReport:
    """Import one subtitle file or script into ``store``; see the module docstring."""
    path = Path(path)
    project = store.project
    lang = lang or project.source_lang
    try:
        store.check_lang(lang)
    except TtdnError as exc:
        raise ImportFailed(exc.message, file=path) from None
    plan = _plan(store, path, lang, encoding)
    plan.strip_controls()
    source = lang == project.source_lang
    name, create = _resolve_clip(store, path, clip, source=source)
    video_value = _video_value(store, Path(video)) if video is not None else None
    report = ImportReport(
        file=printable(str(path)),
        clip=name,
        lang=lang,
        kind=plan.kind,
        format=plan.format,
        encoding=plan.encoding,
        translation_lang=plan.translation_lang,
        controls_removed=plan.controls_removed,
        warnings=plan.warnings,
        named_format=plan.subtitles.named_format if plan.subtitles else None,
        skipped=dict(plan.subtitles.skipped) if plan.subtitles else {},
    )
    writer = _write_source if source else _write_target
    # the rows and their history are thousands of small objects and no cycles: the
    # collector would only walk them (about a tenth of a 10,000-cue import)
    with paused_gc(), store.edit(f"import {printable(path.name)} into {name} ({lang})"):
        if create:
            store.add_clip(name)
        writer(store, name, plan, report)
        if video_value is not None:
            store.set_clip_video(name, video_value)
            if source and plan.kind == "script":
                report.timing = _time_to_voice(store, name)
    return report


def _time_to_voice(store: ProjectStore, clip: str) -> str:
    """Time a freshly imported script to the clip's voice; estimated timing is the fallback."""
    from ttdn_studio.errors import MediaError
    from ttdn_studio.media.align import align_clip

    try:
        return align_clip(store, clip).sentence()
    except MediaError as exc:
        return f"estimated timing kept ({exc.message})"


def _write_source(store: ProjectStore, clip: str, plan: _Plan, report: ImportReport) -> None:
    project = store.project
    cues: list[NewCue] | list[TimedText]
    if plan.subtitles is not None:
        cues = plan.subtitles.cues  # as read: times, text and position
        if plan.subtitles.ass_header is not None:
            _keep_ass_header(store, clip, plan.subtitles)
    else:
        cues = script_cues(project, plan.units, plan.translation_lang, _terms(store))
    report.created = store.add_cues(clip, cues, origin=Origin.IMPORT, action="import")


def _terms(store: ProjectStore) -> list[str]:
    """The source-language glossary terms of several words (none when a glossary is unreadable:
    the import goes on, and QC reports the glossary)."""
    from ttdn_studio.glossary import load_glossary

    lang = store.project.source_lang
    try:
        return [t for e in load_glossary(store.path).entries if " " in (t := e.term(lang))]
    except TtdnError:
        return []


def _keep_ass_header(store: ProjectStore, clip: str, parsed: ParsedSubtitles) -> None:
    settings = dict(store.project.settings)
    styles = dict(settings.get("ass_styles") or {})  # type: ignore[call-overload]
    styles[clip] = {"header": parsed.ass_header, "style": parsed.ass_style}
    settings["ass_styles"] = styles
    store.update_project(settings=settings)


def _write_target(store: ProjectStore, clip: str, plan: _Plan, report: ImportReport) -> None:
    assert plan.subtitles is not None
    rows = store.cue_rows(clip, langs=[report.lang])
    matched, unmatched = match_by_overlap([r.cue for r in rows], plan.subtitles.cues)
    replaced = 0
    items: list[tuple[int, str, str]] = []
    for row in rows:
        texts = matched.get(row.cue.id)
        if texts is None:
            continue
        require_edit(store, row.status(report.lang))  # before anything is written
        replaced += bool(row.text(report.lang, "").strip())
        items.append((row.cue.id, report.lang, "\n".join(texts)))
    store.set_translations(
        items, status=Status.DRAFT, origin=Origin.IMPORT, action=f"import {report.lang} into {clip}"
    )
    report.attached = len(matched)
    report.unmatched = [
        f"{timestamp(t.start_ms)} → {timestamp(t.end_ms)} {t.text!r}"
        + (f" (line {t.line})" if t.line else "")
        for t in unmatched
    ]
    if replaced:
        report.warnings.append(
            f"{replaced} cues already had {report.lang} text; it was replaced (undo restores it)"
        )
