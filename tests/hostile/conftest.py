"""Hostile input: one small project shared by the suite (helpers in ``hostile_cli``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ttdn_studio.models import Project, Status
from ttdn_studio.store import NewCue, create_project


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one clip of three cues: en approved, mt and draft; km empty."""
    folder = tmp_path_factory.mktemp("hostile") / "tap-1"
    store = create_project(folder, Project(title="Cà Mau - Đất và người, tập 1"))
    store.add_clip("tap-1")
    store.add_cues(
        "tap-1",
        [
            NewCue(0, 2000, "Đất Mũi", {"en": "Dat Mui Cape"}, {"en": Status.APPROVED}),
            NewCue(2500, 4500, "Rừng đước", {"en": "Mangrove forest"}, {"en": Status.MT}),
            NewCue(5000, 7000, "Chợ nổi", {"en": "Floating market"}, {"en": Status.DRAFT}),
        ],
    )
    store.close()
    return folder


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the shared project for one test."""
    target = tmp_path / "tap-1"
    shutil.copytree(built_project, target)
    return target
