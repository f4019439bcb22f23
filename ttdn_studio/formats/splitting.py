"""Cutting narration into subtitle-sized cues and estimating their timing.

A script paragraph is split at sentence ends, then (for long sentences) at
clause boundaries (, ; : and dashes), then between words, so every piece fits
the language profile (``max_chars`` × ``max_lines``). Pieces are wrapped into
balanced lines. Nothing is ever dropped: joining the pieces gives back the
paragraph, modulo whitespace. A translation paragraph is cut at the same
proportional places (preferring its own sentence and clause ends) so the two
languages stay aligned cue by cue.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from ttdn_studio.layout.vi_words import inner_spaces
from ttdn_studio.models.profiles import LanguageProfile

FALLBACK_LINE_CHARS = 38  # for profiles measured in rendered width only (Khmer)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'”’)\]])\s+")
# Words ending in a full stop that do not end a sentence ("TP. Cà Mau", "Mr. Lâm").
_ABBREVIATIONS = {
    "tp",
    "tx",
    "tt",
    "q",
    "p",
    "ths",
    "ts",
    "gs",
    "pgs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "vs",
    "etc",
    "v.v",
    "e.g",
    "i.e",
}
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—-]\s)")
# Cut penalties in characters of misalignment: sentence end, clause end, between words.
_PENALTY = {0: 0, 1: 6, 2: 14}


def line_chars(profile: LanguageProfile) -> int:
    return profile.max_chars or FALLBACK_LINE_CHARS


def cue_chars(profile: LanguageProfile) -> int:
    return line_chars(profile) * profile.max_lines


def _ends_with_abbreviation(sentence: str) -> bool:
    last = sentence.rsplit(" ", 1)[-1].rstrip(".").lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _goes_on(part: str) -> bool:
    """A part opening with a lower-case letter continues the sentence ("đây. ở đó"), as
    machine translation and the memory read it (``tm.sentences``)."""
    first = part.lstrip("\"'“‘«([")[:1]
    return first.islower()


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` on one line: cut after ``. ! ? …`` unless an abbreviation
    ends there or the next part opens with a lower-case letter."""
    sentences: list[str] = []
    for part in _SENTENCE_END.split(" ".join(text.split())):
        if sentences and (_ends_with_abbreviation(sentences[-1]) or _goes_on(part)):
            sentences[-1] = f"{sentences[-1]} {part}"
        elif part:
            sentences.append(part)
    return sentences


def _split_words(text: str, limit: int, lang: str = "", terms: tuple[str, ...] = ()) -> list[str]:
    """Cut ``text`` into about equal pieces of at most ``limit`` chars, between words
    (in Vietnamese, multi-syllable words and names count as one word)."""
    words = _words(text, lang, terms)
    if len(words) == 1 and " " in words[0]:  # one long name: break it rather than cut letters
        words = words[0].split()
    if len(words) == 1:  # one long "word" (no spaces, as in Khmer): hard cut
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    count = math.ceil(len(text) / limit)
    target = len(text) / count
    pieces: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and (len(candidate) > limit or len(current) >= target):
            pieces.append(current)
            candidate = word
        current = candidate
    pieces.append(current)
    return [
        p
        for piece in pieces
        for p in (_split_words(piece, limit) if len(piece) > limit else [piece])
    ]


def _words(text: str, lang: str, terms: tuple[str, ...] = ()) -> list[str]:
    """The units a line may break between: words, or Vietnamese words of several syllables."""
    text = " ".join(text.split())
    if lang != "vi":
        return text.split()
    inner = inner_spaces(text, terms)
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == " " and i not in inner:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [w for w in out if w]


def _pack(parts: list[str], limit: int) -> list[str]:
    """Join consecutive parts while they fit ``limit``."""
    pieces: list[str] = []
    for part in parts:
        if pieces and len(pieces[-1]) + 1 + len(part) <= limit:
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return pieces


def _split_sentence(
    sentence: str, limit: int, lang: str = "", terms: tuple[str, ...] = ()
) -> list[str]:
    if len(sentence) <= limit:
        return [sentence]
    parts: list[str] = []
    for clause in _CLAUSE_END.split(sentence):
        parts.extend(_split_words(clause, limit, lang, terms) if len(clause) > limit else [clause])
    return _pack([p for p in parts if p], limit)


def wrap_lines(
    text: str, max_chars: int, max_lines: int = 2, lang: str = "", terms: tuple[str, ...] = ()
) -> str:
    """Break ``text`` into at most ``max_lines`` balanced lines (``\\n``) of ``max_chars``.

    In Vietnamese (``lang="vi"``) no line ends inside a multi-syllable word, a name
    or one of ``terms`` (glossary terms).
    """
    text = " ".join(text.split())
    if len(text) <= max_chars or max_lines < 2:
        return text
    if " " not in text:  # no word breaks (Khmer without segmentation): cut hard
        return "\n".join(text[i : i + max_chars] for i in range(0, len(text), max_chars))
    if max_lines == 2:
        inner = inner_spaces(text, terms) if lang == "vi" else set()
        spaces = [i for i, ch in enumerate(text) if ch == " " and i not in inner]
        if not spaces:
            spaces = [i for i, ch in enumerate(text) if ch == " "]

        def cost(i: int) -> float:
            longest = max(i, len(text) - i - 1)
            bonus = 12 if text[i - 1] in ",;:.!?" else 0
            return longest + (1000 if longest > max_chars else -bonus)

        cut = min(spaces, key=cost)
        return f"{text[:cut]}\n{text[cut + 1 :]}"
    lines = _split_words(text, max_chars, lang, terms)
    return "\n".join(lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])])


def split_script(text: str, profile: LanguageProfile, terms: Iterable[str] = ()) -> list[str]:
    """Cue texts for one paragraph of narration, each fitting ``profile``.

    Vietnamese is never cut inside a multi-syllable word, a name or one of ``terms``.
    """
    kept = tuple(terms)
    limit = cue_chars(profile)
    lang = profile.lang
    pieces = [p for s in split_sentences(text) for p in _split_sentence(s, limit, lang, kept)]
    return [wrap_lines(p, line_chars(profile), profile.max_lines, lang, kept) for p in pieces]


# ------------------------------------------------------------------ alignment
def _cut_candidates(text: str) -> list[tuple[int, int]]:
    """(position of a space where the text may be cut, kind 0/1/2) in order."""
    kinds: dict[int, int] = {}
    for match in re.finditer(r"\s+", text):
        before = text[: match.start()].rstrip("\"'”’)]")
        kind = (
            0
            if before.endswith((".", "!", "?", "…"))
            else 1
            if before.endswith((",", ";", ":"))
            else 2
        )
        if text[match.end() : match.end() + 1] in "–—-" and kind == 2:
            kind = 1
        kinds[match.start()] = kind
    return sorted(kinds.items())


def align_pieces(target: str, source_pieces: list[str]) -> list[str]:
    """Cut ``target`` into ``len(source_pieces)`` parts at matching proportions.

    Sentence and clause ends are preferred; parts may be empty when the target
    has fewer words than the source has pieces. Joined, the parts are ``target``.
    """
    target = " ".join(target.split())
    n = len(source_pieces)
    if n <= 1:
        return [target] * n
    lengths = [len(" ".join(p.split())) for p in source_pieces]
    total = sum(lengths) + n - 1
    candidates = _cut_candidates(target)
    cuts: list[int] = []
    reached = 0
    for i in range(1, n):
        reached += lengths[i - 1] + 1
        desired = reached / total * len(target)
        left = candidates[: max(0, len(candidates) - (n - 1 - i))]
        usable = [(pos, kind) for pos, kind in left if not cuts or pos > cuts[-1]]
        if not usable:
            break
        pos, _ = min(usable, key=lambda c: abs(c[0] - desired) + _PENALTY[c[1]])
        cuts.append(pos)
    bounds = [0, *cuts, len(target)]
    parts = [target[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    return parts + [""] * (n - len(parts))


# --------------------------------------------------------------------- timing
def reading_ms(text: str, profile: LanguageProfile) -> int:
    """How long ``text`` needs on screen: reading speed, clamped to the profile's limits."""
    chars = len(text.replace("\n", " "))
    wanted = math.ceil(chars / profile.max_cps * 1000)
    return max(profile.min_duration_ms, min(profile.max_duration_ms, wanted))


def estimate_times(
    durations: list[int], gap_ms: int, start_ms: int = 0, window_end: int | None = None
) -> list[tuple[int, int]]:
    """Back-to-back times for cues of the given durations, ``gap_ms`` apart, from ``start_ms``.

    With ``window_end`` the cues are squeezed proportionally to end by then.
    """
    if window_end is not None:
        room = window_end - start_ms - gap_ms * (len(durations) - 1)
        needed = sum(durations)
        if needed > room > 0:
            durations = [max(1, d * room // needed) for d in durations]
    times: list[tuple[int, int]] = []
    at = start_ms
    for duration in durations:
        times.append((at, at + duration))
        at += duration + gap_ms
    return times
