"""The ``argos`` engine: installed Argos Translate packages, run directly with CTranslate2.

Packages are managed with ``argostranslate.package`` in an isolated folder under
``locations.models_dir()`` (never the user's own Argos folder). Translation does
not go through ``argostranslate.translate``, which would try to download a
sentence-boundary model: each package's ``model/`` is loaded with
``ctranslate2.Translator`` and its ``sentencepiece.model`` with sentencepiece, and
all sentences go through one ``translate_batch`` call. When only X→en and en→Y
are installed, X→Y pivots through English.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from ttdn_studio import locations
from ttdn_studio.errors import ModelError
from ttdn_studio.settings import current, point_argos_at
from ttdn_studio.translate.threads import MtThreads, batch_size, mt_threads

PIVOT = "en"
BEAM_SIZE = 2
MAX_BATCH_SIZE = 32
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


def packages_dir() -> Path:
    path = locations.models_dir() / "argos"
    path.mkdir(parents=True, exist_ok=True)
    return path


def argos_package_module() -> ModuleType:
    """``argostranslate.package`` pointed at this user's isolated folders (re-read every call)."""
    point_argos_at(packages_dir())
    from argostranslate import package, settings

    folder = packages_dir()
    settings.package_data_dir = folder
    settings.package_dirs = [folder]
    settings.local_package_index = locations.models_dir() / "argos-index.json"
    settings.downloads_dir = locations.models_dir() / "downloads"
    settings.downloads_dir.mkdir(exist_ok=True)
    index = current().argos_package_index or DEFAULT_INDEX
    settings.package_index = index if index.endswith("/") else index + "/"
    settings.remote_package_index = settings.package_index + "index.json"
    return package


@dataclass(frozen=True)
class InstalledPackage:
    """An installed Argos package as the rest of the program sees it."""

    name: str
    src: str
    tgt: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.src, self.tgt)


@dataclass(frozen=True)
class BrokenPackage:
    """A folder in the packages folder that cannot be read as a package, and why."""

    name: str
    path: Path
    reason: str


# What reading a damaged package folder can raise (argostranslate reads metadata.json
# with json.load and opens sentencepiece.model in its Package constructor).
PACKAGE_READ_ERRORS = (OSError, ValueError, AttributeError, TypeError, RuntimeError, KeyError)


def _broken_reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no metadata.json"
    if isinstance(exc, ValueError):
        return f"metadata.json is not valid ({exc})"
    if isinstance(exc, AttributeError | TypeError | KeyError):
        return "metadata.json does not describe a package (not a JSON object)"
    return f"cannot be read ({exc})"


def read_package(folder: Path) -> InstalledPackage | None:
    """The translation package in ``folder`` (None for other package types); raises on damage."""
    argos_package_module()
    from argostranslate.package import Package

    pkg = Package(folder)
    if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
        return None
    return InstalledPackage(
        name=folder.name,
        src=str(pkg.from_code),
        tgt=str(pkg.to_code),
        version=str(pkg.package_version),
        path=folder,
        target_prefix=str(pkg.target_prefix or ""),
    )


def scan_packages() -> tuple[list[InstalledPackage], list[BrokenPackage]]:
    """Readable translation packages, and the folders that are damaged (with the reason).

    Folders whose names start with a dot are an install or removal in progress
    and are not packages.
    """
    good: list[InstalledPackage] = []
    broken: list[BrokenPackage] = []
    if any(p.name.startswith(".old-") for p in packages_dir().iterdir()):
        from ttdn_studio.translate.packages import recover_if_idle  # imports this module

        recover_if_idle()  # a package set aside by an interrupted install goes back
    for folder in sorted(packages_dir().iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            pkg = read_package(folder)
        except PACKAGE_READ_ERRORS as exc:
            broken.append(BrokenPackage(folder.name, folder, _broken_reason(exc)))
            continue
        if pkg is not None:
            good.append(pkg)
    return sorted(good, key=lambda p: (p.src, p.tgt, p.name)), broken


def installed_packages() -> list[InstalledPackage]:
    """Translation packages in the isolated folder (others, e.g. sentence splitters, and
    damaged folders skipped: :func:`scan_packages` names those)."""
    return scan_packages()[0]


def in_order(finished: Iterable[tuple[int, str, float]]) -> Iterator[tuple[str, float]]:
    """(translation, score) in the input's order, from results given as they finish."""
    held: dict[int, tuple[str, float]] = {}
    wanted = 0
    for index, text, score in finished:
        held[index] = (text, score)
        while wanted in held:
            yield held.pop(wanted)
            wanted += 1


class _Model:
    """One package's CTranslate2 translator and sentencepiece processor."""

    def __init__(self, pkg: InstalledPackage, threads: MtThreads):
        import ctranslate2
        import sentencepiece as spm

        sp_file = pkg.path / "sentencepiece.model"
        if not sp_file.is_file():
            raise ModelError(
                f"package {pkg.name} has no sentencepiece.model (BPE packages are not supported)",
                file=pkg.path,
            )
        try:
            self.translator = ctranslate2.Translator(
                str(pkg.path / "model"),
                device="cpu",
                intra_threads=threads.intra,
                inter_threads=threads.inter,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"cannot load the model of package {pkg.name}: {exc}", file=pkg.path
            ) from exc
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_file), num_threads=1)
        self.prefix = pkg.target_prefix
        self.threads = threads

    def translate(self, sentences: list[str]) -> list[str]:
        return [text for text, _score in self.translate_scored(sentences)]

    def translate_scored(self, sentences: list[str]) -> list[tuple[str, float]]:
        """Translations with CTranslate2's score (mean log-probability per token)."""
        return list(self.iter_scored(sentences))

    def iter_scored(self, sentences: list[str]) -> Iterator[tuple[str, float]]:
        """:meth:`translate_scored` one sentence at a time, in order."""
        return in_order(self.iter_finished(sentences))

    def iter_finished(self, sentences: list[str]) -> Iterator[tuple[int, str, float]]:
        """(position, translation, score) of each sentence as soon as its batch is done, so
        the caller works on the first batches while the translators go on with the next.

        CTranslate2 sorts a call's sentences by length (longest first) into batches and
        translates the batches in that order: the sentences are sent already in that order,
        so results arrive batch after batch instead of the first sentence of the input
        (often in the last batch) holding everything back. The batches, and so the
        translations, are those of one plain call.
        """
        tokens = self.sp.encode(sentences, out_type=str)
        order = sorted(range(len(tokens)), key=lambda i: -len(tokens[i]))
        ordered = [tokens[i] for i in order]
        prefix = [[self.prefix]] * len(ordered) if self.prefix else None
        pending = self.translator.translate_batch(
            ordered,
            target_prefix=prefix,
            beam_size=BEAM_SIZE,
            max_batch_size=batch_size(len(ordered), self.threads, MAX_BATCH_SIZE),
            max_decoding_length=256,
            return_scores=True,
            asynchronous=True,
        )
        return self._decoded(pending, order)

    def _decoded(self, pending: list[Any], order: list[int]) -> Iterator[tuple[int, str, float]]:
        """Wait for the next result, then decode it with every result already done after it
        (a batch finishes together) in one sentencepiece call."""
        skip = 1 if self.prefix else 0
        start = 0
        while start < len(pending):
            ready = [pending[start].result()]
            while start + len(ready) < len(pending) and pending[start + len(ready)].done():
                ready.append(pending[start + len(ready)].result())
            texts = self.sp.decode([r.hypotheses[0][skip:] for r in ready])
            for k, (text, r) in enumerate(zip(texts, ready, strict=True)):
                yield order[start + k], text.strip(), r.scores[0] if r.scores else 0.0
            start += len(ready)


@lru_cache(maxsize=8)
def _load(pkg: InstalledPackage, stamp: tuple[int, ...], threads: MtThreads) -> _Model:
    return _Model(pkg, threads)


Model = _Model  # one package's loaded model, for callers that must not cache it


def _stamp(pkg: InstalledPackage) -> tuple[int, ...]:
    """What tells the package's model and vocabulary files from others at the same paths:
    their device, inode, size and time (a package installed again has new files, even
    when the clock did not tick or the files were copied with their times kept)."""
    stamp: list[int] = []
    for part in (pkg.path / "model" / "model.bin", pkg.path / "sentencepiece.model"):
        try:
            st = part.stat()
        except OSError:
            raise ModelError(
                f"package {pkg.name} is no longer installed (removed or replaced since the "
                "models were listed); try again",
                file=pkg.path,
            ) from None
        stamp += [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
    return tuple(stamp)


def load_model(pkg: InstalledPackage) -> _Model:
    """The package's model, loaded once and kept while its files stay the same."""
    return _load(pkg, _stamp(pkg), mt_threads())


def forget_loaded() -> None:
    """Drop every kept model (after an install or a removal in this process)."""
    _load.cache_clear()


def route(packages: list[InstalledPackage], src: str, tgt: str) -> list[InstalledPackage] | None:
    """The package(s) for ``src``→``tgt``: a direct one, else a pivot pair through English."""
    by_pair = {p.pair: p for p in packages}
    if (src, tgt) in by_pair:
        return [by_pair[(src, tgt)]]
    first, second = by_pair.get((src, PIVOT)), by_pair.get((PIVOT, tgt))
    return [first, second] if first and second else None


class ArgosEngine:
    """Installed Argos Translate packages (direct or pivot through English)."""

    name = "argos"

    def __init__(self) -> None:
        self.packages = installed_packages()

    def available_pairs(self) -> list[tuple[str, str]]:
        langs = {lang for p in self.packages for lang in p.pair}
        return [
            (a, b)
            for a in sorted(langs)
            for b in sorted(langs)
            if a != b and route(self.packages, a, b) is not None
        ]

    def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
        steps = route(self.packages, src, tgt)
        if steps is None:
            raise ModelError(f"no Argos package installed for {src}→{tgt}")
        texts = list(sentences)
        for pkg in steps:
            texts = load_model(pkg).translate(texts)
        return texts

    def translate_batch_scored(
        self, sentences: list[str], src: str, tgt: str
    ) -> list[tuple[str, float]]:
        """Translations with a confidence in (0, 1]: exp of the score (a pivot multiplies)."""
        return list(self.iter_batch_scored(sentences, src, tgt))

    def iter_batch_scored(
        self, sentences: list[str], src: str, tgt: str
    ) -> Iterator[tuple[str, float]]:
        """:meth:`translate_batch_scored` one sentence at a time, in order."""
        return in_order(self.iter_finished(sentences, src, tgt))

    def iter_finished(
        self, sentences: list[str], src: str, tgt: str
    ) -> Iterator[tuple[int, str, float]]:
        """(position, translation, confidence in (0, 1]) of each sentence as the last step's
        batches finish (a pivot's first step is done whole first; a pivot multiplies)."""
        steps = route(self.packages, src, tgt)
        if steps is None:
            raise ModelError(f"no Argos package installed for {src}→{tgt}")
        texts, logs = list(sentences), [0.0] * len(sentences)
        for pkg in steps[:-1]:
            scored = load_model(pkg).translate_scored(texts)
            texts = [text for text, _ in scored]
            logs = [log + score for log, (_, score) in zip(logs, scored, strict=True)]
        last = load_model(steps[-1]).iter_finished(texts)
        return ((i, text, min(1.0, math.exp(logs[i] + score))) for i, text, score in last)


def read_metadata(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"unreadable metadata.json: {exc}", file=folder) from exc
    if not isinstance(data, dict):
        raise ModelError("metadata.json is not a JSON object", file=folder)
    return data
