"""Time the desk headlessly: start to a usable episode screen, and keystroke to saved row.

Usage: .venv/bin/python scripts/bench_tui.py [--cues 5000]
Prints the numbers (targets: startup < 1 s, edit saved < 50 ms); never fails on time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "tui"))


def demo_project() -> Path | None:
    try:
        from ttdn_studio.services.demo import ensure_demo
    except ImportError:
        return None
    return Path(ensure_demo())


async def startup(path: Path) -> tuple[float, int]:
    from ttdn_studio.tui.app import TtdnApp
    from ttdn_studio.tui.screens.episode import EpisodeScreen

    began = time.perf_counter()
    app = TtdnApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, EpisodeScreen) and app.screen.editor.editing is not None):
            await pilot.pause(0.005)
        took = time.perf_counter() - began
        return took, app.screen.grid.row_count


async def edits(path: Path, n: int = 20) -> list[float]:
    """Keystroke in the editor → the row saved in the database and redrawn."""
    from ttdn_studio.tui.app import TtdnApp
    from ttdn_studio.tui.screens.episode import EpisodeScreen

    app = TtdnApp(path)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EpisodeScreen)
        screen.editor.save_delay = 3600  # measure the save itself, not the debounce wait
        await pilot.press("enter")
        for _ in range(n):
            await pilot.press("x")
            began = time.perf_counter()
            screen.editor.flush()
            times.append(time.perf_counter() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cues", type=int, default=5000)
    args = parser.parse_args()
    from desk_fixtures import build_project

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("TTDN_DATA_DIR", "TTDN_CONFIG_DIR"):
            os.environ.setdefault(name, str(Path(tmp) / name))
        big = Path(tmp) / "big"
        t0 = time.perf_counter()
        build_project(big, cues=args.cues).close()
        print(f"built a {args.cues}-cue project in {time.perf_counter() - t0:.2f} s")
        demo = demo_project()
        targets = ([("demo", demo)] if demo else []) + [(f"{args.cues} cues", big)]
        if demo is None:
            print("demo: services.demo is not available; skipped")
        for label, path in targets:
            took, rows = asyncio.run(startup(path))
            print(f"startup to episode ready, {label}: {took * 1000:.0f} ms ({rows} rows; target < 1000 ms,"
                  f" ratio {took / 1.0:.2f})")
        times = asyncio.run(edits(big))
        med = statistics.median(times)
        print(f"edit saved ({args.cues} cues): median {med * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms"
              f" over {len(times)} edits (target < 50 ms, ratio {med / 0.05:.2f})")


if __name__ == "__main__":
    main()
