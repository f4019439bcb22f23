"""The merged glossary in memory: lookups and term matching in any language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.glossary.matcher import TermMatcher, match_key

# Languages written without spaces between words: terms match anywhere.
NO_SPACE_LANGS = frozenset({"km", "th", "lo", "my", "zh", "ja"})


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text: ``text[start:end]`` as it appears in the input."""

    start: int
    end: int
    text: str
    entry: GlossaryEntry


class Glossary:
    """Entries keyed by their Vietnamese term (NFC, case-folded); later ``add`` wins.

    Matchers are built lazily per language and kept until the next ``add``; so
    are the matches of recent texts (QC reads a cue's source once per target
    language).
    """

    MEMO_SIZE = 20000

    def __init__(self, entries: Iterable[GlossaryEntry] = (), *, layer: str = ""):
        self._by_key: dict[str, GlossaryEntry] = {}
        self._layers: dict[str, str] = {}
        self._matchers: dict[tuple[str, str], TermMatcher[GlossaryEntry]] = {}
        self._outdated: dict[tuple[str, date], TermMatcher[GlossaryEntry]] = {}
        self._found: dict[tuple[str, str], tuple[TermMatch, ...]] = {}
        for entry in entries:
            self.add(entry, layer=layer)

    @property
    def entries(self) -> list[GlossaryEntry]:
        return list(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def add(self, entry: GlossaryEntry, *, layer: str = "") -> None:
        """Add ``entry``, replacing any entry with the same Vietnamese term."""
        key = match_key(entry.vi)
        self._by_key[key] = entry
        self._layers[key] = layer
        self._matchers.clear()
        self._outdated.clear()
        self._found.clear()

    def layer_of(self, entry: GlossaryEntry) -> str:
        """Where the entry came from: ``bundled``, ``user``, ``project`` or ``""``."""
        return self._layers.get(match_key(entry.vi), "")

    def copy(self) -> Glossary:
        out = Glossary()
        out._by_key = dict(self._by_key)
        out._layers = dict(self._layers)
        return out

    def lookup(self, term: str, lang: str = "vi") -> GlossaryEntry | None:
        """The entry whose ``lang`` form is ``term`` (case- and normalisation-insensitive)."""
        key = match_key(term)
        if lang == "vi":
            return self._by_key.get(key)
        return next(
            (e for e in self._by_key.values() if e.term(lang) and match_key(e.term(lang)) == key),
            None,
        )

    def find(self, text: str, lang: str = "vi") -> list[TermMatch]:
        """Glossary terms of language ``lang`` in ``text``: longest first, no overlaps."""
        found = self._found.get((text, lang))
        if found is None:
            matcher = self._matcher(lang, "term")
            found = tuple(TermMatch(s, e, text[s:e], entry) for s, e, entry in matcher.find(text))
            if len(self._found) >= self.MEMO_SIZE:
                self._found.clear()
            self._found[(text, lang)] = found
        return list(found)

    def find_forbidden(self, text: str, lang: str) -> list[TermMatch]:
        """Forbidden variants in ``text`` (ignoring any inside an agreed term)."""
        hits = self._matcher(lang, "forbidden").find(text)
        if not hits:
            return []
        agreed = [(m.start, m.end) for m in self.find(text, lang)]
        return [
            TermMatch(s, e, text[s:e], entry)
            for s, e, entry in hits
            if not any(a <= s and e <= b for a, b in agreed)
        ]

    def find_outdated(self, text: str, lang: str, on: date) -> list[TermMatch]:
        """Names in ``text`` (in ``lang``) that were no longer in official use on ``on``.

        A form that a name still valid on ``on`` also uses is never reported.
        """
        matcher = self._outdated.get((lang, on))
        if matcher is None:
            current = {match_key(e.term(lang)) for e in self._by_key.values() if e.valid_on(on)}
            pairs = [
                (e.term(lang), e)
                for e in self._by_key.values()
                if e.term(lang) and not e.valid_on(on) and match_key(e.term(lang)) not in current
            ]
            matcher = TermMatcher(pairs, whole_words=lang not in NO_SPACE_LANGS)
            self._outdated[(lang, on)] = matcher
        hits = matcher.find(text)
        if not hits:
            return []
        current_spans = [(m.start, m.end) for m in self.find(text, lang) if m.entry.valid_on(on)]
        return [
            TermMatch(s, e, text[s:e], entry)
            for s, e, entry in hits
            if not any(a <= s and e <= b for a, b in current_spans)  # inside a current name
        ]

    def successor_of(self, entry: GlossaryEntry) -> GlossaryEntry | None:
        """The entry that replaced ``entry`` (None when it has no successor in the glossary)."""
        return self._by_key.get(match_key(entry.successor)) if entry.successor else None

    def _matcher(self, lang: str, kind: str) -> TermMatcher[GlossaryEntry]:
        matcher = self._matchers.get((lang, kind))
        if matcher is None:
            if kind == "term":
                pairs = [(e.term(lang), e) for e in self._by_key.values() if e.term(lang)]
            else:
                pairs = [(v, e) for e in self._by_key.values() for v in e.forbidden_in(lang)]
            matcher = TermMatcher(pairs, whole_words=lang not in NO_SPACE_LANGS)
            self._matchers[(lang, kind)] = matcher
        return matcher
