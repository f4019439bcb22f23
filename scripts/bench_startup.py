"""Start-up of the ``ttdn`` command against a bare Python start (ratios, best of N runs).

    .venv/bin/python scripts/bench_startup.py [--runs 15] [--project DIR]

Prints the machine (cores, CPU model), the least CPU time of each command over the runs
and its ratio to ``python -c pass`` in the same environment. With --project, also
``ttdn status PROJECT --lang en`` (the demo: ``ttdn demo --path DIR --no-video`` first).

The package's bytecode is compiled first, as an installed package has it: with
``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__``, every start would compile about
forty modules from source (70 ms of the 275 ms ``ttdn status`` once measured here).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import subprocess
import sys
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def best_of(cmd: list[str], runs: int) -> float:
    """The least CPU time (user + system) the command's process took over ``runs`` runs:
    on a shared machine CPU time varies far less than wall time."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    ttdn = str(Path(sys.executable).parent / "ttdn")
    package = Path(__file__).resolve().parent.parent / "ttdn_studio"
    compileall.compile_dir(package, quiet=1)
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}")
    bare = best_of([sys.executable, "-c", "pass"], args.runs)
    rows = [
        ("python -c pass", bare),
        ("python -c 'import click'", best_of([sys.executable, "-c", "import click"], args.runs)),
        ("ttdn --help", best_of([ttdn, "--help"], args.runs)),
        ("ttdn --version", best_of([ttdn, "--version"], args.runs)),
        ("ttdn status --help", best_of([ttdn, "status", "--help"], args.runs)),
    ]
    if args.project is not None:
        rows.append(
            (
                "ttdn status DEMO --lang en",
                best_of([ttdn, "status", str(args.project), "--lang", "en"], args.runs),
            )
        )
    load = os.getloadavg()[0]
    print(f"load average (1 min) before the runs ended: {load:.1f}")
    for name, seconds in rows:
        print(f"{name:<30} {seconds * 1000:7.1f} ms CPU  {seconds / bare:5.2f}x bare Python")


if __name__ == "__main__":
    main()
