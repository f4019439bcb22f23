"""Help while translating: glossary hits, memory suggestions and live checks for the cue."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ttdn_studio.errors import TtdnError
from ttdn_studio.text import fold
from ttdn_studio.tui.backend import service
from ttdn_studio.tui.screens.episode_base import EpisodeBase
from ttdn_studio.tui.widgets.assist import AssistPanel

ASSIST_DELAY_S = 0.12
LIVE_DELAY_S = 0.25


def highlight(text: str, spans: list[tuple[int, int]], style: str) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def find_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Where each needle occurs in ``text`` (case-insensitive, NFC)."""
    hay = fold(text)
    spans = []
    for needle in filter(None, (fold(n) for n in needles)):
        start = hay.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = hay.find(needle, start + 1)
    return spans


class AssistMixin(EpisodeBase):
    _assist_timer: Timer | None = None
    _live_timer: Timer | None = None

    @property
    def assist(self) -> AssistPanel:
        return self.query_one("#assist", AssistPanel)

    def schedule_assist(self) -> None:
        if self._assist_timer is not None:
            self._assist_timer.stop()
        self._assist_timer = self.set_timer(ASSIST_DELAY_S, self.refresh_assist)
        self.schedule_live()

    def schedule_live(self) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
        self._live_timer = self.set_timer(LIVE_DELAY_S, self.refresh_live)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "target":
            self.schedule_live()

    def refresh_assist(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.show_glossary(row.cue.id, row.cue.text)
        self.show_memory(row.cue.id)

    def show_glossary(self, cue_id: int, source: str) -> None:
        try:
            hits = service("ttdn_studio.services.workflow", "glossary_hits")(self.store, cue_id, self.lang)
        except TtdnError as exc:
            self.assist.show_glossary(None, exc.message)
            return
        spans = [(m.start, m.end) for m, _ in hits]
        self.query_one("#source", Static).update(highlight(source, spans, "bold yellow underline"))
        self.assist.show_glossary(hits)
        self.required_terms = [req for _, req in hits if req]
        self.refresh_live()

    def show_memory(self, cue_id: int) -> None:
        try:
            matches = service("ttdn_studio.services.workflow", "tm_suggestions")(
                self.store, cue_id, self.lang, limit=5)
        except TtdnError as exc:
            self.assist.show_memory(None, exc.message)
            return
        self.assist.show_memory(matches)

    def refresh_live(self) -> None:
        row = self.current_row()
        if row is None:
            return
        text = self.editor.target.text
        terms: list[str] = getattr(self, "required_terms", [])
        self.editor.show_live(self.live_line(text, row.cue.duration_ms, terms))
        findings: list[Any] | None
        try:
            check = service("ttdn_studio.qc", "check_text")
            findings = check(self.project, self.lang, text, row.cue.start_ms, row.cue.end_ms,
                             source_text=row.cue.text)
        except TtdnError as exc:
            self.assist.show_checks(None, exc.message)
            return
        self.assist.show_checks(findings)

    def live_line(self, text: str, duration_ms: int, terms: list[str]) -> Text:
        lines = text.split("\n") if text else []
        cps = len(text.replace("\n", " ")) / (duration_ms / 1000) if duration_ms else 0.0
        out = Text(f"{len(lines)} line(s) · longest {max((len(x) for x in lines), default=0)} ch · "
                   f"{cps:.1f} cps", style="dim")
        missing = [t for t in terms if not find_spans(text, [t])]
        if missing and text.strip():
            out.append("  missing term: " + ", ".join(missing), style="bold red")
        return out
