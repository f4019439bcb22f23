"""Timing a clip's cues to its voice: the aligner registry, subtitle rules, the store edit.

An aligner gets the cue texts (in order) with their language and the clip's
analysis, and returns where each cue's speech is (:class:`Span`). To add one
(e.g. Whisper word timestamps through ``faster-whisper``, with a model the user
installs with ``ttdn models install``), write a function with that signature
in its own module and register it in :data:`ALIGNERS`; it must be tested on the
narration fixtures in ``tests/media`` before it is registered.

After alignment the broadcast rules make subtitles of the spans: in-time at the
start of speech (snapped down to a frame: a lead-in under one frame), out-time
never before the end of speech, minimum duration and reading speed from the
language profile, the profile's minimum gap, short gaps closed (chaining),
never reaching into the next cue's speech. The cue texts and their order never
change; all new times go into the store in one undoable edit, and cues the
aligner is unsure of get the ``timing-check`` flag.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ttdn_studio.errors import MediaError
from ttdn_studio.media.analysis import ClipAnalysis
from ttdn_studio.media.syllables import syllables
from ttdn_studio.media.voice import Span, align_voice
from ttdn_studio.models import Project
from ttdn_studio.models.profiles import LanguageProfile, profile_for
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.timing import retime_cues

TIMING_CHECK = "timing-check"
LOW_CONFIDENCE = 0.5
CHAIN_MS = 500  # gaps shorter than this close to the minimum gap
MAX_SYLLABLES_PER_S = 9.0  # more cues than this much speech can carry: refuse

Aligner = Callable[[list[str], str, ClipAnalysis], list[Span]]


def _voice(texts: list[str], lang: str, analysis: ClipAnalysis) -> list[Span]:
    return align_voice([syllables(t, lang) for t in texts], analysis.speech, analysis.loudness)


def _tts(texts: list[str], lang: str, analysis: ClipAnalysis) -> list[Span]:
    from ttdn_studio.media.tts import align_tts

    return align_tts(texts, lang, analysis)


ALIGNERS: dict[str, Aligner] = {"voice": _voice, "tts": _tts}


@dataclass
class CueTiming:
    clip: str
    index: int
    start_ms: int
    end_ms: int
    speech_start_ms: int
    speech_end_ms: int
    confidence: float


@dataclass
class AlignReport:
    clip: str
    aligner: str
    cues: list[CueTiming] = field(default_factory=list)
    speech_ms: int = 0
    to_check: int = 0

    def summary(self) -> dict[str, object]:
        return {
            "clip": self.clip,
            "aligner": self.aligner,
            "cues": len(self.cues),
            "to_check": self.to_check,
            "speech_ms": self.speech_ms,
        }

    def as_json(self) -> dict[str, object]:
        return {"summary": self.summary(), "cues": [asdict(c) for c in self.cues]}

    def flagged(self) -> list[int]:
        """1-based indexes of the cues flagged timing-check."""
        return [c.index for c in self.cues if c.confidence < LOW_CONFIDENCE]

    def sentence(self) -> str:
        return f"timed to the voice: {len(self.cues)} cues, {self.to_check} to check"


def subtitle_times(
    spans: list[Span],
    texts: list[str],
    profile: LanguageProfile,
    project: Project,
    clip_end_ms: int | None = None,
) -> list[tuple[int, int]]:
    """Cue in/out times from speech spans under the broadcast rules (see module docstring)."""
    frame = 1000.0 / project.fps
    gap = project.frames_to_ms(profile.min_gap_frames)

    def down(ms: float) -> int:
        return round(math.floor(ms / frame + 1e-6) * frame)

    def up(ms: float) -> int:
        return round(math.ceil(ms / frame - 1e-6) * frame)

    starts = [down(s.speech_start_ms) for s in spans]
    out: list[tuple[int, int]] = []
    for i, (span, text) in enumerate(zip(spans, texts, strict=True)):
        start = starts[i]
        if out and start < out[-1][1] + gap:  # speech runs on from the previous cue
            start = out[-1][1] + gap
        chars = len(text.replace("\n", " "))
        wanted = max(
            up(span.speech_end_ms),
            start + profile.min_duration_ms,
            start + round(chars / profile.max_cps * 1000),
        )
        end = max(up(span.speech_end_ms), min(wanted, start + profile.max_duration_ms))
        if i + 1 < len(spans):
            limit = starts[i + 1] - gap
            if limit - end < CHAIN_MS:
                end = limit  # close the short gap (chaining)
            end = min(end, limit)
        elif clip_end_ms is not None:  # the last cue: not past the end of the clip
            end = max(min(end, clip_end_ms), up(span.speech_end_ms))
        end = max(end, start + round(frame))
        out.append((start, end))
    return out


def align_clip(
    store: ProjectStore,
    clip: str | None = None,
    *,
    aligner: str = "voice",
    analysis: ClipAnalysis | None = None,
    write: bool = True,
) -> AlignReport:
    """Re-time the cues of ``clip`` to its voice (one undoable edit); see the module docstring."""
    try:
        align = ALIGNERS[aligner]
    except KeyError:
        raise MediaError(f"unknown aligner {aligner!r} (aligners: {', '.join(ALIGNERS)})") from None
    project = store.project
    c = store.clip(clip)
    rows = store.cue_rows(c.name, langs=[])
    if not rows:
        raise MediaError(f"clip {c.name!r} has no cues to time")
    if analysis is None:
        analysis = ClipAnalysis.open(store.path, c.name, c.video_path(store.path))
    runs = analysis.speech
    speech_ms = sum(e - s for s, e in runs)
    if not runs:
        raise MediaError(
            f"no speech found in the audio of clip {c.name!r} (music only?); timing left as it was",
            file=analysis.cache.video,
        )
    texts = [r.cue.text for r in rows]
    lang = project.source_lang
    need = sum(syllables(t, lang) for t in texts)
    if len(texts) > 1 and need / MAX_SYLLABLES_PER_S * 1000 > speech_ms * 2:
        raise MediaError(
            f"clip {c.name!r} has far more cues ({len(texts)}) than its "
            f"{speech_ms / 1000:.1f} s of speech can carry; timing left as it was",
            file=analysis.cache.video,
        )
    if len(texts) > _max_cues(runs):
        raise MediaError(
            f"clip {c.name!r} has more cues ({len(texts)}) than places to cut its "
            f"{speech_ms / 1000:.1f} s of speech; timing left as it was"
        )
    spans = align(texts, lang, analysis)
    profile = profile_for(project, lang)
    times = subtitle_times(spans, texts, profile, project, analysis.duration_ms)
    report = AlignReport(c.name, aligner, speech_ms=speech_ms)
    flagged: set[int] = set()
    for row, span, (start, end) in zip(rows, spans, times, strict=True):
        report.cues.append(
            CueTiming(
                c.name,
                row.index,
                start,
                end,
                span.speech_start_ms,
                span.speech_end_ms,
                span.confidence,
            )
        )
        if span.confidence < LOW_CONFIDENCE:
            flagged.add(row.cue.id)
    report.to_check = len(flagged)
    if write:
        retime_cues(
            store,
            {row.cue.id: t for row, t in zip(rows, times, strict=True)},
            flag=TIMING_CHECK,
            flagged=flagged,
            action=f"time {c.name} to the voice ({aligner})",
        )
    return report


def _max_cues(runs: list[tuple[int, int]]) -> int:
    """Cues the speech can hold at most: one per 200 ms of speech (a cut per window)."""
    return sum(max(1, (e - s) // 200) for s, e in runs)
