"""Numbers: read by each language's conventions, compared between source and target."""

from __future__ import annotations

from decimal import Decimal

import pytest
from qc_helpers import CtxFactory, RowFactory

from ttdn_studio.qc import CHECKS
from ttdn_studio.qc.numbers import digit_numbers, word_numbers


def values(text: str, lang: str) -> list[set[Decimal]]:
    return [set(v) for v in digit_numbers(text, lang)]


def test_vietnamese_and_english_separators() -> None:
    assert values("12.000 ha và 12,5 tấn", "vi") == [{Decimal(12000)}, {Decimal("12.5")}]
    assert values("12,000 ha and 12.5 tonnes", "en") == [{Decimal(12000)}, {Decimal("12.5")}]
    assert values("1.234.567,5", "vi") == [{Decimal("1234567.5")}]
    assert values("1,234,567.5", "en") == [{Decimal("1234567.5")}]


def test_khmer_digits_count_as_digits() -> None:
    assert values("ឆ្នាំ ២០២០", "km") == [{Decimal(2020)}]
    assert Decimal(12000) in values("១២.០០០ ហិកតា", "km")[0]


def test_sentence_punctuation_is_not_a_decimal_mark() -> None:
    assert values("In 2020, 12 boats.", "en") == [{Decimal(2020)}, {Decimal(12)}]


def test_written_out_small_numbers() -> None:
    assert word_numbers("mười hai người và hai mươi lăm con", "vi") == (Decimal(12), Decimal(25))
    assert word_numbers("twelve boats and twenty-one nets, forty two", "en") == (
        Decimal(12),
        Decimal(21),
        Decimal(42),
    )
    assert word_numbers("năm nay", "vi") == ()  # "năm" (year) is not read as five


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("Có 12.000 ha rừng", "There are 12,000 ha of forest", "en"),
        ("Tăng 12,5%", "Up 12.5%", "en"),
        ("Có 12 con tàu", "There are twelve boats", "en"),
        ("Có mười hai con tàu", "There are 12 boats", "en"),
        ("Năm 2020", "ឆ្នាំ ២០២០", "km"),
        ("Có 12.000 ha", "មាន ១២.០០០ ហិកតា", "km"),
        ("Có 12.000 ha", "មាន 12,000 ហិកតា", "km"),
        ("Không có số", "No numbers here", "en"),
        ("Năm 2020 và 2021", "In 2021 and 2020", "en"),
        ("Năm 2020", "", "en"),  # empty is the empty check's business
    ],
)
def test_numbers_match(
    make_ctx: CtxFactory, make_row: RowFactory, source: str, target: str, lang: str
) -> None:
    row = make_row(source=source, target=target, lang=lang)
    assert CHECKS["numbers"].run_cue(make_ctx(lang), row, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "fragment"),
    [
        ("Có 12.000 ha rừng", "There are 12.5 ha of forest", "en", "12000"),
        ("Có 12.000 ha rừng", "There are 12 ha of forest", "en", "missing"),
        ("Tăng 12,5%", "Up 12,500%", "en", "12.5"),
        ("Có 12 con tàu", "There are 13 boats", "en", "13"),
        ("Có 12 con tàu", "There are boats", "en", "missing"),
        ("Có tàu", "There are 3 boats", "en", "not in the source"),
        ("Năm 2020", "ឆ្នាំ ២០២១", "km", "2020"),
        ("Năm 2020 và 2020", "In 2020", "en", "missing"),  # counted, not just present
    ],
)
def test_numbers_differ(
    make_ctx: CtxFactory, make_row: RowFactory, source: str, target: str, lang: str, fragment: str
) -> None:
    row = make_row(source=source, target=target, lang=lang)
    found = CHECKS["numbers"].run_cue(make_ctx(lang), row, lang)
    assert found and any(fragment in f.message for f in found)
    assert all(f.severity == "error" and f.check == "numbers" for f in found)
