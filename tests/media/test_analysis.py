"""Media analysis of a clip: cached audio, speech runs, peaks, cache invalidation."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from clips import lavfi_clip

from media.conftest import Narration
from ttdn_studio.errors import MediaError
from ttdn_studio.media import ClipAnalysis


def test_audio_extracted_once_and_cached(tmp_path: Path, narration: Narration) -> None:
    a = ClipAnalysis.open(tmp_path, "tập 1", narration.clean)
    runs = a.speech
    pcm = a.cache.path("audio.s16le")
    assert pcm.exists() and a.cache.folder.parent == tmp_path / ".cache" / "media"
    assert len(a.samples) / 16000 == pytest.approx(
        narration.truth[-1].speech_end_ms / 1000 + 1.4, abs=0.5
    )
    # every true line start lies in or right at a speech run
    for line in narration.truth:
        assert any(s - 100 <= line.speech_start_ms <= e for s, e in runs), line
    # a second open reads the cache: the extracted audio is not rewritten
    stamp = pcm.stat().st_mtime_ns
    b = ClipAnalysis.open(tmp_path, "tập 1", narration.clean)
    assert b.speech == runs and pcm.stat().st_mtime_ns == stamp


def test_peaks_are_100_per_second(tmp_path: Path, narration: Narration) -> None:
    a = ClipAnalysis.open(tmp_path, "c", narration.clean)
    peaks = a.peaks
    assert peaks.dtype == np.uint8 and len(peaks) == len(a.samples) // 160
    first = narration.truth[0]
    assert peaks[: first.speech_start_ms // 10 - 5].max() == 0  # leading silence
    assert peaks[first.speech_start_ms // 10 + 20 : first.speech_end_ms // 10].max() > 50
    assert (a.cache.path("peaks.npy")).exists()


def test_cache_invalidated_when_the_video_changes(tmp_path: Path) -> None:
    video = lavfi_clip(tmp_path / "v.mkv", 1.0, size="64x36", audio="flac")
    a = ClipAnalysis.open(tmp_path, "c", video)
    first = len(a.samples)
    marker = a.cache.path("peaks.npy")
    assert a.peaks.size
    assert marker.exists()
    lavfi_clip(video, 2.0, size="64x36", audio="flac")
    st = video.stat()
    os.utime(video, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    b = ClipAnalysis.open(tmp_path, "c", video)
    assert not marker.exists()
    assert len(b.samples) > first * 1.5


def test_no_audio_stream_is_a_clear_error(tmp_path: Path) -> None:
    video = tmp_path / "mute.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=gray:s=64x36:r=25:d=1",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            str(video),
        ],
        check=True,
    )
    a = ClipAnalysis.open(tmp_path, "c", video)
    with pytest.raises(MediaError, match="no audio stream"):
        assert a.speech


def test_missing_video_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="not found"):
        ClipAnalysis.open(tmp_path, "c", tmp_path / "gone.mp4")
    with pytest.raises(MediaError, match="has no video"):
        ClipAnalysis.open(tmp_path, "c", None)


def test_speech_detector_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Silero model comes from faster-whisper's wheel: nothing is fetched."""
    import socket

    from ttdn_studio.media.vad import speech_runs

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the speech detector tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    rng = np.random.default_rng(1)
    silence = np.zeros(16000, dtype=np.int16)
    noise = (rng.standard_normal(16000) * 300).astype(np.int16)
    assert speech_runs(np.concatenate([silence, noise, silence])) == []
