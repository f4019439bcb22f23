"""``ttdn doctor``: the machine, the chosen threads, and what is found or missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.machine import cpu_count


def doctor(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["doctor", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


def test_reports_machine_threads_and_tools() -> None:
    code, out = doctor("--json")
    assert code == 0, out
    found = {f["topic"]: f for f in json.loads(out)}
    assert found["machine"]["value"].startswith(f"{cpu_count()} core")
    assert found["MT threads"]["value"].startswith(f"intra_threads=1, inter_threads={cpu_count()}")
    cores = cpu_count()
    each = "ffmpeg's own threads" if cores == 1 else "1 thread(s)"
    assert found["renders"]["value"].startswith(f"up to {cores} job(s) at once, {each} each")
    assert "ffmpeg version" in found["ffmpeg"]["value"]
    assert found["ffmpeg ass filter"]["ok"]
    assert found["curated glossary"]["value"].endswith("ca-mau.tsv")
    assert found["Argos packages"]["value"].startswith("none installed")


def test_installed_models_are_listed(argos_models: Path) -> None:
    code, out = doctor()
    assert code == 0
    assert "vi→en (translate-vi_en-fixture)" in out


def test_a_damaged_package_folder_is_named_with_its_reason(argos_models: Path) -> None:
    (argos_models / "half-copied").mkdir()
    code, out = doctor("--json")
    assert code == 0  # translation works with the other packages
    found = {f["topic"]: f for f in json.loads(out)}
    damaged = found["damaged Argos package"]["value"]
    assert damaged.startswith("half-copied: no metadata.json")
    assert "ttdn models remove half-copied" in damaged and "Models screen" in damaged
    assert "vi→en (translate-vi_en-fixture)" in found["Argos packages"]["value"]


def test_missing_ffmpeg_or_a_bad_setting_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("TTDN_MT_INTER_THREADS", "zero")
    code, out = doctor()
    assert code == 1
    assert "not found on PATH" in out and "TTDN_MT_INTER_THREADS must be" in out
    assert "MISSING" in out


def test_doctor_runs_and_reports_a_missing_curated_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio import locations

    monkeypatch.setattr(locations, "bundled_glossary_dir", lambda: tmp_path)
    code, out = doctor("--json")
    assert code == 1
    found = {f["topic"]: f for f in json.loads(out)}
    assert not found["curated glossary"]["ok"]
    assert "missing or empty" in found["curated glossary"]["value"]
    assert found["ffmpeg"]["ok"]  # the rest is still reported
