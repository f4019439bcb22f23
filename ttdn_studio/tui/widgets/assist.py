"""The assist panel beside the editor: glossary hits, memory suggestions, live QC."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


def _score(match: Any) -> float:
    return float(getattr(match, "score", 0.0))


class AssistPanel(VerticalScroll):
    """Three small sections filled by the episode screen."""

    def compose(self) -> ComposeResult:
        yield Static("", id="glossary-hits", classes="assist-section")
        yield Static("", id="tm-hits", classes="assist-section")
        yield Static("", id="qc-hits", classes="assist-section")

    def on_mount(self) -> None:
        self.query_one("#glossary-hits").border_title = "Glossary"
        self.query_one("#tm-hits").border_title = "Memory (F2 accepts best)"
        self.query_one("#qc-hits").border_title = "Checks"

    def show_glossary(self, hits: list[tuple[Any, str]] | None, note: str = "") -> None:
        text = Text()
        for match, required in hits or []:
            text.append(str(getattr(match, "text", match)), style="bold yellow")
            text.append(" → ")
            text.append(f"{required}\n", style="bold green")
        if not hits:
            text.append(note or "no glossary terms in this cue", style="dim")
        self.query_one("#glossary-hits", Static).update(text)

    def show_memory(self, matches: list[Any] | None, note: str = "") -> None:
        text = Text()
        for i, match in enumerate(sorted(matches or [], key=_score, reverse=True)):
            text.append(f"{_score(match):3.0f}% ", style="bold green" if i == 0 else "cyan")
            text.append(f"{getattr(match, 'target', '')}\n")
            text.append(f"     {getattr(match, 'source', '')}\n", style="dim")
        if not matches:
            text.append(note or "no suggestions from the memory", style="dim")
        self.query_one("#tm-hits", Static).update(text)

    def show_checks(self, findings: list[Any] | None, note: str = "") -> None:
        text = Text()
        for f in findings or []:
            style = "bold red" if str(getattr(f, "severity", "")) == "error" else "yellow"
            text.append(f"{getattr(f, 'check', '')}: ", style=style)
            text.append(f"{getattr(f, 'message', f)}\n")
        if not findings:
            text.append(note or "no problems found", style="dim green")
        self.query_one("#qc-hits", Static).update(text)
