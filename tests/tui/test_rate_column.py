"""The grid's duration and reading-speed column, coloured against the language profile."""

from __future__ import annotations

from pathlib import Path

from desk_fixtures import episode, settle

from ttdn_studio.models.profiles import profile_for
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.format import rate_cell


def test_rate_is_coloured_against_the_profile() -> None:
    en, km = profile_for(None, "en"), profile_for(None, "km")  # 20 and 15 cps
    ok = rate_cell(2000, "x" * 20, en)  # 10 cps
    assert ok.plain == " 2.0s 10" and ok.spans[-1].style == "dim"
    near = rate_cell(1000, "x" * 19, en)  # 19 cps: within 10% of 20
    assert near.plain == " 1.0s 19" and near.spans[-1].style == "yellow"
    fast = rate_cell(1000, "x" * 19, km)  # 19 cps against Khmer's 15
    assert fast.spans[-1].style == "bold red"
    assert rate_cell(2000, "  ", en).plain == " 2.0s"  # no speed for an empty text
    short = rate_cell(500, "ok", en)  # under the 833 ms minimum duration
    assert short.style == "bold red" and ok.style == ""


async def test_grid_shows_the_editing_language_rate_and_follows_edits(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        cue_id = screen.grid.current_id
        assert cue_id is not None
        # "Ca Mau is the southernmost province of Vietnam." is 47 characters in 2.5 s
        assert str(screen.grid.get_cell(str(cue_id), "rate")) == " 2.5s 19"
        await pilot.press("enter", "end", *" Yes, it is.")
        screen.editor.flush()
        assert str(screen.grid.get_cell(str(cue_id), "rate")) == " 2.5s 24"
        await pilot.press("escape", "ctrl+t")  # Khmer: nothing typed yet
        await settle(pilot)
        assert screen.lang == "km"
        assert str(screen.grid.get_cell(str(cue_id), "rate")) == " 2.5s"


def test_the_live_line_counts_as_the_grid_and_the_checks_do() -> None:
    """Under the editor the live line said 23.1 cps for a Khmer line the grid showed at 19
    and the Checks at 18.8: it counted every code point (vowel signs, subscripts, tags)."""
    from ttdn_studio.qc.checks_layout import reading_chars
    from ttdn_studio.tui.widgets.cue_editor import live_line

    for text in [
        "កាម៉ៅជាខេត្តភាគខាងត្បូងបំផុតនៃវៀតណាម។ព្រៃកោងកាងនិងសមុទ្រ",
        "{\\i1}Đất Mũi{\\i0} là điểm cực Nam\ncủa Tổ quốc.",
    ]:
        chars = reading_chars(text)
        line = live_line(text, 3200, []).plain
        assert f"{chars / 3.2:.1f} cps" in line, line
        assert rate_cell(3200, text, profile_for(None, "km")).plain.endswith(f"{chars / 3.2:>3.0f}")
    longest = live_line("{\\i1}Đất Mũi{\\i0}\nCà Mau", 2000, []).plain
    assert "longest 7 ch" in longest  # what a viewer reads: not the tags
