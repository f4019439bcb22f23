"""Turning the bytes of an imported file into NFC text, whatever the encoding.

Order of detection: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without
a BOM (zero high bytes); strict UTF-8 (a file whose Vietnamese lines are UTF-8
but one line is not is refused, naming the line, rather than garbled); then
every legacy candidate (Windows-1258, TCVN3, VNI, VISCII) is tried and the
one whose text has the most valid Vietnamese syllables wins. Line endings
(CRLF, CR, mixed) become ``\\n`` and the text is NFC (Windows-1258 decodes to
partly decomposed letters; NFD input is composed too).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.legacy import LEGACY_CODECS, legacy_codec
from ttdn_studio.formats.vietnamese import vietnamese_score
from ttdn_studio.text import clean_text

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Legacy candidates in order of preference when scores tie.
_CANDIDATES = ("cp1258", "tcvn3", "vni", "viscii")
# Control bytes that never appear in text (VISCII uses 0x02, 0x05, 0x06, 0x14, 0x19, 0x1E).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 2, 5, 6, 20, 25, 30))


def _decoder(name: str, path: Path | None = None) -> Callable[[bytes], str]:
    legacy = legacy_codec(name)
    if legacy is not None:
        return legacy.decode
    known = ", ".join(["utf-8", "utf-16", "utf-32", "cp1258", *LEGACY_CODECS])
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ImportFailed(f"unknown encoding {name!r} (try one of: {known})", file=path) from None
    # base64, rot13, zlib, hex... are codecs but not text encodings; "undefined" always fails
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_TEXT:
        raise ImportFailed(
            f"{name!r} is not a text encoding (try one of: {known})", file=path
        ) from None
    return lambda data: info.decode(data, "strict")[0]


_NOT_TEXT = frozenset({"undefined", "idna", "punycode"})


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_of(data: bytes, position: int) -> int:
    return len(_LINE_BREAK.findall(data[:position])) + 1


def _decode_with(data: bytes, name: str, path: Path) -> str:
    try:
        return _decoder(name, path)(data)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise ImportFailed(
            f"cannot be read as {name}: byte 0x{data[exc.start]:02x} is not valid there"
            " (check --encoding)",
            file=path,
            line=line,
            desk=f"cannot be read as {name}: byte 0x{data[exc.start]:02x} is not valid there"
            " (save the file as UTF-8 and import it again)",
        ) from None


def _check_not_binary(data: bytes, path: Path) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportFailed(
            "contains NUL bytes: not a text file (binary or mis-encoded)",
            file=path,
            line=_line_of(data, nul),
        )
    controls = sum(data.count(bytes([b])) for b in _BINARY_BYTES)
    if controls > max(2, len(data) // 200):
        raise ImportFailed("looks like binary data, not text", file=path)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like UTF-16 text without a BOM:
    a zero high byte in a good share of the characters (digits, spaces, Latin
    letters of times and text) and never a zero low byte."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * (len(sample) // 2) and even == 0:
        return "utf-16-le"
    if even > 0.3 * (len(sample) // 2) and odd == 0:
        return "utf-16-be"
    return None


def _first_line_not_utf8(data: bytes) -> int | None:
    """In a file pasted together from two sources, the first line that is not UTF-8
    while other lines are Vietnamese in UTF-8 (decoding it all in a legacy encoding
    would garble those silently); None when the file is not such a mix."""
    evidence, first_bad = 0, None
    for number, line in enumerate(_LINE_BREAK.split(data), start=1):
        if line.isascii():
            continue
        try:
            evidence += vietnamese_score(line.decode("utf-8"))
        except UnicodeDecodeError:
            first_bad = first_bad or number
    return first_bad if first_bad is not None and evidence >= 2 else None


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for name in _CANDIDATES:
        try:
            text = clean_text(_decoder(name)(data))
        except UnicodeDecodeError:
            continue
        score = vietnamese_score(text)
        if best is None or score > best[0]:
            best = (score, name, text)
    return (best[2], best[1]) if best else None


def decode_bytes(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` (read from ``path``) to NFC text with ``\\n`` newlines.

    Returns ``(text, encoding name)``. ``encoding`` overrides detection (Python
    codec names plus ``tcvn3``, ``vni``, ``viscii``). Raises :class:`ImportFailed`
    naming the file and line when the bytes cannot be text.
    """
    path = Path(path)
    if encoding:
        name = encoding.strip().lower()
        return clean_text(_decode_with(data, name, path)).removeprefix("\ufeff"), name
    for bom, name in _BOMS:
        if data.startswith(bom):
            return clean_text(_decode_with(data, name, path)).removeprefix("\ufeff"), name
    wide = _utf16_without_bom(data)
    if wide is not None:
        return clean_text(_decode_with(data, wide, path)), wide
    _check_not_binary(data, path)
    try:
        return clean_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    mixed = _first_line_not_utf8(data)
    if mixed is not None:
        raise ImportFailed(
            "mixes encodings: this line is not UTF-8 but the file's other"
            " Vietnamese lines are; retype the line in UTF-8 (or give --encoding"
            " if the whole file is in one legacy encoding)",
            file=path,
            line=mixed,
            desk="mixes encodings: this line is not UTF-8 but the file's other"
            " Vietnamese lines are; retype the line in UTF-8 and import the file again",
        )
    guess = _guess_legacy(data)
    if guess is None:
        raise ImportFailed(
            "is not UTF-8 and not a known Vietnamese encoding (use --encoding)",
            file=path,
            line=_line_of(data, first_error.start),
            desk="is not UTF-8 and not a known Vietnamese encoding (save the file as UTF-8"
            " and import it again)",
        )
    return guess
