"""One way to run long work off the UI thread: :func:`run_job`.

A job is a function of a :class:`Job` that runs in a worker thread. ``run_job``
gives it progress reports (:class:`WorkProgress`, a flood collapses to the
newest), a cancel flag (set by a newer job of the same group, by quitting the
desk, or by the caller), and the ending: the result as :class:`WorkDone`, or a
:class:`TtdnError` as :class:`WorkFailed`, which the app shows as an error toast. The messages are
posted to the widget that started the job and bubble up from there (to the app).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from textual.worker import Worker, get_current_worker

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui.messages import WorkDone, WorkFailed, WorkProgress

if TYPE_CHECKING:
    from textual.dom import DOMNode

T = TypeVar("T")


class JobStopped(TtdnError):
    title = "Stopped"


@dataclass
class Job:
    """What a job's function is given: where to report progress and how to know it must stop."""

    group: str
    node: DOMNode
    stop: threading.Event = field(default_factory=threading.Event)
    stopped_message: str = "stopped"
    worker: Worker[None] | None = (
        None  # the worker running it (reports may come from other threads)
    )

    @property
    def cancelled(self) -> bool:
        """A newer job of the same group replaced this one."""
        return self.worker is not None and self.worker.is_cancelled

    @property
    def stopped(self) -> bool:
        """The job was stopped (quitting, an explicit stop) or replaced by a newer one."""
        return self.stop.is_set() or self.cancelled

    def check(self) -> None:
        """Raise :class:`JobStopped` if the job was stopped (a newer job of the group does not
        stop it: it finishes, unseen)."""
        if self.stop.is_set():
            raise JobStopped(self.stopped_message)

    def progress(self, done: float, total: float, detail: str = "", job: str = "") -> None:
        """Report how far the job is (``job`` names one of several bars of a group)."""
        if not self.cancelled:
            self.node.post_message(WorkProgress(self.group, job or self.group, done, total, detail))


def run_job(
    node: DOMNode,
    group: str,
    work: Callable[[Job], T],
    *,
    summary: Callable[[T], str] | None = None,
    track: str | None = None,
    stopped_message: str = "stopped",
    toast: bool = True,
    stop: threading.Event | None = None,
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``work(job)`` in a thread; a newer job of the same ``group`` replaces this one
    (its reports stop; ``exclusive=False``: both run and report).

    ``summary`` words the result for :class:`WorkDone`; ``track`` names the job to the
    desk, which then asks before quitting and stops it through ``job.stop`` (``stop``
    may be given to stop it from elsewhere too); ``toast=False`` leaves errors to the
    :class:`WorkFailed` handlers (e.g. a convenience that fails quietly).
    """
    job = Job(group, node, stop or threading.Event(), stopped_message)
    app: Any = node.app
    if track is not None:
        app.track_job(job.stop, track)

    def runner() -> None:
        job.worker = get_current_worker()
        try:
            result = work(job)
        except TtdnError as exc:
            if job.cancelled:
                return
            node.post_message(WorkFailed(group, exc.title, exc.in_desk(), toast=toast))
            return
        finally:
            if track is not None:
                app.untrack_job(job.stop)
        if not job.cancelled:
            node.post_message(WorkDone(group, summary(result) if summary else "", result))

    return node.run_worker(runner, thread=True, exclusive=exclusive, group=group)
