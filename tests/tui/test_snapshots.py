"""Snapshots of the main screens at a small and a roomy terminal size."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_fixtures import build_project

from ttdn_studio.tui.app import TtdnApp


@pytest.fixture
def snapshot_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTDN_USER", "editor")
    build_project(tmp_path / "episode").close()
    return tmp_path / "episode"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_episode_screen(snap_compare, snapshot_project: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(TtdnApp(snapshot_project), terminal_size=size, press=["down", "_"])
