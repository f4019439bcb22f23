"""Benchmark: import a generated 10,000-cue SRT into a fresh project.

Prints cues per second and the time of each phase (read + parse, store write).
Run: .venv/bin/python scripts/bench_import.py [--cues N]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from ttdn_studio.models import Project
from ttdn_studio.store import create_project

LINES = ["Cà Mau - Đất và người, mùa nước nổi", "Rừng U Minh Hạ xanh ngát", "{\\i1}Đất Mũi{\\i0} cực Nam"]


def make_srt(path: Path, count: int) -> None:
    def stamp(ms: int) -> str:
        s, ms = divmod(ms, 1000)
        m, s = divmod(s, 60)
        h, m = divmod(m, 60)
        return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"

    blocks = []
    for i in range(count):
        start = i * 2500
        text = LINES[i % 3].replace("{\\i1}", "<i>").replace("{\\i0}", "</i>")
        blocks.append(f"{i + 1}\n{stamp(start)} --> {stamp(start + 2000)}\n{text}\ndòng {i}\n")
    path.write_text("\n".join(blocks), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cues", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="print the 15 costliest functions")
    args = parser.parse_args()
    from ttdn_studio.services import importing

    with tempfile.TemporaryDirectory() as tmp:
        srt = Path(tmp) / "episode.srt"
        make_srt(srt, args.cues)
        store = create_project(Path(tmp) / "project", Project(title="bench"))
        store.project  # warm the connection
        profiler = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        plan = importing._plan(store, srt, "vi", None)
        t1 = time.perf_counter()
        if profiler:
            profiler.enable()
        store2 = create_project(Path(tmp) / "project2", Project(title="bench"))
        t2 = time.perf_counter()
        report = importing.import_file(store2, srt)
        t3 = time.perf_counter()
        if profiler:
            profiler.disable()
        assert plan.subtitles is not None
        total = t3 - t2
        print(f"cues imported:          {report.created}")
        print(f"read + decode + parse:  {t1 - t0:.3f} s")
        print(f"whole import:           {total:.3f} s  ({report.created / total:,.0f} cues/s)")
        print(f"store share:            {(total - (t1 - t0)) / total:.0%} of the import")
        print(f"vs 1 s target:          {total:.2f}x")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
