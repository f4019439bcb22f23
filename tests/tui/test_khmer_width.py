"""Khmer in the desk takes on screen the cells its column gives it.

The terminal (tmux here, xterm and VTE alike) draws a Khmer spacing vowel sign
(ា ើ ៅ…) in a cell of its own; the widths below are checked against the C
library's ``wcswidth``, the function tmux itself measures with.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import locale
import os
import sys
from pathlib import Path

import pytest
from desk_fixtures import build_project
from tmux_desk import Terminal, wait_for

from ttdn_studio.models import Status
from ttdn_studio.tui.format import clip_text, text_width

KHMER = [
    "ខេត្តកាម៉ៅជាខេត្តភាគខាងត្បូងបំផុតនៃប្រទេសវៀតណាម",
    "ព្រៃកោងកាងនៅចុងកាម៉ៅ",
    "ឧទ្យានជាតិអ៊ូមិញហា",
    "ទឹកខ្មៅ ខេត្តទឹកខ្មៅ",
]
SIZE = (120, 30)


def libc_width(text: str) -> int:
    """The width the C library's ``wcswidth`` gives (what tmux draws)."""
    name = ctypes.util.find_library("c")
    assert name, "no C library"
    libc = ctypes.CDLL(name)
    libc.wcswidth.argtypes = [ctypes.c_wchar_p, ctypes.c_size_t]
    old = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
        width = int(libc.wcswidth(text, len(text)))
    finally:
        locale.setlocale(locale.LC_CTYPE, old)
    assert width >= 0, f"wcswidth cannot measure {text!r}"
    return width


@pytest.mark.parametrize("khmer", KHMER)
def test_khmer_width_is_the_terminals(khmer: str) -> None:
    assert text_width(khmer) == libc_width(khmer)


@pytest.mark.parametrize("khmer", KHMER)
@pytest.mark.parametrize("width", [6, 9, 12, 17])
def test_a_cut_khmer_cell_fits_its_column(khmer: str, width: int) -> None:
    cut = clip_text(khmer, width)
    assert libc_width(cut) <= width
    if libc_width(khmer) > width:
        assert cut.endswith("…") and khmer.startswith(cut[:-1])
        assert not cut[:-1].endswith("\u17d2")  # no subscript torn from its COENG
        assert libc_width(cut) >= width - 2  # and not much shorter than the column


def test_vietnamese_and_english_cells_are_cut_as_before() -> None:
    assert clip_text("Cà Mau là tỉnh cực Nam", 10) == "Cà Mau là…"
    assert clip_text("short", 10) == "short"


@pytest.fixture
def khmer_project(tmp_path: Path) -> Path:
    store = build_project(tmp_path / "episode")
    rows = store.cue_rows("tap-01")
    store.set_translations(
        [(row.cue.id, "km", text) for row, text in zip(rows, KHMER, strict=False)],
        status=Status.DRAFT,
        origin="human",
    )
    store.close()
    return tmp_path / "episode"


def test_khmer_rows_keep_the_grid_columns_in_tmux(khmer_project: Path, isolated_dirs: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k.startswith("TTDN_")}
    ttdn = Path(sys.executable).with_name("ttdn")
    term = Terminal([str(ttdn), "tui", str(khmer_project)], env, SIZE)
    try:
        lines: list[str] = []

        def grid_shown() -> bool:
            lines[:] = term.screen().splitlines()
            rows = [ln for ln in lines if "✎ " in ln]
            # every Khmer row is drawn and the QC counts have arrived
            counted = any(ln.rstrip()[-1:].isdigit() for ln in rows)
            return len(rows) == len(KHMER) and counted and "QC" in lines[2]

        assert wait_for(grid_shown, limit=60), "\n".join(lines)
        header = lines[2]
        km_col = libc_width(header[: header.index(" km ") + 1])
        qc_col = libc_width(header[: header.index(" QC") + 1])
        for line in lines[3 : 3 + 6]:
            assert libc_width(line.rstrip()) <= SIZE[0], line
            start = line.find("✎ ")
            if start < 0:
                continue
            assert libc_width(line[:start]) == km_col, line  # the column starts where it did
            tail = line[start:].rstrip()
            end = libc_width(line[:start]) + libc_width(tail)
            if tail.endswith(tuple("0123456789")):  # a QC badge: exactly in its column
                badge = tail.rsplit(" ", 1)[1]
                assert end - len(badge) == qc_col, line
            else:
                assert end <= qc_col - 1, line  # the Khmer text ends inside its column
    finally:
        term.close()


def test_doctor_says_the_desk_measures_khmer_as_the_terminal_draws_it() -> None:
    from click.testing import CliRunner

    from ttdn_studio.cli import cli

    result = CliRunner().invoke(cli, ["doctor", "--json"])
    found = {f["topic"]: f for f in json.loads(result.output)}
    assert found["desk Khmer widths"]["ok"] is True


def test_a_rich_keeping_its_width_table_elsewhere_is_reported_not_fatal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rich._unicode_data

    from ttdn_studio.cli.commands import doctor
    from ttdn_studio.tui import format as fmt

    def moved(*_args: object) -> object:
        raise AttributeError("no width table here")

    monkeypatch.setattr(fmt, "_PATCHED", [])
    monkeypatch.setattr(rich._unicode_data, "load", moved)
    assert fmt.measure_like_the_terminal() is False  # the desk still starts
    monkeypatch.setattr(fmt, "khmer_measured_like_the_terminal", lambda: False)
    finding = doctor._desk_widths()
    assert not finding.ok and "may run past their column" in finding.value


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_editor_wraps_khmer_between_words(tmp_path: Path, size: tuple[int, int]) -> None:
    """Textual's editor folded a long Khmer line at any character: “សមុទ្រ” came out as
    “សមុទ្” at a row's end and a lone subscript “រ” at the start of the next."""
    from desk_fixtures import episode, settle

    from ttdn_studio.layout.khmer import COENG, is_mark, khmer_tokens
    from ttdn_studio.tui.app import TtdnApp

    text = "".join(KHMER[:3]) + "ព្រៃកោងកាងនិងសមុទ្រជាជីវិតរបស់ប្រជាជន។" * 5
    store = build_project(tmp_path / "episode")
    cue = store.cue_rows("tap-01")[0].cue
    store.set_translations([(cue.id, "km", text)], status="draft", origin="human")
    store.close()
    app = TtdnApp(tmp_path / "episode")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")  # edit Khmer
        await settle(pilot)
        area = episode(app).editor.target
        assert area.text == text
        rows = area.wrapped_document.get_sections(0)
        assert len(rows) > 1  # wrapped
        assert "".join(rows) == text
        for before, row in zip(rows, rows[1:], strict=False):
            assert not is_mark(row[0]) and row[0] != COENG and before[-1] != COENG, rows
        ends, at = set(), 0
        for token in khmer_tokens(text):
            at += len(token)
            ends.add(at)
        at = 0
        for row in rows[:-1]:
            at += len(row)
            assert at in ends, rows  # each row ends where a word ends
