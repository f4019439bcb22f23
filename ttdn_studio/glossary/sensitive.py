"""Sensitive terms: required and forbidden renderings that gate a clip's air.

An entry marked sensitive (its ``sensitive`` field names the rule's source) is checked
in every target language it has a form for:

* the Vietnamese term is found in the source whatever the tone placement
  ("hoà" / "hòa", via :func:`ttdn_studio.text.match_key`) and letter case;
* then the agreed rendering must appear in the translation, and none of the entry's
  forbidden renderings may. English matching is inflection-aware: a form also matches
  with a possessive or plural ending ("the East Sea's", "South China Seas") and in any
  letter case; Khmer (written without spaces) matches anywhere, zero-width spaces ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.text import match_key

Kind = Literal["missing", "forbidden"]
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_APOSTROPHES = {ord("\u2019"): "'", ord("\u02bc"): "'", ord("\u2018"): "'"}
_SUFFIX = r"(?:'s|s'|'|es|s)?"  # possessive or plural after an English form
SPACED_LANGS = frozenset({"en", "vi", "fr", "de", "es"})


@dataclass(frozen=True)
class SensitiveFinding:
    """A sensitive rule broken in one translation."""

    entry: GlossaryEntry
    lang: str
    kind: Kind
    found: str = ""  # the forbidden text as written in the translation

    @property
    def message(self) -> str:
        agreed = self.entry.term(self.lang)
        if self.kind == "forbidden":
            use = f"; use “{agreed}”" if agreed else ""
            return f"sensitive: “{self.found}” must not be used for “{self.entry.vi}”{use}"
        return f"sensitive: “{self.entry.vi}” must be rendered “{agreed}”"


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_APOSTROPHES)
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _pattern(term: str, lang: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in _plain(term).split()]
    body = r"[\s\-]+".join(words)
    if lang not in SPACED_LANGS:
        return re.compile(body, re.IGNORECASE)
    suffix = _SUFFIX if lang == "en" else ""
    return re.compile(rf"(?<!\w){body}{suffix}(?!\w)", re.IGNORECASE)


def find_rendering(term: str, text: str, lang: str) -> str | None:
    """The text of ``term`` as it appears in ``text`` (see the module notes), or None."""
    if not term.strip():
        return None
    m = _pattern(term, lang).search(_plain(text))
    return m.group(0) if m else None


def source_has(term: str, source: str) -> bool:
    """The Vietnamese ``term`` appears in ``source`` as whole words, any tone placement."""
    return bool(_spans(match_key(_plain(term)), match_key(_plain(source))))


def _spans(key: str, source_key: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", source_key)
        if key
    ]


def named_in(entries: Iterable[GlossaryEntry], source: str) -> list[GlossaryEntry]:
    """Entries whose Vietnamese term the source names, longest first and not inside a
    longer one ("Thủ tướng Chính phủ" is one title, not also "Chính phủ")."""
    source_key = match_key(_plain(source))
    hits = [
        (start, end, entry)
        for entry in entries
        for start, end in _spans(match_key(_plain(entry.vi)), source_key)
    ]
    kept: list[tuple[int, int, GlossaryEntry]] = []
    for start, end, entry in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if not any(start < b and a < end for a, b, _ in kept):
            kept.append((start, end, entry))
    out: dict[str, GlossaryEntry] = {}
    for _, _, entry in sorted(kept, key=lambda h: h[0]):
        out.setdefault(entry.vi, entry)
    return list(out.values())


def sensitive_findings(
    entries: Iterable[GlossaryEntry], source: str, target: str, lang: str
) -> list[SensitiveFinding]:
    """Broken sensitive rules of one translation in ``lang`` of ``source``.

    Forbidden renderings count wherever they appear (also when the source does not
    name the term); a missing agreed rendering only when the source names the term
    (and not when a forbidden rendering of it was already reported).
    An empty translation has nothing to check yet.
    """
    if not target.strip():
        return []
    sensitive = [e for e in entries if e.is_sensitive]
    out: list[SensitiveFinding] = []
    for entry in sensitive:
        agreed = entry.term(lang)
        rest = _pattern(agreed, lang).sub(" | ", _plain(target)) if agreed.strip() else target
        for variant in entry.forbidden_in(lang):  # not inside the agreed form ("Hon Khoai")
            found = find_rendering(variant, rest, lang)
            if found is not None:
                out.append(SensitiveFinding(entry, lang, "forbidden", found))
    reported = {f.entry.vi for f in out}
    for entry in named_in(sensitive, source):
        agreed = entry.term(lang)
        if agreed and entry.vi not in reported and find_rendering(agreed, target, lang) is None:
            out.append(SensitiveFinding(entry, lang, "missing"))
    return out
