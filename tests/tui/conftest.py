"""Fixtures of the desk's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import build_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    store = build_project(tmp_path / "episode")
    store.close()
    return tmp_path / "episode"


@pytest.fixture(autouse=True)
def no_desk_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's spell checker loads its dictionaries in a second process (seconds of
    CPU); tests of other parts run without it, tests of spelling turn it on."""
    monkeypatch.setenv("TTDN_DESK_SPELLING", "off")
