"""Splitting and merging cues under the role rules.

A split or a merge rewrites the text of every translation of the cues it touches, so
it is allowed only to someone who may change each of those texts
(:func:`~ttdn_studio.services.editorial.require_restructure`): once a project has roles,
a translator splits and merges drafts, an editor (or above) approved cues too, and the
approval is taken back (the joined or divided texts return to draft). The check and the
edit are one transaction: refused, nothing changes.
"""

from __future__ import annotations

from ttdn_studio.services.editorial import require_restructure
from ttdn_studio.store import ProjectStore, timing


def split_cue(
    store: ProjectStore, cue_id: int, text_offset: int, at_ms: int | None = None
) -> tuple[int, int]:
    """:func:`ttdn_studio.store.timing.split_cue`, if this person's role allows it."""
    with store.edit(f"split {store.cue_name(cue_id)}"):
        require_restructure(store, [cue_id])
        return timing.split_cue(store, cue_id, text_offset, at_ms)


def merge_with_next(store: ProjectStore, cue_id: int) -> int:
    """:func:`ttdn_studio.store.timing.merge_with_next`, if this person's role allows it
    for both cues."""
    with store.edit(f"merge {store.cue_name(cue_id)} with the next cue"):
        _, nxt = timing.neighbours(store, store.cue(cue_id))
        require_restructure(store, [cue_id] + ([nxt.id] if nxt is not None else []))
        return timing.merge_with_next(store, cue_id)
