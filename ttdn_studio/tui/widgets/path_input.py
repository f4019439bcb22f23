"""A path field that completes from the file system: type the start, Right arrow takes the rest.

:class:`PathSuggester` is a Textual ``Suggester``: the ``Input`` shows the first
match greyed after the cursor and Right (or End) accepts it, a folder with its
``/`` so the next name can be completed at once. :class:`PathInput` adds a line
under the field listing the matches, so several candidates can be told apart.
Only folders and files with one of the given extensions are offered; hidden
names only when the typed part starts with a dot.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

MAX_ENTRIES = 2000  # a folder's entries read at most (a huge folder stays responsive)
SHOWN_MATCHES = 6

VIDEO_EXTENSIONS = (
    ".mp4",
    ".mov",
    ".mkv",
    ".mxf",
    ".avi",
    ".ts",
    ".m2ts",
    ".mts",
    ".m4v",
    ".webm",
    ".mpg",
    ".mpeg",
    ".wmv",
    ".dv",
)


def path_matches(value: str, extensions: Iterable[str] = ()) -> list[str]:
    """Completions of ``value`` (each starts with ``value``): folders end in ``/``; sorted,
    folders first. ``extensions`` (lower case, with the dot) filters the files offered."""
    if not value:
        return []
    head, sep, prefix = value.rpartition("/")
    folder = Path(os.path.expanduser(head or "/")) if sep else Path()
    start = head + sep
    wanted = tuple(e.lower() for e in extensions)
    dirs: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_ENTRIES:
                    break
                name = entry.name
                if not name.startswith(prefix) or (name[:1] == "." and prefix[:1] != "."):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if is_dir:
                    dirs.append(name + "/")
                elif not wanted or name.lower().endswith(wanted):
                    files.append(name)
    except OSError:
        return []
    return [start + name for name in sorted(dirs) + sorted(files)]


class PathSuggester(Suggester):
    """Suggests the first completion of the typed path (never cached: folders change)."""

    def __init__(self, extensions: Iterable[str] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.extensions = tuple(extensions)

    async def get_suggestion(self, value: str) -> str | None:
        found = path_matches(value, self.extensions)
        return found[0] if found else None


class PathInput(Vertical):
    """An ``Input`` completing paths, with the matches listed under it."""

    DEFAULT_CSS = """
    PathInput { height: auto; }
    PathInput .matches { color: $text-muted; height: 1; padding: 0 1; }
    """

    def __init__(
        self,
        extensions: Iterable[str] = (),
        *,
        value: str = "",
        placeholder: str = "",
        input_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.extensions = tuple(extensions)
        self.input = Input(
            value=value,
            placeholder=placeholder,
            suggester=PathSuggester(self.extensions),
            id=input_id,
        )
        self.matches = Static("", classes="matches", markup=False)

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.matches

    @property
    def value(self) -> str:
        return self.input.value.strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        found = path_matches(event.value.strip(), self.extensions)
        names = [m.rstrip("/").rpartition("/")[2] + ("/" if m.endswith("/") else "") for m in found]
        if not event.value.strip():
            self.matches.update("")
        elif not names:
            self.matches.update("no match")
        else:
            more = len(names) - SHOWN_MATCHES
            shown = "  ".join(names[:SHOWN_MATCHES]) + (f"  … {more} more" if more > 0 else "")
            self.matches.update(f"→ completes: {shown}")
