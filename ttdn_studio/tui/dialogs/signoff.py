"""A chief editor's sign-off of a cue's gate findings: the findings, the text, a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ttdn_studio.tui import keys
from ttdn_studio.tui.dialogs.basic import ConfirmDialog


class SignOffDialog(ModalScreen[str | None]):
    """Returns the reason (never empty), or ``None`` when cancelled."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    SignOffDialog { align: center middle; }
    SignOffDialog #signoff-error { color: $error; height: auto; }
    """
    )
    BINDINGS = keys.SIGN_OFF

    def __init__(self, title: str, findings: list[str], text: str) -> None:
        super().__init__()
        self._title, self._findings, self._text = title, findings, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="title", markup=False)
            yield Static("\n".join(f"• {m}" for m in self._findings), markup=False)
            yield Static(f"Text: {self._text}", markup=False)
            yield Static("Why is this rendering accepted? (kept with your name, and reported)")
            yield Input(placeholder="reason", id="reason")
            yield Static("", id="signoff-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Sign off", id="sign", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sign":
            self.action_sign()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_sign()

    def action_sign(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#signoff-error", Static).update("A sign-off needs a reason.")
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
