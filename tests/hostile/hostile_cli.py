"""Running a command in-process and checking the refusal contract: exit code, a short
message on stderr, no traceback; and a dump of a project's database to compare."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.store import DB_NAME


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def run(*args: object) -> Outcome:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return Outcome(result.exit_code, result.stdout, result.stderr)


def dump(project: Path) -> list[str]:
    """Everything the project database holds, as SQL (``sqlite3`` iterdump)."""
    conn = sqlite3.connect(f"file:{quote(str((project / DB_NAME).resolve()))}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def assert_refused(outcome: Outcome, *, code: int | None = None, max_lines: int = 3) -> str:
    """A refusal: non-zero exit, a short message on stderr, no traceback. Returns stderr."""
    assert outcome.code != 0, outcome.out
    if code is not None:
        assert outcome.code == code, outcome.err
    assert "Traceback" not in outcome.err + outcome.out
    lines = [line for line in outcome.err.splitlines() if line.strip()]
    assert 1 <= len(lines) <= max_lines, outcome.err
    assert "\x1b" not in outcome.err.replace("\x1b[31m", "").replace("\x1b[0m", "")
    return outcome.err


@contextmanager
def read_only_mount(folder: Path, at: Path) -> Iterator[Path]:
    """``folder`` seen read-only at ``at`` (a bind mount, as a read-only share or stick
    would be); the test is skipped where mounting is not allowed."""
    at.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", "--bind", folder, at], capture_output=True).returncode:
        pytest.skip("needs permission to mount a read-only folder")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", at], check=True, capture_output=True)
        yield at
    finally:
        if subprocess.run(["umount", at], capture_output=True).returncode:
            subprocess.run(["umount", "-l", at], capture_output=True)
