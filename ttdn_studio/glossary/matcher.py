"""Fast multi-term matching (Aho-Corasick) that reports spans in the caller's string.

Text and terms are folded the same way before matching: NFC, case-folded, one
tone placement for Vietnamese (``ttdn_studio.text.match_key``: "Tỉnh uỷ" matches
"Tỉnh ủy"), dashes and curly apostrophes unified, and every whitespace run (line
breaks included) read as one space. Folding can change lengths (NFD input, ``ß``), so the folded
string carries a map from each of its characters back to the original span.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import ahocorasick

from ttdn_studio.text import match_key as _text_key

T = TypeVar("T")

_PUNCT = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_PUNCT.update({0x2019: "'", 0x2018: "'", 0x02BC: "'"})
_SPACE_RUN = re.compile(r"\s+")
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space


@dataclass(frozen=True)
class Folded:
    """A folded string; ``starts[i]:ends[i]`` is the original span of folded char ``i``."""

    text: str
    starts: list[int] | None  # None: identity map (fast path)
    ends: list[int] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


# Only an o or u followed by a toned a, e or y can be written with the other tone placement.
_TONE_PLACEMENT = re.compile("[ou][àáảãạèéẻẽẹỳýỷỹỵ]")


def _tones(folded: str) -> str:
    """One tone placement ("hoà" → "hòa"); the length never changes, so the maps hold."""
    if _TONE_PLACEMENT.search(folded) is None:
        return folded
    keyed = _text_key(folded)
    return keyed if len(keyed) == len(folded) else folded


@lru_cache(maxsize=8192)
def fold_for_match(text: str) -> Folded:
    """Fold ``text`` for matching, keeping the way back to its own positions.

    Results are shared (a text is folded once for all matchers): do not change them.
    """
    folded = _fold(text)
    return Folded(_tones(folded.text), folded.starts, folded.ends)


def _fold(text: str) -> Folded:
    simple = text.casefold().translate(_PUNCT)
    if len(simple) != len(text) or not unicodedata.is_normalized("NFC", text):
        return _fold_slow(text)
    if "  " not in text and not _OTHER_SPACE.search(text):  # only single spaces: nothing to fold
        return Folded(simple, None, None)
    runs = [m for m in _SPACE_RUN.finditer(text) if m.group() != " "]
    if not runs:
        return Folded(simple, None, None)
    return _fold_spaces(simple, runs)


def _fold_spaces(simple: str, runs: list[re.Match[str]]) -> Folded:
    """Collapse whitespace runs of an already folded, same-length string."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in runs:
        parts.append(simple[pos : m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        parts.append(" ")
        starts.append(m.start())
        ends.append(m.end())
        pos = m.end()
    parts.append(simple[pos:])
    starts.extend(range(pos, len(simple)))
    ends.extend(range(pos + 1, len(simple) + 1))
    return Folded("".join(parts), starts, ends)


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.category(text[j]).startswith("M"):
            j += 1
        yield i, j
        i = j


def _fold_slow(text: str) -> Folded:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, j in _clusters(text):
        if text[i].isspace():
            if out and out[-1] == " " and ends[-1] == i and text[i - 1].isspace():
                ends[-1] = j
                continue
            out.append(" ")
            starts.append(i)
            ends.append(j)
            continue
        piece = unicodedata.normalize("NFC", text[i:j]).casefold().translate(_PUNCT)
        for ch in piece:
            out.append(ch)
            starts.append(i)
            ends.append(j)
    return Folded("".join(out), starts, ends)


def match_key(term: str) -> str:
    """The folded form of a term as stored in an automaton (trimmed)."""
    return fold_for_match(term).text.strip()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


class TermMatcher(Generic[T]):
    """An automaton over folded terms, built once; ``find`` returns non-overlapping hits.

    Overlaps are resolved longest first, then leftmost. With ``whole_words`` a hit
    must not have a letter, digit or combining mark right before or after it
    (Khmer, written without spaces, is matched anywhere).
    """

    def __init__(self, terms: Iterable[tuple[str, T]], *, whole_words: bool = True):
        self.whole_words = whole_words
        self._automaton = ahocorasick.Automaton()
        self._payloads: list[T] = []
        for term, payload in terms:
            key = match_key(term)
            if key and key not in self._automaton:
                self._automaton.add_word(key, (len(key), len(self._payloads)))
                self._payloads.append(payload)
        self._ready = len(self._payloads) > 0
        if self._ready:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._payloads)

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """``(start, end, payload)`` for each hit, in ``text``'s own positions, in order."""
        if not self._ready or not text:
            return []
        folded = fold_for_match(text)
        hits = []
        for last, (length, index) in self._automaton.iter(folded.text):
            start, end = last - length + 1, last + 1
            if self.whole_words and not self._bounded(folded.text, start, end):
                continue
            hits.append((start, end, index))
        out = []
        for start, end, index in _longest_first(hits):
            o_start, o_end = folded.span(start, end)
            out.append((o_start, o_end, self._payloads[index]))
        return out

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
            return False
        return not (end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]))


def _longest_first(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep the longest hits (leftmost among equals) that do not overlap, in text order."""
    starts: list[int] = []
    chosen: list[tuple[int, int, int]] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        pos = bisect.bisect_left(starts, hit[0])
        if pos > 0 and chosen[pos - 1][1] > hit[0]:
            continue
        if pos < len(chosen) and chosen[pos][0] < hit[1]:
            continue
        starts.insert(pos, hit[0])
        chosen.insert(pos, hit)
    return chosen
