"""The desk speaks the desk's language: an error that names a command-line option in the
CLI names the desk's control in the desk (the CLI's wording is unchanged)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from desk_fixtures import episode, open_import_dialog, settle, wait_until

from ttdn_studio.cli import cli
from ttdn_studio.errors import TtdnError
from ttdn_studio.services.editorial import GateError, check_air, set_role
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.files import NEW_CLIP

SRT = "1\n00:00:00,000 --> 00:00:02,000\nChào buổi sáng Cà Mau.\n"
SIZE = (120, 40)


def test_an_error_keeps_its_cli_words_and_carries_the_desks() -> None:
    error = TtdnError("name the clip with --clip", file="a.srt", line=3, desk="name the clip")
    assert str(error) == "a.srt, line 3: name the clip with --clip"
    assert error.in_desk() == "a.srt, line 3: name the clip"
    plain = TtdnError("the file is empty", file="a.srt")
    assert plain.in_desk() == str(plain)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (SRT.encode(), "con.srt"),  # a clip cannot be named after this file
        (SRT.encode() + b"\n2\n00:00:03,000 --> 00:00:04,000\n\x81\x8d\x8f\x90\x9d\n", "x.srt"),
    ],
)
def test_import_errors_name_the_dialogs_fields_in_the_desk(
    project: Path, tmp_path: Path, content: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with open_project(project) as store, pytest.raises(TtdnError) as caught:
        import_file(store, path)
    assert "--" in str(caught.value)  # the CLI's words name its options
    assert "--" not in caught.value.in_desk()
    result = CliRunner().invoke(cli, ["import", str(project), str(path)])
    assert result.exit_code == 1 and "--" in result.stderr


def test_the_air_gate_names_the_gate_in_the_desk(project: Path) -> None:
    with open_project(project) as store:
        set_role(store, store.author, "editor")
        with pytest.raises(GateError) as caught:
            check_air(store, store.clips(), ["en"])
    assert "(ttdn clear), or render with --proof" in str(caught.value)
    assert "(the clip's gate, Alt+Shift+G, then C), or render as a proof" in caught.value.in_desk()


async def test_the_import_dialog_says_which_field_to_change(project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "con.srt"
    bad.write_text(SRT, encoding="utf-8")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        dialog = await open_import_dialog(pilot)
        dialog.clip_choice.value = NEW_CLIP
        dialog.lang_choice.value = "vi"
        dialog.file.input.value = str(bad)
        await settle(pilot)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: "Nothing was changed" in str(dialog.error.content))
        said = str(dialog.error.content)
        assert "type another name for the new clip under “Into clip”" in said
        assert "--clip" not in said


async def test_a_glossary_term_without_a_form_in_the_language_says_so(project: Path) -> None:
    """Editing Khmer, the panel showed “Cà Mau - Đất và người → ” and then nothing."""
    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[0].cue
        store.edit_source(cue.id, "Cà Mau - Đất và người", cue.version)
    app = TtdnApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")  # Khmer: the glossary has no Khmer series title
        await settle(pilot)
        desk = episode(app)

        def shown() -> str:
            return str(desk.query_one("#glossary-hits").render())

        assert await wait_until(pilot, lambda: "Land and People" not in shown(), limit=30)
        line = next(x for x in shown().splitlines() if "Đất và người" in x)
        assert not line.rstrip().endswith("→"), shown()
        assert "no km form in the glossary" in shown()
