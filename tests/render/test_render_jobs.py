"""How many renders run side by side on this machine, and the ffmpeg threads each gets."""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.render.executors import LocalExecutor, local_plan
from ttdn_studio.services.rendering import render_batch

from .conftest import make_project


def test_by_default_one_render_per_core_and_clip_waiting_with_the_cores_shared_out() -> None:
    assert (local_plan(2, waiting=4).jobs, local_plan(2, waiting=4).threads) == (2, 1)
    assert (local_plan(8, waiting=3).jobs, local_plan(8, waiting=3).threads) == (3, 2)
    assert (local_plan(16, waiting=40).jobs, local_plan(16, waiting=40).threads) == (16, 1)
    # one clip, or one core: one render with ffmpeg's own threads
    for cores, waiting in ((8, 1), (1, 5), (2, None)):
        plan = local_plan(cores, waiting=waiting)
        assert (plan.jobs, plan.threads) == (1, None)
    # memory: a 1080p render may take about a gigabyte
    assert local_plan(16, waiting=40, memory_mb=6 * 1024).jobs == 6
    assert local_plan(16, waiting=40, memory_mb=6 * 1024).threads == 2
    assert local_plan(4, waiting=4, memory_mb=512).jobs == 1


def test_jobs_asked_for_share_the_cores_out() -> None:
    assert (local_plan(2, 2).jobs, local_plan(2, 2).threads) == (2, 1)
    assert (local_plan(8, 3).jobs, local_plan(8, 3).threads) == (3, 2)
    assert (local_plan(2, 4).jobs, local_plan(2, 4).threads) == (4, 1)  # never below 1
    assert local_plan(2, 1).threads is None
    assert "2 job(s) at once, 1 thread(s) each" in local_plan(2, 2).describe()


def _ffmpeg_lines(folder: Path) -> list[str]:
    return [
        line
        for log in sorted(folder.glob("*.log"))
        for line in log.read_text(encoding="utf-8").splitlines()
        if line.startswith("$ ffmpeg")
    ]


def test_parallel_renders_give_each_ffmpeg_its_share_of_threads(
    tmp_path: Path, media: dict[str, Path]
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    out = tmp_path / "out"
    results = render_batch(
        store,
        layouts=[["en"], ["km"]],
        preset="draft",
        jobs=2,
        out_dir=out,
        executor=LocalExecutor(cores=2),
    )
    assert [r.status for r in results] == ["done", "done"]
    lines = _ffmpeg_lines(out)
    assert len(lines) == 2
    assert all(" -threads 1 " in line and " -filter_threads 1 " in line for line in lines)


def test_one_render_at_a_time_leaves_ffmpeg_its_own_threads(
    tmp_path: Path, media: dict[str, Path]
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    out = tmp_path / "out"
    (result,) = render_batch(
        store, layouts=[["en"]], preset="draft", out_dir=out, executor=LocalExecutor(cores=2)
    )
    assert result.status == "done", result.error
    (line,) = _ffmpeg_lines(out)
    assert "-threads" not in line


def test_two_clips_on_two_cores_render_side_by_side_by_default(
    tmp_path: Path, media: dict[str, Path]
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    out = tmp_path / "out"
    executor = LocalExecutor(cores=2, memory_mb=8 * 1024)
    results = render_batch(
        store, layouts=[["en"], ["km"]], preset="draft", out_dir=out, executor=executor
    )
    assert [r.status for r in results] == ["done", "done"]
    assert executor.plan is not None and executor.plan.jobs == 2
    lines = _ffmpeg_lines(out)
    assert len(lines) == 2 and all(" -threads 1 " in line for line in lines)
