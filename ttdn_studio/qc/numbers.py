"""Numbers in a text, read by each language's conventions, and the ``numbers`` check.

Vietnamese writes ``12.000`` (twelve thousand) and ``12,5`` (twelve and a half);
English writes ``12,000`` and ``12.5``. Khmer digits ``០-៩`` are digits; Khmer
texts use both separator styles, so either reading is accepted. Small numbers
written out in words (``mười hai``, ``twelve``) count as the number.

The check: every number written with digits in the source must appear in the
target (as digits or words), and the target must not have a number with digits
that the source does not have (in digits or words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ttdn_studio.qc.registry import Check, QcContext, RowLike, register
from ttdn_studio.text import nfc

_KHMER_DIGIT_RE = re.compile("[\u17e0-\u17e9]")
KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
NUMBER_RE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
# (decimal mark, thousands separator) per language; missing = either reading
CONVENTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "vi": ((",", "."),),
    "en": ((".", ","),),
}
BOTH = ((".", ","), (",", "."))

EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_WORDS = {w: i for i, w in enumerate(EN_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(EN_TENS)}
VI_DIGITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mốt": 1,
}
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


_SEPARATOR = re.compile(r"[.,]")


def parse_number(token: str, decimal: str, thousands: str) -> Decimal | None:
    """One digit token read with one convention, or None if it does not fit it."""
    parts = _SEPARATOR.split(token)
    seps = _SEPARATOR.findall(token)
    if not seps:
        return Decimal(token)
    if decimal in seps:
        last = token.rindex(decimal)
        whole, frac = token[:last], token[last + 1 :]
        if seps.count(decimal) > 1 or not _grouped(whole, thousands):
            return None
        return Decimal(whole.replace(thousands, "") + "." + frac)
    if len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return Decimal(token.replace(thousands, ""))
    return None


def _grouped(whole: str, thousands: str) -> bool:
    if thousands not in whole:
        return True
    parts = whole.split(thousands)
    return len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


@lru_cache(maxsize=16384)
def digit_numbers(text: str, lang: str) -> tuple[frozenset[Decimal], ...]:
    """Each number written with digits, as the set of values it can be read as
    (cached: the source of a cue is read once for every target language)."""
    if _KHMER_DIGIT_RE.search(text):
        text = text.translate(KHMER_DIGITS)
    out = []
    for match in NUMBER_RE.finditer(text):
        token = match.group()
        if "." not in token and "," not in token:  # plain digits read alike in every convention
            out.append(frozenset((Decimal(token),)))
            continue
        values = set()
        for decimal, thousands in CONVENTIONS.get(lang, BOTH):
            value = parse_number(match.group(), decimal, thousands)
            if value is None and lang in CONVENTIONS:  # foreign style: read it the other way
                value = parse_number(match.group(), thousands, decimal)
            if value is not None:
                values.add(value)
        if values:
            out.append(frozenset(values))
    return tuple(out)


@lru_cache(maxsize=16384)
def word_numbers(text: str, lang: str) -> tuple[Decimal, ...]:
    """Small numbers written out in words (English and Vietnamese, up to 99)."""
    if lang not in ("en", "vi"):
        return ()
    words = [w.casefold() for w in WORD_RE.findall(nfc(text))]
    return tuple(Decimal(v) for v in (_english(words) if lang == "en" else _vietnamese(words)))


def _english(words: list[str]) -> list[int]:
    out = []
    for i, word in enumerate(words):
        tens, _, unit = word.partition("-")
        if tens in EN_TENS and unit in EN_UNITS[1:10]:
            out.append(EN_WORDS[tens] + EN_WORDS[unit])
        elif word in EN_WORDS and not (i and words[i - 1] in EN_TENS and word in EN_UNITS[1:10]):
            if word in EN_TENS and i + 1 < len(words) and words[i + 1] in EN_UNITS[1:10]:
                out.append(EN_WORDS[word] + EN_WORDS[words[i + 1]])
            else:
                out.append(EN_WORDS[word])
    return out


def _vietnamese(words: list[str]) -> list[int]:
    """Numbers from ten up (``mười hai``, ``hai mươi lăm``): smaller words such as
    ``năm`` (five / year) or ``ba`` (three / father) are too ambiguous to read."""
    out, i = [], 0
    while i < len(words):
        value, used = _vi_number(words, i)
        if used:
            out.append(value)
            i += used
        else:
            i += 1
    return out


def _vi_number(words: list[str], i: int) -> tuple[int, int]:
    def digit(k: int) -> int | None:
        return VI_DIGITS.get(words[k]) if k < len(words) else None

    if words[i] == "mười":
        unit = digit(i + 1)
        return (10 + unit, 2) if unit is not None and words[i + 1] != "mốt" else (10, 1)
    tens = digit(i)
    if tens and tens > 1 and i + 1 < len(words) and words[i + 1] == "mươi":
        unit = digit(i + 2)
        return (tens * 10 + unit, 3) if unit is not None else (tens * 10, 2)
    return 0, 0


def numbers(ctx: QcContext, row: RowLike, lang: str) -> list[str]:
    source, target = ctx.source_text(row), ctx.text(row, lang)
    if not target.strip():
        return []
    src_digits = digit_numbers(source, ctx.source_lang)
    tgt_digits = digit_numbers(target, lang)
    if not src_digits and not tgt_digits:
        return []
    missing = _unmatched(src_digits, tgt_digits, lambda: word_numbers(target, lang))
    extra = _unmatched(tgt_digits, src_digits, lambda: word_numbers(source, ctx.source_lang))
    out = [f"number {_show(v)} in the source is missing from the translation" for v in missing]
    out += [f"number {_show(v)} in the translation is not in the source" for v in extra]
    return out


def _unmatched(
    wanted: Sequence[frozenset[Decimal]],
    have: Sequence[frozenset[Decimal]],
    spelled: Callable[[], Sequence[Decimal]],
) -> list[frozenset[Decimal]]:
    """Numbers in ``wanted`` found neither among ``have`` nor among the numbers
    ``spelled`` out in words (read only when needed: it is the slow part)."""
    pool = list(have)
    words: Counter[Decimal] | None = None
    left = []
    for values in wanted:
        hit = next((k for k, other in enumerate(pool) if values & other), None)
        if hit is not None:
            pool.pop(hit)
            continue
        if words is None:
            words = Counter(spelled())
        word = next((v for v in values if words[v] > 0), None)
        if word is not None:
            words[word] -= 1
            continue
        left.append(values)
    return left


def _show(values: frozenset[Decimal]) -> str:
    return " or ".join(sorted(_plain(v) for v in values))


def _plain(value: Decimal) -> str:
    try:
        text = format(value.normalize(), "f")
    except InvalidOperation:  # pragma: no cover - Decimal from digits always normalises
        text = str(value)
    return text


register(
    Check(
        "numbers",
        "error",
        "a number in the source is missing or different in the target",
        cue=numbers,
        needs_target=True,
    )
)
