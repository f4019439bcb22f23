"""``ttdn tui PROJECT`` and the default action of a bare ``ttdn``: open the desk."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import load_project, project_argument


def open_default() -> None:
    """Open the bundled demo project (built on first use)."""
    from ttdn_studio.services.demo import demo_dir, ensure_demo
    from ttdn_studio.services.people import check_acting_person
    from ttdn_studio.store import is_project_dir

    check_acting_person()  # before the demo is built: a stranger gets one clear line
    if not is_project_dir(demo_dir()):
        click.echo("Building the demo project (first start only) …", err=True)
    path = ensure_demo(on_note=lambda note: click.secho(f"ttdn: {note}", err=True, fg="yellow"))
    launch(path)


def launch(path: Path) -> None:
    """Open the desk on ``path`` as the acting person (one of the station's people, once
    it keeps a people file)."""
    import signal

    from ttdn_studio.services.people import check_acting_person

    check_acting_person()

    # the desk installs its own SIGTERM/SIGHUP handlers (save the typing, quit cleanly);
    # until it runs, the default applies
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from ttdn_studio.tui.app import run_app
    except ImportError:  # the desk is not built yet
        click.echo(f"The desk would open the project in {path}.")
        click.echo(
            "Use the CLI meanwhile: ttdn cues PROJECT, ttdn import, ttdn export; ttdn --help."
        )
        return
    run_app(path)


@click.command("tui")
@project_argument
def tui(project: Path) -> None:
    """Open the desk (terminal UI) on PROJECT."""
    load_project(project).close()  # clear error if it is not a project
    launch(project)


commands = [tui]
