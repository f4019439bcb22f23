"""One matching form for old and new Vietnamese tone placement, and letter case."""

from __future__ import annotations

import unicodedata

import pytest

from ttdn_studio.text import match_key

TONES = {"\u0300": "huyền", "\u0301": "sắc", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}


def _with_tone(base: str, at: int, tone: str) -> str:
    return unicodedata.normalize("NFC", base[: at + 1] + tone + base[at + 1 :])


@pytest.mark.parametrize("pair", ["oa", "oe", "uy", "OA", "Oe", "UY"])
@pytest.mark.parametrize("tone", list(TONES))
@pytest.mark.parametrize("onset", ["h", "t", "kh", "th", "x", "l", ""])
def test_every_open_oa_oe_uy_syllable_matches_in_both_placements(
    pair: str, tone: str, onset: str
) -> None:
    word = onset + pair
    old = _with_tone(word, len(onset), tone)  # tone on the first vowel: hòa
    new = _with_tone(word, len(onset) + 1, tone)  # on the second: hoà
    assert old != new
    assert match_key(old) == match_key(new)
    assert len(match_key(new)) == len(new)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("toạ độ", "tọa độ"),
        ("Uỷ viên Ban Thường vụ Tỉnh uỷ", "Ủy viên Ban Thường vụ Tỉnh ủy"),
        ("HOÀ BÌNH", "hòa bình"),
        ("khoẻ", "khỏe"),
        ("Thuỷ sản", "thủy sản"),
    ],
)
def test_real_spellings_match(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hoàng", "hòang"),  # a final consonant: only one spelling is right
        ("quả", "qủa"),  # qu: the u belongs to the consonant
        ("quý", "qúy"),
        ("hòa", "hóa"),  # different tones stay different
        ("Cà Mau", "Cá Mau"),
    ],
)
def test_different_words_stay_apart(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def test_key_keeps_one_character_per_character() -> None:
    text = "Năm Căn, Tỉnh uỷ và Ủy ban – “toạ độ” 2025"
    key = match_key(text)
    assert len(key) == len(text)
    start = key.index(match_key("tỉnh ủy"))
    assert text[start : start + len("Tỉnh uỷ")] == "Tỉnh uỷ"
    assert match_key(unicodedata.normalize("NFD", text)) == key
