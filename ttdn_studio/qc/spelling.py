"""The ``spelling`` check (warning): words no dictionary, glossary or project list knows.

Vietnamese and English words are looked up in the system's Hunspell dictionaries
(Debian ``hunspell-vi``, ``hunspell-en-gb`` and ``hunspell-en-us``: a word either
English dictionary knows is accepted) through ``spylls``; a Vietnamese word is accepted in either tone placement ("hoà"/"hòa").
Khmer has no Hunspell dictionary: a Khmer word (as ``khmercut`` cuts it) is
flagged when khmercut's model has not seen it in its training text (whole, or
every run of three character clusters); this also flags rare correct words, which
the project's word list then accepts.
Always accepted: glossary terms, words of the cue's source text in a translation,
with or without their diacritics (names: "Năm Căn" → "Nam Can"), words of the
project title, acronyms in capitals, and the project's own word list (project
setting ``spelling_words``, see ``ttdn spell add``). Misspellings are reported,
never fixed. A language whose dictionary is not installed is not checked. Not a
live check (loading the dictionaries takes seconds of CPU): it runs with ``ttdn qc``
and the desk's full QC run, or directly through :func:`unknown_words`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from ttdn_studio.layout.khmer import khmer_tokens
from ttdn_studio.layout.measure import strip_tags
from ttdn_studio.qc.registry import Check, QcContext, RowLike, register
from ttdn_studio.text import match_key

SETTING = "spelling_words"
DICT_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
DICT_NAMES = {"vi": ("vi_VN",), "en": ("en_GB", "en_US")}  # a word either knows is right
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # Vietnamese and English words
KHMER_LETTERS = re.compile(r"[\u1780-\u17D3\u17DD]+")  # no digits, signs or punctuation
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_LATE = re.compile(f"(?:([oO])([aAeE])|([uU])([yY]))([{_TONES}])$")
_EARLY = re.compile(f"(?:([oO])([{_TONES}])([aAeE])|([uU])([{_TONES}])([yY]))$")


def is_word(text: str) -> bool:
    """Letters and their marks only (Khmer vowel signs too), with inner apostrophes."""
    core = text.replace("'", "").replace("’", "")
    return bool(core) and all(unicodedata.category(ch)[0] in "LM" for ch in core)


def dictionary_dirs() -> list[Path]:
    """Where Hunspell dictionaries are looked for (``TTDN_HUNSPELL_DIR`` first)."""
    from ttdn_studio.settings import current

    extra = current().hunspell_dir
    return ([extra] if extra else []) + [Path(p) for p in DICT_DIRS]


def dictionary_files(lang: str) -> list[Path]:
    """The ``.dic`` files used for ``lang`` (none installed: ``[]``), one per variant."""
    out = []
    for name in DICT_NAMES.get(lang, ()):
        for folder in dictionary_dirs():
            dic = folder / f"{name}.dic"
            if dic.is_file() and dic.with_suffix(".aff").is_file():
                out.append(dic)
                break
    return out


@lru_cache(maxsize=4)
def _dictionaries(lang: str) -> tuple[Any, ...]:
    from spylls.hunspell import Dictionary

    return tuple(Dictionary.from_files(str(d.with_suffix(""))) for d in dictionary_files(lang))


def other_tone_placement(word: str) -> str:
    """``word`` with the tone of a final oa/oe/uy on the other vowel ("hoà" ↔ "hòa")."""
    d = unicodedata.normalize("NFD", word)
    m = _LATE.search(d)
    if m is not None and not (m.group(3) and m.start() > 0 and d[m.start() - 1] in "qQ"):
        first, second = m.group(1) or m.group(3), m.group(2) or m.group(4)
        return unicodedata.normalize("NFC", d[: m.start()] + first + m.group(5) + second)
    m = _EARLY.search(d)
    if m is not None and not (m.group(4) and m.start() > 0 and d[m.start() - 1] in "qQ"):
        first = m.group(1) or m.group(4)
        tone = m.group(2) or m.group(5)
        second = m.group(3) or m.group(6)
        return unicodedata.normalize("NFC", d[: m.start()] + first + second + tone)
    return word


@lru_cache(maxsize=200_000)
def known_word(lang: str, word: str) -> bool | None:
    """Whether a ``lang`` dictionary knows ``word`` (None: no dictionary installed)."""
    dictionaries = _dictionaries(lang)
    if not dictionaries:
        return None
    forms = [word]
    if lang == "vi":
        forms.append(other_tone_placement(word))
    if word.lower() != word:
        forms.append(word.lower())
    return any(d.lookup(form) for d in dictionaries for form in dict.fromkeys(forms))


def suggestions(lang: str, word: str, limit: int = 5) -> list[str]:
    """Dictionary suggestions for a misspelt word (slow: for one word at a time)."""
    out: list[str] = []
    for dictionary in _dictionaries(lang):
        for suggestion in dictionary.suggest(word):
            if str(suggestion) not in out:
                out.append(str(suggestion))
            if len(out) >= limit:
                return out
    return out


def strip_marks(text: str) -> str:
    """``text`` without diacritics, đ as d: how Vietnamese names appear in translations."""
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in d if unicodedata.category(ch) != "Mn")


def project_words(ctx: QcContext) -> frozenset[str]:
    """The project's own accepted words and its title's, as match keys (cached per run)."""
    cached = ctx.cache.get("spelling_words")
    if cached is None:
        raw = ctx.project.settings.get(SETTING)
        words = [w for w in raw if isinstance(w, str)] if isinstance(raw, list) else []
        keys = {match_key(w) for w in words}
        keys.update(match_key(w) for w in WORD.findall(ctx.project.title))
        cached = frozenset(keys)
        ctx.cache["spelling_words"] = cached
    assert isinstance(cached, frozenset)
    return cached


def _glossary_spans(ctx: QcContext, text: str, lang: str) -> list[tuple[int, int]]:
    if ctx.glossary is None:
        return []
    try:
        return [(m.start, m.end) for m in ctx.glossary.find(text, lang=lang)]
    except (KeyError, LookupError, ValueError):
        return []


def unknown_words(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    """The words of the cue's ``lang`` text that nothing accepts, in order, once each."""
    text = unicodedata.normalize("NFC", strip_tags(ctx.text(row, lang)))
    if not text.strip():
        return []
    if lang == "km":
        return _unknown_khmer(ctx, text)
    if known_word(lang, "a") is None:
        return []
    accepted = project_words(ctx)
    names: set[str] = set()
    if lang != ctx.source_lang:
        source_words = WORD.findall(ctx.source_text(row))
        names = {match_key(w) for w in source_words} | {
            match_key(strip_marks(w)) for w in source_words
        }
    spans = _glossary_spans(ctx, text, lang)
    out: list[str] = []
    for m in WORD.finditer(text):
        word = m.group(0)
        if any(start <= m.start() and m.end() <= end for start, end in spans):
            continue
        if len(word) > 1 and word.isupper():
            continue  # an acronym: UNESCO, GPS
        key = match_key(word)
        if key in accepted or key in names:
            continue
        if known_word(lang, word.replace("’", "'")):
            continue
        out.append(word)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _khmer_grams() -> frozenset[str]:
    """The character-cluster n-grams khmercut's model learnt from its training text."""
    from khmercut import load

    grams = set()
    for attribute, _label in load().info().state_features:
        if attribute.startswith("kcc["):
            value = attribute.partition("]:")[2]
            if value:
                grams.add(value)
    return frozenset(grams)


@lru_cache(maxsize=200_000)
def known_khmer(word: str) -> bool:
    """Whether khmercut's model has seen ``word``: whole (up to three clusters) or in
    every run of three clusters."""
    from khmercut import seg_kcc

    grams = _khmer_grams()
    clusters = seg_kcc(word)
    if len(clusters) <= 3:
        return word in grams
    return all("".join(clusters[i : i + 3]) in grams for i in range(len(clusters) - 2))


@lru_cache(maxsize=20_000)
def khmer_words(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each Khmer word (letters only) khmercut finds in ``text``."""
    out, pos = [], 0
    for token in khmer_tokens(text):  # one segmentation, shared with line breaking
        for m in KHMER_LETTERS.finditer(token):
            out.append((pos + m.start(), pos + m.end()))
        pos += len(token)
    return tuple(out) if pos == len(text) else ()


def _unknown_khmer(ctx: QcContext, text: str) -> list[str]:
    accepted = project_words(ctx)
    spans = _glossary_spans(ctx, text, "km")
    out = []
    for start, end in khmer_words(text):
        if any(s <= start and end <= e for s, e in spans):
            continue
        word = text[start:end]
        if match_key(word) not in accepted and not known_khmer(word):
            out.append(word)
    return list(dict.fromkeys(out))


#: how a spelling finding says to accept the word (the desk names its own key instead)
ACCEPT_HINT = "(ttdn spell add to accept)"


def spelling(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    words = unknown_words(ctx, row, lang)
    if not words:
        return []
    shown = ", ".join(f"“{w}”" for w in words)
    if lang == "km":
        return [f"word(s) the Khmer segmenter does not know: {shown} {ACCEPT_HINT}"]
    return [f"not in the {lang} dictionary: {shown} {ACCEPT_HINT}"]


register(
    Check(
        "spelling",
        "warning",
        "a word no dictionary, glossary term or project word list knows (never fixed)",
        cue=spelling,
        live=False,  # loading the dictionaries would stall the desk while typing
    )
)
