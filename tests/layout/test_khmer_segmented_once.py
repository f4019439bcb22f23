"""A Khmer line is segmented once for the spelling check and line breaking: both answers
are those of segmenting it on its own for each."""

from __future__ import annotations

from collections.abc import Iterator

import khmercut
import pytest

from ttdn_studio.layout import khmer
from ttdn_studio.layout.fit import candidate_cuts
from ttdn_studio.qc import spelling

REAL_TOKENIZE = khmercut.tokenize
LINES = [
    "ខេត្តកាម៉ៅជាខេត្តនៅភាគខាងត្បូងបំផុតនៃប្រទេសវៀតណាម",
    "ព្រៃកោងកាងនៅទីនេះមានផ្ទៃដីធំទូលាយ ២០២០",
    "Cà Mau ខេត្តកាម៉ៅ",
]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts khmercut is asked to segment, with every cache empty."""
    seen: list[str] = []

    def counting(text: str) -> list[str]:
        seen.append(text)
        return REAL_TOKENIZE(text)

    monkeypatch.setattr(khmercut, "tokenize", counting)
    for cached in (khmer.khmer_tokens, khmer.word_boundaries, spelling.khmer_words):
        cached.cache_clear()
    yield seen
    for cached in (khmer.khmer_tokens, khmer.word_boundaries, spelling.khmer_words):
        cached.cache_clear()


def fresh_boundaries(text: str) -> set[int]:
    """Where khmercut ends a word, segmenting ``text`` on its own."""
    ends, pos = set(), 0
    for token in REAL_TOKENIZE(text)[:-1]:
        pos += len(token)
        ends.add(pos)
    return ends


def test_spelling_then_line_breaking_segment_each_line_once(calls: list[str]) -> None:
    for line in LINES:
        spelling.khmer_words(line)
        candidate_cuts(line, lang="km")
    assert calls == LINES


def test_the_shared_segmentation_gives_each_user_its_own_answer(calls: list[str]) -> None:
    for line in LINES:
        words = spelling.khmer_words(line)
        assert words and all(line[a:b].strip() for a, b in words)
        assert set(khmer.word_boundaries(line)) == fresh_boundaries(line)
        assert "".join(khmer.khmer_tokens(line)) == line
    khmer.word_boundaries("   ")
    assert calls == LINES  # once each; a blank line is not sent to the segmenter
