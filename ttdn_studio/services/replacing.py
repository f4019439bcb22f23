"""Find and replace in one language of a clip: a preview first, then one undoable edit.

The search is exact (case and diacritics matter: "Ca Mau" is not "Cà Mau") on the
NFC text. Replacing marks the changed translations as human drafts, like typing them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ttdn_studio.errors import ValidationError
from ttdn_studio.models import Origin
from ttdn_studio.services.editorial import require_edit
from ttdn_studio.store import ProjectStore


@dataclass(frozen=True)
class Replacement:
    cue_id: int
    index: int  # the cue's number in its clip, as the grid shows it
    before: str
    after: str
    version: int  # the translation's version the preview was made from


def plan_replace(
    store: ProjectStore, clip: str | None, lang: str, find: str, replace: str
) -> list[Replacement]:
    """Every cue of ``clip`` whose ``lang`` translation contains ``find``, with its text
    after the replacement."""
    store.check_lang(lang, allow_source=False)
    needle = unicodedata.normalize("NFC", find)
    if not needle:
        raise ValidationError("say what to find")
    repl = unicodedata.normalize("NFC", replace)
    out = []
    for row in store.cue_rows(clip, langs=[lang]):
        tr = row.translations.get(lang)
        if tr is not None and needle in tr.text:
            out.append(
                Replacement(
                    row.cue.id, row.index, tr.text, tr.text.replace(needle, repl), tr.version
                )
            )
    return out


def apply_replace(store: ProjectStore, lang: str, plan: list[Replacement], label: str) -> int:
    """Write the planned texts as one undoable edit; refused whole if any cue changed since
    the preview."""
    with store.edit(f"replace {label} ({lang}, {len(plan)} cue(s))"):
        for item in plan:
            require_edit(store, store.translation(item.cue_id, lang).status)
            store.edit_translation(
                item.cue_id,
                lang,
                item.after,
                expected_version=item.version,
                origin=Origin.HUMAN,
            )
    return len(plan)
