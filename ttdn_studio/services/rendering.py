"""Burning subtitles into clips: the batch render queue and one-frame previews.

``render_batch`` renders every selected clip in every layout (a layout is a
list of languages stacked top→bottom; one output each), in parallel threads
each running one ffmpeg, recording the queue in the project database. A clip
that fails is reported and the others go on. Outputs that are up to date are
skipped; jobs left running by a dead process are rendered again. Output
names come from :func:`clip_stems` (one distinct, safe stem per clip, the
same rule export uses).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ttdn_studio.errors import RenderError, TtdnError
from ttdn_studio.fonts import font_for
from ttdn_studio.models import Clip, Status
from ttdn_studio.naming import unique_stems
from ttdn_studio.render.burn import preview
from ttdn_studio.render.executors import Executor, LocalExecutor
from ttdn_studio.render.ffmpeg_run import Cancelled, RenderProgress
from ttdn_studio.render.job import PreparedJob, prepare, select_events
from ttdn_studio.render.presets import Preset, get_preset, proof_of
from ttdn_studio.render.probe import SourceInfo, check_output, probe
from ttdn_studio.services.editorial import check_air
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.render_jobs import RenderQueue

__all__ = ["JobResult", "clip_stems", "RenderProgress", "preview_frame", "render_batch", "shown_at"]

BatchProgress = Callable[[str, RenderProgress], None]
BUSY = "another process is rendering this output now"


@dataclass
class JobResult:
    """What happened to one output: done, skipped (up to date or busy), failed or cancelled."""

    key: str
    clip: str
    langs: list[str]
    preset: str
    output: Path
    status: str
    error: str | None = None
    log_path: Path | None = None
    cues: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: cues that go on past the end of the video, so are not shown (in full) in the output
    past_end: int = 0
    video_ms: int | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("done", "skipped")

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "clip": self.clip,
            "langs": self.langs,
            "preset": self.preset,
            "output": str(self.output),
            "status": self.status,
            "error": self.error,
            "log": str(self.log_path) if self.log_path else None,
            "cues": self.cues,
            "left_out": self.left_out,
            "past_end": self.past_end,
            "seconds": round(self.seconds, 2),
        }


def _check_request(
    store: ProjectStore, layouts: list[list[str]], clips: list[str] | None
) -> list[Clip]:
    if not layouts or any(not layout for layout in layouts):
        raise RenderError("choose at least one language to render")
    for layout in layouts:
        for lang in layout:
            store.check_lang(lang)
            if not font_for(lang).path.is_file():  # FontError now, before any rendering
                raise RenderError(f"font for {lang} is missing")
    return [store.clip(name) for name in clips] if clips else store.clips()


def _source(store: ProjectStore, clip: Clip) -> SourceInfo:
    path = clip.video_path(store.path)
    if path is None:
        raise RenderError(f"clip {clip.name!r} has no video to burn into")
    return probe(path)


def clip_stems(store: ProjectStore) -> dict[str, str]:
    """Each clip's file stem, distinct within the project (see :mod:`ttdn_studio.naming`)."""
    return unique_stems(c.name for c in sorted(store.clips(), key=lambda c: c.id))


def _plan(
    store: ProjectStore,
    clip: Clip,
    langs: list[str],
    preset: Preset,
    out_dir: Path,
    min_status: Status,
    source: SourceInfo | None,
    stem: str | None = None,
) -> PreparedJob:
    selection = select_events(store.cue_rows(clip.name, langs), langs, store.project, min_status)
    stem = stem or clip_stems(store)[clip.name]
    return prepare(clip, langs, preset, source, selection, store.project, out_dir, stem=stem)


def _is_whole(path: Path, source: SourceInfo) -> bool:
    try:
        check_output(path, source)
    except TtdnError:
        return False
    return True


def _past_end(job: PreparedJob, source: SourceInfo) -> int:
    """Cues ending more than a frame after the video does: the output cannot show them whole."""
    if source.duration_ms <= 0:
        return 0
    frame_ms = 1000 / source.fps if source.fps > 0 else 40.0
    return sum(e.end_ms > source.duration_ms + frame_ms for e in job.selection.events)


class _Batch:
    def __init__(
        self,
        store: ProjectStore,
        preset: Preset,
        out_dir: Path,
        min_status: Status,
        progress: BatchProgress | None,
        cancel: threading.Event,
        executor: Executor,
    ):
        self.executor = executor
        self.store, self.preset, self.out_dir = store, preset, out_dir
        self.min_status, self.progress, self.cancel = min_status, progress, cancel
        self.queue = RenderQueue(store.conn)
        self.stems = clip_stems(store)

    def plan(self, clip: Clip, langs: list[str]) -> tuple[JobResult, PreparedJob | None, int]:
        """Probe and prepare; the result is final unless a job (and its row id) comes back."""
        try:
            source: SourceInfo | None = _source(self.store, clip)
            error = None
        except TtdnError as exc:
            source, error = None, str(exc)
        job = _plan(
            self.store,
            clip,
            langs,
            self.preset,
            self.out_dir,
            self.min_status,
            source,
            self.stems[clip.name],
        )
        result = JobResult(
            job.key,
            clip.name,
            langs,
            self.preset.name,
            job.output,
            "queued",
            log_path=job.log_path,
            cues=len(job.selection.events),
            left_out=job.selection.left_out,
        )
        if source is not None:
            result.past_end = _past_end(job, source)
            result.video_ms = source.duration_ms
        row = self.queue.latest(job.output)
        if (
            error is None
            and source is not None
            and row is not None
            and row.status == "done"
            and row.fingerprint == job.fingerprint
            and job.output.is_file()
            and _is_whole(job.output, source)
        ):
            result.status = "skipped"
            return result, None, row.id
        if self.queue.busy_elsewhere(row):
            result.status, result.error = "failed", BUSY
            return result, None, 0
        job_id = self.queue.enqueue(
            row,
            clip_id=clip.id,
            clip_name=clip.name,
            langs=langs,
            preset=self.preset.name,
            output=job.output,
            log_path=job.log_path,
            fp=job.fingerprint,
            cues=result.cues,
        )
        if not job_id:  # another process claimed the row after we read it
            result.status, result.error = "failed", BUSY
            return result, None, 0
        if error is not None:
            self._fail(job_id, result, error, job.log_path)
            return result, None, job_id
        return result, job, job_id

    def _fail(self, job_id: int, result: JobResult, error: str, log_path: Path) -> None:
        try:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            log_path.write_text(error + "\n", encoding="utf-8")
        except OSError:
            result.log_path = None  # the output folder cannot be written: the error says why
        result.status, result.error = "failed", error
        self.queue.finish(job_id, "failed", error=error)

    def run(self, job: PreparedJob, job_id: int, result: JobResult) -> JobResult:
        if self.cancel.is_set():
            result.status = "cancelled"
            self.queue.finish(job_id, "cancelled", error="cancelled before it started")
            return result
        assert job.source is not None
        if not self.queue.start(job_id):
            result.status, result.error = "failed", BUSY
            return result
        started = time.monotonic()
        report = _reporter(self.progress, job.key)
        duration_ms = None
        try:
            if job.output.is_dir():
                raise RenderError("a folder is in the way of this output", file=job.output)
            job.log_path.unlink(missing_ok=True)
            duration_ms = self.executor.burn(job, progress=report, cancel=self.cancel)
        except Cancelled as exc:
            result.status, result.error = "cancelled", str(exc)
        except TtdnError as exc:
            result.status, result.error = "failed", str(exc)
        except OSError as exc:  # the output folder: not a folder, read-only, full...
            reason = exc.strerror or str(exc)
            result.status, result.error = "failed", f"{job.output}: cannot be written ({reason})"
        else:
            result.status = "done"
        result.seconds = time.monotonic() - started
        self.queue.finish(job_id, result.status, error=result.error, duration_ms=duration_ms)
        return result


def _reporter(progress: BatchProgress | None, key: str) -> Callable[[RenderProgress], None] | None:
    if progress is None:
        return None
    return lambda p: progress(key, p)


def render_batch(
    store: ProjectStore,
    *,
    clips: list[str] | None = None,
    layouts: list[list[str]],
    preset: str = "broadcast",
    jobs: int | None = None,
    out_dir: Path | None = None,
    min_status: Status | str = Status.APPROVED,
    progress: BatchProgress | None = None,
    cancel: threading.Event | None = None,
    executor: Executor | None = None,
    proof: bool = False,
) -> list[JobResult]:
    """Render ``clips`` (default: all) × ``layouts``; one result per output, in order.

    ``executor`` decides where ffmpeg runs (default: here, ``jobs`` at a time, None:
    the machine's rule, :func:`~ttdn_studio.render.executors.local_plan`; a cluster
    runs one job per worker thread); the queue is always written here.
    An air preset renders only clips that pass the editorial gate; ``proof`` renders
    anyway, watermarked "PROOF" and recorded as a proof (not delivered).
    """
    executor = executor or LocalExecutor()
    # a clip or a layout named twice is one output, rendered once (not a second job
    # that would find the first one busy)
    layouts = [list(layout) for layout in dict.fromkeys(tuple(layout) for layout in layouts)]
    chosen = list({c.id: c for c in _check_request(store, layouts, clips)}.values())
    the_preset = get_preset(preset)
    if proof:
        the_preset = proof_of(the_preset)
    elif the_preset.air:
        check_air(store, chosen, [lang for layout in layouts for lang in layout])
    batch = _Batch(
        store,
        the_preset,
        Path(out_dir) if out_dir else store.folder("renders"),
        Status(min_status),
        progress,
        cancel or threading.Event(),
        executor,
    )
    planned = [batch.plan(clip, list(layout)) for clip in chosen for layout in layouts]
    results = [result for result, _, _ in planned]
    slots = executor.slots(jobs, sum(1 for _, job, _ in planned if job is not None))
    with ThreadPoolExecutor(max_workers=slots, thread_name_prefix="ttdn-render") as pool:
        futures: list[Future[JobResult]] = []
        try:  # submitting inside: an interrupt between two submits still cancels the first
            for result, job, job_id in planned:
                if job is not None:
                    futures.append(pool.submit(batch.run, job, job_id, result))
            pending = set(futures)
            while pending:  # short waits: a signal is handled promptly whichever thread got it
                _, pending = wait(pending, timeout=0.25)
            for future in futures:
                future.result()
        except BaseException:  # Ctrl+C or a kill: stop every ffmpeg cleanly, then say so
            batch.cancel.set()
            wait(futures)
            raise
    return results


def shown_at(
    store: ProjectStore,
    clip: str | None,
    langs: list[str],
    at_ms: int,
    min_status: Status | str = Status.APPROVED,
) -> dict[str, str]:
    """The text of each language a burn of ``clip`` shows at ``at_ms`` (none: not there)."""
    chosen = _check_request(store, [langs], [clip] if clip else None)[0]
    selection = select_events(
        store.cue_rows(chosen.name, langs), langs, store.project, Status(min_status)
    )
    shown: dict[str, str] = {}
    for event in selection.events:
        if event.start_ms <= at_ms < event.end_ms:
            shown.update({lang: text for lang, text in event.texts.items() if lang not in shown})
    return {lang: shown[lang] for lang in langs if lang in shown}


def preview_frame(
    store: ProjectStore,
    clip: str | None,
    langs: list[str],
    at_ms: int,
    out: Path,
    preset: str = "broadcast",
    min_status: Status | str = Status.APPROVED,
) -> Path:
    """One PNG frame at ``at_ms`` as the burn would show it (black frame when no video)."""
    chosen = _check_request(store, [langs], [clip] if clip else None)[0]
    has_video = chosen.video_path(store.path) is not None
    source = _source(store, chosen) if has_video else None
    the_preset = get_preset(preset)
    job = _plan(store, chosen, langs, the_preset, out.parent, Status(min_status), source)
    return preview(source, job.ass_text, job.fonts, the_preset, job.size, at_ms, out)
