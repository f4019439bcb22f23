"""The wide view (Alt+Z): full source and translations, wrapped, in the grid's place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from desk_fixtures import episode, settle
from rich.console import Console

from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp

LONG_VI = (
    "Rừng U Minh Hạ nổi tiếng với mật ong, cá đồng và những con kênh xáng "
    "đào từ đầu thế kỷ trước, nay là đường về của khách phương xa."
)
LONG_EN = (
    "U Minh Ha forest is famous for its honey, its field fish and the canals dug "
    "at the start of the last century, now the road in for visitors from afar."
)


@pytest.fixture
def long_project(project: Path) -> Path:
    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[1].cue
        store.edit_source(cue.id, LONG_VI, cue.version)
        store.edit_translation(cue.id, "en", LONG_EN, expected_version=None)
    return project


def drawn(widget) -> str:  # type: ignore[no-untyped-def]
    """The text the widget draws, at its width (one space between words kept)."""
    out = io.StringIO()
    Console(file=out, width=widget.content_size.width, color_system=None).print(widget.content)
    return out.getvalue()


def words_in(text: str, drawn_text: str) -> bool:
    flat = " ".join(drawn_text.split())
    return all(word in flat for word in text.split())


@pytest.mark.parametrize(
    ("size", "side_by_side"), [((80, 24), False), ((120, 40), True), ((200, 60), True)]
)
async def test_alt_z_shows_whole_texts_and_follows_the_cursor(
    long_project: Path, size: tuple[int, int], side_by_side: bool
) -> None:
    app = TtdnApp(long_project)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        desk = episode(app)
        assert "…" in str(desk.grid.get_cell(str(desk.grid.cues[1].cue.id), "vi"))  # cut there
        await pilot.press("alt+z")
        await settle(pilot)
        assert desk.has_class("-wide")
        assert not desk.grid.display and desk.wide.display
        assert app.focused is desk.wide
        assert desk.wide.side_by_side is side_by_side
        await pilot.press("down")
        await settle(pilot)
        second = desk.grid.cues[1].cue.id
        assert desk.grid.current_id == second
        assert desk.editor.editing is not None and desk.editor.editing.cue_id == second
        assert desk.wide.shown[:2] == [desk.grid.cues[0].cue.id, second]
        text = drawn(desk.wide)
        assert words_in(LONG_VI, text) and words_in(LONG_EN, text)
        assert "▶#2" in text
        assert all(len(line.rstrip()) <= desk.wide.content_size.width for line in text.splitlines())

        await pilot.press("down")
        await settle(pilot)
        assert desk.wide.shown[0] == second  # the one before the current, for context
        assert desk.editor.editing is not None
        assert desk.editor.editing.cue_id == desk.grid.cues[2].cue.id

        await pilot.press("alt+z")
        await settle(pilot)
        assert desk.grid.display and not desk.wide.display
        assert app.focused is desk.grid


async def test_the_wide_view_shows_what_is_typed(long_project: Path) -> None:
    app = TtdnApp(long_project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+z", "enter", *"Typed here ")
        desk.editor.flush()
        await settle(pilot)
        assert "Typed here Ca Mau" in " ".join(drawn(desk.wide).split())
        await pilot.press("escape")  # back from the editor to the wide view
        assert app.focused is desk.wide


async def test_the_wide_view_shows_the_cues_the_filter_lets_through(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+z")
        await settle(pilot)
        assert len(desk.wide.shown) == 6
        desk.grid.set_filter("untranslated")
        await settle(pilot)
        untranslated = [r.cue.id for r in desk.grid.cues if not r.text("en", "vi")]
        assert desk.wide.shown == untranslated and len(untranslated) == 2


async def test_the_wide_view_shows_timing_edits(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+z", "down", "alt+right")  # the second cue starts 100 ms later
        await settle(pilot)
        assert desk.grid.cues[1].cue.start_ms == 3100
        assert "0:03.1–0:05.5" in drawn(desk.wide)


LONG_KM = "កាម៉ៅជាខេត្តភាគខាងត្បូងបំផុតនៃវៀតណាមព្រៃកោងកាងនិងសមុទ្រជាជីវិតរបស់ប្រជាជនកាម៉ៅ។"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_khmer_wraps_between_words_never_inside_a_cluster(
    project: Path, size: tuple[int, int]
) -> None:
    """Rich folded Khmer (no spaces) at any character: “នៃ” came out as “ន” at a line's
    end and its vowel sign “ៃ” alone at the start of the next, drawn on a dotted circle."""
    from ttdn_studio.layout.khmer import COENG, is_mark, khmer_tokens

    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[0].cue
        store.set_translations([(cue.id, "km", LONG_KM)], status="draft", origin="human")
    app = TtdnApp(project)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+z")
        await settle(pilot)
        if "km" not in desk.wide.langs:
            await pilot.press("alt+c")  # every target language
            await settle(pilot)
        assert "km" in desk.wide.langs
        text = drawn(desk.wide)
        chunks = text.split()
        assert not [c for c in chunks if is_mark(c[0]) or c[0] == COENG], text
        flat = "".join(chunks)
        words = [w for w in khmer_tokens(LONG_KM) if w.strip()]
        assert all(w in flat for w in words), text  # every word whole, in order
        lines = text.splitlines()
        width = desk.wide.content_size.width
        from rich.cells import cell_len

        assert all(cell_len(line.rstrip()) <= width for line in lines)
