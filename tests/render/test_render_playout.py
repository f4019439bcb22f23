"""Playout masters: every delivery property read back with ffprobe, loudness with ebur128."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from ttdn_studio.render.loudness import parse_measurement
from ttdn_studio.render.presets import PRESETS, get_preset
from ttdn_studio.services.rendering import JobResult, render_batch

from .conftest import IN_CUE_S, frame, make_project, text_mask


def _loud_clip(path: Path, seconds: float = 2.0) -> Path:
    """30 fps 4:2:0 video with a 44.1 kHz mono tone about 9 LU louder than −23 LUFS."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
        + ["-f", "lavfi", "-i", f"color=c=0x707070:s=640x360:r=30:d={seconds}"]
        + ["-f", "lavfi", "-i", f"sine=f=440:d={seconds}:sample_rate=44100,volume=8dB"]
        + ["-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        + ["-c:a", "aac", str(path)],
        check=True,
    )
    return path


def _probe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)
    info["by_type"] = {s["codec_type"]: s for s in info["streams"]}
    return info


def _keyframes(path: Path) -> list[int]:
    """Indexes of the video packets flagged as key frames, in decoding order."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0"]
        + ["-show_entries", "packet=flags", "-of", "csv=p=0", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [i for i, flags in enumerate(out) if flags.startswith("K")]


def _ebur128(path: Path) -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP) as ffmpeg's ebur128 meter reads them."""
    err = subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-vn"]
        + ["-af", "ebur128=peak=true", "-f", "null", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    summary = err[err.rindex("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))  # type: ignore[union-attr]
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))  # type: ignore[union-attr]
    return integrated, peak


def _x264_settings(path: Path) -> str:
    """The encoder settings x264 writes into the stream (its SEI text)."""
    data = path.read_bytes()
    start = data.index(b"x264 - core")
    return data[start : data.index(b"\x00", start)].decode("ascii", "replace")


@pytest.fixture(scope="module")
def playout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[JobResult, Path]]:
    folder = tmp_path_factory.mktemp("playout")
    source = _loud_clip(folder / "loud.mp4")
    store = make_project(folder / "ep", source)
    results = {}
    for name in ("playout-1080i50", "playout-1080p25", "playout-xdcam-mxf"):
        (result,) = render_batch(store, layouts=[["en"]], preset=name)
        results[name] = (result, source)
    return results


def test_the_desk_and_the_cli_offer_the_playout_presets() -> None:
    assert {"playout-1080i50", "playout-1080p25", "playout-xdcam-mxf"} <= set(PRESETS)
    assert get_preset("mxf").container == "mxf"


@pytest.mark.parametrize(
    ("name", "field_order"), [("playout-1080i50", "tt"), ("playout-1080p25", "progressive")]
)
def test_h264_master_has_every_delivery_property(
    playout: dict[str, tuple[JobResult, Path]], name: str, field_order: str
) -> None:
    result, _ = playout[name]
    assert result.status == "done", result.error
    assert result.output.suffix == ".mp4"
    info = _probe(result.output)
    video, audio = info["by_type"]["video"], info["by_type"]["audio"]
    assert video["codec_name"] == "h264" and video["profile"] == "High 4:2:2"
    assert video["pix_fmt"] == "yuv422p"
    assert (video["width"], video["height"]) == (1920, 1080)
    assert video["avg_frame_rate"] == "25/1"  # the source runs at 30 fps
    assert video.get("field_order") == field_order
    assert (video["color_space"], video["color_primaries"], video["color_transfer"]) == (
        "bt709",
        "bt709",
        "bt709",
    )
    assert video["color_range"] == "tv"
    keys = _keyframes(result.output)
    assert keys[0] == 0 and len(keys) >= 2
    assert max(b - a for a, b in zip(keys, keys[1:], strict=False)) <= 25  # GOP ≤ 1 s
    settings = _x264_settings(result.output)
    assert "open_gop=0" in settings and "keyint=25" in settings and "bframes=2" in settings
    assert "vbv_maxrate=40000" in settings and "vbv_bufsize=20000" in settings
    assert "nal_hrd=vbr" in settings
    assert ("interlaced=tff" in settings) == (field_order == "tt")
    assert (audio["codec_name"], audio["sample_rate"], audio["channels"]) == ("aac", "48000", 2)


def test_h264_master_still_shows_the_subtitles(
    playout: dict[str, tuple[JobResult, Path]],
) -> None:
    result, source = playout["playout-1080p25"]
    rendered = frame(result.output, IN_CUE_S)
    plain = frame(result.output, 1.1)  # between the two cues
    assert text_mask(rendered, plain).sum() > 500
    assert frame(source, IN_CUE_S).shape[:2] == (360, 640)


@pytest.mark.parametrize("name", ["playout-1080i50", "playout-1080p25", "playout-xdcam-mxf"])
def test_loudness_is_ebu_r128_and_the_measurement_is_logged(
    playout: dict[str, tuple[JobResult, Path]], name: str
) -> None:
    result, source = playout[name]
    assert result.status == "done", result.error
    before, _ = _ebur128(source)
    assert before > -16  # the source is far too loud for air
    integrated, peak = _ebur128(result.output)
    assert abs(integrated - -23.0) <= 1.0
    assert peak <= -1.0
    log = result.output.with_suffix(".log").read_text(encoding="utf-8")
    line = next(ln for ln in log.splitlines() if ln.startswith("loudness measured"))
    measured = parse_measurement(log)
    assert measured is not None and abs(measured.integrated - before) < 1.0
    assert f"integrated {measured.integrated:.1f} LUFS" in line
    assert "normalised to -23.0 LUFS" in line


def test_xdcam_mxf_master_is_op1a_mpeg2_422_at_50_mbps(
    playout: dict[str, tuple[JobResult, Path]],
) -> None:
    result, _ = playout["playout-xdcam-mxf"]
    assert result.status == "done", result.error
    assert result.output.suffix == ".mxf"
    info = _probe(result.output)
    fmt, video, audio = info["format"], info["by_type"]["video"], info["by_type"]["audio"]
    assert fmt["format_name"] == "mxf"
    # SMPTE 378M operational pattern OP1a: item complexity 01, package complexity 01
    assert fmt["tags"]["operational_pattern_ul"].startswith("060e2b34.04010101.0d010201.0101")
    assert video["codec_name"] == "mpeg2video" and video["profile"] == "4:2:2"
    assert video["pix_fmt"] == "yuv422p" and video["field_order"] == "tt"
    assert (video["width"], video["height"], video["avg_frame_rate"]) == (1920, 1080, "25/1")
    assert video["bit_rate"] == "50000000"
    assert (video["color_space"], video["color_range"]) == ("bt709", "tv")
    keys = _keyframes(result.output)
    assert max(b - a for a, b in zip(keys, keys[1:], strict=False)) <= 12
    assert (audio["codec_name"], audio["sample_rate"], audio["channels"]) == (
        "pcm_s24le",
        "48000",
        2,
    )
    assert abs(float(fmt["duration"]) - 2.0) < 0.1


def test_silent_audio_is_kept_silent_and_said_so(tmp_path: Path) -> None:
    source = tmp_path / "silent.mp4"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
        + ["-f", "lavfi", "-i", "color=c=0x707070:s=320x180:r=25:d=1"]
        + ["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono:d=1"]
        + ["-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(source)],
        check=True,
    )
    store = make_project(tmp_path / "ep", source)
    (result,) = render_batch(store, layouts=[["en"]], preset="playout-1080p25")
    assert result.status == "done", result.error
    audio = _probe(result.output)["by_type"]["audio"]
    assert (audio["sample_rate"], audio["channels"]) == ("48000", 2)
    log = result.output.with_suffix(".log").read_text(encoding="utf-8")
    assert "silent audio, not normalised" in log


def test_a_source_without_audio_gives_a_master_without_audio(tmp_path: Path) -> None:
    source = tmp_path / "mute.mp4"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
        + ["-f", "lavfi", "-i", "color=c=0x707070:s=320x180:r=25:d=1"]
        + ["-c:v", "libx264", "-preset", "ultrafast", str(source)],
        check=True,
    )
    store = make_project(tmp_path / "ep", source)
    (result,) = render_batch(store, layouts=[["en"]], preset="playout-xdcam-mxf")
    assert result.status == "done", result.error
    assert set(_probe(result.output)["by_type"]) == {"video"}
    assert "loudness measured" not in result.output.with_suffix(".log").read_text("utf-8")


def test_existing_presets_keep_their_fingerprint_text() -> None:
    """Renders done before the delivery settings existed are not redone for nothing."""
    from ttdn_studio.render.presets import SafeArea

    speed = get_preset("broadcast").speed  # the tests' fast_renders fixture changes it
    assert get_preset("broadcast").describe() == repr(
        ("broadcast", 1920, 1080, "letterbox", 18, speed, "192k", SafeArea(), 1.0)
    )
    assert get_preset("playout-1080i50").describe() != get_preset("playout-1080p25").describe()


def test_loudness_measurement_is_read_from_ffmpeg_log_text() -> None:
    text = (
        '[Parsed_loudnorm_0 @ 0x1] \n{\n\t"input_i" : "-14.02",\n\t"input_tp" : "-9.70",\n'
        '\t"input_lra" : "0.00",\n\t"input_thresh" : "-24.02",\n\t"output_i" : "-23.00",\n'
        '\t"target_offset" : "0.10"\n}\n'
    )
    measured = parse_measurement("earlier run\n" + text)
    assert measured is not None
    assert (measured.integrated, measured.true_peak, measured.offset) == (-14.02, -9.7, 0.1)
    assert parse_measurement("no json here") is None
    silent = parse_measurement(text.replace('"-14.02"', '"-inf"'))
    assert silent is not None and silent.silent


def test_render_help_names_every_preset() -> None:
    from ttdn_studio.cli.commands.render import PRESET_HELP

    assert [name for name in PRESETS if name not in PRESET_HELP] == []
