"""``ttdn backup`` and ``ttdn restore``: consistent copies of projects, taken while people work."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option, printable

_DIR = click.Path(path_type=Path)


@click.command("backup")
@click.argument("paths", nargs=-1, type=_DIR, metavar="[PROJECT ...] DEST")
@click.option(
    "--all",
    "all_projects",
    is_flag=True,
    help="Back up every project in the projects folder, and the translation memory.",
)
@click.option(
    "--projects-dir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="With --all: the projects folder (default: the usual projects folder).",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=14,
    show_default=True,
    help="How many backups of each project to keep; older ones are removed.",
)
@json_option
def backup(
    paths: tuple[Path, ...],
    all_projects: bool,
    projects_dir: Path | None,
    keep: int,
    as_json: bool,
) -> None:
    """Back up projects into DEST/<project>/<date-time>/, while desks stay open.

    Each backup is a consistent copy of the project's database (SQLite's online
    backup API: people can go on editing meanwhile) and its own glossary, checked
    before it is kept. Media and renders are not copied. With --all, every project
    in the projects folder and the shared translation memory are backed up.

    Nightly, from cron: 0 2 * * * /path/to/.venv/bin/ttdn backup --all /srv/backups/ttdn
    """
    from ttdn_studio import locations
    from ttdn_studio.errors import ProjectError
    from ttdn_studio.store import is_project_dir
    from ttdn_studio.store.backup import backup_memory, backup_project

    if not paths:
        raise click.UsageError("give the destination folder (DEST) last")
    *projects, dest = paths
    folder: Path | None = None
    if all_projects:
        folder = projects_dir or locations.projects_dir()
        found = sorted(p for p in folder.iterdir() if is_project_dir(p)) if folder.is_dir() else []
        projects += found
    elif not projects:
        raise click.UsageError("name at least one PROJECT before DEST, or use --all")
    unique: dict[Path, Path] = {}  # a project named and also in the projects folder: once
    for project in projects:
        unique.setdefault(project.resolve(), project)
    done, failed = [], []
    for project in unique.values():
        try:
            b = backup_project(project, dest, keep=keep)
        except ProjectError as exc:  # one damaged project does not stop the others
            click.secho(f"ttdn: skipped: {printable(str(exc))}", err=True, fg="yellow")
            failed.append(str(project))
            continue
        done.append({"project": b.project, "backup": str(b.path), "bytes": b.size})
        if not as_json:
            click.echo(printable(f"{b.project}: {b.path} ({b.size / 1e6:.1f} MB)"))
    tm = locations.tm_file()
    if all_projects and tm.is_file():
        b = backup_memory(tm, dest, keep=keep)
        done.append({"project": b.project, "backup": str(b.path), "bytes": b.size})
        if not as_json:
            click.echo(printable(f"translation memory: {b.path} ({b.size / 1e6:.1f} MB)"))
    if not done and not failed:
        raise ProjectError(
            "nothing to back up: no project found", file=folder if all_projects else None
        )
    if as_json:
        emit_json({"backups": done, "skipped": failed})
    if failed:
        raise ProjectError(f"{len(failed)} project(s) could not be backed up (see above)")


@click.command("restore")
@click.argument("backup", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("project", type=click.Path(path_type=Path, file_okay=False), required=False)
@click.option("--yes", is_flag=True, help="Replace an existing project without asking.")
def restore(backup: Path, project: Path | None, yes: bool) -> None:
    """Put a backup folder back: a project's into PROJECT, the memory's into the memory.

    The current state is backed up first, beside the other backups, so a restore
    can itself be undone by restoring that one.
    """
    from ttdn_studio import locations
    from ttdn_studio.store import is_project_dir
    from ttdn_studio.store.backup import read_manifest, restore_memory, restore_project

    kind = read_manifest(backup)["kind"]
    if kind == "memory" and project is not None:
        raise click.UsageError(
            f"{printable(str(backup))} is a backup of the translation memory, not of a project:"
            " restore it without PROJECT"
        )
    if kind == "memory":
        target = locations.tm_file()
        if target.is_file() and not yes:
            click.confirm(f"Replace the translation memory {target}?", abort=True)
        safety = restore_memory(backup, target)
    else:
        if project is None:
            raise click.UsageError("name the PROJECT folder to restore into")
        if is_project_dir(project) and not yes:
            click.confirm(
                printable(f"Replace the project in {project} with this backup?"), abort=True
            )
        safety = restore_project(backup, project)
        target = project
    click.echo(printable(f"restored {backup} into {target}"))
    if safety is not None:
        click.echo(printable(f"the state before the restore is kept in {safety.path}"))


commands = [backup, restore]
