"""Benchmark: timing a 10-minute narration (about 150 cues) to the voice.

Generates the narration with espeak-ng (the demo script's sentences, repeated,
at several speaking rates, pauses of 0.1–0.8 s, some inner pauses) and its
exact ground truth, imports the script with estimated timing, then aligns it
with the ``voice`` aligner. Prints:

* seconds of audio aligned per CPU second (ffmpeg's CPU counted), with the
  clip's analysis computed (cold) and read from the cache (warm);
* the boundary error (|cue in-time − true speech start|) median and 90th
  percentile, for the estimated timing and the aligned timing, and their ratio;
* the machine (cores, CPU model).

Run: .venv/bin/python scripts/bench_align.py [--minutes 10] [--music]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from media.narration import (  # noqa: E402
    RATE,
    build_narration,
    demo_sentences,
    mix_under,
    music_bed,
    write_clip,
)

from ttdn_studio.media import ClipAnalysis  # noqa: E402
from ttdn_studio.media.align import align_clip  # noqa: E402
from ttdn_studio.models import Project  # noqa: E402
from ttdn_studio.services.importing import import_file  # noqa: E402
from ttdn_studio.store import create_project  # noqa: E402


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def machine() -> str:
    from ttdn_studio.machine import this_machine

    return this_machine().describe()


def errors(starts: list[int], truth: list[int]) -> tuple[float, float]:
    e = np.abs(np.asarray(starts) - np.asarray(truth))
    return float(np.median(e)), float(np.percentile(e, 90))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--music", action="store_true", help="mix a music bed 17 dB under the voice")
    args = ap.parse_args()
    base = demo_sentences()
    target_s = args.minutes * 60
    sentences: list[str] = []
    while len(sentences) * 3.4 < target_s:  # about 3.4 s of speech and pause a line
        sentences.append(base[len(sentences) % len(base)])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        voice, lines = build_narration(sentences, seed=11)
        if args.music:
            voice = mix_under(voice, music_bed(len(voice) / RATE, work), 17.0)
        video = write_clip(voice, work / "episode.mkv", work)
        audio_s = len(voice) / RATE
        print(
            f"generated {audio_s / 60:.1f} min, {len(lines)} lines "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        script = work / "episode.txt"
        script.write_text("\n\n".join(x.text.replace("\n", " ") for x in lines) + "\n")
        store = create_project(work / "p", Project(title="bench"))
        import_file(store, script, clip="ep")
        estimated = [r.cue.start_ms for r in store.cue_rows("ep", langs=[])]
        if len(estimated) != len(lines):
            raise SystemExit(f"the script became {len(estimated)} cues, not {len(lines)}")
        with store.edit("video"):
            store.set_clip_video("ep", str(video))

        c0 = cpu()
        cold = align_clip(store, "ep", write=False)
        cold_cpu = cpu() - c0
        c0 = cpu()
        analysis = ClipAnalysis.open(store.path, "ep", video)  # everything read from the cache
        warm = align_clip(store, "ep", analysis=analysis)
        warm_cpu = cpu() - c0
        assert [c.start_ms for c in cold.cues] == [c.start_ms for c in warm.cues]

    truth = [x.speech_start_ms for x in lines]
    aligned = [c.start_ms for c in warm.cues]
    est_med, est_p90 = errors(estimated, truth)
    al_med, al_p90 = errors(aligned, truth)
    within = np.mean(np.abs(np.asarray(aligned) - np.asarray(truth)) <= 100)
    print(f"machine: {machine()}")
    print(
        f"audio: {audio_s:.0f} s{' with a music bed' if args.music else ''}, "
        f"{len(lines)} cues, {warm.to_check} flagged timing-check"
    )
    print(
        f"voice aligner, analysis included: {cold_cpu:.2f} CPU s = "
        f"{audio_s / cold_cpu:.0f}x real time"
    )
    print(
        f"voice aligner, analysis cached:   {warm_cpu:.2f} CPU s = "
        f"{audio_s / warm_cpu:.0f}x real time"
    )
    print(f"in-time error, estimated timing: median {est_med:.0f} ms, p90 {est_p90:.0f} ms")
    print(
        f"in-time error, aligned timing:   median {al_med:.0f} ms, p90 {al_p90:.0f} ms "
        f"({within:.0%} within 100 ms)"
    )
    print(
        f"ratio estimated/aligned: median {est_med / max(al_med, 1):.0f}x, "
        f"p90 {est_p90 / max(al_p90, 1):.0f}x"
    )


if __name__ == "__main__":
    main()
