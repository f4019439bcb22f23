"""The ``tts`` aligner: the ``voice`` aligner, then cuts inside runs refined by DTW.

Where the narrator reads several cues without a pause, the ``voice`` aligner
can only guess the cut from the quietest moment. Here the cues of such a run
are spoken by espeak-ng (Debian's ``espeak-ng``; voices for Vietnamese and
English, none for Khmer), both audios are turned into log-mel frames (10 ms,
normalised per utterance), and dynamic time warping maps the synthetic cue
boundaries onto the clip's audio. Cuts at real pauses are kept as they are.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave

import numpy as np

from ttdn_studio.errors import MediaError
from ttdn_studio.media.analysis import FRAME_MS, ClipAnalysis
from ttdn_studio.media.audio import SAMPLE_RATE
from ttdn_studio.media.syllables import syllables
from ttdn_studio.media.voice import Span, align_voice, quiet_level

VOICES = {"vi": "vi", "en": "en-gb"}
HOP = SAMPLE_RATE // 100  # 10 ms
WIN = 400  # 25 ms
N_MELS = 24
MAX_REGION_S = 25.0  # longer stretches without a pause keep the voice aligner's cuts
SHORT_PAUSE_MS = 250  # cuts at pauses shorter than this are refined


def synthesize(text: str, lang: str) -> np.ndarray:
    """``text`` spoken by espeak-ng, as float samples at 16 kHz."""
    voice = VOICES.get(lang)
    if voice is None:
        raise MediaError(
            f"the tts aligner has no espeak-ng voice for {lang!r}; use --aligner voice"
        )
    if shutil.which("espeak-ng") is None:
        raise MediaError("the tts aligner needs espeak-ng (Debian: apt install espeak-ng)")
    proc = subprocess.run(
        ["espeak-ng", "-v", voice, "--stdout", text.replace("\n", " ")],
        capture_output=True,
    )
    if proc.returncode != 0 or not proc.stdout:
        raise MediaError(f"espeak-ng failed ({proc.stderr.decode(errors='replace').strip()})")
    with wave.open(io.BytesIO(proc.stdout)) as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32)
    data /= 32768.0
    if rate != SAMPLE_RATE and len(data):
        t_new = np.arange(int(len(data) * SAMPLE_RATE / rate)) / SAMPLE_RATE
        data = np.interp(t_new, np.arange(len(data)) / rate, data).astype(np.float32)
    loud = np.flatnonzero(np.abs(data) > 0.01)
    return data[loud[0] : loud[-1] + 1] if len(loud) else data


def _mel_matrix() -> np.ndarray:
    def mel(f: np.ndarray) -> np.ndarray:
        return 2595 * np.log10(1 + f / 700)

    bins = np.fft.rfftfreq(512, 1 / SAMPLE_RATE)
    edges = np.linspace(mel(np.array(80.0)), mel(np.array(7600.0)), N_MELS + 2)
    hz = 700 * (10 ** (edges / 2595) - 1)
    fb = np.zeros((N_MELS, len(bins)))
    for m in range(N_MELS):
        lo, mid, hi = hz[m], hz[m + 1], hz[m + 2]
        fb[m] = np.clip(np.minimum((bins - lo) / (mid - lo), (hi - bins) / (hi - mid)), 0, None)
    return fb


_MEL = _mel_matrix()


def features(samples: np.ndarray) -> np.ndarray:
    """Log-mel frames (10 ms hop), mean- and variance-normalised over the utterance."""
    if len(samples) < WIN:
        samples = np.pad(samples, (0, WIN - len(samples)))
    n = 1 + (len(samples) - WIN) // HOP
    idx = np.arange(WIN)[None, :] + HOP * np.arange(n)[:, None]
    frames = samples[idx] * np.hanning(WIN)[None, :]
    power = np.abs(np.fft.rfft(frames, 512)) ** 2
    logmel = np.log(power @ _MEL.T + 1e-8)
    return (logmel - logmel.mean(0)) / (logmel.std(0) + 1e-5)


def dtw_map(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each frame of ``b``, the first frame of ``a`` the warping path pairs with it.

    Steps: ``a`` advances one frame each step, ``b`` zero, one or two (rows vectorise).
    """
    n, m = len(a), len(b)
    sq = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * (a @ b.T)
    cost = np.sqrt(np.maximum(sq, 0.0))
    acc = np.full((n, m), np.inf)
    step = np.zeros((n, m), dtype=np.int8)
    acc[0, 0] = cost[0, 0]
    for i in range(1, n):
        prev = acc[i - 1]
        options = np.stack(
            [prev, np.concatenate([[np.inf], prev[:-1]]), np.concatenate([[np.inf] * 2, prev[:-2]])]
        )
        choice = np.argmin(options, axis=0)
        acc[i] = cost[i] + options[choice, np.arange(m)]
        step[i] = choice
    first = np.full(m, n - 1)
    j = m - 1
    for i in range(n - 1, -1, -1):
        first[j] = i
        if i == 0:
            break
        j -= int(step[i, j])
        if j < 0:
            j = 0
    # frames of b the path skipped (two-frame steps) take the next mapped frame
    for j in range(m - 2, -1, -1):
        first[j] = min(first[j], first[j + 1])
    return first


def align_tts(texts: list[str], lang: str, analysis: ClipAnalysis) -> list[Span]:
    if lang not in VOICES:
        raise MediaError(
            f"the tts aligner has no espeak-ng voice for {lang!r}; use --aligner voice"
        )
    spans = align_voice([syllables(t, lang) for t in texts], analysis.speech, analysis.loudness)
    audio = analysis.samples.astype(np.float32) / 32768.0
    quiet = analysis.loudness < quiet_level(analysis.speech, analysis.loudness)
    out = list(spans)
    i = 0
    while i < len(spans):
        j = i
        while (
            j + 1 < len(spans)
            and spans[j + 1].speech_start_ms - spans[j].speech_end_ms < SHORT_PAUSE_MS
        ):
            j += 1  # cues i..j follow each other without a clear pause
        if j > i:
            out[i : j + 1] = _refine(spans[i : j + 1], texts[i : j + 1], lang, audio, quiet)
        i = j + 1
    return out


def _pause_at(quiet: np.ndarray, at_ms: int) -> tuple[int, int]:
    """The quiet stretch (≥ 50 ms) nearest ``at_ms`` within -150/+250 ms, else (at, at)."""
    lo = max(0, (at_ms - 150) // FRAME_MS)
    hi = min(len(quiet), (at_ms + 250) // FRAME_MS)
    q = quiet[lo:hi].astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], q, [0]])))
    stretches = [
        (lo + a, lo + b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a >= 5
    ]
    if not stretches:
        return at_ms, at_ms
    a, b = min(stretches, key=lambda p: abs((p[0] + p[1]) * FRAME_MS / 2 - at_ms))
    return int(a) * FRAME_MS, int(b) * FRAME_MS


def _refine(
    group: list[Span], texts: list[str], lang: str, audio: np.ndarray, quiet: np.ndarray
) -> list[Span]:
    start, end = group[0].speech_start_ms, group[-1].speech_end_ms
    if (end - start) / 1000 > MAX_REGION_S:
        return group
    region = audio[start * SAMPLE_RATE // 1000 : end * SAMPLE_RATE // 1000]
    voices = [synthesize(t, lang) for t in texts]
    bounds = np.cumsum([len(v) for v in voices])[:-1] // HOP
    synth = np.concatenate(voices)
    a, b = features(region), features(synth)
    if len(b) > 2 * len(a):
        return group
    first = dtw_map(a, b)
    cuts = [_pause_at(quiet, start + int(first[min(f, len(first) - 1)]) * 10) for f in bounds]
    begins = [start, *(c[1] for c in cuts)]
    ends = [*(c[0] for c in cuts), end]
    if any(b >= e for b, e in zip(begins, ends, strict=True)) or any(
        e > b for e, b in zip(ends, begins[1:], strict=False)
    ):
        return group
    return [Span(begins[k], ends[k], span.confidence) for k, span in enumerate(group)]
