"""Benchmark: the yearly report over many projects, against reading their rows with raw SQL.

Builds one episode through the store API (clips of cues in Vietnamese with
English and Khmer translations, drafted by one person and approved by another,
a few lines that fail QC, delivery and draft renders), copies it into N project
folders in a temporary folder (removed afterwards), then times:

* raw SQL: open every project database and fetch the rows the report reads
  (project, clips, cues, translations, history, render_jobs);
* the report (``build_report``), first with an empty QC cache (cold), then again
  (warm: the usual case, QC results are kept per clip and language and only
  edited clips are checked again).

It prints, for a small and a large folder, the cost of each extra project in the
report as a multiple of reading its rows with raw SQL (aim: at most 5x, at 300
projects as at 10), and the machine (cores, CPU model).

Run: .venv/bin/python scripts/bench_report.py [--small 10] [--large 300] [--cues 60]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def build_template(folder: Path, cues_per_clip: int) -> None:
    from ttdn_studio.models import Project, Status
    from ttdn_studio.store import NewCue, create_project

    store = create_project(
        folder, Project(title="Cà Mau - Đất và người", target_langs=["en", "km"])
    )
    for c in range(3):
        name = f"clip-{c + 1}"
        store.add_clip(name)
        cues = [
            NewCue(i * 3000, i * 3000 + 2500, f"Câu {i} về rừng U Minh Hạ và Đất Mũi, Cà Mau.")
            for i in range(cues_per_clip)
        ]
        store.add_cues(name, cues)
        ids = [r.cue.id for r in store.cue_rows(name)]
        for lang, text in (
            ("en", "Line {i} about U Minh Ha and Dat Mui."),
            ("km", "ព្រៃកោងកាង {i}"),
        ):
            store.author = "lan"
            items = [(cue_id, lang, text.format(i=i)) for i, cue_id in enumerate(ids)]
            items[0] = (ids[0], lang, "far\ntoo\nmany lines")  # a QC error approved anyway
            store.set_translations(items, status=Status.DRAFT, origin="human")
            store.author = "minh"
            store.set_translations(items, status=Status.APPROVED, origin="human")
    with store.transaction():
        for i, preset in enumerate(("broadcast", "web", "draft")):
            store.conn.execute(
                "INSERT INTO render_jobs (clip_id, clip_name, langs, preset, output, status,"
                " fingerprint, created_at, finished_at) VALUES (1, 'clip-1', 'en,km', ?, ?,"
                " 'done', 'f', '2026-05-01T03:00:00+00:00', '2026-05-01T03:00:00+00:00')",
                (preset, f"renders/{i}.mp4"),
            )
    store.close()


def raw_sql(folders: list[Path]) -> float:
    start = time.perf_counter()
    for folder in folders:
        conn = sqlite3.connect(folder / "project.db")
        for table in ("project", "clips", "cues", "translations", "history", "render_jobs"):
            conn.execute(f"SELECT * FROM {table}").fetchall()
        conn.close()
    return time.perf_counter() - start


def report_time(projects: Path) -> float:
    from ttdn_studio.models.station import StationProfile
    from ttdn_studio.report import build_report

    start = time.perf_counter()
    build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=StationProfile())
    return time.perf_counter() - start


def measure(root: Path, template: Path, n: int) -> dict[str, float]:
    projects = root / f"projects-{n}"
    projects.mkdir()
    for i in range(n):
        shutil.copytree(template, projects / f"tap-{i:03d}")
    from ttdn_studio.report.qc_cache import cache_file

    cache_file().unlink(missing_ok=True)
    folders = sorted(p for p in projects.iterdir() if p.is_dir())
    raw = min(raw_sql(folders) for _ in range(3))
    cold = report_time(projects)
    warm = min(report_time(projects) for _ in range(2))
    return {"n": n, "raw": raw, "cold": cold, "warm": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=300)
    parser.add_argument("--cues", type=int, default=60, help="cues per clip (3 clips)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-report-") as tmp:
        root = Path(tmp)
        for name in ("data", "config"):
            (root / name).mkdir()
        os.environ["TTDN_DATA_DIR"] = str(root / "data")
        os.environ["TTDN_CONFIG_DIR"] = str(root / "config")
        template = root / "template"
        build_template(template, args.cues)
        small = measure(root, template, args.small)
        large = measure(root, template, args.large)
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}")
    print(f"each project: 3 clips x {args.cues} cues, en + km, approved, with history and renders")
    for fig in (small, large):
        n = int(fig["n"])
        print(
            f"{n:4d} projects: raw SQL {fig['raw'] * 1000:8.1f} ms, report cold "
            f"{fig['cold'] * 1000:8.1f} ms, warm {fig['warm'] * 1000:8.1f} ms"
        )
    extra = large["n"] - small["n"]
    raw_each = (large["raw"] - small["raw"]) / extra
    for kind in ("warm", "cold"):
        each = (large[kind] - small[kind]) / extra
        print(
            f"each extra project ({kind} QC cache): {each * 1000:.2f} ms = "
            f"{each / raw_each:.1f}x reading its rows with raw SQL ({raw_each * 1000:.2f} ms)"
        )
    for fig in (small, large):
        per = fig["warm"] / fig["n"]
        raw_per = fig["raw"] / fig["n"]
        print(
            f"per project at {int(fig['n'])} (warm): {per * 1000:.2f} ms = "
            f"{per / raw_per:.1f}x raw SQL"
        )


if __name__ == "__main__":
    main()
