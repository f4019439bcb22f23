"""Checks of one cue's layout and timing: reading speed, lines, duration, spaces, empties."""

from __future__ import annotations

import re

from ttdn_studio.layout.lines import LineMeter, split_lines
from ttdn_studio.layout.measure import char_count, strip_tags
from ttdn_studio.qc.registry import Check, QcContext, RowLike, register


def meter(ctx: QcContext) -> LineMeter:
    found = ctx.cache.get("meter")
    if found is None:
        found = ctx.cache["meter"] = LineMeter.for_profile(
            ctx.profile, ctx.frame_width, ctx.frame_height
        )
    assert isinstance(found, LineMeter)
    return found


def reading_chars(text: str) -> int:
    """Characters counted for reading speed: line breaks are not, spaces are."""
    return sum(char_count(strip_tags(line)) for line in split_lines(text))


def cps(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    text = ctx.text(row, lang)
    if not text.strip():
        return []
    seconds = row.cue.duration_ms / 1000
    chars = reading_chars(text)
    limit = ctx.profile.max_cps
    if seconds <= 0:
        return [f"{chars} characters shown for 0 ms"]
    speed = chars / seconds
    if speed > limit + 1e-9:
        return [
            f"reading speed {speed:.1f} characters/s (max {limit:g}): "
            f"{chars} characters in {row.cue.duration_ms} ms"
        ]
    return []


def line_length(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    m = meter(ctx)
    out = []
    for n, line in enumerate(split_lines(ctx.text(row, lang)), start=1):
        value = m.measure(line)
        if value > m.limit + 1e-9:
            out.append(f"line {n} is {m.describe(value)}")
    return out


def line_count(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    text = ctx.text(row, lang)
    count = len(split_lines(text)) if text.strip() else 0
    if count > ctx.profile.max_lines:
        return [f"{count} lines (max {ctx.profile.max_lines})"]
    return []


def min_duration(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    limit = ctx.profile.min_duration_ms
    if ctx.text(row, lang).strip() and row.cue.duration_ms < limit:
        return [f"shown for {row.cue.duration_ms} ms (min {limit} ms)"]
    return []


def max_duration(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    limit = ctx.profile.max_duration_ms
    if row.cue.duration_ms > limit:
        return [f"shown for {row.cue.duration_ms} ms (max {limit} ms)"]
    return []


def empty(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    if ctx.source_text(row).strip() and not strip_tags(ctx.text(row, lang)).strip():
        return ["no translation (the source has text)"]
    return []


_DOUBLE_SPACE = re.compile(r"[ \t\u00a0]{2,}")


def whitespace(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    text = ctx.text(row, lang)
    if not text:
        return []
    lines = split_lines(text)
    out = []
    if any(not line.strip() for line in lines) and text.strip():
        out.append("empty line inside the cue")
    if any(line != line.strip() for line in lines if line.strip()):
        out.append("space at the start or end of a line")
    if any(_DOUBLE_SPACE.search(line.strip()) for line in lines):
        out.append("double space")
    if "\t" in text:
        out.append("tab character")
    return out


register(
    Check("cps", "warning", "reading speed above the profile's characters per second", cue=cps)
)
register(
    Check(
        "line_length",
        "error",
        "a line longer than the profile allows (characters or width)",
        cue=line_length,
    )
)
register(Check("line_count", "error", "more lines than the profile allows", cue=line_count))
register(
    Check("min_duration", "warning", "shown for less than the minimum duration", cue=min_duration)
)
register(
    Check("max_duration", "warning", "shown for more than the maximum duration", cue=max_duration)
)
register(
    Check(
        "empty",
        "error",
        "translation missing or blank where the source has text",
        cue=empty,
        needs_target=True,
    )
)
register(
    Check(
        "whitespace", "warning", "leading, trailing or double spaces, empty lines", cue=whitespace
    )
)
