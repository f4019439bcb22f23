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
