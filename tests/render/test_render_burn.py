"""Burning with real ffmpeg: text where and when it should be, stacking, vertical preset."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from ttdn_studio.services.rendering import JobResult, preview_frame

from .conftest import GAP_S, IN_CUE_S, bands, bbox, frame, make_project, text_mask


def _mask(result: JobResult, source: Path, seconds: float) -> np.ndarray:
    return text_mask(frame(result.output, seconds), frame(source, seconds))


def _streams(path: Path) -> dict[str, dict[str, str]]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {s["codec_type"]: s for s in json.loads(out)["streams"]}


@pytest.mark.parametrize("langs", ["en", "km", "km+en", "vi+en"])
def test_text_inside_the_safe_area_during_cues_and_nothing_between(
    batch: dict[str, JobResult], media: dict[str, Path], langs: str
) -> None:
    result = batch[langs]
    assert result.status == "done", result.error
    h, w = frame(result.output, 0).shape[:2]
    during = _mask(result, media["grey"], IN_CUE_S)
    assert during.sum() > 200
    left, top, right, bottom = bbox(during)
    assert left >= 0.05 * w - 2 and right <= 0.95 * w + 2
    assert bottom <= h * (1 - 0.08) + 2 and top > h / 3
    assert _mask(result, media["grey"], GAP_S).sum() == 0
    assert _mask(result, media["grey"], 1.5).sum() > 100  # second cue


def test_frame_rate_size_and_audio_are_kept(
    batch: dict[str, JobResult], media: dict[str, Path]
) -> None:
    source, out = _streams(media["grey"]), _streams(batch["en"].output)
    assert out["video"]["avg_frame_rate"] == source["video"]["avg_frame_rate"] == "25/1"
    assert (out["video"]["width"], out["video"]["height"]) == (640, 360)
    assert out["video"]["codec_name"] == "h264" and out["video"]["pix_fmt"] == "yuv420p"
    assert out["audio"]["codec_name"] == "aac"
    assert abs(float(out["audio"]["duration"]) - float(source["audio"]["duration"])) < 0.1


def test_stacked_top_language_sits_above_the_bottom_one(
    batch: dict[str, JobResult], media: dict[str, Path]
) -> None:
    alone = _mask(batch["en"], media["grey"], IN_CUE_S)
    stacked = _mask(batch["km+en"], media["grey"], IN_CUE_S)
    khmer = _mask(batch["km"], media["grey"], IN_CUE_S)
    en_top, en_bottom = bbox(alone)[1], bbox(alone)[3]
    # English keeps its place at the bottom; Khmer moves up, entirely above it
    assert abs(bbox(stacked)[3] - en_bottom) <= 2
    km_rows = bands(stacked[: en_top - 1])
    assert km_rows, "no Khmer text above the English"
    assert km_rows[-1][1] < en_top
    assert bbox(khmer)[3] > km_rows[-1][1] + 10  # alone, Khmer sits lower than when stacked


def test_the_batch_is_recorded_as_done_in_the_project(batch: dict[str, JobResult]) -> None:
    from ttdn_studio.store import open_project

    store = open_project(batch["en"].output.parent.parent)
    rows = store.conn.execute(
        "SELECT langs, preset, status, cues, duration_ms, finished_at FROM render_jobs ORDER BY id"
    ).fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("en", "draft", "done", 2),
        ("km", "draft", "done", 2),
        ("km,en", "draft", "done", 2),
        ("vi,en", "draft", "done", 2),
    ]
    assert all(abs(r[4] - 2000) < 100 and r[5] for r in rows)
    log = batch["km+en"].log_path.read_text() if batch["km+en"].log_path else ""
    # libass found each style's font in the gathered fonts, not a system substitute
    assert "(Noto Sans Khmer, 400, 0) -> NotoSansKhmer-Regular" in log
    assert "(Be Vietnam Pro Medium, 400, 0) -> BeVietnamPro-Medium" in log


def test_social_vertical_fits_the_picture_and_keeps_text_above_the_platform_buttons(
    media: dict[str, Path], tmp_path: Path
) -> None:
    """Same graph as the burn (fit + ass filter), one frame each in and out of a cue."""
    store = make_project(tmp_path / "ep", media["grey"])
    between = _png(
        preview_frame(
            store, "main", ["km", "en"], round(GAP_S * 1000), tmp_path / "gap.png", preset="social"
        )
    )
    during = _png(
        preview_frame(
            store,
            "main",
            ["km", "en"],
            round(IN_CUE_S * 1000),
            tmp_path / "cue.png",
            preset="social",
        )
    )
    assert between.shape == (1920, 1080, 3)
    # the 16:9 picture fills the width in the middle; grey there, blurred copy above and below
    assert np.abs(between[960].astype(int) - 0x70).max() < 12
    mask = text_mask(during, between)
    left, top, right, bottom = bbox(mask)
    assert bottom <= 1920 * 0.8 + 2 and left >= 1080 * 0.07 - 2 and right <= 1080 * 0.93 + 2
    assert len(bands(mask)) >= 3  # Khmer above two English lines


def _png(path: Path) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(path).convert("RGB"))
