"""Find and replace in the language being edited: a live preview, then one undoable edit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.services.replacing import Replacement, plan_replace
from ttdn_studio.store import ProjectStore
from ttdn_studio.tui import keys
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.format import one_line

PREVIEW_ROWS = 30


class ReplaceDialog(ModalScreen[tuple[str, list[Replacement]] | None]):
    """Returns (what was replaced, the previewed plan), or ``None`` when cancelled."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    ReplaceDialog { align: center middle; }
    ReplaceDialog .dialog { width: 90%; }
    ReplaceDialog #replace-preview { height: auto; max-height: 12; }
    """
    )
    BINDINGS = keys.REPLACE

    def __init__(self, store: ProjectStore, clip: str | None, lang: str) -> None:
        super().__init__()
        self.store, self.clip, self.lang = store, clip, lang
        self.plan: list[Replacement] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Find and replace in {self.lang} ({self.clip})", classes="title")
            yield Input(placeholder="find (case and diacritics matter)", id="find")
            yield Input(placeholder="replace with", id="replace")
            with VerticalScroll(id="replace-preview"):
                yield Static("Type what to find.", id="replace-list")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Replace all", id="apply", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#find", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "find":
            self.query_one("#replace", Input).focus()
        else:
            self.action_apply()

    def preview(self) -> None:
        find = self.query_one("#find", Input).value
        repl = self.query_one("#replace", Input).value
        out = self.query_one("#replace-list", Static)
        self.plan = []
        if not find:
            out.update("Type what to find.")
            return
        try:
            self.plan = plan_replace(self.store, self.clip, self.lang, find, repl)
        except TtdnError as exc:
            out.update(str(exc))
            return
        lines = [f"{len(self.plan)} cue(s) change (one Ctrl+Z undoes all):"]
        lines += [
            f"#{item.index}: {one_line(item.before)}\n  → {one_line(item.after)}"
            for item in self.plan[:PREVIEW_ROWS]
        ]
        if len(self.plan) > PREVIEW_ROWS:
            lines.append(f"… and {len(self.plan) - PREVIEW_ROWS} more")
        out.update("\n".join(lines))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.dismiss(None)

    def action_apply(self) -> None:
        if not self.plan:
            self.notify("Nothing to replace", severity="warning", timeout=3)
            return
        find = self.query_one("#find", Input).value
        repl = self.query_one("#replace", Input).value
        self.dismiss((f"“{find}” → “{repl}”", self.plan))

    def action_cancel(self) -> None:
        self.dismiss(None)
