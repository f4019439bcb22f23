"""The render screen: boxes that look chosen or not in a real terminal, left-out cues in
plain words, and approved text with QC errors listed before anything is burned."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from desk_fixtures import build_project, settle, wait_until
from textual.widgets import DataTable
from tmux_desk import Terminal, wait_for

from ttdn_studio.models import Status
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.render_warning import RenderWarningDialog
from ttdn_studio.tui.screens.render import RenderScreen, burn_problems, left_out_line

SIZE = (120, 40)


def approve(project: Path, items: list[tuple[int, str, str]]) -> None:
    """Set ``(cue index, lang, text)`` translations of tap-01 as approved."""
    with open_project(project) as store:
        rows = store.cue_rows("tap-01")
        store.set_translations(
            [(rows[i].cue.id, lang, text) for i, lang, text in items],
            status=Status.APPROVED,
            origin="human",
        )


@pytest.fixture
def flawed(tmp_path: Path) -> Path:
    """Approved English with a forbidden variant (#2); an approved clean cue (#1)."""
    build_project(tmp_path / "episode").close()
    project = tmp_path / "episode"
    approve(
        project,
        [
            (0, "en", "Ca Mau, the far south."),
            (1, "en", "Camau Cape has vast mangrove forests."),
        ],
    )
    return project


def test_left_out_cues_are_said_in_plain_words() -> None:
    assert left_out_line("km", 1, Status.APPROVED) == "km: 1 cue not approved will be left out"
    assert (
        left_out_line("en", 3, Status.REVIEWED)
        == "en: 3 cues not reviewed or approved will be left out"
    )
    assert left_out_line("km", 2, Status.MT, done=True) == (
        "km: 2 cues without a translation were left out"
    )


def test_burn_problems_lists_only_what_is_burned(flawed: Path) -> None:
    with open_project(flawed) as store:
        findings, left_out = burn_problems(store, ["tap-01"], ["en"], Status.APPROVED)
        assert {(f.index, f.lang, f.check) for f in findings} == {(2, "en", "glossary")}
        assert left_out == {"en": 4}  # six cues, two approved
        # drafts too: the machine drafts' problems count as well, nothing is left out
        more, left = burn_problems(store, ["tap-01"], ["en"], Status.MT)
        assert len(more) >= len(findings) and left == {"en": 2}  # two cues have no English


async def test_approved_cues_with_qc_errors_are_listed_before_the_render(flawed: Path) -> None:
    app = TtdnApp(flawed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RenderScreen))
        render = app.screen
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RenderWarningDialog))
        table = app.screen.query_one("#rw-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows and rows[0][:4] == ["tap-01", "#2", "en", "glossary"]
        notes = str(app.screen.query_one("#rw-notes").render())
        assert "en: 4 cues not approved will be left out" in notes
        await pilot.press("escape")  # cancel: nothing is queued
        assert await wait_until(pilot, lambda: app.screen is render)
        await settle(pilot)
        assert render.last_outcome is None  # type: ignore[attr-defined]
        assert render.query_one("#queue-empty").display
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RenderWarningDialog))
        await pilot.click("#render")  # render anyway
        assert await wait_until(pilot, lambda: render.last_outcome is not None)  # type: ignore[attr-defined]
        assert not render.query_one("#queue-empty").display


async def test_a_clean_render_starts_without_asking(tmp_path: Path) -> None:
    build_project(tmp_path / "episode").close()
    approve(tmp_path / "episode", [(0, "en", "Ca Mau, the far south.")])
    app = TtdnApp(tmp_path / "episode")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RenderScreen))
        render = app.screen
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: render.last_outcome is not None)  # type: ignore[attr-defined]
        assert app.screen is render


def test_chosen_and_unchosen_boxes_differ_in_tmux(tmp_path: Path, isolated_dirs: Path) -> None:
    build_project(tmp_path / "episode", clips=("tap-01", "tap-02")).close()
    env = {k: v for k, v in os.environ.items() if k.startswith("TTDN_")}
    ttdn = Path(sys.executable).with_name("ttdn")
    term = Terminal([str(ttdn), "tui", str(tmp_path / "episode")], env, SIZE)
    try:
        assert wait_for(lambda: " Mark " in term.screen(), limit=60), term.screen()
        term.send("ctrl+r")
        assert wait_for(lambda: "Queue render" in term.screen(), limit=20), term.screen()
        lines = term.screen().splitlines()

        def box(label: str) -> str:
            line = next(ln for ln in lines if f" {label} " in ln or ln.rstrip().endswith(label))
            start = line.index("▐")
            return line[start : start + 3]

        assert box("tap-01") == "▐✓▌"  # the clip being edited is chosen
        assert box("tap-02") == "▐ ▌"
        assert box("en") == "▐✓▌" and box("km") == "▐ ▌" and box("vi") == "▐ ▌"
        assert box("one language per render") == "▐●▌"
        assert box("stacked: first over second") == "▐ ▌"
        assert box("proof (PROOF watermark)") == "▐ ▌"  # not ticked: no "X" either
    finally:
        term.close()
