"""Recognising Vietnamese text: syllable scoring and per-paragraph language guess.

Used to pick the right legacy encoding (the decoding that yields the most valid
Vietnamese syllables wins) and to tell the Vietnamese and the translated
paragraphs of a bilingual script apart.
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")
_KHMER = re.compile(r"[\u1780-\u17ff]")


def _strip_tones(word: str) -> tuple[str, int]:
    """The word without tone marks (NFC) and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONE_MARKS)
    bare = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


def is_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like one Vietnamese syllable (tones allowed)."""
    bare, tones = _strip_tones(word)
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None


def vietnamese_score(text: str) -> int:
    """Evidence that ``text`` is well-decoded Vietnamese.

    Words with letters beyond ASCII count +2 when they are valid syllables and
    -3 when they are not (mojibake such as ``ViÖt`` or ``Vieät``); plain ASCII
    words are neutral. Control characters and replacement marks count -5.
    """
    score = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        score += 2 if is_syllable(word) else -3
    bad = sum(1 for ch in text if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    return score - 5 * bad


def looks_vietnamese(text: str) -> bool:
    """Whether a paragraph is Vietnamese: enough words carry Vietnamese letters or tones."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return False
    marked = 0
    for word in words:
        bare, tones = _strip_tones(word)
        if (tones or _VIETNAMESE_ONLY & set(bare)) and is_syllable(word):
            marked += 1
    return marked >= max(1, len(words) // 5)


def script_language(text: str) -> str:
    """``"vi"``, ``"km"`` or ``"latin"`` (another Latin-script language, such as English)."""
    if _KHMER.search(text):
        return "km"
    return "vi" if looks_vietnamese(text) else "latin"
