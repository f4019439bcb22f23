"""Timing actions: nudge, snap to neighbours, split, merge, shift a range."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui import keys
from ttdn_studio.tui.screens.episode_base import EpisodeBase

STEP_MS = 100


def _nudge(key: str, action: str, label: str, bid: str, tip: str) -> Binding:
    return Binding(key, action, label, show=False, priority=True, id=bid, tooltip=tip)


class TimingMixin(EpisodeBase):
    BINDINGS = keys.TIMING

    def _timing_edit(self, edit: Callable[[], object], structural: bool = False) -> None:
        self.editor.flush()
        try:
            edit()
        except TtdnError as exc:
            self.fail(exc)
            return
        self.editor.editing = None
        if structural:
            self.reload_from_store()
        else:
            cue_id = self.grid.current_id
            if cue_id is not None:
                self.replace_row(cue_id)
            self.load_current(force=True)

    def action_nudge(self, edge: str, sign: int, unit: str) -> None:
        row = self.current_row()
        if row is None:
            return
        step = STEP_MS if unit == "ms" else self.project.frames_to_ms(1)
        cue = row.cue
        start = cue.start_ms + sign * step if edge == "start" else None
        end = cue.end_ms + sign * step if edge == "end" else None
        self._timing_edit(
            lambda: self.store.edit_cue(
                cue.id, expected_version=cue.version, start_ms=start, end_ms=end
            )
        )

    def action_snap(self, edge: str) -> None:
        from ttdn_studio.store.timing import neighbours

        row = self.current_row()
        if row is None:
            return
        cue = self.store.cue(row.cue.id)
        prev, nxt = neighbours(self.store, cue)
        other = prev if edge == "start" else nxt
        if other is None:
            self.notify(
                f"There is no {'previous' if edge == 'start' else 'next'} cue", severity="warning"
            )
            return
        start = other.end_ms if edge == "start" else None
        end = other.start_ms if edge == "end" else None
        self._timing_edit(
            lambda: self.store.edit_cue(
                cue.id, expected_version=cue.version, start_ms=start, end_ms=end
            )
        )

    def split_offset(self) -> int:
        """Where to cut the source: the editor's cursor, mapped from the target if needed."""
        row = self.current_row()
        if row is None:
            return 0
        source = row.cue.text
        area = self.editor.target
        text = area.text
        line, col = area.cursor_location
        offset = sum(len(x) + 1 for x in text.split("\n")[:line]) + col
        if not text or offset <= 0 or offset >= len(text):
            return len(source) // 2
        at = round(len(source) * offset / len(text))
        spaces = [i for i, ch in enumerate(source) if ch == " "]
        return min(spaces, key=lambda i: abs(i - at)) if spaces else at

    def action_split(self) -> None:
        from ttdn_studio.store.timing import split_cue

        row = self.current_row()
        if row is not None:
            offset = self.split_offset()
            self._timing_edit(lambda: split_cue(self.store, row.cue.id, offset), structural=True)

    def action_merge(self) -> None:
        from ttdn_studio.store.timing import merge_with_next

        row = self.current_row()
        if row is not None:
            self._timing_edit(lambda: merge_with_next(self.store, row.cue.id), structural=True)

    def action_shift_range(self) -> None:
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

        self._timing_edit(lambda: shift_cues(self.store, ids, delta), structural=True)
        self.grid.clear_marks()
        self.show_filter_bar()
