"""Hostile backups and project folders: a restore that cannot happen leaves the project (or
memory) exactly as it was and makes no safety copy; odd folders are backed up whole or
refused plainly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hostile_cli import assert_refused, dump, read_only_mount, run

from ttdn_studio import locations
from ttdn_studio.store import DB_NAME, NewCue, open_project
from ttdn_studio.store.translation_memory import TranslationMemory


def _set_version(db: Path, version: int) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def _only_backup(dest: Path) -> Path:
    (name,) = [p for p in dest.iterdir() if p.is_dir()]
    (taken,) = list(name.iterdir())
    return taken


def test_a_backup_from_a_newer_program_is_refused_before_anything_is_replaced(
    project: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "backups"
    assert run("backup", project, dest).code == 0
    taken = _only_backup(dest)
    _set_version(taken / DB_NAME, 99)
    before = dump(project)
    err = assert_refused(run("restore", taken, project, "--yes"), code=1, max_lines=1)
    assert "newer TTĐN Studio (schema 99" in err and taken.name in err
    assert dump(project) == before
    assert run("cues", project).code == 0
    assert len(list((dest / project.name).iterdir())) == 1  # no safety copy of a non-restore


def test_a_memory_backup_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    with TranslationMemory(locations.tm_file()) as tm:
        tm.add("Đất Mũi", "Dat Mui Cape", "vi", "en")
    dest = tmp_path / "backups"
    assert run("backup", "--all", "--projects-dir", tmp_path / "none", dest).code == 0
    taken = _only_backup(dest)
    _set_version(taken / locations.tm_file().name, 99)
    before = locations.tm_file().read_bytes()
    err = assert_refused(run("restore", taken, "--yes"), code=1, max_lines=1)
    assert "newer TTĐN Studio (schema 99" in err
    assert locations.tm_file().read_bytes() == before


def test_a_restore_named_from_inside_the_backups_keeps_the_safety_copy_beside_them(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    dest = tmp_path / "backups"
    assert run("backup", project, dest).code == 0
    taken = _only_backup(dest)
    monkeypatch.chdir(taken.parent)
    result = run("restore", taken.name, project, "--yes")
    assert result.code == 0, result.err
    kept = list((dest / project.name).iterdir())
    assert len(kept) == 2 and taken in kept  # not in a new folder under the backups
    assert all((p / "backup.json").is_file() for p in kept)


@pytest.mark.parametrize("name", ["Tập #3", "tap?3", "tap%41"])
def test_a_project_whose_folder_name_has_uri_characters_is_backed_up_and_restored_whole(
    project: Path, tmp_path: Path, monkeypatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    odd = project.rename(tmp_path / name)
    before = dump(odd)
    assert run("backup", odd, tmp_path / "backups").code == 0
    taken = _only_backup(tmp_path / "backups")
    with open_project(odd) as store:
        store.add_cues("tap-1", [NewCue(9000, 9900, "Hòn Khoai")])
    result = run("restore", taken, odd, "--yes")
    assert result.code == 0, result.err
    assert dump(odd) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["backups", name])


def test_a_project_on_a_read_only_mount_is_backed_up(project: Path, tmp_path: Path) -> None:
    before = dump(project)
    for side in ("project.db-wal", "project.db-shm"):  # as a copy onto a share would be
        (project / side).unlink(missing_ok=True)
    with read_only_mount(project, tmp_path / "share" / "tap-1") as mount:
        result = run("backup", mount, tmp_path / "backups")
        assert result.code == 0, result.err
    assert dump(_only_backup(tmp_path / "backups")) == before


@pytest.mark.parametrize(
    "command",
    [
        ["new", "{folder}", "--title", "Tập 9"],
        ["cues", "{folder}"],
        ["demo", "--path", "{folder}", "--no-video"],
        ["backup", "{folder}", "{tmp}/backups"],
        ["restore", "{backup}", "{folder}", "--yes"],
    ],
    ids=["new", "cues", "demo", "backup", "restore"],
)
def test_a_folder_named_project_db_is_named_plainly_and_nothing_is_made(
    project: Path, tmp_path: Path, command: list[str]
) -> None:
    assert run("backup", project, tmp_path / "kept").code == 0
    folder = tmp_path / "tap-9"
    (folder / DB_NAME).mkdir(parents=True)
    names = {"folder": folder, "tmp": tmp_path, "backup": _only_backup(tmp_path / "kept")}
    err = assert_refused(run(*(part.format(**names) for part in command)), code=1)
    assert f"{folder / DB_NAME}: is a folder, not a project database" in err
    assert [p.name for p in folder.iterdir()] == [DB_NAME]
    assert not (tmp_path / "backups").exists()


def test_a_memory_backup_named_with_a_project_replaces_nothing(
    project: Path, tmp_path: Path
) -> None:
    with TranslationMemory(locations.tm_file()) as tm:
        tm.add("Đất Mũi", "Dat Mui Cape", "vi", "en")
    dest = tmp_path / "backups"
    assert run("backup", "--all", "--projects-dir", tmp_path / "none", dest).code == 0
    taken = _only_backup(dest)
    with TranslationMemory(locations.tm_file()) as tm:
        tm.add("Năm Căn", "Nam Can", "vi", "en")
    memory, before = locations.tm_file().read_bytes(), dump(project)
    err = assert_refused(run("restore", taken, project, "--yes"), code=2)
    assert "is a backup of the translation memory, not of a project" in err
    assert locations.tm_file().read_bytes() == memory and dump(project) == before
    assert len(list(taken.parent.iterdir())) == 1  # no safety copy either


def test_a_project_folder_named_with_escapes_is_printed_escaped(
    project: Path, tmp_path: Path
) -> None:
    odd = project.rename(tmp_path / "tap\x1b[2J\x07")
    backed = run("backup", odd, tmp_path / "backups")
    assert backed.code == 0, backed.err
    taken = _only_backup(tmp_path / "backups")
    restored = run("restore", taken, odd, "--yes")
    assert restored.code == 0, restored.err
    for out in (backed.out, restored.out):
        assert "tap\\x1b[2J\\x07" in out and "\x1b" not in out and "\x07" not in out


def test_a_restore_from_a_read_only_medium_keeps_its_safety_copy_in_the_data_folder(
    project: Path, tmp_path: Path
) -> None:
    """The safety copy of what a restore replaces goes beside the other backups; on a
    read-only stick or share it goes into the data folder instead of failing the restore."""
    dest = tmp_path / "backups"
    assert run("backup", project, dest).code == 0
    taken = _only_backup(dest)
    wanted = dump(project)
    with open_project(project) as store:  # work done after the backup, to be replaced
        store.add_cues(store.clips()[0].name, [NewCue(900_000, 901_000, "Sau bản sao.")])
    replaced = dump(project)
    with read_only_mount(dest, tmp_path / "stick") as stick:
        result = run("restore", stick / taken.relative_to(dest), project, "--yes")
        assert result.code == 0, result.err
    assert dump(project) == wanted
    safety = _only_backup(locations.data_dir() / "backups")
    assert dump(safety) == replaced
    assert str(safety) in result.out
