"""Writing a re-imported script into an existing clip as one undoable edit.

The plan (which old cue becomes which new one) is made by
``ttdn_studio.services.reimport``; this module only writes it: removed cues go
first, then kept and changed cues take their new times and text (translations of
changed cues get the ``outdated`` flag), then new cues are added. Editing a cue's
source words (``ProjectStore.edit_cue``) flags its translations the same way. Writing rows
directly (not through ``edit_cue``) lets the times move past each other without
tripping the overlap check halfway.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ttdn_studio.models import Origin, Status, Translation
from ttdn_studio.models.domain import now_iso
from ttdn_studio.store.history import fetch_row
from ttdn_studio.text import clean_text, match_key

if TYPE_CHECKING:
    from ttdn_studio.store.project_store import NewCue, ProjectStore

OUTDATED = "outdated"


@dataclass
class Realignment:
    keep: list[tuple[int, NewCue]] = field(default_factory=list)  # same text
    change: list[tuple[int, NewCue]] = field(default_factory=list)  # text changed
    add: list[NewCue] = field(default_factory=list)
    remove: list[int] = field(default_factory=list)


def apply_realignment(store: ProjectStore, clip_id: int, plan: Realignment) -> None:
    """Write ``plan`` into the clip (call inside ``store.edit``)."""
    for cue_id in plan.remove:
        for (lang,) in store.conn.execute(
            "SELECT lang FROM translations WHERE cue_id = ?", (cue_id,)
        ).fetchall():
            store._put("translations", {"cue_id": cue_id, "lang": lang}, None)
        store._put("cues", {"id": cue_id}, None)
    stamp = now_iso()
    for cue_id, new in plan.keep + plan.change:
        row = fetch_row(store.conn, "cues", {"id": cue_id})
        assert row is not None
        text = clean_text(new.text)
        if (row["start_ms"], row["end_ms"], row["text"]) != (new.start_ms, new.end_ms, text):
            row.update(
                start_ms=new.start_ms,
                end_ms=new.end_ms,
                text=text,
                version=row["version"] + 1,
                updated_at=stamp,
            )
            store._put("cues", {"id": cue_id}, row)
    for cue_id, _ in plan.change:
        flag_outdated(store, cue_id, stamp)
    for new in plan.add:
        translations = {
            lang: Translation(
                cue_id=0,
                lang=lang,
                text=clean_text(text),
                status=new.statuses.get(lang, Status.DRAFT),
                origin=Origin.IMPORT,
            )
            for lang, text in new.translations.items()
            if text.strip()
        }
        store.insert_cue(clip_id, new.start_ms, new.end_ms, new.text, translations, new.align)


def same_words(old: str, new: str) -> bool:
    """True when two source texts say the same (only case, spacing or tone placement differ)."""
    return " ".join(match_key(old).split()) == " ".join(match_key(new).split())


def flag_outdated(store: ProjectStore, cue_id: int, stamp: str) -> None:
    """Flag the cue's translations ``outdated`` (its source text changed; inside an edit)."""
    for (lang,) in store.conn.execute(
        "SELECT lang FROM translations WHERE cue_id = ? AND text != ''", (cue_id,)
    ).fetchall():
        row = fetch_row(store.conn, "translations", {"cue_id": cue_id, "lang": lang})
        assert row is not None
        flags = json.loads(row["flags"] or "[]")
        if OUTDATED in flags:
            continue
        row.update(
            flags=json.dumps([*flags, OUTDATED]), version=row["version"] + 1, updated_at=stamp
        )
        store._put("translations", {"cue_id": cue_id, "lang": lang}, row)
