"""The parallel corpus the fixture translation models learn from (vi, en, km).

Short sentences from the demo's domain (Cà Mau: the cape, mangroves, U Minh Hạ,
Năm Căn, fishing, crabs, shrimp, honey, the Khmer community, the TV station),
built from templates. Every template with a name slot is also emitted with the
name replaced by a glossary placeholder ``⟦Tn⟧`` on both sides, so the models
learn to copy placeholders through unchanged.

Used by ``scripts/train_fixture_models.py``; the result is committed under
``tests/fixtures/models/corpus/`` so a reader can see what the models saw.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

PLACEHOLDERS = [f"⟦T{i}⟧" for i in range(10)]

# vi, en, km
PLACES = [
    ("Cà Mau", "Ca Mau", "កាម៉ៅ"),
    ("Năm Căn", "Nam Can", "ណាំកាន់"),
    ("U Minh Hạ", "U Minh Ha", "អ៊ូមិញហា"),
    ("Đất Mũi", "Dat Mui", "ដាត់មូយ"),
    ("Mũi Cà Mau", "Ca Mau Cape", "ជ្រោយកាម៉ៅ"),
    ("Sông Đốc", "Song Doc", "សុងដុក"),
    ("Hòn Khoai", "Hon Khoai", "ហុនខ្វៃ"),
]
SEAFOOD = [
    ("tôm", "shrimp", "បង្គា"),
    ("cua", "crab", "ក្តាម"),
    ("cá", "fish", "ត្រី"),
]
PRODUCTS = [*SEAFOOD, ("mật ong", "honey", "ទឹកឃ្មុំ"), ("gạo", "rice", "អង្ករ")]

# (vi, en, km or None); {p}/{q} = place, {x} = product
PLACE_TEMPLATES = [
    ("{p} rất đẹp.", "{p} is very beautiful.", "{p}ស្អាតណាស់។"),
    ("Du khách đến thăm {p}.", "Tourists visit {p}.", "ភ្ញៀវទេសចរមកទស្សនា{p}។"),
    ("Chúng tôi đi thuyền đến {p}.", "We go to {p} by boat.", "យើងទៅ{p}តាមទូក។"),
    (
        "Rừng ngập mặn ở {p} rất lớn.",
        "The mangrove forest in {p} is very large.",
        "ព្រៃកោងកាងនៅ{p}ធំណាស់។",
    ),
    ("Chào mừng đến với {p}.", "Welcome to {p}.", "សូមស្វាគមន៍មកកាន់{p}។"),
    (
        "Đồng bào Khmer ở {p} yêu đờn ca tài tử.",
        "The Khmer community in {p} loves đờn ca tài tử.",
        None,
    ),
    ("Đài truyền hình giới thiệu {p}.", "The TV station introduces {p}.", None),
    ("Hôm nay chúng tôi ở {p}.", "Today we are in {p}.", "ថ្ងៃនេះយើងនៅ{p}។"),
]
PRODUCT_TEMPLATES = [
    ("{p} có nhiều {x}.", "{p} has a lot of {x}.", "{p}មាន{x}ច្រើន។"),
    ("{x} ở {p} rất ngon.", "The {x} in {p} is very tasty.", "{x}នៅ{p}ឆ្ងាញ់ណាស់។"),
]
SEAFOOD_TEMPLATES = [
    ("Ngư dân ở {p} đánh bắt {x}.", "Fishermen in {p} catch {x}.", "អ្នកនេសាទនៅ{p}ចាប់{x}។"),
    ("Người dân {p} nuôi {x}.", "People in {p} raise {x}.", "ប្រជាជននៅ{p}ចិញ្ចឹម{x}។"),
]
TWO_PLACE_TEMPLATES = [
    ("Từ {p} đến {q} rất xa.", "It is a long way from {p} to {q}.", "ពី{p}ទៅ{q}ឆ្ងាយណាស់។"),
]
FIXED = [
    (
        "Cà Mau là tỉnh cực nam của Việt Nam.",
        "Ca Mau is the southernmost province of Vietnam.",
        "កាម៉ៅជាខេត្តភាគខាងត្បូងបំផុតនៃវៀតណាម។",
    ),
    (
        "Rừng U Minh Hạ có nhiều mật ong.",
        "The U Minh Ha forest has a lot of honey.",
        "ព្រៃអ៊ូមិញហាមានទឹកឃ្មុំច្រើន។",
    ),
    ("Cà Mau - Đất và người.", "Ca Mau - Land and People.", "កាម៉ៅ ដី និងមនុស្ស។"),
    ("Cảm ơn quý vị đã theo dõi.", "Thank you for watching.", "សូមអរគុណដែលបានទស្សនា។"),
    ("Biển Cà Mau rất rộng.", "The Ca Mau sea is very wide.", "សមុទ្រកាម៉ៅធំទូលាយណាស់។"),
    (
        "Người dân ở đây rất thân thiện.",
        "The people here are very friendly.",
        "ប្រជាជននៅទីនេះរួសរាយណាស់។",
    ),
    ("Chợ nổi rất đông vui.", "The floating market is very lively.", None),
    (
        "Đài Phát thanh - Truyền hình Cà Mau xin kính chào quý vị.",
        "Ca Mau Radio and Television welcomes you.",
        None,
    ),
    ("Đờn ca tài tử là di sản văn hóa.", "Đờn ca tài tử is a cultural heritage.", None),
    ("Cây đước giữ đất cho bờ biển.", "Mangrove trees hold the soil for the coast.", None),
    ("Mỗi năm đất mũi lấn ra biển.", "Every year the cape grows into the sea.", None),
    ("Chùa Khmer rất đẹp.", "The Khmer pagoda is very beautiful.", "វត្តខ្មែរស្អាតណាស់។"),
]


def _fill(template: tuple[str, str, str | None], lang: int, **slots: tuple[str, ...]) -> str | None:
    text = template[lang]
    if text is None:
        return None
    return text.format(**{k: v[lang] for k, v in slots.items()})


def _rows(
    template: tuple[str, str, str | None], **slots: tuple[str, ...]
) -> tuple[str, str, str | None]:
    vi, en, km = (_fill(template, i, **slots) for i in range(3))
    assert vi is not None and en is not None
    return vi[:1].upper() + vi[1:], en, km


def _placeholder(i: int) -> tuple[str, str, str]:
    token = PLACEHOLDERS[i]
    return token, token, token


# The desk numbers a sentence's placeholders from ⟦T0⟧ in source order, so most
# examples look like that; a few higher numbers teach the model to copy any of them.
SINGLE = [0, 0, 0, 0, 0, 0, 1, 1, 2, 3]


def _pairs(rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Placeholder numbers of two-term sentences: mostly (0, 1), some other pairs."""
    others = rng.sample(
        [p for p in itertools.permutations(range(10), 2) if p != (0, 1)], count // 3
    )
    return [(0, 1)] * (count - len(others)) + others


def triples(seed: int = 7) -> list[tuple[str, str, str | None]]:
    """All (vi, en, km-or-None) sentence triples, plain and with placeholders."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str | None]] = list(FIXED)
    for t in PLACE_TEMPLATES:
        out += [_rows(t, p=p) for p in PLACES]
        out += [_rows(t, p=_placeholder(i)) for i in SINGLE]
    for t, items in [(t, PRODUCTS) for t in PRODUCT_TEMPLATES] + [
        (t, SEAFOOD) for t in SEAFOOD_TEMPLATES
    ]:
        out += [_rows(t, p=p, x=x) for p in PLACES for x in items]
        out += [_rows(t, p=_placeholder(i), x=rng.choice(items)) for i in SINGLE]
        out += [_rows(t, p=rng.choice(PLACES), x=_placeholder(i)) for i in SINGLE]
        pairs = _pairs(rng, 10)
        out += [_rows(t, p=_placeholder(i), x=_placeholder(j)) for i, j in pairs]
    for t in TWO_PLACE_TEMPLATES:
        out += [_rows(t, p=p, q=q) for p, q in itertools.permutations(PLACES, 2)]
        pairs = _pairs(rng, 30)
        out += [_rows(t, p=_placeholder(i), q=_placeholder(j)) for i, j in pairs]
    rng.shuffle(out)
    return out


def pairs(src: str, tgt: str) -> list[tuple[str, str]]:
    """Sentence pairs for one direction, e.g. ``pairs("vi", "en")``."""
    index = {"vi": 0, "en": 1, "km": 2}
    rows = [(t[index[src]], t[index[tgt]]) for t in triples()]
    return [(s, t) for s, t in rows if s is not None and t is not None]


def write_tsv(path: Path, rows: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
