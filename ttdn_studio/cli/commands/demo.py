"""``ttdn demo``: build (or rebuild) the bundled demo project and say how to open it."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option


@click.command("demo")
@click.option(
    "--reset",
    is_flag=True,
    help="Throw away the built demo (database and video, with any edits made to it) "
    "and build it again from its sources.",
)
@click.option(
    "--path",
    "path",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Build the demo in DIR instead of the projects folder.",
)
@click.option(
    "--no-video", is_flag=True, help="Do not generate the demo video clip (no ffmpeg needed)."
)
@click.option(
    "--check",
    is_flag=True,
    help="Check the installation instead: build the demo in a temporary folder and "
    "load the curated glossary (nothing is left behind).",
)
@json_option
def demo(reset: bool, path: Path | None, no_video: bool, check: bool, as_json: bool) -> None:
    """Build the demo project "Cà Mau - Đất và người", tập 1, if it is not built yet.

    The demo is an episode in progress: about 40 Vietnamese cues with English
    and Khmer translations at every stage of review, and a short generated
    video. It is built from the sources committed in
    projects/ca-mau-dat-va-nguoi-demo/ and opens with a bare `ttdn`.
    """
    from ttdn_studio.services.demo import demo_dir, demo_video, ensure_demo, is_current, reset_demo
    from ttdn_studio.store import is_project_dir, open_project

    if check:
        _check(as_json)
        return

    target = path or demo_dir()
    existed = is_project_dir(target)
    notes: list[str] = []
    if reset or not existed:
        click.echo(f"Building the demo project in {target} …", err=True)
    build = reset_demo if reset else ensure_demo
    folder = build(target, with_video=not no_video, on_note=notes.append)
    with open_project(folder) as store:
        title, cues = store.project.title, len(store.cue_rows())
    video = demo_video(folder)
    if not is_current(folder):
        notes.append(
            "the demo's sources have changed since it was built; "
            "`ttdn demo --reset` rebuilds it (edits made to the demo are lost)"
        )
    if as_json:
        emit_json(
            {
                "project": str(folder),
                "title": title,
                "cues": cues,
                "built": reset or not existed,
                "video": str(video) if video else None,
                "notes": notes,
            }
        )
        return
    for note in notes:
        click.secho(f"ttdn: {note}", err=True, fg="yellow")
    state = "Rebuilt" if reset else ("Built" if not existed else "Already built")
    click.echo(f"{state}: {title!r}, {cues} cues, in {folder}")
    click.echo(f"Video: {video}" if video else "Video: none")
    click.echo(f"Open it with: ttdn tui {folder}" + ("" if path else "  (or just: ttdn)"))
    click.echo(f"List its cues: ttdn cues {folder}")


def _check(as_json: bool) -> None:
    from ttdn_studio.services.demo import check_install

    found = check_install()
    if as_json:
        emit_json(
            {
                "demo_title": found.demo_title,
                "demo_cues": found.demo_cues,
                "glossary_entries": found.glossary_entries,
                "glossary_dir": str(found.glossary_dir),
                "demo_sources": str(found.demo_sources),
            }
        )
        return
    click.echo(f"Demo: {found.demo_title!r} builds with {found.demo_cues} cues")
    click.echo(f"  from {found.demo_sources}")
    click.echo(f"Curated glossary: {found.glossary_entries} entries")
    click.echo(f"  from {found.glossary_dir}")
    click.echo("Installation OK")


commands = [demo]
