"""Each check trips on cues that break its rule and stays quiet on cues that keep it."""

from __future__ import annotations

import random
import unicodedata

import pytest
from qc_helpers import CtxFactory, RowFactory, khmer_fixture

from ttdn_studio.fonts import KHMER, LATIN
from ttdn_studio.layout.measure import default_font_size, font_cmap, line_width_px
from ttdn_studio.qc import CHECKS

EXPECTED_IDS = {
    "cps",
    "outdated_name",
    "spelling",
    "line_length",
    "line_count",
    "min_duration",
    "max_duration",
    "gap",
    "overlap",
    "empty",
    "glossary",
    "numbers",
    "whitespace",
    "khmer_invalid",
    "missing_glyph",
    "shot_change",
}


VI_42 = "Mũi Cà Mau là điểm cực nam của Tổ quốc".ljust(42, "!")


def run(check: str, ctx, row) -> list[str]:  # noqa: ANN001
    return [f.message for f in CHECKS[check].run_cue(ctx, row, ctx.lang)]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_registry_has_every_check_with_a_severity() -> None:
    assert set(CHECKS) == EXPECTED_IDS
    assert all(c.severity in ("error", "warning") for c in CHECKS.values())


# ---------------------------------------------------------------- reading speed
@pytest.mark.parametrize(
    ("chars", "ms", "trips"),
    [
        (20, 1000, False),  # exactly 20 CPS
        (21, 1000, True),
        (40, 2000, False),
        (41, 2000, True),
    ],
)
def test_cps_limit(
    make_ctx: CtxFactory, make_row: RowFactory, chars: int, ms: int, trips: bool
) -> None:
    row = make_row(target="a" * (chars - 2) + ". ", end=ms)
    assert bool(run("cps", make_ctx("en"), row)) is trips


def test_cps_counts_spaces_not_line_breaks(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    ctx = make_ctx("en")
    assert not run("cps", ctx, make_row(target="a" * 10 + "\n" + "b" * 10, end=1000))
    assert run("cps", ctx, make_row(target="a" * 10 + " " + "b" * 10, end=1000))


def test_cps_counts_nfd_vietnamese_as_composed(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    text = "Đất Mũi Cà Mau ở đây"  # 20 characters in NFC
    assert len(nfd(text)) > 20
    ctx = make_ctx("vi", max_cps=20)
    row = make_row(source=nfd(text), target=None, end=1000)
    assert not run("cps", ctx, row)
    assert run("cps", ctx, make_row(source=nfd(text) + "!", target=None, end=1000))


def test_cps_khmer_ignores_combining_marks(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    text = "ខេត្តកាម៉ៅ"  # coeng and several signs are combining marks
    visible = sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
    ctx = make_ctx("km", max_cps=visible)
    assert not run("cps", ctx, make_row(target=text, lang="km", end=1000))
    assert run("cps", ctx, make_row(target=text + "ក", lang="km", end=1000))


def test_cps_skips_empty_and_reports_zero_duration(
    make_ctx: CtxFactory, make_row: RowFactory
) -> None:
    ctx = make_ctx("en")
    assert not run("cps", ctx, make_row(target="", end=100))
    assert run("cps", ctx, make_row(target="Hi", start=500, end=500))


# ---------------------------------------------------------------- line length
@pytest.mark.parametrize(
    ("line", "trips"),
    [
        ("x" * 42, False),
        ("x" * 43, True),
        ("{\\i1}" + "x" * 42 + "{\\i0}", False),  # tags are not counted
        (nfd(VI_42), False),  # 42 characters in NFC, more code points in NFD
        (nfd(VI_42 + "!"), True),
    ],
)
def test_line_length_characters(
    make_ctx: CtxFactory, make_row: RowFactory, line: str, trips: bool
) -> None:
    assert bool(run("line_length", make_ctx("en"), make_row(target=line))) is trips


def test_line_length_checks_every_line(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    found = run("line_length", make_ctx("en"), make_row(target="short\n" + "y" * 50))
    assert len(found) == 1 and "line 2" in found[0]


def test_line_length_khmer_by_rendered_width_at_the_limit(
    make_ctx: CtxFactory, make_row: RowFactory
) -> None:
    text = "ខេត្តកាម៉ៅជាខេត្តនៅភាគខាងត្បូងបំផុតនៃប្រទេសវៀតណាម"  # no spaces
    width = line_width_px(text, "km", default_font_size("km", 1080))
    at_limit = make_ctx("km", max_width_fraction=width / 1920)
    below = make_ctx("km", max_width_fraction=(width - 1) / 1920)
    assert not run("line_length", at_limit, make_row(target=text, lang="km"))
    assert run("line_length", below, make_row(target=text, lang="km"))


def test_line_length_mixed_khmer_latin_uses_both_fonts(
    make_ctx: CtxFactory, make_row: RowFactory
) -> None:
    khmer, latin = "ខេត្តកាម៉ៅ ", "Mũi Cà Mau"
    assert ord("ũ") not in font_cmap(KHMER.path)
    size = default_font_size("km", 1080)
    whole = line_width_px(khmer + latin, "km", size)
    assert whole > line_width_px(khmer, "km", size) + 0.5 * line_width_px(latin, "en", size)
    ctx = make_ctx("km", max_width_fraction=(whole - 1) / 1920)
    assert run("line_length", ctx, make_row(target=khmer + latin, lang="km"))


def test_line_count(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    ctx = make_ctx("en")
    assert not run("line_count", ctx, make_row(target="one\ntwo"))
    assert run("line_count", ctx, make_row(target="one\ntwo\nthree"))
    assert run("line_count", ctx, make_row(target="one\\Ntwo\\Nthree"))
    assert not run("line_count", ctx, make_row(target=""))


# ---------------------------------------------------------------- duration
@pytest.mark.parametrize(
    ("ms", "check", "trips"),
    [
        (833, "min_duration", False),
        (832, "min_duration", True),
        (7000, "max_duration", False),
        (7001, "max_duration", True),
    ],
)
def test_duration_limits(
    make_ctx: CtxFactory, make_row: RowFactory, ms: int, check: str, trips: bool
) -> None:
    row = make_row(target="Hi", start=1000, end=1000 + ms)
    assert bool(run(check, make_ctx("en"), row)) is trips


def test_min_duration_ignores_cues_without_text(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    assert not run("min_duration", make_ctx("en"), make_row(target="", end=100))


# ---------------------------------------------------------------- empty
@pytest.mark.parametrize(
    ("source", "target", "trips"),
    [
        ("Xin chào", "", True),
        ("Xin chào", "   ", True),
        ("Xin chào", "{\\i1}{\\i0}", True),
        ("Xin chào", None, True),
        ("", "", False),
        ("Xin chào", "Hello", False),
    ],
)
def test_empty(
    make_ctx: CtxFactory, make_row: RowFactory, source: str, target: str | None, trips: bool
) -> None:
    assert bool(run("empty", make_ctx("en"), make_row(source=source, target=target))) is trips


def test_target_only_checks_are_skipped_for_the_source(make_ctx: CtxFactory) -> None:
    ctx = make_ctx("vi")
    assert not CHECKS["empty"].applies(ctx) and not CHECKS["numbers"].applies(ctx)
    assert CHECKS["cps"].applies(ctx) and CHECKS["empty"].applies(make_ctx("en"))


# ---------------------------------------------------------------- whitespace
@pytest.mark.parametrize(
    ("text", "trips"),
    [
        ("Hello world", False),
        ("Hello\nworld", False),
        (" Hello", True),
        ("Hello ", True),
        ("Hello  world", True),
        ("Hello \nworld", True),
        ("Hello\n\nworld", True),
        ("Hello\tworld", True),
    ],
)
def test_whitespace(make_ctx: CtxFactory, make_row: RowFactory, text: str, trips: bool) -> None:
    assert bool(run("whitespace", make_ctx("en"), make_row(target=text))) is trips


# ---------------------------------------------------------------- glossary
@pytest.mark.parametrize(
    ("source", "target", "trips"),
    [
        ("Mũi Cà Mau rất đẹp", "Ca Mau Cape is beautiful", False),
        ("Mũi Cà Mau rất đẹp", "ca mau cape is beautiful", False),
        ("Mũi Cà Mau rất đẹp", "The cape is beautiful", True),
        ("Bờ biển rất đẹp", "The Camau Cape coast is beautiful", True),  # forbidden variant
        ("Bờ biển rất đẹp", "The coast is beautiful", False),
        (nfd("Mũi Cà Mau rất đẹp"), "The cape is beautiful", True),
        ("Mũi Cà Mau rất đẹp", "The beautiful Ca Mau\nCape", False),  # term wraps to the next line
        ("Mũi Cà Mau rất đẹp", "The beautiful Ca\n\nMau Cape", False),
    ],
)
def test_glossary(
    make_ctx: CtxFactory,
    make_row: RowFactory,
    glossary: object,
    source: str,
    target: str,
    trips: bool,
) -> None:
    ctx = make_ctx("en", glossary=glossary)
    assert bool(run("glossary", ctx, make_row(source=source, target=target))) is trips


def test_glossary_message_names_the_agreed_term(
    make_ctx: CtxFactory, make_row: RowFactory, glossary: object
) -> None:
    ctx = make_ctx("en", glossary=glossary)
    found = run("glossary", ctx, make_row(source="Mũi Cà Mau", target="Camau Cape"))
    assert any("Ca Mau Cape" in m and "should be" in m for m in found)
    assert any("forbidden" in m and "Camau Cape" in m for m in found)


def test_glossary_without_a_glossary_finds_nothing(
    make_ctx: CtxFactory, make_row: RowFactory
) -> None:
    assert not run("glossary", make_ctx("en"), make_row(source="Mũi Cà Mau", target="x"))


# ---------------------------------------------------------------- khmer
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("ាក", "no consonant"),
        ("ក ិ", "no consonant"),
        ("Hello ំ", "no consonant"),
        ("កាា", "doubled"),
        ("ក៉៉", "doubled"),
        ("ក្", "coeng"),
        ("ក្ ខ", "coeng"),
        ("ក្ា", "coeng"),
        ("ក្1", "coeng"),
    ],
)
def test_khmer_invalid_trips(
    make_ctx: CtxFactory, make_row: RowFactory, text: str, fragment: str
) -> None:
    found = run("khmer_invalid", make_ctx("km"), make_row(target=text, lang="km"))
    assert any(fragment in m for m in found)


def test_khmer_invalid_accepts_real_sentences(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    ctx = make_ctx("km")
    for text, _ in khmer_fixture():
        assert not run("khmer_invalid", ctx, make_row(target=text, lang="km")), text
    assert not run("khmer_invalid", ctx, make_row(target="កាំ ក្រុង ស្ត្រី", lang="km"))


def test_khmer_quick_test_agrees_with_the_walk() -> None:
    """The regular expression that skips clean text flags exactly the texts the
    character-by-character walk finds problems in (random Khmer, marks, joiners)."""
    from ttdn_studio.layout.khmer import _PROBLEM_RE, _walk

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x1780, 0x17DE)] + ["\u200c", "\u200d", " ", "a", "1"]
    flagged = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        found = bool(_walk(text))
        flagged += found
        assert bool(_PROBLEM_RE.search(text)) == found, ascii(text)
    assert 0 < flagged < 20000


# ---------------------------------------------------------------- glyphs
def test_missing_glyph(make_ctx: CtxFactory, make_row: RowFactory) -> None:
    assert ord("ư") not in font_cmap(KHMER.path) and ord("ក") not in font_cmap(LATIN.path)
    km, en = make_ctx("km"), make_ctx("en")
    assert run("missing_glyph", km, make_row(target="ខេត្ត Cà Mau ưu tiên", lang="km"))
    assert not run("missing_glyph", km, make_row(target="ខេត្ត Ca Mau", lang="km"))
    assert run("missing_glyph", en, make_row(target="Ca Mau ខេត្ត"))
    assert not run("missing_glyph", en, make_row(target=nfd("Đất Mũi, Cà Mau — “ưu tiên”")))
    assert not run("missing_glyph", en, make_row(target="Ca Mau\u200b{\\i1}Cape"))
