"""The ``voice`` aligner: cues to speech runs by dynamic programming, no model.

The clip's speech runs (VAD) give candidate boundaries: every pause between
runs, and inside long runs the quietest 10 ms of each short window (for
lines spoken without a pause between them). A line's expected share of the
speech comes from its syllables. The dynamic programme picks one boundary
between each pair of consecutive cues, minimising

* the squared log-ratio of each cue's speech time to its expected time,
* a price for every pause left inside a cue (long pauses are where lines end),
* a price for cutting inside a run rather than at a pause.

Runs that one cue spans are merged (the pause stays inside the cue); a run
carrying several cues is split at its quietest points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ttdn_studio.media.analysis import FRAME_MS

SIGMA = 0.35  # spread of log(actual / expected) speech time for one line
INNER_PAUSE_PRICE = 4.0  # per second of pause left inside a cue
SHORT_PAUSE_PRICE = 2.0  # ending a line at a pause: this much for no pause, less for longer
SPLIT_PRICE = 1.5  # cutting a run at a quiet point instead of at a pause
INNER_PAUSE_OK = 0.5  # s: a pause this long inside a line is not suspicious
MAX_STRETCH = 5.0  # no cue gets more than this times the longest expected speech
WINDOW_MS = 200  # one in-run candidate per window
EDGE_MS = 120  # never cut this close to a run's edge
QUIET_FRAMES = 12  # a quiet stretch this long (10 ms frames) inside a run is a pause


@dataclass(frozen=True)
class Span:
    """Where one cue's speech was found, and how sure the aligner is."""

    speech_start_ms: int
    speech_end_ms: int
    confidence: float


@dataclass(frozen=True)
class _Cand:
    begin: int  # where the speech before the boundary ends
    end: int  # where the speech after it starts
    pause: bool  # a real pause (gap between runs), else a quiet point inside a run


def quiet_level(runs: list[tuple[int, int]], loudness: np.ndarray) -> float:
    """Loudness (dBFS) under which a stretch counts as a pause between words or lines."""
    inside = np.zeros(len(loudness), dtype=bool)
    for start, end in runs:
        inside[start // FRAME_MS : end // FRAME_MS] = True
    speech = loudness[inside]
    floor = loudness[~inside]
    speech_level = float(np.percentile(speech, 75)) if len(speech) else -20.0
    noise = float(np.median(floor)) if len(floor) else -120.0
    return max(noise + 6.0, speech_level - 20.0)


def _onset(loudness: np.ndarray, at_ms: int, thr: float, back: int, ahead: int) -> int:
    """First time ≥ ``thr`` for 20 ms, searching from ``at_ms - back`` to ``at_ms + ahead``."""
    lo = max(0, (at_ms - back) // FRAME_MS)
    hi = min(len(loudness) - 1, (at_ms + ahead) // FRAME_MS)
    for i in range(lo, hi):
        if loudness[i] >= thr and loudness[i + 1] >= thr:
            return i * FRAME_MS
    return at_ms


def _offset(loudness: np.ndarray, at_ms: int, thr: float, back: int, ahead: int) -> int:
    """Last time ≥ ``thr`` (20 ms), searching from ``at_ms + ahead`` back to ``at_ms - back``."""
    hi = min(len(loudness) - 1, (at_ms + ahead) // FRAME_MS)
    lo = max(1, (at_ms - back) // FRAME_MS)
    for i in range(hi, lo, -1):
        if loudness[i] >= thr and loudness[i - 1] >= thr:
            return (i + 1) * FRAME_MS
    return at_ms


def _pause_extent(loudness: np.ndarray, begin: int, end: int, thr: float) -> tuple[int, int]:
    """The longest quiet stretch in the VAD's pause ``begin``–``end`` (widened by 100 ms)."""
    lo, hi = max(0, (begin - 100) // FRAME_MS), min(len(loudness), (end + 100) // FRAME_MS)
    quiet = loudness[lo:hi] < thr
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]])))
    if not len(edges):
        return begin, end
    pairs = list(zip(edges[::2], edges[1::2], strict=True))
    qs, qe = max(pairs, key=lambda p: p[1] - p[0])
    return int(lo + qs) * FRAME_MS, int(lo + qe) * FRAME_MS


def candidates(runs: list[tuple[int, int]], loudness: np.ndarray) -> list[_Cand]:
    thr = quiet_level(runs, loudness)
    first = _onset(loudness, runs[0][0], thr, 200, 100)
    cands = [_Cand(first, first, True)]
    for k, (start, end) in enumerate(runs):
        if k:
            b, e = _pause_extent(loudness, runs[k - 1][1], start, thr)
            cands.append(_Cand(b, e, True))
        lo, hi = (start + EDGE_MS) // FRAME_MS, (end - EDGE_MS) // FRAME_MS
        if hi <= lo:
            continue
        quiet = loudness[lo:hi] < thr
        # stretches of quiet (>= 80 ms) inside the run: pauses the VAD bridged
        edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]])))
        found = False
        for qs, qe in zip(edges[::2], edges[1::2], strict=True):
            if qe - qs >= QUIET_FRAMES:
                cands.append(_Cand((lo + qs) * FRAME_MS, (lo + qe) * FRAME_MS, True))
                found = True
        if found:
            continue
        t = lo * FRAME_MS
        while t + WINDOW_MS // 2 < hi * FRAME_MS:
            a, z = t // FRAME_MS, min(t + WINDOW_MS, hi * FRAME_MS) // FRAME_MS
            q = (a + int(np.argmin(loudness[a:z]))) * FRAME_MS + FRAME_MS // 2
            cands.append(_Cand(q, q, False))
            t += WINDOW_MS
    last = _offset(loudness, runs[-1][1], thr, 100, 200)
    cands.append(_Cand(last, last, True))
    cands.sort(key=lambda c: (c.begin, c.end))
    return cands


def align_voice(
    weights: list[float], runs: list[tuple[int, int]], loudness: np.ndarray
) -> list[Span]:
    """One :class:`Span` per weight (expected syllables), in order, over ``runs``."""
    cands = candidates(runs, loudness)
    k, m = len(weights), len(cands)
    begins = np.array([c.begin for c in cands], dtype=np.float64)
    ends = np.array([c.end for c in cands], dtype=np.float64)
    pause_len = (ends - begins) / 1000.0
    # speech clock: time at each candidate, pauses not counted
    clock = np.concatenate([[0.0], np.cumsum(begins[1:] - ends[:-1])]) / 1000.0
    # pauses left inside a cue between candidates a < b: sum of pause lengths of a+1..b-1
    inner = np.concatenate([[0.0], np.cumsum(pause_len)])  # inner[i] = sum pause_len[:i]
    total = clock[-1]
    share = np.asarray(weights, dtype=np.float64)
    expected = share / share.sum() * total
    split_cost = np.where(
        [c.pause for c in cands], SHORT_PAUSE_PRICE * np.exp(-pause_len / 0.12), SPLIT_PRICE
    )

    # Transitions a → b only within a band: no cue spans more than MAX_STRETCH times the
    # longest expected speech (its cost would be far beyond any real line). Arrays are laid
    # out [b, d] with a = b - d, so each cue's step is a few vectorised operations.
    reach = expected.max() * MAX_STRETCH
    lowest = np.searchsorted(clock, clock - reach, side="left")
    width = max(1, int((np.arange(m) - lowest).max()))
    b_idx = np.arange(m)[:, None]
    a_idx = b_idx - np.arange(1, width + 1)[None, :]
    in_band = a_idx >= 0
    a_safe = np.where(in_band, a_idx, 0)
    speech = clock[b_idx] - clock[a_safe]
    valid = in_band & (speech > 0.05)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_speech = np.log(np.where(valid, speech, 1.0))
    # pauses left inside the cue: sum pause_len[a+1 : b]
    pause_price = INNER_PAUSE_PRICE * np.maximum(inner[b_idx] - inner[a_safe + 1], 0)
    inf = math.inf
    cost = np.full(m, inf)
    cost[0] = 0.0
    back = np.zeros((k, m), dtype=np.int32)
    rows = np.arange(m)
    for i in range(k):
        e = math.log(expected[i])
        trans = np.where(valid, ((log_speech - e) / SIGMA) ** 2 + pause_price, inf)
        total_cost = cost[a_safe] + trans
        best = np.argmin(total_cost, axis=1)
        back[i] = rows - (best + 1)
        cost = total_cost[rows, best]
        if i < k - 1:
            cost = cost + split_cost
    # walk back from the last candidate
    bounds = [m - 1]
    for i in range(k - 1, -1, -1):
        bounds.append(int(back[i][bounds[-1]]))
    bounds.reverse()  # bounds[0] = 0, bounds[k] = m - 1
    spans: list[Span] = []
    for i in range(k):
        a, b = cands[bounds[i]], cands[bounds[i + 1]]
        got = float(clock[bounds[i + 1]] - clock[bounds[i]])
        ratio = math.log(max(got, 1e-3) / expected[i]) / SIGMA
        conf = math.exp(-0.25 * ratio * ratio)
        inside = pause_len[bounds[i] + 1 : bounds[i + 1]]
        longest = float(inside.max()) if len(inside) else 0.0
        conf *= math.exp(-3.0 * max(0.0, longest - INNER_PAUSE_OK))  # a line end left inside?
        for c in (a, b):
            if not c.pause:
                conf *= 0.6
            elif c.end - c.begin < 120 and c is not cands[0] and c is not cands[-1]:
                conf *= 0.9
        spans.append(Span(int(a.end), int(b.begin), round(conf, 2)))
    return spans
