"""Before a render: the burned cues with QC errors, listed, and "Render anyway" or "Cancel"."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static

from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.format import clip_text


class RenderWarningDialog(ModalScreen[bool]):
    """``True`` only when the person chooses to render anyway."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    RenderWarningDialog { align: center middle; }
    RenderWarningDialog .dialog { width: 100; }
    RenderWarningDialog #rw-table { height: auto; max-height: 14; }
    RenderWarningDialog #rw-notes { color: $text-muted; }
    """
    )
    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="rwarn.cancel", tooltip="Do not render"),
    ]

    def __init__(self, findings: list[Any], notes: list[str]) -> None:
        super().__init__()
        self.findings, self.notes = findings, notes

    def compose(self) -> ComposeResult:
        n = len(self.findings)
        cues = len({(f.clip, f.index) for f in self.findings})
        with Vertical(classes="dialog"):
            yield Label("Approved text with QC errors", classes="title")
            yield Static(
                f"{n} QC error{'s' if n != 1 else ''} in {cues} cue{'s' if cues != 1 else ''} "
                "that this render would burn into the picture:",
                markup=False,
            )
            yield DataTable(id="rw-table", cursor_type="row", zebra_stripes=True)
            if self.notes:
                yield Static("\n".join(self.notes), id="rw-notes", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Render anyway", id="render", variant="warning")

    def on_mount(self) -> None:
        table = self.query_one("#rw-table", DataTable)
        for name in ("clip", "cue", "lang", "check", "problem"):
            table.add_column(name, key=name)
        room = max(20, min(self.app.size.width - 6, 100) - 44)
        for f in self.findings:
            table.add_row(
                Text(f.clip), f"#{f.index}", f.lang, f.check, Text(clip_text(f.message, room))
            )
        self.query_one("#cancel", Button).focus()  # the safe choice has the focus

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "render")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
