"""The ``khmer_invalid`` check: Khmer sequences that render with a dotted circle.

What counts as broken is decided in :mod:`ttdn_studio.layout.khmer`.
"""

from __future__ import annotations

from ttdn_studio.layout.khmer import has_khmer, invalid_sequences
from ttdn_studio.layout.measure import dotted_circles, font_file, strip_tags
from ttdn_studio.qc.registry import Check, QcContext, RowLike, register


def khmer_invalid(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    text = strip_tags(ctx.text(row, lang))
    if not has_khmer(text):
        return []
    problems = invalid_sequences(text)
    if problems:
        return problems
    circles = sum(
        dotted_circles(line, font_file("km")) for line in text.split("\n") if has_khmer(line)
    )
    return [f"{circles} broken cluster(s) would show a dotted circle"] if circles else []


register(
    Check(
        "khmer_invalid",
        "error",
        "Khmer sequences that render with a dotted circle",
        cue=khmer_invalid,
    )
)
