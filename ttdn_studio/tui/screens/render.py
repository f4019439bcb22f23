"""The render screen: choose clips, languages, layout and preset; a queue with progress.

Before a render is queued, the cues it would burn are checked: approved text with
QC errors (a letter the font lacks, reading speed…) is listed and the render waits
for a "Render anyway"; cues left out (below the chosen status) are said in words.
"""

from __future__ import annotations

import threading
from typing import Any

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
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

from ttdn_studio.errors import TtdnError
from ttdn_studio.models import Status
from ttdn_studio.models.domain import status_at_least
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


# What "left out" means for each choice, in a translator's words.
LEFT_OUT_WHY = {
    Status.APPROVED: "not approved",
    Status.REVIEWED: "not reviewed or approved",
    Status.MT: "without a translation",
}
WARN_TOO = {"cps"}  # a warning, but one a viewer cannot read: listed with the errors
BOX_ON, BOX_OFF = "✓", " "  # a chosen and an unchosen box (not "X" for both)
RADIO_ON, RADIO_OFF = "●", " "


class ChoiceList(SelectionList[str]):
    """A selection list whose boxes show ✓ when chosen and stay empty when not.

    Textual draws "X" in both and tells them apart by colour alone, which a
    terminal with few colours (or a screen reader, or tmux's capture) loses.
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or index >= self.option_count:
            return line
        chosen = self.get_option_at_index(index).value in self.selected
        button = segments[1]
        segments[1] = Segment(BOX_ON if chosen else BOX_OFF, button.style, button.control)
        return Strip(segments, line.cell_length)


class Choice(RadioButton):
    """A radio button showing ● when pressed and nothing when not (not "X" for both)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return RADIO_ON if self.value else RADIO_OFF


class Tick(Checkbox):
    """A checkbox showing ✓ when ticked and nothing when not (not "X" for both)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return BOX_ON if self.value else BOX_OFF


def left_out_line(lang: str, count: int, include: Status, *, done: bool = False) -> str:
    """``km: 1 cue not approved will be left out`` (or ``was left out`` after the render)."""
    why = LEFT_OUT_WHY.get(include, f"below {include.value}")
    cues = "cue" if count == 1 else "cues"
    verb = ("was" if count == 1 else "were") if done else "will be"
    return f"{lang}: {count} {cues} {why} {verb} left out"


def burn_problems(
    store: ProjectStore, clips: list[str], langs: list[str], include: Status
) -> tuple[list[Any], dict[str, int]]:
    """QC errors (and reading speed) in the cues a render would burn, and per language
    how many cues it leaves out.

    Only what is burned counts: the source text of every cue, a translation at or above
    ``include``. Returns ``(findings, {lang: left out})``.
    """
    from ttdn_studio.qc import CHECKS, run_qc

    # the checks whose findings are listed (spelling, the slowest to load, is not)
    wanted = [c.id for c in CHECKS.values() if c.severity == "error" or c.id in WARN_TOO]
    source = store.project.source_lang
    findings: list[Any] = []
    left_out: dict[str, int] = {}
    for clip in clips:
        rows = {row.cue.id: row for row in store.cue_rows(clip, langs=langs)}
        for lang in langs:
            burned = {
                cue_id
                for cue_id, row in rows.items()
                if row.text(lang, source).strip()
                and (lang == source or status_at_least(row.status(lang), include))
            }
            if lang != source and len(rows) > len(burned):
                left_out[lang] = left_out.get(lang, 0) + len(rows) - len(burned)
            if not burned:
                continue
            findings += [
                f
                for f in run_qc(store, lang, clip=clip, checks=wanted)
                if (f.severity == "error" or f.check in WARN_TOO) and f.cue_id in burned
            ]
    return findings, left_out


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
        self.include = Status.APPROVED  # of the latest render queued

    def compose(self) -> ComposeResult:
        project = self.store.project
        langs = [*project.target_langs, project.source_lang]
        yield Header()
        with Horizontal(id="render-body"):
            with VerticalScroll(id="render-form"):
                yield ChoiceList(
                    *[(c.name, c.name, c.name == self.clip) for c in self.store.clips()],
                    id="r-clips",
                    classes="panel",
                )
                yield ChoiceList(
                    *[(lang, lang, i == 0) for i, lang in enumerate(langs)],
                    id="r-langs",
                    classes="panel",
                )
                with RadioSet(id="r-layout", classes="panel"):
                    yield Choice("one language per render", value=True, id="single")
                    yield Choice("stacked: first over second", id="stacked")
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
                yield Tick("proof (PROOF watermark)", id="r-proof")
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
        burned = list(dict.fromkeys(lang for layout in layouts for lang in layout))
        try:
            findings, left_out = burn_problems(self.store, clips, burned, include)
        except TtdnError as exc:
            self.notify(exc.in_desk(), title=exc.title, severity="error", timeout=8)
            return
        notes = [left_out_line(lang, n, include) for lang, n in left_out.items()]
        if not proof and self.refused_for_air(clips, layouts, preset, include, notes):
            return
        if not findings:
            self.queue(clips, layouts, preset, include, notes, proof=proof)
            return
        from ttdn_studio.tui.dialogs.render_warning import RenderWarningDialog

        def answered(go: bool | None) -> None:
            if go:
                self.queue(clips, layouts, preset, include, notes, proof=proof)

        self.app.push_screen(RenderWarningDialog(findings, notes), answered)

    def queue(
        self,
        clips: list[str],
        layouts: list[list[str]],
        preset: str,
        include: Status,
        notes: list[str],
        *,
        proof: bool = False,
    ) -> None:
        self.cancel_event = threading.Event()
        self.include = include
        self.query_one("#queue-empty").display = False
        self.render_jobs(clips, layouts, preset, include, proof=proof)
        kind = " proof" if proof else ""
        message = f"Queued {len(clips) * len(layouts)}{kind} render(s)"
        self.notify("\n".join([message, *notes]), timeout=6 if notes else 3)

    def refused_for_air(
        self,
        clips: list[str],
        layouts: list[list[str]],
        preset: str,
        include: Status,
        notes: list[str],
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
                    self.queue(clips, layouts, preset, include, notes, proof=True)

            self.app.push_screen(
                ConfirmDialog(
                    exc.title,
                    f"{exc.in_desk()}\n\nA proof render carries a PROOF watermark and is not counted "
                    "as delivered.",
                    yes="Render as proof",
                ),
                answer,
            )
            return True
        except TtdnError as exc:  # a clip or preset gone meanwhile: said, nothing queued
            self.notify(exc.in_desk(), title=exc.title, severity="error", timeout=8)
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
        lines = [_result_line(r, self.include) for r in message.result or []]
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


def _result_line(result: Any, include: Status = Status.APPROVED) -> str:
    """One finished job: its file, the cues whose translation was not burned, and the cues the
    video ends before."""
    line = f"{result.status}: {result.output}" + (f" ({result.error})" if result.error else "")
    left = [left_out_line(lang, n, include, done=True) for lang, n in result.left_out.items()]
    if result.past_end:
        left.append(
            f"{result.past_end} cue(s) go on past the end of the video "
            f"({result.video_ms / 1000:.3f} s) and are not shown in full"
        )
    return "\n  ".join([line, *left])
