"""Safe automatic fixes: line breaks, stray spaces and timing between neighbours.

Fixes never change words, only where lines break, spaces around them, and cue
end times. Timing: gaps of ``chain_gap_frames`` or less close to the minimum gap
("chaining"), overlaps are trimmed so the earlier cue ends the minimum gap
before the next starts, and too-short cues are extended into free time, never
past the next cue minus the minimum gap. Start times never move, so no cue
passes its neighbour. A whole run is one undo entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel, Field

from ttdn_studio.layout.fit import fit_text
from ttdn_studio.layout.lines import split_lines
from ttdn_studio.models import Cue, CueRow, Origin, Status, Translation
from ttdn_studio.qc.checks_layout import meter
from ttdn_studio.qc.registry import GlossaryLike, QcContext
from ttdn_studio.qc.runner import QcStore, project_glossary

FIX_KINDS = ("line_breaks", "whitespace", "chain", "overlap", "extend")


class FixStore(QcStore, Protocol):
    """What fixes need to write: ordinary undoable edits (``ttdn_studio.store.ProjectStore``)."""

    def edit(self, action: str) -> AbstractContextManager[object]: ...

    def edit_cue(
        self,
        cue_id: int,
        *,
        expected_version: int | None,
        text: str | None = None,
        start_ms: int | None = None,
        end_ms: int | None = None,
        action: str | None = None,
    ) -> Cue: ...

    def edit_translation(
        self,
        cue_id: int,
        lang: str,
        text: str | None = None,
        *,
        expected_version: int | None,
        status: Status | str | None = None,
        origin: str | None = None,
        flags: list[str] | None = None,
        action: str | None = None,
    ) -> Translation: ...


class FixReport(BaseModel):
    """How many cues each kind of fix changed."""

    lang: str
    counts: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(FIX_KINDS, 0))
    not_yours: int = 0  # texts left alone: the person's role may not change them

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class TimedCue:
    id: int
    start_ms: int
    end_ms: int


def plan_timing(
    cues: list[TimedCue], min_gap_ms: int, chain_gap_ms: int, min_duration_ms: int
) -> dict[int, tuple[int, list[str]]]:
    """New end times (and the fix kinds behind them) for cues of one clip."""
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.id))
    plan: dict[int, tuple[int, list[str]]] = {}
    for cue, nxt in zip(ordered, [*ordered[1:], None], strict=True):
        end, kinds = cue.end_ms, []
        latest = nxt.start_ms - min_gap_ms if nxt is not None else None
        if nxt is not None and latest is not None:
            space = nxt.start_ms - cue.end_ms
            if space < 0 and max(latest, nxt.start_ms) > cue.start_ms:
                end = latest if latest > cue.start_ms else nxt.start_ms
                kinds.append("overlap")
            elif 0 <= space <= chain_gap_ms and space != min_gap_ms and latest > cue.start_ms:
                end = latest
                kinds.append("chain")
        if end - cue.start_ms < min_duration_ms:
            want = cue.start_ms + min_duration_ms
            longer = min(want, latest) if latest is not None else want
            if longer > end:
                end = longer
                kinds.append("extend")
        if end != cue.end_ms:
            plan[cue.id] = (end, kinds)
    return plan


def tidy_spaces(text: str) -> str:
    """Lines stripped, runs of spaces and tabs made one space, empty lines dropped."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in split_lines(text)]
    return "\n".join(line for line in lines if line)


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fixed_text(ctx: QcContext, row: CueRow, lang: str) -> tuple[str, list[str]]:
    """The cue's text with safe layout fixes applied, and which kinds applied."""
    text = ctx.text(row, lang)
    if not text.strip():
        return text, []
    kinds = []
    new = tidy_spaces(text)
    if new != text:
        kinds.append("whitespace")
    before = _layout_badness(ctx, new)
    if before > (0, 0.0):
        keep = [m.text for m in ctx.glossary.find(new, lang=lang)] if ctx.glossary else []
        fitted = fit_text(new, lang, ctx.profile, ctx.frame_width, ctx.frame_height, keep=keep)
        if fitted != new and _layout_badness(ctx, fitted) < before:
            new = fitted
            kinds.append("line_breaks")
    if _letters(new) != _letters(text) and _letters(new) != _letters(text).replace("\\N", ""):
        return text, []  # never change words
    return new, kinds


def _layout_badness(ctx: QcContext, text: str) -> tuple[int, float]:
    """(lines over the limit, total length over the limit): 0, 0 when the layout fits."""
    m = meter(ctx)
    lines = split_lines(text)
    overflow = sum(max(0.0, m.measure(line) - m.limit) for line in lines)
    return max(0, len(lines) - ctx.profile.max_lines), overflow


def apply_fixes(
    store: FixStore,
    lang: str,
    clip: str | None = None,
    glossary: GlossaryLike | None = None,
    may_change: Callable[[Status], bool] | None = None,
) -> FixReport:
    """Apply every safe fix to ``clip`` (default: all clips) in ``lang``, as one undo entry.

    Glossary terms found in a cue are never broken across lines. ``may_change`` says
    whether the person may change a translation of that status (roles); the texts it
    refuses are left as they are and counted in ``not_yours``.
    """
    store.check_lang(lang)
    ctx = QcContext.build(store.project, lang, glossary or project_glossary(store))
    report = FixReport(lang=lang)
    label = f"qc fix {lang}" + (f" in {clip}" if clip else "")
    with store.edit(label):
        rows = store.cue_rows(clip, langs=[lang])
        for row in rows:
            _fix_text(store, ctx, row, lang, report, may_change)
        _fix_timing(store, ctx, rows, report)
    return report


def _fix_text(
    store: FixStore,
    ctx: QcContext,
    row: CueRow,
    lang: str,
    report: FixReport,
    may_change: Callable[[Status], bool] | None = None,
) -> None:
    new, kinds = fixed_text(ctx, row, lang)
    if not kinds:
        return
    refused = may_change is not None and not may_change(row.translations[lang].status)
    if not ctx.is_source and refused:
        report.not_yours += 1
        return
    if ctx.is_source:
        store.edit_cue(row.cue.id, expected_version=row.cue.version, text=new)
    else:
        tr = row.translations[lang]
        store.edit_translation(
            row.cue.id,
            lang,
            new,
            expected_version=tr.version,
            status=tr.status,
            origin=Origin.QC_FIX,
            flags=tr.flags,
        )
    for kind in kinds:
        report.counts[kind] += 1


def _fix_timing(store: FixStore, ctx: QcContext, rows: list[CueRow], report: FixReport) -> None:
    by_clip: dict[str, list[TimedCue]] = {}
    for row in rows:
        by_clip.setdefault(row.clip, []).append(
            TimedCue(row.cue.id, row.cue.start_ms, row.cue.end_ms)
        )
    old_end = {row.cue.id: row.cue.end_ms for row in rows}
    plan: dict[int, tuple[int, list[str]]] = {}
    for cues in by_clip.values():
        plan.update(
            plan_timing(cues, ctx.min_gap_ms, ctx.chain_gap_ms, ctx.profile.min_duration_ms)
        )
    # shorten first, then lengthen: no step ever creates an overlap
    for cue_id, (end, kinds) in sorted(plan.items(), key=lambda kv: kv[1][0] > old_end[kv[0]]):
        store.edit_cue(cue_id, expected_version=None, end_ms=end)
        for kind in kinds:
            report.counts[kind] += 1
