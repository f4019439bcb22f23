"""Exporting subtitles: byte-for-byte round trips, bilingual files, status filter, atomic writes."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pysubs2
import pytest

from ttdn_studio.errors import ExportFailed
from ttdn_studio.formats import atomic_path, atomic_write_text
from ttdn_studio.models import Status
from ttdn_studio.services.exporting import build_ssafile, export_subtitles
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import NewCue, ProjectStore

ROUNDTRIP = Path(__file__).parents[1] / "fixtures" / "roundtrip"


@pytest.mark.parametrize("name", ["episode.srt", "episode.ass", "episode.vtt"])
def test_round_trip_is_byte_for_byte(store: ProjectStore, tmp_path: Path, name: str) -> None:
    reference = ROUNDTRIP / name
    import_file(store, reference, clip="main")
    out = tmp_path / name
    assert export_subtitles(store, out, lang="vi") == [out]
    assert out.read_bytes() == reference.read_bytes()


def test_round_trip_fixtures_have_what_they_must_test() -> None:
    text = (ROUNDTRIP / "episode.srt").read_text("utf-8")
    assert "<i>" in text and "Đất" in text and "\nvà những" in text


def _bilingual(store: ProjectStore) -> None:
    store.add_cues(
        "main",
        [
            NewCue(
                1000,
                2000,
                "Đất Mũi",
                {"en": "Dat Mui", "km": "ដីមុយ"},
                {"en": Status.APPROVED, "km": Status.DRAFT},
            ),
            NewCue(3000, 4000, "Năm Căn", {"en": "Nam Can"}, {"en": Status.REVIEWED}),
            NewCue(5000, 6000, "Rừng U Minh", {}),
        ],
    )


def test_bilingual_srt_puts_both_languages_in_one_event(
    store: ProjectStore, tmp_path: Path
) -> None:
    _bilingual(store)
    out = tmp_path / "bi.srt"
    export_subtitles(store, out, lang=None, bilingual=["vi", "en"])
    subs = pysubs2.load(str(out))
    assert [e.text for e in subs] == ["Đất Mũi\\NDat Mui", "Năm Căn\\NNam Can"]


def test_min_status_filters_target_languages_only(store: ProjectStore, tmp_path: Path) -> None:
    _bilingual(store)
    export_subtitles(store, tmp_path / "en.srt", lang="en", min_status="approved")
    assert [e.text for e in pysubs2.load(str(tmp_path / "en.srt"))] == ["Dat Mui"]
    export_subtitles(store, tmp_path / "vi.srt", lang="vi", min_status="approved")
    assert len(pysubs2.load(str(tmp_path / "vi.srt"))) == 3
    with pytest.raises(ExportFailed, match="nothing to export"):
        export_subtitles(store, tmp_path / "km.srt", lang="km", min_status="reviewed")


def test_ass_export_has_a_style_per_language(store: ProjectStore) -> None:
    _bilingual(store)
    subs = build_ssafile(store, "main", "vi", bilingual=["vi", "km"], fmt="ass")
    assert subs.styles["km"].fontname == "Noto Sans Khmer"
    assert subs.styles["vi"].fontname == "Be Vietnam Pro Medium"  # the name libass matches
    assert subs.events[0].text == "Đất Mũi\\N{\\rkm}ដីមុយ"


def test_ttml_and_vtt_exports(store: ProjectStore, tmp_path: Path) -> None:
    _bilingual(store)
    ttml = export_subtitles(store, tmp_path / "vi.ttml", lang="vi")[0]
    paragraphs = ET.parse(ttml).getroot().iter("{http://www.w3.org/ns/ttml}p")
    assert ["".join(p.itertext()).strip() for p in paragraphs][:2] == ["Đất Mũi", "Năm Căn"]
    vtt = export_subtitles(store, tmp_path / "out.data", lang="vi", fmt="vtt")[0]
    assert vtt.read_text("utf-8").startswith("WEBVTT")


def test_several_clips_go_to_a_folder(store: ProjectStore, tmp_path: Path) -> None:
    _bilingual(store)
    store.add_clip("tap-2")
    store.add_cues("tap-2", [NewCue(0, 900, "Cà Mau")])
    written = export_subtitles(store, tmp_path / "out", lang="vi", fmt="ass")
    assert sorted(p.name for p in written) == ["main.vi.ass", "tap-2.vi.ass"]
    one = export_subtitles(store, tmp_path / "one.vtt", lang="vi", clip="tap-2")
    assert one == [tmp_path / "one.vtt"]
    with pytest.raises(
        ExportFailed, match="has 2 clips .* give --clip"
    ):  # not a folder named all.srt
        export_subtitles(store, tmp_path / "all.srt", lang="vi")
    assert not (tmp_path / "all.srt").exists()


def test_export_errors(store: ProjectStore, tmp_path: Path) -> None:
    _bilingual(store)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportFailed, match="cannot tell the format"):
        export_subtitles(store, tmp_path / "out.docx", lang="vi")
    with pytest.raises(ExportFailed, match="not in this project"):
        export_subtitles(store, tmp_path / "out.srt", lang="fr")
    with pytest.raises(ExportFailed, match="two different languages"):
        export_subtitles(store, tmp_path / "out.srt", lang=None, bilingual=["vi", "vi"])
    assert not list(tmp_path.iterdir())


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    store: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bilingual(store)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "vi.srt"
    out.write_text("old", encoding="utf-8")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ExportFailed, match="No space left"):
        export_subtitles(store, out, lang="vi")
    assert out.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["vi.srt"]


def test_atomic_path_cleans_up_on_error(tmp_path: Path) -> None:
    target = tmp_path / "render.mp4"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".mp4" and tmp != target
        tmp.write_bytes(b"half")
        raise RuntimeError("ffmpeg died")
    assert list(tmp_path.iterdir()) == []
    atomic_write_text(target, "xong\n")
    assert target.read_bytes() == b"xong\n"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_that_takes_no_files_is_named_as_the_person_wrote_it() -> None:
    """/proc takes no new files (even for root): the error names the file asked for,
    not the temporary file written first."""
    with pytest.raises(OSError) as err:
        atomic_write_text("/proc/review-sheet.csv", "x\n")
    assert err.value.filename == "/proc/review-sheet.csv"


def test_atomic_writes_get_ordinary_permissions(tmp_path: Path) -> None:
    import os

    from ttdn_studio.formats.atomic import atomic_write_text

    umask = os.umask(0o022)
    try:
        out = atomic_write_text(tmp_path / "shared.srt", "1\n")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
