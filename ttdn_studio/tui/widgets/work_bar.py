"""The work bar under the episode: the running job's name and a progress bar (hidden
when nothing runs). It shows the :class:`WorkProgress` reports of the screen's jobs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class WorkBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static("", id="work-label")
        # a known total: an indeterminate bar animates (and costs CPU) even while hidden
        yield ProgressBar(total=1, id="work-bar", show_eta=False)

    def show(self, label: str, done: float, total: float) -> None:
        """``total`` 0 hides the bar."""
        self.display = total > 0
        self.query_one("#work-label", Static).update(label)
        self.query_one("#work-bar", ProgressBar).update(
            total=total if total > 0 else 1, progress=done if total > 0 else 0
        )
