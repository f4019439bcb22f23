"""Messages that workers post back to the UI thread (small dataclasses).

Progress arrives in floods; :class:`WorkProgress` replaces an older, not yet
handled progress message of the same job so the queue never backs up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class WorkProgress(Message):
    group: str
    job: str
    done: float
    total: float
    detail: str = ""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, WorkProgress) and (message.group, message.job) == (
            self.group,
            self.job,
        )


@dataclass
class WorkDone(Message):
    group: str
    summary: str
    result: Any = None


@dataclass
class WorkFailed(Message):
    group: str
    title: str
    message: str


@dataclass
class JumpToCue(Message):
    clip: str
    cue_id: int
    lang: str | None = None


@dataclass
class ProjectChanged(Message):
    """Something outside the episode screen changed cues (a fix, an import, MT)."""

    cue_ids: list[int] = field(default_factory=list)


@dataclass
class AssistResult(Message):
    """Glossary hits and memory suggestions for one cue (or why they are missing)."""

    cue_id: int
    lang: str
    hits: list[Any] | None
    matches: list[Any] | None
    hits_note: str = ""
    matches_note: str = ""


@dataclass
class LiveChecks(Message):
    cue_id: int
    findings: list[Any] | None
    note: str = ""


@dataclass
class QcCounts(Message):
    """QC errors per cue of one clip (every target language), for the grid's QC column."""

    clip: str
    counts: dict[int, int]
