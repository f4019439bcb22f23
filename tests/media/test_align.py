"""`ttdn align` on espeak-ng narration with exact ground truth (clean and under music)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from media.conftest import Narration
from media.narration import Line
from ttdn_studio.cli import cli
from ttdn_studio.media.align import TIMING_CHECK
from ttdn_studio.models import Project
from ttdn_studio.store import NewCue, ProjectStore, create_project, open_project
from ttdn_studio.store.timing import cue_flags


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def make_project(path: Path, truth: list[Line], video: Path | None) -> ProjectStore:
    store = create_project(path, Project(title="Cà Mau - Đất và người"))
    store.add_clip("tap1")
    # estimated-looking times, far from the voice
    store.add_cues("tap1", [NewCue(i * 2500, i * 2500 + 2400, x.text) for i, x in enumerate(truth)])
    if video is not None:
        store.set_clip_video("tap1", str(video))
    return store


def check_accuracy(cues: list[dict[str, int]], truth: list[Line]) -> None:
    assert len(cues) == len(truth)
    starts_ok = [
        abs(c["start_ms"] - t.speech_start_ms) <= 100 for c, t in zip(cues, truth, strict=False)
    ]
    assert sum(starts_ok) >= 0.9 * len(truth), [
        (i, c["start_ms"], t.speech_start_ms)
        for i, (c, t, ok) in enumerate(zip(cues, truth, starts_ok, strict=False))
        if not ok
    ]
    late = [
        (i, c["end_ms"], t.speech_end_ms)
        for i, (c, t) in enumerate(zip(cues, truth, strict=False))
        if c["end_ms"] < t.speech_end_ms - 100
    ]
    assert not late
    for a, b in zip(cues, cues[1:], strict=False):
        assert a["end_ms"] + 80 <= b["start_ms"]  # no overlap, 2-frame gap at 25 fps


@pytest.mark.parametrize("variant", ["clean", "music"])
def test_align_times_cues_to_the_voice(tmp_path: Path, narration: Narration, variant: str) -> None:
    video = narration.clean if variant == "clean" else narration.music
    store = make_project(tmp_path / "p", narration.truth, video)
    before = [(r.cue.start_ms, r.cue.end_ms) for r in store.cue_rows("tap1", langs=[])]
    code, out, err = run("align", str(store.path), "--clip", "tap1", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"][0]["cues"] == len(narration.truth)
    assert set(data["cues"][0]) == {
        "clip",
        "index",
        "start_ms",
        "end_ms",
        "speech_start_ms",
        "speech_end_ms",
        "confidence",
    }
    check_accuracy(data["cues"], narration.truth)
    # the store holds the same times, texts unchanged, and one undo puts them back
    after = open_project(store.path)
    rows = after.cue_rows("tap1", langs=[])
    assert [(r.cue.start_ms, r.cue.end_ms) for r in rows] == [
        (c["start_ms"], c["end_ms"]) for c in data["cues"]
    ]
    assert [r.cue.text for r in rows] == [x.text for x in narration.truth]
    assert run("undo", str(store.path))[0] == 0
    undone = open_project(store.path).cue_rows("tap1", langs=[])
    assert [(r.cue.start_ms, r.cue.end_ms) for r in undone] == before


def test_lines_read_without_a_pause_are_flagged(tmp_path: Path, narration: Narration) -> None:
    """Three lines run together in one breath: their cuts are guesses, so they are flagged."""
    import numpy as np

    from media.narration import RATE, speak, write_clip

    texts = [t.text.rstrip(".").replace("\n", " ") for t in narration.truth[5:11]]
    pause = np.zeros(RATE // 2, np.float32)
    run_on = speak(" ".join(texts[1:4]).replace(",", ""), 170)
    audio = np.concatenate(
        [
            pause,
            speak(texts[0], 170),
            pause,
            run_on,
            pause,
            speak(texts[4], 170),
            pause,
            speak(texts[5], 170),
            pause,
        ]
    )
    video = write_clip(audio, tmp_path / "run_on.mkv", tmp_path)
    store = make_project(tmp_path / "p", [Line(t, 0, 0) for t in texts], video)
    code, out, err = run("align", str(store.path), "--clip", "tap1")
    assert code == 0, err
    assert "6 cues" in out and "to check" in out
    after = open_project(store.path)
    ids = [r.cue.id for r in after.cue_rows("tap1", langs=[])]
    flags = cue_flags(after, "tap1")
    assert all(f == [TIMING_CHECK] for f in flags.values())
    assert ids[0] not in flags and ids[5] not in flags
    assert sum(cid in flags for cid in ids[1:4]) >= 2
    listed = "flagged timing-check (listen to these): " + ", ".join(
        f"#{ids.index(cid) + 1}" for cid in sorted(flags, key=ids.index)
    )
    assert listed in out
    # aligning again after the user fixed the timing elsewhere keeps one flag per cue
    assert run("align", str(store.path), "--clip", "tap1")[0] == 0
    assert all(f == [TIMING_CHECK] for f in cue_flags(open_project(store.path), "tap1").values())


def _lavfi(path: Path, audio: str | None, seconds: float = 3.0) -> Path:
    cmd = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"color=c=gray:s=64x36:r=25:d={seconds}"]
    if audio:
        cmd += ["-f", "lavfi", "-i", f"{audio}:d={seconds}" if "=" in audio else audio, "-shortest"]
    subprocess.run(
        [*cmd, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "flac", str(path)], check=True
    )
    return path


def test_clear_errors_leave_the_timing_untouched(tmp_path: Path, narration: Narration) -> None:
    truth = narration.truth
    # no video
    store = make_project(tmp_path / "a", truth, None)
    code, _, err = run("align", str(store.path), "--clip", "tap1")
    assert code == 1 and "has no video" in err and "Traceback" not in err
    # no audio stream
    mute = _lavfi(tmp_path / "mute.mkv", None)
    store = make_project(tmp_path / "b", truth, mute)
    code, _, err = run("align", str(store.path), "--clip", "tap1")
    assert code == 1 and "no audio stream" in err
    # silence: no speech
    quiet = _lavfi(tmp_path / "quiet.mkv", "anullsrc=r=16000:cl=mono")
    store = make_project(tmp_path / "c", truth, quiet)
    code, _, err = run("align", str(store.path), "--clip", "tap1")
    assert code == 1 and "no speech found" in err
    # music only (the fixtures' bed at full level): no speech either
    from media.narration import music_bed, write_clip

    music = write_clip(music_bed(10, tmp_path) * 0.5, tmp_path / "music.mkv", tmp_path)
    store = make_project(tmp_path / "m", truth, music)
    code, _, err = run("align", str(store.path), "--clip", "tap1")
    assert code == 1 and "no speech found" in err and "music only?" in err
    # 42 cues for one short line of speech
    from media.narration import speak

    one = write_clip(speak(truth[0].text, 160), tmp_path / "one.mkv", tmp_path)
    store = make_project(tmp_path / "d", truth, one)
    before = [(r.cue.start_ms, r.cue.end_ms) for r in store.cue_rows("tap1", langs=[])]
    code, _, err = run("align", str(store.path), "--clip", "tap1")
    assert code == 1 and "far more cues" in err
    after = open_project(store.path).cue_rows("tap1", langs=[])
    assert [(r.cue.start_ms, r.cue.end_ms) for r in after] == before


def test_subtitle_rules_after_alignment() -> None:
    from ttdn_studio.media.align import subtitle_times
    from ttdn_studio.media.voice import Span
    from ttdn_studio.models.profiles import profile_for

    project = Project(title="t", fps=25)
    profile = profile_for(project, "vi")
    spans = [Span(1013, 1500, 1.0), Span(1700, 4000, 1.0), Span(6000, 6300, 1.0)]
    texts = ["Cà Mau", "Đất Mũi", "Hết"]
    times = subtitle_times(spans, texts, profile, project, clip_end_ms=6500)
    # in-times on the frame at or before the speech (lead-in under a frame)
    assert [s for s, _ in times] == [1000, 1680, 6000]
    # a 180 ms gap is closed to the 2-frame minimum (chaining)
    assert times[0][1] == 1680 - 80
    # out-time at the end of speech rounded up to a frame; reading time fits before the next
    assert times[1][1] == 4000
    # the last cue: the minimum duration (833 ms) would run past the clip's end: it stops there
    assert times[2][1] == 6500
