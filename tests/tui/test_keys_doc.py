"""Every desk binding has an id and a tooltip, and docs/keys.md is generated from them."""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.tui.config import DeskConfig, dump_config, load_config
from ttdn_studio.tui.format import parse_jump
from ttdn_studio.tui.keys import desk_sections, markdown_table

DOC = Path(__file__).parents[2] / "docs" / "keys.md"


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    ids = []
    for _, rows in desk_sections():
        for row in rows:
            assert row.id and row.tooltip, row
            ids.append(row.id)
    assert len(ids) == len(set(ids))


def test_keys_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == markdown_table(), (
        "run: python -m ttdn_studio.tui.keys > docs/keys.md"
    )


def test_config_round_trip_keeps_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"app.help" = "f2"\n[export]\nformat = "srt"\n', encoding="utf-8")
    config = load_config(path)
    config.theme = "textual-light"
    path.write_text(dump_config(config), encoding="utf-8")
    again = load_config(path)
    assert again == DeskConfig("textual-light", {"app.help": "f2"}, {"export": {"format": "srt"}})


def test_jump_accepts_numbers_and_times() -> None:
    assert parse_jump("12") == ("index", 12)
    assert parse_jump("1:05") == ("time", 65_000)
    assert parse_jump("00:01:05.200") == ("time", 65_200)
    assert parse_jump("abc") is None


def test_readme_screenshots_are_the_snapshot_images() -> None:
    """The README shows docs/tui-*.svg; they must be what the snapshot tests check today."""
    root = Path(__file__).parents[2]
    shots = Path(__file__).parent / "__snapshots__" / "test_snapshots"
    pairs = {
        "tui-episode-80x24.svg": "test_episode_screen[size0].svg",
        "tui-episode-120x40.svg": "test_episode_screen[size1].svg",
    }
    pairs |= {
        f"tui-{name}.svg": f"test_other_screens[{name}].svg"
        for name in ("qc", "render", "glossary", "projects", "help")
    }
    pairs |= {
        f"tui-{name}.svg": f"test_editorial_views[{name}-size1].svg"
        for name in ("notes", "history", "review")
    }
    pairs["tui-models.svg"] = "test_models_screen.svg"
    stale = [
        doc
        for doc, shot in pairs.items()
        if (root / "docs" / doc).read_bytes() != (shots / shot).read_bytes()
    ]
    assert not stale, f"copy the snapshot images over {stale} (docs/ from tests/tui/__snapshots__/)"
