"""Alt+G types a glossary term (or a memory suggestion) in at the editor's cursor."""

from __future__ import annotations

from pathlib import Path

from desk_fixtures import episode, settle, wait_until

from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs import ChoiceDialog


async def test_alt_g_inserts_the_chosen_glossary_term_at_the_cursor(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down", "down", "down", "down")  # #5 "Chợ nổi Cà Mau …", no English
        cue_id = screen.grid.current_id
        assert cue_id is not None

        def looked_up() -> bool:
            last = screen.assist.last
            return last is not None and last.cue_id == cue_id and bool(last.hits)

        assert await wait_until(pilot, looked_up)
        choices = screen.assist.insertable(cue_id, "en")
        assert choices == [
            ("Ca Mau floating market", "Glossary: Chợ nổi Cà Mau → Ca Mau floating market")
        ]
        term = choices[0][0]
        await pilot.press("enter", *"The ")
        await pilot.press("alt+g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice
        await settle(pilot)
        assert app.screen is screen
        assert screen.editor.target.text == f"The {term}"
        screen.editor.flush()
        with open_project(project) as store:
            assert store.translation(cue_id, "en").text == f"The {term}"
