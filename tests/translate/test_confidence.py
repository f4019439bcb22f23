"""Machine drafts carry the engine's confidence (CTranslate2 scores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.translate import pick_engine, translate_texts
from ttdn_studio.translate.argos import ArgosEngine

pytestmark = pytest.mark.slow


def test_known_sentences_score_higher_than_gibberish(argos_models: Path) -> None:
    engine = pick_engine("vi", "en")
    known, odd = translate_texts(
        ["Du khách đến thăm Năm Căn.", "Qưerty zxcv bnm ổp lkj hgf."], "vi", "en", engine
    )
    assert known.confidence is not None and odd.confidence is not None
    assert 0 < odd.confidence < known.confidence <= 1
    assert known.text == "Tourists visit Nam Can."


def test_a_cue_takes_its_weakest_sentence_and_a_pivot_multiplies(argos_models: Path) -> None:
    engine = ArgosEngine()
    one, two = translate_texts(
        ["Du khách đến thăm Năm Căn.", "Du khách đến thăm Năm Căn. Qưerty zxcv bnm."],
        "vi",
        "en",
        engine,
    )
    assert two.confidence is not None and one.confidence is not None
    assert two.confidence < one.confidence
    ((_, direct),) = engine.translate_batch_scored(["Cà Mau rất đẹp."], "vi", "en")
    ((_, pivot),) = engine.translate_batch_scored(["Cà Mau rất đẹp."], "vi", "km")
    assert 0 < pivot <= direct


def test_an_engine_without_scores_gives_no_confidence(argos_models: Path) -> None:
    class Plain:
        name = "plain"

        def available_pairs(self) -> list[tuple[str, str]]:
            return [("vi", "en")]

        def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
            return [s.upper() for s in sentences]

    (result,) = translate_texts(["Cà Mau."], "vi", "en", Plain())
    assert result.confidence is None and result.text == "CÀ MAU."
