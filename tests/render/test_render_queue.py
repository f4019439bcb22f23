"""The render queue end to end: awkward paths, failures, resume, cancel, up-to-date skipping."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.render.ffmpeg_run import RenderProgress
from ttdn_studio.services.rendering import render_batch

from .conftest import IN_CUE_S, frame, make_project, text_mask

AWKWARD = "Tập 1 'thử' [a,b]; c: d, Đất Mũi"


def test_awkward_project_video_and_output_paths(media: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / AWKWARD
    folder.mkdir()
    video = folder / "clip, 'ạ' [1]: x.mp4"
    shutil.copy(media["grey_mp3"], video)
    make_project(folder / "dự án: 'Cà Mau' [1], x", video)
    out = tmp_path / "xuất, 'bản' [2]; ư: y"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(folder / "dự án: 'Cà Mau' [1], x"),
            "--lang",
            "en",
            "--preset",
            "draft",
            "-o",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (job,) = json.loads(result.stdout)
    rendered = Path(job["output"])
    assert job["status"] == "done" and rendered.parent == out and rendered.is_file()
    assert text_mask(frame(rendered, IN_CUE_S), frame(video, IN_CUE_S)).sum() > 200
    probe = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a",
            "-show_entries",
            "stream=codec_name",
            "-of",
            "csv=p=0",
            str(rendered),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() == "aac"  # the MP3 source audio was encoded to AAC


def test_a_corrupt_clip_fails_alone_and_the_exit_code_says_so(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["grey"], clip="good")
    store.add_clip("bad", video=str(media["corrupt"]))
    store.add_clip("missing", video=str(tmp_path / "nowhere.mp4"))
    result = CliRunner().invoke(
        cli,
        ["render", str(store.path), "--lang", "en", "--preset", "draft", "--jobs", "2", "--json"],
    )
    assert result.exit_code == 1
    by_clip = {r["clip"]: r for r in json.loads(result.stdout)}
    assert by_clip["good"]["status"] == "done" and Path(by_clip["good"]["output"]).is_file()
    assert by_clip["bad"]["status"] == "failed" and "corrupt.mp4" in by_clip["bad"]["error"]
    assert by_clip["missing"]["status"] == "failed" and "not found" in by_clip["missing"]["error"]
    assert not Path(by_clip["bad"]["output"]).exists()
    assert Path(by_clip["bad"]["log"]).is_file()
    plain = CliRunner().invoke(
        cli, ["render", str(store.path), "--lang", "en", "--preset", "draft"]
    )
    assert (
        plain.exit_code == 1 and "up to date" in plain.output and "did not finish" in plain.output
    )


def test_second_run_skips_up_to_date_outputs_and_an_edit_renders_again(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    first = render_batch(store, layouts=[["en"], ["km"]], preset="draft")
    assert [r.status for r in first] == ["done", "done"]
    stamp = first[0].output.stat().st_mtime_ns
    assert [r.status for r in render_batch(store, layouts=[["en"], ["km"]], preset="draft")] == [
        "skipped",
        "skipped",
    ]
    cue = store.cue_rows("main")[0].cue
    store.edit_translation(
        cue.id, "en", "At the southern tip of Vietnam", expected_version=None, status="approved"
    )
    again = render_batch(store, layouts=[["en"], ["km"]], preset="draft")
    assert [r.status for r in again] == ["done", "skipped"]
    assert first[0].output.stat().st_mtime_ns != stamp
    assert (
        store.conn.execute("SELECT COUNT(*) FROM render_jobs").fetchone()[0] == 2
    )  # one row per output


def _dead_owner() -> str:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return f"{socket.gethostname()}:{proc.pid}"


def test_a_job_left_running_by_a_dead_process_is_rendered_again(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    (done,) = render_batch(store, layouts=[["en"]], preset="draft")
    done.output.unlink()  # the crash happened mid-render: no final file
    store.conn.execute(
        "UPDATE render_jobs SET status='running', finished_at=NULL, owner=?", (_dead_owner(),)
    )
    (resumed,) = render_batch(store, layouts=[["en"]], preset="draft")
    assert resumed.status == "done" and resumed.output.is_file()
    assert store.conn.execute("SELECT status FROM render_jobs").fetchone()[0] == "done"


def test_a_killed_render_leaves_no_final_file_and_the_next_run_resumes(
    media: dict[str, Path], tmp_path: Path
) -> None:
    """``ttdn render`` killed (with its ffmpeg) mid-job; the next run finishes the batch."""
    store = make_project(tmp_path / "ep", media["long"])
    renders = store.folder("renders")
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ttdn_studio",
            "render",
            str(store.path),
            "--lang",
            "en",
            "--lang",
            "km",
            "--preset",
            "web",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as proc:
        deadline = time.monotonic() + 60
        while not list(renders.glob(".*rendering*")) and time.monotonic() < deadline:
            assert proc.poll() is None, "the render ended before it could be killed"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)
    killed = store.conn.execute(
        "SELECT output FROM render_jobs WHERE status = 'running'"
    ).fetchall()
    # one job, or two side by side on two cores: no final file for a killed job
    assert killed and not any(Path(output).exists() for (output,) in killed)
    resumed = render_batch(store, layouts=[["en"], ["km"]], preset="web")
    assert {r.status for r in resumed} <= {"done", "skipped"} and "done" in {
        r.status for r in resumed
    }
    assert all(r.output.is_file() for r in resumed)
    assert not list(renders.glob(".*rendering*"))  # the killed job's partial file is gone
    assert [r.status for r in render_batch(store, layouts=[["en"], ["km"]], preset="web")] == [
        "skipped",
        "skipped",
    ]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_interrupting_ttdn_render_stops_ffmpeg_and_keeps_no_unfinished_file(
    media: dict[str, Path], tmp_path: Path, signum: int
) -> None:
    """Ctrl+C or ``kill`` on the ttdn process alone (not its ffmpeg) ends the render at once."""
    store = make_project(tmp_path / "ep", media["long"])
    renders = store.folder("renders")
    # a test runner started in the background passes SIGINT on as ignored: undo that, as a
    # terminal would have it
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ttdn_studio",
            "render",
            str(store.path),
            "--lang",
            "en",
            "--preset",
            "broadcast",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as proc:
        deadline = time.monotonic() + 60
        while not list(renders.glob(".*rendering*")) and time.monotonic() < deadline:
            assert proc.poll() is None, "the render ended before it could be interrupted"
            time.sleep(0.01)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "interrupted; saved work is kept" in err
    assert not list(renders.glob("*.mp4")) and not list(renders.glob(".*rendering*"))
    assert list(renders.glob("*.log")), "the ffmpeg log is kept"
    assert store.conn.execute("SELECT status FROM render_jobs").fetchone()[0] == "cancelled"
    assert not _ffmpeg_writing_to(renders), "no ffmpeg left running"


def _ffmpeg_writing_to(folder: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "ffmpeg" in cmdline and str(folder) in cmdline:
            found.append(int(proc.name))
    return found


def test_a_job_running_in_a_live_process_is_not_started_twice(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", None)
    store.set_clip_video("main", str(media["grey"]))
    (done,) = render_batch(store, layouts=[["en"]], preset="draft")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            store.conn.execute(
                "UPDATE render_jobs SET status='running', owner=?, fingerprint='x'",
                (f"{socket.gethostname()}:{other.pid}",),
            )
            (busy,) = render_batch(store, layouts=[["en"]], preset="draft")
        finally:
            other.kill()
    assert busy.status == "failed" and "another process" in (busy.error or "")
    assert done.output.is_file()


@pytest.mark.real_speed
def test_cancel_stops_ffmpeg_leaves_no_file_and_keeps_the_log(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["long"])
    cancel = threading.Event()
    seen: list[RenderProgress] = []

    def progress(key: str, p: RenderProgress) -> None:
        seen.append(p)
        cancel.set()

    (result,) = render_batch(
        store, layouts=[["en"]], preset="broadcast", progress=progress, cancel=cancel
    )
    assert seen and seen[0].percent < 100
    assert all(p.percent < 100 for p in seen), "a cancelled render is never shown as complete"
    assert result.status == "cancelled"
    assert not result.output.exists()
    assert not list(result.output.parent.glob(".*rendering*"))
    assert result.log_path is not None and "ffmpeg" in result.log_path.read_text()
    assert store.conn.execute("SELECT status FROM render_jobs").fetchone()[0] == "cancelled"
