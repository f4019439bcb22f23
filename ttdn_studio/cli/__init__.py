"""The ``ttdn`` command: a thin shell over the service functions.

Each subcommand lives in its own module in ``ttdn_studio.cli.commands`` and
exposes ``commands`` (a list of click commands); modules are discovered
automatically, so adding a command means adding a file. Heavy libraries are
imported inside command bodies so ``ttdn --help`` and the TUI start fast.

Contract: exit 0 on success, 1 on a user-facing error (message on stderr, no
traceback), 2 on a usage error.
"""

from __future__ import annotations

import importlib
import pkgutil
import signal
import sys
import threading

import click

from ttdn_studio import __version__
from ttdn_studio.errors import TtdnError


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> None:
    """``kill`` (SIGTERM) ends a command the way Ctrl+C does: renders stop ffmpeg and
    remove their unfinished files, and the message says that saved work is kept."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


class TtdnGroup(click.Group):
    """A click group that turns :class:`TtdnError` into a clean message and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        _stop_on_sigterm()  # the desk puts the default back (see commands/tui.py)
        try:
            return super().invoke(ctx)
        except TtdnError as exc:
            click.secho(f"ttdn: {exc}", err=True, fg="red")
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("ttdn: interrupted; saved work is kept", err=True)
            ctx.exit(130)


@click.group(
    cls=TtdnGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="ttdn")
@click.option(
    "--as",
    "as_user",
    metavar="NAME",
    help="Record edits under NAME (scripts; default: TTDN_USER, else the login name).",
)
@click.pass_context
def cli(ctx: click.Context, as_user: str | None) -> None:
    """TTĐN Studio: subtitles and translation for foreign-information broadcasts.

    Run with no command to open the desk (TUI) on the bundled demo project.
    PROJECT arguments are project folders (for example projects/my-episode).
    """
    if as_user is not None:
        from ttdn_studio.settings import act_as

        act_as(as_user)
    if ctx.invoked_subcommand != "doctor":  # doctor reports it among everything else
        from ttdn_studio.locations import bundled_glossary_files

        bundled_glossary_files()  # an installation without its curated glossary stops here
    if ctx.invoked_subcommand is None:
        from ttdn_studio.cli.commands.tui import open_default

        open_default()


def _register() -> None:
    from ttdn_studio.cli import commands as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for command in getattr(module, "commands", []):
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ttdn`` script."""
    cli.main(args=argv, prog_name="ttdn")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
