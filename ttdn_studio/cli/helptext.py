"""The help texts of the ``ttdn`` command tree, as click prints them, for the fast start.

``ttdn --help``, ``ttdn --version`` and ``ttdn CMD [SUB] --help`` are answered by
:mod:`ttdn_studio.launch` from ``ttdn_studio/data/cli_help.json`` without importing click
(click alone doubles a bare Python start). This module writes that file from the click tree;
a test checks that the stored texts equal what click prints today:

    python -m ttdn_studio.cli.helptext > ttdn_studio/data/cli_help.json
"""

from __future__ import annotations

import json

import click

from ttdn_studio.cli import cli

WIDTH = 78  # click's help width on a terminal of 80 columns or more: min(columns, 80) - 2


def help_texts() -> dict[str, str]:
    """Each command path (``""`` for ``ttdn``, ``"tm add"``) mapped to what
    ``ttdn PATH --help`` prints, found by running click on each."""
    from click.testing import CliRunner

    runner = CliRunner()
    texts: dict[str, str] = {}

    def walk(command: click.Command, path: list[str]) -> None:
        result = runner.invoke(cli, [*path, "--help"], prog_name="ttdn", terminal_width=WIDTH)
        if result.exit_code != 0:
            raise RuntimeError(f"ttdn {' '.join(path)} --help failed: {result.output}")
        texts[" ".join(path)] = result.output
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name])

    walk(cli, [])
    return texts


def version_text() -> str:
    """What ``ttdn --version`` prints."""
    from click.testing import CliRunner

    return CliRunner().invoke(cli, ["--version"], prog_name="ttdn").output


def document() -> str:
    """The JSON file's text: sorted, one entry per command path."""
    data = {"help": help_texts(), "version": version_text()}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(document(), end="")
