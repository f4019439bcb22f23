"""A hostile environment: a read-only project, an old project the report must not migrate,
no ffmpeg on PATH, an unreachable package index, a full disk, a failing database."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_cli import assert_refused, dump, read_only_mount, run

from ttdn_studio.store import DB_NAME

TTDN = Path(sys.executable).parent / "ttdn"


def _without_write_permission() -> list[str] | None:
    """A command prefix under which permission bits hold (root ignores them otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"]


def _make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _restore(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_a_read_only_project_can_be_listed_exported_and_reported(
    project: Path, tmp_path: Path
) -> None:
    prefix = _without_write_permission()
    if prefix is None:
        pytest.skip("running as root without setpriv: permission bits cannot be enforced")
    before = dump(project)
    for side in ("project.db-wal", "project.db-shm"):  # as a copy onto a share would be
        (project / side).unlink(missing_ok=True)
    _make_read_only(project)
    try:

        def ttdn(*args: object) -> subprocess.CompletedProcess[str]:
            cmd = [*prefix, str(TTDN), *map(str, args)]
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60)

        listed = ttdn("cues", project)
        assert listed.returncode == 0, listed.stderr
        assert "Dat Mui Cape" in listed.stdout
        exported = ttdn("export", project, "--lang", "en", "-o", tmp_path / "out.srt")
        assert exported.returncode == 0, exported.stderr
        assert "Dat Mui Cape" in (tmp_path / "out.srt").read_text(encoding="utf-8")
        reported = ttdn("report", project.parent, "--year", "2026", "--format", "json")
        assert reported.returncode == 0, reported.stderr
        assert "skipped" not in reported.stderr
        edit = ttdn("status", project, "--lang", "en", "--set", "approved", "--all")
        assert edit.returncode == 1 and "Traceback" not in edit.stderr
        assert "read-only" in edit.stderr and len(edit.stderr.strip().splitlines()) == 1
    finally:
        _restore(project)
    assert dump(project) == before


def test_a_project_on_a_read_only_mount_can_be_listed_exported_and_reported(
    project: Path, tmp_path: Path
) -> None:
    before = dump(project)
    for side in ("project.db-wal", "project.db-shm"):  # as a copy onto a share would be
        (project / side).unlink(missing_ok=True)
    share = tmp_path / "share"
    with read_only_mount(project, share / "tap-1") as mount:
        listed = run("cues", mount)
        assert listed.code == 0, listed.err
        assert "Dat Mui Cape" in listed.out
        exported = run("export", mount, "--lang", "en", "-o", tmp_path / "out.srt")
        assert exported.code == 0, exported.err
        reported = run("report", share, "--year", "2026", "--format", "json")
        assert reported.code == 0 and "skipped" not in reported.err, reported.err
        err = assert_refused(run("status", mount, "--lang", "en", "--set", "draft", "--all"))
        assert "read-only" in err
    assert dump(project) == before


def test_the_report_never_migrates_an_old_project(project: Path) -> None:
    conn = sqlite3.connect(project / DB_NAME)
    conn.execute("DROP TABLE render_jobs")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = dump(project)
    result = run("report", project.parent, "--year", "2026", "--format", "json")
    assert result.code == 0, result.err
    assert "skipped tap-1" in result.err and "older TTĐN Studio" in result.err
    assert dump(project) == before


def test_the_report_skips_a_damaged_project_and_reports_the_others(
    built_project: Path, tmp_path: Path
) -> None:
    shutil.copytree(built_project, tmp_path / "good")
    shutil.copytree(built_project, tmp_path / "bad")
    (tmp_path / "bad" / DB_NAME).write_bytes(b"not a database at all" * 100)
    result = run("report", tmp_path, "--year", "2026", "--format", "json")
    assert result.code == 0, result.err
    assert "skipped bad" in result.err and "Traceback" not in result.err


def test_no_ffmpeg_on_path_is_one_line(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    before = dump(project)
    err = assert_refused(
        run("preview", project, "--lang", "vi", "--at", "1", "-o", tmp_path / "f.png"), code=1
    )
    assert "ffmpeg" in err
    assert dump(project) == before


def test_an_unreachable_package_index_prints_no_raw_urlerror() -> None:
    # a real process: pytest's own log capture would hide what logging prints there
    env = {**os.environ, "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/index.json"}
    cmd = [str(TTDN), "models", "install", "--from-index", "vi", "en"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "ttdn: cannot reach the package index http://127.0.0.1:9/index.json/index.json"
    ]


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs with no space left (skipped where mounting is not allowed)."""
    folder = tmp_path / "full"
    folder.mkdir()
    cmd = ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", folder]
    if subprocess.run(cmd, capture_output=True).returncode:
        pytest.skip("needs permission to mount a small file system")
    try:
        with open(folder / "filler", "wb") as f, contextlib.suppress(OSError):
            f.write(b"\0" * 65536)
        yield folder
    finally:
        if subprocess.run(["umount", folder], capture_output=True).returncode:
            subprocess.run(["umount", "-l", folder], capture_output=True)


@pytest.mark.parametrize(
    "command",
    [
        ["glossary", "export", "{full}/terms.tsv"],
        ["tm", "export", "{full}/memory.tmx"],
        ["preview", "{project}", "--lang", "vi", "--at", "1", "-o", "{full}/frame.png"],
        ["preview", "{project}", "--lang", "vi", "--at", "1", "-o", "{full}/frame.jpg"],
        ["export", "{project}", "--lang", "vi", "-o", "{full}/vi.srt"],
        ["report", "{projects}", "--year", "2026", "-o", "{full}/report.md"],
        ["new", "{full}/tap-9", "--title", "Tập 9"],
    ],
    ids=["glossary export", "tm export", "preview png", "preview jpg", "export", "report", "new"],
)
def test_writing_onto_a_full_disk_is_one_line(
    command: list[str], project: Path, full_disk: Path
) -> None:
    names = {"full": full_disk, "project": project, "projects": project.parent}
    before = dump(project)
    err = assert_refused(run(*(part.format(**names) for part in command)), code=1, max_lines=1)
    assert "the disk is full" in err or "No space left on device" in err
    assert dump(project) == before
    assert not (full_disk / "tap-9").exists()  # no half-made project is left behind


def test_a_full_disk_is_one_line(project: Path, tmp_path: Path, monkeypatch) -> None:
    import ttdn_studio.report as report

    def full(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "r.log"))

    monkeypatch.setattr(report, "write_report", full)
    result = run("report", project.parent, "--year", "2026", "-o", tmp_path / "r.md")
    err = assert_refused(result, code=1, max_lines=1)
    assert err.startswith("ttdn: the disk is full") and "r.log" in err


def test_a_database_failure_is_one_line(project: Path, monkeypatch) -> None:
    from ttdn_studio.store import ProjectStore

    def broken(self: ProjectStore, *args: object, **kwargs: object) -> object:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ProjectStore, "cue_rows", broken)
    err = assert_refused(run("cues", project), code=1, max_lines=1)
    assert "the project database could not be used (disk I/O error)" in err


def test_a_bug_still_shows_its_traceback(project: Path, monkeypatch) -> None:
    """The last-resort handler is for the system's failures, not for hiding bugs."""
    from ttdn_studio.store import ProjectStore

    def bug(self: ProjectStore, *args: object, **kwargs: object) -> object:
        raise KeyError("bug")

    monkeypatch.setattr(ProjectStore, "cue_rows", bug)
    from click.testing import CliRunner

    from ttdn_studio.cli import cli

    result = CliRunner().invoke(cli, ["cues", str(project)])
    assert isinstance(result.exception, KeyError)
