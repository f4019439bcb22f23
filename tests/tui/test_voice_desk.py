"""The desk's voice tools: the waveform strip, playing a cue (a fake player), spotting, aligning.

The clip is real: three of the desk's lines spoken by espeak-ng (exact ground truth), over
a picture with a hard cut at a known frame, analysed by the real media code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from desk_fixtures import LINES, build_project, episode, settle, wait_until
from media.narration import Line, build_narration, have_espeak, write_wav

from ttdn_studio.store import open_project
from ttdn_studio.store.timing import cue_flags, retime_cues
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.widgets.waveform import NO_VIDEO, NOT_ANALYSED

SIZE = (120, 40)
CUT_FRAME = 80  # a hard cut from blue to green at 3.2 s
CUT_MS = CUT_FRAME * 40


class Narrated:
    def __init__(self, video: Path, truth: list[Line]):
        self.video = video
        self.truth = truth


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> Narrated:
    if not have_espeak():
        pytest.fail("espeak-ng is missing: run scripts/setup.sh (it installs it)")
    folder = tmp_path_factory.mktemp("voice-desk")
    samples, truth = build_narration([vi for vi, _ in LINES[:3]], seed=3)
    wav = folder / "voice.wav"
    write_wav(samples, wav)
    seconds = len(samples) / 22050
    video = folder / "tap-01.mkv"
    graph = (
        f"color=c=blue:s=64x36:r=25:d={CUT_FRAME / 25}[a];"
        f"color=c=green:s=64x36:r=25:d={seconds - CUT_FRAME / 25 + 0.2:.3f}[b];"
        "[a][b]concat=n=2:v=1:a=0[v]"
    )
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-filter_complex", graph, "-i", str(wav)]
        + ["-map", "[v]", "-map", "0:a", "-c:v", "libx264", "-preset", "ultrafast"]
        + ["-pix_fmt", "yuv420p", "-c:a", "flac", "-shortest", str(video)],
        check=True,
    )
    return Narrated(video, truth)


@pytest.fixture
def voiced(tmp_path: Path, narrated: Narrated) -> Path:
    build_project(tmp_path / "episode", cues=3, video=narrated.video).close()
    return tmp_path / "episode"


def analysed(project: Path, video: Path) -> Path:
    """The clip analysed before the desk opens (as `ttdn align` leaves it)."""
    from ttdn_studio.media.analysis import ClipAnalysis

    analysis = ClipAnalysis.open(project, "tap-01", video)
    _ = analysis.speech, analysis.peaks, analysis.shot_changes()
    return project


def fake_player(tmp_path: Path, *, no_device: bool = False) -> tuple[list[str], Path]:
    """A player that writes its arguments to a file, then plays (sleeps) until stopped."""
    args = tmp_path / "player-args.txt"
    script = tmp_path / "player.py"
    body = "import sys, time\nopen(sys.argv[1], 'w').write('\\n'.join(sys.argv[2:]))\n" + (
        "print('No more combinations to try, audio open failed', file=sys.stderr)\n"
        if no_device
        else "time.sleep(60)\n"
    )
    script.write_text(body)
    return [sys.executable, str(script), str(args)], args


def column_times(lines: list[str], mark: str, first: int, per_col: float) -> list[float]:
    return [first + (i + 0.5) * per_col for i, ch in enumerate(lines[3]) if ch == mark]


async def test_strip_needs_analysis_then_marks_voice_shots_and_cues(
    voiced: Path, narrated: Narrated
) -> None:
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        strip = screen.wave
        assert await wait_until(pilot, lambda: strip.lines == [NOT_ANALYSED])
        await pilot.press("alt+w")  # analyse from the desk, in a worker
        assert await wait_until(pilot, lambda: strip.data is not None, limit=60)
        await pilot.pause()
        lines = strip.lines
        assert len(lines) == 4
        # the first cue (0–2500 ms) and its neighbour (3000–5500 ms): window 0 → 6500 ms
        width = len(lines[0])
        first, per_col = 0, 6500 / width
        assert lines[0].index("[") == 0
        assert abs(lines[0].index("]") - 2500 / per_col) <= 1
        assert abs(lines[0].index("|") - 3000 / per_col) <= 1
        shots = column_times(lines, "▲", first, per_col)
        assert len(shots) == 1 and abs(shots[0] - CUT_MS) <= per_col
        speech = column_times(lines, "▔", first, per_col)
        truth = narrated.truth
        inside = [
            t
            for t in speech
            if any(x.speech_start_ms - 150 <= t <= x.speech_end_ms + 150 for x in truth)
        ]
        assert len(inside) >= 0.95 * len(speech)
        spoken_cols = sum(
            1
            for i in range(width)
            if any(
                x.speech_start_ms + 100 <= (i + 0.5) * per_col <= x.speech_end_ms - 100
                for x in truth
            )
        )
        assert len(speech) >= 0.8 * spoken_cols > 0
        # the waveform is louder under speech than in the lead-in silence
        lead_in = lines[2][: int(500 / per_col)]
        assert set(lead_in) <= {" "}
        assert any(ch != " " for ch in lines[2][int(truth[0].speech_start_ms / per_col) :])
        # the next cue: its own window and bounds
        await pilot.press("down")
        await settle(pilot)
        assert await wait_until(
            pilot, lambda: strip.lines[0].count("[") == 1 and strip.lines[0].index("[") > 5
        )


async def test_a_clip_without_video_says_so(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = episode(app).wave
        assert await wait_until(pilot, lambda: strip.lines == [NO_VIDEO])
        await pilot.press("alt+y")
        await pilot.pause()
        assert strip.playback is None
        assert any("No video" in str(n.message) for n in app._notifications)


async def test_play_stop_and_spot_with_a_fake_player(
    tmp_path: Path, voiced: Path, narrated: Narrated
) -> None:
    command, args_file = fake_player(tmp_path)
    app = TtdnApp(analysed(voiced, narrated.video))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        strip = screen.wave
        strip.player = command
        await pilot.press("down")  # cue 2: 3000–5500 ms
        await settle(pilot)
        cue_id = screen.grid.current_id
        assert cue_id is not None
        assert await wait_until(pilot, lambda: len(strip.lines) == 4)
        await pilot.press("alt+y")
        assert await wait_until(pilot, lambda: args_file.exists() and args_file.read_text() != "")
        played = args_file.read_text().split("\n")
        assert played[:4] == ["-ss", "2.000", "-t", "3.500"]  # from a second before the cue
        assert played[4] == str(narrated.video)
        process = strip.playback.process if strip.playback else None
        assert process is not None and process.poll() is None
        # the playhead moves on the strip, then stop keeps it where it was
        assert await wait_until(pilot, lambda: (strip.playhead or 0) >= 4000)
        assert "┃" in strip.lines[3]
        await pilot.press("alt+k")
        await pilot.pause()
        assert process.poll() is not None, "stop ends the player"
        assert strip.playback is None
        at = strip.playhead
        assert at is not None and at >= 4000
        await pilot.press("alt+d")  # end at the playhead, to the frame
        await settle(pilot)
        with open_project(voiced) as store:
            cue = store.cue(cue_id)
        assert cue.start_ms == 3000
        assert cue.end_ms == at // 40 * 40
        # a playhead stopped in the pre-roll, after the previous cue's end (the wall clock
        # under load cannot promise where a real stop lands): the start moves earlier to it
        early = 2617
        strip.playhead = early
        await pilot.press("alt+x")
        await settle(pilot)
        with open_project(voiced) as store:
            assert store.cue(cue_id).start_ms == early // 40 * 40
        await pilot.press("ctrl+z", "ctrl+z")  # both spots are undoable edits
        await settle(pilot)
        with open_project(voiced) as store:
            cue = store.cue(cue_id)
            assert (cue.start_ms, cue.end_ms) == (3000, 5500)


async def test_no_audio_device_is_said_clearly(tmp_path: Path, voiced: Path) -> None:
    command, _ = fake_player(tmp_path, no_device=True)
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = episode(app).wave
        strip.player = command
        assert await wait_until(pilot, lambda: strip.lines == [NOT_ANALYSED])
        await pilot.press("alt+y")
        assert await wait_until(
            pilot, lambda: any("no audio device" in str(n.message) for n in app._notifications)
        )
        assert strip.playback is None
        assert strip.playhead is None, "nothing was heard: the spotting keys have no time"


async def test_spotting_needs_a_playhead(voiced: Path) -> None:
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("alt+x")
        await pilot.pause()
        assert any("Play the cue first" in str(n.message) for n in app._notifications)
        with open_project(voiced) as store:
            assert store.cue_rows("tap-01", langs=[])[0].cue.start_ms == 0
        assert screen.wave.playhead is None


async def test_timing_check_filter(voiced: Path) -> None:
    with open_project(voiced) as store:
        rows = store.cue_rows("tap-01", langs=[])
        flagged = rows[1].cue.id
        retime_cues(
            store,
            {r.cue.id: (r.cue.start_ms, r.cue.end_ms) for r in rows},
            flag="timing-check",
            flagged={flagged},
            action="flag",
        )
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        for _ in range(5):  # all → untranslated → needs review → QC → terms → timing
            await pilot.press("f4")
        await settle(pilot)
        assert screen.grid.filter_key == "timing"
        assert screen.grid.row_count == 1
        assert screen.grid.current_id == flagged
        await pilot.press("f4")  # → outdated (none here) → open notes (none) → all
        await pilot.press("f4")
        await pilot.press("f4")
        await settle(pilot)
        assert screen.grid.filter_key == "all"
        assert screen.grid.row_count == 3


async def test_align_this_cue_and_from_here_on(voiced: Path, narrated: Narrated) -> None:
    truth = narrated.truth
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down")
        await settle(pilot)
        second = screen.grid.current_id
        await pilot.press("alt+t")
        assert await wait_until(
            pilot,
            lambda: any("timed to the voice" in str(n.message) for n in app._notifications),
            limit=60,
        )
        await settle(pilot)
        with open_project(voiced) as store:
            cues = [r.cue for r in store.cue_rows("tap-01", langs=[])]
        assert cues[1].id == second
        assert abs(cues[1].start_ms - truth[1].speech_start_ms) <= 100
        assert (cues[0].start_ms, cues[0].end_ms) == (0, 2500), "only this cue moves"
        assert cues[1].end_ms <= cues[2].start_ms
        await pilot.press("up")
        await settle(pilot)
        await pilot.press("alt+q")  # this cue and every later one
        assert await wait_until(
            pilot, lambda: any("Cues #1–#3" in str(n.message) for n in app._notifications), limit=60
        )
        await settle(pilot)
        with open_project(voiced) as store:
            cues = [r.cue for r in store.cue_rows("tap-01", langs=[])]
            flags = cue_flags(store, "tap-01")
        for cue, line in zip(cues, truth, strict=True):
            assert abs(cue.start_ms - line.speech_start_ms) <= 100
            assert cue.end_ms >= line.speech_end_ms - 100
        assert all(a.end_ms <= b.start_ms for a, b in zip(cues, cues[1:], strict=False))
        assert not any("timing-check" in f for f in flags.values())
        await pilot.press("ctrl+z")  # one undoable edit
        await settle(pilot)
        with open_project(voiced) as store:
            assert store.cue_rows("tap-01", langs=[])[2].cue.start_ms == 6000


async def test_no_player_is_said_clearly(tmp_path: Path, voiced: Path) -> None:
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = episode(app).wave
        strip.player = [str(tmp_path / "no-such-player"), "-nodisp"]
        await pilot.press("alt+y")
        await pilot.pause()
        assert strip.playback is None and strip.playhead is None
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert any("no audio player" in e and "no-such-player" in e for e in errors)


async def test_playing_a_clip_not_analysed_shows_the_playhead_as_a_time(
    tmp_path: Path, voiced: Path
) -> None:
    command, args_file = fake_player(tmp_path)
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = episode(app).wave
        strip.player = command
        assert await wait_until(pilot, lambda: strip.lines == [NOT_ANALYSED])
        await pilot.press("alt+y")
        assert await wait_until(
            pilot,
            lambda: (strip.playhead or 0) > 0 and strip.lines[0].startswith("┃ 0:0"),
        )
        assert strip.lines[0].startswith(f"┃ 0:0{(strip.playhead or 0) / 1000:.3f}"[:9])
        assert strip.lines[0].endswith(NOT_ANALYSED)
        await pilot.press("alt+k")
        await pilot.pause()
        assert strip.playback is None and strip.playhead is not None


async def test_quitting_the_desk_stops_the_player(tmp_path: Path, voiced: Path) -> None:
    command, args_file = fake_player(tmp_path)
    app = TtdnApp(voiced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = episode(app).wave
        strip.player = command
        await pilot.press("alt+y")
        assert await wait_until(pilot, lambda: args_file.exists())
        assert strip.playback is not None
        process = strip.playback.process
    assert process.poll() is not None, "no player is left playing after the desk closes"
