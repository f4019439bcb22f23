"""The QC vocabulary: findings, the context a check sees, and the check registry.

A check is one :class:`Check` entry in :data:`CHECKS`, keyed by a stable id.
Per-cue checks are functions ``(ctx, row, lang) -> list[str]`` returning one
message per problem; per-clip checks (timing between neighbours) are
``(ctx, rows) -> list[(row, message)]``. Adding a check = writing the function
and calling :func:`register` in a module imported by ``ttdn_studio.qc``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Protocol

from ttdn_studio.layout.measure import default_font_size, frame_size
from ttdn_studio.models import Project
from ttdn_studio.models.profiles import LanguageProfile, profile_for

Severity = Literal["error", "warning"]


class CueLike(Protocol):
    """What QC reads of a cue (``ttdn_studio.models.Cue`` or the store's light rows)."""

    @property
    def id(self) -> int: ...

    @property
    def start_ms(self) -> int: ...

    @property
    def end_ms(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def duration_ms(self) -> int: ...


class TranslationLike(Protocol):
    """What QC reads of a translation."""

    @property
    def text(self) -> str: ...


class RowLike(Protocol):
    """What QC reads of a cue row: a :class:`~ttdn_studio.models.RowLike`, or the light
    :class:`~ttdn_studio.models.light.LightRow` a whole-project run reads (less memory)."""

    @property
    def index(self) -> int: ...

    @property
    def clip(self) -> str: ...

    @property
    def cue(self) -> CueLike: ...

    @property
    def translations(self) -> Mapping[str, TranslationLike]: ...


@dataclass(slots=True)
class Finding:
    """One problem in one cue in one language.

    A slotted dataclass, not a pydantic model: a QC run over a long project builds one
    per problem, and this is about a fifth of a model's memory (``scripts/bench_qc.py``).
    """

    clip: str
    index: int  # 1-based within the clip, as ``ttdn cues`` shows it (0 for live checks)
    lang: str
    check: str
    severity: Severity
    message: str
    cue_id: int | None = None

    def as_dict(self, *names: str) -> dict[str, object]:
        """The named fields (all when none are named), e.g. for JSON output."""
        return {name: getattr(self, name) for name in names or FINDING_FIELDS}


class TermEntryLike(Protocol):
    """What QC needs of a glossary entry (``ttdn_studio.glossary.GlossaryEntry``)."""

    def term(self, lang: str) -> str: ...


class TermMatchLike(Protocol):
    """A term found in a text (``ttdn_studio.glossary.TermMatch``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def entry(self) -> TermEntryLike: ...


class GlossaryLike(Protocol):
    """What QC needs of a glossary (``ttdn_studio.glossary.Glossary``)."""

    def find(self, text: str, lang: str = ...) -> Sequence[TermMatchLike]: ...

    def find_forbidden(self, text: str, lang: str) -> Sequence[TermMatchLike]: ...


@dataclass
class QcContext:
    """Everything a check may consult, computed once per run."""

    project: Project
    lang: str
    profile: LanguageProfile
    glossary: GlossaryLike | None = None
    frame_width: int = 1920
    frame_height: int = 1080
    cache: dict[str, object] = field(default_factory=dict)  # per-run values checks share

    @classmethod
    def build(cls, project: Project, lang: str, glossary: GlossaryLike | None = None) -> QcContext:
        width, height = frame_size(project.settings)
        return cls(project, lang, profile_for(project, lang), glossary, width, height)

    @property
    def source_lang(self) -> str:
        return self.project.source_lang

    @property
    def is_source(self) -> bool:
        return self.lang == self.project.source_lang

    @cached_property
    def font_size(self) -> int:
        return default_font_size(self.lang, self.frame_height)

    @cached_property
    def max_width_px(self) -> float:
        return self.profile.max_width_fraction * self.frame_width

    @cached_property
    def min_gap_ms(self) -> int:
        return self.project.frames_to_ms(self.profile.min_gap_frames)

    @cached_property
    def chain_gap_ms(self) -> int:
        return self.project.frames_to_ms(self.profile.chain_gap_frames)

    def text(self, row: RowLike, lang: str | None = None) -> str:
        lang = lang or self.lang
        if lang == self.project.source_lang:
            return row.cue.text
        found = row.translations.get(lang)
        return found.text if found is not None else ""

    def source_text(self, row: RowLike) -> str:
        return row.cue.text


CueCheck = Callable[[QcContext, RowLike, str], list[str]]
ClipCheck = Callable[[QcContext, Sequence[RowLike]], list[tuple[RowLike, str]]]


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    description: str
    cue: CueCheck | None = None
    clip: ClipCheck | None = None
    needs_target: bool = False  # skipped when checking the source language
    needs_neighbours: bool = False  # skipped by live checks of one cue
    live: bool = True  # False: too costly to run on every keystroke (full QC runs only)

    def applies(self, ctx: QcContext) -> bool:
        return not (self.needs_target and ctx.is_source)

    def run_cue(self, ctx: QcContext, row: RowLike, lang: str) -> list[Finding]:
        if self.cue is None:
            return []
        return [self.finding(row, lang, msg) for msg in self.cue(ctx, row, lang)]

    def run_clip(self, ctx: QcContext, rows: Sequence[RowLike]) -> list[Finding]:
        if self.clip is None:
            return []
        return [self.finding(row, ctx.lang, msg) for row, msg in self.clip(ctx, rows)]

    def finding(self, row: RowLike, lang: str, message: str) -> Finding:
        return Finding(
            row.clip, row.index, lang, self.id, self.severity, message, row.cue.id or None
        )


FINDING_FIELDS = ("clip", "index", "cue_id", "lang", "check", "severity", "message")
CHECKS: dict[str, Check] = {}


def register(check: Check) -> Check:
    if check.id in CHECKS:
        raise ValueError(f"QC check {check.id!r} is registered twice")
    CHECKS[check.id] = check
    return check
