"""The curated glossary shipped in glossary/: complete, clean and consistent."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from ttdn_studio import locations
from ttdn_studio.glossary import (
    DOMAINS,
    GlossaryEntry,
    load_glossary,
    match_key,
    read_glossary_file,
)
from ttdn_studio.glossary.entry import LANGS

FILES = sorted(locations.bundled_glossary_dir().glob("*.tsv"))
SEEDS = Path("/work/shared/seeds")


@pytest.fixture(scope="module")
def entries() -> list[GlossaryEntry]:
    out: list[GlossaryEntry] = []
    for path in FILES:
        out.extend(read_glossary_file(path))
    return out


def test_files_are_nfc_utf8_with_unix_newlines() -> None:
    assert FILES, "no bundled glossary"
    for path in FILES:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), path
        assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf"), path
        assert text.splitlines()[0].split("\t") == [
            "vi",
            "en",
            "km",
            "domain",
            "note",
            "forbidden",
            "sensitive",
        ]


def test_at_least_200_entries_without_duplicates(entries: list[GlossaryEntry]) -> None:
    assert len(entries) >= 200
    dupes = [k for k, n in Counter(match_key(e.vi) for e in entries).items() if n > 1]
    assert dupes == []


def test_every_entry_is_complete(entries: list[GlossaryEntry]) -> None:
    for e in entries:
        assert e.domain in DOMAINS
        assert e.en, e.vi
        for lang in LANGS:
            assert unicodedata.is_normalized("NFC", e.term(lang))


def test_forbidden_variants_are_well_formed(entries: list[GlossaryEntry]) -> None:
    agreed = {lang: {match_key(e.term(lang)) for e in entries if e.term(lang)} for lang in LANGS}
    for e in entries:
        for lang, variants in e.forbidden.items():
            assert lang in LANGS, e.vi
            for v in variants:
                assert v and v == v.strip() and "|" not in v and unicodedata.is_normalized("NFC", v)
                assert match_key(v) not in agreed[lang], (
                    f"{e.vi}: {v} is also an agreed {lang} term"
                )


def test_khmer_terms_are_khmer_script(entries: list[GlossaryEntry]) -> None:
    for e in (e for e in entries if e.km):
        assert all("\u1780" <= ch <= "\u17ff" or ch == " " for ch in e.km), e.vi


@pytest.mark.parametrize(
    ("vi", "en"),
    [
        ("Cà Mau - Đất và người", "Ca Mau - Land and People"),
        ("cua Cà Mau", "Ca Mau mud crab"),
        ("Đờn ca tài tử Nam Bộ", "Southern Vietnamese folk music (Đờn ca tài tử)"),
        ("Campuchia", "Cambodia"),
        ("KhămMuộn", "Khammouane"),
        ("Lào", "Laos"),
        ("Năm Căn", "Nam Can"),
        ("Thành phố Cà Mau", "Ca Mau City"),
    ],
)
def test_required_terms(vi: str, en: str) -> None:
    entry = load_glossary().lookup(vi)
    assert entry is not None and entry.en == en


@pytest.mark.parametrize(
    "vi",
    [
        "huyện U Minh",
        "huyện Thới Bình",
        "huyện Trần Văn Thời",
        "huyện Cái Nước",
        "huyện Đầm Dơi",
        "huyện Năm Căn",
        "huyện Phú Tân",
        "huyện Ngọc Hiển",
        "Mũi Cà Mau",
        "Đất Mũi",
        "Hòn Khoai",
        "Hòn Đá Bạc",
        "Hòn Chuối",
        "Vườn quốc gia U Minh Hạ",
        "Vườn quốc gia Mũi Cà Mau",
        "sông Ông Đốc",
        "Cột mốc tọa độ quốc gia GPS 0001",
        "bãi biển Khai Long",
        "Rạch Gốc",
        "UBND tỉnh",
        "HĐND",
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Sở Văn hóa Thể thao và Du lịch",
        "Đài Phát thanh - Truyền hình Cà Mau",
        "Ban Tuyên giáo Tỉnh ủy",
        "Báo Cà Mau",
        "Bộ đội Biên phòng",
        "tôm sú",
        "ba khía",
        "mật ong U Minh",
        "khô cá bổi",
        "rừng đước",
        "cá thòi lòi",
        "lễ hội Nghinh Ông",
        "Chol Chnam Thmay",
        "Ok Om Bok",
        "Sen Dolta",
        "chùa Khmer",
        "người Khmer",
        "Chủ tịch UBND tỉnh",
        "Kiên Giang",
        "Bạc Liêu",
        "KohKong",
        "Thái Lan",
        "Kon Tum",
        "Nam Định",
        "Long An",
    ],
)
def test_covers_the_places_agencies_and_culture_of_the_brief(vi: str) -> None:
    assert load_glossary().lookup(vi) is not None


def test_established_khmer_names() -> None:
    g = load_glossary()
    expected = {
        "Cà Mau": "ទឹកខ្មៅ",
        "Việt Nam": "វៀតណាម",
        "Campuchia": "កម្ពុជា",
        "Lào": "ឡាវ",
        "rừng đước": "ព្រៃកោងកាង",
        "mật ong": "ទឹកឃ្មុំ",
        "cua": "ក្តាម",
    }
    for vi, km in expected.items():
        assert g.lookup(vi).km == km  # type: ignore[union-attr]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_agencies_named_in_the_seeds_are_found() -> None:
    text = (next(SEEDS.glob("001_*.txt"))).read_text(encoding="utf-8")
    found = {m.entry.vi for m in load_glossary().find(text)}
    for vi in (
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Ban Tuyên giáo Tỉnh ủy",
        "Báo ảnh Đất Mũi",
        "Cà Mau - Đất và người",
        "KohKong",
        "KhămMuộn",
        "Liên hiệp các tổ chức hữu nghị",
    ):
        assert vi in found
