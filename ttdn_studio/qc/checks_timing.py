"""Checks between neighbouring cues of a clip: gaps too short to see, overlaps."""

from __future__ import annotations

from collections.abc import Sequence

from ttdn_studio.qc.registry import Check, QcContext, RowLike, register


def _by_clip(rows: Sequence[RowLike]) -> list[list[RowLike]]:
    clips: dict[str, list[RowLike]] = {}
    for row in rows:
        clips.setdefault(row.clip, []).append(row)
    return [sorted(group, key=lambda r: (r.cue.start_ms, r.cue.id)) for group in clips.values()]


def gap(ctx: QcContext, rows: Sequence[RowLike]) -> list[tuple[RowLike, str]]:
    out = []
    minimum = ctx.min_gap_ms
    for clip_rows in _by_clip(rows):
        for row, nxt in zip(clip_rows, clip_rows[1:], strict=False):
            space = nxt.cue.start_ms - row.cue.end_ms
            if 0 <= space < minimum:
                out.append(
                    (
                        row,
                        f"gap of {space} ms before cue {nxt.index} "
                        f"(min {ctx.profile.min_gap_frames} frames = {minimum} ms)",
                    )
                )
    return out


def overlap(ctx: QcContext, rows: Sequence[RowLike]) -> list[tuple[RowLike, str]]:
    out = []
    for clip_rows in _by_clip(rows):
        latest: RowLike | None = None  # the earlier cue that ends last
        for row in clip_rows:
            if latest is not None and row.cue.start_ms < latest.cue.end_ms:
                out.append(
                    (
                        latest,
                        f"overlaps cue {row.index} by {latest.cue.end_ms - row.cue.start_ms} ms",
                    )
                )
            if latest is None or row.cue.end_ms > latest.cue.end_ms:
                latest = row
    return out


register(
    Check(
        "gap",
        "warning",
        "gap to the next cue shorter than the minimum (not overlapping)",
        clip=gap,
        needs_neighbours=True,
    )
)
register(
    Check("overlap", "error", "the cue overlaps the next one", clip=overlap, needs_neighbours=True)
)
