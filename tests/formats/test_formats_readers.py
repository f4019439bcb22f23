"""Our readers: SRT strictly (only the line that opens a cue is timing; text that looks
like a time is kept; hours of 100 and more survive import and export), TTML with its
declared encoding; the import summary names a format detected from the content."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.textformats import read_srt
from ttdn_studio.services.exporting import export_subtitles
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import NewCue, ProjectStore

FIDELITY = Path(__file__).parent / "fixtures" / "fidelity"
HOUR = 3_600_000


def _cues(text: str) -> list[tuple[int, int, str]]:
    return [(c.start_ms, c.end_ms, c.text) for c in read_srt(text, Path("a.srt"))]


def test_a_time_range_as_the_first_text_line_is_text() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\n00:00:10,000 --> 00:00:12,000 là giờ\n"
    assert _cues(text) == [(1000, 3000, "00:00:10,000 --> 00:00:12,000 là giờ")]


def test_a_line_starting_with_a_time_is_text() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\n0:15:20.00 là giờ tàu về\nrồi đi\n"
    assert _cues(text) == [(1000, 3000, "0:15:20.00 là giờ tàu về\nrồi đi")]


@pytest.mark.parametrize(
    ("stamp", "ms"),
    [
        ("100:00:00,000", 100 * HOUR),
        ("123:04:05,678", 123 * HOUR + 245_678),
        ("99:59:59,999", 100 * HOUR - 1),
    ],
)
def test_hours_of_100_and_more_are_read(stamp: str, ms: int) -> None:
    assert _cues(f"1\n{stamp} --> {stamp}\nxa\n") == [(ms, ms, "xa")]


def test_cues_without_blank_lines_between_them_still_split() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nMột\n"
        "2\n00:00:03,000 --> 00:00:04,000\nHai\n"
        "3\n00:00:05,000 --> 00:00:06,000 là giờ\n"
    )
    assert _cues(text) == [
        (1000, 2000, "Một"),
        (3000, 4000, "Hai\n3\n00:00:05,000 --> 00:00:06,000 là giờ"),
    ]


def test_minutes_of_60_are_refused_with_the_line() -> None:
    with pytest.raises(ImportFailed, match="line 2.*minutes and seconds"):
        read_srt("1\n00:60:00,000 --> 01:00:01,000\nx\n", Path("a.srt"))


@pytest.mark.parametrize("fmt", ["srt", "vtt", "ttml"])
def test_a_cue_past_100_hours_survives_export_and_reimport(
    store: ProjectStore, tmp_path: Path, fmt: str
) -> None:
    store.add_cues("main", [NewCue(100 * HOUR, 100 * HOUR + 1500, "Một trăm giờ")])
    out = export_subtitles(store, tmp_path / f"a.{fmt}", lang="vi")[0]
    import_file(store, out, clip="again")
    rows = store.cue_rows("again", langs=[])
    assert [(r.cue.start_ms, r.cue.end_ms) for r in rows] == [(100 * HOUR, 100 * HOUR + 1500)]


def test_the_import_summary_names_the_detected_format(tmp_path: Path) -> None:
    project = tmp_path / "p"
    runner = CliRunner()
    assert runner.invoke(cli, ["new", str(project), "--title", "Cà Mau"]).exit_code == 0
    result = runner.invoke(cli, ["import", str(project), str(FIDELITY / "ass_named_srt.srt")])
    assert result.exit_code == 0, result.output
    assert "(subtitles, ass, utf-8)" in result.stdout
    assert "content is ASS although the name ends in .srt" in result.stderr


def test_a_utf16_ttml_file_with_its_encoding_declared_imports(
    store: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "a.ttml"
    doc = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="vi"><body><div>'
        '<p begin="1s" dur="1.5s">Đất Mũi</p></div></body></tt>\n'
    )
    path.write_bytes(doc.encode("utf-16"))
    import_file(store, path, clip="main")
    rows = store.cue_rows("main", langs=[])
    assert [(r.cue.start_ms, r.cue.end_ms, r.cue.text) for r in rows] == [(1000, 2500, "Đất Mũi")]


def test_webvtt_blocks_and_cue_settings_are_read_per_the_spec() -> None:
    from ttdn_studio.formats.textformats import read_vtt

    vtt = read_vtt((FIDELITY / "vtt_blocks.vtt").read_text("utf-8"), Path("a.vtt"))
    assert vtt.notes == 2 and len(vtt.styles) == 1 and "color: yellow" in vtt.styles[0]
    assert vtt.regions == [{"id": "upper", "width": "40%", "lines": "3", "regionanchor": "0%,100%"}]
    assert [c.settings for c in vtt.cues] == [
        {"region": "upper", "line": "0", "position": "50%", "align": "center"},
        {"align": "start"},
        {"line": "-1"},
        {"line": "50%"},
    ]
    assert [c.line for c in vtt.cues] == [20, 26, 29, 32]


def test_a_vtt_cue_right_after_the_header_and_a_note_between_cues() -> None:
    from ttdn_studio.formats.textformats import read_vtt

    text = (
        "WEBVTT\n00:00:01.000 --> 00:00:02.000\nMột\n\nNOTE\n00:00:02.500 thì chưa\n\n"
        "00:00:03.000 --> 00:00:04.000\nHai\n"
    )
    cues = read_vtt(text, Path("a.vtt")).cues
    assert [(c.start_ms, c.text) for c in cues] == [(1000, "Một"), (3000, "Hai")]


@pytest.mark.parametrize(
    ("attrs", "p", "match"),
    [
        ('ttp:frameRate="0"', '<p begin="1f" end="2f">x</p>', "cannot be read as TTML"),
        ('ttp:frameRate="x"', '<p begin="1s" end="2s">x</p>', "cannot be read as TTML"),
        ('ttp:frameRateMultiplier="1000"', '<p begin="1s" end="2s">x</p>', "cannot be read"),
        ("", '<p begin="1.5x" end="2s">x</p>', "not a TTML time: '1.5x'"),
        ("", '<p begin="1s">x</p>', "has no end"),
    ],
)
def test_broken_ttml_times_are_one_clear_error(attrs: str, p: str, match: str) -> None:
    from ttdn_studio.formats.ttml import read_ttml

    doc = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
        f"{attrs}><body><div>{p}</div></body></tt>"
    )
    with pytest.raises(ImportFailed, match=match):
        read_ttml(doc, Path("a.ttml"))


def test_ttml_written_on_one_long_line_imports(store: ProjectStore, tmp_path: Path) -> None:
    paragraphs = "".join(
        f'<p begin="{i}s" end="{i}.5s">Câu số {i} trên một dòng dài</p>' for i in range(400)
    )
    doc = f'<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="vi"><body><div>{paragraphs}</div></body></tt>'
    assert len(doc) > 10_000 and "\n" not in doc
    path = tmp_path / "one-line.ttml"
    path.write_text(doc, encoding="utf-8")
    assert import_file(store, path, clip="main").created == 400


def test_loose_srt_times_read_as_pysubs2_read_them() -> None:
    assert _cues("1\n0:0:1,5 --> 0:00:02.25\nlỏng\n") == [(1500, 2250, "lỏng")]


def test_text_before_the_first_srt_cue_is_reported() -> None:
    warnings: list[str] = []
    text = "Phụ đề tập 1\nbản dịch thử\n\n1\n00:00:01,000 --> 00:00:02,000\nMột\n"
    cues = read_srt(text, Path("a.srt"), warnings)
    assert [(c.start_ms, c.text) for c in cues] == [(1000, "Một")]
    assert warnings == [
        "a.srt: 2 lines of text before the first cue not imported (they belong to no cue)"
    ]


def test_a_webvtt_block_that_is_no_cue_is_reported(store: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "a.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMột\n\nlạc lõng\nkhông có thời gian\n\n"
        "00:00:03.000 --> 00:00:04.000\nHai\n",
        encoding="utf-8",
    )
    report = import_file(store, path, clip="main")
    assert report.created == 2
    assert report.warnings == ["a.vtt: 1 block with no timing line not imported (at line 6)"]
