"""Decoding imported files: Unicode forms, Windows-1258 and the legacy Vietnamese encodings."""

from __future__ import annotations

import codecs
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats import LEGACY_CODECS, decode_bytes

# Known Vietnamese text (NFC). TCVN3 has no uppercase toned letters, so this sample has none.
SAMPLE = (
    "Cà Mau - Đất và người: rừng U Minh Hạ, mũi Cà Mau, Năm Căn.\n"
    "Người dân nơi đây sống bằng nghề nuôi tôm, đánh bắt thủy sản; "
    "những chuyến đò ngược xuôi trên sông Gành Hào, quỹ đất, kỷ niệm, sẵn sàng, thuở ấy.\n"
)
UPPER_SAMPLE = "ĐẤT MŨI CÀ MAU, RỪNG ĐƯỚC NĂM CĂN, SẴN SÀNG, THUỞ ẤY, KỶ NIỆM.\n"
PATH = Path("tap-1.srt")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 writes tones as combining marks after a (possibly hatted) base letter."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("name", ["tcvn3", "vni", "viscii"])
def test_legacy_encodings_are_detected_and_decoded_exactly(name: str) -> None:
    data = LEGACY_CODECS[name].encode(SAMPLE)
    assert data != SAMPLE.encode("utf-8")
    text, used = decode_bytes(data, PATH)
    assert used == name
    assert text == SAMPLE


@pytest.mark.parametrize("name", ["vni", "viscii"])
def test_uppercase_toned_letters(name: str) -> None:
    text, used = decode_bytes(LEGACY_CODECS[name].encode(UPPER_SAMPLE + SAMPLE), PATH)
    assert (text, used) == (UPPER_SAMPLE + SAMPLE, name)


def test_cp1258_decodes_to_nfc() -> None:
    data = to_cp1258(SAMPLE + UPPER_SAMPLE)
    text, used = decode_bytes(data, PATH)
    assert used == "cp1258"
    assert text == SAMPLE + UPPER_SAMPLE
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Vi\xd6t Nam, \xa7\xcat M\xf2i", "Việt Nam, Đất Mũi"),  # TCVN3 bytes from the standard
        (b"Vie\xe4t Nam, \xd1a\xe1t Mu\xf5i", "Việt Nam, Đất Mũi"),  # VNI: base letter + mark byte
    ],
)
def test_published_byte_layouts(data: bytes, expected: str) -> None:
    assert decode_bytes(data * 5, PATH)[0] == expected * 5


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_viscii_table_matches_the_system_charmap() -> None:
    data = bytes(range(128, 256)) + bytes([2, 5, 6, 20, 25, 30])
    result = subprocess.run(
        ["iconv", "-f", "VISCII", "-t", "UTF-8"], input=data, capture_output=True, check=True
    )
    assert LEGACY_CODECS["viscii"].decode(data) == result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_unicode_with_bom(codec: str, bom: bytes) -> None:
    text, _ = decode_bytes(bom + SAMPLE.encode(codec), PATH)
    assert text == SAMPLE


def test_utf8_without_bom_and_nfd_input_become_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert nfd != SAMPLE
    text, used = decode_bytes(nfd.encode("utf-8"), PATH)
    assert (text, used) == (SAMPLE, "utf-8")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_line_endings(newline: str) -> None:
    lines = SAMPLE.rstrip("\n").split("\n") + ["dòng ba"]
    if newline == "mixed":
        raw = lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n"
    else:
        raw = newline.join(lines) + newline
    text, _ = decode_bytes(raw.encode("utf-8"), PATH)
    assert text == "\n".join(lines) + "\n"


def test_encoding_override_wins_over_detection() -> None:
    data = LEGACY_CODECS["vni"].encode(SAMPLE)
    assert decode_bytes(data, PATH, "vni") == (SAMPLE, "vni")
    forced, _ = decode_bytes(data, PATH, "cp1252")
    assert forced != SAMPLE  # the override is obeyed even when it is wrong


def test_override_that_cannot_decode_names_file_and_line() -> None:
    data = "dòng một\ndòng hai\n".encode() + b"\xff\xfe bad\n"
    with pytest.raises(ImportFailed) as info:
        decode_bytes(data, PATH, "utf-8")
    assert info.value.file == PATH and info.value.line == 3
    assert "tap-1.srt, line 3" in str(info.value)


def test_unknown_encoding_name() -> None:
    with pytest.raises(ImportFailed, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", PATH, "klingon")


def test_plain_ascii_is_utf8() -> None:
    assert decode_bytes(b"Ca Mau\n", PATH) == ("Ca Mau\n", "utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(codec: str) -> None:
    srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\n" + SAMPLE
    assert decode_bytes(srt.encode(codec), PATH) == (srt.replace("\r\n", "\n"), codec)


def test_a_file_mixing_utf8_and_a_legacy_line_is_refused_at_that_line() -> None:
    """Garbling the UTF-8 lines by reading everything as Windows-1258 would lose text silently."""
    data = SAMPLE.encode() + b"\n" + to_cp1258("Rừng đước Năm Căn") + "\r\nCà Mau\n".encode()
    with pytest.raises(ImportFailed) as caught:
        decode_bytes(data, PATH)
    assert caught.value.line == 4 and "mixes encodings" in caught.value.message


def test_a_legacy_file_is_not_mistaken_for_a_mix() -> None:
    for name in ("tcvn3", "vni", "viscii"):
        assert decode_bytes(LEGACY_CODECS[name].encode(SAMPLE * 3), PATH) == (SAMPLE * 3, name)
    assert decode_bytes(to_cp1258(SAMPLE * 3), PATH) == (SAMPLE * 3, "cp1258")
