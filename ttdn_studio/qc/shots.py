"""Shot changes: an in- or out-time should sit on a cut or clear of it.

A time 1 to 11 frames from a shot change (at 25 fps; scaled by the frame rate)
makes the subtitle flash across the cut. The in-time belongs on the change;
the out-time 2 frames before it. QC never reads video: the service passes the
clip's shot changes (ms, detected by ffmpeg and cached by ``ttdn_studio.media``)
in ``ctx.cache[SHOT_CHANGES]`` as ``{clip name: [ms, ...]}``; without them the
check finds nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from ttdn_studio.models import Project
from ttdn_studio.qc.registry import Check, QcContext, RowLike, register

if TYPE_CHECKING:
    from ttdn_studio.qc.fixes import FixStore

SHOT_CHANGES = "shot_changes"
NEAR_FRAMES_25 = 11  # at 25 fps
OUT_BEFORE_FRAMES = 2


def near_frames(fps: float) -> int:
    return max(1, round(NEAR_FRAMES_25 * fps / 25.0))


def _frames(ms: int, fps: float) -> int:
    return round(ms * fps / 1000.0)


def _nearest(shots: list[int], t: int) -> int | None:
    if not shots:
        return None
    i = bisect.bisect_left(shots, t)
    near = [shots[j] for j in (i - 1, i) if 0 <= j < len(shots)]
    return min(near, key=lambda s: abs(s - t))


@dataclass(frozen=True)
class ShotIssue:
    edge: str  # "in" or "out"
    change_ms: int
    want_ms: int  # where the edge belongs


def shot_issues(start: int, end: int, shots: list[int], project: Project) -> list[ShotIssue]:
    fps = project.fps
    near = near_frames(fps)
    out: list[ShotIssue] = []
    c = _nearest(shots, start)
    if c is not None and 1 <= abs(_frames(start - c, fps)) <= near:
        out.append(ShotIssue("in", c, c))
    c = _nearest(shots, end + project.frames_to_ms(OUT_BEFORE_FRAMES))
    if c is not None:
        want = c - project.frames_to_ms(OUT_BEFORE_FRAMES)
        d = abs(_frames(end - c, fps))
        if d <= near and _frames(end - want, fps) != 0:
            out.append(ShotIssue("out", c, want))
    return out


def shot_change(ctx: QcContext, rows: Sequence[RowLike]) -> list[tuple[RowLike, str]]:
    shots_by_clip = cast(dict[str, list[int]], ctx.cache.get(SHOT_CHANGES) or {})
    out: list[tuple[RowLike, str]] = []
    fps = ctx.project.fps
    for row in rows:
        shots = shots_by_clip.get(row.clip)
        if not shots:
            continue
        for issue in shot_issues(row.cue.start_ms, row.cue.end_ms, shots, ctx.project):
            at = row.cue.start_ms if issue.edge == "in" else row.cue.end_ms
            frames = _frames(at - issue.change_ms, fps)
            where = f"{abs(frames)} frames {'after' if frames > 0 else 'before'}"
            target = "on it" if issue.edge == "in" else f"{OUT_BEFORE_FRAMES} frames before it"
            out.append((row, f"{issue.edge}-time {where} a shot change; put it {target}"))
    return out


register(
    Check(
        "shot_change",
        "warning",
        "an in- or out-time a few frames from a shot change (needs the clip's video)",
        clip=shot_change,
        needs_neighbours=True,
    )
)


def plan_shot_snaps(
    cues: list[tuple[int, int, int]], shots: list[int], project: Project, min_gap_ms: int
) -> dict[int, tuple[int, int]]:
    """New (start, end) for cues (id, start, end) of one clip whose edges should snap.

    A snap is skipped when it would bring a cue closer than ``min_gap_ms`` to a
    neighbour (or over it), or leave it shorter than a frame.
    """
    ordered = sorted(cues, key=lambda c: (c[1], c[0]))
    frame = project.frames_to_ms(1)
    final = {cid: (s, e) for cid, s, e in ordered}
    plan: dict[int, tuple[int, int]] = {}
    for i, (cid, start, end) in enumerate(ordered):
        new_start, new_end = start, end
        for issue in shot_issues(start, end, shots, project):
            if issue.edge == "in":
                prev_end = final[ordered[i - 1][0]][1] if i > 0 else None
                if (prev_end is None or issue.want_ms >= prev_end + min_gap_ms) and (
                    issue.want_ms <= new_end - frame
                ):
                    new_start = issue.want_ms
            else:
                next_start = ordered[i + 1][1] if i + 1 < len(ordered) else None
                if (next_start is None or issue.want_ms <= next_start - min_gap_ms) and (
                    issue.want_ms >= new_start + frame
                ):
                    new_end = issue.want_ms
        if (new_start, new_end) != (start, end):
            final[cid] = (new_start, new_end)
            plan[cid] = (new_start, new_end)
    return plan


def snap_to_shot_changes(
    store: FixStore, shots_by_clip: dict[str, list[int]], min_gap_ms: int, clip: str | None
) -> int:
    """Snap in- and out-times to shot changes in one undoable edit; returns cues changed."""
    project = store.project
    changed = 0
    with store.edit("qc fix: snap to shot changes"):
        for name, shots in shots_by_clip.items():
            if clip is not None and name != clip:
                continue
            rows = store.cue_rows(name, langs=[])
            cues = [(r.cue.id, r.cue.start_ms, r.cue.end_ms) for r in rows]
            plan = plan_shot_snaps(cues, sorted(shots), project, min_gap_ms)
            old = {cid: (s, e) for cid, s, e in cues}
            # first shrink every cue to the overlap of old and new times, then grow: no step
            # ever overlaps a neighbour
            for cid, (s, e) in plan.items():
                s0, e0 = old[cid]
                store.edit_cue(cid, expected_version=None, start_ms=max(s, s0), end_ms=min(e, e0))
            for cid, (s, e) in plan.items():
                store.edit_cue(cid, expected_version=None, start_ms=s, end_ms=e)
            changed += len(plan)
    return changed
