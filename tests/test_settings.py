"""One settings module reads the environment; nothing else in the package does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ttdn_studio
from ttdn_studio import locations, settings
from ttdn_studio.errors import ValidationError
from ttdn_studio.store.project_store import current_user

PACKAGE = Path(ttdn_studio.__file__).parent
READS_ENV = re.compile(r"os\.environ|getenv|environ\[|from os import .*environ")


def test_only_settings_reads_the_environment() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "settings.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if READS_ENV.search(line)
    ]
    assert offenders == []


def test_paths_and_user_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(tmp_path / "p"))
    monkeypatch.setenv("TTDN_USER", "Nguyễn Văn A")
    assert locations.data_dir() == tmp_path / "d" and (tmp_path / "d").is_dir()
    assert locations.projects_dir() == tmp_path / "p"
    assert current_user() == "Nguyễn Văn A"
    monkeypatch.setenv("TTDN_USER", "  ")
    assert settings.current().user is None  # blank means unset


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_thread_count_is_a_clear_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTDN_MT_INTER_THREADS", value)
    got = settings.current()  # other settings stay usable
    with pytest.raises(ValidationError, match="TTDN_MT_INTER_THREADS must be a whole number"):
        _ = got.mt_inter_threads


def test_thread_counts_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTDN_MT_INTRA_THREADS", "3")
    monkeypatch.setenv("TTDN_MT_INTER_THREADS", "2")
    got = settings.current()
    assert (got.mt_intra_threads, got.mt_inter_threads) == (3, 2)
