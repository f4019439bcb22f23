"""The project store: schema, versioned edits, optimistic concurrency, undo/redo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ttdn_studio.errors import (
    HistoryError,
    NotFoundError,
    ProjectError,
    StaleEditError,
    ValidationError,
)
from ttdn_studio.models import Origin, Project, Status
from ttdn_studio.store import NewCue, ProjectStore, create_project, open_project
from ttdn_studio.store.schema import SCHEMA_VERSION
from ttdn_studio.store.timing import merge_with_next, shift_cues, split_cue


def seed(store: ProjectStore) -> list[int]:
    store.add_cues(
        "main",
        [
            NewCue(
                0,
                2000,
                "Mũi Cà Mau là điểm cực Nam.",
                {"en": "Ca Mau Cape is the southernmost point."},
            ),
            NewCue(2500, 4000, "Rừng đước xanh ngát.", {"en": ""}),
            NewCue(5000, 7000, "Người Khmer đón Tết.", {}),
        ],
    )
    return [r.cue.id for r in store.cue_rows("main")]


def test_new_project_has_wal_foreign_keys_and_schema_version(store: ProjectStore) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.project.target_langs == ["en", "km"]


def test_text_is_stored_nfc(store: ProjectStore) -> None:
    import unicodedata

    store.add_cues(
        "main", [NewCue(0, 1000, unicodedata.normalize("NFD", "Đất Mũi"), {"en": "Dat Mui"})]
    )
    (row,) = store.cue_rows("main")
    assert row.cue.text == unicodedata.normalize("NFC", "Đất Mũi")
    raw = store.conn.execute("SELECT text FROM cues").fetchone()[0]
    assert raw == unicodedata.normalize("NFC", raw)


def test_cue_rows_are_ordered_and_indexed(store: ProjectStore) -> None:
    store.add_cues("main", [NewCue(5000, 6000, "b"), NewCue(0, 1000, "a")])
    rows = store.cue_rows("main")
    assert [(r.index, r.cue.text) for r in rows] == [(1, "a"), (2, "b")]


def test_edit_bumps_version_and_stale_edit_is_refused(store: ProjectStore) -> None:
    first, *_ = seed(store)
    tr = store.translation(first, "en")
    updated = store.edit_translation(
        first, "en", "Ca Mau Cape, the southern tip.", expected_version=tr.version
    )
    assert updated.version == tr.version + 1
    assert updated.status == Status.DRAFT and updated.origin == Origin.HUMAN
    with pytest.raises(StaleEditError, match="changed by tester"):
        store.edit_translation(first, "en", "Other text", expected_version=tr.version)
    assert store.translation(first, "en").text == "Ca Mau Cape, the southern tip."


def test_two_stores_on_one_project_never_overwrite_each_other(store: ProjectStore) -> None:
    first, *_ = seed(store)
    other = open_project(store.path)
    version = store.translation(first, "en").version
    other.edit_translation(first, "en", "Theirs", expected_version=version)
    with pytest.raises(StaleEditError):
        store.edit_translation(first, "en", "Mine", expected_version=version)
    assert store.translation(first, "en").text == "Theirs"


def test_new_translation_starts_from_version_zero(store: ProjectStore) -> None:
    *_, third = seed(store)
    assert store.translation(third, "km").version == 0
    tr = store.edit_translation(third, "km", "ជនជាតិខ្មែរ", expected_version=0)
    assert tr.version == 1 and tr.text == "ជនជាតិខ្មែរ"


def test_unknown_language_is_refused(store: ProjectStore) -> None:
    first, *_ = seed(store)
    with pytest.raises(NotFoundError, match="fr"):
        store.edit_translation(first, "fr", "Bonjour", expected_version=0)


def test_undo_redo_survive_reopening(store: ProjectStore) -> None:
    first, *_ = seed(store)
    store.edit_translation(first, "en", "Edited", expected_version=1)
    path = store.path
    store.close()
    reopened = open_project(path)
    assert reopened.undo() == "edit en of main #1"  # the clip and number on screen
    assert reopened.translation(first, "en").text == "Ca Mau Cape is the southernmost point."
    reopened.close()
    again = open_project(path)
    again.redo()
    assert again.translation(first, "en").text == "Edited"


def test_undo_refuses_when_someone_changed_the_row_since(store: ProjectStore) -> None:
    first, *_ = seed(store)
    store.edit_translation(first, "en", "Mine", expected_version=1)
    other = open_project(store.path)
    # someone else edits the same translation, then I try to undo their base
    other.conn.execute("UPDATE translations SET text = 'Theirs' WHERE cue_id = ?", (first,))
    with pytest.raises(HistoryError, match="changed since"):
        store.undo()
    assert store.translation(first, "en").text == "Theirs"


def test_undo_bumps_version_so_holders_of_old_versions_are_refused(store: ProjectStore) -> None:
    first, *_ = seed(store)
    store.edit_translation(first, "en", "Edited", expected_version=1)
    store.undo()
    with pytest.raises(StaleEditError):
        store.edit_translation(first, "en", "Late edit", expected_version=2)


def test_new_edit_clears_redo(store: ProjectStore) -> None:
    first, *_ = seed(store)
    store.edit_translation(first, "en", "A", expected_version=1)
    store.undo()
    store.edit_translation(
        first, "en", "B", expected_version=store.translation(first, "en").version
    )
    with pytest.raises(HistoryError, match="nothing to redo"):
        store.redo()


def test_nothing_to_undo_on_fresh_project(tmp_path: Path) -> None:
    fresh = create_project(tmp_path / "p", Project(title="Trống"))
    with pytest.raises(HistoryError, match="nothing to undo"):
        fresh.undo()


def test_batch_edit_is_one_undo_step(store: ProjectStore) -> None:
    ids = seed(store)
    with store.edit("approve all"):
        for cue_id in ids:
            store.edit_translation(cue_id, "en", "x", expected_version=None, status=Status.APPROVED)
    assert store.undo() == "approve all"
    assert store.translation(ids[0], "en").text == "Ca Mau Cape is the southernmost point."
    assert store.translation(ids[1], "en").status == Status.EMPTY
    assert store.translation(ids[2], "en").version == 0  # did not exist before
    assert store.redo() == "approve all"
    assert {store.translation(i, "en").status for i in ids} == {Status.APPROVED}


def test_failed_edit_changes_nothing(store: ProjectStore) -> None:
    ids = seed(store)
    before = store.conn.execute("SELECT * FROM translations ORDER BY cue_id, lang").fetchall()
    with pytest.raises(StaleEditError), store.edit("partial"):
        store.edit_translation(ids[0], "en", "changed", expected_version=1)
        store.edit_translation(ids[1], "en", "changed", expected_version=99)
    assert (
        store.conn.execute("SELECT * FROM translations ORDER BY cue_id, lang").fetchall() == before
    )
    assert store.history()[0]["action"] == "import"


def test_timing_edit_refuses_new_overlap(store: ProjectStore) -> None:
    first, second, _ = seed(store)
    with pytest.raises(ValidationError, match="overlap"):
        store.edit_cue(first, expected_version=1, end_ms=3000)
    cue = store.edit_cue(first, expected_version=1, end_ms=2400)
    assert (cue.end_ms, cue.version) == (2400, 2)
    with pytest.raises(ValidationError, match="end after"):
        store.edit_cue(second, expected_version=1, end_ms=2500)


def test_split_and_merge_are_undoable_and_keep_translations(store: ProjectStore) -> None:
    first, *_ = seed(store)
    a, b = split_cue(store, first, len("Mũi Cà Mau"))
    rows = store.cue_rows("main")
    assert [r.cue.text for r in rows[:2]] == ["Mũi Cà Mau", "là điểm cực Nam."]
    joined = " ".join(r.translations["en"].text for r in rows[:2])
    assert joined == "Ca Mau Cape is the southernmost point."
    store.undo()
    assert len(store.cue_rows("main")) == 3
    merge_with_next(store, first)
    rows = store.cue_rows("main")
    assert rows[0].cue.text == "Mũi Cà Mau là điểm cực Nam. Rừng đước xanh ngát."
    assert (rows[0].cue.start_ms, rows[0].cue.end_ms) == (0, 4000)
    store.undo()
    assert [r.cue.text for r in store.cue_rows("main")][1] == "Rừng đước xanh ngát."
    assert store.translation(first, "en").text == "Ca Mau Cape is the southernmost point."


def test_shift_refuses_overlap_with_cues_outside_the_range(store: ProjectStore) -> None:
    first, second, third = seed(store)
    with pytest.raises(ValidationError):
        shift_cues(store, [second], 2000)
    shift_cues(store, [second, third], 200)
    assert [r.cue.start_ms for r in store.cue_rows("main")] == [0, 2700, 5200]


def test_open_rejects_non_projects(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project"):
        open_project(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ProjectError, match="not a TTĐN Studio project"):
        open_project(tmp_path / "empty")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "project.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ProjectError, match="not a readable project database"):
        open_project(bad)


def test_newer_schema_is_refused_clearly(store: ProjectStore) -> None:
    path = store.path
    store.close()
    conn = sqlite3.connect(path / "project.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="newer TTĐN Studio"):
        open_project(path)


def test_project_validation(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="both the source and a target"):
        Project(title="x", source_lang="vi", target_langs=["vi"])
    with pytest.raises(ValueError):
        Project(title="   ")
    with pytest.raises(ProjectError, match="already exists"):
        p = tmp_path / "p"
        create_project(p, Project(title="a"))
        create_project(p, Project(title="b"))


def test_set_translations_is_one_undoable_bulk_edit(store: ProjectStore) -> None:
    ids = seed(store)
    written = store.set_translations(
        [(ids[0], "en", "Ca Mau Cape."), (ids[2], "km", "ជនជាតិខ្មែរ")],
        status=Status.MT,
        origin=Origin.mt("argos"),
        flags={ids[2]: ["term-check-failed"]},
    )
    assert written == 2
    first = store.translation(ids[0], "en")
    assert (first.text, first.status, first.origin, first.version) == (
        "Ca Mau Cape.",
        Status.MT,
        "mt:argos",
        2,
    )
    assert store.translation(ids[2], "km").flags == ["term-check-failed"]
    store.undo()
    assert store.translation(ids[0], "en").text == "Ca Mau Cape is the southernmost point."
    assert store.translation(ids[2], "km").version == 0
    with pytest.raises(NotFoundError):
        store.set_translations([(99999, "en", "x")], status=Status.MT, origin="human")


def test_a_project_locked_by_another_program_refuses_the_edit_clearly(
    store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ttdn_studio.store.db.BUSY_TIMEOUT_S", 0.2)
    store.add_cues("main", [NewCue(0, 1000, "Cà Mau")])
    cue = store.cue_rows("main")[0].cue
    editor = open_project(store.path)  # opened after the shorter wait applies
    other = sqlite3.connect(str(store.db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(ProjectError, match="busy.*nothing was saved"):
            editor.edit_translation(cue.id, "en", "Ca Mau", expected_version=None)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert editor.translation(cue.id, "en").text == ""
    editor.edit_translation(cue.id, "en", "Ca Mau", expected_version=None)  # free again: it works
    assert editor.translation(cue.id, "en").text == "Ca Mau"
    editor.close()


def test_a_full_disk_refuses_the_edit_clearly_and_keeps_the_project(store: ProjectStore) -> None:
    store.add_cues("main", [NewCue(0, 1000, "Cà Mau")])
    cue = store.cue_rows("main")[0].cue
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    with pytest.raises(ProjectError, match="disk is full"):
        store.add_cues(
            "main", [NewCue(2000 + i * 10, 2005 + i * 10, "x" * 500) for i in range(200)]
        )
    with pytest.raises(ProjectError, match="disk is full"):
        store.edit_translation(cue.id, "en", "Ca Mau " * 2000, expected_version=None)
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert [r.cue.text for r in store.cue_rows("main")] == ["Cà Mau"]
    store.edit_translation(cue.id, "en", "Ca Mau", expected_version=None)
    assert store.translation(cue.id, "en").text == "Ca Mau"


def test_a_project_on_a_read_only_folder_opens_read_only(tmp_path: Path) -> None:
    """A project on a read-only share can be read; an edit says the folder is read-only."""
    import subprocess

    store = create_project(tmp_path / "src", Project(title="Cà Mau"))
    store.close()
    for side in ("project.db-wal", "project.db-shm"):
        (tmp_path / "src" / side).unlink(missing_ok=True)
    mount = tmp_path / "share"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "--bind", str(tmp_path / "src"), str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("needs permission to mount a read-only folder")
    try:
        subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(mount)], check=True, capture_output=True
        )
        store = open_project(mount)
        try:
            assert store.project.title == "Cà Mau"
            with pytest.raises(ProjectError, match="read-only"):
                store.add_clip("tap-1")
        finally:
            store.close()
    finally:
        unmounted = subprocess.run(["umount", str(mount)], capture_output=True).returncode == 0
        if not unmounted:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)
    assert unmounted, "the failed open left the database file open"


def test_undo_is_per_person(store: ProjectStore, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, _ = seed(store)
    monkeypatch.setenv("TTDN_USER", "lan")
    lan = open_project(store.path)
    monkeypatch.setenv("TTDN_USER", "nam")
    nam = open_project(store.path)
    lan.edit_translation(first, "en", "Lan's words", expected_version=None)
    nam.edit_translation(second, "en", "Nam's words", expected_version=None)
    # Lan's undo takes back Lan's edit, not Nam's later one
    lan.undo()
    assert lan.translation(first, "en").text == "Ca Mau Cape is the southernmost point."
    assert lan.translation(second, "en").text == "Nam's words"
    with pytest.raises(HistoryError, match=r"nothing to undo: no edit of yours \(lan\)"):
        lan.undo()
    # Nam's redo chain is Nam's: Lan's new edit does not end it
    nam.undo()
    lan.edit_translation(first, "en", "Lan again", expected_version=None)
    nam.redo()
    assert nam.translation(second, "en").text == "Nam's words"
    # when someone else has changed my text since, my undo says so and changes nothing
    nam.edit_translation(first, "en", "Nam fixed Lan's line", expected_version=None)
    with pytest.raises(HistoryError, match="changed since by another edit"):
        lan.undo()
    assert lan.translation(first, "en").text == "Nam fixed Lan's line"
    lan.close()
    nam.close()
