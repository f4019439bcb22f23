"""Benchmark: project translation against the best raw CTranslate2 setup, like for like.

Inputs: every distinct Vietnamese line of the fixture corpus (repeated lines removed, so
deduplication cannot flatter the project), with the curated glossary's terms masked
exactly as the project masks them. The same masked, tokenized sentences go to:

1. raw ``ctranslate2.Translator.translate_batch`` under a small sweep of thread settings
   (CTranslate2's default, and intra/inter combinations up to the core count): the best
   one is the ceiling;
2. the project's path (``translate_texts``: sentence splitting, masking, one batched call,
   restoring and checking terms), with the threads the program chooses itself
   (:mod:`ttdn_studio.translate.threads`). The project path is also run with cross-cue
   sentence joining on (every cue may run on into the next, as in a clip): the corpus holds
   whole sentences, so the same sentences are sent and the ratio is the cost of looking for
   sentences that run across cues (aim: at most 10 %).

Then the project path is measured head to head with the ceiling's setting (and with its
own threads), more rounds, wall and CPU time: picking the best of several raw settings,
each the best of its rounds, favours the luckiest on a loaded machine. Head to head, the
ceiling is run two ways: from the masked sentences already tokenized (CTranslate2 alone,
the strictest figure) and from the masked sentences as text to translated text (the
model's own SentencePiece encode, ``translate_batch``, decode: the least any program
using the model must do, and so the like-for-like figure the aim is judged by).

``--per-cue`` adds Argos Translate called once per cue (several minutes). Beam size 2
everywhere. Prints the machine, sentences per second and the ratios; everything it writes
goes to a temporary folder that is removed. Run with ``.venv/bin/python scripts/bench_mt.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "tests" / "fixtures" / "models" / "translate-vi_en-fixture.argosmodel"
CORPUS = ROOT / "tests" / "fixtures" / "models" / "corpus" / "vi-en.tsv"
ROUNDS = 5  # best of
SHORT = 24  # sentences in the short-input comparison (a few cues from the desk)
HEAD_TO_HEAD_ROUNDS = 61  # short rounds: many, for a steady median


def distinct_lines() -> list[str]:
    lines = (line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines())
    return list(dict.fromkeys(line for line in lines if line.strip()))


def best_rates(
    legs: dict[str, Callable[[], object]], count: int, rounds: int = ROUNDS
) -> dict[str, float]:
    """Sentences per second of each leg, best of ``rounds`` after one warm-up each.

    The legs take turns round by round, so a burst of load from other programs on a
    shared machine falls on all of them rather than on one.
    """
    for fn in legs.values():
        fn()
    best = dict.fromkeys(legs, float("inf"))
    for _ in range(rounds):
        for name, fn in legs.items():
            began = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - began)
    return {name: count / seconds for name, seconds in best.items()}


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=4)[0 if q < 0.5 else 2]


def sweep_configs(cores: int) -> list[tuple[int, int]]:
    """(intra, inter) pairs to try; (0, 1) is CTranslate2's default."""
    pairs = {(0, 1), (1, 1), (1, cores), (cores, 1)}
    if cores >= 4:
        pairs |= {(2, cores // 2), (4, max(1, cores // 4))}
    return sorted(pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-cue", action="store_true", help="also time Argos once per cue")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-mt-") as home:
        os.environ["TTDN_DATA_DIR"] = home
        return run(args.per_cue)


def run(per_cue: bool) -> int:
    import ctranslate2

    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.machine import this_machine
    from ttdn_studio.translate import translate_texts
    from ttdn_studio.translate.argos import BEAM_SIZE, MAX_BATCH_SIZE, ArgosEngine, load_model
    from ttdn_studio.translate.packages import install_package
    from ttdn_studio.translate.sentences import split_sentences
    from ttdn_studio.translate.terms import mask_terms
    from ttdn_studio.translate.threads import mt_threads

    machine, chosen = this_machine(), mt_threads()
    pkg = install_package(MODEL)
    texts, glossary, engine = distinct_lines(), load_glossary(None), ArgosEngine()
    masked = [
        mask_terms(s.text, glossary, "vi", "en").text
        for text in texts
        for s in split_sentences(text, "vi")
    ]
    model = load_model(pkg)
    tokens = [model.sp.encode(s, out_type=str) for s in masked]
    n = len(masked)
    print(f"machine: {machine.describe()}")
    print(f"model {MODEL.name}; {len(texts)} distinct cue texts, {n} masked sentences")
    print(f"threads the program chooses: {chosen.describe()}\n")

    legs: dict[str, Callable[[], object]] = {}
    as_text: dict[str, Callable[[], object]] = {}  # the same, from text to text
    for intra, inter in sweep_configs(machine.cores):
        translator = ctranslate2.Translator(
            str(pkg.path / "model"), device="cpu", intra_threads=intra, inter_threads=inter
        )

        def once(t: ctranslate2.Translator = translator) -> None:
            t.translate_batch(
                tokens, beam_size=BEAM_SIZE, max_batch_size=MAX_BATCH_SIZE, max_decoding_length=256
            )

        def text_to_text(t: ctranslate2.Translator = translator) -> None:
            results = t.translate_batch(
                model.sp.encode(masked, out_type=str),
                beam_size=BEAM_SIZE,
                max_batch_size=MAX_BATCH_SIZE,
                max_decoding_length=256,
            )
            model.sp.decode([r.hypotheses[0] for r in results])

        legs[f"raw intra={intra} inter={inter}"] = once
        as_text[f"raw intra={intra} inter={inter}"] = text_to_text
    default = "raw intra=0 inter=1"
    legs["project"] = lambda: translate_texts(
        texts, "vi", "en", engine, glossary=glossary, dedupe=False
    )
    joins = [True] * (len(texts) - 1)
    legs["joined"] = lambda: translate_texts(
        texts, "vi", "en", engine, glossary=glossary, dedupe=False, joins=joins
    )
    rates = best_rates(legs, n)
    for name, value in rates.items():
        label = {
            "project": "project path (chosen threads)",
            "joined": "project path, cross-cue joining on",
            default: f"{name} (CTranslate2 default)",
        }
        print(f"{label.get(name, name):<44} {value:9.1f} sentences/s")
    project = rates.pop("project")
    joined = rates.pop("joined")
    print(f"project / joining across cues    {project / joined:6.2f}x the speed  (aim >= 0.9)")
    best = max(rates, key=rates.__getitem__)
    print(f"\nmachine                          {machine.describe()}")
    print(f"ceiling: {best}")
    print(
        f"project / best raw               {project / rates[best]:6.2f}x  (sweep: best of {ROUNDS})"
    )
    same = f"raw intra={chosen.intra} inter={chosen.inter}"
    if same in rates:  # the pipeline's own cost, threads alike
        print(f"project / raw, same threads      {project / rates[same]:6.2f}x")
    print(f"best raw / CTranslate2 default   {rates[best] / rates[default]:6.2f}x")
    print(f"project / CTranslate2 default    {project / rates[default]:6.2f}x")
    head_to_head(legs["project"], legs[best], as_text[best], "ceiling", best, n)
    if same in legs and same != best:
        head_to_head(legs["project"], legs[same], as_text[same], "same threads", same, n)
    short_input(pkg, tokens[:SHORT], chosen)
    if per_cue:
        run_per_cue = per_cue_path()
        slow = best_rates({"per cue": lambda: run_per_cue(texts)}, len(texts))["per cue"]
        print(f"project / argos one call per cue {project / slow:6.2f}x  (aim >= 5)")
    return 0


def head_to_head(
    project: Callable[[], object],
    raw: Callable[[], object],
    text: Callable[[], object],
    label: str,
    name: str,
    count: int,
) -> None:
    """The project path against the ceiling alone, more rounds, taking turns.

    The sweep's ceiling is the best of several raw settings, each the best of its rounds:
    on a loaded machine the luckiest of them wins, which flatters the ceiling. Once the
    setting is chosen, it is measured again head to head with the project path, as wall
    time and as CPU time (all threads) per round, from tokens (``raw``) and from text to
    text (``text``).
    """
    legs = {"project": project, "raw": raw, "text": text}
    wall = dict.fromkeys(legs, float("inf"))
    cpu = dict(wall)
    paired: dict[str, list[float]] = {"raw": [], "text": []}  # raw / project, one round
    names = list(legs)
    for n in range(HEAD_TO_HEAD_ROUNDS):
        taken = {}
        for leg in names[n % 3 :] + names[: n % 3]:  # rotate which goes first
            began, used = time.perf_counter(), time.process_time()
            legs[leg]()
            taken[leg] = time.perf_counter() - began
            wall[leg] = min(wall[leg], taken[leg])
            cpu[leg] = min(cpu[leg], time.process_time() - used)
        for leg, ratios in paired.items():
            ratios.append(taken[leg] / taken["project"])
    print(
        f"head to head with {name}, best of {HEAD_TO_HEAD_ROUNDS}: project "
        f"{count / wall['project']:.1f}, raw from text {count / wall['text']:.1f}, raw from "
        f"tokens {count / wall['raw']:.1f} sentences/s"
    )
    for leg, what, aim in (
        ("text", "text to text", "  (aim >= 0.9)"),
        ("raw", "from tokens", ""),
    ):
        ratios = paired[leg]
        print(
            f"project / {label}, {what}".ljust(37)
            + f"median {statistics.median(ratios):5.2f}x{aim}, quartiles "
            + f"{quantile(ratios, 0.25):.2f}-{quantile(ratios, 0.75):.2f}, best/best "
            + f"{wall[leg] / wall['project']:.2f}x"
        )
    print(
        f"CPU time (all threads): project {cpu['project'] * 1000:.0f} ms, raw from text "
        f"{cpu['text'] * 1000:.0f} ms, from tokens {cpu['raw'] * 1000:.0f} ms"
    )
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.1f}")


def short_input(pkg: object, tokens: list[list[str]], chosen: object) -> None:
    """A few cues: one batch (CTranslate2's usual ``max_batch_size``) against the batch size
    the program picks so that each parallel translator gets a share."""
    import ctranslate2

    from ttdn_studio.translate.argos import BEAM_SIZE, MAX_BATCH_SIZE
    from ttdn_studio.translate.threads import MtThreads, batch_size

    assert isinstance(chosen, MtThreads)
    path = str(pkg.path) + "/model"
    translator = ctranslate2.Translator(
        path, device="cpu", intra_threads=chosen.intra, inter_threads=chosen.inter
    )
    picked = batch_size(len(tokens), chosen, MAX_BATCH_SIZE)

    def run(size: int) -> Callable[[], object]:
        return lambda: translator.translate_batch(
            tokens, beam_size=BEAM_SIZE, max_batch_size=size, max_decoding_length=256
        )

    legs = {"one": run(MAX_BATCH_SIZE), "picked": run(picked)}
    rates = best_rates(legs, len(tokens), rounds=40)  # short runs: more rounds against jitter
    print(
        f"short input ({len(tokens)} sentences): batches of {picked} vs one batch "
        f"{rates['picked'] / rates['one']:6.2f}x"
    )


def per_cue_path() -> Callable[[list[str]], None]:
    """Argos' own translation object for vi→en, called once per cue.

    ``argostranslate.translate.translate()`` would download a sentence-boundary model on
    first use (no network here), so its sentencizer is replaced by a one-sentence splitter.
    """
    from argostranslate import translate as argos_translate

    class OneSentence:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    translation = argos_translate.get_translation_from_codes("vi", "en")
    inner = getattr(translation, "underlying", translation)
    inner.sentencizer = OneSentence()

    def run(batch: list[str]) -> None:
        for text in batch:
            translation.translate(text)

    return run


if __name__ == "__main__":
    sys.exit(main())
