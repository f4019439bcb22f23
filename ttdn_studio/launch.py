"""The ``ttdn`` console script: a fast answer for help and version, click for the rest.

``ttdn --help``, ``ttdn -h``, ``ttdn --version`` and ``ttdn CMD [SUB] --help`` print texts
stored in ``data/cli_help.json`` (written from the click tree by
:mod:`ttdn_studio.cli.helptext`; a test checks they equal what click prints today) without
importing click, which alone doubles a bare Python start. Any other command line, and these
ones on a terminal narrower than 80 columns (where click wraps the help differently), goes
to :func:`ttdn_studio.cli.main` unchanged. Imports nothing but the standard library at
module level.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HELP_FILE = Path(__file__).resolve().parent / "data" / "cli_help.json"
GLOSSARY_DIR = HELP_FILE.parent / "glossary"  # the curated glossary (package data)
HELP_OPTIONS = ("--help", "-h")
WIDE_ENOUGH = 80  # click wraps help at min(columns, 80) - 2: the stored texts fit 80 or more


def terminal_columns() -> int:
    """The width click takes for the help (it asks :func:`shutil.get_terminal_size` too)."""
    import shutil

    return shutil.get_terminal_size().columns


def stored_answer(argv: list[str]) -> str | None:
    """The text ``ttdn ARGV`` prints when it is a help or version request the stored file
    answers; ``None`` for anything else (click answers it)."""
    if not argv or argv[-1] not in HELP_OPTIONS and argv != ["--version"]:
        return None
    if any(arg.startswith("-") for arg in argv[:-1]):
        return None  # options before the help option: click decides
    try:
        import json

        stored = json.loads(HELP_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if argv == ["--version"]:
        return str(stored["version"])
    if terminal_columns() < WIDE_ENOUGH:
        return None
    path = " ".join(argv[:-1])
    text = stored["help"].get(path)
    if text is None:
        return None
    if path and argv[0] != "doctor" and not _installation_complete():
        return None  # click runs the start-up check before the subcommand and reports it
    return str(text)


def _installation_complete() -> bool:
    """The check ``ttdn`` makes before any subcommand, done here without importing the
    program's settings: the curated glossary has entries (as
    :func:`ttdn_studio.locations.bundled_glossary_files` requires). When it has not,
    click's path runs and reports the problem."""
    try:
        return any(
            sum(1 for line in f.read_bytes().splitlines() if line.strip()) > 1
            for f in GLOSSARY_DIR.glob("*.tsv")
        )
    except OSError:
        return False


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ttdn`` script."""
    args = sys.argv[1:] if argv is None else argv
    answer = stored_answer(args)
    if answer is None:
        from ttdn_studio.cli import main as click_main

        click_main(args)
        return
    try:
        sys.stdout.write(answer)
        sys.stdout.flush()
    except BrokenPipeError:  # ``ttdn --help | head -1``: the reader left, as click does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
