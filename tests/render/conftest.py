"""Tiny generated clips and projects for the render tests (real ffmpeg, no downloads)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from clips import frame_png, lavfi_clip
from PIL import Image

from ttdn_studio.models import Project, Status
from ttdn_studio.services.rendering import JobResult, render_batch
from ttdn_studio.store import ProjectStore, create_project
from ttdn_studio.store.project_store import NewCue

W, H = 640, 360
# Lines from the demo episode "Cà Mau - Đất và người".
CUES = [
    NewCue(
        200,
        900,
        "Ở cực Nam của Tổ quốc,\nCà Mau có ba mặt giáp biển.",
        translations={
            "en": "At the southern tip of Vietnam, Ca Mau\nis bordered by the sea on three sides.",
            "km": "នៅចុងខាងត្បូងនៃប្រទេសវៀតណាម ខេត្តទឹកខ្មៅជាប់សមុទ្របីទិស។",
        },
        statuses={"en": Status.APPROVED, "km": Status.APPROVED},
    ),
    NewCue(
        1300,
        1800,
        "Rừng đước Năm Căn",
        translations={"en": "The Nam Can mangrove forest", "km": "ព្រៃកោងកាងណាមកាន"},
        statuses={"en": Status.APPROVED, "km": Status.APPROVED},
    ),
]
IN_CUE_S, GAP_S = 0.52, 1.08


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("media")
    corrupt = folder / "corrupt.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 40)
    return {
        "grey": lavfi_clip(folder / "grey.mp4", 2.0),
        "grey_mp3": lavfi_clip(folder / "grey mp3.mp4", 2.0, audio="libmp3lame"),
        "long": lavfi_clip(folder / "long.mp4", 8.0, size="320x180"),
        "corrupt": corrupt,
    }


def make_project(path: Path, video: Path | None, clip: str = "main") -> ProjectStore:
    store = create_project(path, Project(title="Cà Mau - Đất và người"))
    store.add_clip(clip, video=str(video) if video else None)
    store.add_cues(clip, CUES)
    return store


@lru_cache(maxsize=64)
def _frame(video: Path, stamp: int, seconds: float) -> np.ndarray:
    png = frame_png(video, seconds)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def frame(video: Path, seconds: float) -> np.ndarray:
    """One decoded RGB frame of ``video`` at ``seconds`` (cached per file version)."""
    return _frame(video, video.stat().st_mtime_ns, seconds)


def text_mask(rendered: np.ndarray, background: np.ndarray, threshold: int = 60) -> np.ndarray:
    """Pixels where burned text differs clearly from the same frame without subtitles."""
    diff = np.abs(rendered.astype(int) - background.astype(int)).max(axis=2)
    return diff > threshold


def bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the True pixels."""
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def bands(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows that contain text: (first row, last row), top to bottom."""
    rows = [bool(v) for v in np.asarray(mask.any(axis=1))]
    out: list[tuple[int, int]] = []
    start = None
    for y, on in enumerate(rows):
        if on and start is None:
            start = y
        if not on and start is not None:
            out.append((start, y - 1))
            start = None
    if start is not None:
        out.append((start, len(rows) - 1))
    return out


LAYOUTS = [["en"], ["km"], ["km", "en"], ["vi", "en"]]


@pytest.fixture(scope="session")
def batch(media: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, JobResult]:
    """The grey clip rendered once in every layout (draft preset, two at a time)."""
    folder = tmp_path_factory.mktemp("burn")
    store = make_project(folder / "ep", media["grey"])
    results = render_batch(store, layouts=LAYOUTS, preset="draft", jobs=2)
    store.close()
    return {"+".join(r.langs): r for r in results}
