"""Importing subtitles and scripts into a project (service level)."""

from __future__ import annotations

from pathlib import Path

import docx
import pysubs2
import pytest
from clips import lavfi_clip

from ttdn_studio.errors import HistoryError
from ttdn_studio.formats import LEGACY_CODECS
from ttdn_studio.models import Status
from ttdn_studio.models.profiles import profile_for
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import NewCue, ProjectStore

EVENTS = [
    (1000, 3500, "Cà Mau - Đất và người"),
    (4000, 6500, "Rừng U Minh Hạ\\Nbạt ngàn"),
    (7000, 9000, "Đất Mũi cực Nam"),
]


SAMI = """<SAMI><HEAD><TITLE>Tập 1</TITLE></HEAD><BODY>
<SYNC Start=1000><P Class=VICC>Cà Mau - Đất và người
<SYNC Start=3500><P Class=VICC>&nbsp;
<SYNC Start=4000><P Class=VICC>Rừng U Minh Hạ<br>bạt ngàn
<SYNC Start=6500><P Class=VICC>&nbsp;
<SYNC Start=7000><P Class=VICC>Đất Mũi cực Nam
<SYNC Start=9000><P Class=VICC>&nbsp;
</BODY></SAMI>
"""


def make_subs() -> pysubs2.SSAFile:
    subs = pysubs2.SSAFile()
    for start, end, text in EVENTS:
        subs.append(pysubs2.SSAEvent(start=start, end=end, text=text))
    return subs


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        ("srt", ".srt"),
        ("ass", ".ass"),
        ("ssa", ".ssa"),
        ("vtt", ".vtt"),
        ("ttml", ".ttml"),
        ("sami", ".smi"),
        ("microdvd", ".sub"),
        ("mpl2", ".mpl"),
        ("tmp", ".tmp"),
    ],
)
def test_each_subtitle_format_creates_cues(
    store: ProjectStore, tmp_path: Path, fmt: str, suffix: str
) -> None:
    path = tmp_path / f"tap{suffix}"
    path.write_text(SAMI if fmt == "sami" else make_subs().to_string(fmt, fps=25), encoding="utf-8")
    report = import_file(store, path, clip="main")
    assert (report.kind, report.format, report.created) == ("subtitles", fmt, 3)
    rows = store.cue_rows("main")
    texts = [r.cue.text.replace("\n", " ") for r in rows]
    assert texts == ["Cà Mau - Đất và người", "Rừng U Minh Hạ bạt ngàn", "Đất Mũi cực Nam"]
    tolerance = 40 if fmt == "microdvd" else 0  # frame-based times round to 1/25 s
    for row, (start, end, _) in zip(rows, EVENTS, strict=True):
        assert abs(row.cue.start_ms - start) <= tolerance
        if fmt != "tmp":  # TMP files carry start times only
            assert abs(row.cue.end_ms - end) <= tolerance


def test_srt_tags_and_lines_stored_in_canonical_form(store: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "tap.srt"
    path.write_text(
        "1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Đất Mũi</i>\r\ndòng <b>hai</b>\r\n", "utf-8"
    )
    import_file(store, path, clip="main")
    assert store.cue_rows("main")[0].cue.text == "{\\i1}Đất Mũi{\\i0}\ndòng {\\b1}hai{\\b0}"


def test_source_import_creates_clip_named_after_file_with_video(
    store: ProjectStore, tmp_path: Path
) -> None:
    inside = lavfi_clip(store.path / "media" / "tap-2.mp4", 1, size="64x36")
    path = tmp_path / "tap-2.srt"
    path.write_text(make_subs().to_string("srt"), encoding="utf-8")
    report = import_file(store, path, video=inside)
    assert report.clip == "tap-2"
    assert store.clip("tap-2").video == "media/tap-2.mp4"
    outside = lavfi_clip(tmp_path / "other.mp4", 1, size="64x36")
    path.rename(tmp_path / "tap-3.srt")
    import_file(store, tmp_path / "tap-3.srt", video=outside)
    assert store.clip("tap-3").video == str(outside.resolve())


def test_legacy_encoded_subtitles_are_reported(store: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "tap.srt"
    path.write_bytes(LEGACY_CODECS["vni"].encode(make_subs().to_string("srt")))
    report = import_file(store, path, clip="main")
    assert report.encoding == "vni"
    assert store.cue_rows("main")[0].cue.text == "Cà Mau - Đất và người"


def _seed(store: ProjectStore) -> None:
    store.add_cues("main", [NewCue(s, e, t.replace("\\N", "\n")) for s, e, t in EVENTS])


def test_target_import_attaches_by_overlap_and_reports_unmatched(
    store: ProjectStore, tmp_path: Path
) -> None:
    _seed(store)
    path = tmp_path / "tap.en.srt"
    path.write_text(
        "1\n00:00:01,200 --> 00:00:03,000\nCa Mau - Land and People\n\n"
        "2\n00:00:03,900 --> 00:00:05,000\nU Minh Ha forest\n\n"
        "3\n00:00:05,100 --> 00:00:06,400\nas far as the eye can see\n\n"
        "4\n00:00:20,000 --> 00:00:21,000\nNo cue here\n",
        encoding="utf-8",
    )
    report = import_file(store, path, lang="en")
    assert (report.clip, report.attached) == ("main", 2)
    assert len(report.unmatched) == 1 and "No cue here" in report.unmatched[0]
    assert "line 14" in report.unmatched[0]
    rows = store.cue_rows("main", langs=["en"])
    assert rows[1].translations["en"].text == "U Minh Ha forest\nas far as the eye can see"
    assert rows[0].status("en") == Status.DRAFT and rows[0].translations["en"].origin == "import"
    assert rows[2].status("en") == Status.EMPTY
    store.undo()
    assert all(not r.translations for r in store.cue_rows("main", langs=["en"]))


def test_import_is_one_undo_entry(store: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "tap.srt"
    path.write_text(make_subs().to_string("srt"), encoding="utf-8")
    import_file(store, path)
    assert len(store.cue_rows("tap")) == 3
    store.undo()
    assert "tap" not in [c.name for c in store.clips()]


def test_ass_header_is_kept_for_the_clip(store: ProjectStore, tmp_path: Path) -> None:
    subs = make_subs()
    subs.styles["Phụ đề"] = pysubs2.SSAStyle(fontname="Be Vietnam Pro")
    for e in subs.events:
        e.style = "Phụ đề"
    path = tmp_path / "tap.ass"
    path.write_text(subs.to_string("ass"), encoding="utf-8")
    import_file(store, path, clip="main")
    saved = store.project.settings["ass_styles"]["main"]  # type: ignore[index]
    assert saved["style"] == "Phụ đề" and "Be Vietnam Pro" in saved["header"]


# -------------------------------------------------------------------- scripts
SCRIPT_VI = [
    "Cà Mau là tỉnh cực Nam của Tổ quốc, nơi có Mũi Cà Mau, rừng U Minh Hạ và vườn quốc gia "
    "Mũi Cà Mau với hệ sinh thái rừng ngập mặn đặc trưng.",
    "Người dân Cà Mau sống bằng nghề nuôi tôm, đánh bắt thủy sản và trồng lúa.",
]
SCRIPT_EN = [
    "Ca Mau is the southernmost province of the country, home to Ca Mau Cape, the U Minh Ha "
    "forest and Mui Ca Mau national park with its typical mangrove ecosystem.",
    "The people of Ca Mau live by shrimp farming, fishing and growing rice.",
]


def _words(texts: list[str]) -> list[str]:
    return " ".join(texts).split()


def _check_cues(store: ProjectStore, clip: str) -> None:
    rows = store.cue_rows(clip)
    profile = profile_for(store.project, "vi")
    gap = store.project.frames_to_ms(profile.min_gap_frames)
    for prev, row in zip(rows, rows[1:], strict=False):
        assert row.cue.start_ms - prev.cue.end_ms >= gap
    for row in rows:
        assert profile.min_duration_ms <= row.cue.duration_ms <= profile.max_duration_ms
        assert all(len(line) <= (profile.max_chars or 0) for line in row.cue.text.split("\n"))


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_monolingual_script(store: ProjectStore, tmp_path: Path, suffix: str) -> None:
    heading = "# Tập 1: Đất Mũi\n\n" if suffix == ".md" else ""
    path = tmp_path / f"kich-ban{suffix}"
    path.write_text(
        heading + "\n\n".join(SCRIPT_VI).replace("Tổ quốc", "**Tổ quốc**") + "\n", "utf-8"
    )
    report = import_file(store, path)
    assert report.kind == "script" and report.translation_lang is None
    rows = store.cue_rows("kich-ban")
    expected = _words(SCRIPT_VI)
    if suffix == ".txt":
        expected = [w.replace("Tổ", "**Tổ").replace("quốc,", "quốc**,") for w in expected]
    assert _words([r.cue.text for r in rows]) == expected
    _check_cues(store, "kich-ban")


def test_bilingual_paragraph_script_fills_both_languages(
    store: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "song-ngu.txt"
    body = "\n\n".join(f"{vi}\n\n{en}" for vi, en in zip(SCRIPT_VI, SCRIPT_EN, strict=True))
    path.write_text(body, encoding="utf-8")
    report = import_file(store, path)
    assert report.translation_lang == "en"
    rows = store.cue_rows("song-ngu", langs=["en"])
    assert len(rows) >= 3
    assert _words([r.cue.text for r in rows]) == _words(SCRIPT_VI)
    assert _words([r.text("en", "vi") for r in rows]) == _words(SCRIPT_EN)
    assert all(r.text("en", "vi") for r in rows)
    assert rows[-1].text("en", "vi") == SCRIPT_EN[1]  # short pair kept as one cue
    _check_cues(store, "song-ngu")


def test_timed_script_lines(store: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "timed.txt"
    path.write_text(
        "00:00:02,500 Cà Mau - Đất và người\n[00:00:10] Rừng U Minh Hạ\n00:01:00 Đất Mũi\n",
        encoding="utf-8",
    )
    import_file(store, path)
    starts = [r.cue.start_ms for r in store.cue_rows("timed")]
    assert starts == [2500, 10000, 60000]


def test_docx_paragraphs_and_two_column_table(store: ProjectStore, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Kịch bản", level=1)
    document.add_paragraph(SCRIPT_VI[1])
    table = document.add_table(rows=0, cols=2)
    for cells in (("Tiếng Việt", "English"), *zip(SCRIPT_VI, SCRIPT_EN, strict=True)):
        row = table.add_row().cells
        row[0].text, row[1].text = cells
    path = tmp_path / "kich-ban.docx"
    document.save(str(path))
    report = import_file(store, path)
    assert (report.format, report.translation_lang) == ("docx", "en")
    rows = store.cue_rows("kich-ban", langs=["en"])
    assert rows[0].cue.text == "Kịch bản"
    assert _words([r.cue.text for r in rows[1:]]) == _words([SCRIPT_VI[1], *SCRIPT_VI])
    assert _words([r.text("en", "vi") for r in rows]) == _words(SCRIPT_EN)


def test_docx_three_column_table_with_times(store: ProjectStore, tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for cells in (("00:00:05", SCRIPT_VI[1], SCRIPT_EN[1]), ("00:00:20", "Đất Mũi.", "Dat Mui.")):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = cells
    path = tmp_path / "bang.docx"
    document.save(str(path))
    import_file(store, path)
    rows = store.cue_rows("bang", langs=["en"])
    assert [r.cue.start_ms for r in rows] == [5000, 20000]
    assert rows[1].text("en", "vi") == "Dat Mui."


def test_undo_of_an_ass_import_removes_its_styles(store: ProjectStore, tmp_path: Path) -> None:
    subs = make_subs()
    subs.styles["Phụ đề"] = pysubs2.SSAStyle(fontname="Be Vietnam Pro")
    for e in subs.events:
        e.style = "Phụ đề"
    path = tmp_path / "tap.ass"
    path.write_text(subs.to_string("ass"), encoding="utf-8")
    store.update_project(settings={"keep": "me"})
    import_file(store, path)
    assert "tap" in store.project.settings["ass_styles"]  # type: ignore[operator]

    assert store.undo().startswith("import tap.ass")
    assert "tap" not in [c.name for c in store.clips()]
    assert store.project.settings == {"keep": "me"}

    store.redo()
    assert store.project.settings["ass_styles"]["tap"]["style"] == "Phụ đề"  # type: ignore[index]
    assert len(store.cue_rows("tap")) == 3


def test_undo_of_an_ass_import_keeps_settings_changed_since(
    store: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "tap.ass"
    path.write_text(make_subs().to_string("ass"), encoding="utf-8")
    import_file(store, path)
    other = {"header": "", "style": "Other"}
    store.update_project(
        settings={
            "ass_styles": {**store.project.settings["ass_styles"], "other": other},
            "later": 1,
        }  # type: ignore[dict-item]
    )
    store.undo()
    assert store.project.settings == {"ass_styles": {"other": other}, "later": 1}


def test_undo_of_an_ass_import_is_refused_when_its_styles_changed_since(
    store: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "tap.ass"
    path.write_text(make_subs().to_string("ass"), encoding="utf-8")
    import_file(store, path)
    changed = {**store.project.settings, "ass_styles": {"tap": {"header": "", "style": "x"}}}
    store.update_project(settings=changed)
    with pytest.raises(HistoryError, match="the project's settings were changed"):
        store.undo()
    assert store.project.settings == changed
    assert len(store.cue_rows("tap")) == 3


@pytest.mark.parametrize("where", ["vi", "en"])
def test_control_characters_in_either_language_of_a_script_are_stripped_and_counted(
    store: ProjectStore, tmp_path: Path, where: str
) -> None:
    path = tmp_path / "song-ngu.txt"
    vi, en = list(SCRIPT_VI), list(SCRIPT_EN)
    if where == "vi":
        vi[1] += "\x1b[2J"  # an escape that clears a terminal
    else:
        en[1] = "\u202e" + en[1]  # a bidi override that reverses what a line appears to say
    body = "\n\n".join(f"{v}\n\n{e}" for v, e in zip(vi, en, strict=True))
    path.write_text(body, encoding="utf-8")
    report = import_file(store, path)
    assert report.translation_lang == "en" and report.controls_removed == 1
    rows = store.cue_rows("song-ngu", langs=["en"])
    assert not any(ch in r.cue.text + r.text("en", "vi") for r in rows for ch in "\x1b\u202e")
    assert _words([r.text("en", "vi") for r in rows]) == _words(SCRIPT_EN)


def test_the_control_check_finds_exactly_the_characters_stripped() -> None:
    from ttdn_studio.text import has_controls, strip_controls

    for cp in [*range(0x3000), 0xFEFF, 0x10FFFF]:
        ch = chr(cp)
        stripped = strip_controls(f"Cà{ch}Mau")[1] == 1
        assert has_controls(f"Cà{ch}Mau") is stripped, hex(cp)
        assert strip_controls(ch * 3) == (("", 3) if stripped else (ch * 3, 0)), hex(cp)
