"""Cue texts → sentences → masked glossary terms → one batched engine call → cue texts.

All sentences of all cues go to the engine together (in large chunks, for
progress reports), identical sentences once. Glossary terms are enforced per
sentence (see ``terms``) and the cue is flagged when a check fails.

A sentence that runs across cues (a cue ending without ``. ! ? …`` or ``។``
going on in the next cue of the same clip: ``tm.sentences.sentence_joins``) is
translated whole, as one sentence,
and its translation is shared out over those cues in proportion to the length of
each cue's part of the source, cut between words and never inside a glossary term;
each of those cues then has its lines re-fitted (``fit``). A translation with
fewer words than cues is kept in fewer cues: the cues holding it are flagged
``sentence-in-fewer-cues`` and the others are left empty (``CueResult.left_empty``).
Cues made of whole sentences are translated exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ttdn_studio.batch import paused_gc
from ttdn_studio.errors import ModelError
from ttdn_studio.layout.khmer import word_boundaries
from ttdn_studio.tm.sentences import sentence_joins
from ttdn_studio.translate.engine import Engine
from ttdn_studio.translate.sentences import Sentence, join_sentences, split_sentences
from ttdn_studio.translate.terms import (
    TERM_CHECK_FAILED,
    Masked,
    TermFinder,
    glossary_names,
    mask_terms,
    restore_terms,
)

CHUNK = 512
FEWER_CUES = "sentence-in-fewer-cues"
Progress = Callable[[int, int], None]
Fit = Callable[[str, list[str]], str]  # (cue text, glossary terms in it) -> its lines re-fitted


@dataclass(slots=True)
class CueResult:
    """The machine translation of one cue text."""

    text: str
    flags: list[str] = field(default_factory=list)
    sentences: int = 0
    enforced: int = 0
    repaired: int = 0
    confidence: float | None = None  # the engine's, lowest over the cue's sentences
    left_empty: bool = False  # its sentence's translation went whole to the cues around it


class _Unit(NamedTuple):
    """One sentence sent to the engine: whole, or joined from the parts of several cues."""

    masked: Masked
    parts: list[tuple[int, str]]  # (cue position, that cue's part of the source)


def _units(
    texts: list[str], joins: Sequence[bool] | None, glossary: TermFinder | None, src: str, tgt: str
) -> tuple[list[list[Sentence]], list[_Unit], list[list[tuple[int, int]]]]:
    """Sentences per cue, the units to translate, and per cue its (unit, part) slots."""
    per_cue = [split_sentences(t, src) for t in texts]
    runs = sentence_joins(texts, joins, glossary_names(glossary, src))
    groups: list[list[tuple[int, str]]] = []
    open_end = False  # the previous cue's last sentence runs on into this cue
    for i, sentences in enumerate(per_cue):
        for k, sentence in enumerate(sentences):
            if k == 0 and open_end and groups:
                groups[-1].append((i, sentence.text))
            else:
                groups.append([(i, sentence.text)])
        open_end = bool(sentences and i < len(runs) and runs[i])
    units = [
        _Unit(mask_terms(" ".join(text for _, text in group), glossary, src, tgt), group)
        for group in groups
    ]
    slots: list[list[tuple[int, int]]] = [[] for _ in texts]
    for u, group in enumerate(groups):
        for part, (i, _text) in enumerate(group):
            slots[i].append((u, part))
    return per_cue, units, slots


def share_out(
    text: str, weights: list[int], lang: str, keep: Sequence[tuple[int, int]] = ()
) -> list[str]:
    """Cut ``text`` into ``len(weights)`` pieces in proportion to ``weights``, between words.

    Cuts go at spaces (Khmer: at word boundaries too), nearest the proportional
    point, never inside a ``keep`` span (a glossary term put back in the text).
    Every piece gets at least one word when there are enough words; with fewer
    words than pieces, each word goes to its own piece, the one nearest its place,
    and the other pieces are ``""`` (the sentence is kept in fewer cues).
    """
    text = text.strip()
    if len(weights) <= 1:
        return [text]
    possible = sorted(
        {i for i, ch in enumerate(text) if ch == " "}
        | (set(word_boundaries(text)) if lang == "km" else set())
    )
    cuts: list[int] = []
    for c in possible:
        if any(start < c < end for start, end in keep):
            continue
        if text[cuts[-1] if cuts else 0 : c].strip():
            cuts.append(c)
    while cuts and not text[cuts[-1] :].strip():
        cuts.pop()
    edges = [0, *cuts, len(text)]
    words = [text[x:y].strip() for x, y in zip(edges, edges[1:], strict=False)]
    share = [max(w, 1) for w in weights]
    total = sum(share)
    bounds = [sum(share[: k + 1]) / total for k in range(len(share))]
    if len(words) < len(weights):  # too few words: one word to a piece, near its place
        pieces = [""] * len(weights)
        last = -1
        for k, word in enumerate(words):
            middle = (k + 0.5) / len(words)
            place = next(n for n, b in enumerate(bounds) if middle <= b)
            last = min(max(place, last + 1), len(weights) - (len(words) - k))
            pieces[last] = word
        return pieces
    chosen, prev = [], -1  # indexes into ``cuts``
    for n in range(len(weights) - 1):
        goal = len(text) * bounds[n]
        last = len(cuts) - (len(weights) - 1 - n)  # leave a cut for each piece still to come
        chosen.append(min(range(prev + 1, last + 1), key=lambda j: abs(cuts[j] - goal)))
        prev = chosen[-1]
    edges = [0, *(cuts[j] for j in chosen), len(text)]
    return [text[x:y].strip() for x, y in zip(edges, edges[1:], strict=False)]


Finished = Iterator[tuple[int, str, float | None]]  # (position, translation, confidence)


def _translate_all(
    engine: Engine, texts: list[str], src: str, tgt: str, progress: Progress | None, dedupe: bool
) -> Finished:
    """The translation (with the engine's confidence, if it gives one) of each of ``texts``
    with its position, as soon as the engine has it: an engine that streams (``iter_finished``)
    gives them in the order its batches finish, so the caller restores terms while later
    batches are translating. Identical sentences are sent once when ``dedupe``.
    """
    if not dedupe:
        return _in_chunks(engine, texts, src, tgt, progress)
    position: dict[str, int] = {}
    where: list[list[int]] = []  # per unique sentence, its positions in ``texts``
    for i, text in enumerate(texts):
        u = position.setdefault(text, len(where))
        if u == len(where):
            where.append([])
        where[u].append(i)
    stream = _in_chunks(engine, list(position), src, tgt, progress)
    return ((i, text, conf) for u, text, conf in stream for i in where[u])


def _in_chunks(
    engine: Engine, unique: list[str], src: str, tgt: str, progress: Progress | None
) -> Finished:
    finished = getattr(engine, "iter_finished", None)
    scored = getattr(engine, "translate_batch_scored", None)
    if progress:
        progress(0, len(unique))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        results: Iterable[tuple[int, str, float | None]]
        if finished is not None:  # gives (position, text, confidence as a float)
            results = finished(chunk, src, tgt)
        elif scored is not None:
            results = (
                (i, text, float(conf)) for i, (text, conf) in enumerate(scored(chunk, src, tgt))
            )
        else:
            results = (
                (i, text, None) for i, text in enumerate(engine.translate_batch(chunk, src, tgt))
            )
        count = 0
        for i, text, conf in results:
            count += 1
            if count > len(chunk) or not 0 <= i < len(chunk):
                break
            yield start + i, text, conf
        if count != len(chunk):
            raise ModelError(
                f"the {engine.name} engine returned {count} translations for {len(chunk)} sentences"
            )
        if progress:
            progress(min(start + CHUNK, len(unique)), len(unique))


def _assemble(
    per_cue: list[list[Sentence]],
    units: list[_Unit],
    slots: list[list[tuple[int, int]]],
    translated: Finished,
    tgt: str,
    fit: Fit | None = None,
) -> list[CueResult]:
    results = [CueResult("", sentences=0) for _ in per_cue]
    pieces: list[list[str]] = [[] for _ in units]
    shared: set[int] = set()  # cues holding part of a sentence that runs across cues
    fewer: set[int] = set()  # ... whose translation is kept in fewer cues
    for u, output, confidence in translated:
        unit = units[u]
        restored = restore_terms(output, unit.masked)
        cues = [i for i, _text in unit.parts]
        if len(cues) == 1:  # the common case: a sentence within one cue
            pieces[u] = [restored.text.strip()]
        else:
            pieces[u] = share_out(
                restored.text,
                [len(t) for _, t in unit.parts],
                tgt,
                keep=term_spans(restored.text, unit.masked.terms),
            )
            shared.update(cues)
            if "" in pieces[u]:  # fewer words than cues
                fewer.update(cues)
        for i in cues:
            result = results[i]
            if confidence is not None and (
                result.confidence is None or confidence < result.confidence
            ):
                result.confidence = confidence
            if restored.failed and TERM_CHECK_FAILED not in result.flags:
                result.flags.append(TERM_CHECK_FAILED)
        first = results[cues[0]]
        first.sentences += 1
        first.enforced += restored.enforced
        first.repaired += restored.repaired
    for i, cue_slots in enumerate(slots):
        parts = [pieces[u][part] for u, part in cue_slots]
        if len(parts) == 1:  # one sentence: nothing to join
            results[i].text = parts[0].strip()
        else:
            results[i].text = join_sentences([p for p in parts if p], _kept(per_cue[i], parts))
        if fit is not None and i in shared and results[i].text:
            terms = [t for u, _part in cue_slots for t in units[u].masked.terms]
            results[i].text = fit(results[i].text, terms)
        if i in fewer:
            if results[i].text:
                results[i].flags.append(FEWER_CUES)
            else:
                results[i].left_empty = True
    return results


def _kept(sentences: list[Sentence], parts: list[str]) -> list[Sentence]:
    """The sentences whose translated part is not empty (a cue left out of its sentence)."""
    return [s for s, p in zip(sentences, parts, strict=True) if p]


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the glossary terms put back into ``text`` are (every occurrence)."""
    spans = []
    for term in filter(None, terms):
        start = text.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = text.find(term, start + 1)
    return spans


def translate_texts(
    texts: list[str],
    src: str,
    tgt: str,
    engine: Engine,
    *,
    glossary: TermFinder | None = None,
    progress: Progress | None = None,
    dedupe: bool = True,
    joins: Sequence[bool] | None = None,
    fit: Fit | None = None,
) -> list[CueResult]:
    """Translate cue texts with glossary enforcement; results in the same order.

    ``joins[i]`` says that text ``i + 1`` is the cue shown right after text ``i``
    (same clip): only then may a sentence run from one into the other. Without
    ``joins`` every cue is translated on its own. ``fit`` re-breaks the lines of each
    cue that holds part of such a sentence (the project's line fitter).
    """
    with paused_gc():  # many small objects, no cycles: the collector only slows the batch
        per_cue, units, slots = _units(texts, joins, glossary, src, tgt)
        flat = _translate_all(engine, [u.masked.text for u in units], src, tgt, progress, dedupe)
        return _assemble(per_cue, units, slots, flat, tgt, fit)
