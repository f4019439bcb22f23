"""Benchmark: Vietnamese word segmenters for line breaking (size, import time, accuracy).

Compares, on the gold set ``tests/fixtures/vi_segment_gold.txt``: the bundled
dictionary + glossary longest match and what the product uses (underthesea +
glossary terms + capitalised names, ``ttdn_studio.layout.vi_words``), and
``pyvi`` and ``underthesea``'s ``word_tokenize`` alone, each in a clean virtual
environment of its own (give its Python; otherwise skipped) so that install
size and cold import time are measured fairly.

Accuracy: precision, recall and F1 of multi-syllable words, and "kept", the
share of gold multi-syllable words that no predicted boundary cuts (what line
breaking needs: a word is never split across lines).

Run: .venv/bin/python scripts/bench_vi_words.py [--pyvi PYTHON] [--underthesea PYTHON]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "vi_segment_gold.txt"

# Run in the other environment: import time, install size, and the segmentation.
CHILD = r"""
import json, sys, time, site, os
from pathlib import Path
kind = sys.argv[1]
sentences = json.loads(sys.stdin.read())
t0 = time.perf_counter()
if kind == "pyvi":
    from pyvi import ViTokenizer
    seg = lambda s: ViTokenizer.tokenize(s).split()
else:
    from underthesea import word_tokenize
    seg = lambda s: [w.replace(" ", "_") for w in word_tokenize(s)]
seg("khởi động")
ready = time.perf_counter() - t0
t0 = time.perf_counter()
out = [seg(s) for s in sentences]
run = time.perf_counter() - t0
size = 0
for base in site.getsitepackages():
    for p in Path(base).iterdir():
        if p.name.split("-")[0] in ("pip", "setuptools", "_distutils_hack", "pkg_resources"):
            continue
        size += sum(f.stat().st_size for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
print(json.dumps({"import_s": ready, "run_s": run, "size": size, "out": out}))
"""


def gold() -> list[list[str]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [ln.split() for ln in lines if ln.strip() and not ln.startswith("#")]


def spans(tokens: list[str]) -> set[tuple[int, int]]:
    """Multi-syllable words as (first syllable, last syllable + 1)."""
    out, pos = set(), 0
    for tok in tokens:
        n = len([s for s in tok.split("_") if s])
        if n > 1:
            out.add((pos, pos + n))
        pos += n
    return out


def score(golds: list[list[str]], preds: list[list[str]]) -> dict[str, float]:
    tp = fp = fn = kept = total = 0
    for g, p in zip(golds, preds, strict=True):
        gs, ps = spans(g), spans(p)
        tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
        cuts = _cuts(p)
        for a, b in gs:
            total += 1
            kept += not any(a < c < b for c in cuts)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "kept": kept / max(1, total)}


def _cuts(tokens: list[str]) -> set[int]:
    out, pos = set(), 0
    for tok in tokens:
        pos += len([s for s in tok.split("_") if s])
        out.add(pos)
    return out


def ours(sentences: list[str], segmenter: str) -> dict[str, object]:
    t0 = time.perf_counter()
    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.layout import vi_words

    terms = [e.vi for e in load_glossary().entries]
    vi_words.word_spans("khởi động máy", terms, segmenter=segmenter)
    ready = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = []
    for s in sentences:
        joined = s
        for a, b in sorted(vi_words.word_spans(s, terms, segmenter=segmenter), reverse=True):
            joined = joined[:a] + joined[a:b].replace(" ", "_") + joined[b:]
        out.append(joined.split())
    run = time.perf_counter() - t0
    size = vi_words.WORDS_FILE.stat().st_size + Path(vi_words.__file__).stat().st_size
    if segmenter != "dictionary":
        size = 0  # underthesea's own size is its row
    return {"import_s": ready, "run_s": run, "size": size, "out": out}


def other(python: str, kind: str, sentences: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [python, "-c", CHILD, kind],
        input=json.dumps(sentences),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyvi", help="Python of an environment with pyvi installed")
    parser.add_argument("--underthesea", help="Python of an environment with underthesea")
    args = parser.parse_args()
    golds = gold()
    sentences = [" ".join(t.replace("_", " ") for t in g) for g in golds]
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}")
    print(_cpu_model())
    print(f"gold set: {len(golds)} sentences, {sum(len(spans(g)) for g in golds)} compound words")
    rows = [
        ("dictionary + glossary", ours(sentences, "dictionary")),
        ("underthesea + glossary", ours(sentences, "underthesea")),
    ]
    for kind, python in (("pyvi", args.pyvi), ("underthesea", args.underthesea)):
        if python:
            rows.append((kind, other(python, kind, sentences)))
        else:
            print(f"{kind}: skipped (give --{kind} PYTHON)")
    print(
        f"{'segmenter':<22} {'size':>9} {'import':>8} {'run':>8} {'P':>5} {'R':>5} {'F1':>5} {'kept':>5}"
    )
    for name, r in rows:
        s = score(golds, r["out"])  # type: ignore[arg-type]
        print(
            f"{name:<22} {r['size'] / 1e6:>7.1f}MB {r['import_s']:>7.2f}s {r['run_s']:>7.3f}s"
            f" {s['precision']:>5.2f} {s['recall']:>5.2f} {s['f1']:>5.2f} {s['kept']:>5.2f}"
        )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return "cpu: " + line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "cpu: unknown"


if __name__ == "__main__":
    sys.exit(main())
