"""Narration clips spoken by espeak-ng with exact ground truth, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from media.narration import Line, have_espeak, load_truth, make_fixture_set


class Narration:
    def __init__(self, paths: dict[str, Path]):
        self.clean = paths["clean"]
        self.music = paths["music"]
        self.truth: list[Line] = load_truth(paths["truth"])


@pytest.fixture(scope="session")
def narration(tmp_path_factory: pytest.TempPathFactory) -> Narration:
    if not have_espeak():
        pytest.fail("espeak-ng is missing: run scripts/setup.sh (it installs it)")
    return Narration(make_fixture_set(tmp_path_factory.mktemp("narration")))
