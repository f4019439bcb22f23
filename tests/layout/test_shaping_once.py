"""A Khmer line is shaped once for its width and its dotted circles: both answers are those
of shaping it on its own for each."""

from __future__ import annotations

from ttdn_studio.layout import measure
from ttdn_studio.layout.measure import dotted_circles, font_file, text_width_px

LINES = ["ាមាន", "ខេត្តកាម៉ៅ", "ព្រៃកោងកាង ២០២០", "្ក", "Cà Mau ខេត្ត", "ក\u25cc"]


def test_width_and_dotted_circles_come_from_one_shaping() -> None:
    path = font_file("km")
    measure._shaped.cache_clear()
    for line in LINES:
        circles = dotted_circles(line, path)
        assert circles == measure._other_circles(line, path)  # shaped again, on its own
        before = measure._shaped.cache_info().misses
        width = text_width_px(line, path, 73)
        assert measure._shaped.cache_info().misses == before  # no second shaping
        assert width > 0
    assert dotted_circles("ាមាន", path) >= 1  # a vowel sign with no consonant
    assert dotted_circles("ខេត្តកាម៉ៅ", path) == 0
    assert dotted_circles("ក\u25cc", path) == 0  # a text that has a circle of its own


def test_text_without_khmer_still_counts_its_circles() -> None:
    path = font_file("km")
    for text in ("Cà Mau", "a\u0301", ""):
        assert dotted_circles(text, str(path)) == measure._other_circles(text, path)  # type: ignore[arg-type]
