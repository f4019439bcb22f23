"""Concordance ignores accents as the desk's find does: "Ca Mau" finds "Cà Mau"."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.store.translation_memory import SCHEMA_VERSION, TranslationMemory
from ttdn_studio.text import search_key

CAPE = ("Mũi Cà Mau là điểm cực Nam.", "Ca Mau Cape is the southernmost point.")
BOARD = ("Ban Thường vụ Tỉnh ủy họp.", "The Standing Board met.")
CAPE_KM = ("Mũi Cà Mau là điểm cực Nam.", "ចុងកាម៉ៅគឺជាចំណុចខាងត្បូងបំផុត។")


@pytest.fixture
def tm(tmp_path: Path) -> Iterator[TranslationMemory]:
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    memory.add(*CAPE, "vi", "en")
    memory.add(*BOARD, "vi", "en")
    memory.add(*CAPE_KM, "vi", "km")
    yield memory
    memory.close()


def test_the_search_key_drops_accents_one_character_per_character() -> None:
    text = "Đất Mũi, Tỉnh uỷ và Ủy ban – HOÀ BÌNH ឃ"
    key = search_key(text)
    assert key == "dat mui, tinh uy va uy ban – hoa binh ឃ"
    assert len(key) == len(text)
    assert search_key("Tỉnh uỷ") == search_key("tinh uy") == search_key("TỈNH ỦY")


@pytest.mark.parametrize("typed", ["Ca Mau", "ca mau", "CÀ MAU", "Cà Mau", "cá mâu"])
def test_a_name_typed_without_accents_is_found(tm: TranslationMemory, typed: str) -> None:
    assert [m.source for m in tm.search(typed, "vi", "en")] == [CAPE[0]]


def test_tone_placement_and_accents_together(tm: TranslationMemory) -> None:
    for typed in ("Tỉnh uỷ", "tinh uy", "Tinh Uy hop"):
        assert [m.target for m in tm.search(typed, "vi", "en")] == [BOARD[1]]
    assert {m.source for m in tm.search("mau ca", all_words=True)} == {CAPE[0]}
    assert tm.search("Ca Mau Caper", "vi", "en") == []


def test_khmer_is_searched_as_written(tm: TranslationMemory) -> None:
    assert [m.target for m in tm.search("កាម៉ៅ", "vi", "km")] == [CAPE_KM[1]]
    assert tm.search("កម", "vi", "km") == []


def test_a_memory_from_the_previous_version_is_searchable_without_accents(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    with TranslationMemory(path) as memory:
        memory.add(*CAPE, "vi", "en")
    with sqlite3.connect(path) as conn:  # as the previous version left it
        conn.execute("ALTER TABLE units DROP COLUMN source_search")
        conn.execute("ALTER TABLE units DROP COLUMN target_search")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with TranslationMemory(path) as memory:
        assert [m.target for m in memory.search("ca mau cape")] == [CAPE[1]]
        assert memory.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_cli_search_without_accents() -> None:
    with TranslationMemory() as memory:
        memory.add(*CAPE_KM, "vi", "km")  # no "Ca Mau" in the Khmer
    result = CliRunner().invoke(cli, ["tm", "search", "Ca Mau", "--tgt", "km", "--json"])
    assert result.exit_code == 0, result.stderr
    assert [m["target"] for m in json.loads(result.stdout)["matches"]] == [CAPE_KM[1]]
