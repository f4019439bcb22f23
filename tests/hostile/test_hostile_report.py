"""Hostile input to the yearly report: a station profile with characters no document can hold."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hostile_cli import run

from ttdn_studio.models.station import load_station
from ttdn_studio.store import open_project


def test_control_characters_in_the_station_profile_are_left_out_of_every_report(
    project: Path, tmp_path: Path
) -> None:
    # a signer's name pasted from Word keeps its manual line break (U+000B); a NUL and an
    # escape come from a broken editor
    (project.parent / "station.toml").write_text(
        'signer_name = "Nguyễn\\u000bVăn A"\n'
        'unit_short = "BĐ\\u0000CM\\u001b[2J"\n'
        'recipients = ["Sở Ngoại vụ\\u0007"]\n',
        encoding="utf-8",
    )
    profile = load_station(project.parent)
    assert (profile.signer_name, profile.unit_short) == ("Nguyễn Văn A", "BĐCM[2J")
    assert profile.recipients == ["Sở Ngoại vụ"]
    for fmt in ("docx", "html", "md"):
        out = tmp_path / f"report.{fmt}"
        result = run("report", project.parent, "--year", "2026", "-o", out)
        assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "report.docx") as package:
        text = package.read("word/document.xml").decode("utf-8")
    assert "Nguyễn Văn A" in text and "BC-BĐCM[2J" in text


def test_a_title_and_a_name_stored_with_control_characters_do_not_stop_the_docx_report(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    with open_project(project) as store:  # as stored before such text was refused
        store.conn.execute("UPDATE project SET title = ?", ("Tập\x0b1\x01 Cà Mau",))
    monkeypatch.setenv("TTDN_USER", "Lan\x1b[2J")  # a name from an older version
    result = run("status", project, "--lang", "en", "--set", "approved", "--all")
    assert result.code == 0, result.err
    out = tmp_path / "report.docx"
    result = run("report", project.parent, "--year", "2026", "-o", out)
    assert result.code == 0, result.err
    with zipfile.ZipFile(out) as package:
        text = package.read("word/document.xml").decode("utf-8")
    assert "Tập 1 Cà Mau" in text and "Lan[2J" in text


def test_a_project_whose_database_name_is_a_folder_is_named_as_skipped(
    project: Path, tmp_path: Path
) -> None:
    odd = project.parent / "tap-odd"
    (odd / "project.db").mkdir(parents=True)
    out = tmp_path / "report.md"
    result = run("report", project.parent, "--year", "2026", "-o", out)
    assert result.code == 0, result.err
    assert "tap-odd" in result.err + out.read_text(encoding="utf-8")
    assert "is a folder" in result.err + out.read_text(encoding="utf-8")


def test_the_report_shown_on_the_terminal_cannot_steer_it(project: Path, monkeypatch) -> None:
    """A name stored with an escape by an older version is shown as text, not obeyed."""
    monkeypatch.setenv("TTDN_USER", "Lan\x1b[2J")  # a name from an older version
    result = run("status", project, "--lang", "en", "--set", "approved", "--all")
    assert result.code == 0, result.err
    result = run("report", project.parent, "--year", "2026")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "Lan\\x1b[2J" in result.out
