"""Re-importing an updated script (or subtitle file) into an existing clip.

Cues are matched by content and order: a sequence alignment (difflib) over the
texts, compared tone-placement- and case-insensitively. Unchanged cues keep their
translations; a changed cue (a replaced line similar enough to its old one, by
rapidfuzz) keeps them flagged ``outdated``; the other lines are added or removed.
All of it is one undoable edit, summed up as "38 kept, 3 outdated, 2 new, 1 removed".
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import BaseModel

from ttdn_studio.errors import ImportFailed, TtdnError
from ttdn_studio.services.importing import _plan, script_cues
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.store.realign import OUTDATED, Realignment, apply_realignment
from ttdn_studio.text import match_key

SIMILAR = 50.0  # rapidfuzz ratio (0-100) above which a replaced line is the same cue, changed

__all__ = ["OUTDATED", "UpdateReport", "update_clip"]


class UpdateReport(BaseModel):
    file: str
    clip: str
    kept: int = 0
    outdated: int = 0
    new: int = 0
    removed: int = 0

    @property
    def summary(self) -> str:
        return f"{self.kept} kept, {self.outdated} outdated, {self.new} new, {self.removed} removed"


def _key(text: str) -> str:
    return " ".join(match_key(text).split())


def new_cues(store: ProjectStore, path: Path, encoding: str | None = None) -> list[NewCue]:
    """The cues the file would create (source language), nothing written."""
    plan = _plan(store, path, store.project.source_lang, encoding)
    if plan.subtitles is not None:
        return [NewCue(c.start_ms, c.end_ms, c.text, align=c.align) for c in plan.subtitles.cues]
    return script_cues(store.project, plan.units, plan.translation_lang)


def align(old: list[tuple[int, str]], new: list[NewCue]) -> Realignment:
    """Which old cue (id, text) becomes which new cue; see the module notes."""
    from rapidfuzz import fuzz

    a = [_key(text) for _, text in old]
    b = [_key(c.text) for c in new]
    plan = Realignment()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            plan.keep.extend(
                (old[i][0], new[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        while olds and news:
            i, j = olds[0], news[0]
            if fuzz.ratio(a[i], b[j]) >= SIMILAR:
                plan.change.append((old[i][0], new[j]))
                olds.pop(0)
                news.pop(0)
            elif len(olds) > len(news):
                plan.remove.append(old[olds.pop(0)][0])
            else:
                plan.add.append(new[news.pop(0)])
        plan.remove.extend(old[i][0] for i in olds)
        plan.add.extend(new[j] for j in news)
    return plan


def update_clip(
    store: ProjectStore, path: Path | str, clip: str, *, encoding: str | None = None
) -> UpdateReport:
    """Bring ``clip`` in line with an updated script, as one undoable edit."""
    path = Path(path)
    try:
        the_clip = store.clip(clip)
    except TtdnError as exc:
        raise ImportFailed(exc.message, file=path) from None
    cues = new_cues(store, path, encoding)
    if not cues:
        raise ImportFailed("has no text to import", file=path)
    old = [(r.cue.id, r.cue.text) for r in store.cue_rows(clip, langs=[])]
    plan = align(old, cues)
    with store.edit(f"update {clip} from {path.name}"):
        apply_realignment(store, the_clip.id, plan)
    return UpdateReport(
        file=str(path),
        clip=clip,
        kept=len(plan.keep),
        outdated=len(plan.change),
        new=len(plan.add),
        removed=len(plan.remove),
    )
