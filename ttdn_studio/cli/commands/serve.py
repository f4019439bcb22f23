"""``ttdn serve`` (the desk in a browser) and ``ttdn people`` (who may log in)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option, load_project


@click.command("serve")
@click.argument(
    "project", type=click.Path(path_type=Path, file_okay=False), required=False, metavar="[PROJECT]"
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--auth",
    type=click.Choice(["password", "proxy", "none"]),
    default="password",
    show_default=True,
    help="password: log in with `ttdn people` accounts; proxy: a reverse proxy on this "
    "machine passes the person's name in --user-header; none: no login (loopback only).",
)
@click.option(
    "--user-header",
    default="X-Remote-User",
    show_default=True,
    help="With --auth proxy: the header that carries the logged-in person's name.",
)
def serve(project: Path | None, host: str, port: int, auth: str, user_header: str) -> None:
    """Serve the desk to web browsers: each tab gets its own desk on PROJECT.

    Without PROJECT each desk opens on the demo project. Every edit is recorded
    under the name of the person who logged in. Keep the projects on this
    machine's local disk; people reach it through the browser or over SSH.
    """
    from ttdn_studio.web.server import DeskServer

    if project is not None:
        # a clear error now, not in every browser tab (each desk acts as its visitor)
        load_project(project, acting=False).close()
    server = DeskServer(project, host=host, port=port, auth=auth, user_header=user_header)
    click.echo(f"TTĐN Studio desk on http://{host}:{port} (login: {auth}); Ctrl+C stops", err=True)
    server.serve()


@click.group("people")
def people() -> None:
    """Who may log in to `ttdn serve` (names and password hashes in people.toml)."""


@people.command("add")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (scripts)."
)
def people_add(name: str, password_stdin: bool) -> None:
    """Add NAME, or set a new password for NAME."""
    from ttdn_studio.services.people import people_file, set_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    set_password(name, password)
    click.echo(f"{name} can log in (stored in {people_file()})")


@people.command("list")
@json_option
def people_list(as_json: bool) -> None:
    """List the people who may log in."""
    from ttdn_studio.services.people import load_people

    names = sorted(load_people())
    if as_json:
        emit_json({"people": names})
    else:
        click.echo("\n".join(names) if names else "nobody yet: ttdn people add NAME")


@people.command("remove")
@click.argument("name")
def people_remove(name: str) -> None:
    """Remove NAME: they can no longer log in."""
    from ttdn_studio.services.people import remove_person

    remove_person(name)
    click.echo(f"{name} removed")


commands = [serve, people]
