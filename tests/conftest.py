"""Shared fixtures: every test runs with its own data, config and projects folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.models import Project
from ttdn_studio.store import ProjectStore, create_project

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    base = tmp_path_factory.mktemp("ttdn-home")
    for name, sub in (("TTDN_DATA_DIR", "data"), ("TTDN_CONFIG_DIR", "config"), ("TTDN_PROJECTS_DIR", "projects")):
        (base / sub).mkdir()
        monkeypatch.setenv(name, str(base / sub))
    monkeypatch.setenv("TTDN_USER", "tester")
    return base


@pytest.fixture
def store(tmp_path: Path) -> ProjectStore:
    """An empty project with one clip named ``main``."""
    s = create_project(tmp_path / "episode", Project(title="Cà Mau - Đất và người, tập thử"))
    s.add_clip("main")
    return s
