"""The project's own spelling word list, and spell checking for the desk's editor.

The word list: words the ``spelling`` check always accepts, stored in the project's
settings (``spelling_words``) as typed, in NFC, one entry per word whatever its case
or tone placement; adding and removing are undoable.

The desk's checker (:class:`DeskSpeller`): the Hunspell dictionaries take seconds of
CPU to load (English about 9 s through spylls) and a suggestion about 0.7 s, which in
the desk's own process would hold Python's lock and stall typing. So they live in one
worker process, started once the desk is usable; the desk asks it from worker threads
and never waits for it. It answers exactly as the QC ``spelling`` check does (the
same :func:`ttdn_studio.qc.spelling.unknown_words`: glossary terms, names of the
source, the project title and word list accepted).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.models import CueRow, Project
from ttdn_studio.qc.spelling import SETTING, WORD, is_word
from ttdn_studio.store import ProjectStore
from ttdn_studio.text import match_key, nfc

SUGGESTIONS = 6
WAIT_STEP_S = 0.2  # how often a waiting call looks whether the checker was closed


def word_list(store: ProjectStore) -> list[str]:
    raw = store.project.settings.get(SETTING)
    return [w for w in raw if isinstance(w, str)] if isinstance(raw, list) else []


def _checked(words: Iterable[str]) -> list[str]:
    out = []
    for word in words:
        word = nfc(word.strip())
        if not is_word(word):
            raise ValidationError(f"not a word: {word!r} (letters only, e.g. Khâu or កាម៉ៅ)")
        out.append(word)
    return out


def add_words(store: ProjectStore, words: Iterable[str]) -> list[str]:
    """Accept ``words`` in every spelling check of the project; returns those that were new."""
    current = word_list(store)
    keys = {match_key(w) for w in current}
    new = []
    for word in _checked(words):
        if match_key(word) not in keys:
            keys.add(match_key(word))
            new.append(word)
    if new:
        with store.edit(f"add {len(new)} word(s) to the spelling list"):
            store.update_project(settings={**store.project.settings, SETTING: current + new})
    return new


def remove_words(store: ProjectStore, words: Iterable[str]) -> list[str]:
    """Stop accepting ``words`` (any case or tone placement); returns those removed."""
    drop = {match_key(w) for w in _checked(words)}
    current = word_list(store)
    removed = [w for w in current if match_key(w) in drop]
    if removed:
        with store.edit(f"remove {len(removed)} word(s) from the spelling list"):
            kept = [w for w in current if match_key(w) not in drop]
            store.update_project(settings={**store.project.settings, SETTING: kept})
    return removed


class SpellingError(TtdnError):
    title = "Spelling"


# ------------------------------------------------------------ the desk's checker
def word_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text`` as the spelling check cuts it."""
    if lang == "km":
        from ttdn_studio.qc.spelling import khmer_words

        return list(khmer_words(text))
    return [m.span() for m in WORD.finditer(text)]


def word_at(text: str, offset: int, lang: str) -> tuple[int, int] | None:
    """The word of ``text`` under (or just before) the cursor at ``offset``, as a span."""
    for start, end in word_spans(text, lang):
        if start <= offset <= end:
            return start, end
    return None


def misspelt_spans(text: str, words: Iterable[str], lang: str) -> list[tuple[int, int]]:
    """Where the ``words`` the checker reported are in ``text`` (every occurrence)."""
    wanted = {nfc(w) for w in words}
    if not wanted:
        return []
    return [(a, b) for a, b in word_spans(text, lang) if nfc(text[a:b]) in wanted]


def _load(langs: list[str]) -> list[str]:
    """In the worker: load the dictionaries; returns the languages that have one."""
    from ttdn_studio.qc.spelling import known_khmer, known_word

    if "km" in langs:
        known_khmer("កម្ពុជា")  # loads khmercut's model (seconds)
    return [lang for lang in langs if lang == "km" or known_word(lang, "a") is not None]


def _unknown(
    project_dir: str, project: dict[str, Any], row: dict[str, Any], lang: str
) -> list[str]:
    """In the worker: the words of the cue's ``lang`` text nothing accepts (as QC says)."""
    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.qc.registry import QcContext
    from ttdn_studio.qc.spelling import unknown_words

    try:
        glossary = load_glossary(Path(project_dir))
    except TtdnError:
        glossary = None  # a broken glossary file: checked without it (QC reports it)
    ctx = QcContext.build(Project.model_validate(project), lang, glossary)
    return unknown_words(ctx, CueRow.model_validate(row), lang)


def _suggest(lang: str, word: str, limit: int) -> list[str]:
    from ttdn_studio.qc.spelling import suggestions

    return [unicodedata.normalize("NFC", w) for w in suggestions(lang, word, limit)]


_OPERATIONS: dict[str, Callable[..., list[str]]] = {
    "load": _load,
    "unknown": _unknown,
    "suggest": _suggest,
}


def serve(reader: IO[str], writer: IO[str]) -> None:
    """The worker's loop: one JSON request a line in, one JSON answer a line out."""
    for line in reader:
        try:
            request = json.loads(line)
            answer: dict[str, Any] = {"ok": _OPERATIONS[request["op"]](*request["args"])}
        except Exception as exc:  # noqa: BLE001 (told to the desk, which goes on)
            message = exc.message if isinstance(exc, TtdnError) else f"{type(exc).__name__}: {exc}"
            answer = {"error": message}
        writer.write(json.dumps(answer, ensure_ascii=False) + "\n")
        writer.flush()


class DeskSpeller:
    """The desk's spell checker: dictionaries loaded and consulted in one worker process.

    The worker is ``python -m ttdn_studio.services.spelling`` speaking JSON lines on
    its standard input and output. :meth:`start` returns at once (the loading runs
    in a thread); every other method waits for the worker, so call them from a
    worker thread (the desk's :func:`~ttdn_studio.tui.jobs.run_job`). Calls are
    answered in order: a check asked while the dictionaries load waits for them.
    """

    def __init__(self, langs: Iterable[str]) -> None:
        self.langs = list(dict.fromkeys(langs))
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()  # one request at a time
        self._loaded = threading.Event()
        self._languages: list[str] = []
        self._load_error = ""
        self._errors: list[str] = []  # the worker's last lines on stderr
        self.closed = False

    def start(self) -> None:
        """Start the worker and its loading of the dictionaries (returns at once)."""
        with self._lock:
            if self._process is not None or self.closed:
                return
            self._process = subprocess.Popen(
                [sys.executable, "-m", "ttdn_studio.services.spelling"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        threading.Thread(target=self._drain, daemon=True).start()
        threading.Thread(target=self._load_now, daemon=True).start()

    def _drain(self) -> None:
        """Keep the worker's standard error read (its last lines explain a failure)."""
        process = self._process
        if process is None or process.stderr is None:
            return
        for line in process.stderr:
            self._errors = [*self._errors[-4:], line.rstrip()]

    def _load_now(self) -> None:
        try:
            self._languages = self._call("load", self.langs)
        except SpellingError as exc:
            self._load_error = exc.message
        self._loaded.set()

    @property
    def ready(self) -> bool:
        """The dictionaries are loaded."""
        return self._loaded.is_set() and not self._load_error

    def wait_loaded(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the loading to end (loaded or failed)."""
        return self._loaded.wait(timeout)

    def _call(self, op: str, *args: Any) -> Any:
        with self._lock:
            process = self._process
            if process is None or self.closed or process.stdin is None or process.stdout is None:
                raise SpellingError("spell checking has stopped")
            try:
                process.stdin.write(json.dumps({"op": op, "args": args}, ensure_ascii=False) + "\n")
                process.stdin.flush()
                line = process.stdout.readline()
            except (OSError, ValueError):
                line = ""
        if not line:
            if self.closed:
                raise SpellingError("spell checking has stopped")
            why = self._errors[-1] if self._errors else f"exit status {process.poll()}"
            raise SpellingError(f"the spell checker stopped ({why})")
        answer = json.loads(line)
        if "error" in answer:
            raise SpellingError(f"spell checking failed: {answer['error']}")
        return answer["ok"]

    def load(self) -> list[str]:
        """Wait until the dictionaries are loaded; the languages that have one."""
        self.start()
        while not self._loaded.wait(WAIT_STEP_S):
            if self.closed:
                raise SpellingError("spell checking has stopped")
        if self._load_error:
            raise SpellingError(f"cannot load the spelling dictionaries: {self._load_error}")
        return list(self._languages)

    def unknown(self, project_dir: Path, project: Project, row: CueRow, lang: str) -> list[str]:
        """The misspelt words of ``row``'s ``lang`` text (what QC's ``spelling`` reports)."""
        result: list[str] = self._call(
            "unknown",
            str(project_dir),
            project.model_dump(mode="json"),
            row.model_dump(mode="json"),
            lang,
        )
        return result

    def suggest(self, lang: str, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Dictionary suggestions for ``word`` (slow: about a second)."""
        result: list[str] = self._call("suggest", lang, word, limit)
        return result

    def close(self) -> None:
        """Stop the worker at once (a load or suggestion in progress is dropped)."""
        self.closed = True
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout, process.stderr) if process else ():
            if stream is not None:
                with contextlib.suppress(OSError, ValueError):
                    stream.close()


if __name__ == "__main__":
    with contextlib.suppress(OSError):
        os.nice(10)  # background work: the desk (typing, saving) goes first for the CPU
    # answers go out on a copy of the standard output; anything a library prints
    # (Python or C) goes to the standard error instead of into the answers
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(sys.stdin, answers)
