"""Sentence splitting and reassembly for machine translation."""

from __future__ import annotations

import pytest

from ttdn_studio.translate.sentences import Sentence, join_sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cà Mau rất đẹp. Du khách đến thăm Năm Căn.",
            ["Cà Mau rất đẹp.", "Du khách đến thăm Năm Căn."],
        ),
        ("TP. Cà Mau có nhiều tôm. Cua rất ngon!", ["TP. Cà Mau có nhiều tôm.", "Cua rất ngon!"]),
        ("TS. Nguyễn Văn A nói về rừng.", ["TS. Nguyễn Văn A nói về rừng."]),
        ("Tôm, cua, cá v.v. Tất cả đều ngon.", ["Tôm, cua, cá v.v. Tất cả đều ngon."]),
        ("Giá 3.5 triệu đồng. Rẻ lắm.", ["Giá 3.5 triệu đồng.", "Rẻ lắm."]),
        ("Dr. Smith visits Ca Mau. He likes crab.", ["Dr. Smith visits Ca Mau.", "He likes crab."]),
        ("Anh ấy đi... rồi về.", ["Anh ấy đi... rồi về."]),
        ("Đến ⟦T0⟧ chưa? ⟦T1⟧ rất xa.", ["Đến ⟦T0⟧ chưa?", "⟦T1⟧ rất xa."]),
        ("  ", []),
    ],
)
def test_split_latin(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, "vi")] == expected


def test_split_khmer_on_khan() -> None:
    parts = split_sentences("កាម៉ៅស្អាតណាស់។ភ្ញៀវទេសចរមកទស្សនា។ សូមអរគុណ៕", "km")
    assert [s.text for s in parts] == ["កាម៉ៅស្អាតណាស់។", "ភ្ញៀវទេសចរមកទស្សនា។", "សូមអរគុណ៕"]


def test_two_line_sentence_is_one_unit() -> None:
    parts = split_sentences("Rừng ngập mặn ở Cà Mau\nrất lớn.", "vi")
    assert parts == [Sentence("Rừng ngập mặn ở Cà Mau rất lớn.", "")]
    assert (
        join_sentences(["The mangrove forest is large."], parts) == "The mangrove forest is large."
    )


def test_line_break_between_sentences_survives() -> None:
    parts = split_sentences("Cà Mau rất đẹp.\nDu khách đến thăm.", "vi")
    assert [p.sep for p in parts] == ["\n", ""]
    assert join_sentences(["Ca Mau is beautiful.", "Tourists visit."], parts) == (
        "Ca Mau is beautiful.\nTourists visit."
    )
    same_line = split_sentences("Cà Mau rất đẹp. Du khách đến thăm.", "vi")
    assert join_sentences(["A.", "B."], same_line) == "A. B."


LOWER_STARTS = ["ở", "đó", "ăn", "ơi", "ưng", "ấy", "ạ", "è", "ỷ", "“ở", "(đó"]


@pytest.mark.parametrize("start", LOWER_STARTS)
def test_a_lower_case_letter_with_accents_does_not_start_a_sentence(start: str) -> None:
    """À-Ỹ mixes cases: the letter's case decides, as for "… đây. that is."."""
    text = f"Nhà ở đây. {start} đó thì khác."
    assert [s.text for s in split_sentences(text, "vi")] == [text]


@pytest.mark.parametrize("start", [s.upper() for s in LOWER_STARTS] + ["12", "“Ở", "⟦T0⟧"])
def test_an_upper_case_letter_with_accents_starts_a_sentence(start: str) -> None:
    parts = split_sentences(f"Nhà ở đây. {start} đó thì khác.", "vi")
    assert [s.text for s in parts] == ["Nhà ở đây.", f"{start} đó thì khác."]
