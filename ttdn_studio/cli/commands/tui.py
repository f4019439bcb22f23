"""``ttdn tui [PROJECT]`` and the default action of a bare ``ttdn``: open the desk."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import load_project


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


def launch(path: Path | None) -> None:
    """Open the desk on ``path`` as the acting person (one of the station's people, once
    it keeps a people file); ``None``: on the projects folder, to choose a project."""
    import signal

    from ttdn_studio.services.people import check_acting_person

    check_acting_person()

    # the desk installs its own SIGTERM/SIGHUP handlers (save the typing, quit cleanly);
    # until it runs, the default applies
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from ttdn_studio.tui.app import run_app, run_projects
    except ImportError:  # the desk is not built yet
        click.echo(f"The desk would open the project in {path}.")
        click.echo(
            "Use the CLI meanwhile: ttdn cues PROJECT, ttdn import, ttdn export; ttdn --help."
        )
        return
    if path is None:
        run_projects()
    else:
        run_app(path)


@click.command("tui")
@click.argument(
    "project", type=click.Path(path_type=Path, file_okay=False), metavar="[PROJECT]", required=False
)
def tui(project: Path | None) -> None:
    """Open the desk (terminal UI) on PROJECT; without it, on the projects folder
    (TTDN_PROJECTS_DIR, see `ttdn doctor`) to choose or create a project."""
    if project is None:
        from ttdn_studio import locations

        folder = locations.projects_dir()
        if folder.exists() and not folder.is_dir():
            raise click.ClickException(f"the projects folder {folder} is not a folder")
        launch(None)
        return
    load_project(project).close()  # clear error if it is not a project
    launch(project)


commands = [tui]
