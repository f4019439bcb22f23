"""Small general dialogs: confirm, message, one-line input, a choice from a list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option


class _Dialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    _Dialog, ConfirmDialog, MessageDialog, InputDialog, ChoiceDialog { align: center middle; }
    .dialog { width: 70; max-width: 95%; height: auto; max-height: 90%;
              border: thick $primary; background: $surface; padding: 1 2; }
    .dialog .title { text-style: bold; margin-bottom: 1; }
    .dialog .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    .dialog Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="dialog.cancel",
            tooltip="Close without changing anything",
        )
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Ask yes or no; ``True`` only for an explicit yes."""

    DEFAULT_CSS = _Dialog.DEFAULT_CSS
    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="confirm.no", tooltip="Do not go ahead"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes") -> None:
        super().__init__()
        self._title, self._message, self._yes = title, message, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="title")
            yield Static(self._message)
            with Horizontal(classes="buttons"):
                yield Button("No", id="no")
                yield Button(self._yes, id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class MessageDialog(ModalScreen[None]):
    """Tell the person something important; any of Enter/Escape closes it."""

    DEFAULT_CSS = _Dialog.DEFAULT_CSS
    BINDINGS = [Binding("escape,enter", "close", "Close", id="message.close", tooltip="Close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self._title, self._message = title, message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="title")
            yield Static(self._message, id="message-body")
            with Horizontal(classes="buttons"):
                yield Button("OK", id="ok", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class InputDialog(_Dialog):
    """One line of input; returns the text, or ``None`` when cancelled."""

    def __init__(self, title: str, prompt: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title, self._prompt, self._value, self._placeholder = (
            title,
            prompt,
            value,
            placeholder,
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="title")
            yield Static(self._prompt)
            yield Input(value=self._value, placeholder=self._placeholder, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class ChoiceDialog(_Dialog):
    """Pick one of several labelled choices; returns its key or ``None``."""

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title, self._choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="title")
            yield OptionList(*[Option(label, id=key) for key, label in self._choices], id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
