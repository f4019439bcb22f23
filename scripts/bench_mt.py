"""Benchmark: the same 2,000 sentences through the fixture vi→en model, three ways.

1. the project's path (``ttdn_studio.translate.translate_texts``: sentence splitting,
   glossary masking and checking, one batched CTranslate2 call), once with every
   sentence sent (like for like) and once with identical sentences sent once (default);
2. raw ``ctranslate2.Translator.translate_batch`` on pre-tokenized input: the ceiling;
3. Argos Translate once per cue, as users of ``argostranslate.translate`` do today.
   ``argostranslate.translate.translate()`` would download a sentence-boundary model
   (minisbd) on first use, which cannot work offline, so the per-cue calls go through
   argostranslate's own translation object for the package with its sentencizer
   replaced by a plain one-sentence splitter (everything else is Argos' code).

All three use beam size 2. The project path is also run with cross-cue sentence
joining on (every cue may run on into the next, as in a clip): the corpus holds
whole sentences, so the same sentences are sent and the ratio is the cost of
looking for sentences that run across cues (aim: at most 10 %).

Prints sentences per second and the ratios; run with
``.venv/bin/python scripts/bench_mt.py`` (``--quick`` skips the slow per-cue leg).
Never a network call.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "tests" / "fixtures" / "models" / "translate-vi_en-fixture.argosmodel"
CORPUS = ROOT / "tests" / "fixtures" / "models" / "corpus" / "vi-en.tsv"
COUNT = 2000


def sentences() -> list[str]:
    lines = [
        line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line
    ]
    return [lines[i % len(lines)] for i in range(COUNT)]


def timed(label: str, fn, count: int, warm=None) -> float:  # type: ignore[no-untyped-def]
    (warm or fn)()  # warm-up (model loading, caches)
    began = time.perf_counter()
    fn()
    rate = count / (time.perf_counter() - began)
    print(f"{label:<58} {rate:9.1f} sentences/s", flush=True)
    return rate


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="ttdn-bench-"))
    os.environ["TTDN_DATA_DIR"] = str(home)
    os.environ["ARGOS_BEAM_SIZE"] = "2"
    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.translate import translate_texts
    from ttdn_studio.translate.argos import BEAM_SIZE, MAX_BATCH_SIZE, ArgosEngine, load_model
    from ttdn_studio.translate.packages import install_package

    pkg = install_package(MODEL)
    engine, glossary, batch = ArgosEngine(), load_glossary(None), sentences()
    print(
        f"{COUNT} sentences ({len(set(batch))} distinct), model {MODEL.name}, {os.cpu_count()} cores\n"
    )
    model = load_model(pkg)
    tokens = [model.sp.encode(s, out_type=str) for s in batch]

    def ceiling() -> None:
        model.translator.translate_batch(
            tokens, beam_size=BEAM_SIZE, max_batch_size=MAX_BATCH_SIZE, max_decoding_length=256
        )

    project = timed(
        "project path, every sentence sent",
        lambda: translate_texts(batch, "vi", "en", engine, glossary=glossary, dedupe=False),
        COUNT,
    )
    dedup = timed(
        "project path, default (identical sentences once)",
        lambda: translate_texts(batch, "vi", "en", engine, glossary=glossary),
        COUNT,
    )
    joins = [True] * (COUNT - 1)
    joined = timed(
        "project path, every sentence sent, cross-cue joining on",
        lambda: translate_texts(
            batch, "vi", "en", engine, glossary=glossary, dedupe=False, joins=joins
        ),
        COUNT,
    )
    print(f"CPU: {cpu_model()}, load average {os.getloadavg()[0]:.1f}")
    from ttdn_studio.translate.pipeline import _units

    def plan_cpu(j: list[bool] | None) -> float:
        began = time.process_time()
        for _ in range(5):
            _units(batch, j, glossary, "vi", "en")
        return (time.process_time() - began) / 5

    without, with_joins = plan_cpu(None), plan_cpu(joins)
    print(
        f"planning alone (split, mask): {without * 1000:.1f} ms without joining, "
        f"{with_joins * 1000:.1f} ms with; the extra is "
        f"{(with_joins - without) / (COUNT / project) * 100:.2f} % of the translation time"
    )
    print(f"joining / without        {project / joined:6.2f}x the time  (aim <= 1.10)")
    raw = timed("raw ctranslate2 translate_batch, pre-tokenized (ceiling)", ceiling, COUNT)
    if "--quick" in sys.argv:
        print(f"\nproject / ceiling        {project / raw:6.2f}x  (aim >= 0.9)")
        return
    print("(the per-cue leg takes several minutes: Argos handles one cue at a time)", flush=True)
    per_cue_run = per_cue_path()
    per_cue = timed(
        "argostranslate, one call per cue",
        lambda: per_cue_run(batch),
        COUNT,
        warm=lambda: per_cue_run(batch[:20]),
    )
    print(f"\nproject / ceiling        {project / raw:6.2f}x  (aim >= 0.9)")
    print(f"project / per-cue argos  {project / per_cue:6.2f}x  (aim >= 5)")
    print(f"default / per-cue argos  {dedup / per_cue:6.2f}x")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def per_cue_path():  # type: ignore[no-untyped-def]
    """Argos' own translation object for vi→en, called once per cue."""
    from argostranslate import translate as argos_translate

    class OneSentence:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    translation = argos_translate.get_translation_from_codes("vi", "en")
    inner = getattr(translation, "underlying", translation)
    inner.sentencizer = OneSentence()  # the default one downloads a model (needs the network)

    def run(batch: list[str]) -> None:
        for text in batch:
            translation.translate(text)

    return run


if __name__ == "__main__":
    sys.exit(main())
