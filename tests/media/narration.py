"""Narration fixtures with exact ground truth, spoken by espeak-ng (no downloads).

The demo script's sentences are spoken one by one (Vietnamese voice), at
several speaking rates, joined with pauses of 0.1–0.8 s; some lines are spoken
in two halves with an inner pause. Every line's speech start and end in the
result are known to the sample. A variant mixes a music bed (ffmpeg's pink
noise and sine chords) 17 dB under the voice.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tomllib
import wave
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

RATE = 22050
DEMO_CUES = Path(__file__).parents[2] / "projects" / "ca-mau-dat-va-nguoi-demo" / "cues.toml"


@dataclass
class Line:
    text: str
    speech_start_ms: int
    speech_end_ms: int


def demo_sentences() -> list[str]:
    data = tomllib.loads(DEMO_CUES.read_text(encoding="utf-8"))
    return [c["vi"] for c in data["cue"]]


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None


def speak(text: str, rate: int) -> np.ndarray:
    """One utterance as float samples at 22.05 kHz, silence trimmed off both ends."""
    out = subprocess.run(
        ["espeak-ng", "-v", "vi", "-s", str(rate), "--stdout", text.replace("\n", " ")],
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(_BytesReader(out)) as w:  # type: ignore[arg-type]
        frames = w.readframes(w.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples


class _BytesReader:
    """espeak's --stdout WAV has a streaming header (size 0xFFFFFFFF): read it as a file."""

    def __init__(self, data: bytes):
        import io

        self._io = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self._io.read(n)

    def seek(self, *a: int) -> int:
        return self._io.seek(*a)

    def tell(self) -> int:
        return self._io.tell()


def build_narration(
    sentences: list[str], seed: int = 7, lead_in_ms: int = 700
) -> tuple[np.ndarray, list[Line]]:
    """Concatenate the sentences with random pauses; returns samples and the ground truth."""
    rnd = random.Random(seed)
    rates = [135, 160, 185, 210]
    parts: list[np.ndarray] = [np.zeros(RATE * lead_in_ms // 1000, dtype=np.float32)]
    at = len(parts[0])
    lines: list[Line] = []
    for i, text in enumerate(sentences):
        rate = rates[i % len(rates)]
        halves = _inner_pause_halves(text) if i % 5 == 3 else None
        start = at
        if halves:
            for k, half in enumerate(halves):
                if k:
                    gap = np.zeros(int(RATE * rnd.uniform(0.35, 0.5)), dtype=np.float32)
                    parts.append(gap)
                    at += len(gap)
                speech = speak(half, rate)
                parts.append(speech)
                at += len(speech)
        else:
            speech = speak(text, rate)
            parts.append(speech)
            at += len(speech)
        lines.append(Line(text, round(start * 1000 / RATE), round(at * 1000 / RATE)))
        pause = np.zeros(int(RATE * rnd.uniform(0.1, 0.8)), dtype=np.float32)
        parts.append(pause)
        at += len(pause)
    parts.append(np.zeros(RATE, dtype=np.float32))
    return np.concatenate(parts), lines


def _inner_pause_halves(text: str) -> list[str] | None:
    flat = text.replace("\n", " ")
    for mark in (", ", ": ", " - "):
        if mark in flat:
            a, b = flat.split(mark, 1)
            if len(a) > 8 and len(b) > 8:
                return [a + mark.strip(), b]
    return None


def music_bed(seconds: float, workdir: Path) -> np.ndarray:
    """Pink noise and a sustained chord from ffmpeg's sources, peak-normalised."""
    out = workdir / "bed.wav"
    chord = "".join(
        f"sine=frequency={f}:sample_rate={RATE}[s{i}];" for i, f in enumerate((220, 277, 330, 440))
    )
    graph = (
        f"anoisesrc=color=pink:sample_rate={RATE}:amplitude=0.5[n];{chord}"
        "[n][s0][s1][s2][s3]amix=inputs=5:normalize=1,"
        "tremolo=f=0.5:d=0.4[out]"
    )
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-filter_complex",
            graph,
            "-map",
            "[out]",
            "-t",
            f"{seconds:.3f}",
            "-ac",
            "1",
            "-ar",
            str(RATE),
            str(out),
        ],
        check=True,
    )
    with wave.open(str(out)) as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32)
    return data / 32768.0


def mix_under(voice: np.ndarray, bed: np.ndarray, db_under: float) -> np.ndarray:
    """Mix ``bed`` ``db_under`` dB (RMS) below the voice's speech parts."""
    bed = np.resize(bed, len(voice))
    speech = voice[np.abs(voice) > 0.01]
    voice_rms = float(np.sqrt(np.mean(speech**2)))
    bed_rms = float(np.sqrt(np.mean(bed**2))) or 1.0
    mixed = voice + bed * (voice_rms / bed_rms) * 10 ** (-db_under / 20)
    return np.clip(mixed, -1.0, 1.0)


def write_wav(samples: np.ndarray, path: Path) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


def write_clip(samples: np.ndarray, path: Path, workdir: Path) -> Path:
    """A small Matroska clip (grey picture at 25 fps, FLAC voice) like a broadcast proxy."""
    wav = workdir / (path.stem + ".wav")
    write_wav(samples, wav)
    seconds = len(samples) / RATE
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"color=c=gray:s=64x36:r=25:d={seconds:.3f}",
            "-i",
            str(wav),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "stillimage",
            "-c:a",
            "flac",
            "-shortest",
            str(path),
        ],
        check=True,
    )
    return path


def make_fixture_set(workdir: Path, sentences: list[str] | None = None) -> dict[str, Path]:
    """Clean and music-bed narration clips plus ``truth.json`` in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    sentences = sentences or demo_sentences()
    voice, lines = build_narration(sentences)
    clean = write_clip(voice, workdir / "narration.mkv", workdir)
    bed = music_bed(len(voice) / RATE, workdir)
    music = write_clip(mix_under(voice, bed, 17.0), workdir / "narration_music.mkv", workdir)
    truth = workdir / "truth.json"
    truth.write_text(json.dumps([asdict(x) for x in lines], ensure_ascii=False, indent=1))
    return {"clean": clean, "music": music, "truth": truth}


def load_truth(path: Path) -> list[Line]:
    return [Line(**x) for x in json.loads(path.read_text())]
