"""``ttdn --help``, ``--version`` and ``ttdn CMD --help`` answer from stored texts without
importing click; the stored texts are exactly what click prints today."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ttdn_studio import launch
from ttdn_studio.cli import helptext

TTDN = Path(sys.executable).with_name("ttdn")


def test_the_stored_help_equals_what_click_prints_today() -> None:
    """When a command, option or help line changes, regenerate the file:
    ``python -m ttdn_studio.cli.helptext > ttdn_studio/data/cli_help.json``."""
    assert launch.HELP_FILE.read_text(encoding="utf-8") == helptext.document()


def test_every_command_and_subcommand_has_a_stored_help() -> None:
    stored = json.loads(launch.HELP_FILE.read_text(encoding="utf-8"))["help"]
    assert {"", "status", "qc", "tm", "tm lookup", "glossary add", "doctor"} <= set(stored)
    assert stored["tm lookup"].startswith("Usage: ttdn tm lookup [OPTIONS] TEXT\n")


def run(argv: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """``ttdn ARGV`` through the console script, reporting whether click was imported."""
    code = (
        "import sys\n"
        "from ttdn_studio.launch import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exc:\n"
        "    sys.stdout.flush()\n"
        "    print('EXIT', exc.code, file=sys.stderr)\n"
        "print('CLICK' if 'click' in sys.modules else 'NO CLICK', file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "120", **env},
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["status", "--help"],
        ["tm", "lookup", "-h"],
        ["doctor", "--help"],
    ],
)
def test_help_and_version_print_click_s_text_without_importing_click(argv: list[str]) -> None:
    fast = run(argv)
    assert fast.stderr.strip().splitlines()[-1] == "NO CLICK"
    by_click = subprocess.run(
        [sys.executable, "-m", "ttdn_studio.cli", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert by_click.returncode == 0
    assert fast.stdout == by_click.stdout
    assert fast.stdout.startswith(("Usage: ttdn", "ttdn, version "))


@pytest.mark.parametrize(
    "argv",
    [
        ["--as", "lan", "--help"],  # an option before the help option
        ["status", "ep1", "--help"],  # arguments before it
        ["no-such-command", "--help"],
        ["status", "--lang", "en"],
    ],
)
def test_other_command_lines_go_to_click(argv: list[str]) -> None:
    assert launch.stored_answer(argv) is None
    assert run(argv).stderr.strip().splitlines()[-1] == "CLICK"


def test_a_narrow_terminal_gets_click_s_wrapping() -> None:
    """click wraps help at the terminal's width below 80 columns: the stored text would not."""
    narrow = run(["status", "--help"], COLUMNS="60")
    assert narrow.stderr.strip().splitlines()[-1] == "CLICK"
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 58


def test_a_subcommand_s_help_still_stops_on_an_incomplete_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ttdn CMD --help`` checks the curated glossary first, as click's path does."""
    from ttdn_studio import locations

    assert locations.bundled_glossary_dir() == launch.GLOSSARY_DIR  # the same folder
    empty = tmp_path / "glossary"
    empty.mkdir()
    (empty / "terms.tsv").write_text("vi\ten\tkm\n", encoding="utf-8")  # a header only
    monkeypatch.setattr(launch, "GLOSSARY_DIR", empty)
    assert launch.stored_answer(["status", "--help"]) is None
    assert launch.stored_answer(["doctor", "--help"]) is not None  # doctor reports it itself
    assert launch.stored_answer(["--help"]) is not None
    monkeypatch.setattr(launch, "GLOSSARY_DIR", tmp_path / "missing")
    assert launch.stored_answer(["status", "--help"]) is None


def test_the_console_script_runs_the_fast_entry_point() -> None:
    out = subprocess.run([str(TTDN), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout == helptext.version_text()
    assert "ttdn_studio.launch" in TTDN.read_text(encoding="utf-8")
