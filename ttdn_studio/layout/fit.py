"""Line fitting: re-break a cue's text into balanced lines within the profile.

Words are never split. English and Vietnamese break at spaces (Vietnamese not
inside a multi-syllable word, a name or a glossary term: ``vi_words``); Khmer (no spaces
between words) breaks only where the segmenter finds a word boundary, and is
measured in rendered width. Breaks after punctuation and before conjunctions
are preferred, a line ending in an article or preposition is avoided, and of
two similar layouts the bottom-heavy one wins. ASS override tags (``{\\i1}``)
are kept whole and are not measured. Fitting changes only where lines break
(and runs of spaces), never the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from ttdn_studio.layout.khmer import has_khmer, word_boundaries
from ttdn_studio.layout.lines import LineMeter, split_lines
from ttdn_studio.layout.measure import ASS_TAG_RE
from ttdn_studio.layout.vi_words import word_spans
from ttdn_studio.models.profiles import LanguageProfile

BREAK_BEFORE = {
    "en": set(
        [
            "and",
            "but",
            "or",
            "nor",
            "because",
            "which",
            "that",
            "who",
            "whom",
            "whose",
            "where",
            "when",
            "while",
            "although",
            "though",
            "so",
            "if",
            "unless",
            "until",
            "as",
            "since",
            "than",
        ]
    ),
    "vi": set(
        [
            "và",
            "nhưng",
            "hoặc",
            "hay",
            "vì",
            "mà",
            "để",
            "của",
            "nên",
            "rằng",
            "khi",
            "nếu",
            "thì",
            "với",
            "cho",
            "còn",
            "do",
            "bởi",
            "tuy",
            "song",
        ]
    ),
    "km": {
        "និង",
        "ហើយ",
        "ប៉ុន្តែ",
        "ឬ",
        "ដោយសារ",
        "ព្រោះ",
        "ដែល",
        "ដើម្បី",
        "នៃ",
        "របស់",
        "ក្នុង",
        "ជាមួយ",
        "បើ",
        "ពេល",
        "តែ",
    },
}
WEAK_END = {
    "en": set(
        [
            "a",
            "an",
            "the",
            "of",
            "to",
            "in",
            "on",
            "at",
            "for",
            "with",
            "from",
            "by",
            "my",
            "your",
            "his",
            "her",
            "its",
            "our",
            "their",
            "this",
            "these",
            "those",
            "and",
            "or",
            "but",
        ]
    ),
    "vi": set(["các", "những", "mọi", "một", "mỗi", "từng", "của", "và", "với", "hoặc", "nhưng"]),
    "km": {"និង", "នៃ", "របស់", "ឬ"},
}
END_PUNCT = tuple(",;:.!?…–—។៕)]”»\"'")
NO_LINE_START = set(",;:.!?…)]”»។៕%ៗ")
NUMBER_CHARS = set("0123456789០១២៣៤៥៦៧៨៩.,")
NO_LINE_END = set("([“«")
MAX_LAYOUTS = 4000
PUNCT_BONUS, CONJ_BONUS, WEAK_PENALTY, PYRAMID_WEIGHT = 0.12, 0.1, 0.1, 0.1


@dataclass(frozen=True)
class Cut:
    """A place a line may end (``start``) and the next begin (``end``); a space
    between them is replaced by the line break."""

    start: int
    end: int


def fit_text(
    text: str,
    lang: str,
    profile: LanguageProfile,
    frame_width: int = 1920,
    frame_height: int = 1080,
    *,
    keep: Iterable[str] = (),
) -> str:
    """``text`` re-broken into at most ``profile.max_lines`` balanced lines.

    ``keep``: terms never broken across lines (names from the glossary).
    """
    meter = LineMeter.for_profile(profile, frame_width, frame_height)
    return fit_lines(text, lang, meter, profile.max_lines, keep=keep)


def fit_lines(
    text: str, lang: str, meter: LineMeter, max_lines: int, *, keep: Iterable[str] = ()
) -> str:
    flat = flatten(text, lang)
    visible, tags = _split_tags(flat)
    if not visible.strip():
        return flat
    if meter.fits(visible):  # one line: no need to look for breaks (segmenting is slow)
        return flat
    cuts = candidate_cuts(visible, keep, lang=lang)
    chosen = _best_layout(visible, cuts, lang, meter, max(1, max_lines))
    return _assemble(visible, tags, chosen)


def flatten(text: str, lang: str) -> str:
    """The text on one line: lines joined (Khmer word to Khmer word without a space)."""
    lines = [line.strip() for line in split_lines(text) if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        left, right = ASS_TAG_RE.sub("", out), ASS_TAG_RE.sub("", line)
        joiner = "" if left and right and _khmer(left[-1]) and _khmer(right[0]) else " "
        out += joiner + line
    parts = re.split(f"({ASS_TAG_RE.pattern})", out)
    return "".join(p if i % 2 else re.sub(r"[ \t]{2,}", " ", p) for i, p in enumerate(parts))


def _khmer(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17ff"


def _split_tags(text: str) -> tuple[str, dict[int, str]]:
    tags: dict[int, str] = {}
    visible: list[str] = []
    pos = 0
    for match in ASS_TAG_RE.finditer(text):
        visible.append(text[pos : match.start()])
        offset = sum(map(len, visible))
        tags[offset] = tags.get(offset, "") + match.group()
        pos = match.end()
    visible.append(text[pos:])
    return "".join(visible), tags


def candidate_cuts(visible: str, keep: Iterable[str] = (), *, lang: str = "") -> list[Cut]:
    """Every place a line may break: spaces, and Khmer word boundaries (not inside
    a number, before closing punctuation, after opening punctuation or inside a
    ``keep`` term; in Vietnamese not inside a multi-syllable word or name)."""
    keep = list(keep)
    cuts = {i: Cut(i, i + 1) for i, ch in enumerate(visible) if ch == " "}
    if has_khmer(visible):
        for p in word_boundaries(visible):
            if (
                0 < p < len(visible)
                and visible[p] != " "
                and visible[p - 1] != " "
                and not (visible[p] in NUMBER_CHARS and visible[p - 1] in NUMBER_CHARS)
            ):
                cuts.setdefault(p, Cut(p, p))
    kept = _kept_spans(visible, keep)
    if lang == "vi" and " " in visible:
        kept += word_spans(visible, keep)
    # A cut inside a kept span (a < end and start < b): a space at a..b-1, a zero-width
    # cut at a+1..b-1. Sets of those positions, built once, instead of testing every
    # span for every cut.
    inside_space = {x for a, b in kept for x in range(a, b)}
    inside_zero = {x for a, b in kept for x in range(a + 1, b)}
    return [
        c
        for _, c in sorted(cuts.items())
        if c.start > 0
        and c.end < len(visible)
        and visible[c.end] not in NO_LINE_START
        and visible[c.start - 1] not in NO_LINE_END
        and c.start not in (inside_space if c.end > c.start else inside_zero)
    ]


def _kept_spans(visible: str, keep: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for term in keep:
        if term.strip() and term in visible:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(term), visible)]
    return spans


def _best_layout(
    visible: str, cuts: list[Cut], lang: str, meter: LineMeter, max_lines: int
) -> list[Cut]:
    layout = _Layout(visible, cuts, lang, meter)
    if layout.width(0, len(cuts)) <= meter.limit or not cuts:
        return []
    best: tuple[float, tuple[int, ...]] | None = None
    for n in range(2, min(max_lines, len(cuts) + 1) + 1):
        if n == 2 and len(cuts) <= MAX_LAYOUTS:  # the usual case, in one pass
            cost, i = layout.best_single_break()
            best = (cost, (i,))
            if cost < 100:
                break
            continue
        for combo in _layouts(len(cuts), n - 1, layout):
            cost = layout.cost(combo)
            if best is None or cost < best[0]:
                best = (cost, combo)
        if best is not None and best[0] < 100:  # a layout that fits: fewest lines wins
            break
    return [cuts[i] for i in best[1]] if best else []


def _layouts(k: int, breaks: int, layout: _Layout) -> list[tuple[int, ...]]:
    total = 1
    for i in range(breaks):
        total = total * (k - i) // (i + 1)
    if total <= MAX_LAYOUTS:
        return list(combinations(range(k), breaks))
    return [layout.greedy(breaks + 1)]


class _Layout:
    """Pieces of text between candidate cuts, with their measured widths."""

    def __init__(self, visible: str, cuts: list[Cut], lang: str, meter: LineMeter):
        self.lang, self.meter = lang, meter
        bounds = [0, *[x for c in cuts for x in (c.start, c.end)], len(visible)]
        self.pieces = [visible[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
        self.seps = [visible[c.start : c.end] for c in cuts]
        widths = [meter.measure(p) for p in self.pieces]
        sep_widths = [meter.measure(s) if s else 0.0 for s in self.seps]
        self.prefix = [0.0]
        for i, w in enumerate(widths):
            self.prefix.append(self.prefix[-1] + w + (sep_widths[i] if i < len(sep_widths) else 0))
        self.sep_widths = sep_widths
        # what breaking at each cut costs or earns, once per cut (not once per layout)
        self.break_costs = [self._break_cost(i) for i in range(len(cuts))]

    def width(self, first_cut: int, last_cut: int) -> float:
        """Width of the line made of pieces ``first_cut .. last_cut`` (cut indexes)."""
        total = self.prefix[last_cut + 1] - self.prefix[first_cut]
        return total - (self.sep_widths[last_cut] if last_cut < len(self.sep_widths) else 0)

    def line_widths(self, combo: tuple[int, ...]) -> list[float]:
        starts = [0, *[i + 1 for i in combo]]
        ends = [*combo, len(self.pieces) - 1]
        return [self.width(a, b) for a, b in zip(starts, ends, strict=True)]

    def cost(self, combo: tuple[int, ...]) -> float:
        widths = [w / self.meter.limit for w in self.line_widths(combo)]
        mean = sum(widths) / len(widths)
        cost = 100 * sum(max(0.0, w - 1) for w in widths) + sum((w - mean) ** 2 for w in widths)
        cost += PYRAMID_WEIGHT * sum(
            max(0.0, a - b) for a, b in zip(widths, widths[1:], strict=False)
        )
        break_costs = self.break_costs
        return cost + sum(break_costs[i] for i in combo)

    def best_single_break(self) -> tuple[float, int]:
        """The least :meth:`cost` of the two-line layouts and its cut (the first of equals):
        the same arithmetic as ``cost((i,))`` for every cut ``i``, without building a
        list of widths per layout."""
        prefix, seps, costs, limit = (
            self.prefix,
            self.sep_widths,
            self.break_costs,
            self.meter.limit,
        )
        end = prefix[len(seps) + 1]  # the last line runs to the end of the text
        best, best_cut = 0.0, -1
        for i in range(len(seps)):
            w1 = (prefix[i + 1] - prefix[0] - seps[i]) / limit
            w2 = (end - prefix[i + 1]) / limit
            mean = (w1 + w2) / 2
            cost = 100 * (max(0.0, w1 - 1) + max(0.0, w2 - 1)) + (
                (w1 - mean) ** 2 + (w2 - mean) ** 2
            )
            cost += PYRAMID_WEIGHT * max(0.0, w1 - w2)
            cost += costs[i]
            if best_cut < 0 or cost < best:
                best, best_cut = cost, i
        return best, best_cut

    def _break_cost(self, cut: int) -> float:
        before, after = self.pieces[cut], self.pieces[cut + 1]
        cost = 0.0
        if before.endswith(END_PUNCT):
            cost -= PUNCT_BONUS
        if _word(after, first=True) in BREAK_BEFORE.get(self.lang, ()):
            cost -= CONJ_BONUS
        if _word(before, first=False) in WEAK_END.get(self.lang, ()):
            cost += WEAK_PENALTY
        return cost

    def greedy(self, lines: int) -> tuple[int, ...]:
        target = self.width(0, len(self.pieces) - 1) / lines
        combo: list[int] = []
        start = 0
        for i in range(len(self.pieces) - 1):
            if len(combo) < lines - 1 and self.width(start, i) >= target:
                combo.append(i)
                start = i + 1
        return tuple(combo)


def _word(piece: str, *, first: bool) -> str:
    words = piece.split()
    if not words:
        return ""
    return (words[0] if first else words[-1]).strip("\"'“”«»()[],;:.!?").casefold()


def _assemble(visible: str, tags: dict[int, str], cuts: list[Cut]) -> str:
    """``visible`` with its tags put back and a line break at each cut (a space cut's
    space becomes the break; a zero-width cut's break goes before the tags there)."""
    spaces = {c.start for c in cuts if c.end > c.start}
    zero = {c.start for c in cuts if c.end == c.start}
    out: list[str] = []
    pos = 0  # the text before this offset is in ``out``
    for i in sorted(spaces | zero | tags.keys()):
        out.append(visible[pos:i])
        if i in zero:
            out.append("\n")
        out.append(tags.get(i, ""))
        if i in spaces:
            out.append("\n")
            pos = i + 1
        else:
            pos = i
    out.append(visible[pos:])
    return "".join(out)
