"""``ttdn glossary``: exit codes, files written, JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.glossary import (
    GlossaryEntry,
    load_glossary,
    read_glossary_file,
    write_glossary_file,
)
from ttdn_studio.models import Project
from ttdn_studio.store import create_project


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    create_project(tmp_path / "ep", Project(title="Tập thử")).close()
    return tmp_path / "ep"


def test_list_filters_and_json_shape() -> None:
    code, out, _ = run("glossary", "list", "--domain", "product", "--search", "CUA", "--json")
    assert code == 0
    data = json.loads(out)
    assert data and all(d["domain"] == "product" for d in data)
    assert all("cua" in (d["vi"] + d["en"] + d["km"] + d["note"]).casefold() for d in data)
    assert set(data[0]) == {
        *("vi", "en", "km", "domain", "note", "forbidden", "layer"),
        *("valid_from", "valid_until", "successor", "source", "sensitive"),
    }
    assert {d["vi"] for d in data} >= {"cua Cà Mau", "cua"}
    code, out, _ = run("glossary", "list", "-s", "Đất Mũi")
    assert code == 0 and "Đất Mũi → Dat Mui" in out


def test_add_to_user_then_project(project: Path) -> None:
    code, out, _ = run(
        "glossary",
        "add",
        "Hòn Buông",
        "--en",
        "Hon Buong Island",
        "--domain",
        "place",
        "--forbid",
        "en:Buong Island",
        "--note",
        "Islet",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["file"] == str(locations.user_glossary_file()) and data["added"] == 1
    assert data["entry"]["forbidden"] == {"en": ["Buong Island"]}
    code, out, _ = run(
        "glossary", "add", "Hòn Buông", "--en", "Hon Buong", "--project", str(project), "--json"
    )
    assert code == 0 and json.loads(out)["file"] == str(project / "glossary.tsv")
    assert load_glossary().lookup("Hòn Buông").en == "Hon Buong Island"  # type: ignore[union-attr]
    assert load_glossary(project).lookup("Hòn Buông").en == "Hon Buong"  # type: ignore[union-attr]
    code, out, _ = run(
        "glossary", "add", "hòn buông", "--en", "Hon Buong", "--project", str(project), "--json"
    )
    assert json.loads(out)["added"] == 0 and len(read_glossary_file(project / "glossary.tsv")) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "add", "X"],  # --en missing
        ["glossary", "add", "X", "--en", "Y", "--domain", "planet"],
        ["glossary", "add", "X", "--en", "Y", "--forbid", "Camau"],
        ["glossary", "export", "out.tsv", "--format", "docx"],
        ["glossary", "nonsense"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args)[0] == 2


def test_user_errors_exit_1(tmp_path: Path) -> None:
    code, _, err = run("glossary", "import", str(tmp_path / "missing.tsv"))
    assert code == 1 and "no such glossary file" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("vi,en,domain\nCà Mau,Ca Mau,planet\n", encoding="utf-8")
    code, _, err = run("glossary", "import", str(bad))
    assert code == 1 and "bad.csv, line 2" in err and "unknown domain" in err
    assert not locations.user_glossary_file().exists()  # nothing written on failure
    code, _, err = run("glossary", "list", "--project", str(tmp_path / "nope"))
    assert code == 1 and "no such project folder" in err


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_import_export_round_trip(tmp_path: Path, project: Path, fmt: str) -> None:
    source = tmp_path / f"in.{fmt}"
    entries = [
        GlossaryEntry(vi="Hòn Buông", en="Hon Buong", domain="place", forbidden={"en": ["Buong"]}),
        GlossaryEntry(vi="Cà Mau", en="Ca Mau (project)", km="ទឹកខ្មៅ", domain="place"),
    ]
    write_glossary_file(source, entries)
    code, out, _ = run("glossary", "import", str(source), "--project", str(project), "--json")
    assert code == 0
    assert json.loads(out) == {
        "file": str(project / "glossary.tsv"),
        "read": 2,
        "added": 2,
        "replaced": 0,
    }
    out_file = tmp_path / f"all.{fmt}"
    code, out, _ = run("glossary", "export", str(out_file), "--project", str(project), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == fmt and data["entries"] == len(load_glossary(project))
    exported = read_glossary_file(out_file)
    assert exported == load_glossary(project).entries
    assert next(e for e in exported if e.vi == "Cà Mau").en == "Ca Mau (project)"


def test_export_format_option_overrides_extension(tmp_path: Path) -> None:
    out_file = tmp_path / "glossary.txt"
    code, _, _ = run("glossary", "export", str(out_file), "--format", "tbx")
    assert code == 0 and out_file.read_text(encoding="utf-8").startswith("<?xml")


def test_help_explains_itself() -> None:
    code, out, _ = run("glossary", "--help")
    assert code == 0 and "bundled glossary" in out
