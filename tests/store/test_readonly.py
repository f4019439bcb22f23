"""A project opened read-only (the yearly report's reads) is never changed, not even migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ttdn_studio.errors import ProjectError
from ttdn_studio.models import Project, Status
from ttdn_studio.store import NewCue, create_project
from ttdn_studio.store.readonly import open_read_only
from ttdn_studio.store.schema import SCHEMA_VERSION


def _database(folder: Path) -> bytes:
    return (folder / "project.db").read_bytes()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "tap-01"
    store = create_project(path, Project(title="Tập 1", target_langs=["en", "km"]))
    store.add_clip("a")
    store.add_cues("a", [NewCue(0, 2000, "Đất Mũi.", {"en": "Dat Mui."})])
    (cue,) = store.cue_rows("a")
    store.edit_translation(
        cue.cue.id, "en", "Dat Mui.", expected_version=None, status=Status.APPROVED
    )
    store.close()
    return path


def test_reads_give_typed_rows_and_leave_the_files_as_they_were(folder: Path) -> None:
    before = _database(folder)
    with open_read_only(folder) as db:
        assert db.project().title == "Tập 1"
        (clip,) = db.clips()
        assert clip.name == "a"
        (cue,) = db.cues()
        assert (cue.clip_id, cue.start_ms, cue.end_ms, cue.text) == (clip.id, 0, 2000, "Đất Mũi.")
        states = {(s.lang, s.status) for s in db.translation_states()}
        assert ("en", "approved") in states
        (entry,) = db.approval_entries()
        assert '"approved"' in entry.changes and "Dat Mui." in entry.changes
        assert db.finished_renders() == []
    assert _database(folder) == before


def test_an_older_project_is_refused_not_migrated(folder: Path) -> None:
    conn = sqlite3.connect(folder / "project.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    before = (folder / "project.db").read_bytes()
    # its tables may lack what this program reads: say how to upgrade it, change nothing
    with pytest.raises(ProjectError, match="older TTĐN Studio.*open it once with ttdn"):
        open_read_only(folder)
    assert (folder / "project.db").read_bytes() == before


def test_a_project_from_a_newer_program_is_refused(folder: Path) -> None:
    conn = sqlite3.connect(folder / "project.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="newer TTĐN Studio"):
        open_read_only(folder)


def test_a_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "project.db").write_bytes(b"not a database" * 200)
    with pytest.raises(ProjectError, match="not a readable project database"):
        open_read_only(folder)
