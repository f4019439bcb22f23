"""A title or caption cue is not the start of a sentence running on into the next cue."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.glossary import load_glossary
from ttdn_studio.services.demo import ensure_demo, load_source
from ttdn_studio.services.workflow import approved_entries, sentence_runs
from ttdn_studio.store import open_project
from ttdn_studio.tm.sentences import sentence_joins
from ttdn_studio.translate.terms import glossary_names

DEMO_FIRST = [cue.text for cue in load_source().cues[:4]]


def test_the_demo_opens_with_its_title_and_episode_title() -> None:
    assert DEMO_FIRST[:2] == ["Cà Mau - Đất và người", "Tập 1: Nơi đất mũi vươn ra biển"]


def test_the_demos_titles_stay_alone() -> None:
    assert sentence_joins(DEMO_FIRST, [True] * 3) == [False, False, False]
    texts = [cue.text for cue in load_source().cues]
    assert not any(sentence_joins(texts, [True] * len(texts)))  # no cue of the demo runs on


@pytest.mark.parametrize(
    ("texts", "runs"),
    [
        # a title, then narration opening with a name: still apart
        (["Cà Mau - Đất và người", "Cà Mau có ba mặt giáp biển."], False),
        (["Tập 1: Nơi đất mũi vươn ra biển", "Ở cực Nam của Tổ quốc."], False),
        (["Mật ong U Minh", "Ở Cà Mau, ong làm tổ trong rừng tràm."], False),  # "Ở" opens
        (["Lễ hội ở Cà Mau", "Tháng Tư, đồng bào đón lễ Chôl Chnăm Thmây."], False),
        # a dash of dialogue, a bullet, a list number: a new line
        (["Anh đi đâu", "- Tôi về nhà."], False),
        (["1. Mục đích", "- Tăng cường hiệu lực."], False),
        (["II. NỘI DUNG, NHIỆM VỤ", "1. Thông tin, tuyên truyền."], False),
        (["Các tin khác", "• Hòn Đốc hoang sơ giữa biển trời Tây Nam."], False),
        # real sentences running on
        (["Cà Mau - Đất và người", "là chương trình của Đài."], True),
        (["Du khách đến thăm", "Năm Căn."], True),
        (["Ở cực Nam của", "Tổ quốc, Cà Mau có ba mặt giáp biển."], True),
        (["Khu dự trữ sinh quyển được", "UNESCO công nhận năm 2009."], True),
        (["Vườn quốc gia rộng hơn", "41.000 ha."], True),
        (["Du khách đến thăm", "U Minh Hạ."], True),
    ],
)
def test_titles_and_captions_stay_alone_sentences_run_on(texts: list[str], runs: bool) -> None:
    assert sentence_joins(texts, [True]) == [runs]


def test_a_capitalised_glossary_name_goes_on_a_sentence() -> None:
    texts = ["Du khách đến thăm", "Vườn quốc gia U Minh Hạ."]
    assert sentence_joins(texts, [True]) == [False]  # "Vườn quốc": a common word, alone
    names = glossary_names(load_glossary(), "vi")
    assert sentence_joins(texts, [True], names) == [True]
    captions = ["Rừng tràm", "Rừng U Minh Hạ rất đẹp."]  # a term in lower case: a new sentence
    assert sentence_joins(captions, [True], names) == [False]


def test_the_demos_approved_titles_reach_the_memory_alone(tmp_path: Path) -> None:
    with open_project(ensure_demo(tmp_path / "demo", with_video=False)) as store:
        runs = sentence_runs(store.cue_rows())
        assert all(len(run) == 1 for run in runs)
        pairs = {(e.source, e.target) for e in approved_entries(store) if e.tgt_lang == "en"}
    assert ("Tập 1: Nơi đất mũi vươn ra biển", "Episode 1: Dat Mui, Reaching Out to Sea") in pairs
