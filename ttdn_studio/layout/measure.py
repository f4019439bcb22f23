"""How wide a subtitle line is on screen: the one place QC and rendering share.

libass sizes a font so that ``usWinAscent + usWinDescent`` (OS/2 table) equals
the style's Fontsize; the rendered width of a line is then the sum of HarfBuzz
advances × Fontsize / (usWinAscent + usWinDescent) × ScaleX / 100. Text is
shaped with the same font files the renderer uses (:mod:`ttdn_studio.fonts`).

The default font size is a fraction of the frame height, per script; the
render module builds its ASS styles from :func:`default_font_size` so that what
QC measures is what gets burned in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ttdn_studio.fonts import font_for

DEFAULT_FRAME_WIDTH = 1920
DEFAULT_FRAME_HEIGHT = 1080
# Fontsize as a fraction of the frame height, per language ("*" for any other).
DEFAULT_FONT_SIZE_FRACTION: dict[str, float] = {"*": 0.055, "km": 0.068}

ASS_TAG_RE = re.compile(r"\{[^{}]*\}")
_INVISIBLE = {"Mn", "Me", "Cf", "Cc"}
# Combining marks (Latin, Khmer), format and control characters: not counted as read.
_INVISIBLE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    "\ufe20-\ufe2f\u17b4\u17b5\u17b7-\u17bd\u17c6\u17c9-\u17d3\u17dd"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def default_font_size(lang: str, frame_height: int = DEFAULT_FRAME_HEIGHT) -> int:
    """The style Fontsize (pixels at ``frame_height``) for subtitles in ``lang``."""
    fraction = DEFAULT_FONT_SIZE_FRACTION.get(lang, DEFAULT_FONT_SIZE_FRACTION["*"])
    return round(fraction * frame_height)


def frame_size(settings: dict[str, object] | None) -> tuple[int, int]:
    """The frame size a project renders at (``settings["frame_width"|"frame_height"]``)."""
    settings = settings or {}
    width = settings.get("frame_width", DEFAULT_FRAME_WIDTH)
    height = settings.get("frame_height", DEFAULT_FRAME_HEIGHT)
    return int(width) if isinstance(width, int | float) else DEFAULT_FRAME_WIDTH, (
        int(height) if isinstance(height, int | float) else DEFAULT_FRAME_HEIGHT
    )


def strip_tags(text: str) -> str:
    """The visible text: ASS override tags such as ``{\\i1}`` removed."""
    return ASS_TAG_RE.sub("", text) if "{" in text else text


def char_count(text: str) -> int:
    """Characters a viewer reads: spaces and punctuation count, combining marks and
    format characters (zero-width space, joiners) do not. Text is taken as NFC."""
    if text.isascii():
        return len(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return len(text) - len(_INVISIBLE_RE.findall(text))


@dataclass(frozen=True)
class _ShapingFont:
    font: Any  # uharfbuzz.Font
    units: int  # usWinAscent + usWinDescent
    cmap: frozenset[int]
    chars: frozenset[str]  # the same, as characters (for fast subset tests)


@lru_cache(maxsize=16)
def _shaping_font(path: Path) -> _ShapingFont:
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as tt:
        os2 = tt["OS/2"]
        units = int(os2.usWinAscent + os2.usWinDescent)
        cmap = frozenset(tt.getBestCmap())
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
    return _ShapingFont(font, units, cmap, frozenset(map(chr, cmap)))


def font_cmap(path: Path) -> frozenset[int]:
    """Code points the font file can draw."""
    return _shaping_font(path if isinstance(path, Path) else Path(path)).cmap


def font_draws_all(path: Path, text: str) -> bool:
    """Whether the font file has a glyph for every character of ``text``."""
    return _shaping_font(path if isinstance(path, Path) else Path(path)).chars.issuperset(text)


_KHMER_RE = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")


@lru_cache(maxsize=65536)
def _shaped(text: str, path: Path) -> tuple[int, int | None]:
    """(sum of the advances, dotted circles inserted) from one shaping of ``text``; the
    circles are counted for Khmer text only (``None`` otherwise): a Khmer line is then
    shaped once for its width and its broken clusters."""
    import uharfbuzz as hb

    shaping = _shaping_font(path)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(shaping.font, buf, {})
    advance = sum(pos.x_advance for pos in buf.glyph_positions or ())
    if _KHMER_RE.search(text) is None:
        return advance, None
    return advance, _circles(shaping, text, buf)


def _circles(shaping: _ShapingFont, text: str, buf: Any) -> int:
    circle = shaping.font.get_nominal_glyph(0x25CC)
    if circle is None or "\u25cc" in text:
        return 0
    return sum(1 for info in buf.glyph_infos or () if info.codepoint == circle)


def _advance_units(text: str, path: Path) -> int:
    return _shaped(text, path)[0]


def text_width_px(text: str, font_path: Path, font_size: float, scale_x: float = 100.0) -> float:
    """Rendered width in pixels of one line of visible text in one font (as libass draws it)."""
    if not text:
        return 0.0
    path = font_path if isinstance(font_path, Path) else Path(font_path)
    units = _advance_units(text, path)
    return units * font_size / _shaping_font(path).units * scale_x / 100.0


def dotted_circles(text: str, font_path: Path) -> int:
    """How many dotted circles (U+25CC) shaping inserts: broken clusters in the text."""
    path = font_path if isinstance(font_path, Path) else Path(font_path)
    circles = _shaped(text, path)[1]
    return _other_circles(text, path) if circles is None else circles


@lru_cache(maxsize=8192)
def _other_circles(text: str, path: Path) -> int:
    """:func:`dotted_circles` of a text without Khmer (shaped again: rare)."""
    import uharfbuzz as hb

    shaping = _shaping_font(path)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(shaping.font, buf, {})
    return _circles(shaping, text, buf)


@lru_cache(maxsize=32)
def font_file(lang: str) -> Path:
    """The font file ``lang`` is rendered with (cached: looking it up imports a package)."""
    return font_for(lang).path


def line_width_px(line: str, lang: str, font_size: float, scale_x: float = 100.0) -> float:
    """Width of one subtitle line in ``lang``'s font; tags removed, and characters the
    font lacks measured in the Latin font (libass falls back glyph by glyph)."""
    visible = strip_tags(line)
    primary = font_file(lang)
    if font_draws_all(primary, visible):
        return text_width_px(visible, primary, font_size, scale_x)
    total = 0.0
    for run, covered in _runs(visible, font_cmap(primary)):
        path = primary if covered else font_file("*")
        total += text_width_px(run, path, font_size, scale_x)
    return total


def _runs(text: str, cmap: frozenset[int]) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for ch in text:
        covered = ord(ch) in cmap or unicodedata.category(ch) in _INVISIBLE
        if runs and runs[-1][1] == covered:
            runs[-1] = (runs[-1][0] + ch, covered)
        else:
            runs.append((ch, covered))
    return runs
