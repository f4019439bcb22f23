"""The CLI contract for project commands: exit codes, messages, JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.store import NewCue, open_project


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_new_then_cues_json(tmp_path: Path) -> None:
    project = tmp_path / "tap-1"
    code, out, _ = run(
        "new", str(project), "--title", "Cà Mau - Đất và người", "--fps", "25", "--json"
    )
    assert code == 0
    assert json.loads(out)["target_langs"] == ["en", "km"]
    store = open_project(project)
    store.add_clip("part1")
    store.add_cues("part1", [NewCue(0, 1500, "Đất Mũi", {"en": "Dat Mui"})])
    code, out, _ = run("cues", str(project), "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "clip": "part1",
            "index": 1,
            "start_ms": 0,
            "end_ms": 1500,
            "text": {"vi": "Đất Mũi", "en": "Dat Mui", "km": ""},
            "status": {"en": "draft", "km": "empty"},
        }
    ]


def test_user_errors_exit_1_with_message_and_no_traceback(tmp_path: Path) -> None:
    code, _, err = run("cues", str(tmp_path / "nowhere"))
    assert code == 1
    assert "no such project folder" in err and "Traceback" not in err
    code, _, err = run("new", str(tmp_path / "x"), "--title", "T", "--targets", "vi")
    assert code == 1 and "both the source and a target" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("cues")[0] == 2
    assert run("new", str(tmp_path / "y"))[0] == 2  # --title missing
    assert run("no-such-command")[0] == 2


def test_undo_redo_commands(tmp_path: Path) -> None:
    project = tmp_path / "p"
    run("new", str(project), "--title", "T")
    store = open_project(project)
    store.add_clip("c")
    code, out, _ = run("undo", str(project))
    assert code == 0 and "add clip c" in out
    assert open_project(project).clips() == []
    code, out, _ = run("redo", str(project))
    assert code == 0 and [c.name for c in open_project(project).clips()] == ["c"]
    code, _, err = run("redo", str(project))
    assert code == 1 and "nothing to redo" in err


def test_every_command_has_help() -> None:
    for name in cli.commands:
        code, out, _ = run(name, "--help")
        assert code == 0, name
        assert "Usage:" in out


def test_installed_entry_point_runs() -> None:
    exe = Path(sys.executable).parent / "ttdn"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "TTĐN Studio" in out.stdout


def test_a_reader_that_stops_early_gets_no_error_line(tmp_path: Path) -> None:
    """``ttdn cues P | head -1``: the pipe closes under ttdn, which ends quietly."""
    project = tmp_path / "tap-1"
    assert run("new", str(project), "--title", "Tập 1")[0] == 0
    with open_project(project) as store:
        store.add_clip("part1")
        store.add_cues(
            "part1", [NewCue(i * 2000, i * 2000 + 1500, f"Câu {i}.") for i in range(3000)]
        )
    ttdn = Path(sys.executable).with_name("ttdn")
    shell = f"'{ttdn}' cues '{project}' | head -n 1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("part1 #1")
    assert done.stderr == "" and done.returncode == 0
