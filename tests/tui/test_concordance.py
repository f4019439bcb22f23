"""Shift+F2: the memory's stored pairs containing some words, highlighted; the chosen
translation goes in at the editor's cursor."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from desk_fixtures import episode, settle, wait_until
from textual.widgets import OptionList
from tmux_desk import Terminal, wait_for

from ttdn_studio.store import open_project
from ttdn_studio.store.translation_memory import TranslationMemory
from ttdn_studio.tm.memory import TmUnit
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.concordance import ConcordanceDialog, highlight, search_memory

PAIRS = [
    ("Mũi Cà Mau là điểm cực Nam.", "Ca Mau Cape is the southernmost point.", "en"),
    (
        "Tỉnh ủy Cà Mau họp sáng nay.",
        "The Ca Mau Provincial Party Committee met this morning.",
        "en",
    ),
    ("Rừng U Minh Hạ rất đẹp.", "U Minh Ha forest is beautiful.", "en"),
    ("Mũi Cà Mau là điểm cực Nam.", "ចុងកាម៉ៅគឺជាចំណុចខាងត្បូងបំផុត។", "km"),
]


@pytest.fixture
def memory(isolated_dirs: Path) -> Path:
    tm = TranslationMemory()
    try:
        tm.add_many(
            TmUnit(vi, target, "vi", lang, project="tap-01", updated_at=f"2026-06-0{i + 1}")
            for i, (vi, target, lang) in enumerate(PAIRS)
        )
        return tm.path
    finally:
        tm.close()


def spans(text: object) -> list[str]:
    plain = text.plain  # type: ignore[attr-defined]
    return [plain[s.start : s.end] for s in text.spans]  # type: ignore[attr-defined]


def test_matches_are_highlighted_as_the_memory_finds_them() -> None:
    assert spans(highlight("Mũi Cà Mau, tỉnh Cà Mau", "cà mau")) == ["Cà Mau", "Cà Mau"]
    assert spans(highlight("Tỉnh ủy Cà Mau", "tỉnh uỷ")) == ["Tỉnh ủy"]  # old/new tones
    assert spans(highlight("Ca Mau Cape", "Cà Mau")) == ["Ca Mau"]  # accents ignored, as find
    assert spans(highlight("Mũi Cà\nMau; Tỉnh ủy", "ca mau")) == ["Cà\nMau"]
    assert spans(highlight("Ban Thường vụ Tỉnh ủy", "TINH UY")) == ["Tỉnh ủy"]
    assert spans(highlight("Cà Mau", "Cá Mau caper")) == []


def test_search_finds_pairs_of_the_language_pair(memory: Path) -> None:
    hits = search_memory("cà mau", "vi", "en")
    assert [h.target for h in hits] == [PAIRS[1][1], PAIRS[0][1]]  # newest first, English only
    assert [h.target for h in search_memory("Ca Mau", "vi", "km")] == [PAIRS[3][1]]
    assert search_memory("tinh uy", "vi", "en")[0].source == PAIRS[1][0]
    assert [h.tgt_lang for h in search_memory("Cà Mau", "vi", "km")] == ["km"]
    assert search_memory("tỉnh uỷ", "vi", "en")[0].source == PAIRS[1][0]
    assert search_memory("  ", "vi", "en") == []


async def test_shift_f2_inserts_the_chosen_translation_at_the_cursor(
    project: Path, memory: Path
) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down", "down")  # #3, no English yet
        cue_id = screen.grid.current_id
        await pilot.press("enter", *"See: ")
        await pilot.press("shift+f2")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConcordanceDialog))
        dialog = app.screen
        await pilot.press(*"ca mau")  # typed without a Vietnamese keyboard
        assert await wait_until(pilot, lambda: dialog.searched == "ca mau")  # type: ignore[attr-defined]
        hits = dialog.query_one("#cc-hits", OptionList)
        assert hits.option_count == 2
        first = hits.get_option_at_index(0).prompt
        assert "Cà Mau" in spans(first) and "The Ca Mau Provincial Party" in str(first)
        await pilot.press("enter", "down", "enter")  # to the results, the second pair, insert
        assert await wait_until(pilot, lambda: app.screen is screen)
        assert screen.editor.target.text == "See: " + PAIRS[0][1]
        screen.editor.flush()
    with open_project(project) as store:
        assert store.translation(cue_id, "en").text == "See: " + PAIRS[0][1]  # type: ignore[union-attr]


async def test_escape_closes_without_changing_the_text(project: Path, memory: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        before = screen.editor.target.text
        await pilot.press("shift+f2")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConcordanceDialog))
        await pilot.press(*"zzz")
        dialog = app.screen
        assert await wait_until(pilot, lambda: dialog.searched == "zzz")  # type: ignore[attr-defined]
        assert "No stored vi → en pair contains “zzz”" in str(
            dialog.query_one("#cc-count").render()
        )
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.screen is screen)
        assert screen.editor.target.text == before


def test_shift_f2_in_a_real_terminal(project: Path, memory: Path, isolated_dirs: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k.startswith("TTDN_")}
    ttdn = Path(sys.executable).with_name("ttdn")
    term = Terminal([str(ttdn), "tui", str(project)], env, (120, 40))
    try:
        assert wait_for(lambda: " Mark " in term.screen(), limit=60), term.screen()
        term.send("shift+f2")
        assert wait_for(lambda: "Search the memory: vi → en" in term.screen(), limit=20)
        term.type("tỉnh uỷ")
        assert wait_for(lambda: "1 stored pair" in term.screen(), limit=20), term.screen()
        assert "The Ca Mau Provincial Party Committee" in term.screen()
    finally:
        term.close()


async def test_text_selected_in_the_editor_is_searched_at_once(project: Path, memory: Path) -> None:
    from textual.widgets.text_area import Selection

    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("enter")  # #1 "Ca Mau is the southernmost province of Vietnam."
        screen.editor.target.selection = Selection((0, 0), (0, 6))
        await pilot.press("shift+f2")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConcordanceDialog))
        dialog = app.screen
        assert await wait_until(pilot, lambda: dialog.searched == "Ca Mau")  # type: ignore[attr-defined]
        assert dialog.query_one("#cc-hits", OptionList).option_count == 2  # found in the English
