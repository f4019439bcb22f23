"""Timing part of a clip to its voice from the desk: one cue, or a cue and every cue after it.

The whole clip is aligned (the aligner needs every cue to place any of them), then
only the chosen cues take their new times, in one undoable edit; a cue aligned on its
own keeps clear of its neighbours' current times.
"""

from __future__ import annotations

from ttdn_studio.errors import MediaError
from ttdn_studio.media.align import LOW_CONFIDENCE, TIMING_CHECK, align_clip
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.timing import MIN_CUE_MS, retime_cues


def align_part(
    store: ProjectStore, clip: str, cue_id: int, *, onward: bool, aligner: str = "voice"
) -> str:
    """Re-time cue ``cue_id`` (``onward``: and every later cue of ``clip``); returns a sentence."""
    report = align_clip(store, clip, aligner=aligner, write=False)
    rows = store.cue_rows(clip, langs=[])
    pos = next((i for i, r in enumerate(rows) if r.cue.id == cue_id), None)
    if pos is None:
        raise MediaError(f"cue #{cue_id} is no longer in clip {clip!r}")
    chosen = list(range(pos, len(rows))) if onward else [pos]
    times: dict[int, tuple[int, int]] = {}
    flagged: set[int] = set()
    for i in chosen:
        timing = report.cues[i]
        start, end = timing.start_ms, timing.end_ms
        if i == pos and pos > 0:
            start = max(start, rows[pos - 1].cue.end_ms)
        if not onward and pos + 1 < len(rows):
            end = min(end, rows[pos + 1].cue.start_ms)
        if end - start < MIN_CUE_MS:
            raise MediaError(
                f"the voice puts cue #{rows[i].index} where its neighbours are; "
                "align from here on instead (timing left as it was)"
            )
        times[rows[i].cue.id] = (start, end)
        if timing.confidence < LOW_CONFIDENCE:
            flagged.add(rows[i].cue.id)
    first = rows[pos].index
    what = f"cues #{first}–#{rows[-1].index}" if onward and len(chosen) > 1 else f"cue #{first}"
    retime_cues(
        store, times, flag=TIMING_CHECK, flagged=flagged, action=f"time {what} to the voice"
    )
    check = f", {len(flagged)} to check" if flagged else ""
    return f"{what[0].upper()}{what[1:]} timed to the voice{check}"
