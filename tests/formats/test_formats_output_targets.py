"""Atomic writes write into what the user named: a link's target, standard output; never over a device."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import OutputRefused
from ttdn_studio.formats.atomic import atomic_path, atomic_write_text, write_target
from ttdn_studio.store import NewCue, ProjectStore


@pytest.fixture
def project(store: ProjectStore) -> Path:
    store.add_cues("main", [NewCue(1000, 2500, "Đất Mũi Cà Mau")])
    return store.path


def export(project: Path, out: str, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", str(project), "--lang", "vi", "-o", out, *extra])
    return result.exit_code, result.stdout, result.stderr


def test_export_onto_a_symlink_replaces_its_target(project: Path, tmp_path: Path) -> None:
    real = tmp_path / "kept" / "tap1.srt"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.srt"
    link.symlink_to(real)

    code, _, err = export(project, str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Đất Mũi Cà Mau" in real.read_text(encoding="utf-8")
    assert [p.name for p in real.parent.iterdir()] == ["tap1.srt"]  # no temporary left


def test_a_chain_of_links_and_a_dangling_link_are_followed(tmp_path: Path) -> None:
    target = tmp_path / "a" / "new.txt"
    target.parent.mkdir()
    first = tmp_path / "first"
    first.symlink_to(target)  # dangling: the file does not exist yet
    second = tmp_path / "second"
    second.symlink_to(first)
    atomic_write_text(second, "xin chào")
    assert first.is_symlink() and second.is_symlink()
    assert target.read_text(encoding="utf-8") == "xin chào"


def test_export_onto_a_fifo_is_refused(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out" / "pipe.srt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    code, out, err = export(project, str(fifo))
    assert code == 2  # a bad -o value: refused before the command runs
    assert "named pipe" in err and "pipe.srt" in err and "Traceback" not in out + err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == ["pipe.srt"]


def test_a_link_to_a_fifo_and_a_socket_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.srt"
    link.symlink_to(fifo)
    with pytest.raises(OutputRefused, match="named pipe"):
        atomic_write_text(link, "x")
    assert link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)

    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(OutputRefused, match="socket"), atomic_path(sock_path):
            pass
        assert stat.S_ISSOCK(sock_path.lstat().st_mode)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_devices_are_refused_and_stay_devices(project: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.fail(f"{device} missing on this machine")
    # Refused before anything is written (the CLI call below only runs once this holds,
    # so even as root a device node is never at risk).
    with pytest.raises(OutputRefused, match="a device"):
        write_target(device)
    code, out, err = export(project, device, "--format", "srt")
    assert code == 2 and "is a device" in err and device in err
    assert "Traceback" not in out + err
    assert stat.S_ISCHR(os.stat(device).st_mode)


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_standard_output_is_written_directly(project: Path, target: str) -> None:
    code, out, err = export(project, target, "--format", "srt")
    assert code == 0, err
    assert out.startswith("1\n00:00:01,000 --> 00:00:02,500\nĐất Mũi Cà Mau")
    assert "Wrote" not in out


def test_standard_output_with_several_clips_needs_one(project: Path, store: ProjectStore) -> None:
    store.add_clip("second")
    store.add_cues("second", [NewCue(0, 900, "Năm Căn")])
    code, out, err = export(project, "-", "--format", "srt")
    assert code == 1 and "--clip" in err
    code, out, err = export(project, "-", "--format", "srt", "--clip", "second")
    assert code == 0 and "Năm Căn" in out
