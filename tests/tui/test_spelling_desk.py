"""Spell checking in the desk's editor: underlines, suggestions on request, adding words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from desk_fixtures import episode, settle, wait_until

from ttdn_studio.qc.spelling import SETTING
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs import ChoiceDialog

pytestmark = pytest.mark.slow

TYPED = "Ca Mau Cape has vast mangrov forests and Khâu"  # "mangrov" misspelt; Khâu a name


@pytest.fixture(autouse=True)
def desk_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTDN_DESK_SPELLING", "on")


async def test_the_checker_starts_only_once_the_desk_is_usable(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio.tui.spelling import DeskSpelling

    seen: list[bool] = []
    load = DeskSpelling._load

    def recording_load(self: DeskSpelling) -> None:
        seen.append(self.screen.editor.editing is not None and self.screen.grid.row_count > 0)
        load(self)

    monkeypatch.setattr(DeskSpelling, "_load", recording_load)
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = episode(app)
        await pilot.press("enter", "end", *" xyzzq")  # typing works whatever the checker does
        assert screen.editor.target.text.endswith(" xyzzq")

        def ready() -> bool:
            return screen.spelling.speller is not None and screen.spelling.speller.ready

        assert await wait_until(pilot, ready, limit=90)
        assert seen == [True]  # started once, with the rows shown and the editor ready
        assert await wait_until(pilot, lambda: "xyzzq" in screen.editor.misspelt, limit=30)
    assert screen.spelling.speller is not None and screen.spelling.speller.closed


async def test_misspelt_words_are_underlined_fixed_on_request_and_added(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        editor = screen.editor
        await pilot.press("down")  # #2, English "Ca Mau Cape has vast mangrove forests."
        await pilot.press("enter")
        editor.target.load_text("")
        await pilot.press(*TYPED)
        assert await wait_until(pilot, lambda: editor.misspelt == ["mangrov", "Khâu"], limit=90)
        # underlined in the text, listed on the live line
        assert editor.target.underlined() == [(21, 28), (TYPED.index("Khâu"), len(TYPED))]
        note = editor.target.border_subtitle
        assert "spelling:" in note and "“mangrov”, “Khâu”" in note and "Alt+Shift+S" in note
        strip = editor.target.render_line(0)
        underlined = "".join(seg.text for seg in strip if seg.style and seg.style.underline)
        assert "mangrov" in underlined and "Cape" not in underlined
        # Alt+Shift+S on a correct word: nothing to suggest
        editor.target.cursor_location = (0, 2)
        await pilot.press("alt+shift+s")
        await pilot.pause()
        assert app.screen is screen
        # on the misspelt word: suggestions, the chosen one replaces it
        editor.target.cursor_location = (0, 23)
        await pilot.press("alt+shift+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), limit=30)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        labels = [label for _, label in dialog._choices]
        assert "mangrove" in labels
        assert editor.target.text == TYPED  # nothing changed before a choice
        await pilot.press(*["down"] * labels.index("mangrove"), "enter")
        await pilot.pause()
        assert editor.target.text == TYPED.replace("mangrov ", "mangrove ")
        assert await wait_until(pilot, lambda: editor.misspelt == ["Khâu"], limit=30)
        editor.flush()
        cue_id = editor.editing.cue_id if editor.editing else 0
        with open_project(project) as store:
            assert store.translation(cue_id, "en").text == editor.target.text
        # Alt+Shift+D: the name goes into the project's word list, as `ttdn spell add`
        editor.target.cursor_location = (0, len(TYPED))
        await pilot.press("alt+shift+d")
        assert await wait_until(pilot, lambda: editor.misspelt == [], limit=30)
        assert editor.target.underlined() == [] and editor.target.border_subtitle == ""
        with open_project(project) as store:
            assert store.project.settings[SETTING] == ["Khâu"]
        await pilot.press("escape", "ctrl+z")  # one undo takes the word back
        await settle(pilot)
        with open_project(project) as store:
            assert store.project.settings.get(SETTING) in (None, [])
        assert await wait_until(pilot, lambda: editor.misspelt == ["Khâu"], limit=30)


async def test_turned_off_the_keys_say_so_and_nothing_starts(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_DESK_SPELLING", "off")
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        assert screen.spelling.speller is None
        await pilot.press("enter", "alt+shift+s")
        await pilot.pause()
        assert app.screen is screen
        assert any("TTDN_DESK_SPELLING=off" in n.message for n in app._notifications)


async def test_checks_asked_while_loading_only_the_newest_runs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio.services.spelling import DeskSpeller

    asked: list[str] = []
    unknown = DeskSpeller.unknown

    def recording(self: DeskSpeller, path: Path, project: object, row: Any, lang: str) -> list[str]:
        asked.append(row.translations[lang].text)
        return unknown(self, path, project, row, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(DeskSpeller, "unknown", recording)
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = episode(app)
        assert await wait_until(pilot, lambda: screen.spelling.speller is not None, limit=30)
        speller = screen.spelling.speller
        assert speller is not None and not speller.ready  # loading takes seconds
        cue_id = screen.editor.editing.cue_id if screen.editor.editing else 0
        texts = [f"Honey zzq{c}" for c in "abcde"]
        for text in texts:  # as after pauses in typing: each check's thread is waiting
            screen.spelling.check(cue_id, "en", text)
            await pilot.pause(0.2)
        assert not speller.ready
        assert await wait_until(pilot, lambda: texts[-1] in asked, limit=90)
        await settle(pilot)
        assert not set(texts[:-1]) & set(asked)  # the older ones never reached the checker


async def test_the_qc_screen_names_the_desk_key_that_accepts_a_word(project: Path) -> None:
    """The QC screen said "(ttdn spell add to accept)": a command line inside the desk."""
    with open_project(project) as store:
        row = store.cue_rows("tap-01")[1]
        store.set_translations([(row.cue.id, "en", TYPED)], status="draft", origin="human")
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        qc: Any = app.screen
        found = [i for i, f in enumerate(qc.outcome.findings) if f.check == "spelling"]
        assert found, qc.outcome.findings
        table = qc.query_one("#findings")
        table.move_cursor(row=table.get_row_index(str(found[0])))
        await pilot.pause()
        detail = str(qc.query_one("#qc-detail").render())
        assert "mangrov" in detail
        assert "Alt+Shift+D on the word in the editor accepts it" in detail
        assert "ttdn spell" not in detail
        assert "ttdn spell" not in str(table.get_row_at(table.get_row_index(str(found[0])))[-1])
