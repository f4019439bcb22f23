"""Help while translating: glossary hits, memory suggestions and live checks for the cue."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ttdn_studio.errors import TtdnError
from ttdn_studio.text import match_key
from ttdn_studio.tui.messages import AssistResult, LiveChecks
from ttdn_studio.tui.screens.episode_base import EpisodeBase
from ttdn_studio.tui.widgets.assist import AssistPanel

if TYPE_CHECKING:
    from ttdn_studio.store import ProjectStore

ASSIST_DELAY_S = 0.12
LIVE_DELAY_S = 0.25


def highlight(text: str, spans: list[tuple[int, int]], style: str) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def find_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Where each needle occurs in ``text`` (ignoring case and tone placement, NFC)."""
    hay = match_key(text)
    spans = []
    for needle in filter(None, (match_key(n) for n in needles)):
        start = hay.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = hay.find(needle, start + 1)
    return spans


class AssistMixin(EpisodeBase):
    _assist_timer: Timer | None = None
    _live_timer: Timer | None = None
    _assist_store: ProjectStore | None = None
    _assist_closed = False
    required_terms: list[str] = []  # noqa: RUF012 (replaced, never mutated)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One lookup at a time on this screen's assist connection, and never while it is
        # being closed: a thread worker is not stopped by a newer one, and SQLite must
        # not be closed under it.
        self._assist_lock = threading.Lock()

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
        if row is not None:
            self.assist_lookup(row.cue.id, self.lang)

    def _reader(self) -> ProjectStore:
        """A connection of the assist workers' own (never shared with the UI thread's edits)."""
        if self._assist_store is None:
            from ttdn_studio.store import open_project

            self._assist_store = open_project(self.store.path)
        return self._assist_store

    @work(thread=True, exclusive=True, group="assist")
    def assist_lookup(self, cue_id: int, lang: str) -> None:
        from ttdn_studio.services.workflow import glossary_hits, tm_suggestions

        result = AssistResult(cue_id, lang, None, None)
        with self._assist_lock:
            if self._assist_closed:
                return
            try:
                store = self._reader()
                result.hits = glossary_hits(store, cue_id, lang)
            except TtdnError as exc:
                result.hits_note = exc.message
            try:
                store = self._reader()
                result.matches = tm_suggestions(store, cue_id, lang, limit=5)
            except TtdnError as exc:
                result.matches_note = exc.message
        self.post_message(result)

    def close_assist(self) -> None:
        """Close the assist connection once no lookup is using it (the screen is going)."""
        with self._assist_lock:
            self._assist_closed = True
            if self._assist_store is not None:
                self._assist_store.close()
                self._assist_store = None

    def on_assist_result(self, message: AssistResult) -> None:
        row = self.current_row()
        if row is None or (row.cue.id, self.lang) != (message.cue_id, message.lang):
            return
        hits = message.hits or []
        spans = [(m.start, m.end) for m, _ in hits]
        self.query_one("#source", Static).update(
            highlight(row.cue.text, spans, "bold yellow underline")
        )
        self.assist.show_glossary(message.hits, message.hits_note)
        self.assist.show_memory(message.matches, message.matches_note)
        self.required_terms = [req for _, req in hits if req]
        self.refresh_live()

    def refresh_live(self) -> None:
        row = self.current_row()
        if row is None:
            return
        text = self.editor.target.text
        self.editor.show_live(self.live_line(text, row.cue.duration_ms, self.required_terms))
        self.live_check(row.cue.id, self.lang, text, row.cue.start_ms, row.cue.end_ms, row.cue.text)

    @work(thread=True, exclusive=True, group="live")
    def live_check(
        self, cue_id: int, lang: str, text: str, start: int, end: int, source: str
    ) -> None:
        try:
            from ttdn_studio.qc import check_text as check

            findings = check(self.project, lang, text, start, end, source_text=source)
        except TtdnError as exc:
            self.post_message(LiveChecks(cue_id, None, exc.message))
            return
        self.post_message(LiveChecks(cue_id, list(findings)))

    def on_live_checks(self, message: LiveChecks) -> None:
        if self.grid.current_id == message.cue_id:
            self.assist.show_checks(message.findings, message.note)

    def live_line(self, text: str, duration_ms: int, terms: list[str]) -> Text:
        lines = text.split("\n") if text else []
        cps = len(text.replace("\n", " ")) / (duration_ms / 1000) if duration_ms else 0.0
        out = Text(
            f"{len(lines)} line(s) · longest {max((len(x) for x in lines), default=0)} ch · "
            f"{cps:.1f} cps",
            style="dim",
        )
        missing = [t for t in terms if not find_spans(text, [t])]
        if missing and text.strip():
            out.append("  missing term: " + ", ".join(missing), style="bold red")
        return out
