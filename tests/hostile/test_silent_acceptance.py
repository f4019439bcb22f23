"""What used to be accepted silently now does what it says: export agrees with render on
approved text, preview writes the image type its name asks for, glossary export writes
the format its extension names."""

from __future__ import annotations

import json
from pathlib import Path

from hostile_cli import run
from PIL import Image


def _texts(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_export_writes_approved_translations_by_default_and_says_what_was_left_out(
    project: Path, tmp_path: Path
) -> None:
    result = run("export", project, "--lang", "en", "-o", tmp_path / "en.srt")
    assert result.code == 0, result.err
    text = _texts(tmp_path / "en.srt")
    assert "Dat Mui Cape" in text
    assert "Mangrove forest" not in text and "Floating market" not in text
    assert "warning: 2 en cue(s) below approved were left out (--include-drafts" in result.err


def test_export_include_drafts_writes_every_translation(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.srt"
    result = run("export", project, "--lang", "en", "--include-drafts", "-o", out, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["left_out"] == {}
    assert all(t in _texts(out) for t in ("Dat Mui Cape", "Mangrove forest", "Floating market"))


def test_export_min_status_still_chooses_the_threshold(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.srt"
    result = run("export", project, "--lang", "en", "--min-status", "draft", "-o", out, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["left_out"] == {"en": 1}  # the machine draft
    assert "Floating market" in _texts(out) and "Mangrove forest" not in _texts(out)


def test_export_of_nothing_approved_points_to_include_drafts(project: Path, tmp_path: Path) -> None:
    result = run("export", project, "--lang", "km", "-o", tmp_path / "km.srt")
    assert result.code == 1
    assert "nothing to export" in result.err and "--include-drafts" in result.err


def test_export_of_the_source_language_is_whole(project: Path, tmp_path: Path) -> None:
    result = run("export", project, "--lang", "vi", "-o", tmp_path / "vi.srt")
    assert result.code == 0 and result.err == ""
    assert all(t in _texts(tmp_path / "vi.srt") for t in ("Đất Mũi", "Rừng đước", "Chợ nổi"))


def test_preview_to_jpg_writes_a_jpeg(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "frame.jpg"
    result = run("preview", project, "--lang", "vi", "--at", "1", "-o", out)
    assert result.code == 0, result.err
    with Image.open(out) as image:
        assert image.format == "JPEG" and image.size == (1920, 1080)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "tap-1") == ["frame.jpg"]


def test_glossary_export_by_extension(tmp_path: Path) -> None:
    assert run("glossary", "export", tmp_path / "terms.csv").code == 0
    assert _texts(tmp_path / "terms.csv").splitlines()[0].count(",") >= 2
    assert run("glossary", "export", tmp_path / "terms.xlsx", "--format", "tsv").code == 0
    assert "\t" in _texts(tmp_path / "terms.xlsx").splitlines()[0]


def test_tm_lookup_in_a_known_language_with_no_match() -> None:
    result = run("tm", "lookup", "Đất Mũi", "--tgt", "km")
    assert result.code == 0 and "No match" in result.out
