"""Timing edits on cues: validation, split, merge and shifting a range.

Each function is one undoable edit on a :class:`ProjectStore`. None of them
creates an overlap silently: an edit that would is refused with a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ttdn_studio.errors import ValidationError
from ttdn_studio.layout.khmer import has_khmer, word_boundaries
from ttdn_studio.layout.vi_words import inner_spaces
from ttdn_studio.models import STATUS_ORDER, Cue, Status, Translation
from ttdn_studio.models.profiles import profile_for
from ttdn_studio.store.cue_times import MIN_CUE_MS, check_times
from ttdn_studio.store.history import fetch_row
from ttdn_studio.text import timestamp

if TYPE_CHECKING:
    from ttdn_studio.store.project_store import ProjectStore


def neighbours(store: ProjectStore, cue: Cue) -> tuple[Cue | None, Cue | None]:
    cues = [c for c in store._cues_of(cue.clip_id)]
    ids = [c.id for c in cues]
    i = ids.index(cue.id)
    return (cues[i - 1] if i > 0 else None, cues[i + 1] if i + 1 < len(cues) else None)


def min_gap_ms(store: ProjectStore) -> int:
    """The smallest gap between two cues (the source language's profile, in ms)."""
    project = store.project
    return project.frames_to_ms(profile_for(project, project.source_lang).min_gap_frames)


def word_cut(text: str, at: int, lang: str = "") -> int | None:
    """The word boundary of ``text`` nearest to offset ``at`` (None: one word only).

    Between words means at a space, or, in Khmer written without spaces, where
    khmercut ends a word; never inside a Vietnamese syllable or a Khmer cluster, and in
    Vietnamese not inside a word of several syllables or a name when that can be avoided.
    """
    cuts = {i for i, ch in enumerate(text) if ch in " \n"}
    if lang == "vi":
        cuts = (cuts - inner_spaces(text)) or cuts
    if has_khmer(text):
        cuts |= set(word_boundaries(text))
    cuts = {i for i in cuts if text[:i].strip() and text[i:].strip()}
    return min(sorted(cuts), key=lambda i: abs(i - at)) if cuts else None


def _split_text(text: str, ratio: float, lang: str = "") -> tuple[str, str]:
    """Split at the word boundary nearest to ``ratio`` of the text (never inside a word)."""
    if not text.strip():
        return text, ""
    cut = word_cut(text, round(len(text) * ratio), lang)
    if cut is None:
        return text, ""
    return text[:cut].strip(), text[cut:].strip()


def split_cue(
    store: ProjectStore, cue_id: int, text_offset: int, at_ms: int | None = None
) -> tuple[int, int]:
    """Split a cue in two: source text at ``text_offset``, time at ``at_ms``.

    Without ``at_ms`` the time is divided in proportion to the text. Translations
    are split at the word nearest the same proportion and go back to ``draft``.
    The second cue starts the minimum gap after the first ends.
    Returns the ids of the two cues.
    """
    with store.edit(f"split {store.cue_name(cue_id)}"):
        cue = store.cue(cue_id)
        first, second = cue.text[:text_offset].strip(), cue.text[text_offset:].strip()
        if not first or not second:
            raise ValidationError("put the cursor inside the text to split the cue there")
        ratio = len(first) / max(1, len(first) + len(second))
        cut = at_ms if at_ms is not None else cue.start_ms + round(cue.duration_ms * ratio)
        gap = min_gap_ms(store)
        if not cue.start_ms < cut < cut + gap < cue.end_ms:
            raise ValidationError(f"split time {timestamp(cut)} is outside the cue")
        trs = {t.lang: t for t in _translations(store, cue_id)}
        seconds: dict[str, Translation] = {}
        for lang, tr in trs.items():
            a, b = _split_text(tr.text, ratio, lang)
            status = (
                min(tr.status, Status.DRAFT, key=STATUS_ORDER.__getitem__) if tr.text else tr.status
            )
            store.edit_translation(
                cue_id, lang, a, expected_version=None, status=status, origin=tr.origin
            )
            seconds[lang] = tr.model_copy(
                update={"text": b, "status": status if b else Status.EMPTY}
            )
        row = fetch_row(store.conn, "cues", {"id": cue_id})
        assert row is not None
        row.update(text=first, end_ms=cut, version=cue.version + 1)
        store._put("cues", {"id": cue_id}, row)
        new_id = store.insert_cue(cue.clip_id, cut + gap, cue.end_ms, second, seconds, cue.align)
    return cue_id, new_id


def merge_with_next(store: ProjectStore, cue_id: int) -> int:
    """Join a cue with the one after it; texts joined with a space, lowest status kept
    (at most draft where a translation's text changed: the join takes an approval back)."""
    with store.edit(f"merge {store.cue_name(cue_id)} with the next cue"):
        cue = store.cue(cue_id)
        _, nxt = neighbours(store, cue)
        if nxt is None:
            raise ValidationError("this is the last cue: there is nothing to merge it with")
        mine = {t.lang: t for t in _translations(store, cue_id)}
        theirs = {t.lang: t for t in _translations(store, nxt.id)}
        for lang in sorted(set(mine) | set(theirs)):
            a, b = mine.get(lang), theirs.get(lang)
            parts = [x for x in (a, b) if x is not None and x.text.strip()]
            text = " ".join(x.text for x in parts)
            status = min((x.status for x in parts), key=STATUS_ORDER.__getitem__, default=None)
            if status is None:
                status = Status.EMPTY
            elif a is None or text != a.text:  # new text: an approval is taken back
                status = min(status, Status.DRAFT, key=STATUS_ORDER.__getitem__)
            source = a or b
            store.edit_translation(
                cue_id,
                lang,
                text,
                expected_version=None,
                status=status,
                origin=source.origin if source else None,
            )
        store.delete_cue(nxt.id)
        row = fetch_row(store.conn, "cues", {"id": cue_id})
        assert row is not None
        row.update(
            text=f"{cue.text} {nxt.text}".strip(),
            end_ms=max(cue.end_ms, nxt.end_ms),
            version=cue.version + 1,
        )
        store._put("cues", {"id": cue_id}, row)
    return cue_id


def shift_cues(store: ProjectStore, cue_ids: list[int], delta_ms: int) -> None:
    """Move several cues by ``delta_ms`` (negative = earlier), refusing new overlaps."""
    ids = set(cue_ids)
    with store.edit(f"shift {len(ids)} cues by {delta_ms} ms"):
        cues = [store.cue(i) for i in ids]
        for cue in cues:
            check_times(
                store._cues_of(cue.clip_id),
                cue,
                cue.start_ms + delta_ms,
                cue.end_ms + delta_ms,
                ignore=ids,
            )
        for cue in cues:
            row = fetch_row(store.conn, "cues", {"id": cue.id})
            assert row is not None
            row.update(
                start_ms=cue.start_ms + delta_ms,
                end_ms=cue.end_ms + delta_ms,
                version=cue.version + 1,
            )
            store._put("cues", {"id": cue.id}, row)


def _translations(store: ProjectStore, cue_id: int) -> list[Translation]:
    langs = [
        r[0]
        for r in store.conn.execute("SELECT lang FROM translations WHERE cue_id = ?", (cue_id,))
    ]
    return [store.translation(cue_id, lang) for lang in langs]


def cue_flags(store: ProjectStore, clip: str | None = None) -> dict[int, list[str]]:
    """Flags set on the cues of ``clip`` (cue id → flags; cues without flags left out)."""
    import json

    c = store.clip(clip)
    return {
        cue_id: json.loads(flags)
        for cue_id, flags in store.conn.execute(
            "SELECT id, flags FROM cues WHERE clip_id = ? AND flags != '[]'", (c.id,)
        )
    }


def retime_cues(
    store: ProjectStore,
    times: dict[int, tuple[int, int]],
    *,
    flag: str,
    flagged: set[int],
    action: str,
) -> None:
    """Give cues new times in one undoable edit, and set or clear ``flag`` on each of them.

    The new times are checked together (not one cue at a time): none may overlap another cue of
    the clip, so a whole clip can be re-timed even where each cue moves past its old neighbour.
    """
    import json

    from ttdn_studio.models.domain import now_iso

    if not times:
        return
    with store.edit(action):
        rows = {cid: fetch_row(store.conn, "cues", {"id": cid}) for cid in times}
        clips = {r["clip_id"] for r in rows.values() if r is not None}
        final: list[tuple[int, int, int]] = []
        for clip_id in clips:
            for other in store._cues_of(clip_id):
                start, end = times.get(other.id, (other.start_ms, other.end_ms))
                final.append((start, end, other.id))
        final.sort()
        for (s1, e1, id1), (s2, e2, id2) in zip(final, final[1:], strict=False):
            if e1 > s2:
                raise ValidationError(
                    f"new times would overlap cues #{id1} and #{id2} "
                    f"({timestamp(s1)} → {timestamp(e1)}, {timestamp(s2)} → {timestamp(e2)})"
                )
        for cid, (start, end) in times.items():
            row = rows[cid]
            if row is None:
                continue
            if start < 0 or end - start < MIN_CUE_MS:
                raise ValidationError(f"bad times for cue #{cid}: {start} → {end} ms")
            flags = [f for f in json.loads(row.get("flags") or "[]") if f != flag]
            if cid in flagged:
                flags.append(flag)
            changed = (row["start_ms"], row["end_ms"]) != (start, end)
            if not changed and json.dumps(flags) == (row.get("flags") or "[]"):
                continue
            row.update(start_ms=start, end_ms=end, flags=json.dumps(flags))
            if changed:
                row.update(version=row["version"] + 1, updated_at=now_iso())
            store._put("cues", {"id": cid}, row)
