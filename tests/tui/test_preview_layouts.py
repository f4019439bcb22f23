"""The preview screen re-renders its frame in the stacked layouts (km over en, vi over en)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from clips import lavfi_clip
from desk_fixtures import build_project, episode, settle, wait_until
from PIL import Image

from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.screens.preview import PreviewScreen, preview_layouts

SIZE = (120, 40)
KM = "ខេត្តកាម៉ៅ"


@pytest.fixture(scope="session")
def grey_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lavfi_clip(tmp_path_factory.mktemp("layouts") / "tap-01.mp4", 18.0, size="320x180")


@pytest.fixture
def bilingual(tmp_path: Path, grey_clip: Path) -> Path:
    store = build_project(tmp_path / "episode", video=grey_clip)
    cue = store.cue_rows("tap-01")[0].cue
    store.edit_translation(cue.id, "km", KM, expected_version=None)
    store.close()
    return tmp_path / "episode"


def text_rows(png: Path) -> np.ndarray:
    """The pixel rows where something differs from the flat grey clip (the burned text)."""
    frame = np.asarray(Image.open(png).convert("RGB"), dtype=int)
    return np.nonzero((np.abs(frame - 0x70).max(axis=2) > 60).any(axis=1))[0]


def blocks(rows: np.ndarray, gap: int = 12) -> list[tuple[int, int]]:
    """Runs of text rows, split where more than ``gap`` rows in a row are empty."""
    out: list[tuple[int, int]] = []
    for row in rows.tolist():
        if out and row - out[-1][1] <= gap:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


def test_layouts_offered() -> None:
    assert preview_layouts("vi", ["en", "km"], "km") == [
        ["km"],
        ["en"],
        ["en", "km"],
        ["km", "en"],
        ["vi", "en"],
        ["vi", "km"],
    ]
    assert preview_layouts("vi", ["en"], "en") == [["en"], ["vi", "en"]]


async def test_a_stacked_layout_burns_two_blocks(bilingual: Path) -> None:
    app = TtdnApp(bilingual)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+v")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PreviewScreen), limit=60)
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, PreviewScreen)
        single = preview.path
        assert preview.layouts[preview.chosen] == ["en"]
        await pilot.press("4")  # km over en
        assert await wait_until(pilot, lambda: preview.path != single, limit=60)
        await settle(pilot)
        stacked = preview.path
        assert stacked.name == "preview-tap-01-1-km-en.png"
        assert "km over en" in str(preview.query_one("#preview-title").content)
        await pilot.press("tab")  # vi over en
        assert await wait_until(pilot, lambda: preview.path.name.endswith("-vi-en.png"), limit=60)
        source_over = preview.path
        await pilot.press("shift+tab")  # back to km over en: rendered already
        assert preview.path == stacked
        await pilot.press("escape")
        await settle(pilot)

    one = blocks(text_rows(single))
    two = blocks(text_rows(stacked))
    assert len(one) == 1, one  # the English alone: one block near the bottom
    assert len(two) == 2, two  # Khmer above English
    (km_top, km_bottom), (en_top, en_bottom) = two
    assert km_bottom < en_top
    assert abs(en_bottom - one[0][1]) <= 2  # the English stays on the bottom margin
    assert len(blocks(text_rows(source_over))) == 2
