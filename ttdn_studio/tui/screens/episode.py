"""The episode desk: where editors and translators spend their day.

The screen only composes parts and routes their messages; each part owns its state:

- :class:`ClipList` (the clips) posts :class:`ClipChosen`;
- :class:`EpisodeHeader` shows the grid's :class:`GridView`;
- :class:`CueGrid` (the clip's cues, filter, search, marks, QC badges, timing and
  status edits) posts :class:`GridView` and :class:`CurrentCue`;
- :class:`CueEditor` (the cue's text, saved as typed) posts :class:`TextSettled`;
- :class:`AssistPanel` (glossary, memory, checks, machine drafts) posts
  :class:`TermsFound` and :class:`ProjectChanged`;
- :class:`WorkBar` shows the progress of the screen's jobs (:func:`run_job`);
- :class:`~ttdn_studio.tui.spelling.DeskSpelling` checks the editor's text in the
  background and owns the two spelling keys.

A new part (a waveform strip, say) is composed here with the class
``-follows-cue``: it then receives :class:`CueFocused` whenever the cue being
worked on changes, and posts its own messages; no other part changes. The keys
(``keys.EPISODE``) work whichever part has the focus, so they are bound here and
each action hands over to the part that does the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header
from textual.widgets.option_list import Option

from ttdn_studio.errors import StaleEditError, TtdnError
from ttdn_studio.models import CueRow, Status, Translation
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import TERM_FLAG
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import (
    ClipChosen,
    CueFocused,
    CurrentCue,
    GridView,
    ProjectChanged,
    TermsFound,
    TextSettled,
    WorkDone,
    WorkFailed,
    WorkProgress,
)
from ttdn_studio.tui.spelling import DeskSpelling
from ttdn_studio.tui.widgets.assist import AssistPanel
from ttdn_studio.tui.widgets.clips import ClipList
from ttdn_studio.tui.widgets.cue_editor import CueEditor, Editing
from ttdn_studio.tui.widgets.cue_grid import NARROW, CueGrid
from ttdn_studio.tui.widgets.header import EpisodeHeader
from ttdn_studio.tui.widgets.waveform import WaveformStrip
from ttdn_studio.tui.widgets.wide_view import WideView
from ttdn_studio.tui.widgets.work_bar import WorkBar

if TYPE_CHECKING:
    from ttdn_studio.store import ProjectStore
    from ttdn_studio.tui.dialogs.files import ImportRequest

CLIPS_WIDTH = 24
APPROVE_ERRORS_SHOWN = 8  # errors listed in the approval question


class EpisodeDesk(Screen[None]):
    """Composes the episode's parts and routes their messages."""

    BINDINGS = keys.EPISODE
    KEYS_TITLE = "Episode"
    PART_KEYS = [("Cue list", keys.CUE_LIST)]  # noqa: RUF012 (never mutated)

    def __init__(
        self, store: ProjectStore, clip: str | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.project = store.project
        names = [c.name for c in store.clips()]
        first = clip or (names[0] if names else None)
        self.clips = ClipList(names, id="clips")
        self.header = EpisodeHeader("", id="filter-bar")
        self.grid = CueGrid(store, first, lang, id="grid")
        self.editor = CueEditor(self.save_edit, id="editor")
        self.assist = AssistPanel(store, id="assist", classes="-follows-cue")
        self.wave = WaveformStrip(store, id="wave", classes="-follows-cue")
        self.wide = WideView(self.grid, id="wide")
        self.work = WorkBar(id="work")
        self.spelling = DeskSpelling(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield self.clips
            with Vertical(id="main"):
                yield self.header
                yield self.grid
                yield self.wide
                yield self.wave
                with Horizontal(id="edit-area"):
                    yield self.editor
                    yield self.assist
        yield self.work
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.project.title
        self.sub_title = str(self.store.path.name)
        self.apply_size(self.app.size.width, self.app.size.height)
        self.grid.load_rows()
        self.grid.rebuild()
        self.grid.focus()
        self.spelling.start()  # the dictionaries load a moment later, in another process

    def on_unmount(self) -> None:
        self.spelling.close()

    @property
    def lang(self) -> str:
        """The target language being edited."""
        return self.grid.lang

    # ---------------------------------------------------------------- layout
    _built_width = 0

    def on_resize(self, event: events.Resize) -> None:
        built = self._built_width  # the app's size is already the new one here
        self.apply_size(event.size.width, event.size.height)
        shown = self.grid.layout_spec.targets
        if self.grid.cues and (
            self.grid.shown_targets() != shown or abs(event.size.width - built) > 4
        ):
            self.grid.rebuild()

    def apply_size(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(height < 30, "-short")
        self.set_class(len(self.clips.names) < 2 or width < NARROW, "-one-clip")
        self.grid.view_width = width - (0 if self.has_class("-one-clip") else CLIPS_WIDTH)
        self._built_width = width

    # ------------------------------------------------------- routing messages
    def on_grid_view(self, message: GridView) -> None:
        self.header.show(message)
        self.clips.show_open(message.clip)

    def on_current_cue(self, message: CurrentCue) -> None:
        self.show_current(force=message.force)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_terms_found(self, message: TermsFound) -> None:
        self.editor.show_terms(message.cue_id, message.lang, message.spans, message.required)

    def on_text_settled(self, message: TextSettled) -> None:
        self.assist.check_text(message, self.project)
        self.spelling.check(message.cue_id, message.lang, message.text)

    def on_clip_chosen(self, message: ClipChosen) -> None:
        self.open_clip(message.clip)

    def on_project_changed(self, message: ProjectChanged) -> None:
        self.grid.reload_from_store()

    def on_work_progress(self, message: WorkProgress) -> None:
        self.work.show(message.detail or message.group, message.done, message.total)

    def on_work_done(self, message: WorkDone) -> None:
        if self.spelling.handles(message):
            return
        self.work.show("", 1, 0)
        if message.group == "preview":  # nothing in the project changed: show the frame
            from ttdn_studio.tui.screens.preview import PreviewScreen

            self.notify(message.summary, timeout=5)
            path: Path = message.result
            title = self.preview_title or path.name
            self.app.push_screen(PreviewScreen(path, title, *self.preview_layouts))
        elif message.group in ("import", "align"):
            self.grid.reload_from_store()
            self.notify(message.summary, title="Done", timeout=5)

    def on_work_failed(self, message: WorkFailed) -> None:
        if self.spelling.handles(message):
            return
        self.work.show("", 1, 0)

    def show_current(self, force: bool = False) -> None:
        """The editor (and every part following the cue) shows the cue under the cursor."""
        row = self.grid.current_row()
        editor = self.editor
        self.wide.redraw()
        if row is None:
            editor.clear()
            return
        editing = editor.editing
        same = editing is not None and (editing.cue_id, editing.lang) == (row.cue.id, self.lang)
        if same and not force and not editor.dirty:
            editor.show_head(row, self.lang)
            return
        if same and editor.dirty:
            return
        editor.load(row, self.lang, self.project.source_lang)
        self.guard_editor(row)
        for part in self.query(".-follows-cue"):
            part.post_message(CueFocused(row, self.lang))

    # ---------------------------------------------------------------- saving
    def save_edit(self, editing: Editing, text: str) -> Translation | None:
        """The editor's save: one transaction with the expected version; the grid redraws."""
        from ttdn_studio.services.editorial import RoleError, require_edit

        try:
            require_edit(self.store, self.store.translation(editing.cue_id, editing.lang).status)
            tr = self.store.edit_translation(
                editing.cue_id,
                editing.lang,
                text,
                expected_version=editing.version,
                flags=self.flags_after(editing, text),
                burst=editing.in_burst,
            )
        except StaleEditError as exc:
            self.stale(exc, text)
            return None
        except RoleError as exc:
            self.refused(exc)
            return None
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return None
        self.saved(tr)
        return tr

    def guard_editor(self, row: CueRow) -> None:
        """The editor takes no keys for a translation this person's role may not change
        (the reason is on its border; Enter says it in full)."""
        from ttdn_studio.services.editorial import require_edit

        try:
            require_edit(self.store, row.status(self.lang))
        except TtdnError:
            self.editor.lock_text("not your role to change")
            return
        self.editor.lock_text(None)

    def refused(self, exc: TtdnError) -> None:
        """Not this person's role: nothing is saved and the editor shows the stored text."""
        self.notify(f"{exc}; nothing was saved", title=exc.title, severity="error", timeout=10)
        self.editor.editing = None
        self.call_later(self.show_current, True)

    def flags_after(self, editing: Editing, text: str) -> list[str] | None:
        """The cue's flags once ``text`` is saved: the term-check flag goes when every
        glossary term the cue requires is in the text (``None``: flags unchanged)."""
        row = self.editor.row
        tr = row.translations.get(editing.lang) if row and row.cue.id == editing.cue_id else None
        if tr is None or TERM_FLAG not in tr.flags:
            return None
        from ttdn_studio.services.workflow import glossary_hits
        from ttdn_studio.text import match_key

        required = [req for _, req in glossary_hits(self.store, editing.cue_id, editing.lang)]
        typed = match_key(text)
        if all(match_key(term) in typed for term in required if term):
            return [flag for flag in tr.flags if flag != TERM_FLAG]
        return None

    def saved(self, tr: Translation) -> None:
        row = self.grid.replace_row(tr.cue_id)
        if row is not None:
            self.editor.show_head(row, self.lang)
        self.wide.redraw()
        self.grid.tell_view()  # a save withdraws the clip's clearance for air

    def stale(self, exc: TtdnError, text: str) -> None:
        from ttdn_studio.tui.dialogs import MessageDialog

        self.app.push_screen(
            MessageDialog(
                "Someone else changed this cue",
                f"{exc.message}\n\nYour text was not saved; here it is to copy back:\n\n{text}",
            )
        )
        self.editor.editing = None
        self.grid.reload_from_store()

    # ======================================================== key actions
    # Each hands over to the part that does the work, saving the editor's text first.

    def action_edit(self) -> None:
        from ttdn_studio.services.editorial import require_edit

        row = self.grid.current_row()
        if row is None:
            return
        try:
            require_edit(self.store, row.status(self.lang))
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        self.editor.target.focus()

    def action_toggle_assist(self) -> None:
        """Hide the glossary / memory / checks panel; in a narrow terminal (hidden by
        default) show it beside the editor instead."""
        self.toggle_class("-assist-on" if self.has_class("-narrow") else "-assist-off")

    def action_toggle_wide(self) -> None:
        """The wide view of full texts in the grid's place, or the grid again."""
        self.editor.flush()
        wide = not self.has_class("-wide")
        self.set_class(wide, "-wide")
        if wide:
            self.wide.focus()
            self.call_after_refresh(self.wide.redraw)
        else:
            self.grid.focus()

    def action_edit_source(self) -> None:
        """Correct the cue's Vietnamese source in a dialog; translations become outdated."""
        from ttdn_studio.tui.dialogs.source_edit import SourceEditDialog

        self.editor.flush()
        row = self.grid.current_row()
        if row is None:
            return
        cue_id, version = row.cue.id, row.cue.version
        translated = [lang for lang, tr in sorted(row.translations.items()) if tr.text.strip()]

        def done(text: str | None) -> None:
            if text is not None:
                self.save_source(cue_id, text, version)

        title = f"Source of {self.grid.clip} #{row.index}"
        self.app.push_screen(SourceEditDialog(title, row.cue.text, translated), done)

    def action_insert_suggestion(self) -> None:
        """Choose a glossary term or memory suggestion; it is typed in at the cursor."""
        from ttdn_studio.tui.dialogs import ChoiceDialog

        row = self.grid.current_row()
        if row is None or self.editor.editing is None:
            return
        choices = self.assist.insertable(row.cue.id, self.lang)
        if not choices:
            self.notify("No glossary term or memory suggestion for this cue", timeout=3)
            return
        texts = {str(i): text for i, (text, _) in enumerate(choices)}

        def chosen(key: str | None) -> None:
            if key is None or key not in texts or self.editor.editing is None:
                return
            area = self.editor.target
            area.insert(texts[key])  # saved as typed
            area.focus()

        options = [(str(i), label) for i, (_, label) in enumerate(choices)]
        self.app.push_screen(ChoiceDialog(f"Insert into {self.lang}", options), chosen)

    def action_spelling_suggest(self) -> None:
        """Suggestions for the underlined word at the cursor; the chosen one replaces it."""
        self.spelling.suggest()

    def action_spelling_add(self) -> None:
        """Accept the word at the cursor in this project (the word list of ``ttdn spell``)."""
        self.spelling.add()

    def action_concordance(self) -> None:
        """Search the memory for words; the chosen translation goes in at the cursor."""
        from ttdn_studio.tui.dialogs.concordance import ConcordanceDialog

        row = self.grid.current_row()
        area = self.editor.target
        selected = area.selected_text if area.has_focus else ""

        def chosen(target: str | None) -> None:
            if not target or row is None:
                return
            if self.editor.editing is None or self.grid.current_id != row.cue.id:
                self.notify("Open a cue to put the translation in", severity="warning")
                return
            area.insert(target)  # saved as typed
            area.focus()

        source = self.store.project.source_lang
        dialog = ConcordanceDialog(source, self.lang, selected.strip())
        self.app.push_screen(dialog, chosen)

    def action_replace(self) -> None:
        """Find and replace in the editing language of this clip (preview, one undo)."""
        from ttdn_studio.tui.dialogs.replace import ReplaceDialog

        self.editor.flush()
        if self.grid.clip is None:
            return
        lang = self.lang

        def done(result: tuple[str, list[Any]] | None) -> None:
            if result is None:
                return
            from ttdn_studio.services.replacing import apply_replace

            label, plan = result
            try:
                changed = apply_replace(self.store, lang, plan, label)
            except StaleEditError as exc:
                self.notify(f"{exc}; nothing was replaced", severity="error", timeout=8)
                self.grid.reload_from_store()
                return
            except TtdnError as exc:
                self.notify(str(exc), title=exc.title, severity="error", timeout=8)
                return
            self.grid.reload_from_store()
            self.notify(f"Replaced in {changed} cue(s); Ctrl+Z undoes it", timeout=4)

        self.app.push_screen(ReplaceDialog(self.store, self.grid.clip, lang), done)

    def save_source(self, cue_id: int, text: str, version: int) -> None:
        try:
            self.store.edit_source(cue_id, text, version)
        except StaleEditError as exc:
            self.stale(exc, text)
            return
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        self.grid.replace_row(cue_id)
        self.show_current(force=True)
        self.notify("Source saved; its translations are marked outdated (↻)", timeout=3)

    def action_step(self, delta: int) -> None:
        if self.grid.row_count:
            self.editor.flush()
            self.grid.step(delta)

    def action_focus_grid(self) -> None:
        self.editor.flush()
        (self.wide if self.has_class("-wide") else self.grid).focus()

    def action_switch_lang(self) -> None:
        targets = self.project.target_langs
        if not targets:
            return
        self.editor.flush()
        lang = self.lang
        self.grid.set_lang(
            targets[(targets.index(lang) + 1) % len(targets)] if lang in targets else targets[0]
        )
        self.notify(f"Editing {self.lang}", timeout=2)

    def action_toggle_columns(self) -> None:
        self.grid.toggle_columns()

    def action_cycle_filter(self) -> None:
        self.editor.flush()
        self.grid.cycle_filter()

    def action_search(self) -> None:
        self.editor.flush()
        self.grid.ask_search()

    def action_jump(self) -> None:
        self.editor.flush()
        self.grid.ask_jump()

    def action_step_clip(self, delta: int) -> None:
        names, clip = self.clips.names, self.grid.clip
        if clip in names and len(names) > 1:
            self.open_clip(names[(names.index(clip) + delta) % len(names)])

    def open_clip(self, name: str) -> None:
        self.editor.flush()
        self.grid.open_clip(name)

    # ---------------------------------------------------------------- timing
    def action_nudge(self, edge: str, sign: int, unit: str) -> None:
        self.editor.flush()
        self.grid.nudge(edge, sign, unit)

    def action_snap(self, edge: str) -> None:
        self.editor.flush()
        self.grid.snap(edge)

    def action_split(self) -> None:
        offset = self.editor.split_offset()
        self.editor.flush()
        self.grid.split(offset)

    def action_merge(self) -> None:
        self.editor.flush()
        self.grid.merge()

    def action_shift_range(self) -> None:
        self.editor.flush()
        self.grid.ask_shift()

    # ----------------------------------------------------------------- voice
    def action_analyse_clip(self) -> None:
        self.wave.start_analysis()

    def action_play_cue(self) -> None:
        self.editor.flush()
        self.wave.play()

    def action_stop_playing(self) -> None:
        self.wave.stop()

    def action_spot(self, edge: str) -> None:
        """Set the cue's start or end at the playhead (to the frame), one undoable edit."""
        at, row = self.wave.playhead, self.grid.current_row()
        if row is None:
            return
        if at is None:
            self.notify("Play the cue first (Alt+L): the playhead gives the time", timeout=4)
            return
        self.editor.flush()
        fps = self.project.fps
        ms = round(int(at * fps / 1000 + 1e-6) * 1000 / fps)
        store = self.store
        try:
            cue = store.cue(row.cue.id)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        start = ms if edge == "start" else None
        end = ms if edge == "end" else None
        if self.grid.edit_cues(
            lambda: store.edit_cue(cue.id, expected_version=cue.version, start_ms=start, end_ms=end)
        ):
            self.wave.redraw()

    def action_align_cues(self, onward: bool) -> None:
        """Time this cue (``onward``: and every later one) to the voice, in a worker."""
        row, clip, path = self.grid.current_row(), self.grid.clip, self.store.path
        if row is None or clip is None:
            return
        self.editor.flush()
        cue_id = row.cue.id

        def align(job: Job) -> str:
            from ttdn_studio.media.spot import align_part
            from ttdn_studio.store import open_project

            job.progress(0, 1, "Timing to the voice")
            with open_project(path) as store:
                return align_part(store, clip, cue_id, onward=onward)

        run_job(self, "align", align, summary=lambda s: s)

    # -------------------------------------------------------------- workflow
    def action_undo(self) -> None:
        self.editor.flush()
        videos = self.clip_videos()
        self.grid.history(undo=True)
        self.spelling.check_now()  # the undone edit may be a word added to the list
        if self.clip_videos() != videos:  # an attached video undone
            self.forget_waveform()

    def action_redo(self) -> None:
        self.editor.flush()
        videos = self.clip_videos()
        self.grid.history(undo=False)
        self.spelling.check_now()
        if self.clip_videos() != videos:
            self.forget_waveform()

    def clip_videos(self) -> dict[str, str | None]:
        return {c.name: c.video for c in self.store.clips()}

    def action_set_status(self, status: str) -> None:
        self.editor.flush()
        if Status(status) == Status.APPROVED:
            errors = self.grid.qc_errors_of(self.grid.selected_ids())
            if errors:
                self.ask_approve(errors)
                return
        self.grid.set_status(Status(status))

    def ask_approve(self, errors: list[str]) -> None:
        """Approving over QC errors: list them and go ahead only on an explicit yes."""
        from ttdn_studio.tui.dialogs import ConfirmDialog

        shown = errors[:APPROVE_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        body = "\n".join(shown) + (f"\n… and {more} more (F6 lists them all)" if more else "")

        def answered(yes: bool | None) -> None:
            if yes:
                self.grid.set_status(Status.APPROVED)

        self.app.push_screen(
            ConfirmDialog(
                f"Approve {self.lang} with {len(errors)} QC error(s)?",
                body,
                yes="Approve anyway",
            ),
            answered,
        )

    def action_accept_memory(self) -> None:
        row = self.grid.current_row()
        self.editor.flush()
        editing = self.editor.editing
        if row is None or editing is None:
            return
        tr = self.assist.accept_memory(row.cue.id, self.lang, editing)
        if tr is not None:
            self.saved(tr)
            self.show_current(force=True)

    def action_machine_translate(self) -> None:
        from ttdn_studio.tui.dialogs import ChoiceDialog

        marked = len(self.grid.layout_spec.marks)
        row = self.grid.current_row()
        current = row.translations.get(self.lang) if row is not None else None
        this_cue = "This cue"
        human = (
            Status(current.status)
            if current is not None
            and current.text.strip()
            and current.status not in (Status.EMPTY, Status.MT)
            else None
        )
        if human is not None:
            this_cue += f" (replaces its {human.value} text: asks first)"
        choices = [
            ("cue", this_cue),
            ("empty", f"Every empty cue of {self.grid.clip} ({self.lang})"),
        ]
        if marked:
            choices.insert(1, ("marked", f"The {marked} marked cues"))

        def chosen(scope: str | None) -> None:
            if scope == "cue" and human is not None and row is not None:
                self.confirm_replace(row.index, human)
            elif scope:
                self.start_mt(scope)

        self.app.push_screen(ChoiceDialog(f"Machine draft into {self.lang}", choices), chosen)

    def confirm_replace(self, number: int, status: Status) -> None:
        """A machine draft over human work (reviewed, approved, a draft) only after a yes."""
        from ttdn_studio.tui.dialogs import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.start_mt("cue")

        self.app.push_screen(
            ConfirmDialog(
                f"Replace {status.value} work?",
                f"Cue #{number} has {status.value} {self.lang} text written by a person. "
                "A machine draft replaces it (Ctrl+Z undoes).",
                yes=f"Replace the {status.value} text",
            ),
            answer,
        )

    def start_mt(self, scope: str) -> None:
        """Machine drafts for this cue (``cue``), the marked cues or every empty cue."""
        self.editor.flush()
        ids = None if scope == "empty" else self.grid.selected_ids()
        if scope == "cue":
            current = self.grid.current_id
            ids = [current] if current is not None else []
        self.work.show("Machine draft", 0, 1)
        self.assist.machine_draft(self.grid.clip, self.lang, ids, overwrite=scope != "empty")

    # ------------------------------------------------------------ editorial
    def action_open_notes(self) -> None:
        from ttdn_studio.tui.dialogs.notes import NotesDialog

        self.editor.flush()
        row, clip = self.grid.current_row(), self.grid.clip
        if row is not None and clip is not None:
            dialog = NotesDialog(self.store, clip, row.index, row.cue.id, self.lang)
            self.app.push_screen(dialog, self.after_notes)

    def after_notes(self, changed: bool | None) -> None:
        if changed:
            self.grid.refresh_notes()

    def action_open_history(self) -> None:
        from ttdn_studio.tui.dialogs.history import HistoryDialog

        self.editor.flush()
        row, clip = self.grid.current_row(), self.grid.clip
        if row is not None and clip is not None:
            self.app.push_screen(HistoryDialog(self.store, clip, row.index))

    def action_open_review(self) -> None:
        from ttdn_studio.tui.screens.review import ReviewScreen

        self.editor.flush()
        screen = ReviewScreen(self.store, list(self.project.target_langs), self.go_to_cue)
        self.app.push_screen(screen, lambda approved: self.grid.reload_from_store())

    def go_to_cue(self, clip: str, cue_id: int, lang: str) -> None:
        """Put the desk on a cue of any clip, editing ``lang``."""
        self.editor.flush()
        grid = self.grid
        relang = lang != grid.lang and lang in self.project.target_langs
        if relang:
            grid.lang = lang
        if clip != grid.clip and clip in self.clips.names:
            grid.open_clip(clip, cue_id)
        elif relang:
            grid.rebuild(keep=cue_id)
        grid.show_cue(cue_id)

    # ---------------------------------------------------------------- tools
    def action_open_qc(self) -> None:
        from ttdn_studio.tui.screens.qc import QcScreen

        self.editor.flush()
        self.app.push_screen(QcScreen(self.store, self.lang, self.grid.clip), self.grid.after_qc)

    def action_open_render(self) -> None:
        from ttdn_studio.tui.screens.render import RenderScreen

        self.editor.flush()
        self.app.push_screen(RenderScreen(self.store, self.grid.clip))

    def action_open_glossary(self) -> None:
        from ttdn_studio.tui.screens.glossary import GlossaryScreen

        self.editor.flush()
        self.app.push_screen(GlossaryScreen(self.store.path))

    def action_open_models(self) -> None:
        from ttdn_studio.tui.screens.models import ModelsScreen

        self.editor.flush()
        self.app.push_screen(ModelsScreen())

    def action_open_gate(self) -> None:
        from ttdn_studio.tui.screens.gate import GateScreen

        self.editor.flush()
        if self.grid.clip is None:
            return
        self.app.push_screen(GateScreen(self.store, self.grid.clip, self.lang), self.after_gate)

    def after_gate(self, jump: tuple[str, int, str] | None) -> None:
        """Back from the gate panel: maybe to a finding's cue."""
        if jump is None:
            self.grid.reload_from_store()
            return
        clip, cue_id, lang = jump
        grid = self.grid
        if lang in self.project.target_langs:
            grid.lang = lang
        if clip != grid.clip:
            grid.open_clip(clip, cue_id)
        grid.rebuild(keep=cue_id)
        grid.show_cue(cue_id)

    def action_people(self) -> None:
        from ttdn_studio.tui.dialogs.people import PeopleDialog

        self.editor.flush()
        self.app.push_screen(PeopleDialog(self.store, self.grid.clip, self.lang))

    def action_open_projects(self) -> None:
        from ttdn_studio.tui.screens.projects import ProjectsScreen

        self.editor.flush()
        self.app.push_screen(ProjectsScreen())

    preview_title = ""
    preview_layouts: tuple[list[list[str]], Any] = ([], None)

    def action_preview(self) -> None:
        """A frame of this cue as the render burns it; the preview offers the other layouts."""
        row, clip, lang, path = self.grid.current_row(), self.grid.clip, self.lang, self.store.path
        if row is None or clip is None:
            return
        from ttdn_studio.naming import path_in
        from ttdn_studio.services.rendering import clip_stems
        from ttdn_studio.tui.screens.preview import preview_layouts

        stem = clip_stems(self.store).get(clip, "clip")
        folder = self.store.folder("renders")
        self.notify("Rendering a preview frame…", timeout=2)
        self.preview_title = f"{clip} #{row.index}"
        at_ms = (row.cue.start_ms + row.cue.end_ms) // 2
        layouts = preview_layouts(self.project.source_lang, self.project.target_langs, lang)

        def render(layout: list[str]) -> Path:
            from ttdn_studio.services.rendering import preview_frame
            from ttdn_studio.store import open_project

            tail = "" if layout == layouts[0] else "-" + "-".join(layout)
            out = path_in(folder, f"preview-{stem}-{row.index}{tail}.png")
            with open_project(path) as store:
                # the translator checks the layout of the text as it stands, drafts too
                return preview_frame(store, clip, layout, at_ms, out, min_status=Status.MT)

        self.preview_layouts = (layouts, render)
        run_job(
            self,
            "preview",
            lambda job: render(layouts[0]),
            summary=lambda p: f"Preview saved: {p}",
        )

    def action_import_file(self) -> None:
        """Import a file: into this clip or a new one, in any language, with its video."""
        from ttdn_studio.services.importing import supported_extensions
        from ttdn_studio.tui.dialogs.files import ImportDialog, human_work_at_risk, import_request

        self.editor.flush()
        project, path, clip = self.project, self.store.path, self.grid.clip
        langs = [project.source_lang, *project.target_langs]
        # a clip with cues takes translations; an empty one (or none) the source
        lang = self.lang if self.grid.cues else project.source_lang

        def run(request: ImportRequest) -> str:
            summary, self.imported_clip = import_request(path, request)
            return summary

        def done(summary: str | None) -> None:
            if summary:
                self.after_import(summary)

        dialog = ImportDialog(
            [c.name for c in self.store.clips()],
            clip,
            langs,
            lang,
            run,
            supported_extensions(),
            at_risk=lambda request: human_work_at_risk(self.store, request),
        )
        self.app.push_screen(dialog, done)

    imported_clip: str | None = None

    def after_import(self, summary: str) -> None:
        """The clip list and the grid after an import (a new clip opens)."""
        self.refresh_clips()
        if self.imported_clip and self.imported_clip != self.grid.clip:
            self.open_clip(self.imported_clip)
        else:
            self.grid.reload_from_store()
        self.notify(summary, title="Done", timeout=5)

    def refresh_clips(self) -> None:
        names = [c.name for c in self.store.clips()]
        if names != self.clips.names:
            self.clips.clear_options()
            self.clips.add_options([Option(n, id=n) for n in names])
            self.clips.names, self.clips.open_clip = names, None
            self.apply_size(self.app.size.width, self.app.size.height)
            self.clips.show_open(self.grid.clip)

    def forget_waveform(self) -> None:
        """The clip's video changed: the strip reads the analysis of the one it has now."""
        self.wave.stop()
        self.wave.data = self.wave.data_clip = None
        self.wave.playhead = None
        self.show_current(force=True)

    def action_attach_video(self) -> None:
        """Attach or replace this clip's video (checked first), then forget the old one's
        waveform and voice analysis."""
        from ttdn_studio.tui.dialogs.files import AttachVideoDialog

        clip, path = self.grid.clip, self.store.path
        if clip is None:
            self.notify("No clip open: import a file first (Alt+I)", timeout=4)
            return
        self.editor.flush()
        current = self.store.clip(clip).video

        def attach(video: Path) -> str:
            from ttdn_studio.services.clip_video import attach_video
            from ttdn_studio.store import open_project

            with open_project(path) as store:
                return attach_video(store, clip, video).sentence()

        def done(summary: str | None) -> None:
            if summary:
                self.forget_waveform()
                self.notify(summary + " · Ctrl+Z undoes", timeout=5)

        self.app.push_screen(AttachVideoDialog(clip, current, attach), done)
