"""TMX 1.4: round trips, other tools' files, errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ttdn_studio.errors import ImportFailed
from ttdn_studio.store.translation_memory import TranslationMemory
from ttdn_studio.tm import TmUnit, export_tmx, import_tmx, read_tmx
from ttdn_studio.tm.tmx import iso_date, tmx_date

UNITS = [
    TmUnit(
        "Cà Mau - Đất và người",
        "Ca Mau - Land and People",
        "vi",
        "en",
        "Tập 1",
        "2024-02-01T09:30:00+00:00",
    ),
    TmUnit(
        "Rừng đước\nNăm Căn",
        "Nam Can\nmangroves & <creeks>",
        "vi",
        "en",
        "",
        "2024-03-01T00:00:00+00:00",
    ),
    TmUnit("Mật ong U Minh", "ទឹកឃ្មុំ U Minh", "vi", "km", "Tập 2", "2024-04-01T00:00:00+00:00"),
]


def _rows(tm: TranslationMemory) -> list[tuple[str, str, str, str, str, str]]:
    return sorted(
        (u.source, u.target, u.src_lang, u.tgt_lang, u.project, u.created_at) for u in tm.units()
    )


def test_round_trip(tmp_path: Path) -> None:
    with (
        TranslationMemory(tmp_path / "a.sqlite") as a,
        TranslationMemory(tmp_path / "b.sqlite") as b,
    ):
        a.add_many(UNITS)
        assert export_tmx(a, tmp_path / "all.tmx") == 3
        assert import_tmx(b, tmp_path / "all.tmx") == (3, 3)
        assert _rows(b) == _rows(a)
        assert import_tmx(b, tmp_path / "all.tmx") == (3, 0)  # nothing new the second time


def test_export_one_pair(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "a.sqlite") as a:
        a.add_many(UNITS)
        assert export_tmx(a, tmp_path / "en.tmx", "vi", "en") == 2
    root = ET.parse(tmp_path / "en.tmx").getroot()
    assert root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "vi"  # type: ignore[union-attr]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert {tuv.get(lang) for tuv in root.iter("tuv")} == {"vi", "en"}
    assert [tu.get("creationdate") for tu in root.iter("tu")] == [
        "20240201T093000Z",
        "20240301T000000Z",
    ]


def test_reads_other_tools_files(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi-VN" '
        'creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
        'datatype="plaintext"/><body>'
        '<tu changedate="20230105T101010Z"><tuv xml:lang="EN-US"><seg>Ca Mau <bpt i="1">&lt;b&gt;</bpt>'
        'Cape<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="vi-VN"><seg>Mũi Cà Mau</seg></tuv>'
        '<tuv xml:lang="km"><seg>ជ្រោយ</seg></tuv></tu>'
        '<tu><tuv xml:lang="vi"><seg>lonely</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    units = read_tmx(path)
    assert [(u.source, u.target, u.src_lang, u.tgt_lang) for u in units] == [
        ("Mũi Cà Mau", "Ca Mau Cape", "vi", "en"),
        ("Mũi Cà Mau", "ជ្រោយ", "vi", "km"),
    ]
    assert units[0].created_at == "2023-01-05T10:10:10+00:00"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("<tmx><body><tu>", "not valid TMX"),
        ("<martif/>", "not a TMX file"),
    ],
)
def test_bad_files(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed, match=words) as info:
        read_tmx(path)
    assert info.value.file == path
    with pytest.raises(ImportFailed):
        read_tmx(tmp_path / "missing.tmx")


def test_dates() -> None:
    assert tmx_date("2024-05-03T17:00:00+07:00") == "20240503T100000Z"
    assert iso_date("20240503T100000Z") == "2024-05-03T10:00:00+00:00"
    assert iso_date("yesterday") == "" and tmx_date("yesterday") == ""
