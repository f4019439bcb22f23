"""The cue editor: the source (read-only) over the editable target text.

Typing is saved on its own: ~300 ms after the last key, and whenever the cue or
language changes (``flush``). The editor does not talk to the store itself; the
screen gives it a ``save`` callback that returns the saved translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ttdn_studio.models import CueRow, Translation
from ttdn_studio.tui.format import LANG_NAMES, clock, status_mark

SAVE_DELAY_S = 0.3


@dataclass
class Editing:
    cue_id: int
    lang: str
    version: int
    saved_text: str


SaveCallback = Callable[[Editing, str], Translation | None]


class CueEditor(Vertical):
    """Shows one cue; the target TextArea saves itself through ``save``."""

    def __init__(self, save: SaveCallback, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._save = save
        self.editing: Editing | None = None
        self._timer: Timer | None = None
        self._loading = False
        self.save_delay = SAVE_DELAY_S

    def compose(self) -> ComposeResult:
        yield Static("", id="cue-head")
        yield Static("", id="source")
        yield TextArea(
            "", id="target", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
        )
        yield Static("", id="live-qc")

    @property
    def target(self) -> TextArea:
        return self.query_one("#target", TextArea)

    # ------------------------------------------------------------------ load
    def load(
        self, row: CueRow, lang: str, source_lang: str, highlights: Text | None = None
    ) -> None:
        """Show ``row`` with ``lang`` editable (saves any pending text first)."""
        self.flush()
        tr = row.translations.get(lang) or Translation(cue_id=row.cue.id, lang=lang)
        self.editing = Editing(row.cue.id, lang, tr.version, tr.text)
        self.show_head(row, lang)
        self.query_one("#source", Static).update(highlights or Text(row.cue.text))
        self._loading = True
        self.target.load_text(tr.text)
        self.target.border_title = f"{LANG_NAMES.get(lang, lang)} ({lang})"
        self.query_one("#source", Static).border_title = LANG_NAMES.get(source_lang, source_lang)

    def show_head(self, row: CueRow, lang: str) -> None:
        tr = row.translations.get(lang)
        cue = row.cue
        head = Text()
        head.append(f"#{row.index} ", style="bold")
        head.append(f"{clock(cue.start_ms, tenths=False)} → {clock(cue.end_ms, tenths=False)}")
        head.append(f"  {cue.duration_ms / 1000:.1f} s  ", style="dim")
        head.append(f"{status_mark(tr)} {tr.status if tr else 'empty'}")
        if tr and tr.author:
            head.append(f"  {tr.author}", style="dim")
        self.query_one("#cue-head", Static).update(head)

    def clear(self) -> None:
        self.flush()
        self.editing = None
        self._loading = True
        self.target.load_text("")
        self.query_one("#source", Static).update("")
        self.query_one("#cue-head", Static).update("No cue selected")

    def show_live(self, text: Text | str) -> None:
        self.query_one("#live-qc", Static).update(text)

    # ---------------------------------------------------------------- saving
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            self._loading = False
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.save_delay, self.flush)

    @property
    def dirty(self) -> bool:
        return self.editing is not None and self.target.text != self.editing.saved_text

    def flush(self) -> Translation | None:
        """Save the typed text now if it differs from what is stored."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty or self.editing is None:
            return None
        saved = self._save(self.editing, self.target.text)
        if saved is not None and self.editing is not None and saved.cue_id == self.editing.cue_id:
            self.editing.version = saved.version
            self.editing.saved_text = saved.text
        return saved
