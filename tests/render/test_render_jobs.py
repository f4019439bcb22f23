"""How many renders run side by side on this machine, and the ffmpeg threads each gets."""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.render.executors import LocalExecutor, local_plan
from ttdn_studio.services.rendering import render_batch

from .conftest import make_project


def test_the_default_is_one_job_below_sixteen_cores_with_ffmpeg_using_them_all() -> None:
    for cores in (1, 2, 8, 15):
        plan = local_plan(cores)
        assert (plan.jobs, plan.threads) == (1, None)
    assert (local_plan(16).jobs, local_plan(16).threads) == (1, None)
    assert (local_plan(32).jobs, local_plan(32).threads) == (2, 16)
    assert (local_plan(64).jobs, local_plan(64).threads) == (4, 16)


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
