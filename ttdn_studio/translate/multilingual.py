"""The ``ct2-multilingual`` engine: one CTranslate2 model for many languages.

The model folder is configured by path: ``TTDN_CT2_MODEL`` wins, else
``locations.config_dir()/mt.json`` (written by ``ttdn models add-ct2 PATH``).
Two styles:

* ``nllb``: the source is ``[src_token] + pieces + ["</s>"]`` and the target
  starts with the language token (``eng_Latn``, ``khm_Khmr`` …), removed afterwards;
* ``madlad``: the source starts with ``<2xx>`` (the target language), no prefix.

A ``ttdn-mt.json`` file in the model folder may give ``style`` and the
``languages`` mapping (language code → model token).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ttdn_studio import locations
from ttdn_studio.errors import ModelError
from ttdn_studio.settings import current
from ttdn_studio.translate.threads import MtThreads, batch_size, mt_threads

STYLES = ("nllb", "madlad")
NLLB_TOKENS = {
    "vi": "vie_Latn",
    "en": "eng_Latn",
    "km": "khm_Khmr",
    "fr": "fra_Latn",
    "zh": "zho_Hans",
    "lo": "lao_Laoo",
    "th": "tha_Thai",
    "ko": "kor_Hang",
    "ja": "jpn_Jpan",
    "ru": "rus_Cyrl",
    "de": "deu_Latn",
    "es": "spa_Latn",
}
SP_NAMES = ("sentencepiece.model", "sentencepiece.bpe.model", "spiece.model")
FOLDER_CONFIG = "ttdn-mt.json"


def config_path() -> Path:
    return locations.config_dir() / "mt.json"


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {path.name}: {exc}", file=path) from exc
    if not isinstance(data, dict):
        raise ModelError("expected a JSON object", file=path)
    return data


@dataclass(frozen=True)
class ModelSetup:
    path: Path
    style: str
    languages: dict[str, str] = field(default_factory=dict)

    def __hash__(self) -> int:  # the loaded model is cached per setup
        return hash((self.path, self.style, tuple(sorted(self.languages.items()))))

    def token(self, lang: str) -> str:
        try:
            return self.languages[lang]
        except KeyError:
            raise ModelError(
                f"the model has no language token for {lang!r}", file=self.path
            ) from None


def configured_setup() -> ModelSetup | None:
    """The configured model (env var first, then mt.json); None when there is none."""
    user = _read_json(config_path()) if config_path().is_file() else {}
    env = current().ct2_model
    raw = env or user.get("ct2_model")
    if not raw:
        return None
    return describe_model(Path(raw).expanduser(), user.get("style"))


def describe_model(path: Path, style: str | None = None) -> ModelSetup:
    """Read a model folder's style and language tokens (``ttdn-mt.json`` or defaults)."""
    if not (path / "model.bin").is_file():
        raise ModelError("not a CTranslate2 model folder (no model.bin)", file=path)
    folder = _read_json(path / FOLDER_CONFIG) if (path / FOLDER_CONFIG).is_file() else {}
    style = style or folder.get("style") or "nllb"
    if style not in STYLES:
        raise ModelError(f"unknown model style {style!r} (use {' or '.join(STYLES)})", file=path)
    default = NLLB_TOKENS if style == "nllb" else {k: f"<2{k}>" for k in NLLB_TOKENS}
    languages = folder.get("languages") or default
    return ModelSetup(path, style, {str(k): str(v) for k, v in languages.items()})


def save_setup(path: Path, style: str | None = None) -> ModelSetup:
    """Check a model folder and make it the configured multilingual model."""
    setup = describe_model(Path(path).resolve(), style)
    config_path().write_text(
        json.dumps({"ct2_model": str(setup.path), "style": setup.style}, indent=2) + "\n",
        encoding="utf-8",
    )
    return setup


class _Loaded:
    def __init__(self, setup: ModelSetup, threads: MtThreads):
        import ctranslate2
        import sentencepiece as spm

        sp_file = next((setup.path / n for n in SP_NAMES if (setup.path / n).is_file()), None)
        if sp_file is None:
            raise ModelError(f"no sentencepiece model ({', '.join(SP_NAMES)})", file=setup.path)
        try:
            self.translator = ctranslate2.Translator(
                str(setup.path),
                device="cpu",
                intra_threads=threads.intra,
                inter_threads=threads.inter,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"cannot load the model: {exc}", file=setup.path) from exc
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_file))
        self.threads = threads


@lru_cache(maxsize=2)
def _load(setup: ModelSetup, stamp: tuple[int, ...], threads: MtThreads) -> _Loaded:
    return _Loaded(setup, threads)


def _stamp(setup: ModelSetup) -> tuple[int, ...]:
    """What tells the folder's model file from another one put there: device, inode, size
    and time of ``model.bin`` (the loaded model is kept only while they stay the same)."""
    try:
        st = (setup.path / "model.bin").stat()
    except OSError:
        raise ModelError(
            "the multilingual model is no longer there (no model.bin)", file=setup.path
        ) from None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class MultilingualEngine:
    """A CTranslate2 multilingual model (NLLB or MADLAD style) configured by path."""

    name = "ct2-multilingual"

    def __init__(self, setup: ModelSetup | None = None) -> None:
        self.setup = setup or configured_setup()

    def available_pairs(self) -> list[tuple[str, str]]:
        if self.setup is None:
            return []
        langs = sorted(self.setup.languages)
        return [(a, b) for a in langs for b in langs if a != b]

    def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
        return [text for text, _conf in self.translate_batch_scored(sentences, src, tgt)]

    def translate_batch_scored(
        self, sentences: list[str], src: str, tgt: str
    ) -> list[tuple[str, float]]:
        """Translations with a confidence in (0, 1]: exp of CTranslate2's score (mean
        log-probability per token), as for the ``argos`` engine."""
        setup = self.setup
        if setup is None:
            raise ModelError("no multilingual model configured; use `ttdn models add-ct2 PATH`")
        model = _load(setup, _stamp(setup), mt_threads())
        if setup.style == "nllb":
            source = [
                [setup.token(src), *model.sp.encode(s, out_type=str), "</s>"] for s in sentences
            ]
            prefix: list[list[str]] | None = [[setup.token(tgt)]] * len(source)
        else:
            source = [
                model.sp.encode(f"{setup.token(tgt)} {s}", out_type=str) + ["</s>"]
                for s in sentences
            ]
            prefix = None
        results = model.translator.translate_batch(
            source,
            target_prefix=prefix,
            beam_size=2,
            max_batch_size=batch_size(len(source), model.threads, 32),
            max_decoding_length=256,
            return_scores=True,
        )
        skip = 1 if prefix else 0
        return [
            (
                model.sp.decode(r.hypotheses[0][skip:]).strip(),
                min(1.0, math.exp(r.scores[0])) if r.scores else 1.0,
            )
            for r in results
        ]
