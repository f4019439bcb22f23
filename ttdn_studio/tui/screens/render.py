"""The render screen: choose clips, languages, layout and preset; a queue with progress."""

from __future__ import annotations

import threading
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Checkbox,
    Footer,
    Header,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)

from ttdn_studio.models import Status
from ttdn_studio.render.presets import PRESETS
from ttdn_studio.store import ProjectStore
from ttdn_studio.tui import keys
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed, WorkProgress

# Which translations are burned: broadcasts carry approved text only; drafts are for checking.
INCLUDE = [
    ("approved translations only", Status.APPROVED.value),
    ("reviewed and approved", Status.REVIEWED.value),
    ("every translation, drafts too", Status.MT.value),
]


def layouts_for(langs: list[str], stacked: bool) -> list[list[str]]:
    """One render per language, or one render with the first language over the second."""
    if stacked and len(langs) >= 2:
        return [langs[:2]]
    return [[lang] for lang in langs]


class RenderScreen(Screen[None]):
    BINDINGS = keys.RENDER
    DEFAULT_CSS = """
    RenderScreen #render-body { height: 1fr; }
    RenderScreen #render-form { width: 40; height: 1fr; }
    RenderScreen #render-form > * { height: auto; max-height: 10; }
    RenderScreen #queue { width: 1fr; }
    RenderScreen .job { height: 2; }
    RenderScreen .job Label { width: 100%; }
    """

    def __init__(self, store: ProjectStore, clip: str | None) -> None:
        super().__init__()
        self.store, self.clip = store, clip
        self.cancel_event = threading.Event()
        self.bars: dict[str, ProgressBar] = {}
        self.labels: dict[str, Label] = {}
        self.last_outcome: str | None = None

    def compose(self) -> ComposeResult:
        project = self.store.project
        langs = [*project.target_langs, project.source_lang]
        yield Header()
        with Horizontal(id="render-body"):
            with VerticalScroll(id="render-form"):
                yield SelectionList[str](
                    *[(c.name, c.name, c.name == self.clip) for c in self.store.clips()],
                    id="r-clips",
                    classes="panel",
                )
                yield SelectionList[str](
                    *[(lang, lang, i == 0) for i, lang in enumerate(langs)],
                    id="r-langs",
                    classes="panel",
                )
                with RadioSet(id="r-layout", classes="panel"):
                    yield RadioButton("one language per render", value=True, id="single")
                    yield RadioButton("stacked: first over second", id="stacked")
                yield Static("Preset", classes="hint")
                yield Select(
                    [(f"{p.name}: {p.description}", p.name) for p in PRESETS.values()],
                    value="broadcast",
                    allow_blank=False,
                    id="r-preset",
                )
                yield Static("Burn which translations", classes="hint")
                yield Select(
                    INCLUDE, value=Status.APPROVED.value, allow_blank=False, id="r-include"
                )
                yield Checkbox("proof (PROOF watermark)", id="r-proof")
                yield Static("Ctrl+S queues, Ctrl+X cancels", classes="hint")
            with Vertical(id="queue", classes="panel"):
                yield Static("Nothing queued yet.", id="queue-empty", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Render"
        for wid, title in (
            ("r-clips", "Clips"),
            ("r-langs", "Languages"),
            ("r-layout", "Layout"),
            ("queue", "Queue"),
        ):
            self.query_one(f"#{wid}").border_title = title

    def action_back(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        clips = list(self.query_one("#r-clips", SelectionList).selected)
        langs = list(self.query_one("#r-langs", SelectionList).selected)
        stacked = self.query_one("#r-layout", RadioSet).pressed_button
        preset = str(self.query_one("#r-preset", Select).value)
        include = Status(str(self.query_one("#r-include", Select).value))
        if not clips or not langs:
            self.notify("Choose at least one clip and one language", severity="warning")
            return
        layouts = layouts_for(langs, stacked is not None and stacked.id == "stacked")
        proof = self.query_one("#r-proof", Checkbox).value
        if not proof and self.refused_for_air(clips, layouts, preset, include):
            return
        self.queue(clips, layouts, preset, include, proof=proof)

    def queue(
        self,
        clips: list[str],
        layouts: list[list[str]],
        preset: str,
        include: Status,
        *,
        proof: bool = False,
    ) -> None:
        self.cancel_event = threading.Event()
        self.query_one("#queue-empty").display = False
        self.render_jobs(clips, layouts, preset, include, proof=proof)
        kind = " proof" if proof else ""
        self.notify(f"Queued {len(clips) * len(layouts)}{kind} render(s)", timeout=3)

    def refused_for_air(
        self, clips: list[str], layouts: list[list[str]], preset: str, include: Status
    ) -> bool:
        """An air preset for clips the gate keeps off air: say why (naming the cues) and
        offer a proof render instead; ``True`` when refused."""
        from ttdn_studio.errors import TtdnError
        from ttdn_studio.render.presets import get_preset
        from ttdn_studio.services.editorial import GateError, check_air
        from ttdn_studio.tui.dialogs import ConfirmDialog

        try:
            if not get_preset(preset).air:
                return False
            chosen = [self.store.clip(name) for name in clips]
            check_air(self.store, chosen, [lang for layout in layouts for lang in layout])
        except GateError as exc:

            def answer(as_proof: bool | None) -> None:
                if as_proof:
                    self.query_one("#r-proof", Checkbox).value = True
                    self.queue(clips, layouts, preset, include, proof=True)

            self.app.push_screen(
                ConfirmDialog(
                    exc.title,
                    f"{exc}\n\nA proof render carries a PROOF watermark and is not counted "
                    "as delivered.",
                    yes="Render as proof",
                ),
                answer,
            )
            return True
        except TtdnError as exc:  # a clip or preset gone meanwhile: said, nothing queued
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return True
        return False

    def action_cancel(self) -> None:
        self.cancel_event.set()
        self.notify("Cancelling the renders…", timeout=3)

    def render_jobs(
        self,
        clips: list[str],
        layouts: list[list[str]],
        preset: str,
        include: Status = Status.APPROVED,
        *,
        proof: bool = False,
    ) -> None:
        path, cancel = self.store.path, self.cancel_event

        def render(job: Job) -> list[Any]:
            from ttdn_studio.services.rendering import render_batch
            from ttdn_studio.store import open_project

            def progress(name: str, p: Any) -> None:
                percent = float(getattr(p, "percent", 0.0))
                speed, eta_s = getattr(p, "speed", None), getattr(p, "eta_s", None)
                job.progress(percent, 100.0, job_detail(name, percent, speed, eta_s), job=name)

            with open_project(path) as store:
                return render_batch(
                    store,
                    clips=clips,
                    layouts=layouts,
                    preset=preset,
                    min_status=include,
                    progress=progress,
                    cancel=job.stop,
                    proof=proof,
                )

        run_job(
            self,
            "render",
            render,
            summary=lambda results: f"{len(results)} render(s) finished",
            track=f"{len(clips) * len(layouts)} render(s)",
            stop=cancel,
            exclusive=False,  # a second batch queued meanwhile runs too
        )

    def on_work_progress(self, message: WorkProgress) -> None:
        bar = self.bars.get(message.job)
        if bar is None:
            bar = ProgressBar(total=100, show_eta=False)
            label = Label(message.job, markup=False)
            self.labels[message.job] = label
            self.query_one("#queue").mount(Vertical(label, bar, classes="job"))
            self.bars[message.job] = bar
            bar.border_title = message.job
        bar.update(progress=message.done)
        self.labels[message.job].update(message.detail or message.job)

    def on_work_done(self, message: WorkDone) -> None:
        lines = [_result_line(r) for r in message.result or []]
        self.last_outcome = message.summary
        self.query_one("#queue").mount(Static("\n".join(["Finished:", *lines]), classes="hint"))
        self.notify(message.summary, title="Render", timeout=6)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.last_outcome = f"{message.title}: {message.message}"
        self.query_one("#queue").mount(Static(self.last_outcome, classes="hint"))


def job_detail(job: str, percent: float, speed: float | None, eta_s: float | None) -> str:
    """The label above a job's bar: its name, how far, ffmpeg's speed and the time left."""
    parts = [job, f"{percent:.0f}%"]
    if speed:
        parts.append(f"{speed:.1f}x")
    if eta_s:
        minutes, seconds = divmod(round(eta_s), 60)
        parts.append(f"{minutes}:{seconds:02d} left" if minutes else f"{seconds} s left")
    return "  ".join(parts)


def _result_line(result: Any) -> str:
    """One finished job: its file, and the cues whose translation was not burned."""
    line = f"{result.status}: {result.output}" + (f" ({result.error})" if result.error else "")
    left = ", ".join(
        f"{n} {lang} cue{'s' if n != 1 else ''}" for lang, n in result.left_out.items()
    )
    return line + (f"\n  not burned (text below the chosen status): {left}" if left else "")
