"""config.toml: concurrent desks keep every change; a broken file is never overwritten."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from ttdn_studio.tui.config import load_config, save_theme, update_config

ROUNDS = 40


def _desk(path: str, name: str) -> None:
    for i in range(ROUNDS):

        def bind(config, i=i):  # type: ignore[no-untyped-def]
            config.keys[f"{name}.action{i}"] = f"ctrl+{i}"

        update_config(Path(path), bind)


def test_two_desks_saving_at_once_keep_both_changes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[ui]\ntheme = "textual-light"\n\n[render]\n"preset" = "broadcast"\n')
    ctx = multiprocessing.get_context("fork")
    desks = [ctx.Process(target=_desk, args=(str(path), n)) for n in ("desk1", "desk2")]
    for p in desks:
        p.start()
    for p in desks:
        p.join(60)
        assert p.exitcode == 0
    config = load_config(path)
    assert len(config.keys) == 2 * ROUNDS
    assert config.theme == "textual-light"
    assert config.extra == {"render": {"preset": "broadcast"}}


def test_saving_the_theme_keeps_a_change_another_desk_saved_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    update_config(path, lambda c: c.keys.update({"episode.approve": "f8"}))
    save_theme(path, "textual-light")
    config = load_config(path)
    assert (config.theme, config.keys) == ("textual-light", {"episode.approve": "f8"})


def test_a_broken_file_is_left_for_the_person_fixing_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[keys\n")
    save_theme(path, "textual-light")
    assert path.read_text() == "[keys\n"
