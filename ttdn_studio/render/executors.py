"""Where ffmpeg runs for a render batch: here, or on a Dask cluster.

An executor turns one :class:`~ttdn_studio.render.job.PreparedJob` into a finished,
checked output file. Everything else (choosing jobs, the render queue in the project
database, skipping outputs that are up to date) stays in the batch on this machine:
**only the coordinator writes the database**, whatever runs ffmpeg.

* :class:`LocalExecutor`: ffmpeg in this process' threads (the default); how many
  jobs at once and how many threads each ffmpeg gets is :func:`local_plan`'s rule.
* :class:`DaskExecutor`: one Dask task per clip and layout on a ``distributed``
  cluster (``ttdn render --cluster tcp://scheduler:8786``). The ``.ass`` text is built
  here; the worker burns into its own temporary folder and sends the file back; this
  machine checks it with ffprobe and only then gives it its final name. A worker lost
  mid-job is replaced by the scheduler, which runs the task again on another worker.
  The video is sent with the task (``media="send"``, right for clips), or read by the
  worker from storage both machines share (``media="shared"``, with ``path_map``
  turning this machine's folder into the worker's, e.g. ``/srv/media=/mnt/media``).

Adding an executor means adding a class with ``slots`` and ``burn``.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from ttdn_studio.errors import RenderError
from ttdn_studio.fonts import FontSpec
from ttdn_studio.render.burn import burn, new_partial
from ttdn_studio.render.ffmpeg_run import Cancelled, ProgressCallback, RenderProgress
from ttdn_studio.render.job import PreparedJob
from ttdn_studio.render.presets import Preset
from ttdn_studio.render.probe import SourceInfo, check_output

SEND_LIMIT = 2 * 1024**3  # a video larger than this must be on shared storage


class Executor(Protocol):
    """Runs the burn of one prepared job; the output exists only when complete and checked."""

    name: str

    def slots(self, requested: int | None, waiting: int | None = None) -> int:
        """How many jobs to keep in flight at once (``requested`` None: the executor's rule;
        ``waiting``: how many jobs the batch has to run)."""
        ...

    def burn(
        self,
        job: PreparedJob,
        *,
        progress: ProgressCallback | None,
        cancel: threading.Event,
    ) -> int:
        """Render ``job`` to ``job.output``; returns its duration in ms (ffprobe)."""
        ...

    def close(self) -> None: ...


# Memory one 1080p render may take: one ffmpeg (x264 ``medium`` with its look-ahead, one
# thread) peaked at 460 MB here; twice that leaves room for the rest of the machine.
MB_PER_JOB = 1024


@dataclass(frozen=True)
class LocalPlan:
    """Renders side by side on this machine, and the encoder threads each ffmpeg gets."""

    jobs: int
    threads: int | None  # ffmpeg ``-threads``; None: ffmpeg's own choice (every core)
    cores: int

    def describe(self) -> str:
        each = "ffmpeg's own threads" if self.threads is None else f"{self.threads} thread(s)"
        return f"{self.jobs} job(s) at once, {each} each, on {self.cores} core(s)"


def local_plan(
    cores: int,
    requested: int | None = None,
    waiting: int | None = None,
    memory_mb: int | None = None,
) -> LocalPlan:
    """The rule measured with ``scripts/bench_jobs.py``.

    One ffmpeg (x264 and the ``ass`` filter) does not keep every core busy: on 2
    cores it used 1.6 of them, and two renders side by side with one thread each
    finished four clips in 0.77-0.80x the time of one render at a time with ffmpeg's
    own threads (two renders each with a full set of threads gained almost nothing:
    they fought over the cores). So by default as many renders run side by side as
    there are cores and clips ``waiting`` (and memory for, :data:`MB_PER_JOB` each),
    and the cores are shared out: each ffmpeg gets ``cores // jobs`` threads. One
    render (one clip, or one core) keeps ffmpeg's own threads. Jobs asked for
    (``requested``) share the cores out the same way.
    """
    cores = max(1, cores)
    if requested is not None:
        jobs = max(1, requested)
    else:
        jobs = min(cores, max(1, waiting if waiting is not None else 1))
        if memory_mb:
            jobs = max(1, min(jobs, memory_mb // MB_PER_JOB))
    threads = None if jobs == 1 else max(1, cores // jobs)
    return LocalPlan(jobs, threads, cores)


class LocalExecutor:
    name = "local"

    def __init__(
        self, *, threads: int | None = None, cores: int | None = None, memory_mb: int | None = None
    ) -> None:
        self.threads = threads  # fixed ffmpeg threads per job (0: ffmpeg's); None: the plan's
        self.cores = cores  # None: the cores this process may use
        self.memory_mb = memory_mb  # None: this machine's memory
        self.plan: LocalPlan | None = None

    def slots(self, requested: int | None, waiting: int | None = None) -> int:
        from ttdn_studio.machine import this_machine

        machine = this_machine()
        self.plan = local_plan(
            self.cores or machine.cores, requested, waiting, self.memory_mb or machine.memory_mb
        )
        return self.plan.jobs

    def _threads(self) -> int | None:
        if self.threads is not None:
            return self.threads
        return self.plan.threads if self.plan is not None else None

    def burn(
        self,
        job: PreparedJob,
        *,
        progress: ProgressCallback | None,
        cancel: threading.Event,
    ) -> int:
        assert job.source is not None
        return burn(
            job.source,
            job.ass_text,
            job.fonts,
            job.preset,
            job.size,
            job.output,
            job.log_path,
            progress=progress,
            cancel=cancel,
            threads=self._threads(),
        )

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class RemoteJob:
    """What a worker needs: everything but the database (plain data, pickled to it)."""

    source: SourceInfo
    video: bytes | None  # the video itself, or None: read ``source.path`` on the worker
    ass_text: str
    fonts: tuple[FontSpec, ...]
    preset: Preset
    size: tuple[int, int]
    progress_key: str


def burn_on_worker(job: RemoteJob) -> tuple[bytes, str, int]:
    """The task a Dask worker runs: burn in a temporary folder, return the file and its log."""
    with tempfile.TemporaryDirectory(prefix="ttdn-worker-") as tmp:
        folder = Path(tmp)
        source = job.source
        if job.video is not None:
            local = folder / ("source" + source.path.suffix)
            local.write_bytes(job.video)
            source = replace(source, path=local)
        elif not source.path.is_file():
            raise RenderError(
                "the worker cannot read the video (is the media folder shared and the"
                " path map right?)",
                file=source.path,
            )
        output, log = folder / f"out.{job.preset.container}", folder / "ffmpeg.log"
        try:
            duration_ms = burn(
                source,
                job.ass_text,
                job.fonts,
                job.preset,
                job.size,
                output,
                log,
                progress=_worker_progress(job.progress_key),
            )
        except RenderError as exc:
            text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
            raise RenderError(f"{exc.message}\n{text[-2000:]}") from None
        return output.read_bytes(), log.read_text(encoding="utf-8", errors="replace"), duration_ms


def _worker_progress(key: str) -> ProgressCallback:
    """Progress published to the scheduler (at most twice a second) for the coordinator."""
    from distributed import Variable

    variable = Variable(key)
    last = [0.0]

    def report(p: RenderProgress) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or p.percent >= 100:
            last[0] = now
            variable.set([p.percent, p.speed, p.eta_s])

    return report


class DaskExecutor:
    """Burns on a Dask ``distributed`` cluster; results come back as files."""

    name = "cluster"

    def __init__(
        self,
        address: str | Any,
        *,
        media: str = "send",
        path_map: tuple[str, str] | None = None,
        timeout_s: float = 10.0,
    ) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # an optional part of the install
            raise RenderError(
                "rendering on a cluster needs Dask: pip install 'ttdn-studio[cluster]'"
            ) from exc
        if media not in ("send", "shared"):
            raise RenderError("media must be 'send' or 'shared'")
        self.media, self.path_map = media, path_map
        try:
            self.client = (
                address
                if isinstance(address, Client)
                else Client(address, timeout=timeout_s, set_as_default=False)
            )
        except (OSError, TimeoutError) as exc:
            raise RenderError(f"cannot reach the render cluster at {address} ({exc})") from exc
        self._own_client = not isinstance(address, Client)

    def slots(self, requested: int | None, waiting: int | None = None) -> int:
        """One job per worker thread of the cluster (at least one)."""
        threads = sum(self.client.nthreads().values())
        return max(1, threads)

    def _remote(self, job: PreparedJob, key: str) -> RemoteJob:
        assert job.source is not None
        source, video = job.source, None
        if self.media == "send":
            size = source.path.stat().st_size
            if size > SEND_LIMIT:
                raise RenderError(
                    f"the video is {size / 1024**3:.1f} GB, too large to send to the cluster;"
                    " put it on shared storage and render with media 'shared'",
                    file=source.path,
                )
            video = source.path.read_bytes()
        elif self.path_map is not None:
            here, there = self.path_map
            text = str(source.path)
            if text.startswith(here):
                source = replace(source, path=Path(there + text[len(here) :]))
        return RemoteJob(source, video, job.ass_text, job.fonts, job.preset, job.size, key)

    def burn(
        self,
        job: PreparedJob,
        *,
        progress: ProgressCallback | None,
        cancel: threading.Event,
    ) -> int:
        from distributed import Variable

        assert job.source is not None
        key = f"ttdn-progress-{uuid.uuid4().hex}"
        remote = self._remote(job, key)
        future = self.client.submit(burn_on_worker, remote, key=f"ttdn-burn-{key}", pure=False)
        variable = Variable(key, client=self.client)
        try:
            while not future.done():
                if cancel.is_set():
                    future.cancel()
                    raise Cancelled("render cancelled")
                if progress is not None:
                    _relay(variable, progress)
                time.sleep(0.25)
            try:
                data, log_text, _ = future.result()
            except RenderError:
                raise
            except Exception as exc:  # a worker's failure, as Dask reports it
                raise RenderError(f"the cluster could not render this clip ({exc})") from exc
        finally:
            variable.delete()
        return _keep(data, log_text, job)

    def close(self) -> None:
        if self._own_client:
            self.client.close()


def _relay(variable: Any, progress: ProgressCallback) -> None:
    try:
        value = variable.get(timeout=0)
    except Exception:  # not set yet: the worker has not started
        return
    percent, speed, eta = value
    progress(RenderProgress(min(float(percent), 99.9), speed, eta))


def _keep(data: bytes, log_text: str, job: PreparedJob) -> int:
    """Write what the worker sent beside the output, check it, then give it its name."""
    assert job.source is not None
    job.output.parent.mkdir(parents=True, exist_ok=True)
    job.log_path.write_text(log_text, encoding="utf-8")
    partial = new_partial(job.output)
    try:
        partial.write_bytes(data)
        try:
            duration_ms = check_output(partial, job.source)
        except RenderError as exc:
            raise RenderError(
                f"{exc.message}; the cluster's file was not kept (see {job.log_path})",
                file=job.output,
            ) from None
        os.replace(partial, job.output)
    finally:
        partial.unlink(missing_ok=True)
    return duration_ms


def executor_for(cluster: str | None) -> Executor:
    """The executor a ``--cluster`` value asks for (none: this machine)."""
    return DaskExecutor(cluster) if cluster else LocalExecutor()


__all__ = ["DaskExecutor", "Executor", "LocalExecutor", "burn_on_worker", "executor_for"]
