"""Expected spoken length per language (the aligner's weights)."""

from __future__ import annotations

from ttdn_studio.media.syllables import syllables


def test_vietnamese_counts_one_syllable_a_word_and_reads_digits() -> None:
    assert syllables("Cà Mau có ba mặt giáp biển", "vi") == 7
    assert syllables("Cà Mau,\ncó ba mặt giáp biển.", "vi") == 7.5  # a breath at the comma
    assert syllables("rộng 8.000 ha", "vi") == 2 + 6  # four digits read out


def test_english_counts_vowel_groups() -> None:
    assert syllables("the mangrove forest", "en") == 1 + 2 + 2
    assert syllables("Welcome", "en") == 2  # silent final e


def test_khmer_counts_syllables_not_characters() -> None:
    short = syllables("ទឹកខ្មៅ", "km")  # Tuek Khmau: two syllables, the second with a subscript
    long = syllables("នៅចុងខាងត្បូងនៃប្រទេសវៀតណាម", "km")
    assert 2 <= short <= 4 and short < long
    assert syllables("ត្បូង", "km") <= 2  # the subscript consonant starts no syllable
