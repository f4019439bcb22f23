"""The glossary's add dialog keeps what is typed, and asks before overriding a layer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desk_fixtures import settle, wait_until
from textual.widgets import DataTable, Input
from tmux_desk import Terminal, wait_for

from ttdn_studio.glossary import load_glossary, project_glossary_file
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.dialogs.glossary_entry import GlossaryEntryDialog
from ttdn_studio.tui.screens.glossary import GlossaryScreen

SIZE = (120, 40)
LETTERS = "abcdefghijklmnopqrstuvwxyz?"


async def open_dialog(pilot) -> GlossaryEntryDialog:  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    await pilot.press("f9")
    assert await wait_until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
    await pilot.press("ctrl+n")
    assert await wait_until(pilot, lambda: isinstance(app.screen, GlossaryEntryDialog))
    return app.screen  # type: ignore[no-any-return]


def field(dialog: GlossaryEntryDialog, name: str) -> str:
    return dialog.query_one(f"#f-{name}", Input).value


async def test_typing_any_letter_in_any_field_keeps_the_dialog(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        for name in ("vi", "en", "km", "domain", "note", "forbidden"):
            dialog.query_one(f"#f-{name}", Input).focus()
            await pilot.press(*LETTERS)
            assert app.screen is dialog, name
            assert field(dialog, name).endswith(LETTERS), name


async def test_enter_with_a_wrong_domain_keeps_the_dialog_and_the_entry(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press(*"Chợ nổi Năm Căn", "enter", *"Nam Can floating market", "enter")
        await pilot.press("enter", *"placex", "enter", "enter", "enter")  # no such domain; save
        await pilot.pause()
        assert app.screen is dialog
        assert field(dialog, "vi") == "Chợ nổi Năm Căn"
        assert field(dialog, "en") == "Nam Can floating market"
        assert "unknown domain 'placex'" in str(dialog.query_one("#gentry-error").render())
        # Enter moved from field to field; the last one saves once the domain is right
        dialog.query_one("#f-domain", Input).value = "place"
        dialog.query_one("#f-forbidden", Input).focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
    entry = load_glossary(project).lookup("Chợ nổi Năm Căn")
    assert entry is not None and entry.en == "Nam Can floating market" and entry.domain == "place"


async def test_the_domain_field_suggests_the_known_domains(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#f-domain", Input).focus()
        await pilot.press("p", "r", "o", "g", "right")  # Right takes the suggestion
        await pilot.pause()
        assert field(dialog, "domain") == "programme"


async def test_saving_a_curated_term_asks_naming_the_layer(project: Path) -> None:
    curated = load_glossary(project).lookup("Cà Mau")
    assert curated is not None and load_glossary(project).layer_of(curated) == "bundled"
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#f-vi", Input).value = "Cà Mau"
        dialog.query_one("#f-en", Input).value = "Camau"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "curated" in question and "Ca Mau" in question
        await pilot.press("escape")  # no: back in the dialog, nothing written
        assert await wait_until(pilot, lambda: app.screen is dialog)
        assert field(dialog, "en") == "Camau"
        assert not project_glossary_file(project).exists()
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
        await settle(pilot)
        table = app.screen.query_one("#g-table", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        layers = {str(r[0]): str(r[-1]) for r in rows}
        assert layers["Cà Mau"] == "project"
        assert layers["Mũi Cà Mau"] == "curated"
    entry = load_glossary(project).lookup("Cà Mau")
    assert entry is not None and entry.en == "Camau"


async def test_a_new_term_saves_without_asking(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#f-vi", Input).value = "Cống Đá"
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
    assert load_glossary(project).lookup("Cống Đá") is not None


def test_typing_letters_in_the_dialog_in_tmux(project: Path, isolated_dirs: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k.startswith("TTDN_")}
    ttdn = Path(sys.executable).with_name("ttdn")
    term = Terminal([str(ttdn), "tui", str(project)], env, SIZE)
    try:
        assert wait_for(lambda: " Mark " in term.screen(), limit=60), term.screen()
        term.send("f9")
        assert wait_for(lambda: "Add term" in term.screen(), limit=20), term.screen()
        term.send("ctrl+n")
        assert wait_for(lambda: "New term" in term.screen(), limit=20), term.screen()
        term.type("Rạch Gốc")
        term.send("enter")  # to the English field
        term.type("Rach Goc")
        term.send("enter", "enter")  # past Khmer, into the domain
        term.type("placeqwertyuiopasdfghjklzxcvbnm")
        assert wait_for(lambda: "placeqwertyuiopasdfghjklzxcvbnm" in term.screen(), limit=10)
        term.send("enter", "enter", "enter")  # to the note, the forbidden variants, save
        assert wait_for(lambda: "unknown domain" in term.screen(), limit=10), term.screen()
        screen = term.screen()
        assert "New term" in screen and "Rạch Gốc" in screen and "Rach Goc" in screen
    finally:
        term.close()
