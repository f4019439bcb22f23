"""The desk's spell checker: the QC ``spelling`` answer, from a second process."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.glossary import load_glossary
from ttdn_studio.qc.registry import QcContext
from ttdn_studio.qc.spelling import unknown_words
from ttdn_studio.services.spelling import (
    DeskSpeller,
    SpellingError,
    add_words,
    misspelt_spans,
    word_at,
)
from ttdn_studio.store import NewCue, ProjectStore

pytestmark = pytest.mark.slow

EN = "Tourists visitt Nam Can and Ca Mau Cape, beautifull UNESCO Khâu"


def test_word_at_the_cursor_and_where_words_are() -> None:
    text = "Tourists visitt Nam Can"
    assert word_at(text, 0, "en") == (0, 8)
    assert word_at(text, 12, "en") == (9, 15)
    assert word_at(text, 15, "en") == (9, 15)  # just after the word
    assert word_at("a  b", 2, "en") is None
    assert misspelt_spans("visitt, visitt.", ["visitt"], "en") == [(0, 6), (8, 14)]
    assert misspelt_spans("hoà bình", ["hoà"], "vi") == [(0, 3)]
    khmer = "ភ្ញៀវទេសចរមកទស្សនា"
    start, end = word_at(khmer, 1, "km") or (0, 0)
    assert 0 == start < end <= len(khmer)


def test_the_worker_answers_as_qc_does(store: ProjectStore) -> None:
    translations = {"en": EN, "km": "ព្រៃការពារដីថមីទាំងនោះ។"}
    store.add_cues("main", [NewCue(0, 2000, "Du khách đến thăm Năm Căn.", translations)])
    row = store.cue_rows()[0]
    glossary = load_glossary(store.path)
    qc = unknown_words(QcContext.build(store.project, "en", glossary), row, "en")
    assert qc == ["visitt", "beautifull", "Khâu"]
    khmer = unknown_words(QcContext.build(store.project, "km", glossary), row, "km")
    assert khmer == ["ថមី"]
    speller = DeskSpeller(["en", "km"])
    try:
        assert speller.load() == ["en", "km"]
        assert speller.ready
        assert speller.unknown(store.path, store.project, row, "en") == qc
        assert speller.unknown(store.path, store.project, row, "km") == khmer
        add_words(store, ["Khâu"])  # the project's list, read afresh for every check
        assert speller.unknown(store.path, store.project, row, "en") == qc[:2]
        assert "visit" in speller.suggest("en", "visitt")
        assert speller.suggest("km", "ក") == []  # no Khmer dictionary: no suggestions
    finally:
        speller.close()
    with pytest.raises(SpellingError, match="spell checking has stopped"):
        speller.unknown(store.path, store.project, row, "en")


def test_a_worker_that_dies_is_a_one_line_error(store: ProjectStore, tmp_path: Path) -> None:
    speller = DeskSpeller(["en"])
    try:
        speller.load()
        assert speller._process is not None
        speller._process.kill()
        speller._process.wait()
        store.add_cues("main", [NewCue(0, 2000, "Cà Mau.", {"en": "Ca Mau."})])
        with pytest.raises(SpellingError, match="the spell checker stopped"):
            speller.unknown(store.path, store.project, store.cue_rows()[0], "en")
    finally:
        speller.close()
