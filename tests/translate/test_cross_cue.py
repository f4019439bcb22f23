"""A sentence that runs across cues is translated whole and shared out over its cues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.glossary import load_glossary
from ttdn_studio.services.qc import set_profile
from ttdn_studio.services.translating import translate_project
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.translate import ENGINES, pick_engine, translate_texts
from ttdn_studio.translate.pipeline import FEWER_CUES, share_out

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
    assert share_out("a b", [10, 1, 1], "en") == ["a", "b", ""]  # too few words: fewer cues
    assert share_out("a b", [1, 1, 10], "en") == ["", "a", "b"]
    assert share_out("a b", [1, 10, 1], "en") == ["", "a", "b"]
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


def test_share_out_never_cuts_inside_a_kept_span() -> None:
    text = "Tourists visit Mui Ca Mau National Park."
    term = (text.index("Mui"), text.index("Park") + len("Park"))
    assert share_out(text, [26, 15], "en")[0] == "Tourists visit Mui Ca Mau"  # without keep
    assert share_out(text, [26, 15], "en", keep=[term]) == [
        "Tourists visit",
        "Mui Ca Mau National Park.",
    ]
    assert share_out("Mui Ca Mau National Park.", [1, 1], "en", keep=[(0, 24)]) == [
        "Mui Ca Mau National Park.",
        "",
    ]


@pytest.mark.parametrize("words", range(1, 9))
@pytest.mark.parametrize("weights", [[1, 1, 1], [30, 1, 1], [1, 1, 30], [5, 40, 2, 7]])
def test_share_out_leaves_no_piece_empty_when_there_are_enough_words(
    words: int, weights: list[int]
) -> None:
    text = " ".join(f"w{i}" for i in range(words))
    pieces = share_out(text, weights, "en")
    assert len(pieces) == len(weights)
    assert " ".join(p for p in pieces if p) == text  # nothing lost, order kept
    if words >= len(weights):
        assert all(pieces), pieces
    else:
        assert sum(1 for p in pieces if p) == words  # one word to a piece


def test_a_restored_term_is_never_split_between_cues(
    argos_models: Path, store: ProjectStore
) -> None:
    glossary = load_glossary(store.path)
    engine = pick_engine("vi", "en")
    cues = ["Du khách đến thăm Vườn quốc", "gia Mũi Cà Mau."]
    first, second = translate_texts(cues, "vi", "en", engine, glossary=glossary, joins=[True])
    assert (first.text, second.text) == ("Tourists visit", "Mui Ca Mau National Park.")


class Short:
    """An engine whose translations are a single word (as a real model may give)."""

    name = "short"

    def available_pairs(self) -> list[tuple[str, str]]:
        return [("vi", "en")]

    def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
        return ["Welcome." for _ in sentences]


def test_fewer_words_than_cues_keeps_the_sentence_in_fewer_cues_and_says_so() -> None:
    results = translate_texts(["Xin", "chào", "quý vị."], "vi", "en", Short(), joins=[True, True])
    texts = [r.text for r in results]
    assert sorted(texts) == ["", "", "Welcome."]
    for r in results:
        if r.text:
            assert r.flags == [FEWER_CUES] and not r.left_empty
        else:
            assert r.left_empty and r.flags == []
    alone = translate_texts(["Xin chào quý vị."], "vi", "en", Short())
    assert alone[0].flags == [] and not alone[0].left_empty


def test_the_project_reports_cues_left_empty(
    store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ENGINES, "short", Short)
    store.add_cues(
        "main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(["Xin", "chào."])]
    )
    summary = translate_project(store, "en", engine="short")
    assert summary.cues_left_empty == 1 and summary.cues_flagged == 0
    rows = store.cue_rows(langs=["en"])
    kept = [r for r in rows if r.text("en", "vi")]
    assert len(kept) == 1 and kept[0].translations["en"].flags == [FEWER_CUES]
    store.close()
    result = CliRunner().invoke(cli, ["cues", str(store.path), "--flag", FEWER_CUES, "--json"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
    again = CliRunner().invoke(
        cli, ["translate", str(store.path), "--to", "en", "--engine", "short", "--overwrite"]
    )
    assert again.exit_code == 0, again.stderr
    assert "Left 1 cue(s) empty" in again.stdout and FEWER_CUES in again.stdout


def test_each_cue_of_a_shared_sentence_is_refitted_to_the_profile(
    store: ProjectStore, argos_models: Path
) -> None:
    set_profile(store, "en", {"max_chars": "20"})
    texts = ["Cà Mau rất đẹp.", *SPLIT]
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(texts)])
    translate_project(store, "en")
    en = [row.text("en", "vi") for row in store.cue_rows(langs=["en"])]
    assert en[0] == "Ca Mau is very beautiful."  # a cue of whole sentences: as the model gave it
    assert en[1] == "It is a long\nway from"  # was one line of 21 characters
    assert all(len(line) <= 20 for cue in en[1:] for line in cue.split("\n")), en
    assert " ".join(" ".join(en[1:]).split()) == "It is a long way from Ca Mau Cape to Nam Can."


def test_the_desk_says_how_many_cues_were_left_empty() -> None:
    from ttdn_studio.services.translating import TranslateSummary
    from ttdn_studio.tui.widgets.assist import draft_summary

    summary = TranslateSummary(lang="en", cues_translated=2, cues_left_empty=1)
    assert draft_summary(summary) == (
        "Machine draft: 2 cue(s) translated, 1 left empty (their sentence is kept in the cues"
        " beside them)"
    )
    assert draft_summary(TranslateSummary(lang="en", cues_translated=2)).endswith("translated")


def test_a_full_stop_before_a_lower_case_letter_is_not_a_sentence_end(argos_models: Path) -> None:
    recorder = Recorder()
    translate_texts(["Nhà ở đây. ở đó thì khác.", "Ở cực Nam. Đất Mũi."], "vi", "en", recorder)
    assert recorder.seen == ["Nhà ở đây. ở đó thì khác.", "Ở cực Nam.", "Đất Mũi."]


def test_the_demos_titles_are_translated_alone(argos_models: Path) -> None:
    from ttdn_studio.services.demo import load_source

    cues = [cue.text for cue in load_source().cues[:3]]  # title, episode title, narration
    recorder = Recorder()
    results = translate_texts(cues, "vi", "en", recorder, joins=[True, True])
    assert recorder.seen == [" ".join(c.split()) for c in cues]
    assert not any(FEWER_CUES in r.flags for r in results)
