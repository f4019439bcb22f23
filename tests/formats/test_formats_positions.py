"""Cue positions: a top cue stays at the top through import → store → export, and
the TTML export is IMSC 1.1 Text that the reference reader ttconv takes without a word."""

from __future__ import annotations

import logging
import sqlite3
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pysubs2
import pytest
from ttconv.imsc.reader import to_model
from ttconv.isd import ISD

from ttdn_studio.errors import ExportFailed
from ttdn_studio.models import Origin, Status
from ttdn_studio.services.exporting import export_subtitles
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.store.project_store import open_project
from ttdn_studio.store.schema import MIGRATIONS
from ttdn_studio.store.timing import split_cue

FIDELITY = Path(__file__).parent / "fixtures" / "fidelity"
TT = "{http://www.w3.org/ns/ttml}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"


def _aligns(store: ProjectStore, clip: str) -> list[str]:
    return [r.cue.align for r in store.cue_rows(clip, langs=[])]


@pytest.mark.parametrize("source", ["srt_an8.srt", "ass_named_srt.srt", "vtt_named_srt.srt"])
@pytest.mark.parametrize("fmt", ["srt", "ass", "vtt", "ttml"])
def test_a_top_cue_keeps_its_position_through_export_and_reimport(
    store: ProjectStore, tmp_path: Path, source: str, fmt: str
) -> None:
    import_file(store, FIDELITY / source, clip="main")
    before = _aligns(store, "main")
    assert "top" in before and "bottom" in before
    out = tmp_path / f"out.{fmt}"
    export_subtitles(store, out, lang="vi", clip="main")
    import_file(store, out, clip="again")
    assert _aligns(store, "again") == before
    texts = [r.cue.text for r in store.cue_rows("again", langs=[])]
    assert texts == [r.cue.text for r in store.cue_rows("main", langs=[])]


def test_each_format_writes_its_own_form_of_a_position(store: ProjectStore, tmp_path: Path) -> None:
    store.add_cues(
        "main",
        [
            NewCue(1000, 2000, "Ở trên", align="top"),
            NewCue(3000, 4000, "Ở giữa", align="middle"),
            NewCue(5000, 6000, "Ở dưới"),
        ],
    )
    srt = export_subtitles(store, tmp_path / "a.srt", lang="vi")[0].read_text("utf-8")
    assert "\n{\\an8}Ở trên\n" in srt and "\n{\\an5}Ở giữa\n" in srt and "\nỞ dưới\n" in srt
    ass = pysubs2.load(str(export_subtitles(store, tmp_path / "a.ass", lang="vi")[0]))
    assert [e.text for e in ass] == ["{\\an8}Ở trên", "{\\an5}Ở giữa", "Ở dưới"]
    vtt = export_subtitles(store, tmp_path / "a.vtt", lang="vi")[0].read_text("utf-8")
    assert "00:00:01.000 --> 00:00:02.000 line:0\n" in vtt
    assert "00:00:03.000 --> 00:00:04.000 line:50%\n" in vtt
    assert "00:00:05.000 --> 00:00:06.000\n" in vtt
    ttml = ET.parse(export_subtitles(store, tmp_path / "a.ttml", lang="vi")[0]).getroot()
    assert [p.get("region") for p in ttml.iter(f"{TT}p")] == ["top", "middle", "bottom"]


def _read_with_ttconv(path: Path, caplog: pytest.LogCaptureFixture) -> object:
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        doc = to_model(ET.parse(path))
    complaints = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert complaints == [], [r.getMessage() for r in complaints]
    return doc


def _shown(doc: object, seconds: float) -> dict[str, str]:
    """Region id → text ttconv shows at ``seconds``."""

    def text(element: object) -> str:
        if hasattr(element, "get_text"):
            return str(element.get_text())
        return "".join(text(child) for child in element)  # type: ignore[attr-defined]

    isd = ISD.from_model(doc, Fraction(seconds).limit_denominator(1000))  # type: ignore[arg-type]
    return {r.get_id(): text(r) for r in isd.iter_regions() if len(r)}


def test_ttml_export_is_imsc_text_that_ttconv_reads_without_warnings(
    store: ProjectStore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store.add_cues(
        "main",
        [
            NewCue(1000, 2000, "{\\i1}Đất Mũi{\\i0}\ncực Nam", {"en": "Cape Ca Mau"}, align="top"),
            NewCue(3000, 4000, "Năm Căn & <Rạch Gốc>", {"en": "Nam Can"}),
        ],
    )
    store.set_translations(
        [(r.cue.id, "en", r.text("en", "vi")) for r in store.cue_rows("main")],
        status=Status.APPROVED,
        origin=Origin.HUMAN,
    )
    out = export_subtitles(store, tmp_path / "a.ttml", lang="vi")[0]
    root = ET.parse(out).getroot()
    assert root.get(f"{XML_NS}lang") == "vi"
    assert root.get("{http://www.w3.org/ns/ttml#parameter}contentProfiles") == (
        "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
    )
    assert all(s.get(f"{XML_NS}id") for s in root.iter(f"{TT}style"))
    assert {r.get(f"{XML_NS}id") for r in root.iter(f"{TT}region")} >= {"top", "bottom"}
    doc = _read_with_ttconv(out, caplog)
    assert _shown(doc, 1.5) == {"top": "Đất Mũicực Nam"}
    assert _shown(doc, 3.5) == {"bottom": "Năm Căn & <Rạch Gốc>"}
    assert _shown(doc, 2.5) == {}

    bilingual = export_subtitles(store, tmp_path / "bi.ttml", lang=None, bilingual=["vi", "en"])
    doc = _read_with_ttconv(bilingual[0], caplog)
    assert _shown(doc, 1.5) == {"top": "Đất Mũicực NamCape Ca Mau"}


def test_an_old_project_gains_bottom_positions_and_split_undo_keep_them(tmp_path: Path) -> None:
    path = tmp_path / "old"
    path.mkdir()
    conn = sqlite3.connect(path / "project.db")  # a project saved before positions existed
    for step in MIGRATIONS[:2]:
        step(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO project VALUES (1, 'Cũ', 'vi', '[\"en\"]', 25.0, '2026-01-01', '{}')")
    conn.execute("INSERT INTO clips (name, created_at) VALUES ('main', '2026-01-01')")
    conn.execute(
        "INSERT INTO cues (clip_id, start_ms, end_ms, text, updated_at)"
        " VALUES (1, 0, 1000, 'một hai', '2026-01-01')"
    )
    conn.execute(  # tags that were obeyed then: they must not turn into visible text now
        "INSERT INTO cues (clip_id, start_ms, end_ms, text, updated_at)"
        " VALUES (1, 5000, 6000, '{\\an8}{\\fad(200,200)}Trên {ghi chú}', '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO translations (cue_id, lang, text, status)"
        " VALUES (2, 'en', '{\\an8\\c&HFFFF&}{\\i1}Top{\\i0}', 'draft')"
    )
    conn.commit()
    conn.close()
    store = open_project(path)
    rows = store.cue_rows("main", langs=["en"])
    assert [(r.cue.text, r.cue.align, r.text("en", "vi")) for r in rows] == [
        ("một hai", "bottom", ""),
        ("Trên {ghi chú}", "top", "{\\i1}Top{\\i0}"),
    ]
    store.delete_cue(rows[1].cue.id)
    assert _aligns(store, "main") == ["bottom"]
    store.add_cues("main", [NewCue(2000, 3000, "ba bốn", align="top")])
    top = store.cue_rows("main", langs=[])[1].cue
    split_cue(store, top.id, 3)
    assert _aligns(store, "main") == ["bottom", "top", "top"]
    store.undo()
    assert _aligns(store, "main") == ["bottom", "top"]
    store.undo()
    assert _aligns(store, "main") == ["bottom"]


@pytest.mark.parametrize("fmt", ["srt", "ass", "vtt", "ttml"])
def test_special_characters_and_styles_round_trip(
    store: ProjectStore, tmp_path: Path, fmt: str
) -> None:
    texts = [
        "Năm Căn & Rạch Gốc {ghi chú}",
        "Thư mục C:\\new\\Nhà, 50% -- xong",
        "{\\i1}Rừng đước{\\i0} và {\\b1}biển{\\b0}\ncực Nam",
    ]
    if fmt != "srt":  # SRT has no escape for "<": a <word> there is a tag
        texts.append("a < b > c <Rạch Gốc>")
    store.add_cues("main", [NewCue(i * 2000, i * 2000 + 1500, t) for i, t in enumerate(texts)])
    out = export_subtitles(store, tmp_path / f"a.{fmt}", lang="vi")[0]
    import_file(store, out, clip="again")
    assert [r.cue.text for r in store.cue_rows("again", langs=[])] == texts


@pytest.mark.parametrize("fmt", ["srt", "ass", "vtt", "ttml"])
def test_time_like_text_and_long_times_round_trip(
    store: ProjectStore, tmp_path: Path, fmt: str
) -> None:
    import_file(store, FIDELITY / "srt_time_like_text.srt", clip="main")
    if fmt == "ass":  # ASS times stop at 9:59:59.99: refused clearly, never clamped
        with pytest.raises(ExportFailed, match="beyond the 9:59:59.99 an ASS file can hold"):
            export_subtitles(store, tmp_path / "a.ass", lang="vi")
        assert not (tmp_path / "a.ass").exists()
        last = store.cue_rows("main", langs=[])[-1].cue
        store.delete_cue(last.id)
    out = export_subtitles(store, tmp_path / f"a.{fmt}", lang="vi")[0]
    import_file(store, out, clip="again")

    def cues(clip: str) -> list[tuple[int, int, str]]:
        return [(r.cue.start_ms, r.cue.end_ms, r.cue.text) for r in store.cue_rows(clip, [])]

    assert cues("again") == cues("main")
