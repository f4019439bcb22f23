"""The generated ``.ass`` file: one style per language, events stacked top→bottom.

Stacking: every event is bottom-centred; the bottom language sits on the safe
area's bottom margin and each language above it gets a larger MarginV (the
height of the lines below plus a small gap), computed per event from its
actual line count. libass advances one line per Fontsize pixels, so the
offsets are exact. Line breaks already in the text are kept; a line wider than
the safe width is broken further at word boundaries (Khmer by segmentation,
since libass never breaks Khmer).

A cue placed at the top is stacked the same way from the top edge (``{\\an8}``,
the top language on the top margin); a cue in the middle is one centred event
with every language's lines (``{\\an5}``, ``{\\r}`` switching styles). Cue text
is escaped (:func:`ttdn_studio.formats.markup.ass_escape`): braces and
backslashes a translator typed are shown, never obeyed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ttdn_studio.formats.markup import an_tag, ass_escape
from ttdn_studio.layout.fit import fit_lines
from ttdn_studio.layout.lines import LineMeter
from ttdn_studio.render.styles import LangStyle
from ttdn_studio.text import without_controls

STACK_GAP = 0.35  # gap between two stacked languages, in Fontsize of the lower one
WIDTH_SLACK = 0.98  # measure against slightly less than the safe width


@dataclass(frozen=True)
class SubtitleEvent:
    """One cue on screen: times and the text of each language shown."""

    start_ms: int
    end_ms: int
    texts: dict[str, str]
    align: str = "bottom"  # bottom / middle / top


def safe_text_width(style: LangStyle, frame_width: int) -> float:
    return (frame_width - 2 * style.margin_lr - 2 * style.outline) * WIDTH_SLACK


def fit_for_render(text: str, style: LangStyle, frame_width: int) -> list[str]:
    """The lines of ``text`` as they will be burned: kept breaks, overlong lines broken.

    A control character stored by an older version (an escape, a NUL) is left out, and a
    line break pasted from Word (U+000B) breaks the line: libass would draw them as boxes."""
    meter = LineMeter(style.lang, True, safe_text_width(style, frame_width), style.size)
    out: list[str] = []
    for line in (
        without_controls(text, line_break="\n").replace("\t", " ").split("\n")
    ):  # stored text: only a newline breaks (a typed \\N is text)
        line = line.strip()
        if not line:
            continue
        width = meter.measure(line)
        if width <= meter.limit:
            out.append(line)
            continue
        lines_needed = math.ceil(width / meter.limit) + 1
        out.extend(
            part.strip() for part in fit_lines(line, style.lang, meter, lines_needed).split("\n")
        )
    return out


def build_ass(
    events: list[SubtitleEvent],
    langs: list[str],
    styles: dict[str, LangStyle],
    width: int,
    height: int,
    *,
    watermark: str = "",
) -> str:
    """The complete ``.ass`` text for ``langs`` (top→bottom) at ``width``×``height``;
    ``watermark`` (e.g. "PROOF") is drawn in the top-right corner all through."""
    import pysubs2

    subs = pysubs2.SSAFile()
    subs.info.update(
        {
            "Title": "TTĐN Studio",
            "PlayResX": str(width),
            "PlayResY": str(height),
            "WrapStyle": "0",
            "ScaledBorderAndShadow": "yes",
            "YCbCr Matrix": "TV.709",
        }
    )
    subs.styles.clear()
    for lang in langs:
        subs.styles[styles[lang].name] = styles[lang].ass_style()
    for event in events:
        subs.events.extend(_stacked(event, langs, styles, width))
    if watermark:
        latin = [styles[lang] for lang in langs if lang != "km"] or list(styles.values())
        _add_watermark(subs, watermark, height, latin[0] if latin else None)
    return str(subs.to_string("ass"))


WATERMARK_END_MS = 9 * 3600 * 1000  # longer than any clip (ASS times stop before 10 h)


def _add_watermark(subs: Any, text: str, height: int, like: LangStyle | None) -> None:
    import pysubs2

    style = like.ass_style().copy() if like is not None else pysubs2.SSAStyle()
    style.fontsize = max(12, round(height * 0.06))
    style.primarycolor = pysubs2.Color(255, 40, 40, 60)
    style.bold = True
    style.alignment = pysubs2.Alignment.TOP_RIGHT
    style.marginr = style.marginv = round(height * 0.04)
    subs.styles["Watermark"] = style
    subs.events.append(
        pysubs2.SSAEvent(start=0, end=WATERMARK_END_MS, style="Watermark", text=ass_escape(text))
    )


def _stacked(
    event: SubtitleEvent, langs: list[str], styles: dict[str, LangStyle], width: int
) -> list[Any]:
    import pysubs2

    if event.align == "middle":
        fitted = [
            (lang, fit_for_render(event.texts.get(lang, ""), styles[lang], width)) for lang in langs
        ]
        fitted = [(lang, lines) for lang, lines in fitted if lines]
        if not fitted:
            return []
        parts = [
            (f"{{\\r{styles[lang].name}}}" if i else "") + r"\N".join(ass_escape(x) for x in lines)
            for i, (lang, lines) in enumerate(fitted)
        ]
        text = an_tag("middle") + r"\N".join(parts)
        first = styles[fitted[0][0]].name
        return [pysubs2.SSAEvent(start=event.start_ms, end=event.end_ms, style=first, text=text)]
    top = event.align == "top"
    order = langs if top else list(reversed(langs))
    out = []
    base = styles[order[0]].margin_v
    offset = 0
    for lang in order:
        style = styles[lang]
        lines = fit_for_render(event.texts.get(lang, ""), style, width)
        if not lines:
            continue
        out.append(
            pysubs2.SSAEvent(
                start=event.start_ms,
                end=event.end_ms,
                style=style.name,
                marginv=base + offset,
                text=an_tag(event.align) + r"\N".join(ass_escape(line) for line in lines),
            )
        )
        offset += len(lines) * style.size + round(STACK_GAP * style.size)
    if not top:
        out.reverse()
    return out
