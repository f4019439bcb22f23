"""The episode screen: clips, the cue grid, the cue editor and its assist panel."""

from __future__ import annotations

from typing import Any

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui import keys
from ttdn_studio.tui.messages import QcCounts
from ttdn_studio.tui.screens.episode_assist import AssistMixin
from ttdn_studio.tui.screens.episode_base import NARROW
from ttdn_studio.tui.screens.episode_nav import NavigationMixin
from ttdn_studio.tui.screens.episode_timing import TimingMixin
from ttdn_studio.tui.screens.episode_tools import ToolsMixin
from ttdn_studio.tui.screens.episode_work import WorkflowMixin
from ttdn_studio.tui.widgets.assist import AssistPanel
from ttdn_studio.tui.widgets.cue_editor import CueEditor
from ttdn_studio.tui.widgets.cue_grid import CueGrid

QC_RECOUNT_DELAY_S = 1.5
QC_FIRST_COUNT_DELAY_S = 0.3


class EpisodeScreen(ToolsMixin, TimingMixin, WorkflowMixin, NavigationMixin, AssistMixin):
    """Where editors and translators spend their day."""

    BINDINGS = keys.EDITING
    KEYS_TITLE = "Episode"
    PART_KEYS = [("Cue list", keys.CUE_LIST)]  # noqa: RUF012 (never mutated)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield OptionList(*[Option(n, id=n) for n in self.clip_names], id="clips")
            with Vertical(id="main"):
                yield Static("", id="filter-bar")
                yield CueGrid(id="grid")
                with Horizontal(id="edit-area"):
                    yield CueEditor(self.save_edit, id="editor")
                    yield AssistPanel(id="assist")
        with Horizontal(id="work"):
            yield Static("", id="work-label")
            # a known total: an indeterminate bar animates (and costs CPU) even while hidden
            yield ProgressBar(total=1, id="work-bar", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.project.title
        self.sub_title = str(self.store.path.name)
        self.query_one("#clips").border_title = "Clips"
        self.apply_size(self.app.size.width, self.app.size.height)
        self.load_rows()
        self.rebuild_grid()
        self.sync_clip_list()
        self.grid.focus()
        # after the first frames: the checks' imports and work would delay them
        self.set_timer(QC_FIRST_COUNT_DELAY_S, self.count_qc_errors)

    # ------------------------------------------------------------ QC badges
    _qc_timer: Timer | None = None

    def schedule_qc_count(self) -> None:
        """Count QC errors again once editing pauses (a run over 5,000 cues takes a second)."""
        if self._qc_timer is not None:
            self._qc_timer.stop()
        self._qc_timer = self.set_timer(QC_RECOUNT_DELAY_S, self.count_qc_errors)

    def count_qc_errors(self) -> None:
        if self.clip_name is not None:
            self.qc_worker(self.clip_name)

    @work(thread=True, exclusive=True, group="qc-badges")
    def qc_worker(self, clip: str) -> None:
        from ttdn_studio.store import open_project

        counts: dict[int, int] = {}
        try:
            from ttdn_studio.qc import CHECKS, run_qc

            errors = [key for key, check in CHECKS.items() if check.severity == "error"]
            with open_project(self.store.path) as store:
                for lang in store.project.target_langs:
                    for finding in run_qc(store, lang, clip=clip, checks=errors):
                        if finding.severity == "error" and finding.cue_id is not None:
                            counts[finding.cue_id] = counts.get(finding.cue_id, 0) + 1
        except TtdnError:  # the badges are a convenience: the QC screen (F6) says what is wrong
            return
        if not get_current_worker().is_cancelled:
            self.post_message(QcCounts(clip, counts))

    qc_counted = False  # the first count has arrived (tests wait for it)

    def on_qc_counts(self, message: QcCounts) -> None:
        if message.clip != self.clip_name:
            return
        self.qc_counted = True
        self.qc_counts = message.counts
        self.grid.set_qc(message.counts)
        if self.filter_key == "qc":
            self.rebuild_grid()
        else:
            self.show_filter_bar()

    def on_unmount(self) -> None:
        self.close_assist()

    # ---------------------------------------------------------------- layout
    def on_resize(self, event: events.Resize) -> None:
        built = self._built_width  # the app's size is already the new one here
        self.apply_size(event.size.width, event.size.height)
        shown = self.grid.layout_spec.targets
        if self.rows and (self.shown_targets() != shown or abs(event.size.width - built) > 4):
            self.rebuild_grid()

    _built_width = 0

    def apply_size(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(height < 30, "-short")
        self.set_class(len(self.clip_names) < 2 or width < NARROW, "-one-clip")
        self._built_width = width

    def action_toggle_assist(self) -> None:
        self.toggle_class("-assist-off")

    # ------------------------------------------------------------- events
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.load_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        if self.current_row() is not None:
            self.editor.target.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if (
            event.option_list.id == "clips"
            and event.option.id
            and event.option.id != self.clip_name
        ):
            self.open_clip(event.option.id)

    def sync_clip_list(self) -> None:
        clips = self.query_one("#clips", OptionList)
        if self.clip_name in self.clip_names:
            clips.highlighted = self.clip_names.index(self.clip_name)

    def show_work(self, label: str, done: float, total: float) -> None:
        work = self.query_one("#work")
        work.display = total > 0
        self.query_one("#work-label", Static).update(label)
        self.query_one("#work-bar", ProgressBar).update(
            total=total if total > 0 else 1, progress=done if total > 0 else 0
        )

    # ------------------------------------------------------------ QC results
    def after_qc(self, outcome: Any) -> None:
        if outcome is None:
            return
        self.qc_counts = {}
        for f in outcome.findings:
            if (
                str(getattr(f, "severity", "")) == "error"
                and getattr(f, "cue_id", None) is not None
            ):
                self.qc_counts[f.cue_id] = self.qc_counts.get(f.cue_id, 0) + 1
        if outcome.changed:
            self.load_rows()
        if outcome.jump is not None:
            clip, cue_id, lang = outcome.jump
            if lang in self.project.target_langs:
                self.lang = lang
            if clip != self.clip_name and clip in self.clip_names:
                self.open_clip(clip, cue_id)
            self.rebuild_grid(keep=cue_id)
            self.show_cue(cue_id)
        else:
            self.rebuild_grid()
