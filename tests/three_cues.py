"""A small project: one clip of three cues with English, for the station-clock tests."""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.models import Project
from ttdn_studio.store import NewCue, ProjectStore, create_project


def three_cue_project(path: Path) -> ProjectStore:
    """Create it at ``path`` (clip ``intro``); the caller closes the store."""
    store = create_project(path, Project(title="Cà Mau", target_langs=["en"]))
    store.add_clip("intro")
    store.add_cues(
        "intro",
        [
            NewCue(0, 900, "Cà Mau có ba mặt giáp biển.", translations={"en": "Ca Mau."}),
            NewCue(1000, 1900, "Biển Đông rộng lớn.", translations={"en": "The sea."}),
            NewCue(2000, 2900, "Rừng đước Năm Căn.", translations={"en": "Mangroves."}),
        ],
    )
    return store
