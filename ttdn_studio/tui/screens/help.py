"""The help screen: every key of the screen below, then the keys that work everywhere."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ttdn_studio.tui.keys import KeyRow, screen_bindings

INTRO = (
    "Everything you type is saved at once (no save key). Ctrl+Z undoes, even after a restart. "
    "Ctrl+P opens the command palette: every action below can be searched there."
)


def key_table(title: str, rows: list[KeyRow]) -> Table:
    table = Table(title=title, title_justify="left", expand=True, show_edge=False)
    table.add_column("key", style="bold cyan", no_wrap=True)
    table.add_column("what it does", ratio=1)
    for row in rows:
        table.add_row(row.key.replace(",", " / "), row.tooltip or row.description)
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
        from ttdn_studio.tui.app import TtdnApp

        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc closes)"
            yield Static(INTRO, classes="hint")
            yield Static(
                key_table(
                    self._screen_type.__name__.removesuffix("Screen"),
                    screen_bindings(self._screen_type, self._keymap),
                )
            )
            if self._screen_type.__name__ == "EpisodeScreen":
                from ttdn_studio.tui.widgets.cue_grid import CueGrid

                yield Static(key_table("Cue list", screen_bindings(CueGrid, self._keymap)))
            yield Static(key_table("Everywhere", screen_bindings(TtdnApp, self._keymap)))

    def action_close(self) -> None:
        self.dismiss(None)
