"""Sentence splitting shared by machine translation and the memory: cue text → sentences → cue text.

Vietnamese and English split after ``. ! ? …`` followed by white space and an
upper-case letter or a digit (after any opening quotes or brackets), or a glossary
placeholder ``⟦T0⟧``: the letter's case decides, so "đây. Ở đó" splits and
"đây. ở đó" does not; abbreviations such as ``TP.``,
``TS.``, ``v.v.``, ``Mr.`` never end a sentence. Khmer ends sentences with ``។``
and ``៕`` (no space needed). Each sentence remembers the white space that followed
it, so a line break between two sentences survives translation, while a sentence
running over two lines becomes one unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ttdn_studio.text import match_key

ABBREVIATIONS = frozenset(
    a.casefold()
    for a in (
        "TP.",
        "TX.",
        "TT.",
        "TS.",
        "ThS.",
        "PGS.",
        "GS.",
        "BS.",
        "KS.",
        "CN.",
        "Q.",
        "P.",
        "v.v.",
        "vv.",
        "Tp.",
        "St.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
        "No.",
        "e.g.",
        "i.e.",
        "etc.",
        "vs.",
        "Jr.",
        "Sr.",
        "Co.",
        "Ltd.",
        "a.m.",
        "p.m.",
        "km.",
        "tr.",
        "Th.",
    )
)
KHMER_END = re.compile(r"[។៕]+\s*")
LATIN_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(\s+)")
OPENERS = "\"'“‘«([⟦"  # before the first letter; ⟦ also opens a placeholder ⟦T0⟧
WORD_BEFORE = re.compile(r"(\S+)$")
SENTENCE_END = re.compile(r"[.!?…។៕][\"'”’»)\]]*$")


class Sentence(NamedTuple):
    """One sentence of a cue and the white space that followed it (``""`` at the end)."""

    text: str
    sep: str = ""


def _is_abbreviation(head: str) -> bool:
    match = WORD_BEFORE.search(head)
    if match is None:
        return False
    word = match.group(1).lstrip("\"'“‘«([")
    if word.casefold() in ABBREVIATIONS:
        return True
    return len(word) <= 4 and re.fullmatch(r"(?:\w\.)+", word) is not None


def _opens_sentence(text: str, at: int) -> bool:
    """Whether ``text[at:]`` can begin a sentence: an upper-case letter, a digit or a
    placeholder, after any opening quotes or brackets ("Ở", "Đà", "“Năm", "⟦T0⟧";
    never "ở", "đó", "ấy": the letter's case decides, whatever its accents)."""
    while at < len(text) and text[at] in OPENERS:
        if text[at] == "⟦":
            return True
        at += 1
    first = text[at : at + 1]
    return bool(first) and (first.isupper() or first.istitle() or first.isdigit())


def _latin_cuts(text: str) -> list[tuple[int, int]]:
    """(end of sentence, start of next) positions in ``text``."""
    cuts = []
    for m in LATIN_END.finditer(text):
        end, nxt = m.start(1), m.end()
        if not _opens_sentence(text, nxt):
            continue
        if text[m.start()] == "." and _is_abbreviation(text[: m.start() + 1]):
            continue
        cuts.append((end, nxt))
    return cuts


def _khmer_cuts(text: str) -> list[tuple[int, int]]:
    cuts = []
    for m in KHMER_END.finditer(text):
        if m.end() < len(text):
            end = m.start() + len(m.group().rstrip())
            cuts.append((end, m.end()))
    return cuts


def split_sentences(text: str, lang: str = "vi") -> list[Sentence]:
    """Split ``text`` into sentences; empty or blank text gives ``[]``."""
    text = text.strip()
    if not text:
        return []
    cuts = _khmer_cuts(text) if lang == "km" else _latin_cuts(text)
    out, start = [], 0
    for end, nxt in cuts:
        out.append(Sentence(_flat(text[start:end]), text[end:nxt]))
        start = nxt
    out.append(Sentence(_flat(text[start:])))
    return out


def _flat(text: str) -> str:
    """One sentence on one line: white space runs (line breaks too) become one space."""
    return " ".join(text.split())


def join_sentences(translated: list[str], sentences: list[Sentence]) -> str:
    """Reassemble translated sentences: a line break between sentences is kept."""
    parts = []
    for text, sentence in zip(translated, sentences, strict=True):
        parts.append(text.strip())
        if sentence.sep:
            parts.append("\n" if "\n" in sentence.sep else " ")
    return "".join(parts).strip()


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (``. ! ? …`` or ``។ ៕``, closing quotes allowed)."""
    return SENTENCE_END.search(text.strip()) is not None


QUOTES = "\"'“‘«(["
# A cue opening with a dash, a bullet or a number like "1." or "II." is a new line of
# dialogue or a new list item (a year such as "1975." may end a sentence).
ITEM = re.compile(r"[-–—•]\s|•|\d{1,2}[.)]\s|[IVXL]+\.\s")
# A title or caption: "Cà Mau - Đất và người", "Tập 1: Nơi đất mũi vươn ra biển".
TITLE = re.compile(r"(?:\s[-–—]|:)\s+[\"'“‘«(\[]*(\w)")
# Words that open a Vietnamese sentence and never a name (prepositions, conjunctions,
# "Tháng Tư" and "Ngày 21/6" are dates).
COMMON_OPENERS = frozenset(
    [
        "ở",
        "tại",
        "từ",
        "trên",
        "dưới",
        "trong",
        "ngoài",
        "với",
        "về",
        "theo",
        "khi",
        "nhưng",
        "và",
        "còn",
        "nếu",
        "vì",
        "do",
        "để",
        "tuy",
        "dù",
        "rồi",
        "thì",
        "hay",
        "hoặc",
        "đây",
        "đó",
        "nơi",
        "các",
        "những",
        "mỗi",
        "tháng",
        "ngày",
    ]
)
# Nouns Vietnamese writes with a capital in mid-sentence, as names.
CAPITALISED_NOUNS = frozenset(
    ("tổ quốc", "đảng", "nhà nước", "chính phủ", "quốc hội", "trung ương", "nhân dân", "bác hồ")
)
_PUNCT = "\"'“‘«([⟦.,;:!?…”’»)]⟧"


def _opens_lowercase(text: str) -> bool:
    first = text[:1]
    return (
        bool(first)
        and first not in QUOTES
        and not (first.isupper() or first.isdigit())
        and ITEM.match(text) is None
    )


def _is_title(text: str) -> bool:
    """A cue like a title or caption: a capital after a spaced dash or a colon."""
    return any(m.group(1).isupper() for m in TITLE.finditer(text))


Names = Callable[[str], bool | None]  # a name at the start? None: does not know


def begins_with_name(text: str, names: Names | None = None) -> bool:
    """Whether ``text`` opens with a name rather than a new sentence: two capitalised
    words ("Năm Căn", "U Minh"; not "Ở Cà Mau", "Tháng Tư"), an acronym ("UNESCO"),
    a number, a noun written with a capital ("Tổ quốc"). ``names`` (e.g. from the
    glossary) decides first when it knows: True for "Vườn quốc gia U Minh Hạ",
    False for "Rừng U Minh Hạ" (its term is "rừng U Minh Hạ")."""
    if text[:1].isdigit():
        return True
    known = names(text) if names is not None else None
    if known is not None:
        return known
    words = [w.strip(_PUNCT) for w in text.split()[:2]]
    words = [w for w in words if w]
    if not words:
        return False
    first = words[0]
    if len(first) > 1 and first.isupper():
        return True
    keys = [match_key(w) for w in words]
    if keys[0] in CAPITALISED_NOUNS or " ".join(keys) in CAPITALISED_NOUNS:
        return True
    if keys[0] in COMMON_OPENERS:
        return False
    return len(words) > 1 and words[1][:1].isupper()


def sentence_joins(
    texts: Sequence[str],
    joins: Sequence[bool] | None = None,
    names: Names | None = None,
) -> list[bool]:
    """For each cue but the last: whether its last sentence runs on into the next cue.

    ``joins[i]`` says cue ``i + 1`` is shown right after cue ``i`` (same clip); without
    it nothing runs on. A cue ending without ``. ! ? … ។ ៕`` runs on into the next:

    * when that one goes on in lower case ("Từ Mũi Cà Mau" → "đến Năm Căn");
    * when it opens with a name (:func:`begins_with_name`: "Năm Căn", "UNESCO",
      a number, a glossary name given by ``names``) and the sentence ends in it or
      in the lower-case cues right after it ("Du khách đến thăm" → "Năm Căn.").

    A capital that opens a common word starts a new sentence (Vietnamese writes
    capitals in mid-sentence for names only), so a title or caption before
    narration stays alone ("Tập 1: Nơi đất mũi vươn ra biển" → "Ở cực Nam…").
    So does a cue that looks like a title (a capital after a spaced dash or a
    colon: "Cà Mau - Đất và người", "Tập 1: Nơi…") when the next cue opens with a
    capital, captions in a row without full stops ("Vườn quốc gia Mũi Cà Mau",
    "Mật ong U Minh"), and a cue opening with a quote, a dash of dialogue, a
    bullet or a list number ("- Tôi về nhà.", "1. Mục đích").
    """
    texts = [t.strip() for t in texts]
    near = [bool(joins is not None and i < len(joins) and joins[i]) for i in range(len(texts) - 1)]

    def completes(j: int) -> bool:  # the sentence begun before cue j ends in j or after it
        while True:
            sentences = split_sentences(texts[j])
            if len(sentences) > 1 or ends_sentence(texts[j]):
                return True
            if j >= len(near) or not near[j] or not _opens_lowercase(texts[j + 1]):
                return False
            j += 1

    out = []
    for i in range(len(texts) - 1):
        following = texts[i + 1]
        runs = bool(near[i] and texts[i] and following and not ends_sentence(texts[i]))
        if runs and not _opens_lowercase(following):
            runs = (
                following[:1] not in QUOTES
                and ITEM.match(following) is None
                and not _is_title(texts[i])
                and begins_with_name(following, names)
                and completes(i + 1)
            )
        out.append(runs)
    return out
