"""Vietnamese word boundaries for line breaking: multi-syllable words stay on one line.

Vietnamese writes a space between syllables, so "chương trình" (programme) looks
like two words to a line breaker. :func:`word_spans` finds the words that must
stay whole: the multi-syllable words found by underthesea's word segmenter (a
CRF model shipped in the package: offline), the caller's glossary terms, and
runs of capitalised syllables (names: "Năm Căn", "Trần Văn Thời"). Overlapping
finds are merged. Terms match by :func:`ttdn_studio.text.match_key`, so "Tỉnh
uỷ" and "Tỉnh ủy" are one term.

The segmenter was chosen by measurement against pyvi and a dictionary longest
match (``scripts/bench_vi_words.py``, numbers in the README). underthesea is
imported on first use, never at import, so the desk starts as fast as before.
``segmenter="dictionary"`` uses the small bundled list ``vi_words.tsv`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ttdn_studio.batch import paused_gc
from ttdn_studio.text import match_key

WORDS_FILE = Path(__file__).with_name("vi_words.tsv")
MAX_SYLLABLES = 6  # longest run of capitalised syllables read as one name
_SYLLABLE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """The bundled multi-syllable words (in matching form), read once."""
    words = set()
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("\t", 1)[0].strip()
        if line and not line.startswith("#") and " " in line:
            words.add(" ".join(match_key(line).split()))
    return frozenset(words)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) == 1 and word.isupper())


def word_spans(
    text: str, terms: Iterable[str] = (), *, segmenter: str = "underthesea"
) -> list[tuple[int, int]]:
    """``(start, end)`` of every multi-syllable word, name or ``terms`` entry in ``text``.

    Spans never overlap (overlapping finds are merged); a line may break at any
    space outside them.
    """
    sylls = [(m.start(), m.end()) for m in _SYLLABLE.finditer(text)]
    if len(sylls) < 2:
        return []
    term_keys = _term_keys(tuple(terms))
    if segmenter == "dictionary":
        return _longest_match(text, sylls, dictionary() | term_keys)
    found = _longest_match(text, sylls, term_keys) + _segmented(text)
    return _merge(found)


@lru_cache(maxsize=64)
def _term_keys(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(match_key(t).split()) for t in terms if " " in t.strip())


@lru_cache(maxsize=20000)
def _segmented(text: str) -> list[tuple[int, int]]:
    """Multi-syllable words of underthesea's segmentation, as spans of ``text``."""
    # The first call imports underthesea and loads its model: many new objects, which
    # the cycle collector would walk over and over while they are built; the calls
    # after make short-lived lists only (no cycles).
    with paused_gc():
        from underthesea import word_tokenize

        words = word_tokenize(text)
    spans = []
    pos = 0
    for word in words:
        start = text.find(word, pos)
        if start < 0:  # the tokenizer changed the text (it should not): skip the word
            continue
        pos = start + len(word)
        if " " in word:
            spans.append((start, pos))
    return spans


@lru_cache(maxsize=16)
def _longest(known: frozenset[str]) -> int:
    return max((k.count(" ") + 1 for k in known), default=0)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _longest_match(
    text: str, sylls: list[tuple[int, int]], known: frozenset[str]
) -> list[tuple[int, int]]:
    longest = _longest(known)
    # matching forms are needed only to look words of two or more syllables up
    keys = [match_key(text[a:b]) for a, b in sylls] if longest > 1 else []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(sylls):
        best = 1
        for n in range(min(longest, len(sylls) - i), 1, -1):
            if not _adjacent(text, sylls, i, n):
                continue
            if " ".join(keys[i : i + n]) in known:
                best = n
                break
        if best == 1:
            best = _name_length(text, sylls, i)
        if best > 1:
            spans.append((sylls[i][0], sylls[i + best - 1][1]))
        i += best
    return spans


def _adjacent(text: str, sylls: list[tuple[int, int]], i: int, n: int) -> bool:
    """Syllables ``i .. i+n-1`` are separated by single spaces only (no punctuation)."""
    return all(text[sylls[j][1] : sylls[j + 1][0]] == " " for j in range(i, i + n - 1))


def _name_length(text: str, sylls: list[tuple[int, int]], i: int) -> int:
    """How many capitalised syllables start at ``i`` (a name: "Năm Căn", "U Minh Hạ")."""
    n = 0
    while (
        i + n < len(sylls)
        and n < MAX_SYLLABLES
        and _capitalised(text[sylls[i + n][0] : sylls[i + n][1]])
        and (n == 0 or _adjacent(text, sylls, i + n - 1, 2))
    ):
        n += 1
    return n if n > 1 else 1


def inner_spaces(text: str, terms: Iterable[str] = ()) -> set[int]:
    """Positions of the spaces inside a multi-syllable word, name or term of ``text``."""
    out: set[int] = set()
    for a, b in word_spans(text, terms):
        out.update(i for i in range(a, b) if text[i] == " ")
    return out
