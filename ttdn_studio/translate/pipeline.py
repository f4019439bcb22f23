"""Cue texts → sentences → masked glossary terms → one batched engine call → cue texts.

All sentences of all cues go to the engine together (in large chunks, for
progress reports), identical sentences once. Glossary terms are enforced per
sentence (see ``terms``) and the cue is flagged when a check fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass
class _Plan:
    sentences: list[Sentence]
    masked: list[Masked]


def _plan(text: str, glossary: TermFinder | None, src: str, tgt: str) -> _Plan:
    sentences = split_sentences(text, src)
    return _Plan(sentences, [mask_terms(s.text, glossary, src, tgt) for s in sentences])


def _translate_all(
    engine: Engine, texts: list[str], src: str, tgt: str, progress: Progress | None, dedupe: bool
) -> list[str]:
    """Translations in the order of ``texts`` (identical sentences sent once when ``dedupe``)."""
    unique = list(dict.fromkeys(texts)) if dedupe else texts
    out: list[str] = []
    if progress:
        progress(0, len(unique))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        out += engine.translate_batch(chunk, src, tgt)
        if progress:
            progress(min(start + CHUNK, len(unique)), len(unique))
    if not dedupe:
        return out
    by_text = dict(zip(unique, out, strict=True))
    return [by_text[t] for t in texts]


def _assemble(plan: _Plan, translated: list[str]) -> CueResult:
    result = CueResult("", sentences=len(plan.sentences))
    parts = []
    for masked, output in zip(plan.masked, translated, strict=True):
        restored = restore_terms(output, masked)
        parts.append(restored.text)
        result.enforced += restored.enforced
        result.repaired += restored.repaired
        if restored.failed and TERM_CHECK_FAILED not in result.flags:
            result.flags.append(TERM_CHECK_FAILED)
    result.text = join_sentences(parts, plan.sentences)
    return result


def translate_texts(
    texts: list[str],
    src: str,
    tgt: str,
    engine: Engine,
    *,
    glossary: TermFinder | None = None,
    progress: Progress | None = None,
    dedupe: bool = True,
) -> list[CueResult]:
    """Translate cue texts with glossary enforcement; results in the same order."""
    plans = [_plan(t, glossary, src, tgt) for t in texts]
    flat = _translate_all(
        engine, [m.text for p in plans for m in p.masked], src, tgt, progress, dedupe
    )
    results, pos = [], 0
    for plan in plans:
        results.append(_assemble(plan, flat[pos : pos + len(plan.masked)]))
        pos += len(plan.masked)
    return results
