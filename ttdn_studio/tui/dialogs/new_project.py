"""Create a project: folder name, title and target languages.

The dialog creates the project itself, through the ``create`` callback it is given: a
refusal (the folder exists, a language code is wrong) shows in the dialog, which stays
open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ttdn_studio.tui.dialogs.basic import ConfirmDialog


@dataclass
class NewProjectSpec:
    folder: str
    title: str
    targets: list[str]


#: creates the project; returns why it could not (None: created)
CreateProject = Callable[[NewProjectSpec], str | None]


class NewProjectDialog(ModalScreen[NewProjectSpec | None]):
    DEFAULT_CSS = ConfirmDialog.DEFAULT_CSS + (
        "NewProjectDialog { align: center middle; }"
        "NewProjectDialog #p-error { color: $error; height: auto; }"
    )
    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="newproject.cancel", tooltip="Close without creating"
        )
    ]

    def __init__(self, create: CreateProject) -> None:
        super().__init__()
        self._create = create

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New project", classes="title")
            yield Input(placeholder="folder name, e.g. dat-mui-tap-12", id="p-folder")
            yield Input(placeholder="title, e.g. Cà Mau - Đất và người, tập 12", id="p-title")
            yield Input(
                value="en,km", placeholder="target languages (comma-separated)", id="p-targets"
            )
            yield Static("", id="p-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create", id="create", variant="primary")

    def spec(self) -> NewProjectSpec:
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip()  # noqa: E731
        targets = [t.strip() for t in value("p-targets").split(",") if t.strip()]
        return NewProjectSpec(value("p-folder"), value("p-title"), targets)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter creates once the folder and title are typed; before, it moves to the
        first of them still empty (as a form is filled in, one field after the other)."""
        empty = [w for w in ("p-folder", "p-title") if not self.query_one(f"#{w}", Input).value]
        if empty:
            self.query_one(f"#{empty[0]}", Input).focus()
            return
        self.submit()

    def submit(self) -> None:
        spec = self.spec()
        if not spec.folder or not spec.title:
            self.notify("A folder name and a title are needed", severity="warning")
            return
        refused = self._create(spec)
        if refused is not None:
            self.query_one("#p-error", Static).update(refused)
            return
        self.dismiss(spec)

    def action_cancel(self) -> None:
        self.dismiss(None)
