"""Cue texts → sentences → masked glossary terms → one batched engine call → cue texts.

All sentences of all cues go to the engine together (in large chunks, for
progress reports), identical sentences once. Glossary terms are enforced per
sentence (see ``terms``) and the cue is flagged when a check fails.

A sentence that runs across cues (a cue ending without ``. ! ? …`` or ``។``
followed by the next cue of the same clip that does not open a sentence with a
capital, digit or quote: ``tm.sentences.runs_on``) is translated whole, as one sentence,
and its translation is shared out over those cues in proportion to the length of
each cue's part of the source, cut between words. Cues made of whole sentences
are translated exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ttdn_studio.layout.khmer import word_boundaries
from ttdn_studio.tm.sentences import runs_on
from ttdn_studio.translate.engine import Engine
from ttdn_studio.translate.sentences import Sentence, join_sentences, split_sentences
from ttdn_studio.translate.terms import (
    TERM_CHECK_FAILED,
    Masked,
    TermFinder,
    mask_terms,
    restore_terms,
)

CHUNK = 512
Progress = Callable[[int, int], None]


@dataclass
class CueResult:
    """The machine translation of one cue text."""

    text: str
    flags: list[str] = field(default_factory=list)
    sentences: int = 0
    enforced: int = 0
    repaired: int = 0
    confidence: float | None = None  # the engine's, lowest over the cue's sentences


@dataclass
class _Unit:
    """One sentence sent to the engine: whole, or joined from the parts of several cues."""

    masked: Masked
    parts: list[tuple[int, str]]  # (cue position, that cue's part of the source)


def _units(
    texts: list[str], joins: Sequence[bool] | None, glossary: TermFinder | None, src: str, tgt: str
) -> tuple[list[list[Sentence]], list[_Unit], list[list[tuple[int, int]]]]:
    """Sentences per cue, the units to translate, and per cue its (unit, part) slots."""
    per_cue = [split_sentences(t, src) for t in texts]
    groups: list[list[tuple[int, str]]] = []
    open_end = False  # the previous cue's last sentence runs on into this cue
    for i, sentences in enumerate(per_cue):
        for k, sentence in enumerate(sentences):
            if k == 0 and open_end and groups:
                groups[-1].append((i, sentence.text))
            else:
                groups.append([(i, sentence.text)])
        open_end = bool(
            sentences
            and joins is not None
            and i < len(joins)
            and joins[i]
            and i + 1 < len(texts)
            and runs_on(sentences[-1].text, texts[i + 1])
        )
    units = [
        _Unit(mask_terms(" ".join(text for _, text in group), glossary, src, tgt), group)
        for group in groups
    ]
    slots: list[list[tuple[int, int]]] = [[] for _ in texts]
    for u, unit in enumerate(units):
        for part, (i, _text) in enumerate(unit.parts):
            slots[i].append((u, part))
    return per_cue, units, slots


def share_out(text: str, weights: list[int], lang: str) -> list[str]:
    """Cut ``text`` into ``len(weights)`` pieces in proportion to ``weights``, between words.

    Cuts go at spaces (Khmer: at word boundaries too), nearest the proportional
    point; every piece gets at least one word when there are enough words.
    """
    text = text.strip()
    if len(weights) <= 1:
        return [text]
    cuts = sorted(
        {i for i, ch in enumerate(text) if ch == " "}
        | (set(word_boundaries(text)) if lang == "km" else set())
    )
    total = sum(max(w, 1) for w in weights)
    pieces, start, acc = [], 0, 0
    for n, weight in enumerate(weights[:-1]):
        acc += max(weight, 1)
        goal = len(text) * acc / total
        left = len(weights) - n - 2  # cuts still needed after this one
        later = [c for c in cuts if c > start]
        usable = [c for c in later if len([x for x in later if x > c]) >= left] or later[:1]
        cut = min(usable, key=lambda c: abs(c - goal)) if usable else start
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return pieces


def _translate_all(
    engine: Engine, texts: list[str], src: str, tgt: str, progress: Progress | None, dedupe: bool
) -> list[tuple[str, float | None]]:
    """Translations (with the engine's confidence, if it gives one) in the order of ``texts``.

    Identical sentences are sent once when ``dedupe``.
    """
    unique = list(dict.fromkeys(texts)) if dedupe else texts
    scored = getattr(engine, "translate_batch_scored", None)
    out: list[tuple[str, float | None]] = []
    if progress:
        progress(0, len(unique))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        if scored is not None:
            out += [(text, float(conf)) for text, conf in scored(chunk, src, tgt)]
        else:
            out += [(text, None) for text in engine.translate_batch(chunk, src, tgt)]
        if progress:
            progress(min(start + CHUNK, len(unique)), len(unique))
    if not dedupe:
        return out
    by_text = dict(zip(unique, out, strict=True))
    return [by_text[t] for t in texts]


def _assemble(
    per_cue: list[list[Sentence]],
    units: list[_Unit],
    slots: list[list[tuple[int, int]]],
    translated: list[tuple[str, float | None]],
    tgt: str,
) -> list[CueResult]:
    results = [CueResult("", sentences=0) for _ in per_cue]
    pieces: list[list[str]] = []
    for unit, (output, confidence) in zip(units, translated, strict=True):
        if confidence is not None:
            for i, _text in unit.parts:
                known = results[i].confidence
                results[i].confidence = confidence if known is None else min(known, confidence)
        restored = restore_terms(output, unit.masked)
        pieces.append(share_out(restored.text, [len(t) for _, t in unit.parts], tgt))
        first = results[unit.parts[0][0]]
        first.sentences += 1
        first.enforced += restored.enforced
        first.repaired += restored.repaired
        if restored.failed:
            for i, _text in unit.parts:
                if TERM_CHECK_FAILED not in results[i].flags:
                    results[i].flags.append(TERM_CHECK_FAILED)
    for i, cue_slots in enumerate(slots):
        parts = [pieces[u][part] for u, part in cue_slots]
        results[i].text = join_sentences(parts, per_cue[i])
    return results


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
) -> list[CueResult]:
    """Translate cue texts with glossary enforcement; results in the same order.

    ``joins[i]`` says that text ``i + 1`` is the cue shown right after text ``i``
    (same clip): only then may a sentence run from one into the other. Without
    ``joins`` every cue is translated on its own.
    """
    per_cue, units, slots = _units(texts, joins, glossary, src, tgt)
    flat = _translate_all(engine, [u.masked.text for u in units], src, tgt, progress, dedupe)
    return _assemble(per_cue, units, slots, flat, tgt)
