"""Four desks on one project at once: edits, approvals, undo and renders from four processes.

Each process is one person working as the desk does (the same store and service
calls, with the optimistic version check the editor uses) for a few seconds. Every
outcome is logged; then the test checks that nothing was lost or doubled:

* no "database is locked" (or any other unexpected error) reached a person;
* every edit that reported success is in the project's history, or was undone by its
  own author (undo is per person);
* no lost update: two successful edits of one text never started from the same version
  (the second one must have been answered with the conflict message instead);
* ffmpeg never ran twice at the same time for one output (the render queue's claim).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from clips import lavfi_clip

from ttdn_studio.models import Project
from ttdn_studio.store import NewCue, create_project

SECONDS = 12
PEOPLE = ["lan", "nam", "hoa", "minh"]

DESK = r"""
import json, random, sys, time
from pathlib import Path
from ttdn_studio.errors import HistoryError, StaleEditError, TtdnError, ValidationError
from ttdn_studio.render.executors import LocalExecutor
from ttdn_studio.services.rendering import render_batch
from ttdn_studio.services.workflow import set_status
from ttdn_studio.store import open_project

project, log_path, seed, seconds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
rng = random.Random(seed)
out = log_path.open("w")

def log(**entry):
    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    out.flush()

class Logged(LocalExecutor):
    def burn(self, job, *, progress, cancel):
        start = time.time()
        try:
            return super().burn(job, progress=progress, cancel=cancel)
        finally:
            log(op="ffmpeg", output=str(job.output), start=start, end=time.time())

with open_project(project) as store:
    cues = [r.cue.id for r in store.cue_rows("main")]
    # everyone opens the first cue, then all save at the same moment: one wins, the
    # others must be told someone changed it meanwhile
    before = store.translation(cues[0], "en").version
    ready = Path(sys.argv[6])
    (ready / sys.argv[5]).touch()
    while len(list(ready.iterdir())) < 4:  # every desk has read the cue
        time.sleep(0.01)
    time.sleep(max(0.0, max(f.stat().st_mtime for f in ready.iterdir()) + 0.3 - time.time()))
    try:
        store.edit_translation(cues[0], "en", f"{sys.argv[5]} 0", expected_version=before)
        log(op="edit", ok=True, cue=cues[0], expected=before, text=f"{sys.argv[5]} 0")
    except StaleEditError as exc:
        log(op="edit", ok=False, kind="conflict", message=str(exc))
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
        op = rng.choices(["edit", "approve", "undo", "render"], [60, 15, 15, 10])[0]
        cue = rng.choice(cues)
        try:
            if op == "edit":
                before = store.translation(cue, "en").version
                time.sleep(rng.uniform(0, 0.1))  # typing
                text = f"{sys.argv[5]} {n}"
                store.edit_translation(cue, "en", text, expected_version=before)
                log(op="edit", ok=True, cue=cue, expected=before, text=text)
            elif op == "approve":
                before = store.translation(cue, "en").version
                changed = set_status(store, [cue], "en", "approved", expected_versions={cue: before})
                log(op="approve", ok=True, cue=cue, expected=before, wrote=changed > 0)
            elif op == "undo":
                # the entry my undo takes back: my latest edit in effect (no one else can
                # undo it meanwhile, and this desk makes no other edit meanwhile)
                mine = store.conn.execute(
                    "SELECT changes FROM history WHERE undone = 0 AND author = ?"
                    " ORDER BY id DESC LIMIT 1", (store.author,)).fetchone()
                what = store.undo()
                log(op="undo", ok=True, what=what, changes=mine[0])
            else:
                results = render_batch(
                    store, layouts=[["en"]], preset="draft", min_status="draft",
                    executor=Logged(),
                )
                log(op="render", ok=True, statuses=[r.status for r in results],
                    errors=[r.error for r in results])
        except StaleEditError as exc:
            log(op=op, ok=False, kind="conflict", message=str(exc))
        except (HistoryError, ValidationError) as exc:
            log(op=op, ok=False, kind="refused", message=str(exc))
        except TtdnError as exc:
            log(op=op, ok=False, kind="error", message=str(exc))
        except Exception as exc:
            log(op=op, ok=False, kind="bug", message=repr(exc))
"""


@pytest.mark.slow
def test_four_desks_at_once_lose_nothing(tmp_path: Path) -> None:
    video = lavfi_clip(tmp_path / "clip.mp4", 2.0, size="320x180")
    store = create_project(tmp_path / "ep", Project(title="Cà Mau - Đất và người", targets=["en"]))
    store.add_clip("main", video=str(video))
    store.add_cues(
        "main",
        [
            NewCue(500 + 300 * i, 700 + 300 * i, f"Câu số {i}", {"en": f"Line {i}"})
            for i in range(6)
        ],
    )
    store.close()
    logs = [tmp_path / f"{name}.jsonl" for name in PEOPLE]
    ready = tmp_path / "ready"  # each desk says here that it has read the first cue
    ready.mkdir()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                DESK,
                str(tmp_path / "ep"),
                str(log),
                str(i),
                str(SECONDS),
                name,
                str(ready),
            ],
            env={**os.environ, "TTDN_USER": name},
        )
        for i, (name, log) in enumerate(zip(PEOPLE, logs, strict=True))
    ]
    for proc in procs:
        assert proc.wait(timeout=SECONDS + 120) == 0
    entries = [json.loads(line) for log in logs for line in log.read_text().splitlines()]
    ops = defaultdict(int)
    for e in entries:
        ops[(e["op"], e.get("ok"))] += 1
    assert ops[("edit", True)] > 20 and ops[("render", True)] > 0, dict(ops)
    # the four saves at one moment: one stored, three told of the conflict
    first = [e for e in entries if e["op"] == "edit" and e.get("text", "").endswith(" 0")]
    assert len(first) == 1, first
    assert ops[("edit", False)] >= len(PEOPLE) - 1, dict(ops)

    # nothing unexpected reached a person: no "database is locked", no traceback
    problems = [e for e in entries if e.get("kind") in ("error", "bug")]
    assert not problems, problems[:5]

    # every successful edit was stored (it is in the history, whatever came after it)
    import sqlite3

    conn = sqlite3.connect(tmp_path / "ep" / "project.db")
    history = "\n".join(r[0] for r in conn.execute("SELECT changes FROM history"))
    history += "\n".join(e["changes"] for e in entries if e["op"] == "undo" and e["ok"])
    missing = [  # an edit's only way out of the history: its own author undid it
        e["text"] for e in entries if e["op"] == "edit" and e["ok"] and e["text"] not in history
    ]
    assert not missing, missing[:5]

    # no lost update: per cue, successful writes started from different versions
    started_from = defaultdict(list)
    for e in entries:
        if e.get("ok") and (e["op"] == "edit" or (e["op"] == "approve" and e["wrote"])):
            started_from[e["cue"]].append(e["expected"])
    for cue, versions in started_from.items():
        assert len(versions) == len(set(versions)), (cue, sorted(versions))

    # ffmpeg ran at most once at a time per output
    runs = defaultdict(list)
    for e in entries:
        if e["op"] == "ffmpeg":
            runs[e["output"]].append((e["start"], e["end"]))
    assert runs
    for spans in runs.values():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start >= end, spans
