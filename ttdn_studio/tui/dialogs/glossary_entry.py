"""Add or edit one glossary entry: Vietnamese term and its agreed English and Khmer forms."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ttdn_studio.tui.dialogs.basic import ConfirmDialog

LABELS = {
    "vi": "Vietnamese term",
    "en": "English",
    "km": "Khmer",
    "domain": "domain: place, agency, programme, product, culture, title, nature, other",
    "note": "Note",
    "forbidden": "forbidden variants, e.g. en:Camau|en:Ca-Mau",
}


class GlossaryEntryDialog(ModalScreen[dict[str, Any] | None]):
    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    GlossaryEntryDialog { align: center middle; }
    GlossaryEntryDialog Input { margin-bottom: 0; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="gentry.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="gentry.save", tooltip="Save the entry"),
    ]

    def __init__(self, entry: Any = None) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Edit term" if self.entry is not None else "New term", classes="title")
            for name, label in LABELS.items():
                yield Input(value=self.initial(name), placeholder=label, id=f"f-{name}")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def initial(self, name: str) -> str:
        if self.entry is None:
            return ""
        if name == "forbidden":
            from ttdn_studio.glossary import format_forbidden

            return format_forbidden(self.entry.forbidden)
        return str(getattr(self.entry, name, "") or "")

    def values(self) -> dict[str, Any]:
        return {n: self.query_one(f"#f-{n}", Input).value.strip() for n in LABELS}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = self.values()
        if not values["vi"]:
            self.notify("The Vietnamese term is required", severity="warning")
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
