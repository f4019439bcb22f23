"""Glossary enforcement around machine translation: mask, translate, verify, restore.

Before translation, each glossary term of a sentence that has an agreed form in
the target language is replaced by a placeholder ``⟦T0⟧``, ``⟦T1⟧`` … (numbered
per sentence); models pass placeholders through. Afterwards every placeholder is
replaced by the agreed target term, and what came back is verified: each
placeholder must be present exactly once. Damage is repaired only where the fix
is unambiguous:

* a duplicated placeholder with nothing lost: the first copy is kept;
* an unknown placeholder (a number that was never sent) with nothing lost: dropped;
* exactly one placeholder lost and exactly one spare left (an unknown number, or a
  second copy of another placeholder): the spare takes the lost term; for a
  second copy, the source order of the two terms decides which copy is which.

Anything else fails the check: the sentence keeps what could be restored and
the cue gets the ``term-check-failed`` flag for the translator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

PLACEHOLDER_RE = re.compile(r"⟦\s*T\s*(\d+)\s*⟧")
MAX_PLACEHOLDERS = 10
TERM_CHECK_FAILED = "term-check-failed"
_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([.,!?;:…])")
_UNTIDY = re.compile(r"[ \t]{2,}| [.,!?;:…]")  # what the two above would change


class TermFinder(Protocol):
    """What enforcement needs of a glossary (``ttdn_studio.glossary.Glossary``)."""

    def find(self, text: str, lang: str = "vi") -> list[Any]: ...


def glossary_names(
    glossary: TermFinder | None, lang: str = "vi"
) -> Callable[[str], bool | None] | None:
    """For :func:`ttdn_studio.tm.sentences.sentence_joins`: whether a cue opens with a
    glossary name, i.e. a term the glossary writes with a capital ("Vườn quốc gia U
    Minh Hạ": True; "rừng U Minh Hạ": False); None when no term opens it."""
    if glossary is None:
        return None

    def opens_with_name(text: str) -> bool | None:
        lead = len(text) - len(text.lstrip("\"'“‘«(["))
        for m in glossary.find(text, lang=lang):
            if m.start == lead:
                return str(m.entry.term(lang))[:1].isupper()
        return None

    return opens_with_name


_PLACEHOLDERS = tuple(f"⟦T{index}⟧" for index in range(MAX_PLACEHOLDERS))


def placeholder(index: int) -> str:
    return _PLACEHOLDERS[index] if 0 <= index < MAX_PLACEHOLDERS else f"⟦T{index}⟧"


# Named tuples rather than frozen dataclasses: one of each per sentence translated, and a
# tuple is made several times faster (the translators are busy on every core meanwhile).
class Masked(NamedTuple):
    """A sentence with its terms masked; ``terms[i]`` is the target form for ``⟦Ti⟧``."""

    text: str
    terms: tuple[str, ...] = ()


class Restored(NamedTuple):
    text: str
    enforced: int = 0
    repaired: int = 0
    failed: bool = False


def target_form(entry: Any, tgt: str) -> str:
    """The glossary's form of ``entry`` in ``tgt``; "" leaves the term to the model."""
    target: str = entry.term(tgt)
    if target:
        return target
    return str(entry.term("vi")) if entry.keeps_source(tgt) else ""


def mask_terms(sentence: str, glossary: TermFinder | None, src: str, tgt: str) -> Masked:
    """Replace the glossary terms of ``sentence`` by numbered placeholders."""
    found = glossary.find(sentence, lang=src) if glossary is not None else None
    if not found:  # most sentences: no term
        return Masked(sentence)
    parts: list[str] = []
    terms: list[str] = []
    pos = 0
    for match in sorted(found, key=lambda m: m.start):
        target = target_form(match.entry, tgt)
        if not target or len(terms) >= MAX_PLACEHOLDERS or match.start < pos:
            continue
        parts += [sentence[pos : match.start], _PLACEHOLDERS[len(terms)]]
        terms.append(target)
        pos = match.end
    parts.append(sentence[pos:])
    return Masked("".join(parts), tuple(terms))


def _assign(found: list[int], count: int) -> tuple[list[int | None], int, bool]:
    """Decide which term each placeholder occurrence gets: (assignment, repairs, failed)."""
    assigned: list[int | None] = []
    seen: set[int] = set()
    spares: list[int] = []  # positions in ``found`` of unknown numbers or second copies
    for pos, index in enumerate(found):
        if index < count and index not in seen:
            seen.add(index)
            assigned.append(index)
        else:
            spares.append(pos)
            assigned.append(None)
    lost = [i for i in range(count) if i not in seen]
    if not lost:
        return assigned, len(spares), False
    if len(lost) == 1 and len(spares) == 1:
        _give_lost(assigned, found, spares[0], lost[0], count)
        return assigned, 1, False
    return assigned, 0, True


def _give_lost(
    assigned: list[int | None], found: list[int], spare: int, lost: int, count: int
) -> None:
    """Hand the lost term to the spare occurrence (a copy swaps with the first by source order)."""
    index = found[spare]
    if index >= count:  # an unknown number: it can only stand for the lost term
        assigned[spare] = lost
        return
    first = assigned.index(index)
    if lost < index and first < spare:  # the lost term came first in the source
        assigned[first], assigned[spare] = lost, index
    else:
        assigned[spare] = lost


def restore_terms(output: str, masked: Masked) -> Restored:
    """Put the target terms in place of the placeholders of ``output`` and verify them."""
    terms = masked.terms
    marks = output.count("⟦")
    if not terms and not marks:  # the most common case: no terms sent, none came back
        return Restored(output)
    if marks == len(terms) and all(_PLACEHOLDERS[i] in output for i in range(len(terms))):
        # the usual case with terms: every placeholder came back once, as it was sent
        for i, term in enumerate(terms):
            output = output.replace(_PLACEHOLDERS[i], term)
        return Restored(_tidy(output), len(terms))
    # text, number, text, number, ..., text: the placeholders as the model wrote them
    parts = PLACEHOLDER_RE.split(output)
    if len(parts) == 1 and not terms:
        return Restored(output)
    found = [int(number) for number in parts[1::2]]
    assigned, repaired, failed = _assign(found, len(terms))
    for k, index in enumerate(assigned):
        parts[2 * k + 1] = terms[index] if index is not None else ""
    placed = len(assigned) - assigned.count(None)
    return Restored(_tidy("".join(parts)), enforced=placed, repaired=repaired, failed=failed)


def _tidy(text: str) -> str:
    """Spaces left where a spare placeholder was removed."""
    if _UNTIDY.search(text) is None:  # most texts: nothing to tidy
        return text.strip()
    text = _RUNS_OF_SPACES.sub(" ", text)
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).strip()
