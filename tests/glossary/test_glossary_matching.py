"""Term matching: normalisation, case, overlaps, word boundaries, line breaks, Khmer."""

from __future__ import annotations

import unicodedata

import pytest

from ttdn_studio.glossary import Glossary, GlossaryEntry, TermMatcher, fold_for_match
from ttdn_studio.glossary.matcher import _fold_slow


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(
        [
            GlossaryEntry(
                vi="Cà Mau",
                en="Ca Mau",
                km="ទឹកខ្មៅ",
                domain="place",
                forbidden={"en": ["Camau", "Ca-Mau"]},
            ),
            GlossaryEntry(
                vi="Mũi Cà Mau", en="Ca Mau Cape", domain="place", forbidden={"en": ["Mui Ca Mau"]}
            ),
            GlossaryEntry(
                vi="Vườn quốc gia Mũi Cà Mau", en="Mui Ca Mau National Park", domain="place"
            ),
            GlossaryEntry(
                vi="Vườn quốc gia U Minh Hạ", en="U Minh Ha National Park", domain="place"
            ),
            GlossaryEntry(vi="Đất Mũi", en="Dat Mui", domain="place"),
            GlossaryEntry(vi="mật ong", en="honey", km="ទឹកឃ្មុំ", domain="product"),
            GlossaryEntry(
                vi="Đài Phát thanh - Truyền hình",
                en="Radio and Television Station",
                domain="agency",
            ),
        ]
    )


def spans(glossary: Glossary, text: str, lang: str = "vi") -> list[tuple[str, str]]:
    return [(m.text, m.entry.vi) for m in glossary.find(text, lang)]


def test_match_reports_the_text_as_written(glossary: Glossary) -> None:
    text = "Du khách đến Cà Mau."
    [m] = glossary.find(text)
    assert text[m.start : m.end] == m.text == "Cà Mau"
    assert m.entry.en == "Ca Mau"


@pytest.mark.parametrize("written", ["ĐẤT MŨI", "đất mũi", "Đất mũi", "ĐấT MũI"])
def test_case_insensitive(glossary: Glossary, written: str) -> None:
    assert spans(glossary, f"Về {written} nhé") == [(written, "Đất Mũi")]


def test_nfd_input_matches_and_maps_back(glossary: Glossary) -> None:
    text = unicodedata.normalize("NFD", "Khách về ĐẤT MŨI, tỉnh Cà Mau")
    assert text != unicodedata.normalize("NFC", text)
    found = glossary.find(text)
    assert [unicodedata.normalize("NFC", m.text) for m in found] == ["ĐẤT MŨI", "Cà Mau"]
    for m in found:
        assert text[m.start : m.end] == m.text  # positions are in the NFD string itself
    assert found[-1].end == len(text)


def test_diacritics_matter(glossary: Glossary) -> None:
    assert spans(glossary, "Ca Mau va Dat Mui") == []
    assert spans(glossary, "Cá Mâu") == []


def test_longest_term_wins(glossary: Glossary) -> None:
    assert spans(glossary, "Vườn quốc gia Mũi Cà Mau") == [
        ("Vườn quốc gia Mũi Cà Mau", "Vườn quốc gia Mũi Cà Mau")
    ]
    assert spans(glossary, "đến Mũi Cà Mau rồi về Cà Mau") == [
        ("Mũi Cà Mau", "Mũi Cà Mau"),
        ("Cà Mau", "Cà Mau"),
    ]


@pytest.mark.parametrize("text", ["Cà Mauu", "XCà Mau", "Cà Mau1", "2Cà Mau", "Cà Mau\u0301"])
def test_whole_words_only(glossary: Glossary, text: str) -> None:
    assert spans(glossary, text) == []


@pytest.mark.parametrize("text", ["(Cà Mau)", "“Cà Mau”", "Cà Mau-", "Cà Mau.", "tỉnh Cà Mau, "])
def test_punctuation_is_a_boundary(glossary: Glossary, text: str) -> None:
    assert spans(glossary, text) == [("Cà Mau", "Cà Mau")]


@pytest.mark.parametrize(
    "text",
    [
        "Vườn quốc gia\nU Minh Hạ",
        "Vườn quốc gia \n  U Minh Hạ",
        "Vườn  quốc\tgia U Minh\r\nHạ",
    ],
)
def test_terms_across_line_breaks(glossary: Glossary, text: str) -> None:
    [m] = glossary.find(text)
    assert (m.start, m.end) == (0, len(text))
    assert m.entry.en == "U Minh Ha National Park"


def test_dash_variants_match(glossary: Glossary) -> None:
    for dash in ("-", "–", "—"):
        text = f"Đài Phát thanh {dash} Truyền hình Cà Mau"
        assert spans(glossary, text)[0] == (
            f"Đài Phát thanh {dash} Truyền hình",
            "Đài Phát thanh - Truyền hình",
        )


def test_khmer_matches_without_spaces(glossary: Glossary) -> None:
    text = "ខេត្តទឹកខ្មៅមានទឹកឃ្មុំល្អ"
    found = glossary.find(text, "km")
    assert [m.text for m in found] == ["ទឹកខ្មៅ", "ទឹកឃ្មុំ"]
    assert [m.entry.vi for m in found] == ["Cà Mau", "mật ong"]


def test_english_matching_and_forbidden(glossary: Glossary) -> None:
    text = "Camau and Ca-Mau are wrong; Ca Mau Cape and Mui Ca Mau National Park are right."
    assert [m.text for m in glossary.find_forbidden(text, "en")] == ["Camau", "Ca-Mau"]
    assert [m.entry.vi for m in glossary.find(text, "en")] == [
        "Mũi Cà Mau",
        "Vườn quốc gia Mũi Cà Mau",
    ]
    assert [m.text for m in glossary.find_forbidden("Welcome to Mui Ca Mau.", "en")] == [
        "Mui Ca Mau"
    ]


def test_lookup_by_any_language(glossary: Glossary) -> None:
    assert glossary.lookup("cà mau") is not None
    assert glossary.lookup(unicodedata.normalize("NFD", "ĐẤT MŨI")).en == "Dat Mui"  # type: ignore[union-attr]
    assert glossary.lookup("ca mau cape", "en").vi == "Mũi Cà Mau"  # type: ignore[union-attr]
    assert glossary.lookup("ទឹកឃ្មុំ", "km").vi == "mật ong"  # type: ignore[union-attr]
    assert glossary.lookup("Hà Nội") is None


def test_add_replaces_and_rebuilds(glossary: Glossary) -> None:
    g = glossary.copy()
    assert spans(g, "Năm Căn") == []
    g.add(GlossaryEntry(vi="Năm Căn", en="Nam Can", domain="place"))
    g.add(GlossaryEntry(vi="CÀ MAU", en="Ca Mau (new)", domain="place"))
    assert spans(g, "Năm Căn") == [("Năm Căn", "Năm Căn")]
    assert g.lookup("Cà Mau").en == "Ca Mau (new)"  # type: ignore[union-attr]
    assert len(g) == len(glossary) + 1
    assert glossary.lookup("Cà Mau").en == "Ca Mau"  # type: ignore[union-attr]


def test_overlap_resolution_prefers_the_longest() -> None:
    matcher = TermMatcher([("a b", 1), ("b c d", 2), ("d e", 3)])
    assert [p for _, _, p in matcher.find("a b c d e")] == [2]
    assert [p for _, _, p in matcher.find("a b x d e")] == [1, 3]


def test_fold_fast_paths_agree_with_the_slow_one() -> None:
    samples = [
        "Vườn quốc gia\n  U Minh Hạ ",
        "a\t\tb",
        "\n\nx",
        "ĐẤT MŨI",
        "Straße – ’",
        "ទឹកខ្មៅ  ក",
    ]
    for text in samples + [unicodedata.normalize("NFD", s) for s in samples]:
        fast, slow = fold_for_match(text), _fold_slow(text)
        assert fast.text == slow.text, text
        n = len(fast.text)
        assert fast.span(0, n) == slow.span(0, n) == (0, len(text))
        if not any(unicodedata.category(c).startswith("M") for c in text):
            assert [fast.span(i, i + 1) for i in range(n)] == [
                slow.span(i, i + 1) for i in range(n)
            ]


def test_keeps_source() -> None:
    assert GlossaryEntry(vi="Năm Căn", en="Nam Can").keeps_source("en")
    assert GlossaryEntry(vi="Đất Mũi", en="Đất Mũi").keeps_source("en")
    assert not GlossaryEntry(vi="Mũi Cà Mau", en="Ca Mau Cape").keeps_source("en")
    assert not GlossaryEntry(vi="Cà Mau", en="Ca Mau").keeps_source("km")
    assert GlossaryEntry(vi="Cà Mau", en="Ca Mau").term("fr") == ""


def test_matches_are_remembered_until_an_entry_is_added() -> None:
    glossary = Glossary([GlossaryEntry(vi="Cà Mau", en="Ca Mau", domain="place")])
    text = "Tôm và cua ở Năm Căn"
    assert glossary.find(text) == []
    glossary.find(text).append("caller's own list")  # callers may change what they get
    assert glossary.find(text) == []
    glossary.add(GlossaryEntry(vi="Năm Căn", en="Nam Can", domain="place"))
    assert [m.entry.en for m in glossary.find(text)] == ["Nam Can"]
