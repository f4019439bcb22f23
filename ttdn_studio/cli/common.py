"""Helpers shared by the CLI commands: project argument, JSON output, progress, and the
checks that turn bad arguments (non-finite times, outputs that cannot be files) into
one clear line before any work is done."""

from __future__ import annotations

import json
import math
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ttdn_studio.text import printable

if TYPE_CHECKING:
    from pydantic import ValidationError as PydanticError

    from ttdn_studio.store import ProjectStore

__all__ = ["printable"]
MAX_SECONDS = 24 * 3600.0  # no clip of a broadcast is longer than a day

project_argument = click.argument(
    "project", type=click.Path(path_type=Path, file_okay=False), metavar="PROJECT"
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def load_project(path: Path, *, acting: bool = True) -> ProjectStore:
    """Open the project at ``path``; the bundled demo's folder is built on first use.

    ``acting``: the person the command acts as must be one of the station's people, once
    it keeps a people file (:func:`~ttdn_studio.services.people.check_acting_person`)."""
    from ttdn_studio.errors import ProjectError

    if acting:
        from ttdn_studio.services.people import check_acting_person

        check_acting_person()
    try:
        return _load(path)
    except OSError as exc:
        raise ProjectError(f"cannot be opened ({os_reason(exc)})", file=path) from None


def _load(path: Path) -> ProjectStore:
    from ttdn_studio.services.demo_sources import CUES_FILE, META_FILE
    from ttdn_studio.store import DB_NAME, open_project

    if (
        not (path / DB_NAME).exists()
        and (path / CUES_FILE).is_file()
        and (path / META_FILE).is_file()
    ):
        from ttdn_studio.services.demo import ensure_demo

        click.echo(f"ttdn: building the demo project in {path} (first use)", err=True)
        ensure_demo(path, on_note=lambda msg: click.echo(f"ttdn: {msg}", err=True))
    store = open_project(path)
    if store.memory_queue():  # approvals the translation memory has not received yet
        from ttdn_studio.services.workflow import flush_memory_queue

        flush_memory_queue(store, on_note=lambda msg: click.echo(f"ttdn: warning: {msg}", err=True))
    return store


def os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return "a name in the path is too long for the file system"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def validation_message(exc: PydanticError) -> str:
    """pydantic's list of errors as one line a person can read: ``field: reason; ...``."""
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err.get("loc", ()) if p != "__root__")
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        parts.append(f"{field}: {msg}" if field else msg)
    return "; ".join(parts) or "invalid value"


class Seconds(click.ParamType):
    """A time in seconds: finite, not negative, at most a day (``inf``, ``nan`` refused)."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not 0 <= seconds <= MAX_SECONDS:
            self.fail(f"{value!r} is not a time between 0 and {MAX_SECONDS:.0f} s", param, ctx)
        return seconds


class OutputFile(click.ParamType):
    """A path a file will be written to: refused when it is a folder, a device, a FIFO or
    a socket, when a folder on its way is a file, or when a name is too long."""

    name = "file"

    def __init__(self, *, folder_ok: bool = False, stdout_ok: bool = False) -> None:
        self.folder_ok = folder_ok
        self.stdout_ok = stdout_ok  # ``-`` or ``/dev/stdout``: written straight to stdout

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        from ttdn_studio.formats.atomic import is_stdout

        path = Path(value)
        if self.stdout_ok and is_stdout(value):
            return path
        problem = output_problem(path, folder_ok=self.folder_ok)
        if problem:
            self.fail(f"{printable(str(path))}: {problem}", param, ctx)
        return path


class InputFile(click.ParamType):
    """A file to read: a FIFO, device or socket is refused (reading it could wait for ever
    or never end); a missing file is left to the command, which names what it expected."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(value)
        try:
            mode = path.stat().st_mode
        except OSError:
            return path
        if stat.S_ISDIR(mode):
            self.fail(f"{printable(str(path))}: is a folder, not a file", param, ctx)
        if not stat.S_ISREG(mode):
            self.fail(
                f"{printable(str(path))}: is not a regular file (a device, FIFO or socket)",
                param,
                ctx,
            )
        return path


def output_problem(path: Path, *, folder_ok: bool = False) -> str | None:
    """Why ``path`` cannot be written as an output file (``None`` when it can)."""
    try:
        max_name = os.pathconf(_existing_parent(path), "PC_NAME_MAX")
    except (OSError, ValueError):
        max_name = 255
    for part in path.parts:
        if len(os.fsencode(part)) > max_name:
            return f"a name is longer than the file system allows ({max_name} bytes)"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        return _file_on_the_way(path)
    except OSError as exc:
        return os_reason(exc)
    if mode is None:
        return _file_on_the_way(path)
    if stat.S_ISDIR(mode):
        return None if folder_ok else "is a folder, not a file"
    if not stat.S_ISREG(mode):
        from ttdn_studio.formats.atomic import special_kind

        return f"is {special_kind(mode) or 'not a regular file'}, not a file: give the name of a file to write"
    return None


def _existing_parent(path: Path) -> Path:
    for parent in [path, *path.absolute().parents]:
        if parent.is_dir():
            return parent
    return Path("/")


def _file_on_the_way(path: Path) -> str | None:
    for parent in path.absolute().parents:
        if parent.exists():
            return None if parent.is_dir() else f"{printable(str(parent))} is a file, not a folder"
    return None


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON: letters as they are, but anything unprintable (DEL, C1
    controls, bidi overrides, an undecodable file name's surrogates) as a ``\\uXXXX``
    escape, which JSON readers decode back; the terminal never receives it raw."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    click.echo("".join(_json_char(ch) for ch in text) if not text.isprintable() else text)


def _json_char(ch: str) -> str:
    if ch == "\n" or printable(ch) == ch:
        return ch
    return f"\\u{ord(ch):04x}"


def lang_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def progress_printer(label: str) -> Callable[[int, int], None]:
    """A callback ``(done, total)`` that draws a one-line progress bar on stderr."""

    def report(done: int, total: int) -> None:
        if not sys.stderr.isatty() and done not in (0, total):
            return
        width = 30
        filled = int(width * done / total) if total else width
        pct = 100 * done / total if total else 100
        end = "\n" if done >= total else ""
        sys.stderr.write(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {pct:5.1f}% {done}/{total}{end}"
        )
        sys.stderr.flush()

    return report
