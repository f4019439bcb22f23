"""A full disk never loses an approval's translation-memory entry.

The memory lives in the data folder. Where the test may mount a small tmpfs
(root on Linux), the data folder is on one that is then filled for real; else
the memory's SQLite file is capped (``max_page_count``), which makes SQLite
answer exactly as on a full disk ("database or disk is full").
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.errors import ProjectError
from ttdn_studio.models import Status
from ttdn_studio.services.workflow import flush_memory_queue, set_status
from ttdn_studio.store import NewCue, ProjectStore, open_project
from ttdn_studio.store.translation_memory import TranslationMemory

LONG = (
    " rừng đước Năm Căn, đất mũi Cà Mau" * 120
)  # needs overflow pages: a write must grow the file
CUES = [
    NewCue(i * 3000, i * 3000 + 2500, f"Câu {i}:{LONG}", {"en": f"Line {i}:{LONG}"})
    for i in range(4)
]


class FullDisk:
    """Makes the translation memory's disk full (really, or by capping its file)."""

    def __init__(self, mount: Path | None):
        self.mount = mount
        self.capped: TranslationMemory | None = None

    def fill(self) -> None:
        if self.mount is None:
            self.capped = TranslationMemory()
            pages = self.capped.conn.execute("PRAGMA page_count").fetchone()[0]
            self.capped.conn.execute(f"PRAGMA max_page_count = {pages}")
            return
        with open(self.mount / "filler", "wb", buffering=0) as fh:
            chunk = b"\0" * 4096
            try:
                while True:
                    fh.write(chunk)
            except OSError:
                pass

    def memory(self) -> TranslationMemory | None:
        """The memory an approval uses while the disk is full (None: the default one)."""
        return self.capped

    def free(self) -> None:
        if self.capped is not None:
            self.capped.close()
            self.capped = None
        if self.mount is not None:
            (self.mount / "filler").unlink()


def _try_mount(folder: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture(params=["tmpfs", "capped-file"])
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    """Both ways where a tmpfs can be mounted; the capped file twice elsewhere."""
    data = tmp_path / "small-disk"
    data.mkdir()
    mounted = request.param == "tmpfs" and _try_mount(data)
    monkeypatch.setenv("TTDN_DATA_DIR", str(data))
    with TranslationMemory():  # the memory exists before the disk fills up
        pass
    try:
        yield FullDisk(data if mounted else None)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(data)], check=False)


def test_approving_on_a_full_disk_keeps_every_entry(
    store: ProjectStore, full_disk: FullDisk
) -> None:
    store.add_cues("main", CUES)
    ids = [r.cue.id for r in store.cue_rows()]
    full_disk.fill()
    notes: list[str] = []

    changed = set_status(store, ids, "en", "approved", tm=full_disk.memory(), on_note=notes.append)

    assert changed == 4  # the approval itself is saved (the project is on another disk)
    assert [store.translation(i, "en").status for i in ids] == [Status.APPROVED] * 4
    assert len(notes) == 1 and "4 approved translation(s)" in notes[0] and "tm rebuild" in notes[0]
    assert len(store.memory_queue()) == 4
    full_disk.free()
    with TranslationMemory() as memory:
        assert memory.count() == 0

    # The next time the project is opened, the waiting entries reach the memory.
    result = CliRunner().invoke(cli, ["status", str(store.path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    with TranslationMemory() as memory:
        assert memory.count("vi", "en") == 4
        for row in store.cue_rows():
            assert memory.contains(row.cue.text, row.text("en", "vi"), "vi", "en")
    assert open_project(store.path).memory_queue() == []


def test_a_queue_survives_until_the_memory_can_be_written(
    store: ProjectStore, full_disk: FullDisk
) -> None:
    store.add_cues("main", CUES)
    full_disk.fill()
    set_status(
        store, [r.cue.id for r in store.cue_rows()][:2], "en", "approved", tm=full_disk.memory()
    )
    # Still full: another attempt keeps them queued.
    assert flush_memory_queue(store, tm=full_disk.memory()) == 2
    full_disk.free()
    assert flush_memory_queue(store) == 0
    with TranslationMemory() as memory:
        assert memory.count() == 2
    assert store.memory_queue() == []


def test_a_full_project_disk_approves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: ProjectStore
) -> None:
    store.add_cues("main", CUES)
    ids = [r.cue.id for r in store.cue_rows()]
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(ProjectError, match="disk is full: nothing was saved"):
        set_status(store, ids, "en", "approved")
    reopened = open_project(store.path)
    assert [reopened.translation(i, "en").status for i in ids] != [Status.APPROVED] * 4
    assert reopened.memory_queue() == []
    with TranslationMemory() as memory:
        assert memory.count() == 0
    assert locations.tm_file().exists()
