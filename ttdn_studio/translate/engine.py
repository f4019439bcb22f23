"""The engine interface and the registry of machine-translation engines.

An engine turns a batch of plain sentences in one language into sentences in
another, offline. To add one, write a class with ``name``, ``available_pairs()``
and ``translate_batch()`` in its own module and add it to :data:`ENGINES`.
Engines know nothing of cues, glossaries or projects (see ``pipeline``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ttdn_studio.errors import ModelError


class Engine(Protocol):
    name: str

    def available_pairs(self) -> list[tuple[str, str]]:
        """Language pairs (source, target) this engine can translate now."""
        ...

    def translate_batch(self, sentences: list[str], src: str, tgt: str) -> list[str]:
        """Translate every sentence (same order, same length)."""
        ...


def _argos() -> Engine:
    from ttdn_studio.translate.argos import ArgosEngine

    return ArgosEngine()


def _multilingual() -> Engine:
    from ttdn_studio.translate.multilingual import MultilingualEngine

    return MultilingualEngine()


ENGINES: dict[str, Callable[[], Engine]] = {
    "argos": _argos,
    "ct2-multilingual": _multilingual,
}

INSTALL_HINT = (
    "install one with `ttdn models install FILE.argosmodel` (or `ttdn models install --from-index "
    "{src} {tgt}`), or configure a multilingual CTranslate2 model with `ttdn models add-ct2 PATH`"
)
# the same in the desk's words: its Models screen, on the episode and the projects screens
DESK_INSTALL_HINT = "install a {src}→{tgt} package (.argosmodel) on the Models screen: Alt+Shift+T"


def engine_by_name(name: str) -> Engine:
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ModelError(
            f"unknown translation engine {name!r} (engines: {', '.join(ENGINES)})"
        ) from None
    return factory()


def pick_engine(src: str, tgt: str, name: str | None = None) -> Engine:
    """The named engine, or the first registered one that has a model for ``src``→``tgt``."""
    candidates = [engine_by_name(name)] if name else [factory() for factory in ENGINES.values()]
    for engine in candidates:
        if (src, tgt) in engine.available_pairs():
            return engine
    which = f"engine {name!r} has" if name else "there is"
    missing = f"{which} no translation model installed for {src}→{tgt}; "
    raise ModelError(
        missing + INSTALL_HINT.format(src=src, tgt=tgt),
        desk=missing + DESK_INSTALL_HINT.format(src=src, tgt=tgt),
    )
