"""Helpers shared by the CLI commands: project argument, JSON output, progress."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ttdn_studio.store import ProjectStore, open_project

project_argument = click.argument(
    "project", type=click.Path(path_type=Path, file_okay=False), metavar="PROJECT"
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def load_project(path: Path) -> ProjectStore:
    """Open the project at ``path``; the bundled demo's folder is built on first use."""
    from ttdn_studio.services.demo import CUES_FILE, META_FILE
    from ttdn_studio.store import DB_NAME

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


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


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
