"""The project's own spelling word list: words the ``spelling`` check always accepts.

Stored in the project's settings (``spelling_words``) as typed, in NFC, one entry
per word whatever its case or tone placement; adding and removing are undoable.
"""

from __future__ import annotations

from collections.abc import Iterable

from ttdn_studio.errors import ValidationError
from ttdn_studio.qc.spelling import SETTING, is_word
from ttdn_studio.store import ProjectStore
from ttdn_studio.text import match_key, nfc


def word_list(store: ProjectStore) -> list[str]:
    raw = store.project.settings.get(SETTING)
    return [w for w in raw if isinstance(w, str)] if isinstance(raw, list) else []


def _checked(words: Iterable[str]) -> list[str]:
    out = []
    for word in words:
        word = nfc(word.strip())
        if not is_word(word):
            raise ValidationError(f"not a word: {word!r} (letters only, e.g. Khâu or កាម៉ៅ)")
        out.append(word)
    return out


def add_words(store: ProjectStore, words: Iterable[str]) -> list[str]:
    """Accept ``words`` in every spelling check of the project; returns those that were new."""
    current = word_list(store)
    keys = {match_key(w) for w in current}
    new = []
    for word in _checked(words):
        if match_key(word) not in keys:
            keys.add(match_key(word))
            new.append(word)
    if new:
        with store.edit(f"add {len(new)} word(s) to the spelling list"):
            store.update_project(settings={**store.project.settings, SETTING: current + new})
    return new


def remove_words(store: ProjectStore, words: Iterable[str]) -> list[str]:
    """Stop accepting ``words`` (any case or tone placement); returns those removed."""
    drop = {match_key(w) for w in _checked(words)}
    current = word_list(store)
    removed = [w for w in current if match_key(w) in drop]
    if removed:
        with store.edit(f"remove {len(removed)} word(s) from the spelling list"):
            kept = [w for w in current if match_key(w) not in drop]
            store.update_project(settings={**store.project.settings, SETTING: kept})
    return removed
