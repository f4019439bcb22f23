"""Text normalisation shared by every layer: all text is stored and compared in NFC."""

from __future__ import annotations

import unicodedata


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
