"""Strict readers of our own for SubRip (SRT) and WebVTT, and format detection.

pysubs2's SRT reader takes any line that looks like a time range as a timing
line, so a cue whose *text* mentions a time lost that text, and hours of 100
or more were read as 0. Here only the line that opens a block (after a blank
line or the start of the file), or the line after a cue number that opens a
block, is a timing line; every other line is text. Times use pysubs2's
``make_time``; hours may have any number of digits.

WebVTT is read per the W3C WebVTT parsing rules: the header block, then blocks
separated by blank lines; ``NOTE``, ``STYLE`` and ``REGION`` blocks are read
and set aside (never taken for cues); a cue is an optional identifier line, a
timing line with optional cue settings (``line:``, ``position:``, ``align:``,
``size:``, ``region:``, ``vertical:``) and its payload. The ``line`` setting
gives the cue's vertical position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pysubs2

from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.markup import from_html, leading_an

_STAMP = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
TIMING = re.compile(rf"^\s*{_STAMP}\s*-->\s*{_STAMP}(?:[ \t]+(.*))?\s*$")
# A line that starts like a timing line but has no arrow: a cut-short or mistyped timing.
_TIMESTAMP_START = re.compile(r"^\s*-?(\d+:\d{2}:\d{2}|\d{1,2}:\d{2}[,.]\d)")


@dataclass
class RawCue:
    """One cue as read: times in ms, stored text, source line of its timing, position."""

    start_ms: int
    end_ms: int
    text: str
    line: int | None
    align: str = "bottom"
    settings: dict[str, str] = field(default_factory=dict)


def _ms(hours: str | None, minutes: str, seconds: str, fraction: str) -> int:
    if int(minutes) > 59 or int(seconds) > 59:
        raise ValueError("minutes and seconds must be below 60")
    ms = int(fraction.ljust(3, "0"))  # ",5" is half a second, as pysubs2 reads it
    return int(pysubs2.make_time(h=int(hours or 0), m=int(minutes), s=int(seconds), ms=ms))


def parse_timing(line: str, path: Path, number: int) -> tuple[int, int, str]:
    """A timing line → (start ms, end ms, rest of the line); a broken one raises."""
    match = TIMING.match(line)
    if match is None or "-" in line.split("-->")[0]:
        raise ImportFailed(f"bad timing line {line.strip()[:60]!r}", file=path, line=number)
    try:
        start = _ms(*match.group(1, 2, 3, 4))
        end = _ms(*match.group(5, 6, 7, 8))
    except ValueError as exc:
        raise ImportFailed(
            f"bad timing line {line.strip()[:60]!r}: {exc}", file=path, line=number
        ) from None
    return start, end, (match.group(9) or "").strip()


def _no_arrow(line: str, path: Path, number: int) -> None:
    if _TIMESTAMP_START.match(line):
        raise ImportFailed(
            f"timing line without '-->' ({line.strip()[:60]!r}); is the file cut short?",
            file=path,
            line=number,
        )


# ---------------------------------------------------------------------- SRT
def read_srt(text: str, path: Path, warnings: list[str] | None = None) -> list[RawCue]:
    """Every cue of an SRT file, its text lines kept whatever they look like.

    Text before the first cue belongs to no cue: it is counted in ``warnings``.
    """
    lines = text.lstrip("\ufeff").split("\n")
    cues: list[RawCue] = []
    before_first = 0
    body: list[str] = []
    i = 0
    at_block_start = True
    while i < len(lines):
        line = lines[i].rstrip("\r")
        if not line.strip():
            at_block_start = True
            body.append("")
            i += 1
            continue
        if at_block_start:
            timing_at = _srt_block_timing(lines, i, path)
        else:  # a cue number and a bare timing line start a cue even without a blank line
            timing_at = _srt_numbered_timing(lines, i)
        at_block_start = False
        if timing_at is None:
            if not cues:
                if "-->" in line:
                    raise ImportFailed(
                        f"bad timing line {line.strip()[:60]!r}", file=path, line=i + 1
                    )
                _no_arrow(line, path, i + 1)
                before_first += 1  # text before the first cue: nothing to attach it to
                i += 1
                continue
            body.append(line)
            i += 1
            continue
        if cues:
            cues[-1].text = _srt_text(body)
        body = []
        start, end, _ = parse_timing(lines[timing_at], path, timing_at + 1)
        cues.append(RawCue(start, end, "", timing_at + 1))
        i = timing_at + 1
    if cues:
        cues[-1].text = _srt_text(body)
    for cue in cues:
        cue.text, align = leading_an(cue.text)
        cue.align = align or "bottom"
    if before_first and cues and warnings is not None:
        warnings.append(
            f"{path.name}: {before_first} line{'s' if before_first > 1 else ''} of text before "
            "the first cue not imported (they belong to no cue)"
        )
    return cues


def _srt_block_timing(lines: list[str], i: int, path: Path) -> int | None:
    """The index of the timing line of a block opening at ``i``, or None (text)."""
    line = lines[i].rstrip("\r")
    if "-->" in line:
        return i
    following = lines[i + 1].rstrip("\r") if i + 1 < len(lines) else ""
    if line.strip().isdigit():
        if "-->" in following:
            return i + 1
        _no_arrow(following, path, i + 2)
        return None
    if "-->" in following and TIMING.match(following):
        raise ImportFailed(
            f"cue number {line.strip()[:40]!r} is not a number", file=path, line=i + 1
        )
    return None


_BARE_REST = re.compile(r"^(X1:\S+\s+X2:\S+\s+Y1:\S+\s+Y2:\S+)?$")


def _srt_numbered_timing(lines: list[str], i: int) -> int | None:
    """Inside a cue's text: a number line followed by a timing line with nothing after it."""
    if not lines[i].strip().isdigit() or i + 1 >= len(lines):
        return None
    match = TIMING.match(lines[i + 1].rstrip("\r"))
    return i + 1 if match and _BARE_REST.match((match.group(9) or "").strip()) else None


def _srt_text(body: list[str]) -> str:
    kept = [line for line in body if line.strip()]
    return from_html("\n".join(kept).strip(), unescape=False)


# ---------------------------------------------------------------------- SBV
SBV_TIMING = re.compile(rf"^\s*{_STAMP}\s*,\s*{_STAMP}\s*$")


def read_sbv(text: str, path: Path) -> list[RawCue]:
    """A SubViewer/YouTube ``.sbv`` file: blocks of a ``start,end`` line and text lines."""
    lines = [line.rstrip("\r") for line in text.lstrip("\ufeff").split("\n")]
    cues: list[RawCue] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        match = SBV_TIMING.match(lines[i])
        if match is None:
            raise ImportFailed(
                f"bad timing line {lines[i].strip()[:60]!r} (SBV times are 0:00:01.000,0:00:02.000)",
                file=path,
                line=i + 1,
            )
        try:
            start, end = _ms(*match.group(1, 2, 3, 4)), _ms(*match.group(5, 6, 7, 8))
        except ValueError as exc:
            raise ImportFailed(f"bad timing line: {exc}", file=path, line=i + 1) from None
        number, i = i + 1, i + 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip():
            body.append(lines[i])
            i += 1
        text_ = re.sub(r"\s*\[br\]\s*", "\n", "\n".join(body), flags=re.IGNORECASE)
        cues.append(RawCue(start, end, from_html(text_.strip(), unescape=False), number))
    return cues


# ------------------------------------------------------------------- WebVTT
_VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")


@dataclass
class VttFile:
    cues: list[RawCue]
    styles: list[str] = field(default_factory=list)
    regions: list[dict[str, str]] = field(default_factory=list)
    notes: int = 0
    stray: list[int] = field(default_factory=list)  # lines of blocks that are no cue


def read_vtt(text: str, path: Path) -> VttFile:
    """A WebVTT file per the WebVTT parsing rules (blocks, settings, payloads)."""
    lines = [line.rstrip("\r") for line in text.lstrip("\ufeff").split("\n")]
    if not lines or not _VTT_HEADER.match(lines[0]):
        raise ImportFailed("a WebVTT file must start with 'WEBVTT'", file=path, line=1)
    out = VttFile(cues=[])
    i = 1
    while i < len(lines) and lines[i].strip() and "-->" not in lines[i]:  # header block
        i += 1
    seen_cue = False
    while i < len(lines):
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i >= len(lines):
            break
        block_start = i
        block: list[str] = []
        has_timing = False
        while i < len(lines) and lines[i].strip():
            if "-->" in lines[i]:
                if has_timing:
                    break  # a timing line ends the payload before it, as the spec says
                has_timing = True
            block.append(lines[i])
            i += 1
        head = block[0]
        keyword = head.split(None, 1)[0] if head.split() else ""
        if (
            "-->" not in head
            and keyword in ("NOTE", "STYLE", "REGION")
            and (len(block) < 2 or "-->" not in block[1])
        ):
            if keyword == "NOTE":
                out.notes += 1
            elif seen_cue:
                pass  # STYLE/REGION after the first cue are ignored, as the spec says
            elif keyword == "STYLE":
                out.styles.append("\n".join(block[1:]))
            else:
                out.regions.append(_settings(" ".join(head.split()[1:] + block[1:])))
            continue
        timing_index = 0 if "-->" in head else 1
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            if timing_index < len(block):
                _no_arrow(block[timing_index], path, block_start + timing_index + 1)
            _no_arrow(head, path, block_start + 1)
            out.stray.append(block_start + 1)  # a block that is no cue: skipped, as the spec says
            continue
        number = block_start + timing_index + 1
        start, end, rest = parse_timing(block[timing_index], path, number)
        settings = _settings(rest)
        payload = "\n".join(block[timing_index + 1 :])
        text = from_html(payload, unescape=True)
        cue = RawCue(start, end, text, number, _vtt_align(settings), settings)
        out.cues.append(cue)
        seen_cue = True
    return out


def _settings(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in text.split():
        name, sep, value = item.partition(":")
        if sep and name and value:
            out[name] = value
    return out


def _vtt_align(settings: dict[str, str]) -> str:
    """The ``line`` setting → bottom/middle/top (the default, ``auto``, is the bottom)."""
    value = settings.get("line", "auto").split(",")[0]
    try:
        if value.endswith("%"):
            percent = float(value[:-1])
            return "top" if percent < 34 else "middle" if percent <= 66 else "bottom"
        number = float(value)
    except ValueError:
        return "bottom"
    return "top" if number >= 0 else "bottom"


# ----------------------------------------------------------------- detection
def detect_format(text: str) -> str | None:
    """The format the content itself declares, or None when it does not say."""
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    if _VTT_HEADER.match(head.split("\n", 1)[0].rstrip("\r")):
        return "vtt"
    if re.search(r"^\s*\[Script Info\]", head, re.MULTILINE | re.IGNORECASE) or re.search(
        r"^\s*\[(V4\+? Styles|Events)\]", text, re.MULTILINE | re.IGNORECASE
    ):
        styles = re.search(r"^\s*\[V4 Styles\]", text, re.MULTILINE | re.IGNORECASE)
        return "ssa" if styles else "ass"
    if re.match(r"<\?xml[^>]*>\s*(<!--.*?-->\s*)*<(\w+:)?tt[\s>]", head, re.DOTALL) or re.match(
        r"<(\w+:)?tt[\s>]", head
    ):
        return "ttml"
    if re.match(r"<SAMI[\s>]", head, re.IGNORECASE):
        return "sami"
    lines = [line.strip() for line in head.split("\n") if line.strip()][:2]
    if len(lines) == 2 and lines[0].isdigit() and TIMING.match(lines[1]):
        return "srt"
    if lines and SBV_TIMING.match(lines[0]):
        return "sbv"
    return None
