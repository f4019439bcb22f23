"""``ttdn qc`` and ``ttdn profile``: JSON shape, exit codes, --fix."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.store import NewCue, ProjectStore


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def clean(store: ProjectStore) -> ProjectStore:
    store.add_cues(
        "main",
        [
            NewCue(0, 2000, "Xin chào", {"en": "Hello", "km": "សួស្តី"}),
            NewCue(3000, 5000, "Tạm biệt", {"en": "Goodbye", "km": "លាហើយ"}),
        ],
    )
    return store


def test_clean_project_exits_0_with_the_json_contract(clean: ProjectStore) -> None:
    code, out, _ = run("qc", str(clean.path), "--lang", "en", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["findings"] == []
    assert data["summary"]["errors"] == 0 and data["summary"]["by_check"] == {}


def test_warnings_only_exit_0_errors_exit_1(clean: ProjectStore) -> None:
    rows = clean.cue_rows()
    clean.edit_cue(rows[1].cue.id, expected_version=None, start_ms=2040, end_ms=5000)  # short gap
    code, out, _ = run("qc", str(clean.path), "--lang", "en", "--json")
    data = json.loads(out)
    assert code == 0 and data["summary"]["warnings"] == 1
    assert data["findings"][0] == {
        "clip": "main",
        "index": 1,
        "lang": "en",
        "check": "gap",
        "severity": "warning",
        "message": data["findings"][0]["message"],
    }
    clean.edit_translation(rows[0].cue.id, "en", "", expected_version=None)
    code, out, _ = run("qc", str(clean.path), "--lang", "en", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["by_check"] == {"empty": 1, "gap": 1}
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1}


def test_text_report(clean: ProjectStore) -> None:
    clean.edit_translation(clean.cue_rows()[0].cue.id, "en", "", expected_version=None)
    code, out, _ = run("qc", str(clean.path), "--lang", "en")
    assert code == 1 and "main #1" in out and "empty" in out and "1 error(s)" in out


def test_fix_then_report_what_is_left_and_undo(store: ProjectStore) -> None:
    store.add_cues(
        "main",
        [
            NewCue(0, 2000, "Xin chào", {"en": "Hello", "km": "សួស្តី"}),
            NewCue(1900, 5000, "Tạm biệt", {"en": "Goodbye", "km": "លាហើយ"}),
        ],
    )
    clean = store
    code, _, _ = run("qc", str(clean.path), "--lang", "en")
    assert code == 1
    code, out, _ = run("qc", str(clean.path), "--lang", "en", "--fix", "--json")
    data = json.loads(out)
    assert code == 0 and data["fixed"]["overlap"] == 1 and data["findings"] == []
    code, out, _ = run("undo", str(clean.path))
    assert code == 0 and "qc fix en" in out
    assert run("qc", str(clean.path), "--lang", "en")[0] == 1


def test_source_language_and_usage_errors(clean: ProjectStore) -> None:
    assert run("qc", str(clean.path), "--lang", "vi", "--json")[0] == 0
    code, _, err = run("qc", str(clean.path), "--lang", "fr")
    assert code == 1 and "fr" in err
    assert run("qc", str(clean.path))[0] == 2  # --lang is required
    code, _, err = run("qc", str(clean.path), "--lang", "en", "--check", "nope")
    assert code == 1 and "nope" in err
    code, _, err = run("qc", str(clean.path / "missing"), "--lang", "en")
    assert code == 1


def test_profile_show_and_set(clean: ProjectStore) -> None:
    code, out, _ = run("profile", str(clean.path), "--lang", "km", "--json")
    assert code == 0
    assert json.loads(out)["measure"] == "width" and json.loads(out)["max_chars"] is None
    code, out, _ = run(
        "profile",
        str(clean.path),
        "--lang",
        "en",
        "--set",
        "max_cps=17",
        "--set",
        "max_lines=3",
        "--json",
    )
    assert code == 0 and json.loads(out)["max_cps"] == 17 and json.loads(out)["max_lines"] == 3
    code, out, _ = run(
        "profile", str(clean.path), "--lang", "en", "--set", "max_chars=none", "--json"
    )
    data = json.loads(out)
    assert data["max_chars"] is None and data["max_cps"] == 17  # earlier overrides kept
    profiles = clean.project.settings["profiles"]
    assert isinstance(profiles, dict) and profiles["en"]["max_cps"] == 17


@pytest.mark.parametrize("bad", ["max_cpx=3", "max_cps=fast", "max_lines", "measure=pixels"])
def test_profile_bad_settings_exit_1(clean: ProjectStore, bad: str) -> None:
    code, _, err = run("profile", str(clean.path), "--lang", "en", "--set", bad)
    assert code == 1 and err.startswith("ttdn:")
    assert "profiles" not in clean.project.settings


def test_profile_changes_what_qc_reports(clean: ProjectStore) -> None:
    assert run("qc", str(clean.path), "--lang", "en", "--check", "line_length")[0] == 0
    run("profile", str(clean.path), "--lang", "en", "--set", "max_chars=4")
    code, out, _ = run("qc", str(clean.path), "--lang", "en", "--check", "line_length", "--json")
    assert code == 1 and json.loads(out)["summary"]["by_check"] == {"line_length": 2}
