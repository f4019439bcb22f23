"""The translation memory: upserts, exact and fuzzy lookups, counts, monthly growth."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.store.translation_memory import SCHEMA_VERSION, TranslationMemory
from ttdn_studio.tm import TmUnit, source_key

SRC = "Rừng đước Năm Căn là lá phổi xanh của Cà Mau."
TGT = "Nam Can mangrove forest is the green lung of Ca Mau."


@pytest.fixture
def tm(tmp_path: Path) -> Iterator[TranslationMemory]:
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    yield memory
    memory.close()


def test_default_file_is_the_shared_one() -> None:
    with TranslationMemory() as memory:
        assert memory.path == locations.tm_file()
        memory.add(SRC, TGT, "vi", "en", "ep1")
    with TranslationMemory() as again:
        assert again.count() == 1


def test_add_upserts_the_same_pair(tm: TranslationMemory) -> None:
    assert tm.add(SRC, TGT, "vi", "en", "ep1", at="2024-01-05T08:00:00+00:00") is True
    assert tm.add(unicodedata.normalize("NFD", SRC), TGT, "vi", "en", "ep2") is False
    assert tm.count() == 1
    match = tm.exact(SRC, "vi", "en")
    assert match is not None and match.project == "ep2"
    assert match.created_at.startswith("2024-01-05")  # first time it was added is kept
    assert tm.add(SRC, TGT + " (v2)", "vi", "en", "ep3") is True
    assert tm.count() == 2 and tm.count("vi", "en") == 2 and tm.count("vi", "km") == 0


def test_exact_is_normalised_and_prefers_the_latest(tm: TranslationMemory) -> None:
    tm.add(SRC, "old", "vi", "en", at="2023-01-01T00:00:00+00:00")
    tm.add(SRC, TGT, "vi", "en", at="2024-01-01T00:00:00+00:00")
    for query in (SRC, unicodedata.normalize("NFD", SRC), SRC.upper(), SRC.replace(" ", "\n  ")):
        match = tm.exact(query, "vi", "en")
        assert match is not None and match.target == TGT and match.score == 100
    assert tm.exact(SRC, "vi", "km") is None
    assert tm.exact("Một câu khác hẳn.", "vi", "en") is None


def test_fuzzy_scores_nfd_as_identical(tm: TranslationMemory) -> None:
    tm.add(SRC, TGT, "vi", "en")
    [match] = tm.fuzzy(unicodedata.normalize("NFD", SRC), "vi", "en")
    assert match.score == 100 and match.target == TGT


def test_fuzzy_ranks_similar_sources(tm: TranslationMemory) -> None:
    tm.add_many(
        [
            TmUnit(SRC, TGT, "vi", "en", "ep1"),
            TmUnit(
                "Rừng đước Năm Căn là lá phổi của Cà Mau.",
                "Nam Can mangroves are Ca Mau's lungs.",
                "vi",
                "en",
            ),
            TmUnit(
                "Mật ong U Minh nổi tiếng khắp nơi.",
                "U Minh honey is famous everywhere.",
                "vi",
                "en",
            ),
            TmUnit(SRC, "ព្រៃកោងកាង", "vi", "km"),
        ]
    )
    found = tm.fuzzy(
        "Rừng đước Năm Căn là lá phổi xanh của tỉnh Cà Mau.", "vi", "en", limit=5, min_score=70
    )
    assert [m.target for m in found] == [TGT, "Nam Can mangroves are Ca Mau's lungs."]
    assert 70 <= found[1].score < found[0].score < 100
    assert tm.fuzzy("Rừng đước", "vi", "en", min_score=90) == []
    assert len(tm.fuzzy(SRC, "vi", "en", limit=1, min_score=0)) == 1


def test_fuzzy_cache_sees_new_entries_and_other_connections(tm: TranslationMemory) -> None:
    assert tm.fuzzy(SRC, "vi", "en") == []
    tm.add(SRC, TGT, "vi", "en")
    assert len(tm.fuzzy(SRC, "vi", "en")) == 1
    with TranslationMemory(tm.path) as other:
        other.add(SRC[:-1] + ", thật đẹp.", TGT[:-1] + ", beautiful.", "vi", "en")
    assert len(tm.fuzzy(SRC, "vi", "en")) == 2


@pytest.mark.parametrize(
    ("source", "target", "src", "tgt"),
    [
        ("", "x", "vi", "en"),
        ("x", "  ", "vi", "en"),
        ("x", "y", "Vietnamese", "en"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_kept(
    tm: TranslationMemory, source: str, target: str, src: str, tgt: str
) -> None:
    with pytest.raises(ValidationError):
        tm.add_many([TmUnit("ok", "ok", "vi", "en"), TmUnit(source, target, src, tgt)])
    assert tm.count() == 0


def test_growth_by_month(tm: TranslationMemory) -> None:
    for i, day in enumerate(["2024-01-03", "2024-01-31", "2024-03-15", "2024-12-31", "2025-01-01"]):
        tm.add(f"câu {i}", f"line {i}", "vi", "en", at=f"{day}T12:00:00+00:00")
    tm.add("câu km", "ឃ្លា", "vi", "km", at="2024-03-01T00:00:00+00:00")
    growth = tm.growth_by_month(date(2024, 1, 1), date(2024, 12, 31))
    assert list(growth) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert growth["2024-01"] == 2 and growth["2024-03"] == 2 and growth["2024-12"] == 1
    assert sum(growth.values()) == 5
    assert tm.growth_by_month("2024-03", "2024-03", tgt_lang="en") == {"2024-03": 1}
    assert tm.growth_by_month("2024-02-01", "2024-02-29") == {"2024-02": 0}
    with pytest.raises(ValidationError):
        tm.growth_by_month("2025-01-01", "2024-01-01")
    with pytest.raises(ValidationError):
        tm.growth_by_month("last year", "2024-01-01")


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "tm.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(Exception, match="translation memory"):
        TranslationMemory(bad)


def test_a_memory_from_before_schema_versions_opens_with_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    old = sqlite3.connect(path)  # the memory's table as written before it had a version
    old.executescript(
        """
        CREATE TABLE units (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL,
            src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, project TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, source_key TEXT NOT NULL,
            UNIQUE (src_lang, tgt_lang, source_key, target));
        """
    )
    old.execute(
        "INSERT INTO units VALUES (1, ?, ?, 'vi', 'en', 'ep1', '2024-01-05T00:00:00+00:00',"
        " '2024-01-05T00:00:00+00:00', ?)",
        (SRC, TGT, source_key(SRC)),
    )
    old.commit()
    old.close()
    with TranslationMemory(path) as memory:
        assert memory.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        match = memory.exact(SRC, "vi", "en")
        assert match is not None and match.target == TGT
        assert not memory.add(SRC, TGT, "vi", "en")


def test_a_memory_from_a_newer_program_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as memory:
        memory.add(SRC, TGT, "vi", "en")
        memory.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(TtdnError, match="newer TTĐN Studio"):
        TranslationMemory(path)
    assert path.read_bytes() == before
