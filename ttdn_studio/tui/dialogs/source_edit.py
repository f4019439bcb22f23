"""Edit a cue's Vietnamese source text: several lines, saved with Ctrl+S."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from ttdn_studio.tui import keys
from ttdn_studio.tui.dialogs.basic import ConfirmDialog


class SourceEditDialog(ModalScreen[str | None]):
    """Returns the new source text, or ``None`` when cancelled or unchanged."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    SourceEditDialog { align: center middle; }
    SourceEditDialog TextArea { height: 6; }
    """
    )
    BINDINGS = keys.SOURCE_EDIT

    def __init__(self, title: str, text: str, translated: list[str]) -> None:
        super().__init__()
        self._title, self._text, self._translated = title, text, translated

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="title")
            note = "Ctrl+S saves, Escape cancels."
            if self._translated:
                note = (
                    f"The {', '.join(self._translated)} translation(s) stay and are marked "
                    f"outdated (F4 filters them). {note}"
                )
            yield Static(note)
            yield TextArea(self._text, id="source-text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#source-text", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        text = self.query_one("#source-text", TextArea).text
        self.dismiss(None if text == self._text else text)

    def action_cancel(self) -> None:
        self.dismiss(None)
