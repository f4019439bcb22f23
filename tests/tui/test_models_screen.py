"""The Models screen (Alt+Shift+T): list, install from a file, remove; and F5 after an install.

Real fixture packages (tests/fixtures/models) installed into the test's own data folder.
"""

from __future__ import annotations

import fcntl
import zipfile
from pathlib import Path

import pytest
from desk_fixtures import episode, settle, wait_until
from fixture_models import VI_EN
from textual.widgets import DataTable, Static

from ttdn_studio.models import Status
from ttdn_studio.store import open_project
from ttdn_studio.translate.argos import packages_dir, scan_packages
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs import ChoiceDialog, ConfirmDialog
from ttdn_studio.tui.screens.models import ModelsScreen
from ttdn_studio.tui.screens.projects import ProjectsScreen

SIZE = (130, 40)


async def open_models(pilot) -> ModelsScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("alt+shift+t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ModelsScreen)
    return screen


def rows(screen: ModelsScreen) -> list[str]:
    table = screen.query_one("#m-table", DataTable)
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def pairs(screen: ModelsScreen) -> str:
    return str(screen.query_one("#m-pairs", Static).render())


def errors(app: TtdnApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


def said(app: TtdnApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def package_folders() -> list[str]:
    return sorted(p.name for p in packages_dir().iterdir())


async def install_through_the_screen(pilot, screen: ModelsScreen, path: Path) -> None:  # type: ignore[no-untyped-def]
    screen.path.input.focus()
    await pilot.pause()
    screen.path.input.value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    assert await wait_until(pilot, lambda: screen.installing is None, limit=60)
    await settle(pilot)


async def test_the_list_shows_packages_damaged_folders_the_multilingual_model_and_pairs(
    argos_models: Path, multilingual_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_CT2_MODEL", str(multilingual_model))
    (argos_models / "half-copied").mkdir()
    (argos_models / "half-copied" / "model.bin").write_bytes(b"\x00" * 16)
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProjectsScreen)
        screen = await open_models(pilot)
        listed = rows(screen)
        assert listed[0] == "Argos | en → km | translate-en_km-fixture | 0.1 | installed"
        assert listed[1] == "Argos | vi → en | translate-vi_en-fixture | 0.1 | installed"
        assert listed[2] == "Argos | — | half-copied | — | damaged: no metadata.json"
        assert listed[3].startswith("multilingual | ") and "configured (nllb)" in listed[3]
        assert str(multilingual_model) in listed[3]
        line = pairs(screen)
        assert "en→km · vi→en · vi→km (through en)" in line
        assert "(multilingual model)" in line
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)


async def test_nothing_installed_says_the_desk_cannot_translate_yet() -> None:
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_models(pilot)
        assert rows(screen) == []
        assert pairs(screen) == "The desk cannot translate yet: install a package file below."


async def test_installing_the_fixture_file_through_the_screen_lists_it() -> None:
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_models(pilot)
        await install_through_the_screen(pilot, screen, VI_EN)
        assert rows(screen) == ["Argos | vi → en | translate-vi_en-fixture | 0.1 | installed"]
        assert pairs(screen) == "The desk translates: vi→en"
        assert "Installed vi→en (translate-vi_en-fixture)" in said(app)
        assert not errors(app)
        assert screen.path.value == ""  # ready for the next file
        assert not screen.path.input.disabled
    assert [p.pair for p in scan_packages()[0]] == [("vi", "en")]


async def test_remove_asks_first_and_then_the_package_is_gone(argos_models: Path) -> None:
    (argos_models / "half-copied").mkdir()
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_models(pilot)
        await pilot.press("down")  # vi → en (en → km is first)
        await pilot.press("delete")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question._title == "Remove the vi→en package?"
        assert "no longer translate vi→en, vi→km" in question._message
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ModelsScreen)
        assert "translate-vi_en-fixture" in package_folders()

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert await wait_until(pilot, lambda: len(rows(screen)) == 2)
        assert "translate-vi_en-fixture" not in package_folders()
        assert rows(screen)[0].startswith("Argos | en → km")
        assert pairs(screen) == "The desk translates: en→km"
        assert "Removed the vi→en package (translate-vi_en-fixture)" in said(app)

        await pilot.press("down", "delete")  # the damaged folder
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen._title == "Remove the damaged folder half-copied?"
        await pilot.press("y")
        await settle(pilot)
        assert await wait_until(pilot, lambda: len(rows(screen)) == 1)
    assert package_folders() == [".lock", "translate-en_km-fixture"]


def not_a_zip(tmp_path: Path) -> Path:
    path = tmp_path / "notes.argosmodel"
    path.write_text("Cà Mau - Đất và người\n", encoding="utf-8")
    return path


def unsafe_archive(tmp_path: Path) -> Path:
    """The vi→en package with one more entry that would land outside the packages folder."""
    path = tmp_path / "unsafe.argosmodel"
    with zipfile.ZipFile(VI_EN) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("translate-vi_en-fixture/../../escaped.txt", "out")
    return path


def zip_without_a_package(tmp_path: Path) -> Path:
    path = tmp_path / "photos.argosmodel"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photos/cape.txt", "Mũi Cà Mau")
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda tmp: tmp / "missing.argosmodel", "missing.argosmodel: no such file"),
        (not_a_zip, "notes.argosmodel: not an Argos package (not a zip archive)"),
        (zip_without_a_package, "photos.argosmodel: not an Argos package: no photos/metadata.json"),
        (unsafe_archive, "unsafe.argosmodel: refusing to install: entry"),
    ],
    ids=["missing", "not-a-zip", "not-a-package", "unsafe"],
)
async def test_a_bad_file_gives_one_clear_notification_and_installs_nothing(
    only_vi_en: Path, tmp_path: Path, make, says: str
) -> None:  # type: ignore[no-untyped-def]
    before = package_folders()
    bad = make(tmp_path)
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_models(pilot)
        listed = rows(screen)
        await install_through_the_screen(pilot, screen, bad)
        (error,) = errors(app)
        assert says in error and error.endswith("Nothing was installed or changed.")
        assert "Traceback" not in error
        assert rows(screen) == listed
        assert screen.path.value == str(bad)  # kept, to be corrected
        assert not screen.path.input.disabled
    assert package_folders() == before


async def test_after_installing_on_the_models_screen_f5_translates(project: Path) -> None:
    """The missing-model message names the desk's way; that way works; F5 then drafts."""
    with open_project(project) as store:
        empty = [r.cue.id for r in store.cue_rows("tap-01") if not r.translations.get("en")]
    assert empty

    async def draft_empty_cues(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # every empty cue of the clip
        await settle(pilot)

    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await draft_empty_cues(pilot)
        (error,) = errors(app)
        assert "no translation model installed for vi→en" in error
        assert "Models screen: Alt+Shift+T" in error and "ttdn models" not in error

        screen = await open_models(pilot)
        await install_through_the_screen(pilot, screen, VI_EN)
        await pilot.press("escape")
        await settle(pilot)
        episode(app)
        app._notifications.clear()
        await draft_empty_cues(pilot)
        assert await wait_until(pilot, lambda: any("Machine draft:" in s for s in said(app)))
        assert not errors(app)
    with open_project(project) as store:
        for cue_id in empty:
            tr = store.translation(cue_id, "en")
            assert tr.text.strip() and tr.status == Status.MT


async def test_while_installing_the_screen_says_so_and_stays() -> None:
    """Another install holds the packages folder (``ttdn models install`` in a terminal):
    this one waits for it, the screen says it is installing and Esc does not leave."""
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_models(pilot)
        with (packages_dir() / ".lock").open("a+b") as other:
            fcntl.flock(other.fileno(), fcntl.LOCK_EX)
            screen.path.input.focus()
            screen.path.input.value = str(VI_EN)
            await pilot.press("enter")
            await pilot.pause()
            state = str(screen.query_one("#m-state", Static).render())
            assert state.startswith(f"Installing {VI_EN.name}…")
            assert screen.path.input.disabled
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            assert any(f"Still installing {VI_EN.name}" in s for s in said(app))
            assert rows(screen) == []
            fcntl.flock(other.fileno(), fcntl.LOCK_UN)
        assert await wait_until(pilot, lambda: screen.installing is None, limit=60)
        await settle(pilot)
        assert rows(screen) == ["Argos | vi → en | translate-vi_en-fixture | 0.1 | installed"]
        assert str(screen.query_one("#m-state", Static).render()) == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)


def test_alt_shift_t_means_models_wherever_it_is_bound() -> None:
    from ttdn_studio.tui.keys import desk_sections

    bound = set()
    for title, key_rows in desk_sections():
        names = [k.strip() for row in key_rows for k in row.key.split(",")]
        assert len(names) == len(set(names)), f"a key bound twice on {title}"
        bound |= {(title, r.action) for r in key_rows if "alt+shift+t" in r.key.split(",")}
    assert bound == {("Episode", "open_models"), ("Projects", "models")}


async def test_alt_shift_t_in_the_cue_editor_opens_the_models_and_types_nothing(
    project: Path,
) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("enter")  # into the editor
        await pilot.pause()
        assert desk.editor.target.has_focus
        before = desk.editor.target.text
        await open_models(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert episode(app).editor.target.text == before


def test_the_removal_question_names_only_pairs_nothing_else_translates(
    argos_models: Path, multilingual_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio.tui.screens.models import lost_pairs, read_overview

    def vi_en_lost() -> list[str]:
        overview = read_overview()
        (vi_en,) = [p for p in overview.packages if p.pair == ("vi", "en")]
        return lost_pairs(overview, vi_en)

    assert vi_en_lost() == ["vi→en", "vi→km"]
    monkeypatch.setenv("TTDN_CT2_MODEL", str(multilingual_model))  # knows vi, en and km
    assert vi_en_lost() == []


async def test_the_missing_model_message_names_a_remapped_key(project: Path) -> None:
    """A desk whose Models key is remapped in config.toml names that key, not the default."""
    from ttdn_studio import locations

    locations.config_file().parent.mkdir(parents=True, exist_ok=True)
    locations.config_file().write_text('[keys]\n"episode.models" = "ctrl+b"\n', encoding="utf-8")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        (error,) = errors(app)
        assert "Models screen: Ctrl+B" in error and "Alt+Shift+T" not in error
        await pilot.press("ctrl+b")  # and that key opens it
        assert await wait_until(pilot, lambda: isinstance(app.screen, ModelsScreen))


def test_messages_name_remapped_keys_whole() -> None:
    from ttdn_studio.tui.keys import in_users_keys

    text = "the Models screen: Alt+Shift+T; help F1, not F10; press a or Enter"
    keymap = {"episode.models": "ctrl+b", "app.help": "f2,question_mark"}
    assert in_users_keys(text, keymap) == (
        "the Models screen: Ctrl+B; help F2 / ?, not F10; press a or Enter"
    )
    assert in_users_keys(text, {}) == text
    assert in_users_keys(text, {"episode.models": "alt+shift+t"}) == text  # not remapped
