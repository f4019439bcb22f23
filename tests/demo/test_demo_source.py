"""The committed sources of the demo project: well-formed, NFC, subtitle-sized, realistic."""

from __future__ import annotations

import shutil
import textwrap
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from ttdn_studio import locations
from ttdn_studio.errors import ProjectError
from ttdn_studio.models import Status
from ttdn_studio.services.demo import CUES_FILE, META_FILE, load_source

SOURCE = locations.demo_source_dir()
FRAME_MS = 40  # 25 fps


@pytest.fixture(scope="module")
def raw() -> list[dict[str, object]]:
    with open(SOURCE / CUES_FILE, "rb") as fh:
        return list(tomllib.load(fh)["cue"])


@pytest.mark.parametrize("name", [CUES_FILE, META_FILE])
def test_source_files_are_utf8_nfc_with_unix_newlines(name: str) -> None:
    data = (SOURCE / name).read_bytes()
    text = data.decode("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert "\r" not in text
    assert not data.startswith(b"\xef\xbb\xbf")


def test_about_forty_cues_in_two_to_three_minutes() -> None:
    source = load_source(SOURCE)
    assert 35 <= len(source.cues) <= 45
    assert 120_000 <= source.duration_ms <= 180_000
    assert source.project.fps == 25
    assert source.project.target_langs == ["en", "km"]


def test_times_are_frame_aligned_increasing_and_readable(raw: list[dict[str, object]]) -> None:
    previous_end = 0
    for cue in raw:
        start, end = cue["start"], cue["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert start % FRAME_MS == 0 and end % FRAME_MS == 0
        assert start - previous_end >= 2 * FRAME_MS, f"gap before {cue['vi']!r} is under 2 frames"
        assert 1000 <= end - start <= 6000
        previous_end = end


def test_every_status_is_valid_and_fits_its_text(raw: list[dict[str, object]]) -> None:
    for cue in raw:
        for lang in ("en", "km"):
            status = Status(str(cue[f"{lang}_status"]))
            assert (status == Status.EMPTY) == (not str(cue[lang]).strip()), cue


def test_english_fits_two_lines_of_42_at_a_readable_speed(raw: list[dict[str, object]]) -> None:
    for cue in raw:
        en, seconds = str(cue["en"]), (int(cue["end"]) - int(cue["start"])) / 1000  # type: ignore[call-overload]
        if (
            cue["en_status"] == "mt"
        ):  # machine drafts come unbroken; they must still fit once broken
            assert len(textwrap.wrap(en, 42)) <= 2, en
        else:
            lines = en.split("\n")
            assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), en
        assert len(en.replace("\n", " ")) / seconds <= 20, f"{en!r} reads too fast"


def test_vietnamese_fits_two_lines_of_42(raw: list[dict[str, object]]) -> None:
    for cue in raw:
        lines = str(cue["vi"]).split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), cue["vi"]


def test_statuses_show_work_in_progress(raw: list[dict[str, object]]) -> None:
    en = Counter(str(c["en_status"]) for c in raw)
    km = Counter(str(c["km_status"]) for c in raw)
    assert en["approved"] + en["reviewed"] > len(raw) / 2
    assert en["draft"] and (en["mt"] or en["empty"])
    assert km["draft"] + km["mt"] > km["approved"] + km["reviewed"] > 0
    assert km["empty"] >= 5


def test_has_a_number_cue_and_a_two_line_cue(raw: list[dict[str, object]]) -> None:
    assert any("41.000" in str(c["vi"]) and "41,000" in str(c["en"]) for c in raw)
    assert any("\n" in str(c["vi"]) and "\n" in str(c["en"]) and "\n" in str(c["km"]) for c in raw)


def test_uses_the_stations_agreed_english_terms(raw: list[dict[str, object]]) -> None:
    english = " ".join(str(c["en"]).replace("\n", " ") for c in raw if c["en_status"] != "mt")
    for term in (
        "Ca Mau - Land and People",
        "Ca Mau Cape",
        "Dat Mui",
        "Ca Mau mud crab",
        "Mui Ca Mau National Park",
        "U Minh Ha",
        "Nam Can",
        "Chol Chnam Thmay",
        "Ok Om Bok",
    ):
        assert term in english
    for forbidden in ("Camau", "Cà Mau", "Đất Mũi", "Năm Căn"):
        assert forbidden not in english


def test_khmer_is_khmer_script_and_shapes_cleanly(raw: list[dict[str, object]]) -> None:
    import uharfbuzz as hb

    from ttdn_studio.fonts import KHMER

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(KHMER.path))))
    dotted = font.get_nominal_glyph(0x25CC)
    for cue in raw:
        km = str(cue["km"])
        if not km:
            continue
        assert sum("\u1780" <= ch <= "\u17ff" for ch in km) > len(km) / 2, km
        if cue["km_status"] != "mt":  # human work keeps Vietnamese letters out of Khmer text
            assert not any(ch.isascii() and ch.isalpha() for ch in km), km
        buf = hb.Buffer()
        buf.add_str(km.replace("\n", " "))
        buf.guess_segment_properties()
        hb.shape(font, buf)
        assert dotted not in [g.codepoint for g in buf.glyph_infos], f"broken cluster in {km!r}"


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(SOURCE / META_FILE, folder / META_FILE)
    text = (SOURCE / CUES_FILE).read_text(encoding="utf-8")
    assert old in text
    (folder / CUES_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_overlapping_cue_is_reported_with_file_and_line(
    tmp_path: Path, raw: list[dict[str, object]]
) -> None:
    second = raw[1]
    folder = _broken_copy(
        tmp_path, f"start = {second['start']}\n", f"start = {int(raw[0]['end']) - 200}\n"
    )  # type: ignore[call-overload]
    with pytest.raises(ProjectError) as info:
        load_source(folder)
    lines = (folder / CUES_FILE).read_text(encoding="utf-8").splitlines()
    cue_lines = [i for i, line in enumerate(lines, start=1) if line == "[[cue]]"]
    assert info.value.file == folder / CUES_FILE
    assert info.value.line == cue_lines[1]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('en_status = "approved"', 'en_status = "done"', "not a valid Status"),
        ('en_status = "approved"', 'en_status = "empty"', "does not fit"),
        (
            'vi = "Cà Mau - Đất và người"',
            unicodedata.normalize("NFD", 'vi = "Cà Mau - Đất và người"'),
            "NFC",
        ),
    ],
)
def test_bad_cue_values_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ProjectError, match=message) as info:
        load_source(_broken_copy(tmp_path, old, new))
    assert info.value.line is not None


def test_missing_source_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ProjectError) as info:
        load_source(tmp_path)
    assert info.value.file is not None and info.value.file.parent == tmp_path
