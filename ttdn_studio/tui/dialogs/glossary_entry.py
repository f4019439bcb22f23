"""Add or edit one glossary entry: Vietnamese term and its agreed English and Khmer forms.

The entry is checked before the dialog closes (a wrong domain or forbidden variant
keeps the dialog and everything typed), and saving a term another layer already
defines (curated with the desk, the user's, the project's) asks first.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from ttdn_studio.glossary import (
    DOMAINS,
    GlossaryEntry,
    format_forbidden,
    match_key,
    parse_forbidden,
)
from ttdn_studio.tui.dialogs.basic import ConfirmDialog

LABELS = {
    "vi": "Vietnamese term",
    "en": "English",
    "km": "Khmer",
    "domain": "domain: place, agency, programme, product, culture, title, nature, other",
    "note": "Note",
    "forbidden": "forbidden variants, e.g. en:Camau|en:Ca-Mau",
}

# The glossary's layers as the people using it name them.
LAYER_NAMES = {"bundled": "curated", "user": "user", "project": "project"}
LAYER_WHERE = {
    "bundled": "the curated glossary that comes with TTĐN Studio",
    "user": "your own glossary (every project)",
    "project": "this project's glossary",
}


def layer_name(layer: str) -> str:
    return LAYER_NAMES.get(layer, layer or "project")


def entry_from(values: dict[str, Any]) -> GlossaryEntry:
    """The entry the dialog's fields describe (ValueError, or pydantic's, when not valid)."""
    return GlossaryEntry(**dict(values, forbidden=parse_forbidden(values.get("forbidden", ""))))


def error_text(exc: Exception) -> str:
    """One line for a bad entry (pydantic's wording without its prefixes)."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        return "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
    return str(exc)


class GlossaryEntryDialog(ModalScreen[dict[str, Any] | None]):
    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    GlossaryEntryDialog { align: center middle; }
    GlossaryEntryDialog Input { margin-bottom: 0; }
    GlossaryEntryDialog #gentry-error { color: $error; height: auto; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="gentry.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="gentry.save", tooltip="Save the entry"),
        # a priority binding: the focus moves before the next key is handed on, so
        # nothing typed quickly after Enter lands in the field just left
        Binding(
            "enter",
            "enter",
            "Next field",
            show=False,
            priority=True,
            id="gentry.next",
            tooltip="Next field; on the last field or the Save button, save",
        ),
    ]

    def __init__(self, entry: Any = None, glossary: Any = None) -> None:
        super().__init__()
        self.entry = entry
        self.glossary = glossary  # the merged glossary: which layer already has a term

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Edit term" if self.entry is not None else "New term", classes="title")
            for name, label in LABELS.items():
                suggester = (
                    SuggestFromList(DOMAINS, case_sensitive=False) if name == "domain" else None
                )
                yield Input(
                    value=self.initial(name),
                    placeholder=label,
                    id=f"f-{name}",
                    suggester=suggester,
                )
            yield Static("", id="gentry-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def initial(self, name: str) -> str:
        if self.entry is None:
            return ""
        if name == "forbidden":
            return format_forbidden(self.entry.forbidden)
        return str(getattr(self.entry, name, "") or "")

    def values(self) -> dict[str, Any]:
        return {n: self.query_one(f"#f-{n}", Input).value.strip() for n in LABELS}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_enter(self) -> None:
        """Enter goes to the next field; on the last one it saves (Ctrl+S saves anywhere)."""
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        elif focused is not None and focused.id == f"f-{list(LABELS)[-1]}":
            self.action_save()
        else:
            self.focus_next()

    def show_error(self, message: str) -> None:
        self.query_one("#gentry-error", Static).update(message)
        self.notify(message, title="Glossary", severity="warning", timeout=6)

    def action_save(self) -> None:
        values = self.values()
        if not values["vi"]:
            self.show_error("The Vietnamese term is required")
            return
        try:
            entry = entry_from(values)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError too
            self.show_error(error_text(exc))
            return
        self.query_one("#gentry-error", Static).update("")
        question = self.override_question(entry)
        if question is None:
            self.dismiss(values)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(values)

        self.app.push_screen(
            ConfirmDialog("Override a glossary term?", question, yes="Save anyway"), answered
        )

    def override_question(self, entry: GlossaryEntry) -> str | None:
        """What saving would override, in words; ``None`` when it overrides nothing."""
        if self.glossary is None:
            return None
        existing = self.glossary.lookup(entry.vi)
        if existing is None:
            return None
        layer = self.glossary.layer_of(existing)
        editing_it = self.entry is not None and match_key(self.entry.vi) == match_key(entry.vi)
        if layer == "project" and editing_it:
            return None  # the project's own entry, edited: nothing else changes
        where = LAYER_WHERE.get(layer, f"the {layer} glossary")
        forms = ", ".join(
            f"{lang}: {existing.term(lang)}" for lang in ("en", "km") if existing.term(lang)
        )
        action = "replaces it" if layer == "project" else "overrides it in this project"
        return (
            f"“{existing.vi}” is already in {where} ({layer_name(layer)}"
            + (f"; {forms}" if forms else "")
            + f"). Saving this entry to the project glossary {action}."
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
