"""The assist panel beside the editor: glossary hits, memory suggestions, live checks,
and the machine drafts.

It follows the cue being worked on (:class:`CueFocused`, sent by the screen),
looks the cue up in the glossary and the memory on a connection of its own, in
a background job, and checks the text the editor has settled on
(:meth:`check_text`). It tells the screen which glossary terms it found
(:class:`TermsFound`) and when a machine draft changed cues
(:class:`ProjectChanged`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import (
    CueFocused,
    ProjectChanged,
    TermsFound,
    TextSettled,
    WorkDone,
    WorkFailed,
)

if TYPE_CHECKING:
    from ttdn_studio.models import Project, Translation
    from ttdn_studio.store import ProjectStore
    from ttdn_studio.tui.widgets.cue_editor import Editing

ASSIST_DELAY_S = 0.12


@dataclass
class Lookup:
    """Glossary hits and memory suggestions for one cue (or why they are missing)."""

    cue_id: int
    lang: str
    hits: list[Any] | None = None
    matches: list[Any] | None = None
    hits_note: str = ""
    matches_note: str = ""


@dataclass
class Checked:
    cue_id: int
    findings: list[Any] | None
    note: str = ""


def _score(match: Any) -> float:
    return float(getattr(match, "score", 0.0))


class AssistPanel(VerticalScroll):
    """Three small sections: glossary, memory, checks."""

    def __init__(self, store: ProjectStore | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.cue_id: int | None = None  # the cue followed, in ``lang``
        self.lang = ""
        self._timer: Timer | None = None
        self._reader: ProjectStore | None = None
        self._closed = False
        # One lookup at a time on the panel's own connection, and never while it is
        # being closed: a thread job is not stopped by a newer one, and SQLite must
        # not be closed under it.
        self._lock = threading.Lock()
        self.last: Lookup | None = None  # the latest glossary and memory lookup shown

    def compose(self) -> ComposeResult:
        yield Static("", id="glossary-hits", classes="assist-section")
        yield Static("", id="tm-hits", classes="assist-section")
        yield Static("", id="qc-hits", classes="assist-section")

    def on_mount(self) -> None:
        self.query_one("#glossary-hits").border_title = "Glossary"
        self.query_one("#tm-hits").border_title = "Memory (F2 accepts best)"
        self.query_one("#qc-hits").border_title = "Checks"

    def show_glossary(
        self, hits: list[tuple[Any, str]] | None, note: str = "", lang: str = ""
    ) -> None:
        text = Text()
        for match, required in hits or []:
            text.append(str(getattr(match, "text", match)), style="bold yellow")
            text.append(" → ")
            if required:
                text.append(f"{required}\n", style="bold green")
            else:  # the entry has no form in this language: say so, not an arrow to nothing
                text.append(f"(no {lang or 'such'} form in the glossary)\n", style="dim")
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

    # ------------------------------------------------------------ following
    def on_cue_focused(self, message: CueFocused) -> None:
        row = message.row
        if row is None:
            self.cue_id = None
            return
        self.cue_id, self.lang = row.cue.id, message.lang
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(ASSIST_DELAY_S, self.look_up)

    def look_up(self) -> None:
        if self.cue_id is None or self.store is None:
            return
        cue_id, lang, path = self.cue_id, self.lang, self.store.path

        def lookup(job: Job) -> Lookup:
            from ttdn_studio.services.workflow import glossary_hits, tm_suggestions
            from ttdn_studio.store import open_project

            result = Lookup(cue_id, lang)
            with self._lock:
                if self._closed:
                    return result
                if self._reader is None:  # never shared with the UI thread's edits
                    self._reader = open_project(Path(path))
                try:
                    result.hits = glossary_hits(self._reader, cue_id, lang)
                except TtdnError as exc:
                    result.hits_note = exc.message
                try:
                    result.matches = tm_suggestions(self._reader, cue_id, lang, limit=5)
                except TtdnError as exc:
                    result.matches_note = exc.message
            return result

        run_job(self, "assist", lookup, toast=False)

    def check_text(self, settled: TextSettled, project: Project) -> None:
        """Run the live checks on the text the editor settled on."""

        path = self.store.path if self.store is not None else None

        def check(job: Job) -> Checked:
            from ttdn_studio.glossary import load_glossary
            from ttdn_studio.qc import check_text

            try:
                findings = check_text(
                    project,
                    settled.lang,
                    settled.text,
                    settled.start_ms,
                    settled.end_ms,
                    source_text=settled.source,
                    glossary=load_glossary(path),  # the terms are checked too
                )
            except TtdnError as exc:
                return Checked(settled.cue_id, None, exc.message)
            return Checked(settled.cue_id, list(findings))

        run_job(self, "live", check, toast=False)

    def on_work_done(self, message: WorkDone) -> None:
        result = message.result
        if message.group == "assist":
            message.stop()
            if (result.cue_id, result.lang) != (self.cue_id, self.lang):
                return
            hits = result.hits or []
            self.last = result
            self.show_glossary(result.hits, result.hits_note, result.lang)
            self.show_memory(result.matches, result.matches_note)
            spans = [(m.start, m.end) for m, _ in hits]
            self.post_message(
                TermsFound(result.cue_id, result.lang, spans, [req for _, req in hits if req])
            )
        elif message.group == "live":
            message.stop()
            if result.cue_id == self.cue_id:
                self.show_checks(result.findings, result.note)
        elif message.group == "mt":
            self.notify(message.summary, title="Done", timeout=5)
            self.post_message(ProjectChanged())

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.group in ("assist", "live"):
            message.stop()

    def on_unmount(self) -> None:
        """Close the panel's connection once no lookup is using it."""
        with self._lock:
            self._closed = True
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def insertable(self, cue_id: int, lang: str) -> list[tuple[str, str]]:
        """(text, label) of each glossary term and memory suggestion shown for this cue."""
        last = self.last
        if last is None or (last.cue_id, last.lang) != (cue_id, lang):
            return []
        out: list[tuple[str, str]] = []
        for match, required in last.hits or []:
            if required and required not in [text for text, _ in out]:
                out.append((required, f"Glossary: {getattr(match, 'text', match)} → {required}"))
        for match in sorted(last.matches or [], key=_score, reverse=True):
            target = str(getattr(match, "target", ""))
            if target.strip():
                out.append((target, f"Memory {_score(match):.0f}%: {target}"))
        return out

    # ------------------------------------------------------------ memory
    def accept_memory(self, cue_id: int, lang: str, editing: Editing) -> Translation | None:
        """Replace the cue's text with the memory's best suggestion (one undoable edit)."""
        from ttdn_studio.services.editorial import require_edit
        from ttdn_studio.services.workflow import tm_suggestions

        store = self._store
        try:
            matches = tm_suggestions(store, cue_id, lang, limit=1)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return None
        if not matches:
            self.notify("The memory has no suggestion for this cue", timeout=3)
            return None
        best = max(matches, key=lambda m: m.score)
        try:
            require_edit(store, store.translation(cue_id, lang).status)
            tr = store.edit_translation(
                cue_id,
                lang,
                best.target,
                expected_version=editing.version,
                origin="tm",
                action=f"accept memory for {store.cue_name(cue_id)}",
            )
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return None
        self.notify(f"Memory suggestion used ({best.score:.0f}%)", timeout=3)
        return tr

    @property
    def _store(self) -> ProjectStore:
        assert self.store is not None, "this panel was made without a project"
        return self.store

    # ------------------------------------------------------------ machine drafts
    def machine_draft(
        self, clip: str | None, lang: str, cue_ids: list[int] | None, overwrite: bool
    ) -> None:
        """Machine drafts into ``lang`` for ``cue_ids`` (None: every empty cue of ``clip``)."""
        path = self._store.path

        def translate(job: Job) -> Any:
            from ttdn_studio.services.translating import translate_project
            from ttdn_studio.store import open_project

            def progress(done: int, total: int) -> None:
                job.check()  # drafts are written at the end: nothing is
                job.progress(done, total, f"MT {lang}")

            with open_project(path) as store:
                return translate_project(
                    store, lang, clip=clip, cue_ids=cue_ids, overwrite=overwrite, progress=progress
                )

        run_job(
            self,
            "mt",
            translate,
            summary=draft_summary,
            track=f"machine draft ({lang})",
            stopped_message="machine draft stopped; nothing was written",
        )


def draft_summary(summary: object) -> str:
    translated = getattr(summary, "cues_translated", None)
    if translated is None:
        return f"Machine draft finished: {summary}"
    text = f"Machine draft: {translated} cue(s) translated"
    flagged = getattr(summary, "cues_flagged", 0)
    skipped = getattr(summary, "skipped_human", 0)
    if flagged:
        text += f", {flagged} flagged for terms"
    if skipped:
        text += f", {skipped} human translation(s) kept"
    empty = getattr(summary, "cues_left_empty", 0)
    if empty:
        text += f", {empty} left empty (their sentence is kept in the cues beside them)"
    return text
