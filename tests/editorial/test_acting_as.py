"""``ttdn --as NAME`` once the station keeps a people file: unknown names are refused."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.services.people import people_file, set_password
from ttdn_studio.store import editorial as records
from ttdn_studio.store import open_project


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def test_without_a_people_file_any_name_is_accepted(folder: Path) -> None:
    assert not people_file().exists()
    code, out = run("--as", "anyone", "people", "role", str(folder), "anyone", "chief-editor")
    assert code == 0, out
    with open_project(folder) as store:
        assert records.roles(store.conn) == {"anyone": "chief"}


def test_an_unknown_name_is_refused_and_nothing_changes(folder: Path) -> None:
    set_password("hung", "a long secret")
    set_password("lan", "another secret")
    code, out = run("--as", "hugn", "people", "role", str(folder), "hugn", "chief-editor")
    assert code == 1
    assert "'hugn' is not one of the station's people (hung, lan)" in out
    assert "ttdn people add hugn" in out and "Traceback" not in out
    with open_project(folder) as store:
        assert records.roles(store.conn) == {}
    code, out = run("--as", "hung", "people", "role", str(folder), "hung", "chief-editor")
    assert code == 0, out
    with open_project(folder) as store:
        assert records.roles(store.conn) == {"hung": "chief"}
