"""A sentence that runs across cues is translated whole and shared out over its cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.glossary import load_glossary
from ttdn_studio.services.translating import translate_project
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.translate import pick_engine, translate_texts
from ttdn_studio.translate.pipeline import share_out

pytestmark = pytest.mark.slow

SPLIT = ["Từ Mũi Cà Mau", "đến Năm Căn", "rất xa."]
WHOLE = "Từ Mũi Cà Mau đến Năm Căn rất xa."


class Recorder:
    """The real fixture engine, noting every sentence it is given."""

    def __init__(self) -> None:
        self.engine = pick_engine("vi", "en")
        self.name = self.engine.name
        self.seen: list[str] = []

    def available_pairs(self) -> list[tuple[str, str]]:
        return self.engine.available_pairs()

    def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
        self.seen += sentences
        return self.engine.translate_batch(sentences, src, tgt)


def test_share_out_cuts_between_words_in_proportion() -> None:
    assert share_out("one two three four five six", [1, 1, 1], "en") == [
        "one two",
        "three four",
        "five six",
    ]
    assert share_out("a b", [10, 1, 1], "en") == ["a", "", "b"]  # too few words: one gets none
    assert share_out("alone", [3], "en") == ["alone"]
    pieces = share_out("ព្រៃកោងកាងការពារដីថ្មីទាំងនោះ", [1, 1], "km")
    assert len(pieces) == 2 and all(pieces) and "".join(pieces) == "ព្រៃកោងកាងការពារដីថ្មីទាំងនោះ"


def test_a_sentence_over_three_cues_is_translated_as_one(argos_models: Path) -> None:
    recorder = Recorder()
    whole = recorder.engine.translate_batch([WHOLE], "vi", "en")[0]
    results = translate_texts(SPLIT, "vi", "en", recorder, joins=[True, True])
    assert recorder.seen == [WHOLE]  # one sentence, once
    texts = [r.text for r in results]
    assert all(texts), texts
    assert " ".join(texts) == whole
    assert [r.sentences for r in results] == [1, 0, 0]


def test_without_joins_each_cue_is_translated_alone(argos_models: Path) -> None:
    recorder = Recorder()
    translate_texts(SPLIT, "vi", "en", recorder)
    assert recorder.seen == SPLIT
    recorder.seen.clear()
    translate_texts(SPLIT, "vi", "en", recorder, joins=[False, True])
    assert recorder.seen == ["Từ Mũi Cà Mau", "đến Năm Căn rất xa."]


def test_whole_sentence_cues_keep_their_translation(argos_models: Path) -> None:
    recorder = Recorder()
    cues = ["Cà Mau rất đẹp.", "Du khách đến thăm Năm Căn."]
    alone = [r.text for r in translate_texts(cues, "vi", "en", recorder)]
    joined = [r.text for r in translate_texts(cues, "vi", "en", recorder, joins=[True])]
    assert joined == alone
    assert recorder.seen == cues + cues


def test_a_project_sentence_across_cues_is_translated_whole(
    store: ProjectStore, argos_models: Path
) -> None:
    texts = ["Cà Mau rất đẹp.", *SPLIT, "Du khách đến thăm Năm Căn."]
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(texts)])
    translate_project(store, "en")
    en = [row.text("en", "vi") for row in store.cue_rows(langs=["en"])]
    glossary = load_glossary(store.path)
    (whole,) = translate_texts([WHOLE], "vi", "en", pick_engine("vi", "en"), glossary=glossary)
    assert all(en)
    assert " ".join(en[1:4]) == whole.text
    assert en[0] == "Ca Mau is very beautiful."
    assert en[4] == "Tourists visit Nam Can."


def test_captions_without_full_stops_are_translated_alone(argos_models: Path) -> None:
    recorder = Recorder()
    captions = ["Vườn quốc gia Mũi Cà Mau", "Mật ong U Minh", "“Rừng đước”"]
    translate_texts(captions, "vi", "en", recorder, joins=[True, True])
    assert recorder.seen == captions  # the next cue opens with a capital or a quote
