"""The cue grid: one row per cue, built once per clip; edits update single cells."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

from ttdn_studio.batch import paused_gc
from ttdn_studio.models import CueRow, Status
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import STATUS_STYLES, clip_text, clock, status_mark

FIXED = {"index": 5, "time": 7, "qc": 3}
CELL_PADDING = 2  # DataTable pads each cell by one on each side


@dataclass
class GridLayout:
    """Which text columns show and how wide each is."""

    source_lang: str
    targets: list[str]
    text_width: int = 30
    marks: set[int] = field(default_factory=set)
    qc: dict[int, int] = field(default_factory=dict)

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

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.layout_spec = GridLayout("vi", [])
        self.rows_by_id: dict[int, CueRow] = {}

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
        out: list[Text | str] = [
            Text(f"{marked}{row.index}", style="bold" if marked != " " else ""),
            clock(row.cue.start_ms),
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
        keys = ["index", "time", *self.layout_spec.langs, "qc"]
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
