"""The ``ttdn`` command: a thin shell over the service functions.

Each subcommand lives in its own module in ``ttdn_studio.cli.commands`` and
exposes ``commands`` (a list of click commands); modules are discovered
automatically, so adding a command means adding a file. Heavy libraries are
imported inside command bodies so ``ttdn --help`` and the TUI start fast.

Contract: exit 0 on success, 1 on a user-facing error (one line on stderr, no
traceback), 2 on a usage error, 130 when interrupted. User text in messages is
printed through :func:`ttdn_studio.text.printable`, so a file name or cue text
cannot send escape codes to the terminal.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import signal
import sys
import threading
from typing import NoReturn

import click

from ttdn_studio import __version__
from ttdn_studio.errors import TtdnError
from ttdn_studio.text import printable


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> None:
    """``kill`` (SIGTERM) ends a command the way Ctrl+C does: renders stop ffmpeg and
    remove their unfinished files, and the message says that saved work is kept."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _quiet_library_logs() -> None:
    """Libraries that log their failures (argostranslate logs a raw ``URLError`` tuple) print
    through logging's last-resort handler; the command reports the failure in its own words."""
    import logging

    for name in ("argostranslate", "stanza", "ctranslate2"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


class TtdnGroup(click.Group):
    """A click group that turns :class:`TtdnError` into a clean message and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        _stop_on_sigterm()  # the desk puts the default back (see commands/tui.py)
        _quiet_library_logs()
        try:
            return super().invoke(ctx)
        except TtdnError as exc:
            fail(ctx, str(exc))
        except KeyboardInterrupt:
            click.echo("ttdn: interrupted; saved work is kept", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # the reader went away (`ttdn cues P | head`): nothing to say
            _quiet_stdout()
            ctx.exit(0)
        except click.exceptions.ClickException:
            raise
        except Exception as exc:  # the last resort: one line, never a traceback for these
            message = last_resort_message(exc)
            if message is None:
                raise
            fail(ctx, message)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so Python's flush at exit does not fail
    again on the closed pipe (the recipe of Python's signal documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def fail(ctx: click.Context, message: str) -> NoReturn:
    """Print ``message`` as one red line on stderr (unprintable characters escaped), exit 1."""
    line = " / ".join(part for part in str(message).splitlines() if part.strip())
    click.secho(f"ttdn: {printable(line)}", err=True, fg="red")
    ctx.exit(1)


def last_resort_message(exc: BaseException) -> str | None:
    """One line for an operating-system or database failure that no command turned into a
    clear message; ``None`` for anything else (a bug: its traceback is kept)."""
    import errno

    if isinstance(exc, FileNotFoundError) and exc.filename in ("ffmpeg", "ffprobe"):
        return f"{exc.filename} is not installed or not on PATH (install ffmpeg)"
    if isinstance(exc, OSError):
        reason = {
            errno.ENOSPC: "the disk is full",
            errno.ENAMETOOLONG: "a file name is too long for the file system",
            errno.EROFS: "the file system is read-only",
        }.get(exc.errno or 0, exc.strerror or str(exc) or "the operating system refused")
        url_reason = getattr(exc, "reason", None)  # urllib's URLError
        if url_reason is not None:
            reason = f"cannot reach the server ({url_reason})"
        where = f": {exc.filename}" if exc.filename else ""
        return f"{reason}{where}"
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        return f"the project database could not be used ({exc})"
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(exc, pydantic.ValidationError):
        from ttdn_studio.cli.common import validation_message

        return validation_message(exc)
    return None


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
        from ttdn_studio.services.people import check_acting_as
        from ttdn_studio.settings import act_as

        check_acting_as(as_user)
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
