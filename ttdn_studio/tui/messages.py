"""Messages that workers post back to the UI thread (small dataclasses).

Progress arrives in floods; :class:`WorkProgress` replaces an older, not yet
handled progress message of the same job so the queue never backs up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ttdn_studio.models import CueRow


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
    toast: bool = False  # the app shows the error once it has bubbled up


@dataclass
class ProjectChanged(Message):
    """Something outside the episode screen changed cues (a fix, an import, MT)."""

    cue_ids: list[int] = field(default_factory=list)


# ------------------------------------------------------------------ the episode's parts
# Each part of the episode screen posts these up to the screen, which routes them on.


@dataclass
class GridView(Message):
    """What the cue grid shows now (for the header line above it)."""

    clip: str | None
    lang: str
    filter_label: str
    search: str
    shown: int
    total: int
    marked: int
    cleared: bool | None = None  # the clip cleared for air in the language (None: no clip)


@dataclass
class CurrentCue(Message):
    """The grid's cursor is on another cue, or the cue under it changed (``force``: reload
    the editor from the store even if it shows the same cue)."""

    force: bool = False


@dataclass
class CueFocused(Message):
    """Sent by the screen to every part marked ``-follows-cue``: the cue being worked on."""

    bubble = False
    row: CueRow | None
    lang: str


@dataclass
class TermsFound(Message):
    """The assist panel found glossary terms in the cue's source: where, and what they
    require in the translation."""

    cue_id: int
    lang: str
    spans: list[tuple[int, int]]
    required: list[str]


@dataclass
class TextSettled(Message):
    """The editor's text for a cue has stopped changing for a moment (live checks run)."""

    cue_id: int
    lang: str
    text: str
    start_ms: int
    end_ms: int
    source: str


@dataclass
class ClipChosen(Message):
    clip: str
