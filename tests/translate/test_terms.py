"""Glossary enforcement: placeholders out, terms back, damage repaired or flagged."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from ttdn_studio.glossary import Glossary, GlossaryEntry
from ttdn_studio.translate import TERM_CHECK_FAILED, translate_texts
from ttdn_studio.translate.terms import Masked, mask_terms, restore_terms


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(
        [
            GlossaryEntry(vi="Năm Căn", en="Nam Can", km="ណាំកាន់", domain="place"),
            GlossaryEntry(vi="U Minh Hạ", en="U Minh Ha", domain="place"),
            GlossaryEntry(vi="Mũi Cà Mau", en="Ca Mau Cape", domain="place"),
            GlossaryEntry(vi="Cà Mau", en="Ca Mau", km="កាម៉ៅ", domain="place"),
            GlossaryEntry(vi="đờn ca tài tử", en="đờn ca tài tử", domain="culture"),
            GlossaryEntry(vi="rừng ngập mặn", domain="nature"),
        ]
    )


class FakeEngine:
    """A stand-in 'model': applies ``damage`` to each sentence and records the batch."""

    name = "fake"

    def __init__(self, damage: Callable[[str], str] = lambda s: s):
        self.damage = damage
        self.batches: list[list[str]] = []

    def available_pairs(self) -> list[tuple[str, str]]:
        return [("vi", "en"), ("vi", "km")]

    def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
        self.batches.append(list(sentences))
        return [self.damage(s) for s in sentences]


def test_mask_replaces_terms_in_order(glossary: Glossary) -> None:
    masked = mask_terms("Từ Mũi Cà Mau đến Năm Căn rất xa.", glossary, "vi", "en")
    assert masked == Masked("Từ ⟦T0⟧ đến ⟦T1⟧ rất xa.", ("Ca Mau Cape", "Nam Can"))


def test_entry_without_target_term_is_left_to_the_model(glossary: Glossary) -> None:
    masked = mask_terms("U Minh Hạ có rừng ngập mặn.", glossary, "vi", "km")
    assert masked == Masked("U Minh Hạ có rừng ngập mặn.", ())
    kept = mask_terms("Đồng bào yêu đờn ca tài tử.", glossary, "vi", "en")
    assert kept.terms == ("đờn ca tài tử",)


def test_intact_placeholders_become_terms(glossary: Glossary) -> None:
    engine = FakeEngine(
        lambda s: s.replace("Từ", "From").replace("đến", "to").replace("rất xa", "is far")
    )
    [result] = translate_texts(
        ["Từ Mũi Cà Mau đến Năm Căn rất xa."], "vi", "en", engine, glossary=glossary
    )
    assert engine.batches == [["Từ ⟦T0⟧ đến ⟦T1⟧ rất xa."]]
    assert result.text == "From Ca Mau Cape to Nam Can is far."
    assert (result.enforced, result.repaired, result.flags) == (2, 0, [])


def test_swapped_order_is_accepted(glossary: Glossary) -> None:
    engine = FakeEngine(lambda s: "⟦T1⟧ and ⟦T0⟧.")
    [result] = translate_texts(["Năm Căn và Cà Mau."], "vi", "en", engine, glossary=glossary)
    assert result.text == "Ca Mau and Nam Can."
    assert result.flags == []


def test_duplicated_placeholder_keeps_the_first(glossary: Glossary) -> None:
    engine = FakeEngine(lambda s: "Welcome to ⟦T0⟧ ⟦T0⟧.")
    [result] = translate_texts(
        ["Chào mừng đến với Năm Căn."], "vi", "en", engine, glossary=glossary
    )
    assert result.text == "Welcome to Nam Can."
    assert (result.enforced, result.repaired, result.flags) == (1, 1, [])


def test_one_lost_and_one_duplicate_is_repaired_by_source_order(glossary: Glossary) -> None:
    # the model wrote ⟦T0⟧ where ⟦T1⟧ belonged (seen with the tiny real model)
    engine = FakeEngine(lambda s: "From ⟦T0⟧ to ⟦T0⟧ is far.")
    [result] = translate_texts(
        ["Từ Cà Mau đến Năm Căn rất xa."], "vi", "en", engine, glossary=glossary
    )
    assert result.text == "From Ca Mau to Nam Can is far."
    assert (result.enforced, result.repaired, result.flags) == (2, 1, [])
    engine = FakeEngine(lambda s: "From ⟦T1⟧ to ⟦T1⟧ is far.")
    [result] = translate_texts(
        ["Từ Cà Mau đến Năm Căn rất xa."], "vi", "en", engine, glossary=glossary
    )
    assert result.text == "From Ca Mau to Nam Can is far."


def test_one_lost_and_one_unknown_is_mapped(glossary: Glossary) -> None:
    engine = FakeEngine(
        lambda s: s.replace("⟦T1⟧", "⟦T7⟧").replace("Từ", "From").replace("đến", "to")
    )
    [result] = translate_texts(["Từ Cà Mau đến Năm Căn"], "vi", "en", engine, glossary=glossary)
    assert result.text == "From Ca Mau to Nam Can"
    assert result.repaired == 1 and result.flags == []


def test_dropped_placeholder_flags_the_cue(glossary: Glossary) -> None:
    engine = FakeEngine(lambda s: re.sub(r"⟦T1⟧", "", s))
    [result] = translate_texts(
        ["Từ Cà Mau đến Năm Căn rất xa."], "vi", "en", engine, glossary=glossary
    )
    assert result.flags == [TERM_CHECK_FAILED]
    assert "Ca Mau" in result.text and "Nam Can" not in result.text and "⟦" not in result.text


def test_two_lost_two_unknown_is_ambiguous(glossary: Glossary) -> None:
    restored = restore_terms("⟦T5⟧ và ⟦T6⟧", Masked("⟦T0⟧ và ⟦T1⟧", ("Ca Mau", "Nam Can")))
    assert restored.failed and "⟦" not in restored.text


def test_one_bad_sentence_flags_the_whole_cue_only(glossary: Glossary) -> None:
    def damage(s: str) -> str:
        return s.replace("⟦T0⟧", "") if s.startswith("Du khách") else s

    texts = ["Cà Mau rất đẹp. Du khách đến thăm Năm Căn.", "Chào mừng đến với Cà Mau."]
    results = translate_texts(texts, "vi", "en", FakeEngine(damage), glossary=glossary)
    assert results[0].flags == [TERM_CHECK_FAILED] and results[0].sentences == 2
    assert results[1].flags == [] and results[1].text == "Chào mừng đến với Ca Mau."


def test_all_cues_go_in_one_batch_without_repeats(glossary: Glossary) -> None:
    engine = FakeEngine()
    texts = ["Cà Mau rất đẹp. Năm Căn rất đẹp.", "Cà Mau rất đẹp.", "Hôm nay trời mưa."]
    results = translate_texts(texts, "vi", "en", engine, glossary=glossary)
    assert engine.batches == [["⟦T0⟧ rất đẹp.", "Hôm nay trời mưa."]]
    assert [r.text for r in results] == [
        "Ca Mau rất đẹp. Nam Can rất đẹp.",
        "Ca Mau rất đẹp.",
        "Hôm nay trời mưa.",
    ]


def test_khmer_target_terms(glossary: Glossary) -> None:
    engine = FakeEngine(lambda s: s.replace(" rất đẹp.", "ស្អាតណាស់។"))
    [result] = translate_texts(["Cà Mau rất đẹp."], "vi", "km", engine, glossary=glossary)
    assert result.text == "កាម៉ៅស្អាតណាស់។"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("From ⟦T0⟧ to ⟦T1⟧ .", "From Ca Mau to Nam Can."),  # as sent: the quick path
        ("From ⟦ T0 ⟧ to ⟦T1⟧ .", "From Ca Mau to Nam Can."),  # spaced: the careful path
        ("⟦T1⟧ ,  then ⟦T0⟧", "Nam Can, then Ca Mau"),  # reordered, untidy
        ("From ⟦T0⟧ to ⟦T1⟧ and ⟦T1⟧", "From Ca Mau to Nam Can and"),  # a copy dropped
    ],
)
def test_restoring_as_sent_or_damaged_gives_the_same_text(output: str, expected: str) -> None:
    masked = Masked("Từ ⟦T0⟧ đến ⟦T1⟧.", ("Ca Mau", "Nam Can"))
    restored = restore_terms(output, masked)
    assert restored.text == expected
    assert restored.enforced == 2 and not restored.failed


@pytest.mark.parametrize("change", [lambda out: out[:-1], lambda out: [*out, "extra"]])
def test_an_engine_giving_a_wrong_count_is_a_clear_error(
    glossary: Glossary, change: Callable[[list[str]], list[str]]
) -> None:
    from ttdn_studio.errors import ModelError

    class Miscounting(FakeEngine):
        def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
            return change(super().translate_batch(sentences, src, tgt))

    texts = ["Cà Mau rất đẹp.", "Hôm nay trời mưa.", "Năm Căn rất xa."]
    with pytest.raises(ModelError, match="fake engine returned [24] translations for 3"):
        translate_texts(texts, "vi", "en", Miscounting(), glossary=glossary)


def test_translations_arriving_in_any_order_land_on_their_cues(glossary: Glossary) -> None:
    """An engine that streams gives each translation with its position, in the order its
    batches finish (longest sentences first): each still lands on its own cue."""

    class Backwards(FakeEngine):
        def iter_finished(
            self, sentences: list[str], src: str, tgt: str
        ) -> list[tuple[int, str, float]]:
            done = self.translate_batch(sentences, src, tgt)
            return [(i, done[i], 0.5 + i / 100) for i in reversed(range(len(done)))]

    texts = ["Cà Mau rất đẹp. Năm Căn rất xa.", "Hôm nay trời mưa.", "Cà Mau rất đẹp."]
    results = translate_texts(texts, "vi", "en", Backwards(), glossary=glossary)
    assert [r.text for r in results] == [
        "Ca Mau rất đẹp. Nam Can rất xa.",
        "Hôm nay trời mưa.",
        "Ca Mau rất đẹp.",
    ]
    assert [r.confidence for r in results] == [0.5, 0.52, 0.5]
