"""The episode desk's parts: a new part joins by composition alone, and jobs report through
one helper (progress from any thread, one error toast, tracked for quitting)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from desk_fixtures import episode, settle, wait_until
from textual.app import ComposeResult
from textual.widgets import Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.jobs import Job, JobStopped, run_job
from ttdn_studio.tui.messages import CueFocused, WorkDone, WorkFailed, WorkProgress
from ttdn_studio.tui.screens.episode import EpisodeDesk

SIZE = (120, 40)


class Strip(Static):
    """A part the desk does not know: it follows the cue being worked on."""

    def __init__(self) -> None:
        super().__init__("", classes="-follows-cue")
        self.seen: list[tuple[int, str]] = []

    def on_cue_focused(self, message: CueFocused) -> None:
        if message.row is not None:
            self.seen.append((message.row.cue.id, message.lang))


class DeskWithStrip(EpisodeDesk):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Strip()


async def test_a_new_part_follows_the_cue_by_composition_alone(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ttdn_studio.tui.screens.episode.EpisodeDesk", DeskWithStrip)
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        strip = screen.query_one(Strip)
        first = screen.grid.current_id
        await pilot.press("down")
        await settle(pilot)
        second = screen.grid.current_id
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert strip.seen == [(first, "en"), (second, "en"), (second, "km")]


class Recorder(Static):
    def __init__(self) -> None:
        super().__init__("")
        self.got: list[object] = []

    def on_work_progress(self, message: WorkProgress) -> None:
        self.got.append(("progress", message.done, message.total, message.detail))

    def on_work_done(self, message: WorkDone) -> None:
        self.got.append(("done", message.summary, message.result))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.got.append(("failed", message.title, message.message))


async def test_a_job_reports_progress_from_any_thread_and_its_result(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        recorder = Recorder()
        await episode(app).mount(recorder)

        def work(job: Job) -> int:
            # as ffmpeg's reader does: progress from a thread the job started
            reporter = threading.Thread(target=job.progress, args=(1, 2, "half"))
            reporter.start()
            reporter.join()
            return 42

        run_job(recorder, "test", work, summary=lambda n: f"{n} done")
        assert await wait_until(pilot, lambda: any(g[0] == "done" for g in recorder.got))
        assert recorder.got == [("progress", 1, 2, "half"), ("done", "42 done", 42)]
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_a_failed_job_shows_one_error_and_a_quiet_one_none(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        recorder = Recorder()
        await episode(app).mount(recorder)

        def fail(job: Job) -> None:
            raise TtdnError("the clip [tap 1] has no video")

        run_job(recorder, "loud", fail)
        assert await wait_until(pilot, lambda: len(recorder.got) == 1)
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert [n.message for n in errors] == ["the clip [tap 1] has no video"]
        run_job(recorder, "quiet", fail, toast=False)
        assert await wait_until(pilot, lambda: len(recorder.got) == 2)
        await settle(pilot)
        assert len([n for n in app._notifications if n.severity == "error"]) == 1
        assert recorder.got[1] == ("failed", "Error", "the clip [tap 1] has no video")


async def test_quitting_stops_a_tracked_job(project: Path) -> None:
    app = TtdnApp(project)
    began, ended = threading.Event(), threading.Event()
    outcome: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def wait_for_stop(job: Job) -> None:
            began.set()
            try:
                while True:
                    job.check()
                    job.stop.wait(0.01)
            except JobStopped as exc:
                outcome.append(str(exc))
                raise
            finally:
                ended.set()

        run_job(episode(app), "long", wait_for_stop, track="a long job", stopped_message="halted")
        assert await wait_until(pilot, began.is_set)
        assert list(app.running_jobs.values()) == ["a long job"]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmDialog"
        await pilot.press("y")
    assert ended.wait(10) and outcome == ["halted"]
    assert not app.running_jobs


async def test_search_jump_and_next_clip_from_the_keys(tmp_path: Path) -> None:
    """The grid's dialogs and the clip list, driven as a person does: keys and typing."""
    from desk_fixtures import build_project

    build_project(tmp_path / "two", clips=("tap-01", "tap-02")).close()
    app = TtdnApp(tmp_path / "two")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        clips = screen.clips
        assert clips.highlighted == 0 and screen.grid.clip == "tap-01"
        await pilot.press("f3", *"mangrove", "enter")
        await settle(pilot)
        assert screen.grid.row_count == 1
        assert "search: “mangrove”" in str(screen.header.render())
        await pilot.press("f3", "end", *["backspace"] * 8, "enter")  # empty: every cue again
        await settle(pilot)
        assert screen.grid.row_count == 6
        await pilot.press("ctrl+g", "4", "enter")
        await settle(pilot)
        assert screen.grid.current_row().index == 4  # type: ignore[union-attr]
        assert screen.editor.row is not None and screen.editor.row.index == 4
        await pilot.press("ctrl+pagedown")
        await settle(pilot)
        assert screen.grid.clip == "tap-02" and clips.highlighted == 1
        assert str(screen.header.render()).startswith(" tap-02 ")
        assert screen.editor.row is not None and screen.editor.row.clip == "tap-02"
