"""The desk in a real terminal (tmux), not only through Textual's Pilot.

Every key documented in docs/keys.md is sent through tmux as the escape sequence
a terminal writes, and must reach the desk under the name it is bound to; the
desk itself runs in tmux for the keys' effects on the project database and on
the screen, and for the ways out (Ctrl+Q, SIGTERM, the terminal closing).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk_fixtures import build_project
from tmux_desk import Terminal, tmux_key, wait_for

from ttdn_studio.store import open_project
from ttdn_studio.tui import keys

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)


def documented_keys() -> list[str]:
    out: list[str] = []
    for _title, rows in keys.desk_sections():
        for row in rows:
            for key in row.key.split(","):
                if key.strip() not in out:
                    out.append(key.strip())
    return out


def test_tmux_names_of_keys() -> None:
    assert tmux_key("alt+shift+left") == "M-S-Left"
    assert tmux_key("ctrl+pagedown") == "C-PageDown"
    assert tmux_key("shift+f8") == "S-F8"
    assert tmux_key("question_mark") == "?"
    assert tmux_key("alt+shift+s") == "M-S"
    assert tmux_key("alt+shift+v") == "M-V"  # what a terminal writes: ESC V
    assert tmux_key("alt+shift+n") == "M-N"
    assert tmux_key("alt+shift+g") == "M-G"


def test_every_documented_key_arrives_in_a_real_terminal(tmp_path: Path) -> None:
    """Alt+punctuation arrives as the bare character, Ctrl+I as Tab: no binding may use them."""
    log = tmp_path / "keys.txt"
    term = Terminal([sys.executable, str(HERE / "key_probe.py"), str(log)], {}, SIZE)
    try:
        assert wait_for(lambda: log.exists() and log.read_text() == "ready\n")
        wrong = []
        for key in documented_keys():
            before = len(log.read_text().splitlines())
            term.send(key)
            wait_for(lambda b=before: len(log.read_text().splitlines()) > b, limit=5)  # type: ignore[misc]
            got = log.read_text().splitlines()[before:]
            if got != [key]:
                wrong.append(f"{key} arrived as {got}")
        term.send("ctrl+right_square_bracket")
        assert not wrong, "; ".join(wrong)
    finally:
        term.close()


# ------------------------------------------------------------- the desk itself
@pytest.fixture
def desk_project(tmp_path: Path) -> Path:
    build_project(tmp_path / "episode", clips=("tap-01", "tap-02")).close()
    return tmp_path / "episode"


@pytest.fixture
def desk(desk_project: Path, isolated_dirs: Path) -> Iterator[Terminal]:
    env = {k: v for k, v in os.environ.items() if k.startswith("TTDN_")}
    ttdn = Path(sys.executable).with_name("ttdn")
    term = Terminal([str(ttdn), "tui", str(desk_project)], env, SIZE)
    try:
        ready = wait_for(lambda: " Mark " in footer(term), limit=60)  # the grid has the focus
        assert ready, term.screen()
        yield term
    finally:
        term.close()


def footer(term: Terminal) -> str:
    lines = term.screen().rstrip("\n").splitlines()
    return lines[-1] if lines else ""


def edit(term: Terminal) -> None:
    """Enter: the editor takes the focus (its live line appears) before typing starts."""
    term.send("enter")
    assert wait_for(lambda: " Mark " not in footer(term), limit=10), term.screen()


def english(project: Path, index: int, clip: str = "tap-01") -> str:
    with open_project(project) as store:
        row = store.cue_rows(clip)[index]
        tr = row.translations.get("en")
        return tr.text if tr else ""


def times(project: Path, index: int) -> tuple[int, int]:
    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[index].cue
        return cue.start_ms, cue.end_ms


def test_ctrl_q_right_after_typing_keeps_the_text(desk: Terminal, desk_project: Path) -> None:
    edit(desk)
    desk.type("Quit ")
    assert wait_for(lambda: "Quit Ca Mau" in desk.screen(), limit=10), desk.screen()
    desk.send("ctrl+q")  # at once: well inside the 300 ms the desk used to wait
    assert wait_for(desk.exited), desk.screen()
    assert desk.exit_status() == 0
    assert english(desk_project, 0).startswith("Quit Ca Mau")


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_the_terminal_going_away_keeps_the_text(
    desk: Terminal, desk_project: Path, how: str
) -> None:
    edit(desk)
    desk.type("Gone ")
    assert wait_for(lambda: "Gone Ca Mau" in desk.screen(), limit=10)
    os.kill(desk.pid(), getattr(signal, how))
    assert wait_for(desk.exited), desk.screen()
    assert english(desk_project, 0).startswith("Gone Ca Mau")


def test_frame_and_100_ms_nudges_move_the_times(desk: Terminal, desk_project: Path) -> None:
    start, end = times(desk_project, 1)
    desk.send("down")
    assert wait_for(lambda: "#2 0:03" in desk.screen(), limit=10), desk.screen()
    steps = [
        ("alt+right", (100, 0)),
        ("alt+left", (0, 0)),
        ("alt+shift+left", (0, -100)),
        ("alt+shift+right", (0, 0)),
        ("alt+l", (40, 0)),  # 25 fps: a frame is 40 ms
        ("alt+j", (0, 0)),
        ("alt+u", (0, -40)),
        ("alt+o", (0, 0)),
    ]
    for key, (ds, de) in steps:
        desk.send(key)
        want = (start + ds, end + de)
        ok = wait_for(lambda w=want: times(desk_project, 1) == w, limit=10)  # type: ignore[misc]
        assert ok, (key, times(desk_project, 0), times(desk_project, 1), want, desk.screen())


def test_clip_keys_work_with_the_grid_focused(desk: Terminal) -> None:
    desk.send("ctrl+pagedown")
    assert wait_for(lambda: "tap-02" in _header(desk), limit=10), desk.screen()
    desk.send("ctrl+pageup")
    assert wait_for(lambda: "tap-01" in _header(desk), limit=10), desk.screen()


def _header(term: Terminal) -> str:
    return "\n".join(term.screen().splitlines()[:4])


def test_status_and_step_keys_reach_the_database(desk: Terminal, desk_project: Path) -> None:
    def status(index: int) -> str:
        with open_project(desk_project) as store:
            tr = store.cue_rows("tap-01")[index].translations.get("en")
            return str(tr.status) if tr else ""

    desk.send("ctrl+down")
    assert wait_for(lambda: "#2 0:03" in desk.screen(), limit=10), desk.screen()
    desk.send("f8")
    # a cue with QC errors is approved only after the desk asks (and hears "y")
    wait_for(lambda: "QC error(s)?" in desk.screen() or status(1) == "approved", limit=10)
    if "QC error(s)?" in desk.screen():
        desk.send("y")
    assert wait_for(lambda: status(1) == "approved", limit=10), desk.screen()
    desk.send("f7")
    assert wait_for(lambda: status(1) == "reviewed", limit=10)
    desk.send("shift+f8")
    assert wait_for(lambda: status(1) == "draft", limit=10)
    desk.send("ctrl+z")
    assert wait_for(lambda: status(1) == "reviewed", limit=10)
    desk.send("ctrl+y")
    assert wait_for(lambda: status(1) == "draft", limit=10)
    desk.send("ctrl+up", "f8")
    wait_for(lambda: "QC error(s)?" in desk.screen() or status(0) == "approved", limit=10)
    if "QC error(s)?" in desk.screen():
        desk.send("y")
    assert wait_for(lambda: status(0) == "approved", limit=10), desk.screen()


def test_screen_and_view_keys_open_what_they_say(desk: Terminal) -> None:
    def top() -> str:
        return (desk.screen().splitlines() or [""])[0]

    for key, shows in [
        ("f6", "Quality checks"),
        ("ctrl+r", "Render"),
        ("f9", "Glossary"),
        ("ctrl+o", "Projects"),
    ]:
        desk.send(key)
        assert wait_for(lambda s=shows: s in top(), limit=15), (key, desk.screen())  # type: ignore[misc]
        desk.send("escape")
        assert wait_for(lambda: "episode" in top(), limit=15), (key, desk.screen())
    desk.send("f1")
    assert wait_for(lambda: "Keys (Esc closes)" in desk.screen(), limit=15), desk.screen()
    desk.send("escape")
    assert wait_for(lambda: "Keys (Esc closes)" not in desk.screen(), limit=15)
    desk.send("f4")
    assert wait_for(lambda: "filter: untranslated" in desk.screen(), limit=15), desk.screen()
    desk.send("ctrl+t")
    assert wait_for(lambda: "editing km" in desk.screen(), limit=15), desk.screen()


def test_split_and_merge_keys(desk: Terminal, desk_project: Path) -> None:
    def count() -> int:
        with open_project(desk_project) as store:
            return len(store.cue_rows("tap-01"))

    desk.send("alt+s")
    assert wait_for(lambda: count() == 7, limit=15), desk.screen()
    desk.send("alt+m")
    assert wait_for(lambda: count() == 6, limit=15), desk.screen()


def test_spelling_keys_in_a_real_terminal(desk_project: Path, isolated_dirs: Path) -> None:
    """With the spell checker on (its second process started by the real desk): the typed
    word is listed as misspelt, Alt+Shift+S offers a replacement, Alt+Shift+D adds a word."""
    env = {k: v for k, v in os.environ.items() if k.startswith("TTDN_")}
    env["TTDN_DESK_SPELLING"] = "on"
    ttdn = Path(sys.executable).with_name("ttdn")
    term = Terminal([str(ttdn), "tui", str(desk_project)], env, SIZE)
    try:
        assert wait_for(lambda: " Mark " in footer(term), limit=60), term.screen()
        edit(term)
        term.type("Khâu vastt ")  # at the start of the English text
        assert wait_for(lambda: "spelling: “Khâu”, “vastt”" in term.screen(), limit=120), (
            term.screen()
        )
        term.send("left", "alt+shift+s")  # the cursor at the end of "vastt"
        assert wait_for(lambda: "Replace “vastt” with" in term.screen(), limit=60), term.screen()
        term.send("enter")  # the first suggestion
        assert wait_for(lambda: "spelling: “Khâu”" in term.screen(), limit=30), term.screen()
        assert wait_for(lambda: "vastt" not in english(desk_project, 0), limit=10), term.screen()
        assert english(desk_project, 0).startswith("Khâu vast")  # "vast" or another suggestion
        term.send("home", "alt+shift+d")  # onto "Khâu"
        assert wait_for(lambda: "spelling:" not in term.screen(), limit=30), term.screen()
        with open_project(desk_project) as store:
            assert store.project.settings.get("spelling_words") == ["Khâu"]
        term.send("ctrl+q")
        assert wait_for(term.exited), term.screen()
    finally:
        term.close()


def test_alt_z_shows_the_wide_view_and_arrows_move_in_it(desk: Terminal) -> None:
    def lines_with(text: str) -> int:
        return sum(text in line for line in desk.screen().splitlines())

    # in the editor only: the grid cuts the English short
    assert wait_for(lambda: lines_with("Vietnam.") == 1, limit=15), desk.screen()
    desk.send("alt+z")
    assert wait_for(lambda: "▶#1" in desk.screen(), limit=15), desk.screen()
    assert lines_with("Vietnam.") == 2, desk.screen()  # the whole text in the wide view too
    desk.send("down")
    assert wait_for(lambda: "▶#2" in desk.screen(), limit=15), desk.screen()
    desk.send("alt+z")
    assert wait_for(lambda: "▶#2" not in desk.screen() and " Mark " in footer(desk), limit=15)


def test_alt_shift_v_attaches_a_video(desk: Terminal, desk_project: Path, tmp_path: Path) -> None:
    from clips import lavfi_clip

    video = lavfi_clip(tmp_path / "final-cut.mp4", 2.0, size="160x90")
    desk.send("alt+shift+v")
    assert wait_for(lambda: "Video of tap-01" in desk.screen(), limit=15), desk.screen()
    desk.type(str(video))
    desk.send("enter")

    def stored() -> str | None:
        with open_project(desk_project) as store:
            return store.clip("tap-01").video

    assert wait_for(lambda: stored() == str(video.resolve()), limit=30), desk.screen()
    assert wait_for(lambda: "Video of tap-01" not in desk.screen(), limit=15), desk.screen()


def test_notes_history_and_review_keys_open_what_they_say(
    desk: Terminal, desk_project: Path
) -> None:
    from ttdn_studio.services.reviewing import note_rows

    def notes() -> list[str]:
        with open_project(desk_project) as store:
            return [str(r["note text"]) for r in note_rows(store)]

    desk.send("alt+shift+n")
    assert wait_for(lambda: "Notes on tap-01 #1" in desk.screen(), limit=15), desk.screen()
    desk.type("Kiểm tra tên riêng")
    desk.send("enter")
    assert wait_for(lambda: notes() == ["Kiểm tra tên riêng"], limit=15), desk.screen()
    desk.send("escape")
    assert wait_for(lambda: "Notes on" not in desk.screen() and "1✉" in desk.screen(), limit=15)
    desk.send("alt+shift+h")
    assert wait_for(lambda: "History of tap-01 #1" in desk.screen(), limit=15), desk.screen()
    desk.send("escape")
    assert wait_for(lambda: "History of" not in desk.screen(), limit=15), desk.screen()
    desk.send("alt+shift+r")
    assert wait_for(lambda: "changed since" in desk.screen(), limit=15), desk.screen()
    desk.send("escape")
    assert wait_for(lambda: " Mark " in footer(desk), limit=15), desk.screen()


def test_alt_shift_g_opens_the_gate_panel(desk: Terminal) -> None:
    def top() -> str:
        return (desk.screen().splitlines() or [""])[0]

    desk.send("alt+shift+g")
    assert wait_for(lambda: "Gate · tap-01" in top(), limit=15), desk.screen()
    assert wait_for(lambda: "en: nothing open, not cleared" in desk.screen(), limit=15)
    desk.send("escape")
    assert wait_for(lambda: "episode" in top(), limit=15), desk.screen()


def test_alt_shift_t_opens_the_models_screen_from_the_episode_and_the_projects(
    desk: Terminal,
) -> None:
    from fixture_models import VI_EN

    def top() -> str:
        return (desk.screen().splitlines() or [""])[0]

    desk.send("alt+shift+t")
    assert wait_for(lambda: "Translation models in" in desk.screen(), limit=15), desk.screen()
    assert wait_for(lambda: "cannot translate yet" in desk.screen(), limit=15), desk.screen()
    assert wait_for(lambda: "del Remove" in footer(desk), limit=15), desk.screen()  # the list
    desk.send("tab")  # to the path field (its own Delete key takes over)
    assert wait_for(lambda: "del Remove" not in footer(desk), limit=15), desk.screen()
    desk.type(str(VI_EN))
    assert wait_for(lambda: VI_EN.name in desk.screen(), limit=15), desk.screen()
    desk.send("enter")
    assert wait_for(lambda: "vi → en" in desk.screen(), limit=60), desk.screen()
    assert wait_for(lambda: "The desk translates: vi→en" in desk.screen(), limit=15)
    desk.send("escape")
    assert wait_for(lambda: " Mark " in footer(desk), limit=15), desk.screen()
    desk.send("ctrl+o")
    assert wait_for(lambda: "Projects" in top(), limit=15), desk.screen()
    desk.send("alt+shift+t")
    assert wait_for(lambda: "Translation models in" in desk.screen(), limit=15), desk.screen()
    assert wait_for(lambda: "translate-vi_en-fixture" in desk.screen(), limit=15)
    desk.send("escape")
    assert wait_for(lambda: "Projects in" in desk.screen(), limit=15), desk.screen()


def test_alt_letter_keys_act_from_the_editor_and_type_nothing(
    desk: Terminal, desk_project: Path
) -> None:
    """A terminal sends Alt+V as ESC v: the editor took the "v" as typing (and saved it)."""
    before = english(desk_project, 0)
    edit(desk)
    desk.send("alt+c")  # only the language being edited: the km column goes
    assert wait_for(lambda: " km " not in desk.screen().splitlines()[2], limit=10), desk.screen()
    desk.send("alt+c")
    assert wait_for(lambda: " km " in desk.screen().splitlines()[2], limit=10), desk.screen()
    desk.send("alt+i")
    assert wait_for(lambda: "Import a file" in desk.screen(), limit=10), desk.screen()
    desk.send("escape")
    assert wait_for(lambda: "Import a file" not in desk.screen(), limit=10), desk.screen()
    for key in ("alt+a", "alt+a", "alt+w", "alt+v"):
        desk.send(key)
        wait_for(lambda: english(desk_project, 0) != before, limit=1)
        assert english(desk_project, 0) == before, (key, desk.screen())
    assert english(desk_project, 0) == before


def test_the_missing_term_is_readable_under_the_editor_at_120x40(desk: Terminal) -> None:
    """The live line sat in one row under the editor (about 50 cells at 120x40): a
    translation lacking a required term showed "missing" and nothing of the term."""
    desk.send("down", "down", "down", "down")  # #5 Chợ nổi Cà Mau …: no English yet
    assert wait_for(lambda: "#5 0:12" in desk.screen(), limit=10), desk.screen()
    edit(desk)
    desk.type("The floating market opens early in the morning")

    def live() -> str:  # the rows under the English box, in its columns
        lines = desk.screen().splitlines()[:-1]  # not the footer
        top = next((i for i, line in enumerate(lines) if "╭─ English (en)" in line), None)
        if top is None:
            return ""
        left = lines[top].index("╭─ English (en)")
        right = lines[top].index("╮", left) + 1
        bottom = next(i for i in range(top + 1, len(lines)) if lines[i][left : left + 1] == "╰")
        return " ".join(" ".join(line[left:right] for line in lines[bottom + 1 :]).split())

    assert wait_for(lambda: "missing term: Ca Mau" in live(), limit=10), (live(), desk.screen())
