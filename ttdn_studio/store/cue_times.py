"""The one rule every timing edit obeys: a cue starts at 0 or later, ends after it
starts, and overlaps no other cue of its clip unless it already did."""

from __future__ import annotations

from collections.abc import Iterable

from ttdn_studio.errors import ValidationError
from ttdn_studio.models import Cue
from ttdn_studio.text import timestamp

MIN_CUE_MS = 1


def check_times(
    clip_cues: Iterable[Cue], cue: Cue, start: int, end: int, *, ignore: set[int] | None = None
) -> None:
    """Refuse ``start``–``end`` for ``cue`` among ``clip_cues`` (its clip) with a message."""
    if start < 0:
        raise ValidationError(f"a cue cannot start before 0 (got {start} ms)")
    if end - start < MIN_CUE_MS:
        raise ValidationError(
            f"a cue must end after it starts ({timestamp(start)} → {timestamp(end)})"
        )
    ignore = ignore or set()
    for other in clip_cues:
        if other.id == cue.id or other.id in ignore:
            continue
        if other.start_ms < end and start < other.end_ms:
            # only refuse overlaps the edit creates, not ones that were already there
            if other.start_ms < cue.end_ms and cue.start_ms < other.end_ms:
                continue
            raise ValidationError(
                f"{timestamp(start)} → {timestamp(end)} would overlap the cue at {timestamp(other.start_ms)} → {timestamp(other.end_ms)}"
            )
