"""Khmer text: word boundaries (for line breaks) and sequences that render broken.

Khmer has no spaces between words; lines may only be broken where the
``khmercut`` segmenter finds a word boundary. A dependent vowel or sign with no
consonant before it, a doubled sign, or a coeng (U+17D2) not followed by a
consonant makes the shaper draw a dotted circle (◌) on air.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

COENG = "\u17d2"


def is_consonant(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17a2"


def is_base(ch: str) -> bool:
    """A letter that can carry vowels and signs (consonant or independent vowel)."""
    return "\u1780" <= ch <= "\u17b3"


def is_mark(ch: str) -> bool:
    """A dependent vowel or sign, drawn on a base letter."""
    return "\u17b6" <= ch <= "\u17d1" or ch in "\u17d3\u17dd"


_KHMER_RE = re.compile("[\u1780-\u17ff]")


def has_khmer(text: str) -> bool:
    return _KHMER_RE.search(text) is not None


@lru_cache(maxsize=8192)  # about 1 KB a line
def khmer_tokens(text: str) -> tuple[str, ...]:
    """khmercut's tokens of ``text``, segmented once per text for both users: line
    breaking here and the Khmer spelling check (a QC run and then ``qc fit`` segment
    the same texts; khmercut takes about a millisecond a line)."""
    from khmercut import tokenize

    return tuple(tokenize(text))


@lru_cache(maxsize=8192)
def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where one word ends and the next begins (khmercut)."""
    tokens = khmer_tokens(text) if text.strip() else ()
    if "".join(tokens) != text:  # the segmenter changed the text: trust only spaces
        return frozenset(i for i, ch in enumerate(text) if ch == " ") | frozenset(
            i + 1 for i, ch in enumerate(text) if ch == " "
        )
    out, pos = set(), 0
    for token in tokens[:-1]:
        pos += len(token)
        out.add(pos)
    return frozenset(out)


_MARKS = "\u17b6-\u17d1\u17d3\u17dd"
# Any of the problems below (a quick test before the character-by-character walk).
_PROBLEM_RE = re.compile(
    f"{COENG}(?![\u1780-\u17a2])|([{_MARKS}])\\1|(?<![\u1780-\u17b3{_MARKS}\u200c\u200d])[{_MARKS}]"
)


def invalid_sequences(text: str) -> list[str]:
    """Human-readable problems, one per broken sequence."""
    return _walk(text) if _PROBLEM_RE.search(text) else []


def _walk(text: str) -> list[str]:
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        where = f"at character {i + 1}"
        if ch == COENG and not is_consonant(nxt):
            out.append(f"coeng (U+17D2) not followed by a consonant {where}")
        elif is_mark(ch) and ch == prev:
            out.append(f"doubled {_name(ch)} {where}")
        elif is_mark(ch) and not (
            prev and (is_base(prev) or is_mark(prev) or prev in "\u200c\u200d")
        ):
            out.append(f"{_name(ch)} with no consonant before it {where}")
    return out


def _name(ch: str) -> str:
    kind = "vowel sign" if ch <= "\u17c5" else "sign"
    return f"{kind} {ch} (U+{ord(ch):04X} {unicodedata.name(ch, '?').title()})"
