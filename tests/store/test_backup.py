"""Backups taken while a desk writes, rotation, restore, and network shares refused."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import ProjectError
from ttdn_studio.models import Project
from ttdn_studio.store import (
    DB_NAME,
    NewCue,
    ProjectStore,
    create_project,
    filesystems,
    open_project,
)
from ttdn_studio.store.backup import backup_project, backups_of, restore_project

WRITER = """
import sys
from pathlib import Path
from ttdn_studio.store import NewCue, open_project

project, log = Path(sys.argv[1]), Path(sys.argv[2])
with open_project(project) as store, log.open("a") as out:
    for n in range(1, 100000):
        store.add_cues("main", [NewCue(n * 1000, n * 1000 + 500, f"câu {n}")])
        out.write(f"{n}\\n")  # written only after the edit committed
        out.flush()
"""


def _texts(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM cues ORDER BY start_ms")]
    finally:
        conn.close()


def test_backup_taken_during_writes_holds_every_committed_edit(
    store: ProjectStore, tmp_path: Path
) -> None:
    log = tmp_path / "committed.log"
    log.touch()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.path), str(log)],
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + 30
        while len(log.read_text().split()) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        committed_before = len(log.read_text().split())
        assert committed_before >= 30, "the writer did not start"
        backup = backup_project(store.path, tmp_path / "backups")
    finally:
        writer.kill()
        writer.wait()
    restored = tmp_path / "restored"
    assert restore_project(backup.path, restored) is None  # a new folder: nothing replaced
    texts = _texts(restored / DB_NAME)
    # every edit committed before the backup started is there, and the copy is one
    # consistent moment: edits 1..K with none missing in between
    assert len(texts) >= committed_before
    assert texts == [f"câu {n}" for n in range(1, len(texts) + 1)]
    with open_project(restored) as back:  # the restored project opens as a project
        assert len(back.cue_rows("main")) == len(texts)


def test_rotation_keeps_the_newest(store: ProjectStore, tmp_path: Path) -> None:
    dest = tmp_path / "b"
    made = [backup_project(store.path, dest, keep=2).path for _ in range(4)]
    kept = backups_of(dest / store.path.name)
    assert kept == made[-2:]
    assert all(not p.exists() for p in made[:2])


def test_restore_over_a_project_keeps_the_state_it_replaces(
    store: ProjectStore, tmp_path: Path
) -> None:
    store.add_cues("main", [NewCue(0, 1000, "trước")])
    first = backup_project(store.path, tmp_path / "b")
    store.add_cues("main", [NewCue(2000, 3000, "sau")])
    safety = restore_project(first.path, store.path)
    assert safety is not None
    assert _texts(store.path / DB_NAME) == ["trước"]
    assert _texts(safety.path / DB_NAME) == ["trước", "sau"]
    # a desk that had the project open reads the restored state
    assert [r.cue.text for r in store.cue_rows("main")] == ["trước"]


def test_backup_refuses_what_is_not_a_project_and_a_file_as_dest(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="not a TTĐN Studio project"):
        backup_project(tmp_path, tmp_path / "b")
    create_project(tmp_path / "p", Project(title="x")).close()
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProjectError, match="destination is a file"):
        backup_project(tmp_path / "p", tmp_path / "file")
    with pytest.raises(ProjectError, match="not a TTĐN Studio backup"):
        restore_project(tmp_path / "p", tmp_path / "q")


def test_cli_backup_all_skips_a_damaged_project_and_backs_up_the_rest(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    good = create_project(projects / "good", Project(title="Tốt"))
    good.add_clip("main")
    good.add_cues("main", [NewCue(0, 1000, "Mũi Cà Mau")])
    good.close()
    (projects / "bad").mkdir()
    (projects / "bad" / DB_NAME).write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(
        cli, ["backup", "--all", "--projects-dir", str(projects), str(tmp_path / "dest"), "--json"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "skipped" in result.stderr and "bad" in result.stderr
    report = json.loads(result.stdout)
    assert [b["project"] for b in report["backups"]] == ["good"]
    assert _texts(Path(report["backups"][0]["backup"]) / DB_NAME) == ["Mũi Cà Mau"]


def test_cli_restore_asks_before_replacing(store: ProjectStore, tmp_path: Path) -> None:
    b = backup_project(store.path, tmp_path / "b")
    runner = CliRunner()
    no = runner.invoke(cli, ["restore", str(b.path), str(store.path)], input="n\n")
    assert no.exit_code == 1 and len(backups_of(b.path.parent)) == 1
    yes = runner.invoke(cli, ["restore", str(b.path), str(store.path), "--yes"])
    assert yes.exit_code == 0, yes.output
    assert "state before the restore" in yes.output


MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /srv/share rw,relatime shared:20 - nfs4 server:/export rw,vers=4.2
41 40 0:36 / /srv/share/local\\040disk rw - ext4 /dev/sdb1 rw
42 22 0:37 / /mnt/ssh rw - fuse.sshfs user@host:/ rw
"""


@pytest.mark.parametrize(
    ("path", "fstype", "refused"),
    [
        ("/home/bien/projects/tap-01", "ext4", False),
        ("/srv/share/tap-01", "nfs4", True),
        ("/srv/share/local disk/tap-01", "ext4", False),
        ("/srv/shared/tap-01", "ext4", False),  # a sibling, not inside the share
        ("/mnt/ssh/tap-01", "fuse.sshfs", True),
    ],
)
def test_network_filesystems_are_recognised(path: str, fstype: str, refused: bool) -> None:
    assert filesystems.filesystem_type(Path(path), MOUNTINFO) == fstype
    if refused:
        with pytest.raises(ProjectError, match="network or shared filesystem"):
            filesystems.refuse_network_filesystem(Path(path), MOUNTINFO)
    else:
        filesystems.refuse_network_filesystem(Path(path), MOUNTINFO)


def test_opening_a_project_on_a_share_is_refused_before_sqlite_touches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "mountinfo"
    fake.write_text(
        f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:35 / {tmp_path} rw - cifs //s/x rw\n"
    )
    monkeypatch.setattr(filesystems, "MOUNTINFO", fake)
    with pytest.raises(ProjectError, match=r"network or shared filesystem \(cifs\)"):
        create_project(tmp_path / "p", Project(title="x"))
    assert not (tmp_path / "p" / DB_NAME).exists()


def test_this_machines_own_disk_is_not_refused(tmp_path: Path) -> None:
    assert filesystems.filesystem_type(tmp_path) is not None
    create_project(tmp_path / "p", Project(title="x")).close()


def test_cli_backup_all_with_a_project_also_named_backs_it_up_once(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    create_project(projects / "tap-1", Project(title="Tập 1")).close()
    create_project(projects / "tap-2", Project(title="Tập 2")).close()
    named = projects / "tap-1" / ".." / "tap-1"  # the same folder, written another way
    result = CliRunner().invoke(
        cli,
        [
            "backup",
            "--all",
            "--projects-dir",
            str(projects),
            str(named),
            str(tmp_path / "dest"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sorted(b["project"] for b in report["backups"]) == ["tap-1", "tap-2"]


def test_a_backup_is_one_file_that_reading_leaves_alone(
    store: ProjectStore, tmp_path: Path
) -> None:
    """Out of WAL mode: opening the backup (to check it, or a copy of it) makes no -wal and
    -shm files; restored, the project is in WAL mode again."""
    store.add_cues("main", [NewCue(0, 1000, "Mũi Cà Mau")])
    backup = backup_project(store.path, tmp_path / "b")
    db = backup.path / DB_NAME
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM cues").fetchone()[0] == 1
    finally:
        conn.close()
    assert sorted(p.name for p in backup.path.iterdir() if p.name.startswith(DB_NAME)) == [DB_NAME]
    restore_project(backup.path, tmp_path / "restored")
    with open_project(tmp_path / "restored") as back:
        assert back.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert [r.cue.text for r in back.cue_rows("main")] == ["Mũi Cà Mau"]
