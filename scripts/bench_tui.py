"""Time the desk headlessly: start to a usable episode screen, and keystroke to saved row.

Startup is timed from process start, as a user waits for it: a fresh Python
process is started for each measurement (interpreter start and every import
count) and reports, on its clock, when the episode screen has its rows and the
editor is ready; the same clock (CLOCK_MONOTONIC) is read before starting it.

Peak memory is the app's alone: the child reads its own high-water mark of resident
memory (``VmHWM`` in ``/proc/self/status``, which starts afresh at exec), not
``getrusage``'s ``ru_maxrss``, which on Linux keeps the parent's resident size across
fork and exec.

The editor's spell checker loads its dictionaries in a second process a moment
after the desk is usable: startup is timed with it on (the default) and off
(``TTDN_DESK_SPELLING=off``, the desk as it was before it), and edits are timed
while the dictionaries load and with it off; the time until the first underlines
can show is printed too.

Usage: .venv/bin/python scripts/bench_tui.py [--cues 5000] [--runs 3]
Prints the machine and the numbers (targets: startup < 1 s, edit saved < 50 ms);
never fails on time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "tui"))


def app_peak_mb() -> float:
    """This process's own peak resident memory (Linux), in MB."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def demo_project() -> Path | None:
    try:
        from ttdn_studio.services.demo import ensure_demo
    except ImportError:
        return None
    return Path(ensure_demo())


async def ready(path: Path) -> tuple[float, int, float, float]:
    """In a fresh process: (clock when ready, rows, seconds spent importing the desk,
    peak resident memory in MB)."""
    began = time.monotonic()
    from ttdn_studio.tui.app import TtdnApp
    from ttdn_studio.tui.screens.episode import EpisodeDesk

    imported = time.monotonic() - began
    app = TtdnApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, EpisodeDesk) and app.screen.editor.editing is not None):
            await pilot.pause(0.005)
        took = time.monotonic()
        peak_mb = app_peak_mb()
        return took, app.screen.grid.row_count, imported, peak_mb


def startup(path: Path, spelling: str = "on") -> tuple[float, int, float, float]:
    """Seconds from starting a new process to the episode screen being usable (and the
    rows shown, seconds importing, peak memory in MB)."""
    env = {**os.environ, "TTDN_DESK_SPELLING": spelling}
    began = time.monotonic()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[-4]) - began, int(out[-3]), float(out[-2]), float(out[-1])


async def edits(path: Path, n: int = 20, spelling: str = "off") -> list[float]:
    """Keystroke in the editor → the row saved in the database and redrawn (with the
    spell checker on: while its dictionaries load in the second process)."""
    from ttdn_studio.tui.app import TtdnApp
    from ttdn_studio.tui.screens.episode import EpisodeDesk
    from ttdn_studio.tui.spelling import START_DELAY_S

    os.environ["TTDN_DESK_SPELLING"] = spelling
    app = TtdnApp(path)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EpisodeDesk)
        screen.editor.save_delay = 3600  # measure the save itself, not the debounce wait
        await pilot.press("enter")
        if spelling == "on":
            await pilot.pause(START_DELAY_S + 0.5)  # the dictionaries are loading now
        for _ in range(n):
            await pilot.press("x")
            began = time.perf_counter()
            screen.editor.flush()
            times.append(time.perf_counter() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cues", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="Startups timed per project.")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(*asyncio.run(ready(args.child)))
        return
    import compileall

    from desk_fixtures import build_project

    import ttdn_studio
    from ttdn_studio.machine import this_machine

    # as an installed package has it: with PYTHONDONTWRITEBYTECODE set and no __pycache__,
    # every start would compile the package's modules from source first
    compileall.compile_dir(Path(ttdn_studio.__file__).parent, quiet=1)
    print(f"machine: {this_machine().describe()}")
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
        startup(targets[0][1])  # the first start also fills the OS file cache: not counted
        peaks = []
        for label, path in targets:
            medians = {}
            for spelling in ("off", "on"):
                runs = [startup(path, spelling) for _ in range(args.runs)]
                took = medians[spelling] = statistics.median(r[0] for r in runs)
                imports = statistics.median(r[2] for r in runs)
                if spelling == "on":
                    peaks.append((label, max(r[3] for r in runs)))
                print(
                    f"startup to episode ready, {label}, spelling {spelling}: median"
                    f" {took * 1000:.0f} ms from process start over {args.runs} runs (imports"
                    f" {imports * 1000:.0f} ms; {runs[0][1]} rows; target < 1000 ms,"
                    f" ratio {took / 1.0:.2f})"
                )
            print(
                f"startup with the spell checker / without, {label}: ratio"
                f" {medians['on'] / medians['off']:.2f}"
            )
        print(
            "peak memory at ready: "
            + ", ".join(f"{label} {mb:.0f} MB" for label, mb in peaks)
            + (f" (ratio {peaks[-1][1] / peaks[0][1]:.2f})" if len(peaks) > 1 else "")
        )
        meds = {}
        for spelling, when in (("off", "spelling off"), ("on", "while the dictionaries load")):
            times = asyncio.run(edits(big, spelling=spelling))
            med = meds[spelling] = statistics.median(times)
            print(
                f"edit saved ({args.cues} cues, {when}): median {med * 1000:.1f} ms, worst"
                f" {max(times) * 1000:.1f} ms over {len(times)} edits (target < 50 ms,"
                f" ratio {med / 0.05:.2f})"
            )
        print(f"edit saved while loading / spelling off: ratio {meds['on'] / meds['off']:.2f}")
        print(f"spelling dictionaries ready (second process): {dictionaries_ready():.1f} s")


def dictionaries_ready() -> float:
    """Seconds from starting the spell checker's process to its dictionaries loaded."""
    from ttdn_studio.services.spelling import DeskSpeller

    began = time.monotonic()
    speller = DeskSpeller(["en", "km"])
    try:
        speller.load()
        return time.monotonic() - began
    finally:
        speller.close()


if __name__ == "__main__":
    main()
