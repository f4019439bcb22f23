"""Rendering on a Dask cluster (LocalCluster: real worker processes on loopback)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ttdn_studio.errors import RenderError
from ttdn_studio.render.executors import DaskExecutor
from ttdn_studio.services.rendering import render_batch
from ttdn_studio.store.render_jobs import RenderQueue

from .conftest import make_project

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    try:
        local = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        )
    except OSError as exc:  # a machine that cannot start worker processes
        pytest.skip(f"cannot start a local Dask cluster here ({exc})")
    client = distributed.Client(local)
    try:
        yield client
    finally:
        client.close()
        local.close()


def frame_hashes(video: Path) -> list[str]:
    """MD5 of each decoded frame (what a viewer sees, whatever the container says)."""
    out = subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(video), "-f", "framemd5", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.rsplit(",", 1)[1].strip() for line in out.splitlines() if line[:1].isdigit()]


@pytest.mark.slow
def test_cluster_renders_what_the_local_executor_renders(
    cluster: object, media: dict[str, Path], tmp_path: Path
) -> None:
    local = make_project(tmp_path / "local", media["grey"])
    remote = make_project(tmp_path / "remote", media["grey"])
    layouts = [["en"], ["km", "en"]]
    here = render_batch(local, layouts=layouts, preset="draft")
    executor = DaskExecutor(cluster)
    there = render_batch(remote, layouts=layouts, preset="draft", executor=executor)
    assert [r.status for r in there] == ["done", "done"], [r.error for r in there]
    for a, b in zip(here, there, strict=True):
        assert frame_hashes(a.output) == frame_hashes(b.output)
        assert b.log_path is not None and b.log_path.is_file()  # the worker's log came back
    # the coordinator recorded each job once; nothing else wrote the database
    rows = RenderQueue(remote.conn).rows()
    assert sorted(r["status"] for r in rows) == ["done", "done"]
    # again: up to date, nothing sent to the cluster
    again = render_batch(remote, layouts=layouts, preset="draft", executor=executor)
    assert [r.status for r in again] == ["skipped", "skipped"]


@pytest.mark.slow
def test_shared_media_with_a_path_map(
    cluster: object, media: dict[str, Path], tmp_path: Path
) -> None:
    link = tmp_path / "as-the-workers-see-it"
    link.symlink_to(media["grey"].parent)
    store = make_project(tmp_path / "ep", media["grey"])
    executor = DaskExecutor(
        cluster, media="shared", path_map=(str(media["grey"].parent), str(link))
    )
    [result] = render_batch(store, layouts=[["en"]], preset="draft", executor=executor)
    assert result.status == "done", result.error
    wrong = DaskExecutor(cluster, media="shared", path_map=(str(media["grey"].parent), "/nope"))
    store2 = make_project(tmp_path / "ep2", media["grey"])
    [failed] = render_batch(store2, layouts=[["en"]], preset="draft", executor=wrong)
    assert failed.status == "failed"
    assert "worker cannot read the video" in (failed.error or "")
    assert not failed.output.exists()


@pytest.mark.slow
def test_a_worker_killed_mid_job_is_replaced_and_the_file_is_whole(
    cluster: object, media: dict[str, Path], tmp_path: Path
) -> None:
    client = cluster
    store = make_project(tmp_path / "ep", media["long"])
    pids = client.run(os.getpid)  # type: ignore[attr-defined]
    killed: list[int] = []

    def kill_the_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for address, tasks in client.processing().items():  # type: ignore[attr-defined]
                if tasks and address in pids:
                    time.sleep(0.5)  # let ffmpeg get going
                    os.kill(pids[address], signal.SIGKILL)
                    killed.append(pids[address])
                    return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_busy_worker)
    killer.start()
    [result] = render_batch(
        store, layouts=[["en"]], preset="broadcast", executor=DaskExecutor(client)
    )
    killer.join()
    assert killed, "no worker was seen running the job"
    assert result.status == "done", result.error
    probe = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
            str(result.output),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert abs(float(probe.stdout) - 8.0) < 0.2
    assert hashlib.md5(result.output.read_bytes()).hexdigest()  # a readable, whole file


def test_an_unreachable_cluster_is_a_clear_error() -> None:
    with pytest.raises(RenderError, match="cannot reach the render cluster"):
        DaskExecutor("tcp://127.0.0.1:9", timeout_s=1)
