"""Helpers for QC tests: cue rows, contexts with profile overrides, a small glossary."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from qc_helpers import CtxFactory, RowFactory

from ttdn_studio.models import Cue, CueRow, Project, Translation
from ttdn_studio.qc.registry import QcContext
from ttdn_studio.text import fold


@pytest.fixture
def make_row() -> RowFactory:
    def build(
        source: str = "Xin chào",
        target: str | None = "Hello",
        start: int = 0,
        end: int = 2000,
        lang: str = "en",
        index: int = 1,
        cue_id: int = 1,
        clip: str = "main",
    ) -> CueRow:
        cue = Cue(id=cue_id, clip_id=1, start_ms=start, end_ms=end, text=source)
        trs = {} if target is None else {lang: Translation(cue_id=cue_id, lang=lang, text=target)}
        return CueRow(index=index, clip=clip, cue=cue, translations=trs)

    return build


@pytest.fixture
def make_ctx() -> CtxFactory:
    def build(
        lang: str = "en", glossary: object = None, fps: float = 25.0, **profile: object
    ) -> QcContext:
        settings: dict[str, object] = {"profiles": {lang: profile}} if profile else {}
        project = Project(title="QC", fps=fps, settings=settings)
        return QcContext.build(project, lang, glossary)  # type: ignore[arg-type]

    return build


@dataclass
class Entry:
    terms: dict[str, str]
    forbidden: dict[str, list[str]] = field(default_factory=dict)

    def term(self, lang: str) -> str:
        return self.terms.get(lang, "")


@dataclass
class Match:
    start: int
    end: int
    text: str
    entry: Entry


class StubGlossary:
    """Same two methods as the real glossary: case-insensitive substring matching."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries

    def _find(self, text: str, words: list[tuple[str, Entry]]) -> list[Match]:
        out, folded = [], fold(text)
        for word, entry in words:
            pos = folded.find(fold(word))
            if word and pos >= 0:
                out.append(Match(pos, pos + len(word), text[pos : pos + len(word)], entry))
        return out

    def find(self, text: str, lang: str = "vi") -> list[Match]:
        return self._find(text, [(e.term(lang), e) for e in self.entries])

    def find_forbidden(self, text: str, lang: str) -> list[Match]:
        return self._find(text, [(w, e) for e in self.entries for w in e.forbidden.get(lang, [])])


@pytest.fixture
def glossary() -> StubGlossary:
    return StubGlossary(
        [
            Entry(
                {"vi": "Mũi Cà Mau", "en": "Ca Mau Cape", "km": "ជ្រោយកាម៉ៅ"},
                forbidden={"en": ["Camau Cape", "Ca Mau Point"]},
            ),
            Entry({"vi": "rừng ngập mặn", "en": "mangrove forest"}),
        ]
    )
