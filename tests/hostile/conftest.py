"""Hostile input: one small project shared by the suite, and helpers that run a command and
check the contract (exit code, a short message on stderr, no traceback, project unchanged)."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.models import Project, Status
from ttdn_studio.store import DB_NAME, NewCue, create_project


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
    conn = sqlite3.connect(f"file:{project / DB_NAME}?mode=ro", uri=True)
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


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one clip of three cues: en approved, mt and draft; km empty."""
    folder = tmp_path_factory.mktemp("hostile") / "tap-1"
    store = create_project(folder, Project(title="Cà Mau - Đất và người, tập 1"))
    store.add_clip("tap-1")
    store.add_cues(
        "tap-1",
        [
            NewCue(0, 2000, "Đất Mũi", {"en": "Dat Mui Cape"}, {"en": Status.APPROVED}),
            NewCue(2500, 4500, "Rừng đước", {"en": "Mangrove forest"}, {"en": Status.MT}),
            NewCue(5000, 7000, "Chợ nổi", {"en": "Floating market"}, {"en": Status.DRAFT}),
        ],
    )
    store.close()
    return folder


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the shared project for one test."""
    target = tmp_path / "tap-1"
    shutil.copytree(built_project, target)
    return target
