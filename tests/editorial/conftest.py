"""Two people on one project: each has their own store, as two desks would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ttdn_studio.models import Project
from ttdn_studio.store import ProjectStore, create_project, open_project
from ttdn_studio.store.project_store import NewCue

CUES = [
    NewCue(
        0, 900, "Cà Mau có ba mặt giáp biển.", translations={"en": "Ca Mau has sea on three sides."}
    ),
    NewCue(1000, 1900, "Biển Đông rộng lớn.", translations={"en": "The South China Sea is vast."}),
    NewCue(2000, 2900, "Rừng đước Năm Căn.", translations={"en": "The Nam Can mangroves."}),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "episode"
    store = create_project(path, Project(title="Cà Mau - Đất và người", target_langs=["en", "km"]))
    store.add_clip("intro")
    store.add_cues("intro", CUES)
    store.close()
    return path


@pytest.fixture
def person(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], ProjectStore]]:
    """``person("lan")``: the project as Lan opens it."""
    opened: list[ProjectStore] = []

    def open_as(name: str) -> ProjectStore:
        monkeypatch.setenv("TTDN_USER", name)
        store = open_project(folder)
        opened.append(store)
        return store

    yield open_as
    for store in opened:
        store.close()
