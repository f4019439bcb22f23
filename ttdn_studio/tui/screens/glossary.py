"""The glossary screen: browse and search the project's terms; add and edit entries.

The "layer" column says where each term comes from: curated (shipped with the
desk), user (the translator's own, for every project) or project.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input

from ttdn_studio.errors import TtdnError
from ttdn_studio.text import contains
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import clip_text

FIELDS = ("vi", "en", "km", "domain", "note")


class GlossaryScreen(Screen[None]):
    BINDINGS = keys.GLOSSARY
    DEFAULT_CSS = """
    GlossaryScreen #g-search { height: 3; }
    GlossaryScreen #g-table { height: 1fr; }
    """

    def __init__(self, project_dir: Path) -> None:
        super().__init__()
        self.project_dir = project_dir
        self.glossary: Any = None
        self.entries: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search terms (any language)…", id="g-search")
        yield DataTable(id="g-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Glossary"
        table = self.query_one("#g-table", DataTable)
        for name in (*FIELDS, "forbidden", "layer"):
            table.add_column(name, key=name)
        self.reload()
        table.focus()

    def reload(self) -> None:
        from ttdn_studio.glossary import load_glossary

        try:
            self.glossary = load_glossary(self.project_dir)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        self.entries = list(self.glossary.entries)
        self.fill(self.query_one("#g-search", Input).value)

    def fill(self, needle: str) -> None:
        table = self.query_one("#g-table", DataTable)
        table.clear()
        key = needle.strip()
        width = max(10, (self.app.size.width - 30) // 5)
        from ttdn_studio.tui.dialogs.glossary_entry import layer_name

        for i, e in enumerate(self.entries):
            values = [str(getattr(e, f, "") or "") for f in FIELDS]
            if key and not any(contains(v, key) for v in values):
                continue
            forbidden = ", ".join(
                f"{lang}:{v}" for lang, items in e.forbidden.items() for v in items
            )
            table.add_row(
                *[Text(clip_text(v, width)) for v in values],
                Text(clip_text(forbidden, width)),
                Text(layer_name(self.glossary.layer_of(e))),
                key=str(i),
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def action_focus_search(self) -> None:
        self.query_one("#g-search", Input).focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def selected(self) -> Any:
        table = self.query_one("#g-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.entries[int(key or 0)]

    def action_add(self) -> None:
        self.open_dialog(None)

    def action_edit(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_dialog(entry)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def open_dialog(self, entry: Any) -> None:
        from ttdn_studio.tui.dialogs.glossary_entry import GlossaryEntryDialog

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.save(entry, values)

        self.app.push_screen(GlossaryEntryDialog(entry, self.glossary), done)

    def save(self, old: Any, values: dict[str, Any]) -> None:
        """Write the entry to the project's glossary file (same Vietnamese term: replaced)."""
        from ttdn_studio.tui.dialogs.glossary_entry import entry_from, error_text

        try:
            glossary = importlib.import_module("ttdn_studio.glossary")
            entry = entry_from(values)
            glossary.add_entries(glossary.project_glossary_file(self.project_dir), [entry])
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        except ValueError as exc:
            self.notify(error_text(exc), title="Glossary", severity="error", timeout=8)
            return
        self.notify(f"Saved “{entry.vi}” to the project glossary", timeout=3)
        self.reload()
