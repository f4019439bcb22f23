"""``ttdn preview``: one frame as the burn shows it; the Khmer reference rendering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from click.testing import CliRunner
from PIL import Image

from ttdn_studio.cli import cli
from ttdn_studio.services.rendering import JobResult, preview_frame

from .conftest import IN_CUE_S, bbox, frame, make_project, text_mask

REFERENCE = Path(__file__).parent / "reference" / "khmer_preview.png"


def _png(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def test_khmer_preview_matches_the_checked_reference(tmp_path: Path) -> None:
    """The reference was inspected by eye: vowels in place, subscripts joined, no dotted circles."""
    store = make_project(tmp_path / "ep", None)
    out = preview_frame(store, "main", ["km"], 520, tmp_path / "km.png", preset="web")
    new, ref = _png(out), _png(REFERENCE)
    assert new.shape == ref.shape == (720, 1280, 3)
    diff = np.abs(new - ref)
    assert diff.mean() < 0.5 and (diff.max(axis=2) > 64).mean() < 0.002
    ink = new.max(axis=2) > 128
    assert ink.sum() > 2000  # there is text to compare at all


def test_khmer_rendered_with_the_simple_shaper_would_not_match(tmp_path: Path) -> None:
    """The comparison is sensitive enough to catch broken shaping (ffmpeg's subtitles= filter)."""
    import subprocess

    store = make_project(tmp_path / "ep", None)
    preview_frame(store, "main", ["km"], 520, tmp_path / "km.png", preset="web")
    from ttdn_studio.models import Status
    from ttdn_studio.render.burn import workdir
    from ttdn_studio.render.job import prepare, select_events
    from ttdn_studio.render.presets import get_preset

    sel = select_events(store.cue_rows("main", ["km"]), ["km"], store.project, Status.APPROVED)
    job = prepare(store.clip("main"), ["km"], get_preset("web"), None, sel, store.project, tmp_path)
    with workdir(job.ass_text, job.fonts) as cwd:
        subprocess.run(
            [
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "color=c=black:s=1280x720:r=25:d=0.04",
                "-vf",
                "setpts=PTS+0.52/TB,ass=subs.ass:fontsdir=fonts:shaping=simple",
                "-frames:v",
                "1",
                str(tmp_path / "simple.png"),
            ],
            cwd=cwd,
            check=True,
        )
    diff = np.abs(_png(tmp_path / "simple.png") - _png(REFERENCE))
    assert (diff.max(axis=2) > 64).mean() > 0.002


def test_preview_shows_what_the_burn_shows(
    batch: dict[str, JobResult], media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    out = preview_frame(
        store, "main", ["km", "en"], round(IN_CUE_S * 1000), tmp_path / "p.png", preset="draft"
    )
    source = frame(media["grey"], IN_CUE_S)
    previewed = text_mask(_png(out).astype(np.uint8), source)
    burned = text_mask(frame(batch["km+en"].output, IN_CUE_S), source)
    assert abs(np.array(bbox(previewed)) - np.array(bbox(burned))).max() <= 3
    overlap = (previewed & burned).sum() / max(1, (previewed | burned).sum())
    assert overlap > 0.6


def test_cli_preview_to_an_awkward_path_and_without_video(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "Tập 1 'a' [b], c; d: đ", media["grey"])
    store.add_clip("no video")
    store.add_cues("no video", [])
    out = tmp_path / "ảnh, 'x' [1]: y" / "frame.png"
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "preview",
            str(store.path),
            "--clip",
            "main",
            "--stack",
            "vi,en",
            "--at",
            str(IN_CUE_S),
            "--preset",
            "draft",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert text_mask(_png(out).astype(np.uint8), frame(media["grey"], IN_CUE_S)).sum() > 200
    black = tmp_path / "black.png"
    result = runner.invoke(
        cli,
        [
            "preview",
            str(store.path),
            "--clip",
            "no video",
            "--lang",
            "en",
            "--at",
            "1",
            "--preset",
            "social",
            "-o",
            str(black),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert _png(black).shape == (1920, 1080, 3) and _png(black).max() == 0  # no cues: all black
    bad = runner.invoke(
        cli,
        [
            "preview",
            str(store.path),
            "--clip",
            "main",
            "--lang",
            "fr",
            "--at",
            "1",
            "-o",
            str(black),
        ],
    )
    assert bad.exit_code == 1 and "fr" in bad.output


def test_what_the_preview_shows_is_named(tmp_path: Path) -> None:
    """Which language texts are on screen at a time, as the burn selects them."""
    from ttdn_studio.services.rendering import shown_at

    from .conftest import CUES, GAP_S

    store = make_project(tmp_path / "ep", None)
    at = round(IN_CUE_S * 1000)
    assert shown_at(store, "main", ["km", "en"], at) == {
        "km": CUES[0].translations["km"],
        "en": CUES[0].translations["en"],
    }
    assert shown_at(store, "main", ["km", "en"], round(GAP_S * 1000)) == {}
    cue = store.cue_rows("main")[0].cue
    store.edit_translation(
        cue.id, "km", CUES[0].translations["km"], expected_version=None, status="draft"
    )
    assert shown_at(store, "main", ["km", "en"], at) == {"en": CUES[0].translations["en"]}
    assert "km" in shown_at(store, "main", ["km"], at, min_status="draft")
    result = CliRunner().invoke(
        cli,
        [
            "preview",
            str(store.path),
            "--clip",
            "main",
            "--stack",
            "km,en",
            "--at",
            str(IN_CUE_S),
            "-o",
            str(tmp_path / "p.png"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "km: nothing at 00:00:00.520 (no cue there, or not approved yet)" in result.output
    assert "en: At the southern tip of Vietnam, Ca Mau / is bordered" in result.output
