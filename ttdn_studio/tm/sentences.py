"""Sentence splitting shared by machine translation and the memory: cue text → sentences → cue text.

Vietnamese and English split after ``. ! ? …`` followed by white space and a
capital, digit, quote or glossary placeholder; abbreviations such as ``TP.``,
``TS.``, ``v.v.``, ``Mr.`` never end a sentence. Khmer ends sentences with ``។``
and ``៕`` (no space needed). Each sentence remembers the white space that followed
it, so a line break between two sentences survives translation, while a sentence
running over two lines becomes one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
OPENING = re.compile(r"[\"'“‘«(\[⟦]*[0-9A-ZÀ-ỸĐ⟦]")
WORD_BEFORE = re.compile(r"(\S+)$")
SENTENCE_END = re.compile(r"[.!?…។៕][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Sentence:
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


def _latin_cuts(text: str) -> list[tuple[int, int]]:
    """(end of sentence, start of next) positions in ``text``."""
    cuts = []
    for m in LATIN_END.finditer(text):
        end, nxt = m.start(1), m.end()
        if nxt >= len(text) or not OPENING.match(text, nxt):
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


def runs_on(text: str, following: str) -> bool:
    """Whether the sentence ending ``text`` (a cue) goes on in ``following`` (the next cue).

    It does when ``text`` ends without ``. ! ? … ។ ៕`` and ``following`` does not
    open a sentence (a capital, digit or quote): "Từ Mũi Cà Mau" → "đến Năm Căn"
    runs on; two captions "Vườn quốc gia Mũi Cà Mau" and "Mật ong U Minh" do not.
    """
    following = following.strip()
    if not text.strip() or not following or ends_sentence(text):
        return False
    first = following.lstrip("\"'“‘«([")[:1]
    return first == following[:1] and not (first.isupper() or first.isdigit())
