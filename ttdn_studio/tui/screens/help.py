"""The help screen: every key of the screen below (and of its parts), then the keys that work
everywhere.

A screen may name its help title (``KEYS_TITLE``) and the key lists of its parts
(``PART_KEYS``: (title, bindings) pairs from :mod:`ttdn_studio.tui.keys`)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ttdn_studio.tui import keys
from ttdn_studio.tui.keys import KeyRow, human_keys, rows_of, screen_bindings

INTRO = (
    "Everything you type is saved at once (no save key). Ctrl+Z undoes, even after a restart. "
    "Ctrl+P opens the command palette: every action below can be searched there."
)


def key_table(title: str, rows: list[KeyRow]) -> Table:
    table = Table(title=title, title_justify="left", expand=True, show_edge=False)
    table.add_column("key", style="bold cyan", no_wrap=True)
    table.add_column("what it does", ratio=1)
    for row in rows:
        table.add_row(human_keys(row.key), row.tooltip or row.description)
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100; max-width: 96%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close", tooltip="Close the help")]

    def __init__(self, screen_type: type[Any], keymap: dict[str, str]) -> None:
        super().__init__()
        self._screen_type, self._keymap = screen_type, keymap

    def compose(self) -> ComposeResult:
        screen = self._screen_type
        title = getattr(screen, "KEYS_TITLE", screen.__name__.removesuffix("Screen"))
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc closes)"
            yield Static(INTRO, classes="hint")
            yield Static(key_table(title, screen_bindings(screen, self._keymap)))
            for part_title, bindings in getattr(screen, "PART_KEYS", []):
                yield Static(key_table(part_title, rows_of(bindings, self._keymap)))
            yield Static(key_table("Everywhere", rows_of(keys.APP, self._keymap)))

    def action_close(self) -> None:
        self.dismiss(None)
