"""One clip's analysis, cached in the project folder: audio, speech runs,
loudness per 10 ms, waveform peaks (100 a second) and shot changes.

Everything is computed on first use and read back from
``<project>/.cache/media/<clip>/`` afterwards, until the video changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from ttdn_studio.errors import MediaError
from ttdn_studio.media.audio import SAMPLE_RATE, MediaCache, load_audio
from ttdn_studio.media.shots import DEFAULT_THRESHOLD, detect_shot_changes
from ttdn_studio.media.vad import VadSettings, speech_runs

FRAME_MS = 10  # loudness and peaks: one value per 10 ms (100 per second)
_FRAME = SAMPLE_RATE * FRAME_MS // 1000


@dataclass
class ClipAnalysis:
    """Lazy, cached analysis of one clip's video."""

    cache: MediaCache
    vad: VadSettings = field(default_factory=VadSettings)

    @classmethod
    def open(cls, project_dir: Path, clip: str, video: Path | None) -> ClipAnalysis:
        if video is None:
            raise MediaError(
                f"clip {clip!r} has no video; give it one with `ttdn import PROJECT FILE "
                f"--update --clip {clip} --video VIDEO` (FILE: the clip's script or subtitles)",
                desk=f"clip {clip!r} has no video; attach one with Alt+Shift+V",
            )
        return cls(MediaCache.for_clip(project_dir, clip, video))

    @cached_property
    def samples(self) -> np.ndarray:
        return load_audio(self.cache)

    @property
    def duration_ms(self) -> int:
        return len(self.samples) * 1000 // SAMPLE_RATE

    @cached_property
    def speech(self) -> list[tuple[int, int]]:
        """Speech runs (start_ms, end_ms), from the VAD."""
        name = f"speech-{self.vad.key()}.json"
        cached = self.cache.read_json(name)
        if isinstance(cached, list):
            return [(int(a), int(b)) for a, b in cached]
        runs = speech_runs(self.samples, self.vad)
        self.cache.write_json(name, runs)
        return runs

    def _frames(self) -> np.ndarray:
        n = len(self.samples) // _FRAME
        return self.samples[: n * _FRAME].astype(np.float32).reshape(n, _FRAME)

    @cached_property
    def loudness(self) -> np.ndarray:
        """RMS level in dBFS per 10 ms frame (float32)."""
        path = self.cache.path("loudness.npy")
        if path.exists():
            return np.load(path)
        frames = self._frames() / 32768.0
        rms = np.sqrt(np.mean(frames * frames, axis=1) + 1e-12)
        db = (20 * np.log10(rms)).astype(np.float32)
        np.save(path, db)
        return db

    @cached_property
    def peaks(self) -> np.ndarray:
        """Waveform peaks for drawing: the largest |sample| per 10 ms, 0–255 (uint8)."""
        path = self.cache.path("peaks.npy")
        if path.exists():
            return np.load(path)
        peak = np.abs(self._frames()).max(axis=1) if len(self.samples) >= _FRAME else np.zeros(0)
        out = np.minimum(peak / 128.0, 255).astype(np.uint8)
        np.save(path, out)
        return out

    def shot_changes(self, threshold: float = DEFAULT_THRESHOLD) -> list[int]:
        name = f"shots-{threshold:g}.json"
        cached = self.cache.read_json(name)
        if isinstance(cached, list):
            return [int(x) for x in cached]
        shots = detect_shot_changes(self.cache.video, threshold)
        self.cache.write_json(name, shots)
        return shots
