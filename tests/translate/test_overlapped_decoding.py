"""Sentences are decoded while the translators go on with later batches: the outputs and
scores are exactly those of one plain (synchronous) CTranslate2 call, on the fixture corpus."""

from __future__ import annotations

from pathlib import Path

from fixture_models import MODELS

from ttdn_studio.glossary import load_glossary
from ttdn_studio.translate import translate_texts
from ttdn_studio.translate.argos import (
    BEAM_SIZE,
    MAX_BATCH_SIZE,
    ArgosEngine,
    installed_packages,
    load_model,
)
from ttdn_studio.translate.pipeline import CueResult
from ttdn_studio.translate.sentences import split_sentences
from ttdn_studio.translate.terms import Masked, restore_terms
from ttdn_studio.translate.threads import batch_size

CORPUS = MODELS / "corpus" / "vi-en.tsv"


def corpus_lines() -> list[str]:
    lines = (line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines())
    return list(dict.fromkeys(line for line in lines if line.strip()))


def plain_call(sentences: list[str]) -> list[tuple[str, float]]:
    """The model's translations as one synchronous ``translate_batch`` gives them."""
    (pkg,) = [p for p in installed_packages() if p.pair == ("vi", "en")]
    model = load_model(pkg)
    tokens = [model.sp.encode(s, out_type=str) for s in sentences]
    results = model.translator.translate_batch(
        tokens,
        beam_size=BEAM_SIZE,
        max_batch_size=batch_size(len(tokens), model.threads, MAX_BATCH_SIZE),
        max_decoding_length=256,
        return_scores=True,
    )
    return [(model.sp.decode(r.hypotheses[0]).strip(), r.scores[0]) for r in results]


def test_the_model_s_output_equals_one_plain_call(argos_models: Path) -> None:
    lines = corpus_lines()
    assert len(lines) > 300
    (pkg,) = [p for p in installed_packages() if p.pair == ("vi", "en")]
    assert load_model(pkg).translate_scored(lines) == plain_call(lines)
    assert load_model(pkg).translate_scored([]) == []


def test_the_project_path_gives_the_plain_call_s_translations(argos_models: Path) -> None:
    """Without a glossary, each one-sentence cue is the plain call's translation (with any
    placeholder the tiny model invents removed, as always)."""
    lines = [line for line in corpus_lines() if len(split_sentences(line, "vi")) == 1][:120]
    assert len(lines) == 120
    results = translate_texts(lines, "vi", "en", ArgosEngine(), dedupe=False)
    expected = [
        restore_terms(text, Masked(line)).text
        for line, (text, _) in zip(lines, plain_call(lines), strict=True)
    ]
    assert [r.text for r in results] == expected
    assert all(isinstance(r, CueResult) and r.confidence is not None for r in results)


def test_glossary_terms_still_come_back_in_place(argos_models: Path) -> None:
    results = translate_texts(
        ["Du khách đến thăm Năm Căn.", "Cà Mau rất đẹp."],
        "vi",
        "en",
        ArgosEngine(),
        glossary=load_glossary(None),
    )
    assert "Nam Can" in results[0].text and "Ca Mau" in results[1].text


def test_repeated_sentences_and_progress_while_streaming(argos_models: Path) -> None:
    """Terms are restored as translations arrive; repeated sentences are still sent once,
    every cue gets its own, and progress still ends at the total."""
    lines = corpus_lines()[:40]
    texts = [lines[i % 7] for i in range(30)] + lines[7:40]
    reports: list[tuple[int, int]] = []
    engine = ArgosEngine()
    glossary = load_glossary(None)
    once = translate_texts(
        texts, "vi", "en", engine, glossary=glossary, progress=lambda *a: reports.append(a)
    )
    each = translate_texts(texts, "vi", "en", engine, glossary=glossary, dedupe=False)
    assert [r.text for r in once] == [r.text for r in each]
    assert [r.confidence for r in once] == [r.confidence for r in each]
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1] > 0


def test_a_pivot_streams_its_second_step_with_the_same_confidences(argos_models: Path) -> None:
    engine = ArgosEngine()
    lines = corpus_lines()[:20]
    streamed = list(engine.iter_batch_scored(lines, "vi", "km"))
    assert streamed == engine.translate_batch_scored(lines, "vi", "km")
    en = load_model(next(p for p in installed_packages() if p.pair == ("vi", "en")))
    km = load_model(next(p for p in installed_packages() if p.pair == ("en", "km")))
    first = en.translate_scored(lines)
    second = km.translate_scored([text for text, _ in first])
    import math

    assert streamed == [
        (text, min(1.0, math.exp(0.0 + a + b)))
        for (_, a), (text, b) in zip(first, second, strict=True)
    ]
