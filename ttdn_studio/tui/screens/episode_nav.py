"""Moving around the episode: cues, clips, languages, columns, filters, search, jump."""

from __future__ import annotations

from ttdn_studio.tui import keys
from ttdn_studio.tui.filters import FILTERS_BY_KEY, next_filter
from ttdn_studio.tui.format import parse_jump
from ttdn_studio.tui.screens.episode_base import EpisodeBase


class NavigationMixin(EpisodeBase):
    BINDINGS = keys.NAVIGATION

    def action_step(self, delta: int) -> None:
        grid = self.grid
        if grid.row_count:
            self.editor.flush()
            grid.move_cursor(row=max(0, min(grid.row_count - 1, grid.cursor_row + delta)))

    def action_focus_grid(self) -> None:
        self.editor.flush()
        self.grid.focus()

    def action_switch_lang(self) -> None:
        targets = self.project.target_langs
        if not targets:
            return
        self.editor.flush()
        self.lang = (
            targets[(targets.index(self.lang) + 1) % len(targets)]
            if self.lang in targets
            else targets[0]
        )
        if self.filter_key != "all" or not self.all_targets:
            self.rebuild_grid()
        else:
            self.show_filter_bar()
            self.load_current(force=True)
        self.notify(f"Editing {self.lang}", timeout=2)

    def action_toggle_columns(self) -> None:
        self.all_targets = not self.all_targets
        self.rebuild_grid()

    def action_cycle_filter(self) -> None:
        self.editor.flush()
        self.filter_key = next_filter(self.filter_key).key
        self.rebuild_grid()
        if not self.grid.row_count:
            self.notify(f"No cue matches “{FILTERS_BY_KEY[self.filter_key].label}”", timeout=3)

    def action_search(self) -> None:
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

    def set_search(self, value: str) -> None:
        self.editor.flush()
        self.search_text = value.strip()
        self.rebuild_grid()

    def action_jump(self) -> None:
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

    def jump_to(self, value: str) -> bool:
        target = parse_jump(value)
        if target is None:
            self.notify(f"“{value}” is not a cue number or a time", severity="warning")
            return False
        kind, n = target
        if kind == "index":
            row = next((r for r in self.rows if r.index == n), None)
        else:
            row = next((r for r in self.rows if r.cue.end_ms > n), None)
        if row is None:
            self.notify(f"No cue at {value} in {self.clip_name}", severity="warning")
            return False
        return self.show_cue(row.cue.id)

    def show_cue(self, cue_id: int) -> bool:
        """Put the cursor on a cue, clearing the filter and search if they hide it."""
        self.editor.flush()
        if not self.grid.go_to(cue_id):
            self.filter_key, self.search_text = "all", ""
            self.rebuild_grid(keep=cue_id)
        return self.grid.go_to(cue_id)

    def action_step_clip(self, delta: int) -> None:
        if self.clip_name in self.clip_names and len(self.clip_names) > 1:
            i = (self.clip_names.index(self.clip_name) + delta) % len(self.clip_names)
            self.open_clip(self.clip_names[i])

    def open_clip(self, name: str, cue_id: int | None = None) -> None:
        self.editor.flush()
        self.clip_name = name
        self.grid.clear_marks()
        self.load_rows()
        self.qc_counts = {}  # another clip: its own counts follow
        self.rebuild_grid(keep=cue_id)
        self.sync_clip_list()
        self.schedule_qc_count()

    def sync_clip_list(self) -> None:  # the screen highlights the open clip
        pass
