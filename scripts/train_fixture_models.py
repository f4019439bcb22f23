"""Train the tiny, real translation models committed as test fixtures.

No model can be downloaded where the tests run, so the tests use models
trained here, on CPU, from the small Cà Mau corpus in ``scripts/fixture_corpus.py``:

* ``tests/fixtures/models/translate-vi_en-fixture.argosmodel``: vi→en Argos package
  (Marian, d_model 64, 2+2 layers, sentencepiece vocabulary with the glossary
  placeholders ⟦T0⟧..⟦T9⟧ as single pieces; CTranslate2 int8).
* ``tests/fixtures/models/translate-en_km-fixture.argosmodel``: en→km, for pivot tests.
* ``tests/fixtures/models/multilingual-fixture/``: one CTranslate2 model in NLLB style
  (source ``vie_Latn … </s>``, target prefix ``eng_Latn`` / ``khm_Khmr``), vi→{en, km},
  with ``sentencepiece.model`` and ``ttdn-mt.json`` (style and language tokens).

Training needs torch and transformers, which are never part of the normal install:
the script creates its own venv ``.venv-train/`` (gitignored) with
``pip install torch==2.13.0 transformers sentencepiece ctranslate2`` and re-runs itself
there (or install ``pip install -e .[train]`` yourself and run it with that Python).

Run: ``python scripts/train_fixture_models.py [vi-en] [en-km] [multilingual]``.
Budgets: 1,800 / 1,200 / 2,500 steps of 64 pairs, each capped at
``TTDN_TRAIN_MAX_SECONDS`` (default 600) of training.

Measured on the 2-core build machine: importing transformers' Marian model took
1-2 minutes; one training step took 0.7-1.4 s single-threaded (relu, not gelu: this
torch CPU build's gelu took 0.25 s a call; two OpenMP threads spun for seconds in
``gomp_team_end``; workers forked after importing torch ran 50x slower, so the jobs run
one after the other in one process, one thread). With ``TTDN_TRAIN_MAX_SECONDS=1200``
vi→en reached 1,388 steps and 58/60 exact on a corpus sample; en→km (1,500 s) 39/60.
The corpus numbers placeholders from ⟦T0⟧ the way the desk does; with uniformly random
numbers the same budget left the model swapping ⟦T4⟧ for ⟦T5⟧.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-train"
OUT = ROOT / "tests" / "fixtures" / "models"
TRAIN_PACKAGES = ["torch==2.13.0", "transformers", "sentencepiece", "ctranslate2"]
LANG_TOKENS = {"vi": "vie_Latn", "en": "eng_Latn", "km": "khm_Khmr"}
NAMES = {"vi": "Vietnamese", "en": "English", "km": "Khmer"}
MAX_SECONDS = float(os.environ.get("TTDN_TRAIN_MAX_SECONDS", "600"))  # per model
sys.path.insert(0, str(Path(__file__).resolve().parent))
# One thread: on a shared, CPU-limited machine OpenMP teams spun for seconds a step.
os.environ.setdefault("OMP_NUM_THREADS", "1")

from fixture_corpus import PLACEHOLDERS, pairs, write_tsv  # noqa: E402


def ensure_training_env() -> None:
    """Re-run this script inside .venv-train unless torch and transformers import."""
    try:
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        python = VENV / "bin" / "python"
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
            subprocess.run([str(python), "-m", "pip", "install", *TRAIN_PACKAGES], check=True)
        os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


# ------------------------------------------------------------------ vocabulary
def train_sentencepiece(texts: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        user_defined_symbols=PLACEHOLDERS,
        bos_id=-1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def marian_tokenizer_dir(sp_model: Path, extra: list[str], folder: Path) -> dict[str, int]:
    """Write a MarianTokenizer (the converter reads the vocabulary from it); pad comes last."""
    import sentencepiece as spm
    from transformers import MarianTokenizer

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = {p: i for i, p in enumerate([*pieces, *extra, "<pad>"])}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        shutil.copy(sp_model, folder / name)
    tok = MarianTokenizer(
        str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json")
    )
    tok.save_pretrained(str(folder))
    return vocab


# -------------------------------------------------------------------- training
Example = tuple[list[int], list[int]]


def encode_examples(
    rows: list[tuple[str, str, str, str]], sp_model: Path, vocab: dict[str, int], nllb: bool
) -> list[Example]:
    """(src_lang, tgt_lang, src, tgt) rows → id lists; NLLB style adds language tokens."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    out: list[Example] = []
    for src_lang, tgt_lang, src, tgt in rows:
        s = sp.encode(src, out_type=str)
        t = sp.encode(tgt, out_type=str) + ["</s>"]
        if nllb:
            s = [LANG_TOKENS[src_lang], *s, "</s>"]
            t = [LANG_TOKENS[tgt_lang], *t]
        out.append(([vocab[p] for p in s], [vocab[p] for p in t]))
    return out


def build_model(vocab: dict[str, int]):  # type: ignore[no-untyped-def]
    from transformers import MarianConfig, MarianMTModel

    size, pad, eos = len(vocab), vocab["<pad>"], vocab["</s>"]
    config = MarianConfig(
        vocab_size=size,
        d_model=64,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=256,
        decoder_ffn_dim=256,
        max_position_embeddings=128,
        pad_token_id=pad,
        eos_token_id=eos,
        decoder_start_token_id=pad,
        forced_eos_token_id=eos,
        dropout=0.1,
        max_length=64,
        num_beams=2,
        bad_words_ids=[[pad]],
        activation_function="relu",  # this torch CPU build's gelu took 0.25 s a call
    )
    config._attn_implementation = "eager"
    return MarianMTModel(config)


def _batch(examples: list[Example], pad: int):  # type: ignore[no-untyped-def]
    import torch

    width_s = max(len(s) for s, _ in examples)
    width_t = max(len(t) for _, t in examples)
    ids = torch.tensor([s + [pad] * (width_s - len(s)) for s, _ in examples])
    labels = torch.tensor([t + [-100] * (width_t - len(t)) for _, t in examples])
    return ids, (ids != pad).long(), labels


def train(model, examples: list[Example], pad: int, steps: int, seconds: float) -> int:  # type: ignore[no-untyped-def]
    """Train ``steps`` steps or until ``seconds`` pass (AdamW, warm-up, linear decay); returns steps."""
    import torch

    torch.manual_seed(1)
    torch.set_num_threads(1)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    rng, start, step = random.Random(1), time.monotonic(), 0
    model.train()
    while (elapsed := time.monotonic() - start) < seconds and step < steps:
        batch = rng.sample(examples, min(64, len(examples)))
        ids, mask, labels = _batch(batch, pad)
        for group in opt.param_groups:
            done = max(elapsed / seconds, step / steps)
            group["lr"] = 3e-3 * min(1.0, (step + 1) / 100) * max(0.05, 1 - done)
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 100 == 0:
            print(f"  step {step:5d}  loss {loss.item():.3f}  {elapsed:5.0f} s", flush=True)
    model.eval()
    return step


def convert(model, tok_dir: Path, out: Path) -> None:  # type: ignore[no-untyped-def]
    import ctranslate2

    model.save_pretrained(str(tok_dir))
    ctranslate2.converters.TransformersConverter(str(tok_dir)).convert(
        str(out), quantization="int8", force=True
    )


def train_one(
    rows: list[tuple[str, str, str, str]],
    sp_model: Path,
    extra: list[str],
    nllb: bool,
    steps: int,
    out: Path,
    work: Path,
) -> None:
    tok_dir = work / f"hf-{out.name}"
    vocab = marian_tokenizer_dir(sp_model, extra, tok_dir)
    examples = encode_examples(rows, sp_model, vocab, nllb)
    model = build_model(vocab)
    began = time.monotonic()
    steps = train(model, examples, vocab["<pad>"], steps, MAX_SECONDS)
    print(f"  {out.name}: {steps} steps in {time.monotonic() - began:.0f} s", flush=True)
    convert(model, tok_dir, out)


# ------------------------------------------------------------------- packaging
def pack_argos(model_dir: Path, sp_model: Path, src: str, tgt: str, target: Path) -> None:
    name = f"translate-{src}_{tgt}-fixture"
    meta = {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": src,
        "from_name": NAMES[src],
        "to_code": tgt,
        "to_name": NAMES[tgt],
        "package_type": "translate",
        "type": "translate",
        "description": "Tiny fixture model for TTĐN Studio tests (Cà Mau domain only).",
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}/metadata.json", json.dumps(meta, ensure_ascii=False, indent=2))
        zf.write(sp_model, f"{name}/sentencepiece.model")
        for path in sorted(model_dir.iterdir()):
            zf.write(path, f"{name}/model/{path.name}")


def check(
    model_dir: Path, sp_model: Path, rows: list[tuple[str, str, str, str]], nllb: bool
) -> None:
    """Print exact-match accuracy on a sample of the training pairs (sanity check)."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    tr = ctranslate2.Translator(str(model_dir))
    sample = random.Random(3).sample(rows, min(60, len(rows)))
    batch, prefix = [], []
    for src_lang, tgt_lang, src, _ in sample:
        pieces = sp.encode(src, out_type=str)
        batch.append([LANG_TOKENS[src_lang], *pieces, "</s>"] if nllb else pieces)
        prefix.append([LANG_TOKENS[tgt_lang]] if nllb else [])
    res = tr.translate_batch(batch, target_prefix=prefix if nllb else None, beam_size=2)
    outs = [sp.decode(r.hypotheses[0][1 if nllb else 0 :]) for r in res]
    good = sum(o == row[3] for o, row in zip(outs, sample, strict=True))
    print(f"  check {model_dir.name}: {good}/{len(sample)} exact", flush=True)
    for o, row in list(zip(outs, sample, strict=True))[:3]:
        print(f"    {row[2]} → {o}")


def build_argos(src: str, tgt: str, steps: int) -> None:
    rows = pairs(src, tgt)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sp_model = train_sentencepiece(
            [t for row in rows for t in row], work / f"sp-{src}{tgt}", 600
        )
        tagged = [(src, tgt, s, t) for s, t in rows]
        model_dir = work / f"ct2-{src}_{tgt}"
        train_one(tagged, sp_model, [], False, steps, model_dir, work)
        check(model_dir, sp_model, tagged, nllb=False)
        pack_argos(model_dir, sp_model, src, tgt, OUT / f"translate-{src}_{tgt}-fixture.argosmodel")


def build_multilingual(steps: int) -> None:
    rows = [("vi", "en", s, t) for s, t in pairs("vi", "en")] + [
        ("vi", "km", s, t) for s, t in pairs("vi", "km")
    ]
    out = OUT / "multilingual-fixture"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sp_model = train_sentencepiece([x for r in rows for x in r[2:]], work / "sp-multi", 900)
        model_dir = work / "ct2-multi"
        train_one(rows, sp_model, list(LANG_TOKENS.values()), True, steps, model_dir, work)
        check(model_dir, sp_model, rows, nllb=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(model_dir, out)
        shutil.copy(sp_model, out / "sentencepiece.model")
    config = {
        "style": "nllb",
        "languages": LANG_TOKENS,
        "note": "Tiny fixture model for TTĐN Studio tests (Cà Mau domain only).",
    }
    (out / "ttdn-mt.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def _job(name: str) -> str:
    began = time.monotonic()
    if name == "multilingual":
        build_multilingual(2500)
    else:
        src, tgt = name.split("-")
        build_argos(src, tgt, 1800 if src == "vi" else 1200)
    return f"{name}: {time.monotonic() - began:.0f} s"


def main() -> None:
    """Write the corpus, then train the models one after the other."""
    ensure_training_env()
    began = time.monotonic()
    for src, tgt in (("vi", "en"), ("en", "km"), ("vi", "km")):
        write_tsv(OUT / "corpus" / f"{src}-{tgt}.tsv", pairs(src, tgt))
    for job in sys.argv[1:] or ["vi-en", "en-km", "multilingual"]:
        # one process: forked workers after importing torch ran 50x slower here
        print(_job(job), flush=True)
    print(f"done in {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    main()
