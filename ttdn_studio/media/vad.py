"""Speech activity: where the voice is, from the Silero VAD model.

The model (``silero_vad_v6.onnx``) ships inside the ``faster-whisper`` wheel
and runs on onnxruntime: no torch, nothing downloaded. It was chosen over
webrtcvad on the narration fixtures (see the README, "Timing from the voice").
Runs are returned in integer milliseconds, sorted, never overlapping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ttdn_studio.media.audio import SAMPLE_RATE

DETECTOR = "silero-v6"


@dataclass(frozen=True)
class VadSettings:
    threshold: float = 0.5  # speech probability
    min_silence_ms: int = 100  # shorter pauses stay inside a run
    min_speech_ms: int = 60

    def key(self) -> str:
        return f"{DETECTOR}-{self.threshold:g}-{self.min_silence_ms}-{self.min_speech_ms}"


def speech_runs(samples: np.ndarray, settings: VadSettings | None = None) -> list[tuple[int, int]]:
    """(start_ms, end_ms) of every stretch of speech in 16 kHz int16 ``samples``."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    settings = settings or VadSettings()
    if len(samples) < SAMPLE_RATE // 10:
        return []
    audio = samples.astype(np.float32) / 32768.0
    stamps = get_speech_timestamps(
        audio,
        VadOptions(
            threshold=settings.threshold,
            min_silence_duration_ms=settings.min_silence_ms,
            min_speech_duration_ms=settings.min_speech_ms,
            speech_pad_ms=0,
        ),
    )
    per_ms = SAMPLE_RATE // 1000
    runs: list[tuple[int, int]] = []
    for s in stamps:
        start, end = int(s["start"]) // per_ms, -(-int(s["end"]) // per_ms)
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(end, runs[-1][1]))
        elif end > start:
            runs.append((start, end))
    return runs
