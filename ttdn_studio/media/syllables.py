"""How long a line takes to say, in syllables (the aligner's expected durations).

Vietnamese writes one syllable per word; English is estimated from vowel
groups; Khmer lines are cut into words with khmercut and each word's
syllables counted from its base consonants (a consonant not subscripted with
COENG starts a syllable). Digits are read out, punctuation adds a short breath.
"""

from __future__ import annotations

import re

from ttdn_studio.layout.khmer import has_khmer, is_consonant

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
_VOWELS = re.compile(r"[aeiouy]+")
_PAUSE = re.compile(r"[,;:.!?…–—](?=\s|$)")  # not the dot in 8.000
COENG = "\u17d2"


def _english_word(word: str) -> float:
    w = word.lower()
    groups = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(1, groups)


def _khmer_syllables(text: str) -> float:
    count = 0
    prev = ""
    for ch in text:
        if (is_consonant(ch) or "\u17a3" <= ch <= "\u17b3") and prev != COENG:
            count += 1
        prev = ch
    return count


def _number(token: str) -> float:
    digits = sum(ch.isdigit() for ch in token)
    return 1.5 * digits


def syllables(text: str, lang: str) -> float:
    """Estimated spoken length of ``text`` in syllables (breaths counted as half a syllable)."""
    flat = text.replace("\n", " ")
    total = 0.5 * len(_PAUSE.findall(flat.rstrip(".!?… ")))
    if lang == "km" or has_khmer(flat):
        from khmercut import tokenize

        for word in tokenize(flat):
            total += _khmer_syllables(word)
    for token in _WORD.findall(flat):
        if token[0].isdigit():
            total += _number(token)
        elif has_khmer(token):
            continue
        elif lang == "en":
            total += _english_word(token)
        else:
            total += 1
    return max(total, 1.0)
