"""``ttdn station`` and the station profile file: defaults, edits, bad values and bad files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import StationError
from ttdn_studio.models.station import load_station, read_station_file


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["station", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def projects() -> Path:
    return Path(os.environ["TTDN_PROJECTS_DIR"])


def test_show_prints_the_defaults_without_a_file() -> None:
    code, out, _ = run("show", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["file"] is None
    profile = data["profile"]
    assert profile["unit"] == "Báo và Đài Phát thanh - Truyền hình Cà Mau"
    assert profile["parent_body"] == "UBND TỈNH CÀ MAU"
    assert profile["place"] == "Cà Mau"
    assert profile["recipients"] == ["Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau"]
    assert profile["time_zone"] == "Asia/Ho_Chi_Minh"


def test_init_then_set_values_and_targets() -> None:
    code, out, _ = run("init")
    assert code == 0 and (projects() / "station.toml").is_file()
    assert run("init")[0] == 1  # not replaced without --force
    assert run("set", "signer_name", "Nguyễn Văn A")[0] == 0
    assert run("set", "targets.episodes_en", "24")[0] == 0
    assert (
        run("set", "recipients", "Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau; Sở Ngoại vụ")[0] == 0
    )
    profile = load_station()
    assert profile.signer_name == "Nguyễn Văn A"
    assert profile.targets.episodes_en == 24
    assert profile.recipients == ["Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau", "Sở Ngoại vụ"]
    code, out, _ = run("show")
    assert f"# {projects() / 'station.toml'}" in out and 'signer_name = "Nguyễn Văn A"' in out


def test_set_keeps_nfc_text() -> None:
    decomposed = "Nguye\u0302\u0303n Va\u0306n A"  # the same name typed with combining marks
    assert run("set", "signer_name", decomposed)[0] == 0
    assert load_station().signer_name == "Nguyễn Văn A"


def test_bad_values_are_refused_and_leave_the_file_unchanged() -> None:
    run("set", "targets.clips", "12")
    before = (projects() / "station.toml").read_bytes()
    for args, message in (
        (("time_zone", "Mars/Olympus"), "unknown time zone 'Mars/Olympus'"),
        (("targets.clips", "many"), "a target is a whole number, not 'many'"),
        (("targets.clips", "-3"), "targets.clips"),
        (("targets.films", "3"), "no target 'films'"),
        (("colour", "red"), "no setting 'colour'"),
    ):
        code, _, err = run("set", "--", *args)
        assert code == 1 and message in err and "Traceback" not in err
    assert (projects() / "station.toml").read_bytes() == before


def test_a_broken_station_file_is_a_clear_error_for_the_report() -> None:
    (projects() / "station.toml").write_text('unit = "Đài\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", "--year", "2026", "--format", "md"])
    assert result.exit_code == 1
    assert "station.toml: not valid TOML" in result.stderr
    (projects() / "station.toml").write_text('unit = "Đài"\nfax = "1"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", "--year", "2026", "--format", "md"])
    assert result.exit_code == 1 and "unknown key 'fax'" in result.stderr


def test_the_config_folder_is_used_when_the_projects_folder_has_none() -> None:
    assert run("init", "--config")[0] == 0
    config = Path(os.environ["TTDN_CONFIG_DIR"]) / "station.toml"
    assert config.is_file() and not (projects() / "station.toml").exists()
    assert run("set", "place", "Năm Căn")[0] == 0  # changes the file in use
    assert load_station().place == "Năm Căn" and not (projects() / "station.toml").exists()


def test_the_report_uses_the_profile(tmp_path: Path) -> None:
    run("set", "unit", "Đài Phát thanh - Truyền hình Thử")
    run("set", "unit_short", "PTTH")
    result = CliRunner().invoke(cli, ["report", "--year", "2026", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "**ĐÀI PHÁT THANH - TRUYỀN HÌNH THỬ**" in result.stdout
    assert "Số: …/BC-PTTH" in result.stdout


@pytest.mark.parametrize(
    ("targets", "said"),
    [
        ("clips = true", "targets.clips: a target is a whole number, not true"),
        ('clips = "24"', 'targets.clips: a target is a whole number, not "24"'),
        ("clips = 2.5", "targets.clips: a target is a whole number, not 2.5"),
        (
            "clip = 24",
            "unknown target 'clip' (targets: episodes_en, minutes_en, khmer_items, clips)",
        ),
    ],
)
def test_a_target_that_is_not_a_whole_number_or_misspelt_is_refused(
    tmp_path: Path, targets: str, said: str
) -> None:
    path = tmp_path / "station.toml"
    path.write_text(f"[targets]\n{targets}\n", encoding="utf-8")
    with pytest.raises(StationError) as caught:
        read_station_file(path)
    assert said in str(caught.value)
