"""Text normalisation shared by every layer: all text is stored and compared in NFC.

Stored text stays as people typed it (in NFC). For *matching* (glossary terms, the
translation memory, search, QC and term masking) :func:`match_key` gives one form
for the spellings Vietnamese writers use interchangeably: old and new tone placement
("hòa"/"hoà", "Tỉnh ủy"/"Tỉnh uỷ", "tọa độ"/"toạ độ") and letter case. The key has
exactly one character per character of the text, so a match found in the key is
the same span in the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (Vietnamese diacritics composed)."""
    return unicodedata.normalize("NFC", text)


def normalize_newlines(text: str) -> str:
    """Turn CRLF and CR-only line endings into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """NFC with ``\\n`` line endings: the form every stored text takes."""
    return nfc(normalize_newlines(text))


def fold(text: str) -> str:
    """Case- and normalisation-insensitive key for comparing and searching."""
    return nfc(text).casefold()


def timestamp(ms: int) -> str:
    """``hh:mm:ss.mmm``: how times appear in messages and listings."""
    s, ms = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


# Tone marks as combining characters (NFD): grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
# A word ending in oa, oe or uy with the tone on the last vowel: an open syllable (with
# a final consonant both styles agree: "hoàng", "huỳnh").
_OPEN = re.compile(f"(?:([oO])([aAeE])|([uU])([yY]))([{_TONES}])$")


def _old_style(word: str) -> str:
    """``word`` with the tone of a final oa/oe/uy moved onto the first vowel ("hoà" → "hòa")."""
    d = unicodedata.normalize("NFD", word)
    m = _OPEN.search(d)
    if m is None:
        return word
    first = m.group(1) or m.group(3)
    second = m.group(2) or m.group(4)
    if m.group(3) and m.start() > 0 and d[m.start() - 1] in "qQ":
        return word  # "quý": the u belongs to qu
    return unicodedata.normalize("NFC", d[: m.start()] + first + m.group(5) + second)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def _key_word(word: str) -> str:
    lowered = word.lower()
    if len(lowered) != len(word):  # keep one character per character
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in word)
    return _old_style(lowered)


# Letters whose tone placement may move: Latin with diacritics and combining marks (a
# Khmer, Chinese or plain ASCII text has none, and then only letter case can change).
_LATIN_MARKED = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")


def match_key(text: str) -> str:
    """The matching form of ``text``: NFC, lower case, one tone placement (see above).

    ``len(match_key(t)) == len(nfc(t))``: spans found in the key are spans of the
    NFC text.
    """
    text = nfc(text)
    if text.isascii():  # English: nothing but letter case to change (QC runs this per cue)
        return text.lower()
    if _LATIN_MARKED.search(text) is None and text.lower() == text:
        return text  # e.g. Khmer: no case, no tones to move
    return _slow_match_key(text)


def _slow_match_key(text: str) -> str:
    """:func:`match_key` of an NFC text, word by word."""
    return _WORD.sub(lambda m: _key_word(m.group(0)), text)


_MARK = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=1)
def _bare_table() -> dict[int, str]:
    """Latin letters with diacritics → the bare lower-case letter ("ậ" → "a", "đ" → "d")."""
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        bare = _MARK.sub("", unicodedata.normalize("NFD", chr(cp))).lower()
        if len(bare) == 1 and bare != chr(cp):
            table[cp] = bare
    return table


def search_key(text: str) -> str:
    """What search compares: :func:`match_key` without Vietnamese diacritics.

    Letter case, tone placement and accents do not matter: "ca mau" finds "Cà Mau",
    "tinh uy" finds "Tỉnh uỷ", "dat" finds "Đất". Khmer is compared as written (its
    vowel signs are not accents). One character per character of the NFC text, so a
    match found in the key is the same span in the text.
    """
    return match_key(text).translate(_bare_table())


# Characters that make a terminal or a player do something instead of showing a letter:
# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides
# and isolates that can reorder what a line appears to say (U+202A-202E, U+2066-2069).
_CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
_CONTROL_TABLE: dict[int, None] = {
    cp: None for lo, hi in _CONTROL_RANGES for cp in range(lo, hi + 1) if cp != 0x0D
}
# The same characters as one regex class: finding none is far cheaper than translating
# (``str.translate`` looks every character of a Vietnamese text up in the table).
_CONTROL_CLASS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _CONTROL_TABLE) + "]")


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`strip_controls` removes."""
    return _CONTROL_CLASS.search(text) is not None


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control, escape and bidi-override characters, and how many went.

    Tab, newline and carriage return stay (line endings are normalised elsewhere).
    """
    if _CONTROL_CLASS.search(text) is None:
        return text, 0
    cleaned = text.translate(_CONTROL_TABLE)
    return cleaned, len(text) - len(cleaned)


def without_controls(text: str, *, line_break: str = " ") -> str:
    """``text`` as documents can hold it (DOCX and XML refuse control characters) and no
    terminal can be steered by: no control, escape or bidi-override character. A line or
    page break pasted from Word (U+000B, U+000C) becomes ``line_break``."""
    return strip_controls(text.replace("\x0b", line_break).replace("\x0c", line_break))[0]


def stored_text(text: str) -> str:
    """A cue's text or translation as it is stored: :func:`clean_text`, and no control
    characters (typed or pasted in the desk, given on the command line); a line break
    pasted from Word (U+000B) becomes a line break."""
    return without_controls(clean_text(text), line_break="\n")


_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to write to a terminal: controls, escapes, bidi overrides, lone
    surrogates (undecodable file names) and unassigned code points are shown as
    ``\\x1b``, ``\\u202e`` and so on; every other letter (Vietnamese, Khmer) is kept."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        cp = ord(ch)
        if ch == "\n" and keep_newlines or ch == "\t":
            out.append(ch)
        elif cp in _BIDI or unicodedata.category(ch) in _UNPRINTABLE_CATEGORIES:
            out.append(f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}")
        else:
            out.append(ch)
    return "".join(out)


def contains(text: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``text`` ignoring case and tone placement.

    "Tỉnh uỷ" finds "Tỉnh ủy" and the other way round; a needle that stops inside
    a syllable ("hoà" in "hoàng") still finds it by the plain case-folded form.
    """
    if not needle:
        return True
    return match_key(needle) in match_key(text) or fold(needle) in fold(text)
