"""``ttdn station``: the station profile that heads the yearly report (station.toml)."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option

folder_option = click.option(
    "--projects",
    "projects_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Projects folder whose station.toml to use (default: TTDN_PROJECTS_DIR).",
)


@click.group("station")
def station() -> None:
    """The station profile: issuing unit, recipients, signer, time zone and targets.

    Read from station.toml in the projects folder, else in the config folder;
    without either the defaults apply (Báo và Đài Phát thanh - Truyền hình Cà Mau,
    time zone Asia/Ho_Chi_Minh). The yearly report takes its header, "Kính gửi",
    "Nơi nhận", signature block, month boundaries and targets from it.

    \b
    Examples:
      ttdn station init
      ttdn station set signer_name "Nguyễn Văn A"
      ttdn station set recipients "Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau; Sở Ngoại vụ"
      ttdn station set targets.episodes_en 24
      ttdn station set time_zone Asia/Bangkok
    """


@station.command("show")
@folder_option
@json_option
def show(projects_dir: Path | None, as_json: bool) -> None:
    """Print the profile in use and the file it comes from."""
    from ttdn_studio.models.station import find_station_file, load_station, station_toml

    path = find_station_file(projects_dir)
    profile = load_station(projects_dir)
    if as_json:
        emit_json({"file": str(path) if path else None, "profile": profile.model_dump()})
        return
    click.echo(f"# {path}" if path else "# defaults (no station.toml yet: ttdn station init)")
    click.echo(station_toml(profile), nl=False)


@station.command("init")
@folder_option
@click.option(
    "--config", "in_config", is_flag=True, help="Write to the config folder instead of projects."
)
@click.option("--force", is_flag=True, help="Replace an existing station.toml with the defaults.")
def init(projects_dir: Path | None, in_config: bool, force: bool) -> None:
    """Write station.toml with the defaults, to edit (projects folder by default)."""
    from ttdn_studio import locations
    from ttdn_studio.errors import StationError
    from ttdn_studio.models.station import FILE_NAME, StationProfile, write_station_file

    folder = locations.config_dir() if in_config else projects_dir or locations.projects_dir()
    path = Path(folder) / FILE_NAME
    if path.exists() and not force:
        raise StationError(
            "a station profile already exists (give --force to replace it)", file=path
        )
    write_station_file(path, StationProfile())
    click.echo(f"Wrote the default station profile to {path}")


@station.command("set")
@folder_option
@click.argument("key")
@click.argument("value")
def set_(projects_dir: Path | None, key: str, value: str) -> None:
    """Set KEY to VALUE (targets.NAME for a target; lists separated by ';').

    Changes the station.toml in use, or creates one in the projects folder.
    """
    from ttdn_studio import locations
    from ttdn_studio.models.station import (
        FILE_NAME,
        find_station_file,
        load_station,
        set_value,
        write_station_file,
    )

    path = find_station_file(projects_dir)
    profile = set_value(load_station(projects_dir), key, value)
    if path is None:
        path = Path(projects_dir or locations.projects_dir()) / FILE_NAME
    write_station_file(path, profile)
    shown = (
        getattr(profile.targets, key[8:]) if key.startswith("targets.") else getattr(profile, key)
    )
    click.echo(f"{key} = {shown!r} ({path})")


commands = [station]
