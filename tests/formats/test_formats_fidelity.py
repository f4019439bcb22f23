"""Format fidelity: each fixture imports to exactly the expected cues (times, text, position).

The fixtures in ``fixtures/fidelity`` each hold one case that readers get wrong:
text that looks like a time, hours ≥ 100, content in another format than the
name says, ASS vector drawings, empty cues, WebVTT STYLE/NOTE/REGION blocks and
cue settings, top/middle positions, TTML times in ticks, frames and ``dur``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.services.importing import import_file
from ttdn_studio.store import ProjectStore

FIDELITY = Path(__file__).parent / "fixtures" / "fidelity"
HOUR = 3_600_000

# file → (format read, [(start ms, end ms, stored text)], [position of each cue], warning parts)
EXPECTED: dict[str, tuple[str, list[tuple[int, int, str]], list[str], list[str]]] = {
    "srt_time_like_text.srt": (
        "srt",
        [
            (1000, 3000, "Tàu về bến Cà Mau\n00:00:10,000 --> 00:00:12,000 là giờ"),
            (4000, 6000, "0:15:20.00 là giờ tàu về"),
            (7000, 9000, "{\\i1}Rừng đước{\\i0} Năm Căn"),
            (100 * HOUR, 100 * HOUR + 2500, "Một trăm giờ"),
        ],
        ["bottom"] * 4,
        [],
    ),
    "srt_empty_cues.srt": (
        "srt",
        [(1000, 2000, "Một"), (5000, 6000, "Ba"), (9000, 10000, "Năm")],
        ["bottom"] * 3,
        ["2 empty cues", "at lines 6, 13"],
    ),
    "srt_an8.srt": (
        "srt",
        [(1000, 2000, "Đất Mũi"), (3000, 4000, "Mũi Cà Mau")],
        ["top", "bottom"],
        [],
    ),
    "ass_named_srt.srt": (
        "ass",
        [(1000, 2500, "Sông Gành Hào"), (3000, 4000, "Trên cao\nhai dòng")],
        ["bottom", "top"],
        ["the content is ASS although the name ends in .srt"],
    ),
    "vtt_named_srt.srt": (
        "vtt",
        [(1000, 2000, "Nội dung VTT"), (3000, 4000, "Ở trên")],
        ["bottom", "top"],
        ["the content is VTT although the name ends in .srt"],
    ),
    "ttml_named_srt.srt": (
        "ttml",
        [(1000, 2000, "TTML trong tệp .srt")],
        ["bottom"],
        ["the content is TTML although the name ends in .srt"],
    ),
    "ass_drawing.ass": (
        "ass",
        [(1000, 2000, "Rạch Gốc"), (3000, 4000, "{\\i1}Năm Căn{\\i0}")],
        ["bottom", "bottom"],
        ["1 vector drawing"],
    ),
    "vtt_blocks.vtt": (
        "vtt",
        [
            (1000, 2000, "Cue một ở trên"),
            (3000, 4500, "Cue hai & bạn"),
            (5000, 6000, "{\\i1}Cue ba{\\i0}"),
            (7000, 8000, "Ở giữa"),
        ],
        ["top", "bottom", "bottom", "middle"],
        [],
    ),
    "vtt_empty_cue.vtt": (
        "vtt",
        [(1000, 2000, "Một"), (5000, 6000, "Ba")],
        ["bottom", "bottom"],
        ["1 empty cue", "at line 6"],
    ),
    "ttml_times.dfxp": (
        "ttml",
        [
            (1000, 2500, "Tích tắc theo {\\i1}nhịp{\\i0}"),
            (3200, 5200, "Khung hình\nthứ năm"),
            (7500, 9000, "{\\b1}Đậm{\\b0} và thường"),
            (61000, 62000, "Trong div muộn"),
        ],
        ["bottom"] * 4,
        [],
    ),
    "sbv_basic.sbv": (
        "sbv",
        [
            (1000, 2500, "Cà Mau\n0:00:10.000,0:00:12.000 là giờ"),
            (3000, 4000, "Hai dòng\ntrong SBV"),
            (6_000_000, 6_001_000, "{\\i1}Cuối{\\i0}"),
        ],
        ["bottom"] * 3,
        [],
    ),
    "ttml_regions.ttml": (
        "ttml",
        [(1000, 2000, "Trên cùng"), (3000, 4000, "Dưới cùng"), (5000, 6000, "Không vùng")],
        ["top", "bottom", "bottom"],
        [],
    ),
}


SKIPPED = {
    "srt_empty_cues.srt": {"empty cues": 2},
    "vtt_empty_cue.vtt": {"empty cues": 1},
    "ass_drawing.ass": {"drawings": 1},
}


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in FIDELITY.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_imports_exactly(store: ProjectStore, name: str) -> None:
    fmt, cues, _, warnings = EXPECTED[name]
    report = import_file(store, FIDELITY / name, clip="main")
    assert report.format == fmt
    rows = store.cue_rows("main", langs=[])
    assert [(r.cue.start_ms, r.cue.end_ms, r.cue.text) for r in rows] == cues
    assert report.created == len(cues)
    text = "\n".join(report.warnings)
    for part in warnings:
        assert part in text
    if not warnings:
        assert report.warnings == []
    assert report.named_format == ("srt" if name.endswith("_named_srt.srt") else None)
    assert report.skipped == SKIPPED.get(name, {})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_positions_are_stored(store: ProjectStore, name: str) -> None:
    aligns = EXPECTED[name][2]
    import_file(store, FIDELITY / name, clip="main")
    assert [r.cue.align for r in store.cue_rows("main", langs=[])] == aligns
