"""A render killed mid-encode, an orphaned ffmpeg, a short output: never a corrupt "done"."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ttdn_studio.render import burn as burn_module
from ttdn_studio.render.probe import SourceInfo, check_output, probe
from ttdn_studio.services.rendering import render_batch
from ttdn_studio.store import DB_NAME
from ttdn_studio.store.render_jobs import RenderQueue, owner_alive, this_owner

from .conftest import make_project

SLOW = {**os.environ, "TTDN_RENDER_FAST": "0"}


def _ffprobe_duration_ms(path: Path) -> int:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return round(float(out) * 1000)


def _decodes_cleanly(path: Path) -> bool:
    errors = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    return errors.returncode == 0 and not errors.stderr.strip()


def _start_render(store_path: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ttdn_studio", "render", str(store_path), *args],
        env=SLOW,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _ffmpeg_writing(folder: Path, proc: subprocess.Popen[bytes]) -> int:
    """The pid of the ffmpeg writing into ``folder`` once its output has some bytes."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the render ended before it could be killed"
        partials = [p for p in folder.glob(".*rendering*") if p.stat().st_size > 0]
        for entry in Path("/proc").iterdir():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if partials and "ffmpeg" in cmdline.split("\0")[0] and str(folder) in cmdline:
                return int(entry.name)
        time.sleep(0.02)
    raise AssertionError("ffmpeg never started writing")


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def test_kill_9_of_the_process_group_then_render_again_gives_a_whole_file(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["long"])
    renders = store.folder("renders")
    with _start_render(store.path, "--lang", "en", "--preset", "web") as proc:
        _ffmpeg_writing(renders, proc)
        os.killpg(proc.pid, signal.SIGKILL)
    (row,) = store.conn.execute("SELECT status, output FROM render_jobs").fetchall()
    assert row[0] == "running" and not Path(row[1]).exists()
    (again,) = render_batch(store, layouts=[["en"]], preset="web")
    assert again.status == "done", again.error
    assert abs(_ffprobe_duration_ms(again.output) - 8000) <= 80
    assert _decodes_cleanly(again.output)
    assert [p.name for p in renders.iterdir() if "rendering" in p.name] == []
    assert store.conn.execute("SELECT status, duration_ms FROM render_jobs").fetchone()[0] == "done"


def test_an_orphaned_ffmpeg_cannot_touch_the_output_of_the_next_render(
    media: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ttdn render`` killed alone: its ffmpeg lives on and writes while a new render runs."""
    monkeypatch.setattr(burn_module, "stop_writers", lambda path: [])  # let the orphan live
    store = make_project(tmp_path / "ep", media["long"])
    renders = store.folder("renders")
    with _start_render(store.path, "--lang", "en", "--preset", "web") as proc:
        orphan = _ffmpeg_writing(renders, proc)
        os.kill(orphan, signal.SIGSTOP)  # held mid-encode, so it writes after the new render
        try:
            os.kill(proc.pid, signal.SIGKILL)  # the ttdn process only: its ffmpeg is orphaned
            proc.wait()
            (again,) = render_batch(store, layouts=[["en"]], preset="web")
            assert again.status == "done", again.error
            before = hashlib.sha256(again.output.read_bytes()).hexdigest()
        finally:
            os.kill(orphan, signal.SIGCONT)
        deadline = time.monotonic() + 300
        while not _gone(orphan) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert _gone(orphan), "the orphaned ffmpeg did not finish"
    assert hashlib.sha256(again.output.read_bytes()).hexdigest() == before, "output changed"
    assert abs(_ffprobe_duration_ms(again.output) - 8000) <= 80
    assert _decodes_cleanly(again.output)
    assert [p.name for p in renders.iterdir() if "rendering" in p.name] == []
    (status,) = store.conn.execute("SELECT status FROM render_jobs").fetchone()
    assert status == "done"
    assert [r.status for r in render_batch(store, layouts=[["en"]], preset="web")] == ["skipped"]


def test_an_output_cut_short_is_refused_and_never_marked_done(
    media: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ffmpeg exits 0 but the file holds half the clip (as after a crash of the muxer)."""
    store = make_project(tmp_path / "ep", media["grey"])
    real_args = burn_module.burn_args

    def cut_short(*args: object, **kwargs: object) -> list[str]:
        cmd = real_args(*args, **kwargs)  # type: ignore[arg-type]
        at = max(i for i, arg in enumerate(cmd) if arg.startswith("file:"))
        return [*cmd[:at], "-t", "0.8", *cmd[at:]]

    monkeypatch.setattr(burn_module, "burn_args", cut_short)
    (result,) = render_batch(store, layouts=[["en"]], preset="draft")
    assert result.status == "failed" and "incomplete output" in (result.error or "")
    assert not result.output.exists()
    assert not [p for p in result.output.parent.iterdir() if "rendering" in p.name]
    assert store.conn.execute("SELECT status FROM render_jobs").fetchone()[0] == "failed"


def test_an_output_without_the_source_audio_is_refused(
    media: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    real_args = burn_module.burn_args

    def no_audio(*args: object, **kwargs: object) -> list[str]:
        cmd = real_args(*args, **kwargs)  # type: ignore[arg-type]
        at = max(i for i, arg in enumerate(cmd) if arg.startswith("file:"))
        return [*cmd[:at], "-an", *cmd[at:]]

    monkeypatch.setattr(burn_module, "burn_args", no_audio)
    (result,) = render_batch(store, layouts=[["en"]], preset="draft")
    assert result.status == "failed" and "audio" in (result.error or "")
    assert not result.output.exists()


def test_a_done_output_damaged_since_is_rendered_again_not_skipped(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    (done,) = render_batch(store, layouts=[["en"]], preset="draft")
    data = done.output.read_bytes()
    done.output.write_bytes(data[: len(data) // 2])  # as an older version could leave it
    (again,) = render_batch(store, layouts=[["en"]], preset="draft")
    assert again.status == "done"
    check_output(again.output, probe(media["grey"]))


def test_check_output_wants_the_full_duration_and_the_streams(
    media: dict[str, Path], tmp_path: Path
) -> None:
    grey = probe(media["grey"])
    assert check_output(media["grey"], grey) == 2000
    longer = SourceInfo(grey.path, grey.width, grey.height, 2200, grey.fps, grey.audio_codec)
    with pytest.raises(Exception, match="incomplete output"):
        check_output(media["grey"], longer)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(media["grey"].read_bytes()[:5000])
    with pytest.raises(Exception, match="unreadable"):
        check_output(broken, grey)


def test_stale_temporaries_of_dead_attempts_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    output = tmp_path / "Tập 1_ a.en.web.mp4"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".{output.stem}.{dead.pid}-ab12cd34.rendering.mp4"
    live = tmp_path / f".{output.stem}.{os.getpid()}-ab12cd34.rendering.mp4"
    legacy = tmp_path / f".{output.stem}.rendering.mp4"
    other = tmp_path / f".{output.stem} (2).{dead.pid}-ab12cd34.rendering.mp4"
    for path in (stale, live, legacy, other):
        path.write_bytes(b"x")
    burn_module.sweep_partials(output, legacy=True)
    assert not stale.exists() and not legacy.exists()
    assert live.exists() and other.exists()
    first, second = burn_module.new_partial(output), burn_module.new_partial(output)
    assert first != second and first.stat().st_size == 0 and f".{os.getpid()}-" in first.name


def test_a_stale_owner_after_a_reboot_or_a_reused_pid_is_recognised() -> None:
    me = this_owner()
    assert owner_alive(me, None)
    host, pid, boot, start = me.split(":")
    assert not owner_alive(f"{host}:{pid}:{int(boot) - 3600}:{start}", None)  # before a reboot
    assert not owner_alive(f"{host}:{pid}:{boot}:{int(start) - 500}", None)  # pid reused
    assert owner_alive(f"{host}:{pid}", None)  # older versions: the pid alone
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert not owner_alive(f"{socket.gethostname()}:{dead.pid}:{boot}:{start}", None)


def test_two_processes_cannot_both_claim_one_output(tmp_path: Path) -> None:
    store = make_project(tmp_path / "ep", None)
    out = tmp_path / "x.mp4"
    mine = RenderQueue(store.conn)
    other_conn = sqlite3.connect(store.path / DB_NAME, isolation_level=None)
    kwargs = dict(
        clip_id=1,
        clip_name="main",
        langs=["en"],
        preset="draft",
        output=out,
        log_path=tmp_path / "x.log",
        fp="f",
        cues=2,
    )
    job = mine.enqueue(None, **kwargs)  # type: ignore[arg-type]
    mine.finish(job, "failed", error="x")
    seen_by_me, seen_by_other = mine.latest(out), RenderQueue(other_conn).latest(out)
    other_conn.execute(  # the other process claims it first (as another owner)
        "UPDATE render_jobs SET status='queued', owner='elsewhere:1' WHERE id=?", (job,)
    )
    assert seen_by_other is not None
    assert mine.enqueue(seen_by_me, **kwargs) == 0  # type: ignore[arg-type]
    assert not mine.start(job)
    other_conn.close()


def test_an_orphaned_ffmpeg_is_stopped_when_its_output_is_rendered_again(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["long"])
    renders = store.folder("renders")
    with _start_render(store.path, "--lang", "en", "--preset", "web") as proc:
        orphan = _ffmpeg_writing(renders, proc)
        os.kill(orphan, signal.SIGSTOP)  # held: it can only end now by being killed
        try:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            assert not _gone(orphan)
            (again,) = render_batch(store, layouts=[["en"]], preset="web")
            deadline = time.monotonic() + 30
            while not _gone(orphan) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _gone(orphan), "the orphaned ffmpeg was left running"
        finally:
            if not _gone(orphan):
                os.kill(orphan, signal.SIGCONT)
    assert again.status == "done", again.error
    assert [p.name for p in renders.iterdir() if "rendering" in p.name] == []
