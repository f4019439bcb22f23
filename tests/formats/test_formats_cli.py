"""The CLI contract of ``ttdn import`` and ``ttdn export``: exit codes 0/1/2, JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from clips import lavfi_clip

from ttdn_studio.cli import cli
from ttdn_studio.store import open_project

ROUNDTRIP = Path(__file__).parents[1] / "fixtures" / "roundtrip"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "tap-1"
    assert run("new", project, "--title", "Cà Mau - Đất và người")[0] == 0
    return project


def test_import_json_then_export(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, out, _ = run("import", project, ROUNDTRIP / "episode.srt", "--json")
    assert code == 0
    report = json.loads(out)
    assert {
        k: report[k] for k in ("clip", "lang", "kind", "format", "encoding", "created", "attached")
    } == {
        "clip": "episode",
        "lang": "vi",
        "kind": "subtitles",
        "format": "srt",
        "encoding": "utf-8",
        "created": 5,
        "attached": 0,
    }
    assert report["unmatched"] == [] and report["warnings"] == []

    en = tmp_path / "episode.en.srt"
    en.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nLand and People\n\n"
        "2\n00:10:00,000 --> 00:10:01,000\nstray\n",
        encoding="utf-8",
    )
    code, out, err = run("import", project, en, "--lang", "en")
    assert code == 0
    assert "attached 1 en" in out and "stray" in err and "matched no cue" in err

    code, out, _ = run("export", project, "--lang", "vi", "-o", tmp_path / "out.srt", "--json")
    assert code == 0
    assert json.loads(out) == {"files": [str(tmp_path / "out.srt")], "left_out": {}}
    assert (tmp_path / "out.srt").read_bytes() == (ROUNDTRIP / "episode.srt").read_bytes()


def test_plain_summary_and_video(tmp_path: Path) -> None:
    project = _project(tmp_path)
    video = lavfi_clip(project / "media" / "episode.mp4", 1, size="64x36")
    code, out, _ = run(
        "import", project, ROUNDTRIP / "episode.vtt", "--clip", "phần 1", "--video", video
    )
    assert code == 0
    assert "into clip 'phần 1': created 5 cues" in out and "utf-8" in out
    assert open_project(project).clip("phần 1").video == "media/episode.mp4"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run("export", project, "--lang", "vi")[0] == 2  # no -o
    assert run("export", project, "--lang", "vi", "--format", "docx", "-o", tmp_path / "x")[0] == 2
    assert (
        run("export", project, "--lang", "vi", "--min-status", "great", "-o", tmp_path / "x.srt")[0]
        == 2
    )
    assert run("import", project)[0] == 2  # no FILE


def test_user_errors_exit_1_with_a_message(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, _, err = run("export", project, "--lang", "vi", "-o", tmp_path / "x.srt")
    assert code == 1 and err.startswith("ttdn: ") and "no clips" in err
    run("import", project, ROUNDTRIP / "episode.ass")
    code, _, err = run(
        "export", project, "--lang", "en", "--min-status", "approved", "-o", tmp_path / "x.srt"
    )
    assert code == 1 and "nothing to export" in err
    code, _, err = run("export", project, "--bilingual", "vi,fr", "-o", tmp_path / "x.srt")
    assert code == 1 and "'fr'" in err
    code, _, err = run("import", tmp_path / "not-a-project", ROUNDTRIP / "episode.srt")
    assert code == 1 and "not-a-project" in err


def test_help_texts_explain_themselves() -> None:
    code, out, _ = run("import", "--help")
    assert code == 0 and "--encoding" in out and "bilingual" in out
    code, out, _ = run("export", "--help")
    assert code == 0 and "--min-status" in out and "--bilingual" in out
