"""Spell checking in the episode desk's editor: underlines, suggestions, the word list.

The dictionaries load in a second process (:class:`~ttdn_studio.services.spelling.DeskSpeller`)
a moment after the desk is usable, so startup does not wait for them; every call to
it waits in a worker thread (:func:`~ttdn_studio.tui.jobs.run_job`), never in the
desk's own. The editor's text is checked whenever it settles (a pause in typing, a
cue loaded, a save); the checker's words are underlined in the text and listed on
the text box's bottom border. Nothing is ever corrected on its own:

- Alt+Shift+S asks for suggestions for the underlined word at the cursor (about a
  second); choosing one replaces the word, as typing would (saved, undoable);
- Alt+Shift+D adds the word at the cursor to the project's word list (the list
  ``ttdn spell`` manages): one undoable edit of the project.

``TTDN_DESK_SPELLING=off`` turns it off (no second process).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ttdn_studio.errors import TtdnError
from ttdn_studio.models import Translation
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed

if TYPE_CHECKING:
    from textual.timer import Timer

    from ttdn_studio.services.spelling import DeskSpeller

START_DELAY_S = 1.0  # after the desk is shown: startup never waits for the dictionaries
LOAD, CHECK, SUGGEST = "spelling-load", "spelling", "spelling-suggest"
GROUPS = (LOAD, CHECK, SUGGEST)


class DeskSpelling:
    """The episode screen's spell checking (the screen routes keys and job messages here)."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen  # the episode desk (its editor, store, notify, timers)
        self.speller: DeskSpeller | None = None  # started a moment after the desk
        self.off = "spell checking has not started yet"
        self._timer: Timer | None = None
        self.closed = False

    # ---------------------------------------------------------------- life
    def start(self) -> None:
        """Plan the dictionaries' loading (unless turned off)."""
        from ttdn_studio.settings import current

        try:
            enabled = current().desk_spelling
        except TtdnError as exc:
            self.off = str(exc)
            self.screen.notify(self.off, title="Spelling", severity="warning", timeout=8)
            return
        if not enabled:
            self.off = "spell checking is off (TTDN_DESK_SPELLING=off)"
            return
        self.off = "the spell checker is starting; try again in a moment"
        self._timer = self.screen.set_timer(START_DELAY_S, self._load)

    def _load(self) -> None:
        """Start the checker's process (nothing of it is even imported before now)."""
        from ttdn_studio.services.spelling import DeskSpeller

        if self.closed:
            return
        speller = self.speller = DeskSpeller(self.screen.store.project.target_langs)
        speller.start()
        run_job(self.screen, LOAD, lambda job: speller.load(), toast=False)

    def close(self) -> None:
        self.closed = True
        if self._timer is not None:
            self._timer.stop()
        if self.speller is not None:
            self.speller.close()

    # --------------------------------------------------------------- checking
    def check(self, cue_id: int, lang: str, text: str) -> None:
        """Check the editor's ``text`` in the background; the editor shows the answer."""
        speller, editor = self.speller, self.screen.editor
        row = editor.row
        if speller is None or row is None or row.cue.id != cue_id:
            return
        if not text.strip():
            editor.show_spelling(cue_id, lang, text, [])
            return
        store = self.screen.store
        project, path = store.project, store.path
        old = row.translations.get(lang) or Translation(cue_id=cue_id, lang=lang)
        typed = row.model_copy(
            update={
                "translations": {**row.translations, lang: old.model_copy(update={"text": text})}
            }
        )

        def work(job: Job) -> tuple[int, str, str, list[str]] | None:
            while not speller.wait_loaded(0.1):  # a newer check while waiting: this one goes
                if job.cancelled or speller.closed:
                    return None
            if job.cancelled:
                return None
            return cue_id, lang, text, speller.unknown(path, project, typed, lang)

        run_job(self.screen, CHECK, work, toast=False)

    def check_now(self) -> None:
        editor = self.screen.editor
        if editor.editing is not None:
            editor.refresh_live()  # posts TextSettled, which checks

    def handles(self, message: WorkDone | WorkFailed) -> bool:
        """Take a spelling job's ending (True); other jobs' are the screen's."""
        if message.group not in GROUPS:
            return False
        if isinstance(message, WorkFailed):
            if message.group != CHECK:
                self.screen.notify(message.message, title="Spelling", severity="warning")
            if message.group == LOAD:
                self.off = message.message
            return True
        if message.group == CHECK:
            if message.result is not None:
                self.screen.editor.show_spelling(*message.result)
        elif message.group == LOAD:
            self.check_now()
        else:
            self._offer(*message.result)
        return True

    # ---------------------------------------------------------- the two keys
    def _word_at_cursor(self) -> tuple[int, int, str] | None:
        from ttdn_studio.services.spelling import word_at

        editor = self.screen.editor
        if editor.editing is None:
            return None
        text = editor.target.text
        span = word_at(text, editor.cursor_offset(), editor.editing.lang)
        if span is None:
            self.screen.notify("Put the cursor on a word first", timeout=3)
            return None
        return span[0], span[1], text[span[0] : span[1]]

    def suggest(self) -> None:
        """Suggestions for the misspelt word at the cursor (chosen in a dialog)."""
        editor, speller = self.screen.editor, self.speller
        if speller is None:
            self.screen.notify(self.off, title="Spelling", timeout=5)
            return
        found = self._word_at_cursor()
        if found is None or editor.editing is None:
            return
        start, end, word = found
        if word not in editor.misspelt:
            self.screen.notify(f"“{word}” is not marked as misspelt", timeout=3)
            return
        if not speller.ready:
            self.screen.notify("Loading the spelling dictionaries; suggestions follow", timeout=4)
        cue_id, lang = editor.editing.cue_id, editor.editing.lang

        def work(job: Job) -> tuple[Any, ...]:
            return cue_id, lang, start, end, word, speller.suggest(lang, word)

        run_job(self.screen, SUGGEST, work, toast=False)

    def _offer(
        self, cue_id: int, lang: str, start: int, end: int, word: str, options: list[str]
    ) -> None:
        from ttdn_studio.tui.dialogs import ChoiceDialog

        editor = self.screen.editor
        if editor.editing is None or (editor.editing.cue_id, editor.editing.lang) != (cue_id, lang):
            return  # another cue by now
        if not options:
            hint = "" if lang == "km" else " in the dictionary"
            self.screen.notify(
                f"No suggestions{hint} for “{word}”; Alt+Shift+D accepts it in this project",
                timeout=5,
            )
            return

        def chosen(key: str | None) -> None:
            if key is None or not key.isdigit() or editor.editing is None:
                return
            if (editor.editing.cue_id, editor.editing.lang) != (cue_id, lang):
                return
            self.replace(start, end, word, options[int(key)])

        choices = [(str(i), option) for i, option in enumerate(options)]
        self.screen.app.push_screen(ChoiceDialog(f"Replace “{word}” with", choices), chosen)

    def replace(self, start: int, end: int, word: str, new: str) -> bool:
        """Put ``new`` in place of ``word`` at ``start``-``end`` (if still there), as typing."""
        from ttdn_studio.tui.widgets.cue_editor import location_of

        area = self.screen.editor.target
        text = area.text
        if text[start:end] != word:
            at = text.find(word)  # the text changed meanwhile: the word's first place
            if at < 0:
                self.screen.notify(f"“{word}” is no longer in the text", timeout=3)
                return False
            start, end = at, at + len(word)
        area.replace(new, location_of(text, start), location_of(text, end))
        area.focus()
        return True

    def add(self) -> None:
        """Add the word at the cursor to the project's word list (undoable)."""
        from ttdn_studio.services.spelling import add_words

        found = self._word_at_cursor()
        if found is None:
            return
        word = found[2]
        self.screen.editor.flush()
        try:
            added = add_words(self.screen.store, [word])
        except TtdnError as exc:
            self.screen.notify(str(exc), title=exc.title, severity="error", timeout=6)
            return
        if not added:
            self.screen.notify(f"“{word}” is already in the project's word list", timeout=3)
            return
        self.screen.notify(
            f"“{word}” added to the project's word list (Ctrl+Z takes it back)", timeout=4
        )
        self.check_now()
