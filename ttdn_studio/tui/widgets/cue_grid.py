"""The cue grid: the open clip's cues, one row each, built once per clip; edits update
single cells.

The grid owns what is shown: the clip's rows, the editing language, the filter,
the search, the marks and the QC error badges (counted in a background job). It
tells the screen what changed with :class:`GridView` (for the header) and
:class:`CurrentCue` (the editor follows the cursor); the cue edits that change
rows (timing, status, undo) are its own and go through the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

from ttdn_studio.batch import paused_gc
from ttdn_studio.errors import TtdnError
from ttdn_studio.models import CueRow, Status
from ttdn_studio.models.profiles import LanguageProfile, profile_for
from ttdn_studio.tui import keys
from ttdn_studio.tui.filters import FILTERS_BY_KEY, matches_search, next_filter
from ttdn_studio.tui.format import (
    NOTE_MARK,
    RATE_WIDTH,
    STATUS_STYLES,
    clip_text,
    clock,
    parse_jump,
    rate_cell,
    status_mark,
)
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import CurrentCue, GridView, WorkDone, WorkFailed

if TYPE_CHECKING:
    from textual.timer import Timer

    from ttdn_studio.store import ProjectStore

FIXED = {"index": 5, "time": 7, "rate": RATE_WIDTH, "qc": 3}
CELL_PADDING = 2  # DataTable pads each cell by one on each side
NARROW = 110  # below this width only the language being edited shows
STEP_MS = 100  # a timing nudge
QC_RECOUNT_DELAY_S = 1.5
QC_FIRST_COUNT_DELAY_S = 0.3


def row_signature(row: CueRow) -> tuple[Any, ...]:
    c = row.cue
    trs = tuple(
        sorted(
            (t.lang, t.version, str(t.status), t.text, tuple(t.flags))
            for t in row.translations.values()
        )
    )
    return (row.index, c.version, c.start_ms, c.end_ms, c.text, trs)


@dataclass
class GridLayout:
    """Which text columns show and how wide each is."""

    source_lang: str
    targets: list[str]
    text_width: int = 30
    marks: set[int] = field(default_factory=set)
    qc: dict[int, int] = field(default_factory=dict)
    profile: LanguageProfile | None = None  # of the language being edited (the rate column)

    @property
    def langs(self) -> list[str]:
        return [self.source_lang, *self.targets]


class _RowTexts:
    """A row's cell texts, built from the grid's current layout when first drawn."""

    __slots__ = ("grid", "row", "texts")

    def __init__(self, grid: CueGrid, row: CueRow) -> None:
        self.grid, self.row = grid, row
        self.texts: list[Text | str] | None = None

    def get(self, column: int) -> Text | str:
        if self.texts is None:
            self.texts = self.grid.cells(self.row)
        return self.texts[column]


class LazyCell:
    """One grid cell that builds its Rich text when the table first draws it.

    The table only draws the rows on screen; building every cell's text up front
    costs a fifth of a second for 5,000 cues. ``str()`` gives the plain text.
    """

    __slots__ = ("column", "texts")

    def __init__(self, texts: _RowTexts, column: int) -> None:
        self.texts, self.column = texts, column

    def __rich__(self) -> Text:
        value = self.texts.get(self.column)
        return value if isinstance(value, Text) else Text(value)

    def __str__(self) -> str:
        return self.__rich__().plain


def qc_badge(errors: int) -> Text | str:
    return Text(str(errors), style="bold red") if errors else ""


def text_width_for(total: int, n_text: int) -> int:
    fixed = sum(FIXED.values()) + CELL_PADDING * (len(FIXED) + n_text) + 2  # + scrollbar
    return max(8, (total - fixed) // max(n_text, 1))


class CueGrid(DataTable[Text | str | LazyCell]):
    """Cues of one clip with a status mark per language and a QC badge."""

    BINDINGS = keys.CUE_LIST

    def __init__(
        self,
        store: ProjectStore | None = None,
        clip: str | None = None,
        lang: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.layout_spec = GridLayout("vi", [])
        self.rows_by_id: dict[int, CueRow] = {}
        self.store = store
        self.clip = clip
        project = store.project if store is not None else None
        self.lang = lang or (
            (project.target_langs[0] if project.target_langs else project.source_lang)
            if project is not None
            else "vi"
        )
        self.cues: list[CueRow] = []  # every cue of the clip (the table shows the visible ones)
        self.filter_key = "all"
        self.search_text = ""
        self.all_targets = True  # show every target column (a toggle)
        self.qc_counts: dict[int, int] = {}
        self.qc_counted = False  # the first count has arrived (tests wait for it)
        self.view_width = 0  # the columns the grid may take (set by the screen)
        self._qc_timer: Timer | None = None
        self.note_cues: set[int] = set()  # cues with an open note (marked ✉)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row one line, so there is
        # nothing to measure: DataTable would otherwise measure every new cell
        # (over a second for 5,000 cues) to size auto-width columns we do not have.
        if not any(column.auto_width for column in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)

    # ------------------------------------------------------------------ build
    def build(self, rows: Iterable[CueRow], spec: GridLayout) -> None:
        """Replace columns and rows (one pass; cheap enough for thousands of cues)."""
        self.layout_spec = spec
        self.clear(columns=True)
        self.add_column("#", width=FIXED["index"], key="index")
        self.add_column("time", width=FIXED["time"], key="time")
        self.add_column("s  cps", width=FIXED["rate"], key="rate")
        for lang in spec.langs:
            self.add_column(lang, width=spec.text_width, key=lang)
        self.add_column("QC", width=FIXED["qc"], key="qc")
        self.rows_by_id = {row.cue.id: row for row in rows}
        width = len(self.columns)
        with paused_gc():
            self._append_rows(
                [
                    (str(cue_id), self.lazy_cells(row, width))
                    for cue_id, row in self.rows_by_id.items()
                ]
            )

    def _append_rows(self, items: list[tuple[str, list[LazyCell]]]) -> None:
        """Add one-line rows at the end in one go.

        ``DataTable.add_row`` re-sets the cursor (a reactive, with its watchers)
        and schedules an idle pass for every row: two thirds of the time to show
        5,000 cues. This fills the same tables once and does those steps once;
        if the table's internals are not the ones expected, rows go through
        ``add_row``.
        """
        if not items:
            return
        try:
            locations, data, new_rows = self._row_locations, self._data, self._new_rows
            columns = [column.key for column in self.ordered_columns]
            start = self.row_count
        except AttributeError:  # a DataTable whose internals differ: the public way
            for key, cells in items:
                self.add_row(*cells, key=key)
            return
        for offset, (key, cells) in enumerate(items):
            row_key = RowKey(key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            locations[row_key] = start + offset
            data[row_key] = dict(zip(columns, cells, strict=True))
            self.rows[row_key] = Row(row_key, 1)
            new_rows.add(row_key)
        self._update_count += len(items)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if start == 0 and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self.check_idle()

    def lazy_cells(self, row: CueRow, width: int) -> list[LazyCell]:
        texts = _RowTexts(self, row)
        return [LazyCell(texts, column) for column in range(width)]

    def cells(self, row: CueRow) -> list[Text | str]:
        spec = self.layout_spec
        marked = "●" if row.cue.id in spec.marks else " "
        noted = NOTE_MARK if row.cue.id in self.note_cues else ""
        out: list[Text | str] = [
            Text(f"{marked}{row.index}{noted}", style="bold" if marked != " " else ""),
            clock(row.cue.start_ms),
            self.rate(row),
        ]
        out.append(Text(clip_text(row.cue.text, spec.text_width)))
        for lang in spec.targets:
            tr = row.translations.get(lang)
            status = Status(tr.status) if tr else Status.EMPTY
            mark = status_mark(tr)
            body = clip_text(tr.text if tr else "", spec.text_width - 1 - len(mark))
            out.append(Text(f"{mark} {body}", style=STATUS_STYLES[status]))
        out.append(qc_badge(spec.qc.get(row.cue.id, 0)))
        return out

    def rate(self, row: CueRow) -> Text:
        """The duration and the reading speed of the language being edited."""
        profile = self.layout_spec.profile
        if profile is None or profile.lang != self.lang:
            project = self.store.project if self.store is not None else None
            profile = self.layout_spec.profile = profile_for(project, self.lang)
        return rate_cell(row.cue.duration_ms, row.text(self.lang, ""), profile)

    def set_qc(self, counts: dict[int, int]) -> None:
        """New QC error counts: redraw the QC cell of every cue whose count changed."""
        old, self.layout_spec.qc = self.layout_spec.qc, counts
        for cue_id in set(old) | set(counts):
            errors = counts.get(cue_id, 0)
            if errors != old.get(cue_id, 0) and str(cue_id) in self.rows:
                self.update_cell(str(cue_id), "qc", qc_badge(errors))

    def update_row(self, row: CueRow) -> None:
        """Redraw one cue's cells after an edit."""
        self.rows_by_id[row.cue.id] = row
        key = str(row.cue.id)
        if key not in self.rows:
            return
        keys = ["index", "time", "rate", *self.layout_spec.langs, "qc"]
        for col, value in zip(keys, self.cells(row), strict=True):
            self.update_cell(key, col, value)

    # ----------------------------------------------------------------- cursor
    @property
    def current_id(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return int(key.value) if key.value is not None else None

    def go_to(self, cue_id: int) -> bool:
        key = str(cue_id)
        if key not in self.rows:
            return False
        self.move_cursor(row=self.get_row_index(key), animate=False, scroll=True)
        return True

    # ------------------------------------------------------------------ marks
    def action_toggle_mark(self) -> None:
        cue_id = self.current_id
        if cue_id is None:
            return
        self.layout_spec.marks.symmetric_difference_update({cue_id})
        self.update_row(self.rows_by_id[cue_id])

    def action_extend_mark(self, step: int) -> None:
        cue_id = self.current_id
        if cue_id is None:
            return
        self.layout_spec.marks.add(cue_id)
        self.update_row(self.rows_by_id[cue_id])
        self.move_cursor(row=self.cursor_row + step)
        nxt = self.current_id
        if nxt is not None:
            self.layout_spec.marks.add(nxt)
            self.update_row(self.rows_by_id[nxt])

    def clear_marks(self) -> None:
        marked = list(self.layout_spec.marks)
        self.layout_spec.marks.clear()
        for cue_id in marked:
            if cue_id in self.rows_by_id:
                self.update_row(self.rows_by_id[cue_id])

    # ============================================================ the clip's cues
    # Everything below needs the store the grid was given.

    @property
    def _store(self) -> ProjectStore:
        assert self.store is not None, "this grid was made without a project"
        return self.store

    def on_mount(self) -> None:
        if self.store is not None:
            # after the first frames: the checks' imports and work would delay them
            self.set_timer(QC_FIRST_COUNT_DELAY_S, self.count_qc_errors)

    def load_rows(self) -> None:
        self.cues = self._store.cue_rows(self.clip) if self.clip else []
        self.note_cues = self.open_notes()

    def open_notes(self) -> set[int]:
        from ttdn_studio.services.reviewing import cues_with_open_notes

        return cues_with_open_notes(self._store, self.clip) if self.clip else set()

    def refresh_notes(self) -> None:
        """Notes were added or resolved: redraw the ✉ marks (and the notes filter)."""
        old, self.note_cues = self.note_cues, self.open_notes()
        if FILTERS_BY_KEY[self.filter_key].cues is not None:
            self.rebuild()
            return
        for cue_id in old ^ self.note_cues:
            if cue_id in self.rows_by_id:
                self.update_row(self.rows_by_id[cue_id])

    def visible_rows(self) -> list[CueRow]:
        chosen = row_filter = FILTERS_BY_KEY[self.filter_key]
        test = row_filter.test
        if row_filter.cue_flag is not None:
            from ttdn_studio.store.timing import cue_flags

            flag = row_filter.cue_flag
            flags = cue_flags(self._store, self.clip) if self.clip else {}

            def test(row: CueRow, lang: str, qc: int) -> bool:
                return flag in flags.get(row.cue.id, ())

        if row_filter.cues is not None:
            ids = row_filter.cues(self._store, self.clip) if self.clip else set()

            def test(row: CueRow, lang: str, qc: int) -> bool:
                return row.cue.id in ids

        langs = self._store.project.target_langs
        rows = [
            r
            for r in self.cues
            if test(r, self.lang, self.qc_counts.get(r.cue.id, 0))
            and matches_search(r, self.search_text, langs)
        ]
        if chosen.order is not None:
            order = chosen.order
            rows.sort(key=lambda r: order(r, self.lang))
        return rows

    def shown_targets(self) -> list[str]:
        narrow = self.app.size.width < NARROW
        targets = self._store.project.target_langs
        return list(targets) if self.all_targets and not narrow else [self.lang]

    def rebuild(self, keep: int | None = None, *, reload: bool = False) -> None:
        """Build the table again from the rows (filter, search, columns or width changed;
        ``reload``: the cues changed in the store, the editor reads them again)."""
        keep = keep if keep is not None else self.current_id
        targets = self.shown_targets()
        spec = GridLayout(
            self._store.project.source_lang,
            targets,
            text_width_for(self.view_width, 1 + len(targets)),
            marks=self.layout_spec.marks,
            qc=self.qc_counts,
        )
        self.build(self.visible_rows(), spec)
        if keep is None or not self.go_to(keep):
            self.move_cursor(row=0)
        self.tell_view()
        self.post_message(CurrentCue(force=reload))

    def tell_view(self) -> None:
        """Tell the screen what is shown (the header line), with the clip's air state in
        the language being edited (read again each time: an edit withdraws a clearance)."""
        self.post_message(
            GridView(
                self.clip,
                self.lang,
                FILTERS_BY_KEY[self.filter_key].label,
                self.search_text,
                self.row_count,
                len(self.cues),
                len(self.layout_spec.marks),
                self.air_state(),
            )
        )

    def air_state(self) -> bool | None:
        from ttdn_studio.services.editorial import cleared_for_air

        if self.clip is None or self.lang not in self._store.project.target_langs:
            return None
        try:
            return cleared_for_air(self._store, self.clip, self.lang)
        except TtdnError:
            return None

    def reload_from_store(self) -> None:
        """Re-read the clip (after undo, MT, fixes): changed rows update, others stay."""
        self.schedule_qc_count()
        old = {r.cue.id: row_signature(r) for r in self.cues}
        old_notes = self.note_cues
        self.load_rows()
        new = {r.cue.id: row_signature(r) for r in self.cues}
        if list(old) != list(new) or len(self.visible_rows()) != self.row_count:
            self.rebuild(reload=True)
            return
        noted = old_notes ^ self.note_cues
        for row in self.cues:
            if old[row.cue.id] != new[row.cue.id] or row.cue.id in noted:
                self.update_row(row)
        self.tell_view()  # the air state may have changed
        self.post_message(CurrentCue(force=True))

    def replace_row(self, cue_id: int) -> CueRow | None:
        """Re-read one cue after an edit and redraw its cells."""
        self.schedule_qc_count()
        store = self._store
        for i, row in enumerate(self.cues):
            if row.cue.id == cue_id:
                trs = {lang: store.translation(cue_id, lang) for lang in store.project.target_langs}
                trs = {k: v for k, v in trs.items() if v.version > 0}
                fresh = CueRow.model_construct(
                    index=row.index, clip=row.clip, cue=store.cue(cue_id), translations=trs
                )
                self.cues[i] = fresh
                self.update_row(fresh)
                return fresh
        return None

    def current_row(self) -> CueRow | None:
        cue_id = self.current_id
        return self.rows_by_id.get(cue_id) if cue_id is not None else None

    def selected_ids(self) -> list[int]:
        """The marked cues, or the cue under the cursor."""
        marks = self.layout_spec.marks
        if marks:
            return [r.cue.id for r in self.cues if r.cue.id in marks]
        cue_id = self.current_id
        return [cue_id] if cue_id is not None else []

    # ------------------------------------------------------------ moving around
    def open_clip(self, name: str, cue_id: int | None = None) -> None:
        self.clip = name
        self.clear_marks()
        self.load_rows()
        self.qc_counts = {}  # another clip: its own counts follow
        self.rebuild(keep=cue_id)
        self.schedule_qc_count()

    def step(self, delta: int) -> None:
        if self.row_count:
            self.move_cursor(row=max(0, min(self.row_count - 1, self.cursor_row + delta)))

    def set_lang(self, lang: str) -> None:
        """Edit ``lang`` now (the filters and a one-language grid follow it)."""
        self.lang = lang
        self.rebuild()  # the filters, a one-language grid and the rate column follow it

    def toggle_columns(self) -> None:
        self.all_targets = not self.all_targets
        self.rebuild()

    def cycle_filter(self) -> None:
        self.filter_key = next_filter(self.filter_key).key
        self.rebuild()
        if not self.row_count:
            self.notify(f"No cue matches “{FILTERS_BY_KEY[self.filter_key].label}”", timeout=3)

    def set_filter(self, key: str) -> None:
        self.filter_key = key
        self.rebuild()

    def set_search(self, value: str) -> None:
        self.search_text = value.strip()
        self.rebuild()

    def jump_to(self, value: str) -> bool:
        """Go to a cue number (12) or a time (1:05)."""
        target = parse_jump(value)
        if target is None:
            self.notify(f"“{value}” is not a cue number or a time", severity="warning")
            return False
        kind, n = target
        if kind == "index":
            row = next((r for r in self.cues if r.index == n), None)
        else:
            row = next((r for r in self.cues if r.cue.end_ms > n), None)
        if row is None:
            self.notify(f"No cue at {value} in {self.clip}", severity="warning")
            return False
        return self.show_cue(row.cue.id)

    def show_cue(self, cue_id: int) -> bool:
        """Put the cursor on a cue, clearing the filter and search if they hide it."""
        if not self.go_to(cue_id):
            self.filter_key, self.search_text = "all", ""
            self.rebuild(keep=cue_id)
        return self.go_to(cue_id)

    def ask_search(self) -> None:
        from ttdn_studio.tui.dialogs import InputDialog

        def done(value: str | None) -> None:
            if value is not None:
                self.set_search(value)

        self.app.push_screen(
            InputDialog(
                "Search",
                "Text in the source or a translation (empty = all):",
                value=self.search_text,
            ),
            done,
        )

    def ask_jump(self) -> None:
        from ttdn_studio.tui.dialogs import InputDialog

        def done(value: str | None) -> None:
            if value:
                self.jump_to(value)

        self.app.push_screen(
            InputDialog(
                "Go to", "Cue number (12) or time (1:05, 00:01:05.200):", placeholder="12 or 1:05"
            ),
            done,
        )

    def after_qc(self, outcome: Any) -> None:
        """Back from the QC screen: its findings give the badges; maybe go to one."""
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
            if lang in self._store.project.target_langs:
                self.lang = lang
            if clip != self.clip and clip in {c.name for c in self._store.clips()}:
                self.open_clip(clip, cue_id)
            self.rebuild(keep=cue_id)
            self.show_cue(cue_id)
        else:
            self.rebuild()

    # ---------------------------------------------------------------- QC badges
    def schedule_qc_count(self) -> None:
        """Count QC errors again once editing pauses (a run over 5,000 cues takes a second)."""
        if self._qc_timer is not None:
            self._qc_timer.stop()
        self._qc_timer = self.set_timer(QC_RECOUNT_DELAY_S, self.count_qc_errors)

    def count_qc_errors(self) -> None:
        if self.clip is not None:
            clip, path = self.clip, self._store.path

            def count(job: Job) -> tuple[str, dict[int, int]]:
                from ttdn_studio.qc import CHECKS, run_qc
                from ttdn_studio.store import open_project

                errors = [key for key, check in CHECKS.items() if check.severity == "error"]
                counts: dict[int, int] = {}
                with open_project(path) as store:
                    for lang in store.project.target_langs:
                        for finding in run_qc(store, lang, clip=clip, checks=errors):
                            if finding.severity == "error" and finding.cue_id is not None:
                                counts[finding.cue_id] = counts.get(finding.cue_id, 0) + 1
                return clip, counts

            # the badges are a convenience: the QC screen (F6) says what is wrong
            run_job(self, "qc-badges", count, toast=False)

    def on_work_done(self, message: WorkDone) -> None:
        if message.group != "qc-badges":
            return
        message.stop()
        clip, counts = message.result
        if clip == self.clip:
            self.show_qc_counts(counts)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.group == "qc-badges":
            message.stop()

    def show_qc_counts(self, counts: dict[int, int]) -> None:
        """QC errors per cue (a count, or the QC screen's findings): badges and the filter."""
        self.qc_counted = True
        self.qc_counts = counts
        self.set_qc(counts)
        if self.filter_key == "qc":
            self.rebuild()
        else:
            self.tell_view()

    # ---------------------------------------------------------------- edits
    def edit_cues(self, edit: Callable[[], object], structural: bool = False) -> bool:
        """Run a timing or status edit; redraw what it changed (the editor reloads)."""
        try:
            edit()
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return False
        if structural:
            self.reload_from_store()
        else:
            cue_id = self.current_id
            if cue_id is not None:
                self.replace_row(cue_id)
            self.post_message(CurrentCue(force=True))
        return True

    def nudge(self, edge: str, sign: int, unit: str) -> None:
        row = self.current_row()
        if row is None:
            return
        store = self._store
        step = STEP_MS if unit == "ms" else store.project.frames_to_ms(1)
        cue = row.cue
        start = cue.start_ms + sign * step if edge == "start" else None
        end = cue.end_ms + sign * step if edge == "end" else None
        self.edit_cues(
            lambda: store.edit_cue(cue.id, expected_version=cue.version, start_ms=start, end_ms=end)
        )

    def snap(self, edge: str) -> None:
        from ttdn_studio.store.timing import min_gap_ms, neighbours

        row = self.current_row()
        if row is None:
            return
        store = self._store
        cue = store.cue(row.cue.id)
        prev, nxt = neighbours(store, cue)
        other = prev if edge == "start" else nxt
        if other is None:
            self.notify(
                f"There is no {'previous' if edge == 'start' else 'next'} cue", severity="warning"
            )
            return
        gap = min_gap_ms(store)  # snapped cues keep the minimum gap, never touch
        start = other.end_ms + gap if edge == "start" else None
        end = other.start_ms - gap if edge == "end" else None
        self.edit_cues(
            lambda: store.edit_cue(cue.id, expected_version=cue.version, start_ms=start, end_ms=end)
        )

    def split(self, offset: int) -> None:
        """Split the cue under the cursor at ``offset`` characters of its source (refused,
        with the reason, when this person's role may not change its texts)."""
        from ttdn_studio.services.structure import split_cue

        row = self.current_row()
        if row is not None:
            self.edit_cues(lambda: split_cue(self._store, row.cue.id, offset), structural=True)

    def merge(self) -> None:
        from ttdn_studio.services.structure import merge_with_next

        row = self.current_row()
        if row is not None:
            self.edit_cues(lambda: merge_with_next(self._store, row.cue.id), structural=True)

    def ask_shift(self) -> None:
        from ttdn_studio.tui.dialogs import InputDialog

        ids = self.selected_ids()
        if not ids:
            return

        def done(value: str | None) -> None:
            if value is None:
                return
            try:
                delta = int(value.strip().replace("ms", ""))
            except ValueError:
                self.notify(f"“{value}” is not a number of milliseconds", severity="warning")
                return
            self.shift(ids, delta)

        self.app.push_screen(
            InputDialog(
                "Shift cues",
                f"Move {len(ids)} cue(s) by how many milliseconds? (negative = earlier)",
                placeholder="-500",
            ),
            done,
        )

    def shift(self, ids: list[int], delta: int) -> None:
        from ttdn_studio.store.timing import shift_cues

        self.edit_cues(lambda: shift_cues(self._store, ids, delta), structural=True)
        self.clear_marks()
        self.tell_view()

    def set_status(self, status: Status) -> None:
        """Set the status of the marked cues (or the cue under the cursor)."""
        from ttdn_studio.services.workflow import set_status

        ids = self.selected_ids()
        if not ids:
            return
        try:
            changed = set_status(
                self._store,
                ids,
                self.lang,
                status,
                on_note=lambda msg: self.notify(msg, severity="warning", timeout=10),
            )
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        for cue_id in ids:
            self.replace_row(cue_id)
        self.clear_marks()
        self.post_message(CurrentCue(force=True))
        self.tell_view()
        self.notify(f"{changed} cue(s) {status.value} in {self.lang}", timeout=3)

    def qc_errors_of(self, ids: list[int]) -> list[str]:
        """The QC errors of these cues in the editing language, one line each."""
        from ttdn_studio.qc import run_qc

        if self.clip is None or not ids:
            return []
        wanted = set(ids)
        try:
            findings = run_qc(self._store, self.lang, clip=self.clip)
        except TtdnError:
            return []
        return [
            f"#{f.index} {f.check}: {f.message}"
            for f in findings
            if f.severity == "error" and f.cue_id in wanted
        ]

    def history(self, *, undo: bool) -> None:
        """Undo (or redo) the latest saved change of the project."""
        try:
            label = self._store.undo() if undo else self._store.redo()
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        self.reload_from_store()
        self.notify(f"{'Undone' if undo else 'Redone'}: {label}", timeout=3)
