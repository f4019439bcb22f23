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
