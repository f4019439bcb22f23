"""``ttdn demo``: builds once, reports where the demo is and how to open it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.services.demo import load_source
from ttdn_studio.store import DB_NAME


def _run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["demo", *args])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_json_reports_a_build_then_an_existing_demo(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    first = _run("--path", str(target), "--no-video", "--json")
    assert first["project"] == str(target) and first["built"] is True
    assert first["cues"] == len(load_source().cues) and first["video"] is None
    assert first["title"] == load_source().project.title
    mtime = (target / DB_NAME).stat().st_mtime_ns
    again = _run("--path", str(target), "--no-video", "--json")
    assert again["built"] is False and (target / DB_NAME).stat().st_mtime_ns == mtime
    reset = _run("--path", str(target), "--no-video", "--reset", "--json")
    assert reset["built"] is True and (target / DB_NAME).stat().st_mtime_ns != mtime


def test_default_location_and_how_to_open_it() -> None:
    result = CliRunner().invoke(cli, ["demo", "--no-video"])
    assert result.exit_code == 0, result.output
    path = locations.projects_dir() / locations.DEMO_SLUG
    assert (path / DB_NAME).is_file()
    assert f"ttdn tui {path}" in result.stdout
    assert "Video: none" in result.stdout


def test_a_file_in_the_way_exits_1_with_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "demo"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["demo", "--path", str(blocker), "--no-video"])
    assert result.exit_code == 2  # a usage error, caught before anything is built
    assert "is a file" in result.output and "Traceback" not in result.output


def test_any_command_builds_the_demo_from_its_sources_on_first_use(tmp_path: Path) -> None:
    """A fresh clone has only the demo's sources; ``ttdn cues`` on that folder works."""
    import shutil

    from ttdn_studio.services.demo import CUES_FILE, META_FILE

    folder = tmp_path / "demo copy"
    folder.mkdir()
    for name in (CUES_FILE, META_FILE):
        shutil.copy(locations.demo_source_dir() / name, folder / name)
    result = CliRunner().invoke(cli, ["cues", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert (folder / DB_NAME).is_file()
    assert "building the demo project" in result.stderr
    assert len(json.loads(result.stdout)) == len(load_source().cues)
    plain = tmp_path / "not a project"
    plain.mkdir()
    result = CliRunner().invoke(cli, ["cues", str(plain)])
    assert result.exit_code == 1 and "not a TTĐN Studio project" in result.stderr
