"""One error hierarchy for everything a user can cause.

A :class:`TtdnError` carries a message meant for people, and where it applies
the file and line it is about. The CLI prints it and exits 1; the TUI shows it
in a notification or dialog. Anything else that escapes is a bug.

A message that tells the user what to do by naming a command-line option ("name
the clip with --clip") also carries the desk's wording (``desk=``), which names
the desk's control instead (the import dialog's "Into clip" field): the CLI
prints ``str(error)``, the desk shows :meth:`TtdnError.in_desk`.
"""

from __future__ import annotations

from pathlib import Path


class TtdnError(Exception):
    """Base class for user-facing errors."""

    title = "Error"

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        desk: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.file = Path(file) if file is not None else None
        self.line = line
        #: the message in the desk's words (its controls, not command-line options)
        self.desk_message = desk if desk is not None else message

    def _where(self) -> str:
        if self.file is None:
            return ""
        where = f"{self.file}"
        if self.line is not None:
            where += f", line {self.line}"
        return where + ": "

    def __str__(self) -> str:
        return f"{self._where()}{self.message}"

    def in_desk(self) -> str:
        """What the desk shows: as ``str()``, in the desk's words when they differ."""
        return f"{self._where()}{self.desk_message}"


class ProjectError(TtdnError):
    """A project folder is missing, not a project, or inconsistent."""

    title = "Project"


class NotFoundError(TtdnError):
    """A named clip, cue, language or entry does not exist."""

    title = "Not found"


class StaleEditError(TtdnError):
    """An edit was based on a version that someone else has changed since."""

    title = "Changed by someone else"


class HistoryError(TtdnError):
    """Nothing to undo or redo, or the change can no longer be undone."""

    title = "Undo"


class ValidationError(TtdnError):
    """An edit would break a rule (times out of order, overlap, bad status...)."""

    title = "Not allowed"


class ImportFailed(TtdnError):
    """A file could not be read or understood; nothing was imported."""

    title = "Import failed"


class ExportFailed(TtdnError):
    """Subtitles could not be written."""

    title = "Export failed"


class GlossaryError(TtdnError):
    title = "Glossary"


class TranslationError(TtdnError):
    title = "Translation"


class ModelError(TtdnError):
    """A translation model is missing, corrupt or unsafe."""

    title = "Model"


class RenderError(TtdnError):
    title = "Render"


class FontError(RenderError):
    title = "Font"


class ReportError(TtdnError):
    title = "Report"


class MediaError(TtdnError):
    """A clip's video or audio cannot be analysed, or cues cannot be timed to its voice."""

    title = "Media"


class OutputRefused(TtdnError):
    """An output path names something that must not be replaced by a file (a device, a pipe)."""

    title = "Output"


class StationError(TtdnError):
    """The station profile (``station.toml``) is unreadable or a value in it is wrong."""

    title = "Station profile"
