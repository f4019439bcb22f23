"""Every command, including ones added later, answers an unknown option, a missing project
and a damaged project with a short message and a non-zero exit, never a traceback."""

from __future__ import annotations

import click
import pytest
from hostile_cli import assert_refused, run

from ttdn_studio.cli import cli

# the least each command taking PROJECT needs besides it ({tmp} is a scratch folder);
# a subcommand is named with its group ("spell add")
PROJECT_COMMANDS: dict[str, list[str]] = {
    "cues": [],
    "undo": [],
    "redo": [],
    "history": [],
    "tui": [],
    "import": ["{tmp}/in.srt"],
    "export": ["--lang", "vi", "-o", "{tmp}/out.srt"],
    "translate": ["--to", "en"],
    "qc": ["--lang", "en"],
    "profile": ["--lang", "en"],
    "status": ["--lang", "en"],
    "render": ["--lang", "en"],
    "serve": ["--port", "9"],
    "align": [],
    "broadcast-date": [],
    "assign": [],
    "clear": ["--clip", "x", "--lang", "en"],
    "gate": [],
    "mine": [],
    "notes": [],
    "postedit": [],
    "review": ["--since-approval"],
    "signoff": ["--clip", "x", "--cue", "1", "--lang", "en", "--reason", "r"],
    "preview": ["--lang", "vi", "--at", "1", "-o", "{tmp}/frame.png"],
    "spell add": ["Khai"],
    "spell remove": ["Khai"],
    "spell list": [],
}


def leaf_commands() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []

    def walk(group: click.Group, prefix: tuple[str, ...]) -> None:
        for name, command in sorted(group.commands.items()):
            if isinstance(command, click.Group):
                walk(command, (*prefix, name))
            else:
                found.append((*prefix, name))

    walk(cli, ())
    return found


def takes_project(path: tuple[str, ...]) -> bool:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return any(isinstance(p, click.Argument) and p.name == "project" for p in command.params)


def test_the_table_names_every_command_that_takes_a_project() -> None:
    with_project = {" ".join(path) for path in leaf_commands() if takes_project(path)}
    # new makes PROJECT, restore writes into it, people role is a subcommand (other tests)
    assert with_project == {*PROJECT_COMMANDS, "new", "restore", "people role"}


@pytest.mark.parametrize("path", leaf_commands(), ids=" ".join)
def test_an_unknown_option_is_a_usage_error(path: tuple[str, ...]) -> None:
    err = assert_refused(run(*path, "--no-such-option"), code=2)
    assert "No such option" in err


@pytest.mark.parametrize("name", sorted(PROJECT_COMMANDS))
def test_a_missing_project_is_one_line(name: str, tmp_path) -> None:
    (tmp_path / "in.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nCà Mau\n")
    extra = [a.format(tmp=tmp_path) for a in PROJECT_COMMANDS[name]]
    err = assert_refused(run(*name.split(), tmp_path / "nowhere", *extra), code=1, max_lines=1)
    assert "no such project folder" in err
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("name", sorted(PROJECT_COMMANDS))
def test_a_damaged_project_is_one_line(name: str, project, tmp_path) -> None:
    (tmp_path / "in.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nCà Mau\n")
    (project / "project.db").write_bytes(b"this is not a database " * 200)
    for side in ("project.db-wal", "project.db-shm"):
        (project / side).unlink(missing_ok=True)
    extra = [a.format(tmp=tmp_path) for a in PROJECT_COMMANDS[name]]
    err = assert_refused(run(*name.split(), project, *extra), code=1, max_lines=1)
    assert "not a readable project database" in err
    assert (project / "project.db").read_bytes() == b"this is not a database " * 200
