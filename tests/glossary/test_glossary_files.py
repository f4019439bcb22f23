"""TSV, CSV and TBX files: round trips, tolerant reading, clear errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ttdn_studio.errors import GlossaryError
from ttdn_studio.glossary import (
    GlossaryEntry,
    format_forbidden,
    load_glossary,
    parse_forbidden,
    read_glossary_file,
    write_glossary_file,
)

TRICKY = [
    GlossaryEntry(
        vi="Cà Mau",
        en="Ca Mau",
        km="ទឹកខ្មៅ",
        domain="place",
        note='English drops diacritics; "Camau" is wrong, so is Ca-Mau.',
        forbidden={"en": ["Camau", "Ca-Mau"], "km": ["កាម៉ៅ"]},
    ),
    GlossaryEntry(
        vi="Sở Văn hóa, Thể thao và Du lịch",
        en="Department of Culture, Sports and Tourism",
        domain="agency",
    ),
    GlossaryEntry(
        vi="Đờn ca tài tử Nam Bộ",
        en="Southern Vietnamese folk music (Đờn ca tài tử)",
        domain="culture",
        note="UNESCO <heritage> & more",
    ),
    GlossaryEntry(vi="tôm sú", en="black tiger shrimp", domain="product"),
]


@pytest.mark.parametrize("name", ["g.tsv", "g.csv", "g.tbx"])
def test_round_trip(tmp_path: Path, name: str) -> None:
    path = write_glossary_file(tmp_path / name, TRICKY)
    assert read_glossary_file(path) == TRICKY


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_bundled_glossary_round_trips(tmp_path: Path, fmt: str) -> None:
    entries = load_glossary().entries
    path = write_glossary_file(tmp_path / f"all.{fmt}", entries)
    assert read_glossary_file(path) == entries


def test_tbx_structure(tmp_path: Path) -> None:
    path = write_glossary_file(tmp_path / "g.tbx", TRICKY[:1])
    root = ET.parse(path).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    langs = [ls.get(lang) for ls in root.iter("langSet")]
    assert langs == ["vi", "en", "km"]
    statuses = [(t.findtext("term"), t.findtext("termNote")) for t in root.iter("tig")]
    assert ("Camau", "deprecatedTerm-admn-sts") in statuses
    assert ("Ca Mau", "preferredTerm-admn-sts") in statuses
    assert root.find(".//descrip[@type='subjectField']").text == "place"  # type: ignore[union-attr]


def test_reads_tbx_v3(tmp_path: Path) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(
        '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" xml:lang="en">'
        "<text><body><conceptEntry id='c1'><langSec xml:lang='vi-VN'><termSec><term>Năm Căn</term>"
        "</termSec></langSec><langSec xml:lang='en'><termSec><term>Nam Can</term></termSec>"
        "<termSec><term>Namcan</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts"
        "</termNote></termSec></langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    [entry] = read_glossary_file(path)
    assert (entry.vi, entry.en, entry.forbidden) == ("Năm Căn", "Nam Can", {"en": ["Namcan"]})


def test_tsv_tolerates_bom_comments_aliases_and_column_order(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_bytes(
        "\ufeffEnglish\tVietnamese\tdomain\n# a comment\n\nNam Can\tNa\u0306m Ca\u0306n\tPLACE\n".encode()
    )
    [entry] = read_glossary_file(path)
    assert (entry.vi, entry.en, entry.domain) == ("Năm Căn", "Nam Can", "place")


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("vi\ten\tdomain\nCà Mau\tCa Mau\tplanet\n", 2, "unknown domain"),
        ("vi\ten\tforbidden\nCà Mau\tCa Mau\tCamau\n", 2, "en:Variant"),
        ("vi\ten\nCà Mau\tCa Mau\textra\n", 2, "3 cells"),
        ("vi\tcolour\n", 1, "unknown column"),
        ("en\tkm\n", 1, "no 'vi' column"),
        ("vi\ten\nok\tfine\n\tNo vi\n", 3, "Vietnamese term"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, content: str, line: int, words: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    assert info.value.file == path and info.value.line == line
    assert words in info.value.message


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "latin1.tsv").write_bytes("vi\ten\nC\xe0 Mau\tCa Mau\n".encode("latin-1"))
    (tmp_path / "broken.tbx").write_text("<martif><text>", encoding="utf-8")
    (tmp_path / "g.docx").write_text("x", encoding="utf-8")
    for name, words in (
        ("latin1.tsv", "UTF-8"),
        ("broken.tbx", "XML"),
        ("g.docx", "file type"),
        ("missing.tsv", "no such"),
    ):
        with pytest.raises(GlossaryError, match=words):
            read_glossary_file(tmp_path / name)


def test_forbidden_parsing() -> None:
    assert parse_forbidden("en:Camau| en:Ca-Mau |km:កាម៉ៅ") == {
        "en": ["Camau", "Ca-Mau"],
        "km": ["កាម៉ៅ"],
    }
    assert parse_forbidden("") == {}
    assert format_forbidden({"en": ["A", "B"], "km": ["C"]}) == "en:A|en:B|km:C"
    for bad in ("Camau", "english:X", "en:", ":X"):
        with pytest.raises(ValueError):
            parse_forbidden(bad)


def test_entry_normalises_its_text() -> None:
    e = GlossaryEntry(
        vi="  Na\u0306m  Ca\u0306n\n",
        en=" Nam\tCan ",
        domain=" Place ",
        forbidden={"en": ["Namcan", "Namcan", " x "]},
    )
    assert (e.vi, e.en, e.domain) == ("Năm Căn", "Nam Can", "place")
    assert e.forbidden == {"en": ["Namcan", "x"]}
