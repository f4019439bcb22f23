"""Benchmark: rendering several clips one at a time vs side by side (``--jobs``).

Generates N 1080p clips (lavfi testsrc2 + sine) and renders them all with the
``broadcast`` preset through ``render_batch`` three ways:

* ``--jobs 1``: one ffmpeg at a time, with ffmpeg's own threads (every core);
* ``--jobs 2``, each ffmpeg with its own full set of threads (how ``--jobs 2`` ran before);
* ``--jobs 2``, the cores shared out (each ffmpeg ``-threads cores // jobs``: how parallel
  jobs run now, and on 2 cores the default for two clips or more).

Prints the machine, the wall times and the ratios against ``--jobs 1`` (below 1: parallel
jobs help), and the CPU time the ffmpeg processes used (user + system of the children):
on a machine shared with other work the wall time follows the neighbours (and a leg with
more threads takes a larger share of a loaded machine), while the CPU time says how much
work each way costs. Never fails on time; the rule it informs is
``render.executors.local_plan``.

    .venv/bin/python scripts/bench_jobs.py [--clips 4] [--seconds 6] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import LINES, make_clip  # noqa: E402

from ttdn_studio.machine import this_machine  # noqa: E402
from ttdn_studio.models import Project, Status  # noqa: E402
from ttdn_studio.render.executors import LocalExecutor, local_plan  # noqa: E402
from ttdn_studio.services.rendering import render_batch  # noqa: E402
from ttdn_studio.store import create_project  # noqa: E402
from ttdn_studio.store.project_store import NewCue  # noqa: E402


def build(folder: Path, clips: int, seconds: int) -> Path:
    store = create_project(folder / "ep", Project(title="Bench"))
    for i in range(clips):
        video = folder / f"clip{i}.mp4"
        make_clip(video, seconds)
        name = f"clip-{i}"
        store.add_clip(name, video=str(video))
        cues = [
            NewCue(
                t * 1000 + 100,
                t * 1000 + 2900,
                vi,
                translations={"en": en, "km": km},
                statuses={"en": Status.APPROVED, "km": Status.APPROVED},
            )
            for t, (vi, en, km) in zip(range(0, seconds - 2, 3), LINES * seconds, strict=False)
        ]
        store.add_cues(name, cues)
    store.close()
    return folder / "ep"


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(project: Path, out: Path, jobs: int, threads: int | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the ffmpeg and ffprobe processes)."""
    from ttdn_studio.store import open_project

    with open_project(project) as store:
        cpu = _children_cpu()
        started = time.perf_counter()
        results = render_batch(
            store,
            layouts=[["km", "en"]],
            preset="broadcast",
            jobs=jobs,
            out_dir=out,
            executor=LocalExecutor(threads=threads),
        )
        took = time.perf_counter() - started
        cpu = _children_cpu() - cpu
    failed = [r for r in results if r.status != "done"]
    if failed:
        raise SystemExit(f"render failed: {failed[0].error}")
    return took, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    machine = this_machine()
    legs = {
        "jobs 1, ffmpeg's threads": (1, None),
        "jobs 2, ffmpeg's threads each": (2, 0),
        "jobs 2, cores shared out": (2, None),
    }
    times: dict[str, list[float]] = {name: [] for name in legs}
    cpus: dict[str, list[float]] = {name: [] for name in legs}
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-") as tmp:
        folder = Path(tmp)
        project = build(folder, args.clips, args.seconds)
        n = 0
        for _ in range(args.rounds):
            for name, (jobs, threads) in legs.items():
                n += 1
                wall, cpu = run(project, folder / f"out{n}", jobs, threads)
                times[name].append(wall)
                cpus[name].append(cpu)
    print(f"machine: {machine.describe()}")
    print(f"{args.clips} clips of {args.seconds} s 1920x1080 25 fps, broadcast preset, km+en")
    plan = local_plan(machine.cores, waiting=args.clips, memory_mb=machine.memory_mb)
    print(f"default plan here for {args.clips} clips: {plan.describe()}")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    base = min(times["jobs 1, ffmpeg's threads"])
    base_cpu = min(cpus["jobs 1, ffmpeg's threads"])
    for name, runs in times.items():
        best, cpu = min(runs), min(cpus[name])
        print(
            f"{name:32s} wall {best:7.2f} s (ratio {best / base:5.2f})"
            f"   ffmpeg CPU {cpu:7.2f} s (ratio {cpu / base_cpu:5.2f})"
        )


if __name__ == "__main__":
    main()
