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
