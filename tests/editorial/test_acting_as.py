"""``ttdn --as NAME`` once the station keeps a people file: unknown names are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.models import Status
from ttdn_studio.services import editorial, reviewing
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


def test_a_mistyped_ttdn_user_is_refused_and_nothing_changes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_password("hung", "a long secret")
    set_password("lan", "another secret")
    monkeypatch.setenv("TTDN_USER", "hung")
    with open_project(folder) as store:
        editorial.set_role(store, "hung", "chief")
        editorial.set_role(store, "lan", "translator")
    monkeypatch.setenv("TTDN_USER", "lna")
    code, out = run("notes", str(folder), "--add", "Check the cape", "--cue", "1")
    assert code == 1 and "Traceback" not in out
    assert len(set(out.splitlines())) == 1  # one line (stderr is also in the output)
    assert f"{people_file()}: TTDN_USER is 'lna', who is not one of the station's people " in out
    assert "(hung, lan)" in out and "ttdn people add lna" in out
    with open_project(folder) as store:
        assert reviewing.note_rows(store) == []
        assert records.roles(store.conn) == {"hung": "chief", "lan": "translator"}
    monkeypatch.setenv("TTDN_USER", "lan")
    code, out = run("notes", str(folder), "--add", "Check the cape", "--cue", "1")
    assert code == 0, out
    with open_project(folder) as store:
        assert [r["author"] for r in reviewing.note_rows(store)] == ["lan"]


def test_the_login_name_is_checked_when_nothing_else_names_the_person(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_password("hung", "a long secret")
    monkeypatch.delenv("TTDN_USER", raising=False)
    monkeypatch.setenv("LOGNAME", "tuan")  # what getpass reads first
    code, out = run("status", str(folder), "--lang", "en", "--all", "--set", "reviewed")
    assert code == 1
    assert "the login name 'tuan' is not one of the station's people (hung)" in out
    assert "ttdn --as NAME" in out and str(people_file()) in out
    with open_project(folder) as store:
        assert {r.status("en") for r in store.cue_rows("intro")} != {Status.REVIEWED}
    code, out = run(
        "--as", "hung", "status", str(folder), "--lang", "en", "--all", "--set", "reviewed"
    )
    assert code == 0, out
    # managing the people file itself needs no one in it (the first person is added so)
    code, out = run("people", "list")
    assert code == 0 and "hung" in out


def test_without_a_people_file_ttdn_user_and_the_login_name_are_accepted(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not people_file().exists()
    monkeypatch.setenv("TTDN_USER", "anyone")
    code, out = run("notes", str(folder), "--add", "A note", "--cue", "1")
    assert code == 0, out
    monkeypatch.delenv("TTDN_USER")
    monkeypatch.setenv("LOGNAME", "tuan")
    code, out = run("notes", str(folder), "--add", "Another", "--cue", "2")
    assert code == 0, out
    with open_project(folder) as store:
        assert [r["author"] for r in reviewing.note_rows(store)] == ["anyone", "tuan"]


def test_the_desk_does_not_start_for_someone_not_in_the_people_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Path] = []
    monkeypatch.setattr("ttdn_studio.tui.app.run_app", started.append)
    set_password("hung", "a long secret")
    monkeypatch.setenv("TTDN_USER", "hugn")
    code, out = run("tui", str(folder))
    assert code == 1 and "TTDN_USER is 'hugn', who is not one of the station's people" in out
    code, out = run()  # a bare `ttdn`: the demo is not even built
    assert code == 1 and "TTDN_USER is 'hugn'" in out and "Building" not in out
    assert started == []
    monkeypatch.setenv("TTDN_USER", "hung")
    code, out = run("tui", str(folder))
    assert code == 0, out
    assert started == [folder]


def test_ttdn_tui_without_a_project_opens_the_projects_folder(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ttdn tui`` alone opens the desk on the projects screen, as the acting person."""
    opened: list[str] = []
    monkeypatch.setattr("ttdn_studio.tui.app.run_projects", lambda: opened.append("projects"))
    monkeypatch.setattr("ttdn_studio.tui.app.run_app", lambda path: opened.append(str(path)))
    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(folder.parent))
    code, out = run("tui")
    assert code == 0, out
    assert opened == ["projects"]
    set_password("hung", "a long secret")
    monkeypatch.setenv("TTDN_USER", "hugn")
    code, out = run("tui")
    assert code == 1 and "TTDN_USER is 'hugn'" in out and opened == ["projects"]
    monkeypatch.delenv("TTDN_USER")
    stray = tmp_path / "projects.txt"
    stray.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(stray))
    code, out = run("tui")
    assert code == 1 and "is not a folder" in out and opened == ["projects"]
