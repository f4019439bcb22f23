"""The cue editor: the source (read-only) over the editable target text.

Typing is saved on its own: at most ``SAVE_DELAY_S`` (80 ms) after a key, so a
hard kill loses at most the keys of that window, and whenever the cue, language,
clip or screen changes, the desk quits or the terminal goes away (``flush``).
The saves of one burst of typing (no pause of ``BURST_S``) are one undo step. The editor does not talk to the store itself; the
screen gives it a ``save`` callback that returns the saved translation (a call,
not a message: the grid shows the saved row before the next key is handled).

Below the text, a live line: lines, characters per second and glossary terms the
translation still lacks. The words the spell checker does not know (it runs in
the background after each pause: :meth:`CueEditor.show_spelling`) are underlined
in the text and listed on the text box's bottom border. When the text has stopped
changing for a moment the editor posts :class:`TextSettled` (the assist panel and
the spell checker check it).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ttdn_studio.layout.lines import split_lines
from ttdn_studio.layout.measure import char_count, strip_tags
from ttdn_studio.models import CueRow, Translation
from ttdn_studio.text import match_key
from ttdn_studio.tui.format import LANG_NAMES, clock, status_mark
from ttdn_studio.tui.messages import TextSettled

SAVE_DELAY_S = 0.08
MISSPELT = "ttdn.misspelt"
MISSPELT_STYLE = Style(underline=True, color="red")
SUGGEST_KEY, ADD_KEY = "Alt+Shift+S", "Alt+Shift+D"
BURST_S = 2.0  # saves closer than this are one burst of typing (one undo step)
LIVE_DELAY_S = 0.25


def highlight(text: str, spans: list[tuple[int, int]], style: str) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def find_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Where each needle occurs in ``text`` (ignoring case and tone placement, NFC)."""
    hay = match_key(text)
    spans = []
    for needle in filter(None, (match_key(n) for n in needles)):
        start = hay.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = hay.find(needle, start + 1)
    return spans


def live_line(text: str, duration_ms: int, terms: list[str]) -> Text:
    """Lines, the longest line, characters per second, and required terms not yet typed.

    Characters are counted as the grid's rate column and the cps check count them (what
    a viewer reads: no vowel signs, subscripts or ASS tags), so the three agree."""
    lines = split_lines(text) if text.strip() else []
    counts = [char_count(strip_tags(line)) for line in lines]
    cps = sum(counts) / (duration_ms / 1000) if duration_ms else 0.0
    out = Text(
        f"{len(lines)} line(s) · longest {max(counts, default=0)} ch · {cps:.1f} cps",
        style="dim",
    )
    missing = [t for t in terms if not find_spans(text, [t])]
    if missing and text.strip():
        out.append("  missing term: " + ", ".join(missing), style="bold red")
    return out


def spelling_note(text: str, misspelt: list[str]) -> str:
    """The text box's bottom border: the misspelt words still in the text, and the keys."""
    unknown = [w for w in misspelt if w in text]
    if not unknown:
        return ""
    words = escape(", ".join(f"“{w}”" for w in unknown))
    return f"[b]spelling:[/b] [u]{words}[/u] [dim]({SUGGEST_KEY}, {ADD_KEY})[/dim]"


def location_of(text: str, index: int) -> tuple[int, int]:
    """(line, column) of the character offset ``index`` of ``text``."""
    before = text[:index]
    return before.count("\n"), index - (before.rfind("\n") + 1)


def index_of(text: str, location: tuple[int, int]) -> int:
    """The character offset of (line, column) in ``text``."""
    row, col = location
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:row]) + min(
        col, len(lines[row]) if row < len(lines) else 0
    )


class SpellTextArea(TextArea):
    """The target text area, with the spell checker's words underlined.

    Textual's TextArea draws highlights by name from its theme's syntax styles; the
    places of the misspelt words in the text as it is now are added to the highlight
    map it rebuilds after every edit, under the name :data:`MISSPELT`.
    """

    misspelt: tuple[str, ...] = ()  # (TextArea builds its highlights while initialising)
    misspelt_lang = ""

    def underline(self, words: list[str], lang: str) -> None:
        if (tuple(words), lang) != (self.misspelt, self.misspelt_lang):
            self.misspelt, self.misspelt_lang = tuple(words), lang
            self._build_highlight_map()
            self.refresh()

    def underlined(self) -> list[tuple[int, int]]:
        """Where the underlines are: (start, end) character offsets in the text."""
        if not self.misspelt:
            return []
        from ttdn_studio.services.spelling import misspelt_spans

        return misspelt_spans(self.text, self.misspelt, self.misspelt_lang)

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        styles = {**self._theme.syntax_styles, MISSPELT: MISSPELT_STYLE}
        self._theme = dataclasses.replace(self._theme, syntax_styles=styles)

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        text = self.text
        for start, end in self.underlined():
            row, col = location_of(text, start)
            end_row, end_col = location_of(text, end)
            if row != end_row:
                continue  # a word never spans lines
            line = self.document.get_line(row)
            first = len(line[:col].encode("utf-8"))  # highlights count UTF-8 bytes
            last = len(line[:end_col].encode("utf-8"))
            self._highlights[row].append((first, last, MISSPELT))


@dataclass
class Editing:
    cue_id: int
    lang: str
    version: int
    saved_text: str
    saved_at: float = 0.0  # time.monotonic() of the latest save of this cue's text

    @property
    def in_burst(self) -> bool:
        """Typing goes on since the latest save: its saves are one undo step."""
        return bool(self.saved_at) and time.monotonic() - self.saved_at < BURST_S


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
        self.row: CueRow | None = None  # the cue shown
        self.required_terms: list[str] = []  # what the glossary requires in this cue
        self._live_timer: Timer | None = None
        self.misspelt: list[str] = []  # the spell checker's words for the cue shown
        self.locked: str | None = None  # why this person may not change the text shown

    def compose(self) -> ComposeResult:
        yield Static("", id="cue-head")
        yield Static("", id="source")
        yield SpellTextArea(
            "", id="target", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
        )
        yield Static("", id="live-qc")

    @property
    def target(self) -> SpellTextArea:
        return self.query_one("#target", SpellTextArea)

    # ------------------------------------------------------------------ load
    def load(
        self, row: CueRow, lang: str, source_lang: str, highlights: Text | None = None
    ) -> None:
        """Show ``row`` with ``lang`` editable (saves any pending text first)."""
        self.flush()
        tr = row.translations.get(lang) or Translation(cue_id=row.cue.id, lang=lang)
        if self.row is None or self.row.cue.id != row.cue.id:
            self.required_terms = []  # another cue: its terms follow from the assist panel
        if self.editing is None or (self.editing.cue_id, self.editing.lang) != (row.cue.id, lang):
            self.misspelt = []
            self.target.underline([], lang)
            self.show_border("")
        self.editing = Editing(row.cue.id, lang, tr.version, tr.text)
        self.row = row
        self.show_head(row, lang)
        self.query_one("#source", Static).update(highlights or Text(row.cue.text))
        self._loading = True
        self.target.load_text(tr.text)
        self.target.border_title = f"{LANG_NAMES.get(lang, lang)} ({lang})"
        self.query_one("#source", Static).border_title = LANG_NAMES.get(source_lang, source_lang)

    def show_head(self, row: CueRow, lang: str) -> None:
        if self.row is not None and self.row.cue.id == row.cue.id:
            self.row = row
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
        self.row = None
        self._loading = True
        self.target.load_text("")
        self.query_one("#source", Static).update("")
        self.query_one("#cue-head", Static).update("No cue selected")

    def show_live(self, text: Text | str) -> None:
        self.query_one("#live-qc", Static).update(text)

    # ------------------------------------------------------------ live line
    def show_terms(
        self, cue_id: int, lang: str, spans: list[tuple[int, int]], required: list[str]
    ) -> None:
        """The glossary terms found in the source: highlight them, and watch for them."""
        row = self.row
        if row is None or self.editing is None or (row.cue.id, self.editing.lang) != (cue_id, lang):
            return
        self.query_one("#source", Static).update(
            highlight(row.cue.text, spans, "bold yellow underline")
        )
        self.required_terms = required
        self.refresh_live()

    def schedule_live(self) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
        self._live_timer = self.set_timer(LIVE_DELAY_S, self.refresh_live)

    def refresh_live(self) -> None:
        """Show the live line now, and tell the screen the text has settled."""
        row, editing = self.row, self.editing
        if row is None or editing is None:
            return
        text = self.target.text
        self.show_live_line()
        cue = row.cue
        self.post_message(
            TextSettled(cue.id, editing.lang, text, cue.start_ms, cue.end_ms, cue.text)
        )

    def show_live_line(self) -> None:
        """The live line (and the underlines) for the text as it is now."""
        row, editing = self.row, self.editing
        if row is None or editing is None:
            return
        text = self.target.text
        self.show_live(live_line(text, row.cue.duration_ms, self.required_terms))
        self.target.underline(self.misspelt, editing.lang)
        self.show_border(text)

    def lock_text(self, reason: str | None) -> None:
        """Take no keys for the text shown, saying ``reason`` on the border (None: unlock)."""
        self.locked = reason
        self.target.read_only = reason is not None
        self.show_border(self.target.text)

    def show_border(self, text: str) -> None:
        """The bottom border: why the text is locked, else the misspelt words in ``text``."""
        self.target.border_subtitle = self.locked or spelling_note(text, self.misspelt)

    def show_spelling(self, cue_id: int, lang: str, text: str, words: list[str]) -> None:
        """The spell checker's words for ``text`` of cue ``cue_id`` in ``lang``."""
        editing = self.editing
        if editing is None or (editing.cue_id, editing.lang) != (cue_id, lang):
            return  # another cue by now: its own check follows
        self.misspelt = list(words)  # a newer check follows if the text changed since
        self.show_live_line()

    def cursor_offset(self) -> int:
        """The cursor's place in the target text, in characters."""
        area = self.target
        return index_of(area.text, area.cursor_location)

    def split_offset(self) -> int:
        """Where to cut the source: the cursor, mapped from the target text if needed."""
        from ttdn_studio.store.timing import word_cut

        if self.row is None:
            return 0
        source = self.row.cue.text
        area = self.target
        text = area.text
        offset = index_of(text, area.cursor_location)
        if not text or offset <= 0 or offset >= len(text):
            at = len(source) // 2  # no cursor inside the text: the middle
        else:
            at = round(len(source) * offset / len(text))
        cut = word_cut(source, at)
        return at if cut is None else cut

    # ---------------------------------------------------------------- saving
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "target":
            self.schedule_live()
        if self._loading:
            self._loading = False
            return
        if self._timer is None:  # a burst of keys: saved once per window, not postponed
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
            self.editing.saved_at = time.monotonic()
        return saved
