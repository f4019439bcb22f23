"""The curated glossary and the demo ship inside the package; without them nothing starts."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import ttdn_studio
from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.errors import GlossaryError
from ttdn_studio.glossary import load_glossary
from ttdn_studio.glossary.loader import _CACHE
from ttdn_studio.services.demo import load_source

PACKAGE = Path(ttdn_studio.__file__).parent
REPO = PACKAGE.parent


def test_data_is_read_from_the_package() -> None:
    assert locations.bundled_glossary_dir() == PACKAGE / "data" / "glossary"
    assert locations.demo_source_dir() == PACKAGE / "data" / "demo"
    assert (locations.demo_source_dir() / "cues.toml").is_file()


def test_the_source_tree_keeps_its_folders_as_links_to_the_package_data() -> None:
    assert (REPO / "glossary").resolve() == locations.bundled_glossary_dir()
    demo = REPO / "projects" / locations.DEMO_SLUG
    for name in ("cues.toml", "project.json"):
        assert (demo / name).resolve() == locations.demo_source_dir() / name


def _without_curated_glossary(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    _CACHE.clear()
    monkeypatch.setattr(locations, "bundled_glossary_dir", lambda: folder)


@pytest.mark.parametrize("content", [None, "vi\ten\tkm\n", "vi\ten\n\n  \n"])
def test_a_missing_or_empty_curated_glossary_stops_every_command(
    content: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    if content is not None:
        (folder / "ca-mau.tsv").write_text(content, encoding="utf-8")
    _without_curated_glossary(monkeypatch, folder)
    result = CliRunner().invoke(cli, ["demo", "--path", str(tmp_path / "demo"), "--no-video"])
    assert result.exit_code == 1
    assert "curated glossary is missing or empty" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "demo").exists()  # nothing was built
    with pytest.raises(GlossaryError, match="curated glossary is missing or empty"):
        load_glossary()


def test_help_still_works_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_curated_glossary(monkeypatch, tmp_path)
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0


def test_demo_check_builds_in_a_temporary_folder_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(cli, ["demo", "--check", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["demo_cues"] == len(load_source().cues) and found["glossary_entries"] > 300
    assert found["glossary_dir"] == str(locations.bundled_glossary_dir())
    assert list(tmp_path.iterdir()) == []
    assert not (locations.projects_dir() / locations.DEMO_SLUG).exists()
