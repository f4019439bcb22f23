"""Sentence-level memory: segments, per-sentence lookup, concordance, re-segmenting old files."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from ttdn_studio.store.translation_memory import SCHEMA_VERSION, TranslationMemory

# The memory file as it was before sentence segments (schema of version 0).
OLD_SCHEMA = """
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    project TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    source_key TEXT NOT NULL,
    UNIQUE (src_lang, tgt_lang, source_key, target)
);
CREATE INDEX units_lookup ON units (src_lang, tgt_lang, source_key);
CREATE INDEX units_created ON units (created_at);
"""


@pytest.fixture
def tm(tmp_path: Path) -> Iterator[TranslationMemory]:
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    yield memory
    memory.close()


def test_a_cue_of_two_sentences_is_stored_as_two_segments(tm: TranslationMemory) -> None:
    added = tm.add(
        "Đất ở đây không bao giờ đứng yên.\nPhù sa bồi đắp mỗi năm.",
        "The land here never stands still.\nSilt builds up every year.",
        "vi",
        "en",
    )
    assert added is True
    stored = sorted((u.source, u.target) for u in tm.units())
    assert stored == [
        ("Phù sa bồi đắp mỗi năm.", "Silt builds up every year."),
        ("Đất ở đây không bao giờ đứng yên.", "The land here never stands still."),
    ]
    hit = tm.exact("Phù sa bồi đắp mỗi năm.", "vi", "en")
    assert hit is not None and hit.target == "Silt builds up every year."


def test_display_line_breaks_never_reach_the_memory(tm: TranslationMemory) -> None:
    tm.add(
        "Giữ lấy từng tấc đất mới ấy\nlà những cánh rừng đước.",
        "Holding on to every inch of that new land\nis the mangrove forest.",
        "vi",
        "en",
    )
    (unit,) = list(tm.units())
    assert unit.source == "Giữ lấy từng tấc đất mới ấy là những cánh rừng đước."
    assert unit.target == "Holding on to every inch of that new land is the mangrove forest."
    # the same sentence laid out on other lines still matches
    assert tm.exact("Giữ lấy từng tấc\nđất mới ấy là những cánh rừng đước.", "vi", "en")


def test_unequal_sentence_counts_keep_the_pair_whole(tm: TranslationMemory) -> None:
    tm.add("Một. Hai.", "One and two.", "vi", "en")
    assert [(u.source, u.target) for u in tm.units()] == [("Một. Hai.", "One and two.")]


def test_a_text_of_known_sentences_is_answered_sentence_by_sentence(
    tm: TranslationMemory,
) -> None:
    tm.add("Đất ở đây không bao giờ đứng yên.", "The land here never stands still.", "vi", "en")
    tm.add("Phù sa bồi đắp mỗi năm.", "Silt builds up every year.", "vi", "en")
    hit = tm.exact("Đất ở đây không bao giờ đứng yên.\nPhù sa bồi đắp mỗi năm.", "vi", "en")
    assert hit is not None
    assert hit.target == "The land here never stands still.\nSilt builds up every year."
    assert tm.exact("Đất ở đây không bao giờ đứng yên. Trời mưa.", "vi", "en") is None


def test_lookup_ignores_old_and_new_tone_placement(tm: TranslationMemory) -> None:
    tm.add("Ban Thường vụ Tỉnh ủy họp.", "The Standing Board met.", "vi", "en")
    hit = tm.exact("Ban Thường vụ Tỉnh uỷ họp.", "vi", "en")
    assert hit is not None and hit.target == "The Standing Board met."
    assert tm.contains("BAN THƯỜNG VỤ TỈNH UỶ HỌP.", "The Standing Board met.", "vi", "en")


def test_concordance_search_finds_pairs_containing_the_text(tm: TranslationMemory) -> None:
    tm.add("Mũi Cà Mau là điểm cực Nam.", "Ca Mau Cape is the southernmost point.", "vi", "en")
    tm.add("Cua Cà Mau chắc thịt.", "Ca Mau crabs are firm.", "vi", "en")
    tm.add("Rừng tràm U Minh Hạ.", "The U Minh Ha cajuput forest.", "vi", "en")
    found = {m.source for m in tm.search("cà mau")}
    assert found == {"Mũi Cà Mau là điểm cực Nam.", "Cua Cà Mau chắc thịt."}
    assert [m.source for m in tm.search("cajuput")] == ["Rừng tràm U Minh Hạ."]
    assert tm.search("Cà Mau", "vi", "km") == []
    # the whole phrase, not its words apart; all_words takes them in any order
    assert tm.search("Mau Cà Mũi") == []
    assert {m.source for m in tm.search("Mau Cà", all_words=True)} == found
    assert [m.source for m in tm.search("Mau Cà Mũi", all_words=True)] == [
        "Mũi Cà Mau là điểm cực Nam."
    ]


def test_concordance_search_ignores_tone_placement(tm: TranslationMemory) -> None:
    tm.add("Cột mốc toạ độ quốc gia.", "The national coordinate marker.", "vi", "en")
    assert [m.target for m in tm.search("tọa độ")] == ["The national coordinate marker."]


def _old_memory(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    rows = [
        (
            "Đất ở đây không bao giờ đứng yên.\nPhù sa bồi đắp mỗi năm.",
            "The land here never stands still.\nSilt builds up every year.",
            "2024-03-01T08:00:00+00:00",
            "đất ở đây không bao giờ đứng yên. phù sa bồi đắp mỗi năm.",
        ),
        (
            "Giữ lấy từng tấc đất mới ấy\nlà những cánh rừng đước.",
            "Holding on to every inch of that new land\nis the mangrove forest.",
            "2024-04-01T08:00:00+00:00",
            "giữ lấy từng tấc đất mới ấy là những cánh rừng đước.",
        ),
        (
            "Tỉnh uỷ họp.",
            "The provincial Party committee met.",
            "2024-05-01T08:00:00+00:00",
            "tỉnh uỷ họp.",
        ),
    ]
    for source, target, at, key in rows:
        conn.execute(
            "INSERT INTO units (source, target, src_lang, tgt_lang, project, created_at,"
            " updated_at, source_key) VALUES (?, ?, 'vi', 'en', 'tap-01', ?, ?, ?)",
            (source, target, at, at, key),
        )
    conn.commit()
    conn.close()


def test_an_old_memory_is_re_segmented_when_opened(tmp_path: Path) -> None:
    original = tmp_path / "old.sqlite"
    _old_memory(original)
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(original, copy)
    with TranslationMemory(copy) as tm:
        assert tm.is_new is False
        units = sorted((u.source, u.target, u.created_at) for u in tm.units())
        assert units == [
            (
                "Giữ lấy từng tấc đất mới ấy là những cánh rừng đước.",
                "Holding on to every inch of that new land is the mangrove forest.",
                "2024-04-01T08:00:00+00:00",
            ),
            (
                "Phù sa bồi đắp mỗi năm.",
                "Silt builds up every year.",
                "2024-03-01T08:00:00+00:00",
            ),
            (
                "Tỉnh uỷ họp.",
                "The provincial Party committee met.",
                "2024-05-01T08:00:00+00:00",
            ),
            (
                "Đất ở đây không bao giờ đứng yên.",
                "The land here never stands still.",
                "2024-03-01T08:00:00+00:00",
            ),
        ]
        hit = tm.exact("Tỉnh ủy họp.", "vi", "en")  # keys were rebuilt with match_key
        assert hit is not None and hit.project == "tap-01"
        assert tm.growth_by_month("2024-03", "2024-05") == {
            "2024-03": 2,
            "2024-04": 1,
            "2024-05": 1,
        }
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # opening again changes nothing
    with TranslationMemory(copy) as tm:
        assert tm.count() == 4


def test_a_new_memory_says_so(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        assert tm.is_new is True
        tm.add("Một.", "One.", "vi", "en")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        assert tm.is_new is False


def test_which_cues_run_on_into_the_next() -> None:
    from ttdn_studio.tm.sentences import sentence_joins

    near = [True] * 5
    assert sentence_joins(["Từ Mũi Cà Mau", "đến Năm Căn", "rất xa."], near) == [True, True]
    assert sentence_joins(["Du khách đến thăm", "Năm Căn."], near) == [True]  # a name goes on
    assert sentence_joins(["Từ", "Mũi Cà Mau", "đến Năm Căn."], near) == [True, True]
    captions = ["Vườn quốc gia Mũi Cà Mau", "Mật ong U Minh", "Rừng đước Năm Căn"]
    assert sentence_joins(captions, near) == [False, False]
    assert sentence_joins(["Ông nói", "“Cà Mau đẹp.”"], near) == [False]  # a quote opens
    assert sentence_joins(["Cà Mau rất đẹp.", "du khách đến."], near) == [False]
    assert sentence_joins(["Từ Mũi Cà Mau", "đến Năm Căn"], [False]) == [False]  # not adjacent
    assert sentence_joins(["Từ Mũi Cà Mau", "đến Năm Căn"]) == [False]


def test_a_full_stop_before_a_lower_case_letter_keeps_one_segment() -> None:
    from ttdn_studio.tm.memory import segment_pair

    source = "Nhà ở đây. ở đó thì khác."  # one Vietnamese sentence (the case decides)
    target = "The house is here. There it is different."
    assert segment_pair(source, target, "vi", "en") == [(source, target)]
    source = "Nhà ở đây. Ở đó thì khác."
    assert segment_pair(source, target, "vi", "en") == [
        ("Nhà ở đây.", "The house is here."),
        ("Ở đó thì khác.", "There it is different."),
    ]
