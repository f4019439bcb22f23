"""Reading and writing subtitle files, with strict checks.

SRT and WebVTT are read by the strict readers in
:mod:`ttdn_studio.formats.textformats`; the other formats through pysubs2,
which is lenient (it skips lines it does not understand). An import must not
lose anything silently, so each pysubs2 format may have a *checker* that looks
at the raw text first (the ASS ``[Events]`` section) and names the line of
anything broken. The format is chosen from the content when it declares one
(:func:`choose_format`). Formats are entries in :data:`SUBTITLE_FORMATS`;
adding one means adding an entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pysubs2

from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.markup import DRAWING, align_from_an, from_ass, plain
from ttdn_studio.formats.textformats import RawCue, detect_format, read_sbv, read_srt, read_vtt
from ttdn_studio.formats.ttml import read_ttml

MAX_LINE_CHARS = 10_000


@dataclass
class TimedText:
    """One cue read from a file: times in ms, text in the stored form, source line."""

    start_ms: int
    end_ms: int
    text: str
    line: int | None = None
    align: str = "bottom"  # bottom / middle / top (see ttdn_studio.formats.markup)


@dataclass
class ParsedSubtitles:
    cues: list[TimedText]
    format: str
    ass_header: str | None = None  # [Script Info] + styles of an ASS/SSA file, as read
    ass_style: str | None = None  # the style most events used
    warnings: list[str] = field(default_factory=list)
    named_format: str | None = None  # the file name's format, when the content said another
    skipped: dict[str, int] = field(default_factory=dict)  # what was left out, and how much


def to_stored(event_text: str) -> str:
    """pysubs2 event text → stored text (``\\N`` becomes a newline; tags kept)."""
    return event_text.replace("\\N", "\n")


def to_event(stored: str) -> str:
    """Stored text → pysubs2 event text."""
    return stored.replace("\n", "\\N")


# ------------------------------------------------------------------ checkers
def _check_ass(text: str, path: Path) -> list[int]:
    if not re.search(r"^\s*\[Events\]\s*$", text, re.MULTILINE | re.IGNORECASE):
        raise ImportFailed("has no [Events] section: not a complete ASS/SSA file", file=path)
    return [
        n
        for n, line in enumerate(text.split("\n"), start=1)
        if line.startswith(("Dialogue:", "Comment:"))
    ]


def _sami_ends(subs: pysubs2.SSAFile) -> None:
    """A SAMI cue lasts until the next SYNC (often an empty ``&nbsp;`` one that clears it)."""
    events = sorted(subs.events, key=lambda e: e.start)
    for event, following in zip(events, events[1:], strict=False):
        if event.text.strip() and following.start > event.start:
            event.end = following.start
    subs.events = [e for e in events if e.text.strip()]


_MICRODVD_FPS = re.compile(r"^\{[01]\}\{[01]\}(\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class SubtitleFormat:
    name: str  # pysubs2 format identifier
    extensions: tuple[str, ...]
    check: Callable[[str, Path], list[int]] | None = None  # -> source line of each event
    writable: bool = False
    fix: Callable[[pysubs2.SSAFile], None] | None = None  # repairs after pysubs2 has read


SUBTITLE_FORMATS: dict[str, SubtitleFormat] = {
    f.name: f
    for f in (
        SubtitleFormat("srt", (".srt",), writable=True),
        SubtitleFormat("ass", (".ass",), _check_ass, writable=True),
        SubtitleFormat("ssa", (".ssa",), _check_ass),
        SubtitleFormat("vtt", (".vtt", ".webvtt"), writable=True),
        SubtitleFormat("ttml", (".ttml", ".dfxp", ".xml"), writable=True),
        SubtitleFormat("sami", (".smi", ".sami"), fix=_sami_ends),
        SubtitleFormat("sbv", (".sbv",)),
        SubtitleFormat("microdvd", (".sub",)),
        SubtitleFormat("mpl2", (".mpl", ".mpl2")),
        SubtitleFormat("tmp", (".tmp",)),
    )
}


def format_for_extension(suffix: str) -> SubtitleFormat | None:
    suffix = suffix.lower()
    return next((f for f in SUBTITLE_FORMATS.values() if suffix in f.extensions), None)


# ------------------------------------------------------------------- reading
def _check_line_lengths(text: str, path: Path) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            if line.startswith("Dialogue:") and DRAWING.search(line):
                continue  # an ASS vector drawing: skipped as an event, not refused
            raise ImportFailed(
                f"line is {len(line):,} characters long: not a subtitle or script",
                file=path,
                line=number,
            )


def _load(text: str, path: Path, fmt: SubtitleFormat, fps: float) -> pysubs2.SSAFile:
    if fmt.name == "microdvd":  # a file may declare its frame rate: {1}{1}25 (or {0}{0}25)
        first, _, rest = text.lstrip("\ufeff").partition("\n")
        declared = _MICRODVD_FPS.match(first.strip())
        if declared:
            fps, text = float(declared.group(1)), "\n" + rest  # keep line numbers
    try:
        subs = pysubs2.SSAFile.from_string(text, format_=fmt.name, fps=fps)
    except Exception as exc:  # pysubs2 raises many kinds; all mean "cannot read"
        raise ImportFailed(f"cannot be read as {fmt.name.upper()}: {exc}", file=path) from None
    if fmt.fix is not None:
        fmt.fix(subs)
    return subs


def _header_of(text: str) -> str:
    match = re.search(r"^\s*\[Events\]", text, re.MULTILINE | re.IGNORECASE)
    return text[: match.start()] if match else text


def choose_format(
    text: str, path: Path, named: SubtitleFormat
) -> tuple[SubtitleFormat, str | None]:
    """The format to read ``text`` as: the one its content declares, else the name's.

    Returns the format and, when content and name disagree, a line saying so.
    """
    found = detect_format(text)
    same = {found, named.name} <= {"ass", "ssa"}  # pysubs2 reads either way
    if found is None or found == named.name or same or (found, named.name) == ("srt", "vtt"):
        return named, None
    fmt = SUBTITLE_FORMATS[found]
    return fmt, (
        f"{path.name}: the content is {found.upper()} although the name ends in "
        f"{path.suffix or '(no extension)'}; read as {found.upper()}"
    )


def parse_subtitles(
    text: str, path: Path, fmt: SubtitleFormat, *, fps: float = 25.0
) -> ParsedSubtitles:
    """Parse a whole subtitle file; raise :class:`ImportFailed` naming the line of any fault.

    The format is taken from the content when it declares one (``[Script Info]``,
    ``WEBVTT``, ``<tt>``...), else from ``fmt`` (the file name's).
    """
    named = fmt
    fmt, detected = choose_format(text, path, named)
    if fmt.name != "ttml":  # XML is often written on one line
        _check_line_lengths(text, path)
    parsed = ParsedSubtitles(cues=[], format=fmt.name)
    if detected:
        parsed.warnings.append(detected)
        parsed.named_format = named.name
    if fmt.name == "srt":
        raw = read_srt(text, path, parsed.warnings)
    elif fmt.name == "vtt":
        vtt = read_vtt(text, path)
        raw = vtt.cues
        if vtt.stray:
            where = ", ".join(str(n) for n in vtt.stray[:10]) + (
                ", …" if len(vtt.stray) > 10 else ""
            )
            parsed.warnings.append(
                f"{path.name}: {len(vtt.stray)} block{'s' if len(vtt.stray) > 1 else ''} with "
                f"no timing line not imported (at line{'s' if len(vtt.stray) > 1 else ''} {where})"
            )
    elif fmt.name == "ttml":
        raw = read_ttml(text, path)
    elif fmt.name == "sbv":
        raw = read_sbv(text, path)
    else:
        raw = _pysubs2_cues(text, path, fmt, fps, parsed)
    empty: list[int | None] = []
    instant: list[int | None] = []
    for cue in raw:
        if cue.start_ms < 0 or cue.end_ms < cue.start_ms:
            raise ImportFailed(
                f"cue ends before it starts ({cue.start_ms} → {cue.end_ms} ms)",
                file=path,
                line=cue.line,
            )
        if not plain(cue.text).strip():
            empty.append(cue.line)
            continue
        if cue.end_ms == cue.start_ms:
            instant.append(cue.line)
        parsed.cues.append(TimedText(cue.start_ms, cue.end_ms, cue.text, cue.line, cue.align))
    if instant:
        where = ", ".join(str(n) for n in instant[:10] if n) + (", …" if len(instant) > 10 else "")
        plural = "s" if len(instant) > 1 else ""
        parsed.warnings.append(
            f"{path.name}: {len(instant)} cue{plural} ending where {'they start' if plural else 'it starts'}"
            f" (0 ms: never shown){f' at line{plural} {where}' if where else ''}; give "
            f"{'them' if plural else 'it'} an out-time (ttdn qc lists {'them' if plural else 'it'})"
        )
    if empty:
        parsed.skipped["empty cues"] = len(empty)
        where = ", ".join(str(n) for n in empty[:10] if n) + (", …" if len(empty) > 10 else "")
        plural = "s" if len(empty) > 1 else ""
        parsed.warnings.append(
            f"{path.name}: {len(empty)} empty cue{plural} (a timing "
            f"with no text) skipped{f' at line{plural} {where}' if where else ''}; cues after "
            "them are numbered lower than in the file"
        )
    if not parsed.cues:
        raise ImportFailed(
            f"no subtitles found (is this really a {fmt.name.upper()} file?)", file=path
        )
    return parsed


def _pysubs2_cues(
    text: str, path: Path, fmt: SubtitleFormat, fps: float, parsed: ParsedSubtitles
) -> list[RawCue]:
    """Cues of the formats pysubs2 reads (ASS/SSA, SAMI, MicroDVD...), drawings set aside."""
    source_lines = fmt.check(text, path) if fmt.check else []
    subs = _load(text, path, fmt, fps)
    lines: list[int | None] = list(source_lines) if len(source_lines) == len(subs.events) else []
    lines += [None] * (len(subs.events) - len(lines))
    out: list[RawCue] = []
    drawings = dropped_tags = 0
    ass = fmt.name in ("ass", "ssa")
    soft_break = "\n" if str(subs.info.get("WrapStyle", "0")).strip() == "2" else " "
    for event, line in zip(subs.events, lines, strict=True):
        if event.type != "Dialogue":
            continue
        if ass and DRAWING.search(event.text):
            drawings += 1
            continue
        if ass:
            body, align, dropped = from_ass(event.text, soft_break=soft_break)
            dropped_tags += dropped
            if align is None:
                style = subs.styles.get(event.style)
                align = align_from_an(int(style.alignment)) if style else "bottom"
        else:
            body, align = to_stored(event.text), "bottom"
        out.append(RawCue(event.start, event.end, body, line, align))
    if drawings:
        parsed.skipped["drawings"] = drawings
        parsed.warnings.append(
            f"{path.name}: {drawings} vector drawing{'s' if drawings > 1 else ''} "
            "(\\p1 events) skipped: drawings are not subtitles"
        )
    if dropped_tags:
        parsed.skipped["override tags"] = dropped_tags
        parsed.warnings.append(
            f"{path.name}: {dropped_tags} ASS override tag{'s' if dropped_tags > 1 else ''} "
            "(such as \\pos, \\fad, \\c) not kept; italics, bold and positions are kept"
        )
    if ass:
        dialogue = [e for e in subs.events if e.type == "Dialogue" and not DRAWING.search(e.text)]
        parsed.ass_header = _header_of(text)
        parsed.ass_style = Counter(e.style for e in dialogue or subs.events).most_common(1)[0][0]
    return out


# ------------------------------------------------------------------- writing
def new_ssafile(ass_header: str | None = None) -> pysubs2.SSAFile:
    """An empty file; with ``ass_header`` its script info and styles come from it."""
    if not ass_header:
        return pysubs2.SSAFile()
    return pysubs2.SSAFile.from_string(ass_header + "\n[Events]\n", format_="ass")


def render_subtitles(subs: pysubs2.SSAFile, fmt: str) -> str:
    """The file text of ``subs`` in format ``fmt`` (a writable format name)."""
    return subs.to_string(fmt)
