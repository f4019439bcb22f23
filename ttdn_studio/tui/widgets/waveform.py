"""The waveform strip: the current cue and its neighbours against the clip's voice.

Four lines of plain block characters (they survive SSH and any terminal font): the
cues (``[`` and ``]`` bound the current cue, ``|`` its neighbours'), two lines of
waveform peaks (speech runs bright, the rest dim), and a line of marks (``▔`` under
speech, ``▲`` at a shot change, ``┃`` the playhead). The data comes from the media
cache in a worker (:func:`run_job`), never on the way to the first frame; a clip with
no video, or not analysed yet, shows one line saying so (``Alt+W`` analyses it).

The strip also plays the cue (:mod:`ttdn_studio.media.player`) with a moving playhead;
the player command is the attribute :attr:`WaveformStrip.player` (``None``: ffplay or
``$TTDN_PLAYER``), so tests give it a fake player.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.tui.format import clock
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import CueFocused, WorkDone, WorkFailed

if TYPE_CHECKING:
    from ttdn_studio.media.player import Playback
    from ttdn_studio.models import Cue
    from ttdn_studio.store import ProjectStore

LOAD_DELAY_S = 0.4  # after the cue settles (and after the first frames of the desk)
TICK_S = 0.1  # the playhead moves ten times a second
MARGIN_MS = 1000  # shown before the previous cue and after the next
LEVELS = " ▁▂▃▄▅▆▇█"
NO_VIDEO = "No video for this clip: no waveform (import it with a video to time to the voice)."
NOT_ANALYSED = "This clip is not analysed yet: Alt+W reads its voice and shot changes."


@dataclass
class StripData:
    """What the strip draws for a clip (from the media cache)."""

    video: Path
    peaks: Any  # numpy uint8 array, one value per 10 ms
    speech: list[tuple[int, int]]
    shots: list[int] = field(default_factory=list)


def load_cached(project_dir: Path, clip: str, video: Path) -> StripData | None:
    """The clip's strip data if it was analysed (nothing is computed here), else None."""
    from ttdn_studio.media.analysis import ClipAnalysis
    from ttdn_studio.media.shots import DEFAULT_THRESHOLD

    analysis = ClipAnalysis.open(project_dir, clip, video)
    cache = analysis.cache
    speech_file = f"speech-{analysis.vad.key()}.json"
    if not cache.path("peaks.npy").exists() or not cache.path(speech_file).exists():
        return None
    shots = (
        analysis.shot_changes() if cache.path(f"shots-{DEFAULT_THRESHOLD:g}.json").exists() else []
    )
    return StripData(video, analysis.peaks, analysis.speech, shots)


def analyse(job: Job, project_dir: Path, clip: str, video: Path) -> StripData:
    """Read the clip's audio, speech runs, peaks and shot changes into the cache (progress)."""
    from ttdn_studio.media.analysis import ClipAnalysis

    analysis = ClipAnalysis.open(project_dir, clip, video)
    steps = [
        ("Reading the audio", lambda: analysis.samples),
        ("Finding speech", lambda: analysis.speech),
        ("Waveform", lambda: analysis.peaks),
        ("Shot changes", analysis.shot_changes),
    ]
    for i, (label, step) in enumerate(steps):
        job.check()
        job.progress(i, len(steps), f"Analysing {clip}: {label}")
        step()
    job.progress(len(steps), len(steps), f"Analysing {clip}")
    return StripData(video, analysis.peaks, analysis.speech, analysis.shot_changes())


def draw(
    data: StripData,
    current: tuple[int, int],
    neighbours: list[tuple[int, int]],
    width: int,
    playhead: int | None = None,
) -> list[Text]:
    """The strip's four lines for a window around ``current`` and its ``neighbours``."""
    first = min([current[0], *(s for s, _ in neighbours)]) - MARGIN_MS
    last = max([current[1], *(e for _, e in neighbours)]) + MARGIN_MS
    first = max(0, first)
    width = max(10, width)
    per_col = max(1, (last - first) / width)

    def col(ms: int) -> int | None:
        c = int((ms - first) / per_col)
        return c if 0 <= c < width else None

    cues = [" "] * width
    for s, e in neighbours:
        for c in range(width):
            if s <= first + c * per_col <= e:
                cues[c] = "─"
        for edge in (s, e):
            at = col(edge)
            if at is not None:
                cues[at] = "|"
    for c in range(width):
        if current[0] <= first + c * per_col <= current[1]:
            cues[c] = "═"
    for edge, mark in ((current[0], "["), (current[1], "]")):
        at = col(edge)
        if at is not None:
            cues[at] = mark

    peaks = data.peaks
    top, bottom, marks = [" "] * width, [" "] * width, [" "] * width
    speaking = [False] * width
    for c in range(width):
        a = int((first + c * per_col) // 10)
        b = max(a + 1, int((first + (c + 1) * per_col) // 10))
        chunk = peaks[a:b]
        level = round(int(chunk.max()) * 16 / 255) if len(chunk) else 0
        top[c] = LEVELS[max(0, level - 8)]
        bottom[c] = LEVELS[min(8, level)]
        mid = first + (c + 0.5) * per_col
        speaking[c] = any(s <= mid < e for s, e in data.speech)
        if speaking[c]:
            marks[c] = "▔"
    for shot in data.shots:
        at = col(shot)
        if at is not None:
            marks[at] = "▲"
    play_col = col(playhead) if playhead is not None else None
    if play_col is not None:
        marks[play_col] = "┃"

    def styled(chars: list[str], wave: bool) -> Text:
        text = Text()
        for c, ch in enumerate(chars):
            style = ""
            if wave:
                style = "bold green" if speaking[c] else "dim"
            elif ch in "[]═":
                style = "bold"
            elif ch == "▲":
                style = "bold yellow"
            if c == play_col:
                style = (style + " reverse").strip()
            text.append(ch, style=style)
        return text

    return [styled(cues, False), styled(top, True), styled(bottom, True), styled(marks, False)]


class WaveformStrip(Static):
    """The current cue against the voice; plays it; gives the playhead to the spotting keys."""

    DEFAULT_CSS = """
    WaveformStrip { height: 4; padding: 0 1; }
    WaveformStrip.-message { height: 1; color: $text-muted; }
    """

    def __init__(self, store: ProjectStore, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.store = store
        self.player: list[str] | None = None  # None: $TTDN_PLAYER or ffplay
        self.clip: str | None = None
        self.cue: Cue | None = None
        self.data: StripData | None = None
        self.data_clip: str | None = None
        self.message = ""
        self.lines: list[str] = []  # the plain text drawn last (what a test reads)
        self.playback: Playback | None = None
        self.playhead: int | None = None
        self._load_timer: Timer | None = None
        self._tick: Timer | None = None

    # ---------------------------------------------------------------- the cue
    def on_cue_focused(self, message: CueFocused) -> None:
        row = message.row
        if row is None:
            self.cue = None
            self.show_message("")
            return
        if row.clip != self.clip:
            self.clip, self.data, self.data_clip = row.clip, None, None
            self.stop()
            self.playhead = None
        self.cue = row.cue
        if self.data is not None:
            self.redraw()
            return
        if self._load_timer is not None:
            self._load_timer.stop()
        self._load_timer = self.set_timer(LOAD_DELAY_S, self.load)

    def video(self) -> Path | None:
        if self.clip is None:
            return None
        try:
            return self.store.clip(self.clip).video_path(self.store.path)
        except TtdnError:
            return None

    def load(self) -> None:
        """Read the clip's analysis from the cache in a worker (computes nothing)."""
        video, clip, folder = self.video(), self.clip, self.store.path
        if clip is None:
            return
        if video is None:
            self.show_message(NO_VIDEO)
            return
        run_job(self, "waveform", lambda job: (clip, load_cached(folder, clip, video)), toast=False)

    def start_analysis(self) -> None:
        video, clip, folder = self.video(), self.clip, self.store.path
        if clip is None:
            return
        if video is None:
            self.notify(NO_VIDEO, severity="warning", timeout=5)
            return
        self.show_message(f"Analysing {clip}…")
        run_job(
            self,
            "analyse",
            lambda job: (clip, analyse(job, folder, clip, video)),
            summary=lambda r: (
                f"{r[0]} analysed: {len(r[1].speech)} speech runs, {len(r[1].shots)} shot changes"
            ),
        )

    def on_work_done(self, message: WorkDone) -> None:
        if message.group not in ("waveform", "analyse"):
            return
        if message.group == "waveform":
            message.stop()
        clip, data = message.result
        if message.group == "analyse":
            self.notify(message.summary, timeout=4)
        if clip != self.clip:
            return
        if data is None:
            self.show_message(NOT_ANALYSED)
            return
        self.data, self.data_clip = data, clip
        self.redraw()

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.group == "waveform":
            message.stop()
            self.show_message(message.message)
        elif message.group == "analyse":
            self.show_message(message.message)

    # ---------------------------------------------------------------- drawing
    def show_message(self, text: str) -> None:
        self.message = text
        self.lines = [text] if text else []
        self.add_class("-message")
        self.update(text)

    def neighbours(self) -> list[tuple[int, int]]:
        from ttdn_studio.store.timing import neighbours

        if self.cue is None:
            return []
        try:
            cue = self.store.cue(self.cue.id)
        except TtdnError:
            return []
        return [(c.start_ms, c.end_ms) for c in neighbours(self.store, cue) if c is not None]

    def redraw(self) -> None:
        if self.data is None and self.message:  # no strip: the playhead as a time
            at = self.playhead
            shown = (
                f"┃ {clock(at, tenths=False)} · {self.message}" if at is not None else self.message
            )
            self.lines = [shown]
            self.update(shown)
            return
        if self.data is None or self.cue is None:
            return
        try:
            cue = self.store.cue(self.cue.id)
        except TtdnError:
            return
        width = (self.size.width or 80) - 2
        lines = draw(self.data, (cue.start_ms, cue.end_ms), self.neighbours(), width, self.playhead)
        self.message = ""
        self.remove_class("-message")
        self.lines = [line.plain for line in lines]
        self.update(Text("\n").join(lines))

    def on_resize(self) -> None:
        if self.data is not None:
            self.redraw()

    # ---------------------------------------------------------------- playing
    def play(self) -> None:
        """Play the current cue from a little before it; the playhead follows."""
        from ttdn_studio.media.player import play

        video = self.video()
        if self.cue is None:
            return
        if video is None:
            self.notify(NO_VIDEO, severity="warning", timeout=5)
            return
        self.stop()
        try:
            cue = self.store.cue(self.cue.id)
            self.playback = play(video, cue.start_ms, cue.end_ms, self.player)
        except TtdnError as exc:
            self.notify(str(exc), title="Cannot play", severity="error", timeout=8)
            return
        self.playhead = self.playback.start_ms
        self._tick = self.set_interval(TICK_S, self.tick)
        self.redraw()

    def tick(self) -> None:
        playback = self.playback
        if playback is None:
            return
        self.playhead = playback.position_ms()
        if not playback.running():
            problem = playback.problem()
            self.end_playback()
            if problem:  # nothing was heard: no playhead for the spotting keys
                self.playhead = None
                self.notify(problem, title="Cannot play", severity="error", timeout=10)
        self.redraw()

    def end_playback(self) -> None:
        if self._tick is not None:
            self._tick.stop()
            self._tick = None
        if self.playback is not None:
            self.playback.close()
            self.playback = None

    def stop(self) -> None:
        """Stop playing; the playhead stays where it was heard last (for the spotting keys)."""
        if self.playback is not None:
            self.playhead = self.playback.position_ms()
        self.end_playback()
        self.redraw()

    @property
    def playing(self) -> bool:
        return self.playback is not None and self.playback.running()

    def on_unmount(self) -> None:
        self.end_playback()
