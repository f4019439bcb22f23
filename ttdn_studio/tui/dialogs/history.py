"""The history of one cue: who changed what and when, from the machine draft to approval.

Each row is one change of the source, the times or a translation's text or status,
oldest first, with its author and time (in the station's time zone); a change later
undone says so. The chosen row shows in full below, changed words marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui import keys
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.format import (
    COMPACT_BELOW,
    DIALOG_WIDTH,
    changes_text,
    clip_text,
    dialog_columns,
    local_time,
    one_line,
    station_zone,
)

if TYPE_CHECKING:
    from ttdn_studio.services.reviewing import CueEvent
    from ttdn_studio.store import ProjectStore

HISTORY_COLUMNS = {"when": 16, "who": 12, "lang": 4, "what": 14}
COMPACT_COLUMNS = {"when": 11, "who": 8, "lang": 3, "what": 10}


def change_of(event: CueEvent) -> Text:
    """What one change did: the text with changed words marked, or ``old → new``."""
    from ttdn_studio.services.reviewing import mark_changes

    if event.field == "text":
        return changes_text(mark_changes(event.old, event.new))
    if event.field.startswith("created"):
        return Text(one_line(event.new))
    if event.field == "deleted":
        return Text(one_line(event.old), style="strike")
    return Text(f"{event.old} → {event.new}")


class HistoryDialog(ModalScreen[None]):
    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    HistoryDialog { align: center middle; }
    HistoryDialog #history { height: auto; max-height: 14; }
    HistoryDialog #history-detail { height: auto; max-height: 4; padding: 0 1; margin-top: 1; }
    """
        + f"HistoryDialog .dialog {{ width: {DIALOG_WIDTH}; }}\n"
    )
    BINDINGS = keys.HISTORY

    def __init__(self, store: ProjectStore, clip: str, index: int) -> None:
        super().__init__()
        self.store, self.clip, self.index = store, clip, index
        self.events: list[CueEvent] = []
        self.zone = station_zone(store.path)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"History of {self.clip} #{self.index}", classes="title")
            yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
            yield Static("", id="history-detail")
            yield Static("↑↓ choose a change · Esc closes", classes="hint")

    def on_mount(self) -> None:
        from ttdn_studio.services.reviewing import cue_history

        table = self.query_one("#history", DataTable)
        short = self.app.size.width < COMPACT_BELOW
        fixed, change_width = dialog_columns(self.app.size.width, HISTORY_COLUMNS, COMPACT_COLUMNS)
        for label, width in fixed.items():
            table.add_column(label, key=label, width=width)
        table.add_column("change", key="change", width=change_width)
        try:
            self.events = cue_history(self.store, self.clip, self.index)
        except TtdnError as exc:
            self.query_one("#history-detail", Static).update(str(exc))
            return
        zone, source = self.zone, self.store.project.source_lang
        for i, event in enumerate(self.events):
            what = event.field + (" (undone)" if event.undone else "")
            change = change_of(event)
            change.truncate(change_width, overflow="ellipsis")
            table.add_row(
                local_time(event.at, zone, short=short),
                event.author,
                event.lang or source,
                Text(clip_text(what, fixed["what"]), style="dim" if event.undone else ""),
                change,
                key=str(i),
            )
        if not self.events:
            self.query_one("#history-detail", Static).update("No change recorded for this cue.")
        else:
            table.move_cursor(row=len(self.events) - 1)  # the latest change
            self.show_detail(len(self.events) - 1)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_detail(int(event.row_key.value))

    def show_detail(self, i: int) -> None:
        if 0 <= i < len(self.events):
            event = self.events[i]
            when = local_time(event.at, self.zone)
            head = Text(f"{when} · {event.author} · {event.action}: ", style="bold")
            self.query_one("#history-detail", Static).update(head + change_of(event))

    def action_close(self) -> None:
        self.dismiss(None)
