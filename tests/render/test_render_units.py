"""Render building blocks without ffmpeg: styles, fitting, stacking, presets, queue, progress."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pysubs2
import pytest

from ttdn_studio import fonts
from ttdn_studio.errors import FontError, RenderError
from ttdn_studio.layout.measure import default_font_size, line_width_px
from ttdn_studio.models import Status
from ttdn_studio.render.assfile import (
    STACK_GAP,
    SubtitleEvent,
    build_ass,
    fit_for_render,
    safe_text_width,
)
from ttdn_studio.render.ffmpeg_run import parse_block
from ttdn_studio.render.job import output_name, select_events
from ttdn_studio.render.presets import PRESETS, get_preset
from ttdn_studio.render.styles import style_for
from ttdn_studio.services.rendering import render_batch
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.render_jobs import owner_alive

from .conftest import CUES, make_project

KM_LONG = (
    "នៅចុងខាងត្បូងនៃប្រទេសវៀតណាម ខេត្តទឹកខ្មៅជាប់សមុទ្របីទិស។"
    "ព្រៃកោងកាងណាមកានជាព្រៃលិចទឹកដ៏ធំបំផុតមួយនៃប្រទេស"
    "ដែលប្រជាជនរស់នៅដោយការនេសាទនិងការចិញ្ចឹមបង្គា"
)


def test_progress_block_turns_into_percent_speed_and_eta() -> None:
    started = time.monotonic() - 2.0
    p = parse_block(
        {"out_time_ms": "5000000", "speed": "2.5x", "progress": "continue"}, 20_000, started
    )
    assert p.percent == 25.0 and p.speed == 2.5
    assert p.eta_s is not None and 5.0 < p.eta_s < 7.0  # 2 s for 25 % → 6 s left
    assert parse_block({"speed": "N/A", "progress": "end"}, 20_000, started).percent == 100.0
    assert (
        parse_block({"out_time_ms": "N/A", "progress": "continue"}, 20_000, started).percent == 0.0
    )


def test_long_khmer_line_is_broken_at_words_within_the_safe_width() -> None:
    style = style_for("km", 1280, 720, get_preset("web").safe)
    lines = fit_for_render(KM_LONG, style, 1280)
    assert len(lines) >= 2
    assert "".join(lines).replace(" ", "") == KM_LONG.replace(" ", "")  # nothing lost or added
    limit = safe_text_width(style, 1280)
    assert all(line_width_px(line, "km", style.size) <= limit for line in lines)
    from khmercut import tokenize

    boundaries = {0}
    for token in tokenize(KM_LONG):
        boundaries.add(max(boundaries) + len(token))
    pos = 0
    for line in lines[:-1]:  # every break falls on a word boundary
        pos = KM_LONG.index(line, pos) + len(line)
        assert pos in boundaries or KM_LONG[pos] == " "


def test_existing_line_breaks_are_kept() -> None:
    style = style_for("en", 1920, 1080, get_preset("broadcast").safe)
    assert fit_for_render("At the southern tip,\nCa Mau", style, 1920) == [
        "At the southern tip,",
        "Ca Mau",
    ]


def test_styles_use_qc_sizes_each_language_its_own_font_and_title_safe_margins() -> None:
    safe = get_preset("broadcast").safe
    en, km = style_for("en", 1920, 1080, safe), style_for("km", 1920, 1080, safe)
    assert en.size == default_font_size("en", 1080) and km.size == default_font_size("km", 1080)
    assert en.font == fonts.LATIN and km.font == fonts.KHMER
    assert en.margin_lr == 96 and en.margin_v == round(1080 * 0.08)
    # libass matches the legacy family name; the typographic one would fall back to a system font
    assert fonts.LATIN.ass_name == "Be Vietnam Pro Medium"
    assert fonts.KHMER.ass_name == "Noto Sans Khmer"
    vertical = style_for("en", 1080, 1920, get_preset("social-vertical").safe)
    assert vertical.margin_v >= 0.2 * 1920 - 1 and vertical.size < en.size * 1.5


def test_stacked_layout_puts_the_first_language_above_the_second() -> None:
    safe = get_preset("broadcast").safe
    styles = {lang: style_for(lang, 1920, 1080, safe) for lang in ("km", "en")}
    event = SubtitleEvent(
        1000, 2000, {"km": "ព្រៃកោងកាងណាមកាន", "en": "The Nam Can\nmangrove forest"}
    )
    subs = pysubs2.SSAFile.from_string(build_ass([event], ["km", "en"], styles, 1920, 1080))
    assert subs.info["PlayResX"] == "1920" and subs.info["PlayResY"] == "1080"
    assert subs.info["ScaledBorderAndShadow"] == "yes"
    by_style = {e.style: e for e in subs.events}
    en_size = styles["en"].size
    assert by_style["en"].marginv == styles["en"].margin_v
    assert by_style["km"].marginv == styles["en"].margin_v + 2 * en_size + round(
        STACK_GAP * en_size
    )
    assert by_style["en"].text == r"The Nam Can\Nmangrove forest"
    assert subs.styles["km"].fontname == "Noto Sans Khmer"
    assert subs.styles["en"].fontname == "Be Vietnam Pro Medium"


def test_a_missing_language_text_lets_the_other_sit_on_the_bottom_margin() -> None:
    safe = get_preset("web").safe
    styles = {lang: style_for(lang, 1280, 720, safe) for lang in ("vi", "en")}
    ass = build_ass(
        [SubtitleEvent(0, 500, {"vi": "Rừng đước Năm Căn"})], ["vi", "en"], styles, 1280, 720
    )
    (event,) = pysubs2.SSAFile.from_string(ass).events
    assert event.style == "vi" and event.marginv == styles["vi"].margin_v


def test_preset_registry_and_aliases() -> None:
    assert {"broadcast", "web", "social-vertical", "draft"} <= set(PRESETS)
    assert get_preset("social").name == "social-vertical"
    assert get_preset("broadcast").size_for((640, 360)) == (1920, 1080)
    assert get_preset("draft").size_for((641, 361)) == (640, 360)
    with pytest.raises(RenderError, match="unknown render preset"):
        get_preset("imax")


def test_output_names_are_safe_on_every_file_system() -> None:
    name = output_name('Tập 1: "Đất Mũi" / phần 2', ["km", "en"], get_preset("web"))
    assert name == "Tập 1_ _Đất Mũi_ _ phần 2.km+en.web.mp4"


def test_min_status_selects_cues_and_counts_the_rest(store: ProjectStore) -> None:
    store.add_cues("main", CUES)
    cue_id = store.cue_rows("main")[1].cue.id
    store.edit_translation(cue_id, "km", expected_version=None, status=Status.DRAFT)
    rows = store.cue_rows("main", ["vi", "km"])
    approved = select_events(rows, ["vi", "km"], store.project, Status.APPROVED)
    assert [sorted(e.texts) for e in approved.events] == [["km", "vi"], ["vi"]]
    assert approved.left_out == {"km": 1}
    drafts = select_events(rows, ["km"], store.project, Status.DRAFT)
    assert len(drafts.events) == 2 and drafts.left_out == {}


def test_owner_alive_tells_dead_from_living_processes() -> None:
    import socket

    host = socket.gethostname()
    assert owner_alive(f"{host}:{os.getpid()}", None)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert not owner_alive(f"{host}:{dead.pid}", None)
    assert not owner_alive(None, None)


def test_missing_font_is_a_font_error_before_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_project(tmp_path / "ep", None)
    broken = fonts.FontSpec("Noto Sans Khmer", "fontpkg_not_installed_here", "x.ttf")
    monkeypatch.setitem(fonts.FONTS_BY_LANG, "km", broken)
    with pytest.raises(FontError, match="not installed"):
        render_batch(store, layouts=[["km"]], preset="draft")
    assert store.conn.execute("SELECT COUNT(*) FROM render_jobs").fetchone()[0] == 0


def test_an_ffmpeg_killed_from_outside_is_said_plainly(tmp_path: Path) -> None:
    import psutil

    from ttdn_studio.render.ffmpeg_run import run_ffmpeg

    def kill_ffmpeg(_: object) -> None:
        for child in psutil.Process().children():
            if child.name() == "ffmpeg":
                child.kill()

    args = ["ffmpeg", "-nostdin", "-f", "lavfi", "-i", "testsrc=d=600", "-f", "null", "-"]
    args += ["-progress", "pipe:1", "-nostats"]
    with pytest.raises(RenderError) as caught:
        run_ffmpeg(
            args,
            cwd=tmp_path,
            log_path=tmp_path / "x.log",
            duration_ms=600_000,
            progress=kill_ffmpeg,
        )
    assert "ffmpeg was stopped by signal 9 (SIGKILL) before it finished" in str(caught.value)


def test_control_characters_stored_by_an_older_version_are_not_burned() -> None:
    """libass draws an escape or a NUL as a box; a Word line break (U+000B) breaks the line."""
    style = style_for("en", 1920, 1080, get_preset("broadcast").safe)
    lines = fit_for_render("Ca Mau\x1b[2J\x00 Cape\x0bthe southern\ttip", style, 1920)
    assert lines == ["Ca Mau[2J Cape", "the southern tip"]
