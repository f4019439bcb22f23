"""Light read-only rows for checking many cues at once (QC over a whole project).

A :class:`LightRow` answers what QC reads of a :class:`~ttdn_studio.models.CueRow`
(``index``, ``clip``, ``cue.id``, ``cue.start_ms``, ``cue.end_ms``, ``cue.text``,
``cue.duration_ms``, ``translations.get(lang).text`` and ``.status``) from slotted objects
holding only those values: about a third of the memory of the pydantic rows, and no
validation (the store reads them back from the project database, where they were
validated when written). Nothing here can be edited back: edits go through the store
with the full rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ttdn_studio.models.domain import Status


class LightTranslation:
    """The text of a cue in one language and its workflow status."""

    __slots__ = ("status", "text")

    def __init__(self, text: str, status: Status) -> None:
        self.text = text
        self.status = status


class OneTranslation(Mapping[str, LightTranslation]):
    """The translations of a light row: at most one language (a dict costs four times this)."""

    __slots__ = ("_lang", "_translation")

    def __init__(self, lang: str, translation: LightTranslation | None) -> None:
        self._lang = lang
        self._translation = translation

    def __getitem__(self, lang: str) -> LightTranslation:
        if lang != self._lang or self._translation is None:
            raise KeyError(lang)
        return self._translation

    def get(self, lang: str, default: object = None) -> LightTranslation | None:  # type: ignore[override]
        if lang == self._lang and self._translation is not None:
            return self._translation
        return default  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(() if self._translation is None else (self._lang,))

    def __len__(self) -> int:
        return 0 if self._translation is None else 1


class LightRow:
    """A cue with its 1-based index in its clip and its translation in one language.

    The row is its own ``cue`` (``row.cue.start_ms`` is ``row.start_ms``): one object per
    cue instead of two.
    """

    __slots__ = ("clip", "end_ms", "id", "index", "start_ms", "text", "translations")

    def __init__(
        self,
        index: int,
        clip: str,
        id: int,
        start_ms: int,
        end_ms: int,
        text: str,
        translations: Mapping[str, LightTranslation],
    ) -> None:
        self.index = index
        self.clip = clip
        self.id = id
        self.start_ms = start_ms
        self.end_ms = end_ms
        self.text = text  # the source text, as ``CueRow.cue.text``
        self.translations = translations

    @property
    def cue(self) -> LightRow:
        return self

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms
