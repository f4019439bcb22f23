"""Required and forbidden renderings of sensitive glossary terms, in English and Khmer."""

from __future__ import annotations

import pytest

from ttdn_studio.glossary import load_glossary
from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.glossary.sensitive import sensitive_findings

SEA = GlossaryEntry(
    vi="Biển Đông",
    en="East Sea",
    km="សមុទ្រខាងកើត",
    forbidden={"en": ["South China Sea"], "km": ["សមុទ្រចិនខាងត្បូង"]},
    sensitive="sovereignty over the sea and islands",
)
PM = GlossaryEntry(vi="Thủ tướng Chính phủ", en="Prime Minister", sensitive="titles")
GOV = GlossaryEntry(vi="Chính phủ", en="Government", sensitive="state bodies")
HOA = GlossaryEntry(vi="Khánh Hoà", en="Khanh Hoa", sensitive="place (test)")
PLAIN = GlossaryEntry(vi="Năm Căn", en="Nam Can", forbidden={"en": ["Namcan"]})
ENTRIES = [SEA, PM, GOV, HOA, PLAIN]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        # English: the agreed form, inflected, passes
        ("Biển Đông rộng lớn", "The East Sea is vast", "en", []),
        ("Biển Đông rộng lớn", "the East Sea's islands", "en", []),
        ("Biển Đông rộng lớn", "THE EAST SEA", "en", []),
        ("Biển Đông rộng lớn", "the East\nSea", "en", []),
        # English: the forbidden form, in any inflection or case, is found as written
        ("Biển Đông", "the South China Sea", "en", [("forbidden", "South China Sea")]),
        ("Biển Đông", "South China Sea's reefs", "en", [("forbidden", "South China Sea's")]),
        ("Biển Đông", "the south china sea", "en", [("forbidden", "south china sea")]),
        ("Biển Đông", "South China Sea’s reefs", "en", [("forbidden", "South China Sea's")]),
        # forbidden even when the source does not name the sea
        (
            "Cà Mau có rừng",
            "Ca Mau faces the South China Sea",
            "en",
            [("forbidden", "South China Sea")],
        ),
        # English: the agreed form missing
        ("Biển Đông rộng lớn", "The sea is vast", "en", [("missing", "")]),
        # Vietnamese source: case and tone placement do not matter ("hoà" = "hòa")
        ("BIỂN ĐÔNG", "The sea", "en", [("missing", "")]),
        ("tỉnh Khánh Hòa", "Khanh Hoa Province", "en", []),
        ("tỉnh Khánh Hòa", "the province", "en", [("missing", "")]),
        # a word that merely contains the term is not the term
        ("Biển Đôngxyz", "The sea", "en", []),
        # the longest sensitive term wins: a Prime Minister is not also a "Government"
        ("Thủ tướng Chính phủ phát biểu", "The Prime Minister spoke", "en", []),
        ("Chính phủ quyết định", "The cabinet decided", "en", [("missing", "")]),
        # not sensitive: ordinary glossary rules do not gate
        ("Năm Căn", "Namcan", "en", []),
        # Khmer: agreed form passes, zero-width spaces ignored
        ("Biển Đông", "សមុទ្រខាងកើតធំ", "km", []),
        ("Biển Đông", "សមុទ្រ\u200bខាងកើត", "km", []),
        # Khmer: forbidden form found anywhere (no spaces between words)
        ("Biển Đông", "នៅសមុទ្រចិនខាងត្បូង", "km", [("forbidden", "សមុទ្រចិនខាងត្បូង")]),
        ("Biển Đông", "សមុទ្រ", "km", [("missing", "")]),
        # nothing to check in an empty translation
        ("Biển Đông", "", "en", []),
    ],
)
def test_sensitive_rules(
    source: str, target: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    found = sensitive_findings(ENTRIES, source, target, lang)
    assert [(f.kind, f.found) for f in found] == expected


def test_a_forbidden_rendering_is_not_also_reported_missing() -> None:
    found = sensitive_findings(ENTRIES, "Biển Đông", "the South China Sea", "en")
    assert len(found) == 1
    assert "“South China Sea” must not be used for “Biển Đông”; use “East Sea”" in found[0].message


def test_the_shipped_glossary_marks_sea_islands_bodies_and_titles_with_a_source() -> None:
    glossary = load_glossary()
    marked = {e.vi: e for e in glossary if e.is_sensitive}
    for term in (
        "Biển Đông",
        "Hoàng Sa",
        "Trường Sa",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Quốc hội",
        "Ủy ban nhân dân tỉnh",
        "Chủ tịch UBND tỉnh",
        "Bí thư Tỉnh ủy",
        "Thủ tướng Chính phủ",
        "Chủ tịch nước",
        "Tổng Bí thư",
        "Chủ tịch Hồ Chí Minh",
    ):
        assert term in marked, term
        assert len(marked[term].sensitive) > 20, term  # names where the rule comes from
    sea = marked["Biển Đông"]
    assert sea.forbidden_in("en") == ["South China Sea"]
    assert sea.forbidden_in("km") and sea.km
    assert "Cà Mau" not in marked  # ordinary place names are not sensitive
    found = sensitive_findings(glossary, "Biển Đông", "the South China Sea", "en")
    assert [f.entry.vi for f in found] == ["Biển Đông"]


def test_the_sensitive_column_round_trips_through_tsv_and_tbx(tmp_path) -> None:
    from ttdn_studio.glossary.tabular import read_table, write_table
    from ttdn_studio.glossary.tbx import read_tbx, write_tbx

    tsv = tmp_path / "g.tsv"
    tsv.write_text(write_table([SEA, PLAIN], "\t"), encoding="utf-8")
    assert tsv.read_text(encoding="utf-8").splitlines()[0].endswith("\tsensitive")
    assert read_table(tsv, "\t") == [SEA, PLAIN]
    tbx = tmp_path / "g.tbx"
    tbx.write_text(write_tbx([SEA, PLAIN]), encoding="utf-8")
    assert read_tbx(tbx) == [SEA, PLAIN]
    # a file with no sensitive entry keeps its old columns
    assert "sensitive" not in write_table([PLAIN], "\t")
