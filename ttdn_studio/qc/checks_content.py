"""Checks of what a translation says and draws: terminology and glyphs the font lacks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ttdn_studio.fonts import font_for
from ttdn_studio.layout.measure import font_cmap, font_draws_all, font_file, strip_tags
from ttdn_studio.qc.registry import Check, QcContext, RowLike, TermEntryLike, register
from ttdn_studio.text import match_key


def _term(entry: TermEntryLike, lang: str) -> str:
    try:
        return str(entry.term(lang) or "")
    except (KeyError, LookupError, ValueError):
        return ""


def _one_line(text: str) -> str:
    """Whitespace runs (line breaks included) as one space: a term may wrap onto the next line."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _term_key(term: str) -> str:
    """The matching form of an agreed term (a few hundred terms, met in thousands of cues)."""
    return _one_line(match_key(term))


def glossary(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    terms = ctx.glossary
    target = strip_tags(ctx.text(row, lang))
    if terms is None or not target.strip():
        return []
    folded = ""
    out: list[str] = []
    for match in terms.find(ctx.source_text(row), lang=ctx.source_lang):
        agreed = _term(match.entry, lang)
        folded = folded or _one_line(match_key(target))
        if agreed and _term_key(agreed) not in folded:
            out.append(f"“{match.text}” should be translated as “{agreed}”")
    for match in terms.find_forbidden(target, lang):
        agreed = _term(match.entry, lang)
        hint = f"; use “{agreed}”" if agreed else ""
        out.append(f"“{match.text}” is a forbidden variant{hint}")
    return list(dict.fromkeys(out))


# Words of the source that place a name in the past ("huyện Năm Căn cũ", "trước đây",
# "năm 2019"), compared in the matching form (lower case, one tone placement).
_HISTORICAL = re.compile(
    r"\b(?:cũ|trước đây|trước kia|ngày trước|thời đó|thời ấy|khi đó|khi ấy|lúc đó|lúc ấy"
    r"|từng là|đã từng|nguyên là|năm (?:19\d\d|20[01]\d|202[0-4]))\b"
)


def outdated_name(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    terms = ctx.glossary
    find = getattr(terms, "find_outdated", None)
    target = strip_tags(ctx.text(row, lang))
    if find is None or not target.strip():
        return []
    on = ctx.cache.get("broadcast_date")
    if on is None:
        on = ctx.cache["broadcast_date"] = ctx.project.broadcast_date()
    found = find(target, lang, on)
    if not found or _HISTORICAL.search(match_key(ctx.source_text(row))):
        return []
    out = []
    for match in found:
        entry = match.entry
        until = f" after {entry.valid_until.isoformat()}" if entry.valid_until else ""
        successor_of = getattr(terms, "successor_of", None)
        successor = successor_of(entry) if successor_of is not None else None
        now = _term(successor, lang) if successor is not None else ""
        hint = f"; now “{now}”" if now else ""
        out.append(
            f"“{match.text}” is no longer the official name{until}{hint}"
            " (mark the source as historical if the programme means the old one)"
        )
    return list(dict.fromkeys(out))


def missing_glyph(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    text = unicodedata.normalize("NFC", strip_tags(ctx.text(row, lang)))
    path = font_file(lang)
    if not text or font_draws_all(path, text.replace("\n", "")):
        return []
    cmap = font_cmap(path)
    missing = [
        ch
        for ch in dict.fromkeys(text)
        if ord(ch) not in cmap and ch != "\n" and unicodedata.category(ch) != "Cf"
    ]
    if not missing:
        return []
    shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing)
    return [f"the {font_for(lang).family} font cannot draw {shown}"]


register(
    Check(
        "glossary",
        "error",
        "a source term whose agreed translation is missing, or a forbidden variant",
        cue=glossary,
        needs_target=True,
    )
)
register(
    Check(
        "outdated_name",
        "warning",
        "a name no longer official at the broadcast date, in a cue that does not say it is history",
        cue=outdated_name,
        needs_target=True,
    )
)
register(
    Check(
        "missing_glyph", "error", "a character the language's font cannot draw", cue=missing_glyph
    )
)
