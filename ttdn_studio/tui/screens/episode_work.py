"""Editing and workflow actions of the episode: undo, status, memory, machine drafts."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import work
from textual.worker import get_current_worker

from ttdn_studio.errors import TtdnError
from ttdn_studio.models import Status
from ttdn_studio.tui import keys
from ttdn_studio.tui.messages import WorkDone, WorkFailed, WorkProgress
from ttdn_studio.tui.screens.episode_base import EpisodeBase


class WorkflowMixin(EpisodeBase):
    BINDINGS = keys.WORKFLOW

    # ------------------------------------------------------------------ undo
    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        self.editor.flush()
        try:
            label = self.store.undo() if undo else self.store.redo()
        except TtdnError as exc:
            self.fail(exc)
            return
        self.editor.editing = None
        self.reload_from_store()
        self.notify(f"{'Undone' if undo else 'Redone'}: {label}", timeout=3)

    # ---------------------------------------------------------------- status
    def action_set_status(self, status: str) -> None:
        self.editor.flush()
        ids = self.selected_ids()
        if not ids:
            return
        try:
            from ttdn_studio.services.workflow import set_status

            changed = set_status(
                self.store,
                ids,
                self.lang,
                Status(status),
                on_note=lambda msg: self.notify(msg, severity="warning", timeout=10),
            )
        except TtdnError as exc:
            self.fail(exc)
            return
        for cue_id in ids:
            self.replace_row(cue_id)
        self.grid.clear_marks()
        self.load_current(force=True)
        self.show_filter_bar()
        self.notify(f"{changed} cue(s) {status} in {self.lang}", timeout=3)

    # ---------------------------------------------------------------- memory
    def action_accept_memory(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            from ttdn_studio.services.workflow import tm_suggestions as suggest

            matches = suggest(self.store, row.cue.id, self.lang, limit=1)
        except TtdnError as exc:
            self.fail(exc)
            return
        if not matches:
            self.notify("The memory has no suggestion for this cue", timeout=3)
            return
        best = max(matches, key=lambda m: m.score)
        self.editor.flush()
        editing = self.editor.editing
        if editing is None:
            return
        try:
            tr = self.store.edit_translation(
                row.cue.id,
                self.lang,
                best.target,
                expected_version=editing.version,
                origin="tm",
                action=f"accept memory for cue #{row.cue.id}",
            )
        except TtdnError as exc:
            self.fail(exc)
            return
        self.saved(tr)
        self.load_current(force=True)
        self.notify(f"Memory suggestion used ({best.score:.0f}%)", timeout=3)

    # ------------------------------------------------------------ MT drafts
    def action_machine_translate(self) -> None:
        from ttdn_studio.tui.dialogs import ChoiceDialog

        marked = len(self.grid.layout_spec.marks)
        row = self.current_row()
        current = row.translations.get(self.lang) if row is not None else None
        this_cue = "This cue"
        if (
            current is not None
            and current.text.strip()
            and current.status not in (Status.EMPTY, Status.MT)
        ):
            this_cue += f" (replaces its {Status(current.status).value} text; Ctrl+Z undoes)"
        choices = [
            ("cue", this_cue),
            ("empty", f"Every empty cue of {self.clip_name} ({self.lang})"),
        ]
        if marked:
            choices.insert(1, ("marked", f"The {marked} marked cues"))

        def chosen(scope: str | None) -> None:
            if scope:
                self.start_mt(scope)

        self.app.push_screen(ChoiceDialog(f"Machine draft into {self.lang}", choices), chosen)

    def start_mt(self, scope: str) -> None:
        self.editor.flush()
        ids = None if scope == "empty" else self.selected_ids()
        if scope == "cue":
            current = self.grid.current_id
            ids = [current] if current is not None else []
        self.show_work("Machine draft", 0, 1)
        stop = threading.Event()
        self.app.track_job(stop, f"machine draft ({self.lang})")  # type: ignore[attr-defined]
        self.run_mt(self.lang, ids, overwrite=scope != "empty", stop=stop)

    @work(thread=True, exclusive=True, group="mt")
    def run_mt(
        self,
        lang: str,
        cue_ids: list[int] | None,
        overwrite: bool,
        stop: threading.Event | None = None,
    ) -> None:
        from ttdn_studio.store import open_project

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if stop is not None and stop.is_set():  # drafts are written at the end: nothing is
                raise TtdnError("machine draft stopped; nothing was written")
            if not worker.is_cancelled:
                self.post_message(WorkProgress("mt", "mt", done, total, f"MT {lang}"))

        try:
            from ttdn_studio.services.translating import translate_project as translate

            with open_project(self.store.path) as store:
                summary = translate(
                    store,
                    lang,
                    clip=self.clip_name,
                    cue_ids=cue_ids,
                    overwrite=overwrite,
                    progress=progress,
                )
        except TtdnError as exc:
            self.post_message(WorkFailed("mt", exc.title, str(exc)))
            return
        finally:
            if stop is not None:
                self.app.untrack_job(stop)  # type: ignore[attr-defined]
        self.post_message(WorkDone("mt", _summary_text(summary), summary))

    # ------------------------------------------------------- worker reports
    def show_work(self, label: str, done: float, total: float) -> None:  # screen draws it
        pass

    def on_work_progress(self, message: WorkProgress) -> None:
        self.show_work(message.detail or message.group, message.done, message.total)

    def on_work_done(self, message: WorkDone) -> None:
        self.show_work("", 1, 0)
        if message.group == "preview":  # nothing in the project changed: show the frame
            self.notify(message.summary, timeout=5)
            self.show_preview(message.result)
            return
        self.reload_from_store()
        self.notify(message.summary, title="Done", timeout=5)

    def show_preview(self, path: Path) -> None:  # the tools mixin opens the preview screen
        pass

    def on_work_failed(self, message: WorkFailed) -> None:
        self.show_work("", 1, 0)
        self.notify(message.message, title=message.title, severity="error", timeout=8)


def _summary_text(summary: object) -> str:
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
    return text
