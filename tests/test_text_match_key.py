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


def test_the_quick_paths_give_the_word_by_word_key() -> None:
    """English and Khmer texts skip the word-by-word pass (QC folds every cue): the key
    must be the same as the full pass gives, for any mix of scripts, cases and marks."""
    import random

    from ttdn_studio.text import _slow_match_key, nfc

    alphabet = list(
        "aAeEoOuUyYqQ iIzZ09 .,-_\n\tDđĐơƠưƯ"
        "àáảãạÀÁẢÃẠèéẻẽẹỳýỷỹỵÒÓÙÚ"  # toned vowels, precomposed
        "\u0300\u0301\u0309\u0303\u0323"  # tones as combining marks
        "ខេត្តកាម៉ៅ២០"  # Khmer letters, signs and digits
        "αάΑΆяЯİıßẞⒶⓐ½ÅΩ"  # other scripts, special case mappings
    )
    rng = random.Random(5)
    samples = ["Hello World", "HOA hoà", "ខេត្តកាម៉ៅ", "ខេត្ត Ca Mau", "hoà", "Thuỷ", "İstanbul"]
    samples += ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(4000)]
    for text in samples:
        assert match_key(text) == _slow_match_key(nfc(text)), repr(text)
