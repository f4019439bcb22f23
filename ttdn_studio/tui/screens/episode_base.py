"""State and data plumbing of the episode screen: the clip's rows, filters and the grid.

The actions (editing, workflow, timing, tools) live in mixins next to this
module; they all reach the project through ``self.store`` and the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.screen import Screen

from ttdn_studio.errors import TtdnError
from ttdn_studio.models import CueRow, Translation
from ttdn_studio.tui.backend import error_text
from ttdn_studio.tui.filters import FILTERS_BY_KEY, matches_search
from ttdn_studio.tui.widgets.cue_grid import CueGrid, GridLayout, text_width_for

if TYPE_CHECKING:
    from ttdn_studio.store import ProjectStore
    from ttdn_studio.tui.widgets.cue_editor import CueEditor

CLIPS_WIDTH = 24
NARROW = 110  # below this width the clip list and assist panel give way to the grid


def row_signature(row: CueRow) -> tuple[Any, ...]:
    c = row.cue
    trs = tuple(
        sorted(
            (t.lang, t.version, str(t.status), t.text, tuple(t.flags))
            for t in row.translations.values()
        )
    )
    return (row.index, c.version, c.start_ms, c.end_ms, c.text, trs)


class EpisodeBase(Screen[None]):
    """Holds the open clip's rows and keeps the grid in step with the store."""

    def __init__(
        self, store: ProjectStore, clip: str | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.project = store.project
        self.clip_names = [c.name for c in store.clips()]
        self.clip_name: str | None = clip or (self.clip_names[0] if self.clip_names else None)
        self.lang = lang or (
            self.project.target_langs[0] if self.project.target_langs else self.project.source_lang
        )
        self.all_targets = True  # show every target column (a toggle)
        self.filter_key = "all"
        self.search_text = ""
        self.rows: list[CueRow] = []
        self.qc_counts: dict[int, int] = {}

    # ------------------------------------------------------------ components
    @property
    def grid(self) -> CueGrid:
        return self.query_one("#grid", CueGrid)

    @property
    def editor(self) -> CueEditor:
        from ttdn_studio.tui.widgets.cue_editor import CueEditor

        return self.query_one("#editor", CueEditor)

    def fail(self, exc: BaseException) -> None:
        title, message = error_text(exc)
        self.notify(message, title=title, severity="error", timeout=8)

    # ------------------------------------------------------------------ rows
    def load_rows(self) -> None:
        self.rows = self.store.cue_rows(self.clip_name) if self.clip_name else []

    def visible_rows(self) -> list[CueRow]:
        chosen = FILTERS_BY_KEY[self.filter_key]
        langs = self.project.target_langs
        rows = [
            r
            for r in self.rows
            if chosen.test(r, self.lang, self.qc_counts.get(r.cue.id, 0))
            and matches_search(r, self.search_text, langs)
        ]
        if chosen.order is not None:
            order = chosen.order
            rows.sort(key=lambda r: order(r, self.lang))
        return rows

    def shown_targets(self) -> list[str]:
        narrow = self.app.size.width < NARROW
        return list(self.project.target_langs) if self.all_targets and not narrow else [self.lang]

    def rebuild_grid(self, keep: int | None = None) -> None:
        grid = self.grid
        keep = keep if keep is not None else grid.current_id
        targets = self.shown_targets()
        width = self.app.size.width - (0 if self.has_class("-one-clip") else CLIPS_WIDTH)
        spec = GridLayout(
            self.project.source_lang,
            targets,
            text_width_for(width, 1 + len(targets)),
            marks=grid.layout_spec.marks,
            qc=self.qc_counts,
        )
        grid.build(self.visible_rows(), spec)
        if keep is None or not grid.go_to(keep):
            grid.move_cursor(row=0)
        self.show_filter_bar()
        self.load_current()

    def reload_from_store(self) -> None:
        """Re-read the clip (after undo, MT, fixes): changed rows update, others stay."""
        self.schedule_qc_count()
        old = {r.cue.id: row_signature(r) for r in self.rows}
        self.load_rows()
        new = {r.cue.id: row_signature(r) for r in self.rows}
        if list(old) != list(new) or len(self.visible_rows()) != self.grid.row_count:
            self.rebuild_grid()
            return
        for row in self.rows:
            if old[row.cue.id] != new[row.cue.id]:
                self.grid.update_row(row)
        self.load_current(force=True)

    def schedule_qc_count(self) -> None:  # the episode screen recounts QC errors
        pass

    def replace_row(self, cue_id: int) -> CueRow | None:
        """Re-read one cue after an edit and redraw its cells."""
        self.schedule_qc_count()
        for i, row in enumerate(self.rows):
            if row.cue.id == cue_id:
                trs = {
                    lang: self.store.translation(cue_id, lang) for lang in self.project.target_langs
                }
                trs = {k: v for k, v in trs.items() if v.version > 0}
                fresh = CueRow.model_construct(
                    index=row.index, clip=row.clip, cue=self.store.cue(cue_id), translations=trs
                )
                self.rows[i] = fresh
                self.grid.update_row(fresh)
                return fresh
        return None

    def current_row(self) -> CueRow | None:
        cue_id = self.grid.current_id
        return self.grid.rows_by_id.get(cue_id) if cue_id is not None else None

    def selected_ids(self) -> list[int]:
        """The marked cues, or the cue under the cursor."""
        marks = self.grid.layout_spec.marks
        if marks:
            return [r.cue.id for r in self.rows if r.cue.id in marks]
        cue_id = self.grid.current_id
        return [cue_id] if cue_id is not None else []

    # ------------------------------------------------------------ displays
    def show_filter_bar(self) -> None:
        bar = Text()
        bar.append(f" {self.clip_name or 'no clip'} ", style="bold reverse")
        bar.append(f"  editing {self.lang}", style="bold")
        bar.append(f"   filter: {FILTERS_BY_KEY[self.filter_key].label}")
        if self.search_text:
            bar.append(f"   search: “{self.search_text}”", style="italic")
        bar.append(f"   {self.grid.row_count}/{len(self.rows)} cues", style="dim")
        marks = len(self.grid.layout_spec.marks)
        if marks:
            bar.append(f"   {marks} marked", style="bold yellow")
        self.query_one("#filter-bar").update(bar)  # type: ignore[attr-defined]

    def load_current(self, force: bool = False) -> None:
        row = self.current_row()
        editor = self.editor
        if row is None:
            editor.clear()
            return
        same = editor.editing is not None and (editor.editing.cue_id, editor.editing.lang) == (
            row.cue.id,
            self.lang,
        )
        if same and not force and not editor.dirty:
            editor.show_head(row, self.lang)
            return
        if same and editor.dirty:
            return
        editor.load(row, self.lang, self.project.source_lang)
        self.schedule_assist()

    def schedule_assist(self) -> None:  # filled in by the assist mixin
        pass

    def after_qc(self, outcome: Any) -> None:  # filled in by the screen
        pass

    def saved(self, tr: Translation) -> None:
        row = self.replace_row(tr.cue_id)
        if row is not None:
            self.editor.show_head(row, self.lang)

    def save_edit(self, editing: Any, text: str) -> Translation | None:
        """The editor's save callback: one transaction with the expected version."""
        from ttdn_studio.errors import StaleEditError

        try:
            tr = self.store.edit_translation(
                editing.cue_id, editing.lang, text, expected_version=editing.version
            )
        except StaleEditError as exc:
            self.stale(exc, text)
            return None
        except TtdnError as exc:
            self.fail(exc)
            return None
        self.saved(tr)
        return tr

    def stale(self, exc: TtdnError, text: str) -> None:
        from ttdn_studio.tui.dialogs import MessageDialog

        self.app.push_screen(
            MessageDialog(
                "Someone else changed this cue",
                f"{exc.message}\n\nYour text was not saved; here it is to copy back:\n\n{text}",
            )
        )
        self.editor.editing = None
        self.reload_from_store()
