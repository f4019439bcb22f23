"""Shot changes: detection on hard cuts at known frames, the QC check and its safe fix."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import MediaError
from ttdn_studio.media import ClipAnalysis
from ttdn_studio.models import Project
from ttdn_studio.qc.shots import near_frames, shot_issues
from ttdn_studio.store import NewCue, create_project, open_project

CUT_FRAMES = [37, 87, 115]  # first frames of new shots at 25 fps
CUTS_MS = [f * 40 for f in CUT_FRAMES]


@pytest.fixture(scope="module")
def cuts_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cuts") / "cuts.mp4"
    lengths = [37, 50, 28, 60]
    colours = ["red", "blue", "green", "white"]
    parts = [
        f"color=c={c}:s=160x90:r=25:d={n / 25}[v{i}];"
        for i, (c, n) in enumerate(zip(colours, lengths, strict=True))
    ]
    graph = "".join(parts) + "".join(f"[v{i}]" for i in range(4)) + "concat=n=4:v=1:a=0"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            graph,
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_detects_hard_cuts_within_a_frame(tmp_path: Path, cuts_video: Path) -> None:
    a = ClipAnalysis.open(tmp_path, "cuts", cuts_video)
    found = a.shot_changes()
    assert len(found) == len(CUTS_MS)
    assert all(abs(f - t) <= 40 for f, t in zip(found, CUTS_MS, strict=True))
    assert a.cache.path("shots-0.3.json").exists()
    assert len(a.shot_changes(0.95)) <= len(found)
    assert a.cache.path("shots-0.95.json").exists()  # each threshold cached apart
    with pytest.raises(MediaError, match="threshold"):
        a.shot_changes(1.5)


def test_frame_rate_scales_the_window() -> None:
    p25, p50 = Project(title="t", fps=25), Project(title="t", fps=50)
    assert near_frames(25) == 11 and near_frames(50) == 22
    # one frame after a cut: flagged at either rate
    assert shot_issues(1040, 3000, [1000], p25)[0].edge == "in"
    assert shot_issues(1020, 3000, [1000], p50)[0].edge == "in"
    # on the cut, or 12 frames clear of it: fine
    assert shot_issues(1000, 3000, [1000], p25) == []
    assert shot_issues(1480, 3000, [1000], p25) == []


def _project(tmp_path: Path, video: Path) -> Path:
    store = create_project(tmp_path / "p", Project(title="Cà Mau"))
    store.add_clip("cuts")
    store.set_clip_video("cuts", str(video))
    c1, c2, c3 = CUTS_MS
    store.add_cues(
        "cuts",
        [
            NewCue(200, c1 - 200, "Đất Mũi"),  # out 5 frames before cut 1: snap to 2 before
            NewCue(c1 + 120, c1 + 1200, "Cà Mau"),  # in 3 frames after cut 1: snap onto it
            NewCue(c2 - 600, c2 - 80, "đúng chỗ"),  # out exactly 2 frames before cut 2: fine
            NewCue(c2, c3 - 80, "trên cắt"),  # in on cut 2, out 2 frames before cut 3: fine
            NewCue(c3, c3 + 80, "ngắn"),  # out 2 frames after cut 3: too short to snap back
            NewCue(c3 + 160, c3 + 1000, "sát"),  # in 4 frames after cut 3: snapping would
            # overlap the cue before, so it is left alone
        ],
    )
    return store.path


def test_qc_check_and_fix_around_shot_changes(tmp_path: Path, cuts_video: Path) -> None:
    project = _project(tmp_path, cuts_video)
    code, out, err = run("qc", str(project), "--lang", "vi", "--check", "shot_change", "--json")
    assert code == 0, err  # warnings only
    found = [(f["index"], f["message"].split("-")[0]) for f in json.loads(out)["findings"]]
    assert sorted(found) == [(1, "out"), (2, "in"), (5, "out"), (6, "in")]

    code, out, err = run("qc", str(project), "--lang", "vi", "--fix", "--json")
    data = json.loads(out)
    assert data["fixed"]["shot_change"] == 2
    rows = open_project(project).cue_rows("cuts", langs=[])
    c1, c2, c3 = CUTS_MS
    times = [(r.cue.start_ms, r.cue.end_ms) for r in rows]
    assert times[0][1] == c1 - 80 and times[1][0] == c1
    assert times[2] == (c2 - 600, c2 - 80) and times[3] == (c2, c3 - 80)
    assert times[4] == (c3, c3 + 80) and times[5][0] == c3 + 160
    for (_, end), (start, _) in zip(times, times[1:], strict=False):
        assert end + 80 <= start
    left = [f["index"] for f in data["findings"] if f["check"] == "shot_change"]
    assert left == [5, 6]
    # the fix is one edit
    assert run("undo", str(project))[0] == 0
    again = [
        (r.cue.start_ms, r.cue.end_ms) for r in open_project(project).cue_rows("cuts", langs=[])
    ]
    assert again[1] == (c1 + 120, c1 + 1200)
