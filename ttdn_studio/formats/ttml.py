"""Reading TTML (and DFXP, IMSC): cues with times, styled text and positions.

pysubs2's TTML reader knows neither ``dur``, nor frame (``f``) and tick (``t``)
times, nor regions, so TTML is read here with the standard library's XML
parser (as pysubs2 does). Per TTML2: times are clock times (``01:02:03.040``,
``01:02:03:12`` with frames) or offsets (``1.5s``, ``40f``, ``10000000t``)
using ``ttp:frameRate``/``ttp:frameRateMultiplier``/``ttp:tickRate``; a
``<p>``'s begin/end are relative to its ``body``/``div`` (parallel time
containers); ``dur`` gives the end when ``end`` is absent, else the parent's
end. ``<br/>`` is a line break; italic/bold/underline/line-through (inline or
through a referenced ``<style>``) become the stored style toggles. A cue's
position comes from its region (``tts:origin``, ``tts:extent``,
``tts:displayAlign``, in percent).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.textformats import RawCue

TT = "{http://www.w3.org/ns/ttml}"
TTS = "{http://www.w3.org/ns/ttml#styling}"
TTP = "{http://www.w3.org/ns/ttml#parameter}"
XML = "{http://www.w3.org/XML/1998/namespace}"

_CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2})(?:(\.\d+)|:(\d+)(?:\.(\d+))?)?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$")
_TOGGLE_OF = {
    (f"{TTS}fontStyle", "italic"): "i",
    (f"{TTS}fontStyle", "oblique"): "i",
    (f"{TTS}fontWeight", "bold"): "b",
    (f"{TTS}textDecoration", "underline"): "u",
    (f"{TTS}textDecoration", "lineThrough"): "s",
}


class _Clock:
    """The document's time parameters and the time expression parser."""

    def __init__(self, root: ET.Element) -> None:
        rate = Fraction(root.get(f"{TTP}frameRate", "30"))
        multiplier = root.get(f"{TTP}frameRateMultiplier")
        if multiplier:
            num, den = multiplier.split()
            rate = rate * Fraction(int(num), int(den))
        self.frame_rate = rate
        tick = root.get(f"{TTP}tickRate")
        self.tick_rate = Fraction(tick) if tick else (rate if root.get(f"{TTP}frameRate") else 1)

    def ms(self, expr: str) -> int:
        expr = expr.strip()
        clock = _CLOCK.match(expr)
        if clock:
            h, m, s, fraction, frames, _ = clock.groups()
            seconds = Fraction(int(h) * 3600 + int(m) * 60 + int(s))
            if fraction:
                seconds += Fraction(fraction)
            if frames:
                seconds += Fraction(int(frames)) / self.frame_rate
            return round(seconds * 1000)
        offset = _OFFSET.match(expr)
        if offset:
            count, metric = Fraction(offset.group(1)), offset.group(2)
            scale = {
                "h": Fraction(3600),
                "m": Fraction(60),
                "s": Fraction(1),
                "ms": Fraction(1, 1000),
                "f": 1 / self.frame_rate,
                "t": 1 / Fraction(self.tick_rate),
            }[metric]
            return round(count * scale * 1000)
        raise ValueError(f"not a TTML time: {expr!r}")


def read_ttml(text: str, path: Path) -> list[RawCue]:
    """Every ``<p>`` of a TTML document as a cue, in document order."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))  # str: the declared encoding is moot
    except ET.ParseError as exc:
        raise ImportFailed(f"cannot be read as TTML: {exc}", file=path) from None
    if root.tag != f"{TT}tt":
        raise ImportFailed("cannot be read as TTML: the root element is not <tt>", file=path)
    styles = {_id(s): s for s in root.iter(f"{TT}style") if _id(s)}
    regions = {_id(r): r for r in root.iter(f"{TT}region") if _id(r)}
    body = root.find(f"{TT}body")
    out: list[RawCue] = []
    if body is None:
        return out
    try:
        _walk(body, 0, None, None, _Clock(root), styles, regions, out)
    except (ValueError, ZeroDivisionError) as exc:
        raise ImportFailed(f"cannot be read as TTML: {exc}", file=path) from None
    return out


def _id(el: ET.Element) -> str | None:
    return el.get(f"{XML}id") or el.get("id")


def _times(
    el: ET.Element, parent_begin: int, parent_end: int | None, clock: _Clock
) -> tuple[int, int | None]:
    begin = parent_begin + (clock.ms(el.get("begin", "0s")))
    if el.get("end") is not None:
        end: int | None = parent_begin + clock.ms(el.get("end", ""))
    elif el.get("dur") is not None:
        end = begin + clock.ms(el.get("dur", ""))
    else:
        end = parent_end
    if parent_end is not None and end is not None:
        end = min(end, parent_end)
    return begin, end


def _walk(
    el: ET.Element,
    parent_begin: int,
    parent_end: int | None,
    region: str | None,
    clock: _Clock,
    styles: dict[str | None, ET.Element],
    regions: dict[str | None, ET.Element],
    out: list[RawCue],
) -> None:
    begin, end = _times(el, parent_begin, parent_end, clock)
    region = el.get("region") or region
    for child in el:
        if child.tag == f"{TT}div":
            _walk(child, begin, end, region, clock, styles, regions, out)
        elif child.tag == f"{TT}p":
            start, stop = _times(child, begin, end, clock)
            if stop is None:
                raise ValueError(f"a <p> at {start} ms has no end, dur or timed parent")
            body = _text(child, styles, set()).strip(" ")
            body = re.sub(r" *\n *", "\n", body)
            name = child.get("region") or region
            place = _place(regions[name]) if name in regions else "bottom"
            out.append(RawCue(start, stop, _tidy(body), None, place))


def _toggles(el: ET.Element, styles: dict[str | None, ET.Element]) -> set[str]:
    """The style toggles ``el`` sets: inline attributes and referenced styles."""
    found: set[str] = set()
    sources = [styles[name] for name in el.get("style", "").split() if name in styles] + [el]
    for source in sources:
        for (attr, value), toggle in _TOGGLE_OF.items():
            if value in source.get(attr, "").split():
                found.add(toggle)
    return found


def _text(el: ET.Element, styles: dict[str | None, ET.Element], active: set[str]) -> str:
    """The stored text of a ``<p>``/``<span>``: whitespace collapsed, ``<br/>`` a newline."""
    own = _toggles(el, styles) - active
    parts = ["".join("{\\" + t + "1}" for t in sorted(own))]
    parts.append(_collapse(el.text))
    for child in el:
        if child.tag == f"{TT}br":
            parts.append("\n")
        elif child.tag == f"{TT}span":
            parts.append(_text(child, styles, active | own))
        parts.append(_collapse(child.tail))
    parts.append("".join("{\\" + t + "0}" for t in sorted(own)))
    return "".join(parts)


def _collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text) if text else ""


_EMPTY_RUN = re.compile(r"\{\\(?P<t>[ibus])1\}\{\\(?P=t)0\}")
_LEAD = re.compile(r"^((?:\{\\[ibus][01]\})+)\s+")
_TRAIL = re.compile(r"\s+((?:\{\\[ibus][01]\})+)$")


def _tidy(text: str) -> str:
    """Lines stripped (also inside leading/trailing style toggles), empty styled runs gone."""
    text = _EMPTY_RUN.sub("", text)
    lines = [_TRAIL.sub(r"\1", _LEAD.sub(r"\1", line.strip())) for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _percents(value: str | None) -> tuple[float, float] | None:
    if not value:
        return None
    parts = value.split()
    if len(parts) != 2 or not all(p.endswith("%") for p in parts):
        return None
    try:
        return float(parts[0][:-1]), float(parts[1][:-1])
    except ValueError:
        return None


def _place(region: ET.Element) -> str:
    """bottom/middle/top of a region: where its text is anchored, in percent of the height."""
    origin = _percents(region.get(f"{TTS}origin")) or (0.0, 0.0)
    extent = _percents(region.get(f"{TTS}extent")) or (100.0, 100.0 - origin[1])
    display = region.get(f"{TTS}displayAlign", "before")
    top, height = origin[1], extent[1]
    anchor = {"before": top, "center": top + height / 2}.get(display, top + height)
    return "top" if anchor < 34 else "middle" if anchor <= 66 else "bottom"
