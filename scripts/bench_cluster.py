"""Benchmark: a night's batch on this machine alone vs. on a Dask cluster of 2 workers.

Generates N short clips (lavfi testsrc2 + sine, 640x360), each with three cues in
English, and renders all of them with the same preset twice: the local executor
with one job at a time, then a ``LocalCluster`` of 2 worker processes (1 thread
each) through ``ttdn render``'s Dask executor (videos sent with the tasks, files
sent back, checked and recorded on the coordinator). Prints both wall times, the
ratio, and the scheduler's own overhead per job (a no-op task's round trip).
Never fails on time.

    .venv/bin/python scripts/bench_cluster.py [--clips 8] [--seconds 6] [--preset web]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from ttdn_studio.models import Project, Status
from ttdn_studio.render.executors import DaskExecutor
from ttdn_studio.services.rendering import render_batch
from ttdn_studio.store import create_project
from ttdn_studio.store.project_store import NewCue


def machine() -> str:
    from ttdn_studio.machine import this_machine

    return this_machine().describe()


def make_clip(path: Path, seconds: int) -> None:
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size=640x360:rate=25:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ],
        check=True,
    )


def make_project(folder: Path, clips: list[Path]) -> Path:
    store = create_project(folder, Project(title="Cà Mau - Đất và người", targets=["en"]))
    for i, clip in enumerate(clips):
        name = f"clip-{i + 1:02d}"
        store.add_clip(name, video=str(clip))
        store.add_cues(
            name,
            [
                NewCue(
                    500 + 2000 * k,
                    2000 + 2000 * k,
                    "Rừng đước Năm Căn",
                    {"en": "The Nam Can mangrove forest"},
                    {"en": Status.APPROVED},
                )
                for k in range(3)
            ],
        )
    store.close()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clips", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--preset", default="web")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from ttdn_studio.store import open_project

    with tempfile.TemporaryDirectory(prefix="ttdn-bench-cluster-") as tmp:
        base = Path(tmp)
        clips = []
        for i in range(args.clips):
            clips.append(base / f"source-{i}.mp4")
            make_clip(clips[-1], args.seconds)
        local_dir = make_project(base / "local", clips)
        cluster_dir = make_project(base / "cluster", clips)

        with open_project(local_dir) as store:
            started = time.perf_counter()
            results = render_batch(store, layouts=[["en"]], preset=args.preset, jobs=1)
            local_s = time.perf_counter() - started
        assert all(r.status == "done" for r in results), [r.error for r in results]

        with (
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.submit(int, 0).result()  # workers warm
            rounds = 200
            started = time.perf_counter()
            for n in range(rounds):
                client.submit(int, n, pure=False).result()
            overhead_ms = (time.perf_counter() - started) / rounds * 1000
            with open_project(cluster_dir) as store:
                started = time.perf_counter()
                results = render_batch(
                    store,
                    layouts=[["en"]],
                    preset=args.preset,
                    executor=DaskExecutor(client),
                )
                cluster_s = time.perf_counter() - started
        assert all(r.status == "done" for r in results), [r.error for r in results]

    print(f"machine: {machine()}")
    print(f"{args.clips} clips × {args.seconds} s, preset {args.preset}")
    print(f"local, 1 job at a time:   {local_s:6.2f} s")
    print(f"cluster, 2 workers:       {cluster_s:6.2f} s")
    print(f"ratio local / cluster:    {local_s / cluster_s:6.2f}x")
    print(f"scheduler round trip:     {overhead_ms:6.2f} ms per job")


if __name__ == "__main__":
    main()
