"""Defects a translator met in a real terminal, driven with the Pilot: nothing typed is
lost on the way out, splits and snaps keep words and gaps whole, human work is asked for."""

from __future__ import annotations

from pathlib import Path

from desk_fixtures import build_project, episode, settle, wait_until

from ttdn_studio.models import Cue, CueRow, Status, Translation
from ttdn_studio.store import open_project
from ttdn_studio.store.timing import min_gap_ms, split_cue
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.filters import matches_search
from ttdn_studio.tui.keys import human_key, screen_bindings
from ttdn_studio.tui.widgets.cue_editor import SAVE_DELAY_S

SIZE = (120, 40)


# ------------------------------------------------------------------ 1. quitting
async def test_quitting_right_after_typing_saves_the_text(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)  # the timer would save only after a minute
        cue_id = screen.grid.current_id
        await pilot.press("enter", "end", *" Typed", "ctrl+q")
    with open_project(project) as store:
        assert store.translation(cue_id, "en").text.endswith(" Typed")  # type: ignore[arg-type]


async def test_quitting_from_the_palette_saves_the_text(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        cue_id = screen.grid.current_id
        await pilot.press("enter", "end", *" Palette")
        app.exit()  # what the palette's "Quit" runs
        await pilot.pause()
    with open_project(project) as store:
        assert store.translation(cue_id, "en").text.endswith(" Palette")  # type: ignore[arg-type]


def test_a_hard_kill_can_lose_under_100_ms_of_typing() -> None:
    assert SAVE_DELAY_S < 0.1


async def test_a_burst_of_keys_is_saved_within_the_window_not_postponed(project: Path) -> None:
    """Keys arriving faster than the delay must not push the save back for ever."""
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        screen.editor.save_delay = 1.0
        cue_id = screen.grid.current_id
        await pilot.press("enter", "end")
        with open_project(project) as store:
            original = store.translation(cue_id, "en").text  # type: ignore[arg-type]
        saved_during_burst = False
        for ch in " steady typing, on and on, without a pause":
            await pilot.press(ch)
            await pilot.pause(0.1)  # a key every ~100 ms: faster than the 1 s delay
            with open_project(project) as store:
                if store.translation(cue_id, "en").text != original:  # type: ignore[arg-type]
                    saved_during_burst = True
                    break
        assert saved_during_burst


# --------------------------------------------------------------------- 4. split
def test_split_without_a_cursor_cuts_between_words_and_leaves_the_gap(tmp_path: Path) -> None:
    store = build_project(tmp_path / "p", cues=1)
    try:
        cue = store.cue_rows("tap-01")[0].cue
        text = "Tổ quốc, nơi có rừng đước bạt ngàn"
        store.edit_cue(cue.id, expected_version=cue.version, text=text)
        app_offset = _editor_offset(text)
        first, second = split_cue(store, cue.id, app_offset)
        a, b = store.cue(first), store.cue(second)
        assert (a.text + " " + b.text).split() == text.split()  # no word cut in half
        assert b.start_ms - a.end_ms == min_gap_ms(store) > 0
    finally:
        store.close()


def _editor_offset(text: str) -> int:
    from ttdn_studio.store.timing import word_cut

    cut = word_cut(text, len(text) // 2)
    assert cut is not None
    return cut


async def test_alt_s_with_an_empty_translation_splits_at_a_word(tmp_path: Path) -> None:
    store = build_project(tmp_path / "p", cues=3)
    row = store.cue_rows("tap-01")[2]  # "Người dân sống nhờ con tôm, con cua." (no English)
    store.close()
    app = TtdnApp(tmp_path / "p")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down", "down")
        assert screen.grid.current_id == row.cue.id
        await pilot.press("alt+s")
        await settle(pilot)
    with open_project(tmp_path / "p") as store:
        texts = [r.cue.text for r in store.cue_rows("tap-01")]
        words = row.cue.text.split()
        assert len(texts) == 4
        assert (texts[2] + " " + texts[3]).split() == words
        cues = [r.cue for r in store.cue_rows("tap-01")]
        assert cues[3].start_ms - cues[2].end_ms == min_gap_ms(store)


def test_khmer_translation_is_split_at_a_khmercut_word(tmp_path: Path) -> None:
    store = build_project(tmp_path / "p", cues=1)
    try:
        store.update_project(target_langs=["en", "km"])
        cue = store.cue_rows("tap-01")[0].cue
        khmer = "ខេត្តកាម៉ៅជាខេត្តភាគខាងត្បូងបំផុត"
        store.edit_translation(cue.id, "km", khmer, expected_version=0)
        first, second = split_cue(store, cue.id, cue.text.index(" của"))
        a, b = store.translation(first, "km").text, store.translation(second, "km").text
        assert a and b and a + b == khmer
        from khmercut import tokenize

        ends = set()
        pos = 0
        for token in tokenize(khmer):
            pos += len(token)
            ends.add(pos)
        assert len(a) in ends
    finally:
        store.close()


async def test_snap_keeps_the_minimum_gap(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("down", "alt+p", "alt+n")
        await settle(pilot)
    with open_project(project) as store:
        cues = [r.cue for r in store.cue_rows("tap-01")]
        gap = min_gap_ms(store)
        assert cues[1].start_ms == cues[0].end_ms + gap
        assert cues[1].end_ms == cues[2].start_ms - gap


# -------------------------------------------------------- 5. F5 over human work
async def test_machine_draft_over_approved_text_asks_naming_the_status(project: Path) -> None:
    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[0]
        tr = cue.translations["en"]
        store.edit_translation(
            cue.cue.id, "en", tr.text, expected_version=tr.version, status=Status.APPROVED
        )
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter")  # "This cue"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "approved" in app.screen._title
        await pilot.press("n")
        await settle(pilot)
    with open_project(project) as store:
        after = store.translation(cue.cue.id, "en")
        assert after.status == Status.APPROVED and after.text == tr.text


# ------------------------------------------------------------ 14. search accents
def _row(text: str, en: str = "") -> CueRow:
    cue = Cue(id=1, clip_id=1, start_ms=0, end_ms=1000, text=text)
    trs = {"en": Translation(cue_id=1, lang="en", text=en)} if en else {}
    return CueRow(index=1, clip="tap-01", cue=cue, translations=trs)


def test_search_ignores_diacritics_and_tone_placement() -> None:
    assert matches_search(_row("Huyện Năm Căn giáp biển."), "nam can", ["en"])
    assert matches_search(_row("Hoà bình trên đất mũi"), "hòa", ["en"])
    assert matches_search(_row("Hòa bình trên Đất Mũi"), "HOÀ", ["en"])
    assert matches_search(_row("Đất Mũi"), "dat mui", ["en"])
    assert not matches_search(_row("Năm Căn"), "nam canh", ["en"])


def test_search_keeps_khmer_signs() -> None:
    khmer = "ខេត្តកាម៉ៅ"
    assert matches_search(_row("Cà Mau", khmer), "កាម៉ៅ", ["en"])
    assert not matches_search(_row("Cà Mau", khmer), "កម", ["en"])


# ----------------------------------------------------------- 13. key names in F1
def test_keys_are_shown_as_people_write_them() -> None:
    assert human_key("alt+shift+left") == "Alt+Shift+Left"
    assert human_key("ctrl+pagedown") == "Ctrl+PgDn"
    assert human_key("question_mark") == "?"
    assert human_key("alt+full_stop") == "Alt+."
    assert human_key("shift+f8") == "Shift+F8"


def test_help_screen_shows_no_internal_key_names() -> None:
    from rich.console import Console

    from ttdn_studio.tui.screens.episode import EpisodeDesk
    from ttdn_studio.tui.screens.help import key_table

    console = Console(width=160, record=True)
    console.print(key_table("Episode", screen_bindings(EpisodeDesk)))
    shown = console.export_text()
    for internal in ("question_mark", "pagedown", "ctrl+", "alt+", "full_stop"):
        assert internal not in shown, internal
    assert "Ctrl+PgDn" in shown and "Alt+Shift+Left" in shown


# ------------------------------------------------- 8, 9. glossary terms when typing
def _set_english(project: Path, text: str, flags: list[str] | None = None) -> int:
    with open_project(project) as store:
        row = store.cue_rows("tap-01")[0]
        tr = row.translations["en"]
        store.edit_translation(
            row.cue.id, "en", text, expected_version=tr.version, flags=flags, status=Status.MT
        )
        return row.cue.id


async def test_live_checks_report_a_missing_glossary_term(project: Path) -> None:
    _set_english(project, "It is the southernmost province.")  # "Cà Mau → Ca Mau" missing
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        checks = screen.assist.query_one("#qc-hits")

        def shown() -> str:
            return str(checks.render())

        assert await wait_until(pilot, lambda: "glossary" in shown()), shown()
        assert "no problems found" not in shown()


async def test_term_flag_goes_once_the_terms_are_typed(project: Path) -> None:
    cue_id = _set_english(project, "It is the southernmost province.", ["term-check-failed"])
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("enter", "home", *"Ca Mau: ", "ctrl+q")
    with open_project(project) as store:
        tr = store.translation(cue_id, "en")
        assert tr.text.startswith("Ca Mau: ")
        assert "term-check-failed" not in tr.flags


async def test_term_flag_stays_while_a_term_is_missing(project: Path) -> None:
    cue_id = _set_english(project, "It is the southernmost province.", ["term-check-failed"])
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("enter", "end", *" Yes.", "ctrl+q")
    with open_project(project) as store:
        tr = store.translation(cue_id, "en")
        assert tr.text.endswith("Yes.") and "term-check-failed" in tr.flags


# ------------------------------------------------------ 6. the panel at 80x24
async def test_alt_a_shows_the_assist_panel_at_80x24(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert screen.assist.region.width == 0  # hidden by default: the editor needs room
        await pilot.press("alt+a")
        await pilot.pause()
        assert screen.assist.region.width >= 30 and screen.assist.region.height >= 5
        assert screen.editor.region.width >= 30
        await settle(pilot)
        text = app.export_screenshot()
        assert "Glossary" in text and "Checks" in text
        await pilot.press("alt+a")
        await pilot.pause()
        assert screen.assist.region.width == 0


async def test_alt_a_still_hides_the_panel_in_a_wide_terminal(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert screen.assist.region.width > 0
        await pilot.press("alt+a")
        await pilot.pause()
        assert screen.assist.region.width == 0


# --------------------------------------------- 7. history names what is on screen
def test_history_names_the_clip_and_number_on_screen(tmp_path: Path) -> None:
    store = build_project(tmp_path / "p", cues=4, clips=("tap-01", "tap-02"))
    try:
        row = store.cue_rows("tap-02")[3]  # cue id 8: "#8" would name another cue
        tr = row.translations["en"]
        store.edit_translation(row.cue.id, "en", "Edited", expected_version=tr.version)
        split_cue(store, row.cue.id, row.cue.text.index(" "))
        assert [h["action"] for h in store.history(2)] == [
            "split tap-02 #4",
            "edit en of tap-02 #4",
        ]
        assert store.undo() == "split tap-02 #4"
    finally:
        store.close()


def test_ttdn_history_shows_the_clip_and_number(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ttdn_studio.cli import cli

    store = build_project(tmp_path / "p", cues=2, clips=("tap-01", "tap-02"))
    row = store.cue_rows("tap-02")[1]
    store.edit_translation(
        row.cue.id, "en", "Edited", expected_version=row.translations["en"].version
    )
    store.close()
    out = CliRunner().invoke(cli, ["history", str(tmp_path / "p")])
    assert out.exit_code == 0, out.output
    assert "edit en of tap-02 #2" in out.output and "cue #" not in out.output


# ------------------------------------------ 15. projects of one series told apart
async def test_projects_screen_shows_what_tells_episodes_apart() -> None:
    from textual.widgets import DataTable

    from ttdn_studio import locations
    from ttdn_studio.models import Project
    from ttdn_studio.store import create_project

    root = locations.projects_dir()
    series = "Cà Mau - Đất và người"
    for n, part in ((3, "Rừng đước U Minh"), (4, "Biển Tây mùa gió chướng")):
        create_project(root / f"tap-0{n}", Project(title=f"{series}, tập {n}: {part}")).close()
    app = TtdnApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#p-table", DataTable)
        shown = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert len(set(shown)) == 2, shown
        assert any(s.startswith("tập 3") for s in shown), shown
        assert any(s.startswith("tập 4") for s in shown), shown


# ---------------------------------------------- 12. what a render left out, said plainly
def test_render_result_names_cues_left_out_plainly() -> None:
    from types import SimpleNamespace

    from ttdn_studio.tui.screens.render import _result_line

    result = SimpleNamespace(
        status="done", output="out.mp4", error="", left_out={"km": 1}, past_end=0
    )
    line = _result_line(result)
    assert "km: 1 cue not approved was left out" in line
    assert "km 1" not in line


# ---------------------------------------- 1. many saves of one burst, one undo step
async def test_one_burst_of_typing_is_one_undo_step(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        screen.editor.save_delay = SAVE_DELAY_S
        cue_id = screen.grid.current_id
        with open_project(project) as store:
            original = store.translation(cue_id, "en").text  # type: ignore[arg-type]
            entries = len(store.history(1000))
        await pilot.press("enter", "end")
        for ch in " one burst":
            await pilot.press(ch)
            await pilot.pause(0.15)  # longer than the save delay: a save per key or two
        await pilot.press("escape")
        await settle(pilot)
        with open_project(project) as store:
            assert store.translation(cue_id, "en").text == original + " one burst"  # type: ignore[arg-type]
            assert len(store.history(1000)) == entries + 1
        await pilot.press("ctrl+z")
        await settle(pilot)
    with open_project(project) as store:
        assert store.translation(cue_id, "en").text == original  # type: ignore[arg-type]


def test_saves_apart_are_separate_undo_steps(tmp_path: Path) -> None:
    store = build_project(tmp_path / "p", cues=1)
    try:
        cue = store.cue_rows("tap-01")[0]
        v = cue.translations["en"].version
        tr = store.edit_translation(cue.cue.id, "en", "One", expected_version=v)
        tr = store.edit_translation(cue.cue.id, "en", "One two", expected_version=tr.version)
        store.edit_translation(
            cue.cue.id, "en", "One two three", expected_version=tr.version, burst=True
        )
        store.undo()
        assert store.translation(cue.cue.id, "en").text == "One"
    finally:
        store.close()


def test_every_alt_letter_key_of_the_episode_goes_before_the_editor() -> None:
    """A terminal sends Alt+letter as ESC and the letter, which Textual's editor types: a
    desk-wide Alt+letter binding must be a priority binding to act from the editor."""
    from textual.binding import Binding

    from ttdn_studio.tui import keys

    typed = [
        b.key
        for b in keys.EPISODE
        if isinstance(b, Binding)
        for key in b.key.split(",")
        if key.startswith("alt+")
        and len(key.removeprefix("alt+").removeprefix("shift+")) == 1
        and not b.priority
    ]
    assert typed == []


# ---------------------------------------------- the projects screen with no project behind
async def test_esc_back_is_offered_only_with_a_project_open_behind(tmp_path: Path) -> None:
    """``ttdn tui`` alone starts on the projects screen: no "Back" there; over an episode
    (Ctrl+O) it is offered and goes back."""
    from ttdn_studio import locations

    build_project(locations.projects_dir() / "tap-01").close()

    def offered(app: TtdnApp) -> bool:
        return any(b.binding.action == "back" for b in app.screen.active_bindings.values())

    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProjectsScreen"
        assert not offered(app)
        await pilot.press("enter")  # open the project
        assert await wait_until(pilot, lambda: app.screen.__class__.__name__ == "EpisodeDesk")
        await pilot.press("ctrl+o")
        assert await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ProjectsScreen")
        assert offered(app)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.screen.__class__.__name__ == "EpisodeDesk")
