"""The line fitter's fast paths give exactly what the plain definitions give.

Fitting compares the cost of every two-line layout in one pass, puts the text back
together by slices and finds the cuts inside kept words with sets of positions; each
is checked here against the definition it replaced (every layout's ``cost``, the text
rebuilt character by character, every span tested for every cut), on English,
Vietnamese, Khmer and mixed texts with override tags and glossary terms.
"""

from __future__ import annotations

import random

import pytest

from ttdn_studio.layout.fit import (
    Cut,
    _assemble,
    _kept_spans,
    _Layout,
    _split_tags,
    candidate_cuts,
    fit_lines,
    flatten,
)
from ttdn_studio.layout.lines import LineMeter
from ttdn_studio.layout.vi_words import word_spans
from ttdn_studio.models.profiles import profile_for

TEXTS = [
    ("en", "The Ca Mau Cape is the southernmost point of Vietnam, and it is home to mangroves."),
    ("en", "{\\i1}Ca Mau{\\i0} - Land and People is broadcast every Saturday evening, at eight."),
    ("en", "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a"),
    ("vi", "Mũi Cà Mau là điểm cực nam của Tổ quốc, nơi có rừng ngập mặn rộng lớn."),
    ("vi", "Người dân Năm Căn sống bằng nghề nuôi tôm và đánh bắt hải sản ven biển."),
    ("vi", "{\\b1}Đất Mũi{\\b0} đón hàng nghìn du khách mỗi năm vì cảnh quan độc đáo của Tỉnh ủy."),
    ("km", "ខេត្តកាម៉ៅជាខេត្តនៅភាគខាងត្បូងបំផុតនៃប្រទេសវៀតណាម ព្រៃកោងកាងនៅទីនេះមានផ្ទៃដីធំទូលាយ"),
    ("km", "អ្នកនេសាទចេញទៅសមុទ្រតាំងពីព្រលឹម {\\i1}Ca Mau{\\i0} ភ្ញៀវទេសចរជាច្រើនមកទស្សនា"),
    ("km", "អ្នកនេសាទចេញទៅមើលព្រៃកោងកាងនៅទីនេះមានផ្ទៃដីធំទូលាយណាស់"),  # a term between words
    ("km", "អ្នកនេសាទ{\\i1}ចេញទៅសមុទ្រ{\\i0}តាំងពីព្រលឹម ភ្ញៀវទេសចរជាច្រើនមកទស្សនា"),  # tags at cuts
]
KEEP = ("Tổ quốc", "Land and People", "Tỉnh uỷ", "ព្រៃកោងកាង")


def meter(lang: str) -> LineMeter:
    return LineMeter.for_profile(profile_for(None, lang))


def plain_cost_choice(layout: _Layout, cuts: int) -> tuple[float, int]:
    """The least ``cost((i,))`` and the first cut that has it: what the fast pass replaced."""
    best: tuple[float, int] | None = None
    for i in range(cuts):
        cost = layout.cost((i,))
        if best is None or cost < best[0]:
            best = (cost, i)
    assert best is not None
    return best


def plain_assemble(visible: str, tags: dict[int, str], cuts: list[Cut]) -> str:
    spaces = {c.start for c in cuts if c.end > c.start}
    zero = {c.start for c in cuts if c.end == c.start}
    out: list[str] = []
    for i in range(len(visible) + 1):
        if i in zero:
            out.append("\n")
        out.append(tags.get(i, ""))
        if i < len(visible):
            out.append("\n" if i in spaces else visible[i])
    return "".join(out)


@pytest.mark.parametrize(("lang", "text"), TEXTS)
@pytest.mark.parametrize("keep", [(), KEEP])
def test_the_one_pass_choice_of_two_lines_equals_the_least_cost_of_each(
    lang: str, text: str, keep: tuple[str, ...]
) -> None:
    visible, _ = _split_tags(flatten(text, lang))
    cuts = candidate_cuts(visible, keep, lang=lang)
    assert len(cuts) > 3
    for limit_share in (0.3, 0.5, 0.6, 0.9, 1.2):  # lines that fit, and lines that cannot
        m = meter(lang)
        narrow = LineMeter(m.lang, m.by_width, m.measure(visible) * limit_share, m.font_size)
        layout = _Layout(visible, cuts, lang, narrow)
        assert layout.best_single_break() == plain_cost_choice(layout, len(cuts))


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_assembling_by_slices_equals_rebuilding_character_by_character(
    lang: str, text: str
) -> None:
    visible, tags = _split_tags(flatten(text, lang))
    cuts = candidate_cuts(visible, KEEP, lang=lang)
    rng = random.Random(len(text))
    end_tag = {len(visible): "{\\r}"}  # a tag after the last character
    at_tags = [c for c in cuts if c.start in tags]  # a break where a tag is
    for n in range(31):
        chosen = sorted(rng.sample(cuts, rng.randint(0, min(4, len(cuts)))), key=lambda c: c.start)
        if n == 30:
            chosen = at_tags
        for extra in ({}, end_tag):
            all_tags = {**tags, **extra}
            assert _assemble(visible, all_tags, chosen) == plain_assemble(visible, all_tags, chosen)


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_cuts_inside_kept_words_are_left_out_as_each_span_would_leave_them(
    lang: str, text: str
) -> None:
    visible, _ = _split_tags(flatten(text, lang))
    everywhere = candidate_cuts(visible, (), lang="")  # no word or term kept whole
    kept = _kept_spans(visible, KEEP)
    if lang == "vi":
        kept += word_spans(visible, KEEP)
    expected = [c for c in everywhere if not any(a < c.end and c.start < b for a, b in kept)]
    assert candidate_cuts(visible, KEEP, lang=lang) == expected
    if lang == "vi" or any(term in visible for term in KEEP):
        assert len(expected) < len(everywhere)  # something was kept whole


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_three_line_fits_keep_every_character(lang: str, text: str) -> None:
    m = meter(lang)
    narrow = LineMeter(m.lang, m.by_width, m.limit / 2, m.font_size)
    fitted = fit_lines(text, lang, narrow, 3, keep=KEEP)
    assert fitted.replace("\n", "").replace(" ", "") == flatten(text, lang).replace(" ", "")
    assert 2 <= fitted.count("\n") + 1 <= 3
