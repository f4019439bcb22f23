"""Load order: bundled < user < project, and the cache that follows file changes."""

from __future__ import annotations

import os
from pathlib import Path

from ttdn_studio import locations
from ttdn_studio.glossary import GlossaryEntry, add_entries, load_glossary, project_glossary_file


def _write(path: Path, *entries: GlossaryEntry) -> None:
    add_entries(path, list(entries))


def test_later_layers_override_earlier_ones(tmp_path: Path) -> None:
    bundled = load_glossary().lookup("Cà Mau")
    assert bundled is not None and bundled.en == "Ca Mau"
    _write(
        locations.user_glossary_file(),
        GlossaryEntry(vi="CÀ MAU", en="Ca Mau (user)"),
        GlossaryEntry(vi="Hòn Buông", en="Hon Buong"),
    )
    project = tmp_path / "ep"
    project.mkdir()
    _write(project_glossary_file(project), GlossaryEntry(vi="cà mau", en="Ca Mau (project)"))

    user_level = load_glossary()
    assert user_level.lookup("Cà Mau").en == "Ca Mau (user)"  # type: ignore[union-attr]
    assert user_level.layer_of(user_level.lookup("Hòn Buông")) == "user"  # type: ignore[arg-type]
    project_level = load_glossary(project)
    assert project_level.lookup("Cà Mau").en == "Ca Mau (project)"  # type: ignore[union-attr]
    assert project_level.lookup("Hòn Buông") is not None
    assert project_level.layer_of(project_level.lookup("Đất Mũi")) == "bundled"  # type: ignore[arg-type]
    assert len(project_level) == len(load_glossary(None)) == len(user_level)
    # matching uses the winning entry
    [m] = project_level.find("Đến Cà Mau")
    assert m.entry.en == "Ca Mau (project)"


def test_cache_follows_file_changes(tmp_path: Path) -> None:
    first = load_glossary(tmp_path)
    assert load_glossary(tmp_path) is first
    path = project_glossary_file(tmp_path)
    _write(path, GlossaryEntry(vi="Hòn Buông", en="Hon Buong"))
    second = load_glossary(tmp_path)
    assert second is not first and second.lookup("Hòn Buông") is not None
    _write(path, GlossaryEntry(vi="Hòn Buông", en="Hon Buong Island"))
    os.utime(path, ns=(1, 1))  # even with an old mtime the size/mtime stamp changes
    assert load_glossary(tmp_path).lookup("Hòn Buông").en == "Hon Buong Island"  # type: ignore[union-attr]


def test_add_entries_reports_added_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    assert add_entries(path, [GlossaryEntry(vi="A", en="a"), GlossaryEntry(vi="B", en="b")]) == (
        2,
        0,
    )
    assert add_entries(path, [GlossaryEntry(vi="a", en="a2"), GlossaryEntry(vi="B", en="b")]) == (
        0,
        1,
    )
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        "a\ta2\t\tother\t\t",
        "B\tb\t\tother\t\t",
    ]
