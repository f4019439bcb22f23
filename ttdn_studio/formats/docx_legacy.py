"""Legacy Vietnamese fonts inside Word files: TCVN3 (``.VnTime``…) and VNI (``VNI-Times``…).

Before Unicode, Vietnamese documents were typed with fonts that drew Vietnamese
letters in place of Latin-1 ones: Word stores ``Cµ Mau lµ tØnh`` and only the
font (``.VnTime``) makes it read "Cà Mau là tỉnh". A run is decoded when its
font is such a face, or (whatever its font) when its paragraph's text scores
clearly better as Vietnamese once decoded with one of the legacy codecs
(:mod:`ttdn_studio.formats.legacy`). Each run keeps its own decision, so a
paragraph mixing a ``.VnTime`` quote with Unicode text comes out right.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ttdn_studio.formats.legacy import legacy_codec
from ttdn_studio.formats.vietnamese import vietnamese_score
from ttdn_studio.text import nfc

# Font-name prefixes (case-folded) of the legacy faces and the codec each implies.
FONT_PREFIXES: tuple[tuple[str, str], ...] = ((".vn", "tcvn3"), ("vni-", "vni"), ("vni ", "vni"))
# Codecs tried on text whose font says nothing (cp1258 text in Word is already Unicode).
_SCORED = ("tcvn3", "vni")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def font_encoding(font: str | None) -> str | None:
    """``"tcvn3"`` for ``.VnTime``/``.VnArialH``…, ``"vni"`` for ``VNI-Times``…, else None."""
    name = (font or "").strip().casefold()
    return next((codec for prefix, codec in FONT_PREFIXES if name.startswith(prefix)), None)


def _as_bytes(text: str) -> bytes | None:
    """The bytes a legacy font drew ``text`` from (Word keeps them as cp1252/Latin-1 chars)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def decode_legacy(text: str, codec: str) -> str | None:
    """``text`` as typed with a ``codec`` font, in Unicode NFC; None when it cannot be."""
    data = _as_bytes(text)
    found = legacy_codec(codec)
    if data is None or found is None:
        return None
    try:
        return nfc(found.decode(data))
    except (UnicodeDecodeError, ValueError):
        return None


def guess_codec(text: str) -> str | None:
    """The legacy codec under which ``text`` reads clearly better as Vietnamese, if any."""
    if text.isascii():
        return None
    base = vietnamese_score(text)
    best: tuple[int, str] | None = None
    for codec in _SCORED:
        decoded = decode_legacy(text, codec)
        if decoded is None or decoded == text:
            continue
        score = vietnamese_score(decoded)
        if score >= base + 4 and (best is None or score > best[0]):
            best = (score, codec)
    return best[1] if best else None


def _style_font(style: Any) -> str | None:
    while style is not None:
        name = getattr(getattr(style, "font", None), "name", None)
        if name:
            return str(name)
        style = getattr(style, "base_style", None)
    return None


def _run_font(run: Any, paragraph_font: str | None) -> str | None:
    rpr = run._element.rPr
    if rpr is not None and rpr.rFonts is not None:
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            value = rpr.rFonts.get(f"{_W}{attr}")
            if value:
                return str(value)
    return _style_font(getattr(run, "style", None)) or paragraph_font


def paragraph_text(paragraph: Any, default_font: str | None) -> tuple[str, str | None]:
    """The paragraph's text with legacy runs decoded, and the codec found (None: Unicode)."""
    para_font = _style_font(getattr(paragraph, "style", None)) or default_font
    runs = list(paragraph.runs)
    if not runs:
        return paragraph.text, None
    pieces: list[tuple[str, str | None]] = [
        (run.text, font_encoding(_run_font(run, para_font))) for run in runs
    ]
    plain = "".join(t for t, codec in pieces if codec is None)
    guessed = guess_codec(plain) if plain else None
    out: list[str] = []
    used: list[str] = []
    for text, codec in pieces:
        codec = codec or guessed
        decoded = decode_legacy(text, codec) if codec else None
        if decoded is not None and decoded != text:
            out.append(decoded)
            used.append(codec or "")
        else:
            out.append(text)
    if not used:  # python-docx's own text also holds hyperlinks and fields
        return paragraph.text, None
    return "".join(out), (max(set(used), key=used.count) if used else None)


def document_default_font(document: Any) -> str | None:
    """The font of the document's Normal style (None when the theme decides)."""
    try:
        return _style_font(document.styles["Normal"])
    except KeyError:
        return None


def describe_ranges(found: Iterable[tuple[int, str | None]]) -> str:
    """``[(1, "tcvn3"), (2, "tcvn3"), (4, "vni")]`` → ``"tcvn3 in paragraphs 1-2, vni in paragraph 4"``."""
    ranges: list[tuple[int, int, str]] = []
    for number, codec in found:
        if codec is None:
            continue
        if ranges and ranges[-1][2] == codec and ranges[-1][1] == number - 1:
            ranges[-1] = (ranges[-1][0], number, codec)
        else:
            ranges.append((number, number, codec))
    return ", ".join(
        f"{codec} in paragraph {a}" if a == b else f"{codec} in paragraphs {a}-{b}"
        for a, b, codec in ranges
    )
