"""The gate on air renders, through the CLI, with real ffmpeg: refused naming the cues,
a PROOF render anyway (watermarked, not delivered), then signed off and rendered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from clips import frame_png, lavfi_clip
from PIL import Image

from ttdn_studio.cli import cli
from ttdn_studio.render.presets import PRESETS, proof_of
from ttdn_studio.store import open_project


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def corner(video: Path) -> np.ndarray:
    """The top-right quarter of a frame at 0.5 s (where the PROOF mark goes)."""
    png = frame_png(video, 0.5)
    from io import BytesIO

    image = np.asarray(Image.open(BytesIO(png)).convert("RGB")).astype(int)
    h, w = image.shape[:2]
    return image[: h // 4, w // 2 :]


def test_air_presets_are_marked() -> None:
    assert PRESETS["broadcast"].air
    assert not PRESETS["web"].air and not PRESETS["draft"].air
    proof = proof_of(PRESETS["broadcast"])
    assert (proof.name, proof.air, proof.watermark) == ("proof", False, "PROOF")
    assert proof.describe() != PRESETS["broadcast"].describe()


def test_render_for_air_is_gated(folder: Path, tmp_path: Path) -> None:
    video = lavfi_clip(tmp_path / "grey.mp4", 3.0, size="320x180")
    store = open_project(folder)
    store.set_clip_video("intro", str(video))
    store.close()
    assert run("--as", "hung", "people", "role", str(folder), "hung", "chief-editor")[0] == 0
    ids = ",".join(str(i) for i in range(1, 4))
    code, out = run(
        "--as", "hung", "status", str(folder), "--lang", "en", "--set", "approved", "--cues", ids
    )
    assert code == 0, out
    # refused for air, naming the cue
    code, out = run("render", str(folder), "--lang", "en", "--preset", "broadcast")
    assert code == 1
    assert "not rendered for air" in out and "intro cue 2 (en)" in out and "South China Sea" in out
    assert "Traceback" not in out
    assert not list((folder / "renders").glob("*.mp4"))
    # a proof renders anyway, watermarked, and is recorded as a proof
    code, out = run("render", str(folder), "--lang", "en", "--preset", "broadcast", "--proof")
    assert code == 0, out
    proof = folder / "renders" / "intro.en.proof.mp4"
    assert proof.is_file()
    grey = corner(video)  # the source picture, scaled the same way is not needed: flat grey
    marked = corner(proof)
    assert (np.abs(marked - grey.mean()).max(axis=2) > 60).sum() > 200  # red PROOF letters
    # signed off and cleared: the broadcast render goes through
    code, out = run(
        "--as",
        "hung",
        "signoff",
        str(folder),
        "--clip",
        "intro",
        "--cue",
        "2",
        "--lang",
        "en",
        "--reason",
        "quoted from a foreign statement",
    )
    assert code == 0, out
    code, out = run("render", str(folder), "--lang", "en", "--preset", "broadcast")
    assert code == 1 and "intro (en) not cleared" in out
    code, out = run("--as", "lan", "clear", str(folder), "--clip", "intro", "--lang", "en")
    assert code == 1 and "lan has no role in this project, so cannot clear a clip for air" in out
    code, out = run("--as", "hung", "clear", str(folder), "--clip", "intro", "--lang", "en")
    assert code == 0, out
    code, out = run("render", str(folder), "--lang", "en", "--preset", "broadcast")
    assert code == 0, out
    air = folder / "renders" / "intro.en.broadcast.mp4"
    assert air.is_file()
    assert (np.abs(corner(air) - grey.mean()).max(axis=2) > 60).sum() == 0  # no watermark
    # the report counts the broadcast render as delivered, the proof as a proof
    from ttdn_studio.report import build_report

    today = date.today()
    report = build_report(folder.parent, date(today.year, 1, 1), date(today.year, 12, 31))
    assert [(r.preset, r.count) for r in report.renders] == [("broadcast", 1)]
    assert report.totals.draft_renders == 1
    assert [s.reason for s in report.signoffs] == ["quoted from a foreign statement"]
