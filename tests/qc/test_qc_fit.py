"""Line fitting keeps every word and character and breaks only where a reader would."""

from __future__ import annotations

import re
import unicodedata

import pytest
from qc_helpers import khmer_fixture

from ttdn_studio.layout.lines import LineMeter
from ttdn_studio.models.profiles import LanguageProfile, profile_for
from ttdn_studio.qc import fit_text

# Names the project glossary supplies as terms never to break (see apply_fixes).
KHMER_NAMES = ["រ៉ាច់គោក", "កាម៉ៅ"]

EN = [
    "The Ca Mau Cape is the southernmost point of Vietnam, and it is home to mangrove forests.",
    "Fishermen leave for the sea before dawn because the tide is high.",
    "{\\i1}Ca Mau{\\i0} - Land and People is broadcast every Saturday evening on the provincial channel.",
    "In 2020 the province produced 12 episodes with English subtitles for viewers abroad.",
    "Hello.",
]
VI = [
    "Mũi Cà Mau là điểm cực nam của Tổ quốc, nơi có rừng ngập mặn rộng lớn và hệ sinh thái phong phú.",
    "Người dân nơi đây sống bằng nghề nuôi tôm và đánh bắt hải sản ven biển.",
    unicodedata.normalize("NFD", "Đất Mũi đón hàng nghìn du khách mỗi năm vì cảnh quan độc đáo."),
]


def breaks(original: str, fitted: str) -> list[int]:
    """Offsets in ``original`` where ``fitted`` breaks a line; fails if anything else changed."""
    out, i = [], 0
    for ch in fitted:
        if ch == "\n":
            out.append(i)
            if i < len(original) and original[i] == " ":
                i += 1
        else:
            assert original[i] == ch, (original, fitted)
            i += 1
    assert i == len(original)
    return out


def profile(lang: str, **kw: object) -> LanguageProfile:
    return profile_for(None, lang).model_copy(update=kw)


PROFILES = [
    {},
    {"max_chars": 30},
    {"max_chars": 20, "max_lines": 3},
    {"max_lines": 1},
    {"max_chars": 12, "max_lines": 8},
]


@pytest.mark.parametrize("kw", PROFILES)
@pytest.mark.parametrize(("lang", "text"), [*(("en", t) for t in EN), *(("vi", t) for t in VI)])
def test_fit_keeps_every_word_and_character(lang: str, text: str, kw: dict) -> None:
    prof = profile(lang, **kw)
    fitted = fit_text(text, lang, prof)
    assert fitted.replace("\n", " ") == text
    assert fitted.count("\n") < prof.max_lines
    words = set(text.split())
    assert all(w in words for line in fitted.split("\n") for w in line.split())


@pytest.mark.parametrize(("lang", "text"), [*(("en", t) for t in EN), *(("vi", t) for t in VI)])
def test_fit_is_within_the_limit_when_the_text_can_fit(lang: str, text: str) -> None:
    prof = profile(lang)
    fitted = fit_text(text, lang, prof)
    meter = LineMeter.for_profile(prof)
    if len(text) <= 42:
        assert fitted == text  # one line when it fits on one
    elif len(text) <= 70:
        assert all(meter.fits(line) for line in fitted.split("\n"))
        assert fitted.count("\n") == 1


def test_fit_rebreaks_existing_breaks_and_spaces() -> None:
    text = "Fishermen leave\nfor the sea  before dawn\nbecause the tide is high."
    fitted = fit_text(text, "en", profile("en"))
    assert (
        fitted.replace("\n", " ")
        == "Fishermen leave for the sea before dawn because the tide is high."
    )


def test_fit_prefers_a_break_after_punctuation() -> None:
    text = "In the far south of the province, the forests grow on the mud flats"
    assert fit_text(text, "en", profile("en")).split("\n")[0].endswith("province,")


def test_fit_prefers_a_break_before_a_conjunction() -> None:
    text = "Fishermen leave for the sea at dawn because the tide is high"
    assert fit_text(text, "en", profile("en")).split("\n")[1].startswith("because")
    vi = "Người dân nơi đây sống bằng nghề nuôi tôm và đánh bắt hải sản ven biển"
    assert fit_text(vi, "vi", profile("vi")).split("\n")[1].startswith("và")


def test_fit_is_bottom_heavy_when_both_layouts_balance_the_same() -> None:
    text = "a" * 19 + " bbbb " + "c" * 19
    top, bottom = fit_text(text, "en", profile("en", max_chars=30)).split("\n")
    assert len(top) < len(bottom)


def test_fit_balances_lines() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve thirteen"
    top, bottom = fit_text(text, "en", profile("en")).split("\n")
    assert abs(len(top) - len(bottom)) <= 8


def test_text_that_cannot_fit_stays_within_max_lines_and_balanced() -> None:
    text = " ".join(["word"] * 40)  # 199 characters, 2 lines of 42 are not enough
    lines = fit_text(text, "en", profile("en")).split("\n")
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 5


def test_a_word_longer_than_a_line_is_never_split() -> None:
    word = "x" * 60
    assert fit_text(word, "en", profile("en")) == word


def test_tags_are_kept_whole_and_not_measured() -> None:
    text = "{\\fnBe Vietnam Pro}{\\i1}" + "x" * 30 + "{\\i0} " + "y" * 5
    assert fit_text(text, "en", profile("en")) == text  # 36 visible characters: one line
    tagged = "{\\i1}The Ca Mau Cape{\\i0} is the southernmost point of Vietnam, {\\b1}and it is home{\\b0}"
    fitted = fit_text(tagged, "en", profile("en"))
    assert fitted.replace("\n", " ") == tagged
    assert re.findall(r"\{[^}]*\}", fitted) == re.findall(r"\{[^}]*\}", tagged)
    assert all(line.count("{") == line.count("}") for line in fitted.split("\n"))


# ---------------------------------------------------------------- Khmer
KHMER_WIDTHS = [(0.8, 2), (0.4, 3), (0.25, 5), (0.15, 8), (0.1, 12), (0.06, 20)]


def test_khmer_breaks_only_at_marked_word_boundaries() -> None:
    sentences = khmer_fixture()
    assert len(sentences) >= 30
    total = 0
    for text, marks in sentences:
        for fraction, lines in KHMER_WIDTHS:
            prof = profile("km", max_width_fraction=fraction, max_lines=lines)
            fitted = fit_text(text, "km", prof, keep=KHMER_NAMES)
            found = breaks(text, fitted)
            bad = [text[:b] + "‸" + text[b:] for b in found if b not in marks]
            assert not bad, bad
            total += len(found)
    assert total > 250  # the narrow profiles really break every sentence several times


def test_khmer_long_line_without_spaces_fits_in_two_lines() -> None:
    text = (
        "ខេត្តកាម៉ៅជាខេត្តនៅភាគខាងត្បូងបំផុតនៃប្រទេសវៀតណាមហើយមានព្រៃកោងកាង"
        "ធំទូលាយនិងប្រព័ន្ធអេកូឡូស៊ីសម្បូរបែបភ្ញៀវទេសចរជាច្រើនមកទស្សនាចំណុចខាងត្បូងបំផុត"
    )
    prof = profile("km")
    meter = LineMeter.for_profile(prof)
    assert not meter.fits(text)
    fitted = fit_text(text, "km", prof)
    assert fitted.replace("\n", "") == text
    assert fitted.count("\n") == 1 and all(meter.fits(line) for line in fitted.split("\n"))


def test_khmer_mixed_with_latin_keeps_everything() -> None:
    text = "ខេត្តកាម៉ៅ (Ca Mau) ជាទឹកដីដ៏ស្រស់ស្អាតនៅចុងភាគខាងត្បូងនៃប្រទេសវៀតណាម ហើយមានព្រៃកោងកាងធំ"
    for fraction, lines in KHMER_WIDTHS:
        fitted = fit_text(text, "km", profile("km", max_width_fraction=fraction, max_lines=lines))
        assert re.sub(r"\s", "", fitted) == re.sub(r"\s", "", text)
        assert "Ca Mau" in fitted.replace("Ca\nMau", "Ca Mau")  # words themselves intact
        assert fitted.count("\n") < lines


def test_khmer_rejoins_its_own_breaks_without_spaces() -> None:
    text = "ខេត្តកាម៉ៅជាខេត្តនៅភាគខាងត្បូងបំផុតនៃប្រទេសវៀតណាម"
    narrow = fit_text(text, "km", profile("km", max_width_fraction=0.2, max_lines=8))
    assert "\n" in narrow
    assert fit_text(narrow, "km", profile("km")) == text


def test_keep_terms_are_never_broken() -> None:
    text = "The Ca Mau Cape is the southernmost point of the whole country"
    for width in (12, 16, 20, 30):
        fitted = fit_text(
            text, "en", profile("en", max_chars=width, max_lines=8), keep=["Ca Mau Cape"]
        )
        assert "Ca Mau Cape" in fitted
