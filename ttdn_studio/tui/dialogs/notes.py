"""The notes of one cue: who wrote what and when, open or resolved; add one, resolve one.

Notes are the project's (every person on the project sees them); the author of a new
note and of a resolution is the person acting (``TTDN_USER``, ``ttdn --as``, or the
login name), as for every edit. Times show in the station's time zone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui import keys
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.format import (
    COMPACT_BELOW,
    DIALOG_WIDTH,
    clip_text,
    dialog_columns,
    local_time,
    one_line,
    station_zone,
)

if TYPE_CHECKING:
    from ttdn_studio.store import ProjectStore

NOTE_COLUMNS = {"when": 16, "by": 12, "lang": 4, "state": 18}
COMPACT_COLUMNS = {"when": 11, "by": 8, "lang": 3, "state": 16}


class NotesDialog(ModalScreen[bool]):
    """Returns whether a note was added or resolved (the grid's note marks follow)."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    NotesDialog { align: center middle; }
    NotesDialog #note-cue { height: auto; max-height: 3; color: $text-muted; }
    NotesDialog #notes { height: auto; max-height: 8; margin-top: 1; }
    NotesDialog #note-text { height: auto; max-height: 3; padding: 0 1; }
    NotesDialog #new-note { margin-top: 1; }
    """
        + f"NotesDialog .dialog {{ width: {DIALOG_WIDTH}; }}\n"
    )
    BINDINGS = keys.NOTES

    def __init__(self, store: ProjectStore, clip: str, index: int, cue_id: int, lang: str) -> None:
        super().__init__()
        self.store, self.clip, self.index, self.cue_id, self.lang = (
            store,
            clip,
            index,
            cue_id,
            lang,
        )
        self.changed = False
        self.zone = station_zone(store.path)
        self.note_width = 36

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Notes on {self.clip} #{self.index}", classes="title")
            yield Static(self.cue_lines(), id="note-cue")
            yield DataTable(id="notes", cursor_type="row", zebra_stripes=True)
            yield Static("", id="note-text", markup=False)
            yield Input(
                placeholder=f"A new note ({self.lang}) as {self.store.author}", id="new-note"
            )
            yield Static(
                "Enter adds the note · ↑↓ choose one · Ctrl+R resolves it · Esc closes",
                classes="hint",
            )

    def cue_lines(self) -> Text:
        store = self.store
        out = Text(f"{store.project.source_lang}: {one_line(store.cue(self.cue_id).text)}")
        if self.lang == store.project.source_lang:
            return out
        tr = store.translation(self.cue_id, self.lang)
        if tr.text.strip():
            out.append(f"\n{self.lang}: {one_line(tr.text)}")
        return out

    def on_mount(self) -> None:
        table = self.query_one("#notes", DataTable)
        fixed, self.note_width = dialog_columns(self.app.size.width, NOTE_COLUMNS, COMPACT_COLUMNS)
        for label, width in fixed.items():
            table.add_column(label, key=label, width=width)
        table.add_column("note", key="note", width=self.note_width)
        self.fill()
        self.query_one("#new-note", Input).focus()

    def fill(self, keep: int | None = None) -> None:
        from ttdn_studio.services.reviewing import notes_of_cue

        table = self.query_one("#notes", DataTable)
        table.clear()
        notes = notes_of_cue(self.store, self.cue_id)
        for n in notes:
            state = (
                Text("open", style="bold yellow")
                if n.is_open
                else Text(f"resolved by {n.resolved_by}", style="dim")
            )
            table.add_row(
                local_time(n.at, self.zone, short=self.app.size.width < COMPACT_BELOW),
                n.author,
                n.lang or "",
                state,
                clip_text(one_line(n.text), self.note_width),
                key=str(n.id),
            )
        if not notes:
            self.query_one("#note-text", Static).update("No notes on this cue yet.")
        elif keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self.show_chosen()

    def chosen(self) -> int | None:
        table = self.query_one("#notes", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def show_chosen(self) -> None:
        from ttdn_studio.services.reviewing import notes_of_cue

        note_id = self.chosen()
        note = next((n for n in notes_of_cue(self.store, self.cue_id) if n.id == note_id), None)
        if note is not None:
            when = local_time(note.at, self.zone)
            self.query_one("#note-text", Static).update(f"{when} · {note.author}: {note.text}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_chosen()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from ttdn_studio.services.reviewing import add_note

        try:
            note_id = add_note(self.store, self.clip, self.index, self.lang, event.value)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=6)
            return
        self.changed = True
        event.input.value = ""
        self.fill(keep=note_id)

    def action_resolve(self) -> None:
        from ttdn_studio.services.reviewing import notes_of_cue, resolve_note

        note_id = self.chosen()
        note = next((n for n in notes_of_cue(self.store, self.cue_id) if n.id == note_id), None)
        if note is None:
            self.notify("There is no note to resolve", timeout=3)
            return
        if not note.is_open:
            self.notify(f"That note is already resolved (by {note.resolved_by})", timeout=4)
            return
        try:
            resolve_note(self.store, note.id)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="warning", timeout=6)
            return
        self.changed = True
        self.fill(keep=note_id)

    def action_close(self) -> None:
        self.dismiss(self.changed)
