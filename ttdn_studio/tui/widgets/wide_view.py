"""The wide view (Alt+Z): cues with their full source and translations, wrapped, not cut.

It takes the cue grid's place and follows its cursor (the screen redraws it whenever the
current cue changes or is saved): the cue being worked on is drawn first (after the one before it, for context) and the cues after it
fill the rest of the view. With room for every language at :data:`MIN_COLUMN` cells,
the languages stand side by side; in a narrow terminal each cue's languages are
stacked one under the other. Up/Down and PgUp/PgDn move between cues as in the grid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from ttdn_studio.layout.khmer import has_khmer
from ttdn_studio.tui.format import STATUS_STYLES, KhmerWrapped, clock, status_mark

if TYPE_CHECKING:
    from ttdn_studio.models import CueRow
    from ttdn_studio.tui.widgets.cue_grid import CueGrid

MIN_COLUMN = 26  # side by side only when every language gets this many cells
BEFORE = 1  # cues shown before the current one
MAX_SHOWN = 40  # cues drawn at most (the view cuts what does not fit)
CURRENT_STYLE = "bold"
LABEL_WIDTH = 16  # the number, status and times column of the side-by-side table


class WideView(Static, can_focus=True):
    """Full texts of the cue under the grid's cursor and the cues after it."""

    BINDINGS = [  # noqa: RUF012 (never mutated)
        Binding("down", "step(1)", "Next cue", show=False),
        Binding("up", "step(-1)", "Previous cue", show=False),
        Binding("pagedown", "step(5)", "5 cues on", show=False),
        Binding("pageup", "step(-5)", "5 cues back", show=False),
    ]

    def __init__(self, grid: CueGrid, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.grid = grid
        self.side_by_side = True
        self.shown: list[int] = []  # the cue ids drawn last, in order (what a test reads)

    @property
    def langs(self) -> list[str]:
        """The source and the target languages shown (Alt+C: every one, or the edited one)."""
        project = self.grid.store.project if self.grid.store is not None else None
        targets = list(project.target_langs) if project and self.grid.all_targets else []
        source = project.source_lang if project else "vi"
        return [source, *(targets or [self.grid.lang])]

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Draw again from the grid's rows (after a move, a save, a resize)."""
        if not self.display:
            return
        rows = list(self.grid.rows_by_id.values())  # the grid's rows, in its order
        current = self.grid.current_id
        at = next((i for i, r in enumerate(rows) if r.cue.id == current), 0)
        window = rows[max(0, at - BEFORE) : max(0, at - BEFORE) + MAX_SHOWN]
        self.shown = [r.cue.id for r in window]
        langs = self.langs
        width = self.size.width or self.app.size.width
        self.side_by_side = (width - LABEL_WIDTH) // len(langs) >= MIN_COLUMN
        if not window:
            self.update(Text("No cue to show", style="dim"))
            return
        draw = self._table if self.side_by_side else self._stacked
        self.update(draw(window, langs, current))

    def _label(self, row: CueRow, current: int | None) -> Text:
        here = row.cue.id == current
        tr = row.translations.get(self.grid.lang)
        return Text.assemble(
            ("▶" if here else " ") + f"#{row.index} ",
            (status_mark(tr), STATUS_STYLES[tr.status] if tr else "dim"),
            f"\n {clock(row.cue.start_ms)}–{clock(row.cue.end_ms)}",
            style="reverse" if here else "",
        )

    def _text(self, row: CueRow, lang: str) -> RenderableType:
        text = row.text(lang, self.langs[0])
        if not text.strip():
            return Text("—", style="dim")
        return KhmerWrapped(text) if has_khmer(text) else Text(text)

    def _table(self, rows: list[CueRow], langs: list[str], current: int | None) -> RenderableType:
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True, pad_edge=False)
        table.add_column("#", width=LABEL_WIDTH - 2, no_wrap=True)
        for lang in langs:
            table.add_column(lang, ratio=1, overflow="fold")
        for row in rows:
            style = CURRENT_STYLE if row.cue.id == current else ""
            cells = [self._text(row, lang) for lang in langs]
            table.add_row(self._label(row, current), *cells, style=style)
        return table

    def _stacked(self, rows: list[CueRow], langs: list[str], current: int | None) -> RenderableType:
        parts: list[RenderableType] = []
        for row in rows:
            mark = "▶" if row.cue.id == current else " "
            tr = row.translations.get(self.grid.lang)
            head = Text.assemble(
                (f"{mark}#{row.index} ", "bold"),
                (status_mark(tr), STATUS_STYLES[tr.status] if tr else "dim"),
                f" {clock(row.cue.start_ms)} → {clock(row.cue.end_ms)}",
                style="reverse" if row.cue.id == current else "",
            )
            grid = Table.grid(padding=(0, 1), expand=True)
            grid.add_column(width=3, style="dim")
            grid.add_column(ratio=1, overflow="fold")
            for lang in langs:
                grid.add_row(lang, self._text(row, lang))
            parts += [head, grid]
        return Group(*parts)

    async def action_step(self, delta: int) -> None:
        await self.screen.run_action(f"step({delta})")
