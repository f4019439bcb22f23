"""Concordance in the translation memory: stored pairs whose source or translation
contains what the translator types ("Cà Mau"), the words highlighted; Enter puts the
chosen translation in at the editor's cursor.

Matching is the memory's (``ttdn tm search``) and the desk's find: letter case, accents
and old/new tone placement do not matter ("Ca Mau" finds "Cà Mau", "Tỉnh uỷ" finds
"Tỉnh ủy"); the highlight marks the words as written. The search runs off the UI thread on a
connection of its own, a moment after the typing stops.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ttdn_studio.text import nfc, search_key
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed

if TYPE_CHECKING:
    from textual.timer import Timer

SEARCH_DELAY_S = 0.15  # after the last key, so a word typed fast makes one search
LIMIT = 50
HIGHLIGHT = "bold reverse"


def highlight(text: str, needle: str, style: str = HIGHLIGHT) -> Text:
    """``text`` (NFC) with every occurrence of ``needle`` styled, found as the memory
    finds it (case, tone placement and accents ignored; any white space between words)."""
    text = nfc(text)
    out = Text(text)
    words = search_key(needle).split()
    if not words:
        return out
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    for m in pattern.finditer(search_key(text)):  # one character per character of text
        out.stylize(style, m.start(), m.end())
    return out


def search_memory(text: str, src_lang: str, tgt_lang: str, path: Path | None = None) -> list[Any]:
    """Stored ``src_lang`` → ``tgt_lang`` pairs containing ``text``, newest first."""
    from ttdn_studio.store.translation_memory import TranslationMemory

    if not text.strip():
        return []
    memory = TranslationMemory(path)
    try:
        return memory.search(text, src_lang, tgt_lang, limit=LIMIT)
    finally:
        memory.close()


class ConcordanceDialog(ModalScreen[str | None]):
    """Returns the chosen pair's translation, or ``None``."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    ConcordanceDialog { align: center middle; }
    ConcordanceDialog .dialog { width: 100; height: 90%; }
    ConcordanceDialog #cc-hits { height: 1fr; }
    ConcordanceDialog #cc-count { color: $text-muted; height: 1; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="concordance.close", tooltip="Close"),
        Binding(
            "down",
            "to_hits",
            "Results",
            show=False,
            id="concordance.hits",
            tooltip="From the search box to the results",
        ),
    ]

    def __init__(
        self, src_lang: str, tgt_lang: str, text: str = "", memory_path: Path | None = None
    ) -> None:
        super().__init__()
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.initial_text = text
        self.memory_path = memory_path
        self.matches: list[Any] = []
        self.searched: str | None = None  # the text of the results shown
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Search the memory: {self.src_lang} → {self.tgt_lang}", classes="title")
            yield Input(
                value=self.initial_text,
                placeholder="words in a stored pair, e.g. Cà Mau",
                id="cc-query",
            )
            yield Static("", id="cc-count", markup=False)
            yield OptionList(id="cc-hits")
            yield Static(
                "Enter on a pair puts its translation in at the cursor · Esc closes",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#cc-query", Input).focus()
        if self.initial_text.strip():
            self.search()
        else:
            self.show([], "")

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY_S, self.search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_to_hits()

    def search(self) -> None:
        text = self.query_one("#cc-query", Input).value
        src, tgt, path = self.src_lang, self.tgt_lang, self.memory_path

        def work(job: Job) -> tuple[str, list[Any]]:
            return text, search_memory(text, src, tgt, path)

        run_job(self, "concordance", work, toast=False)

    def on_work_done(self, message: WorkDone) -> None:
        if message.group != "concordance":
            return
        message.stop()
        text, matches = message.result
        if text == self.query_one("#cc-query", Input).value:
            self.show(matches, text)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.group != "concordance":
            return
        message.stop()
        self.query_one("#cc-count", Static).update(f"The memory cannot be read: {message.message}")

    def show(self, matches: list[Any], text: str) -> None:
        self.matches, self.searched = matches, text
        hits = self.query_one("#cc-hits", OptionList)
        hits.clear_options()
        count = self.query_one("#cc-count", Static)
        if not text.strip():
            count.update("Type a word or a name to find the stored pairs that contain it.")
            return
        if not matches:
            count.update(f"No stored {self.src_lang} → {self.tgt_lang} pair contains “{text}”.")
            return
        more = " (the newest)" if len(matches) >= LIMIT else ""
        count.update(f"{len(matches)} stored pair{'s' if len(matches) != 1 else ''}{more}")
        options: list[Option | None] = []
        for i, m in enumerate(matches):
            prompt = Text.assemble(
                (f"{self.src_lang}  ", "dim"),
                highlight(m.source, text),
                (f"   ({m.project})" if m.project else "", "dim italic"),
                "\n",
                (f"{self.tgt_lang}  ", "dim"),
                highlight(m.target, text),
            )
            options += [None, Option(prompt, id=str(i))] if options else [Option(prompt, id=str(i))]
        hits.add_options(options)
        hits.highlighted = 0

    def action_to_hits(self) -> None:
        hits = self.query_one("#cc-hits", OptionList)
        if hits.option_count:
            hits.focus()
            if hits.highlighted is None:
                hits.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        if 0 <= index < len(self.matches):
            self.dismiss(self.matches[index].target)

    def action_cancel(self) -> None:
        self.dismiss(None)
