"""Domain models (pydantic): projects, clips, cues and their translations.

Owns the shape of the data and its invariants (NFC text, integer milliseconds,
status order). Must not touch the database, files, the TUI or the CLI.
"""

from ttdn_studio.models.domain import (
    STATUS_ORDER,
    Clip,
    Cue,
    CueRow,
    Origin,
    Project,
    Status,
    Translation,
    status_at_least,
)

__all__ = [
    "STATUS_ORDER",
    "Clip",
    "Cue",
    "CueRow",
    "Origin",
    "Project",
    "Status",
    "Translation",
    "status_at_least",
]
