"""ASS override codes typed in a cue are shown as text, never obeyed, when burning or
exporting ASS; the tags the program sets itself (line breaks, italics, positions) work."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pysubs2
import pytest
from PIL import Image

from ttdn_studio import fonts
from ttdn_studio.formats.markup import ass_escape, from_ass
from ttdn_studio.models import Origin, Status
from ttdn_studio.render.assfile import SubtitleEvent, build_ass
from ttdn_studio.render.presets import get_preset
from ttdn_studio.render.styles import style_for
from ttdn_studio.services.exporting import export_subtitles
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import NewCue, ProjectStore

WJ = "\u2060"

ESCAPES = [
    ("Rừng đước", "Rừng đước"),
    ("{\\pos(0,0)}Tàu", "\\{\\pos(0,0)\\}Tàu"),
    ("{\\fs200}to", "\\{\\fs200\\}to"),
    ("C:\\new\\Nhat\\h", f"C:\\{WJ}new\\{WJ}Nhat\\{WJ}h"),
    ("a\\{b}", "a\\\\{b\\}"),
    ("hai\ndòng", "hai\\Ndòng"),
    ("{\\i1}nghiêng{\\i0} thường", "{\\i1}nghiêng{\\i0} thường"),
    ("{\\i1\\b1}x{\\b0\\i0}", "{\\i1\\b1}x{\\b0\\i0}"),
    ("{\\i1}{\\fs9}", "{\\i1}\\{\\fs9\\}"),
]


@pytest.mark.parametrize(("typed", "event"), ESCAPES)
def test_typed_text_is_escaped_for_ass_and_reads_back_the_same(typed: str, event: str) -> None:
    assert ass_escape(typed) == event
    assert from_ass(event) == (typed, None, 0)


def test_ass_export_of_typed_tags_round_trips(store: ProjectStore, tmp_path: Path) -> None:
    typed = ["{\\pos(0,0)}{\\fs200}Tàu về", "Thư mục C:\\new\\Nhat", "{\\i1}Năm Căn{\\i0}"]
    store.add_cues("main", [NewCue(i * 1000, i * 1000 + 900, t) for i, t in enumerate(typed)])
    out = export_subtitles(store, tmp_path / "a.ass", lang="vi")[0]
    events = [e.text for e in pysubs2.load(str(out))]
    assert events[0] == "\\{\\pos(0,0)\\}\\{\\fs200\\}Tàu về"
    assert events[1] == f"Thư mục C:\\{WJ}new\\{WJ}Nhat"
    assert events[2] == "{\\i1}Năm Căn{\\i0}"
    report = import_file(store, out, clip="again")
    assert [r.cue.text for r in store.cue_rows("again", langs=[])] == typed
    assert not any("override tag" in w for w in report.warnings)


def test_ass_import_keeps_toggles_and_position_and_reports_other_tags(
    store: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "a.ass"
    subs = pysubs2.SSAFile()
    subs.append(pysubs2.SSAEvent(start=0, end=900, text="{\\an8\\fad(200,200)}{\\i1}Trên{\\i0}"))
    subs.append(pysubs2.SSAEvent(start=1000, end=1900, text="{\\c&H00FFFF&}Vàng \\{x\\}"))
    subs.save(str(path))
    report = import_file(store, path, clip="main")
    rows = store.cue_rows("main", langs=[])
    assert [(r.cue.text, r.cue.align) for r in rows] == [
        ("{\\i1}Trên{\\i0}", "top"),
        ("Vàng {x}", "bottom"),
    ]
    assert any("2 ASS override tags" in w for w in report.warnings)


# ------------------------------------------------------------------ burning
def _burn(tmp_path: Path, events: list[SubtitleEvent]) -> np.ndarray:
    """The mask of text pixels of one 640×360 frame burned with libass (ass= filter)."""
    styles = {"vi": style_for("vi", 640, 360, get_preset("broadcast").safe)}
    ass = tmp_path / "a.ass"
    ass.write_text(build_ass(events, ["vi"], styles, 640, 360), encoding="utf-8")
    fontsdir = fonts.gather_fonts(tmp_path / "fonts")
    png = subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=black:s=640x360:d=1",
            "-vf",
            f"ass={ass}:fontsdir={fontsdir}:shaping=complex",
            "-frames:v",
            "1",
            "-f",
            "image2pipe",
            "-c:v",
            "png",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")) > 60


def _box(mask: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _rows(mask: np.ndarray) -> int:
    """Number of separate bands of rows with text (one per line)."""
    on = mask.any(axis=1)
    return int(on[0]) + int(np.count_nonzero(on[1:] & ~on[:-1]))


def test_burned_typed_tags_are_shown_as_text_not_obeyed(tmp_path: Path) -> None:
    plain = _box(_burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": "Tàu"})]))
    line_height = plain[3] - plain[1]
    for typed in ("{\\fs200}Tàu", "{\\pos(0,0)}Tàu", "{\\an8}Tàu", "{\\fscy400}Tàu"):
        mask = _burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": typed})])
        left, top, right, bottom = _box(mask)
        assert (
            abs(bottom - plain[3]) <= 4 and bottom - top <= line_height + 4
        )  # same line, same size
        assert right - left > (plain[2] - plain[0]) * 2  # the braces and tag are visible text
    mask = _burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": "Đường C:\\new\\Nhà"})])
    assert _rows(mask) == 1  # a typed \n or \N is not a line break


def test_burned_positions_and_real_breaks_still_work(tmp_path: Path) -> None:
    two_lines = _burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": "Rừng đước\nNăm Căn"})])
    assert _rows(two_lines) == 2
    bottom = _box(_burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": "Tàu"})]))
    top = _box(_burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": "Tàu"}, "top")]))
    middle = _box(_burn(tmp_path, [SubtitleEvent(0, 2000, {"vi": "Tàu"}, "middle")]))
    assert bottom[1] > 240 and top[3] < 120 and 120 < middle[1] < middle[3] < 240


def test_a_top_cue_in_the_store_is_burned_at_the_top(store: ProjectStore, tmp_path: Path) -> None:
    from ttdn_studio.render.job import select_events

    store.add_cues("main", [NewCue(0, 2000, "Đất Mũi", {"en": "Cape"}, align="top")])
    store.set_translations(
        [(store.cue_rows("main")[0].cue.id, "en", "Cape")],
        status=Status.APPROVED,
        origin=Origin.HUMAN,
    )
    selection = select_events(store.cue_rows("main"), ["vi"], store.project, Status.APPROVED)
    assert [e.align for e in selection.events] == ["top"]
    assert _box(_burn(tmp_path, selection.events))[3] < 120


@pytest.mark.parametrize(("wrap_style", "stored"), [("0", "một hai"), ("2", "một\nhai")])
def test_an_ass_soft_break_is_read_as_libass_shows_it(
    store: ProjectStore, tmp_path: Path, wrap_style: str, stored: str
) -> None:
    subs = pysubs2.SSAFile()
    subs.info["WrapStyle"] = wrap_style
    subs.append(pysubs2.SSAEvent(start=0, end=900, text="một\\nhai"))
    subs.save(str(tmp_path / "a.ass"))
    import_file(store, tmp_path / "a.ass", clip="main")
    assert [r.cue.text for r in store.cue_rows("main", langs=[])] == [stored]
