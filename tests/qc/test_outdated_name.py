"""``outdated_name``: a translation using a name the 2025 reorganisation replaced."""

from __future__ import annotations

from datetime import date

import pytest

from ttdn_studio.errors import TtdnError
from ttdn_studio.glossary import Glossary, GlossaryEntry, load_glossary, read_glossary_file
from ttdn_studio.models import Cue, CueRow, Project, Translation
from ttdn_studio.qc import CHECKS
from ttdn_studio.qc.registry import QcContext


def row(source: str, target: str, lang: str = "en") -> CueRow:
    cue = Cue(id=1, clip_id=1, start_ms=0, end_ms=2000, text=source)
    return CueRow(
        index=1,
        clip="main",
        cue=cue,
        translations={lang: Translation(cue_id=1, lang=lang, text=target)},
    )


def check(source: str, target: str, on: str | None = "2026-11-20", lang: str = "en") -> list[str]:
    settings = {"broadcast_date": on} if on else {}
    project = Project(title="QC", settings=settings)
    ctx = QcContext.build(project, lang, load_glossary())  # type: ignore[arg-type]
    return [
        f.message for f in CHECKS["outdated_name"].run_cue(ctx, row(source, target, lang), lang)
    ]


def test_a_district_name_after_july_2025_is_outdated() -> None:
    found = check("Rừng đước huyện Năm Căn.", "The mangroves of Nam Can District.")
    assert (
        len(found) == 1
        and "“Nam Can District” is no longer the official name after 2025-06-30" in found[0]
    )
    assert CHECKS["outdated_name"].severity == "warning"


def test_the_station_name_points_to_its_successor() -> None:
    found = check(
        "Đài Phát thanh - Truyền hình Cà Mau thực hiện.",
        "Produced by Ca Mau Radio and Television Station.",
    )
    assert found and "now “Ca Mau Newspaper and Radio-Television Station”" in found[0]
    assert not check(
        "Báo và Đài Phát thanh - Truyền hình Cà Mau thực hiện.",
        "Produced by Ca Mau Newspaper and Radio-Television Station.",
    )  # the old "Ca Mau Newspaper" inside the new name is not reported


def test_a_source_that_marks_history_is_accepted() -> None:
    for source in (
        "Năm 2019, huyện Năm Căn có tám xã.",
        "Huyện Năm Căn cũ nay là các xã của tỉnh Cà Mau.",
        "Trước đây, Tỉnh uỷ có Ban Tuyên giáo.",
    ):
        assert not check(source, "Nam Can District / Propaganda and Education Commission"), source


def test_an_archive_programme_broadcast_before_the_change_is_accepted() -> None:
    assert not check("Huyện Năm Căn.", "Nam Can District.", on="2024-05-01")
    assert check("Huyện Năm Căn.", "Nam Can District.", on="2025-07-01")
    assert not check("Huyện Năm Căn.", "Nam Can District.", on="2025-06-30")


def test_the_broadcast_date_defaults_to_today_and_is_checked() -> None:
    assert Project(title="x").broadcast_date() == date.today()
    assert check("Huyện Năm Căn.", "Nam Can District.", on=None)  # today is after mid-2025
    with pytest.raises(TtdnError, match="not a date"):
        check("Huyện Năm Căn.", "Nam Can District.", on="next week")


def test_glossary_dates_and_successors_round_trip(tmp_path) -> None:  # noqa: ANN001
    old = GlossaryEntry(
        vi="Sở Thông tin và Truyền thông",
        en="Department of Information and Communications",
        valid_until="2025-02-28",  # type: ignore[arg-type]
        successor="Sở Khoa học và Công nghệ",
        source="https://ictvietnam.vn/print/69097.html",
    )
    new = GlossaryEntry(vi="Sở Khoa học và Công nghệ", en="Department of Science and Technology")
    glossary = Glossary([old, new])
    assert glossary.successor_of(old) is new
    assert old.valid_on(date(2025, 2, 28)) and not old.valid_on(date(2025, 3, 1))
    from ttdn_studio.glossary import write_glossary_file

    for ext in ("tsv", "csv", "tbx"):
        path = write_glossary_file(tmp_path / f"g.{ext}", [old, new])
        assert read_glossary_file(path) == [old, new]


def test_bad_dates_in_a_glossary_file_name_the_line(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\tvalid_until\nhuyện X\tX District\t30/6/2025\n", encoding="utf-8")
    with pytest.raises(TtdnError, match="not a date") as info:
        read_glossary_file(path)
    assert "2" in str(info.value)


def test_the_bundled_glossary_cites_a_source_for_every_dated_entry() -> None:
    dated = [e for e in load_glossary().entries if e.valid_until]
    assert len(dated) >= 15
    assert all(e.source.startswith("https://") for e in dated)
    current = load_glossary()
    for e in dated:
        if e.successor:
            assert current.lookup(e.successor) is not None, e.successor


def test_broadcast_date_command_and_qc_from_the_cli(store) -> None:  # noqa: ANN001
    import json

    from click.testing import CliRunner

    from ttdn_studio.cli import cli
    from ttdn_studio.store import NewCue

    store.add_cues("main", [NewCue(0, 2000, "Huyện Năm Căn", {"en": "Nam Can District"})])

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args))
        return result.exit_code, result.output

    code, out = run("broadcast-date", str(store.path))
    assert code == 0 and "no broadcast date set" in out
    code, out = run("qc", str(store.path), "--lang", "en", "--json")
    assert json.loads(out)["summary"]["by_check"].get("outdated_name") == 1
    code, out = run("broadcast-date", str(store.path), "2024-12-31")
    assert code == 0 and out.strip() == "2024-12-31"
    code, out = run("qc", str(store.path), "--lang", "en", "--json")
    assert "outdated_name" not in json.loads(out)["summary"]["by_check"]
    code, out = run("broadcast-date", str(store.path), "31/12/2024")
    assert code == 1 and "not a date" in out and "Traceback" not in out
    code, out = run("broadcast-date", str(store.path))
    assert out.strip() == "2024-12-31"  # unchanged by the refused value


def test_glossary_add_records_a_replaced_name(tmp_path) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    from ttdn_studio.cli import cli
    from ttdn_studio.store import create_project

    create_project(tmp_path / "ep", Project(title="Tập thử")).close()
    args = ["glossary", "add", "xã Cũ", "--en", "Old Commune", "--project", str(tmp_path / "ep")]
    result = CliRunner().invoke(
        cli,
        [*args, "--valid-until", "2025-06-30", "--successor", "xã Mới", "--source", "https://x"],
    )
    assert result.exit_code == 0, result.output
    entry = load_glossary(tmp_path / "ep").lookup("xã cũ")
    assert entry is not None and entry.valid_until == date(2025, 6, 30)
    assert entry.successor == "xã Mới" and entry.source == "https://x"
    bad = CliRunner().invoke(cli, [*args, "--valid-until", "June 2025"])
    assert bad.exit_code != 0 and "not a date" in bad.output and "Traceback" not in bad.output


def test_glossary_list_shows_when_a_name_was_replaced() -> None:
    from click.testing import CliRunner

    from ttdn_studio.cli import cli

    result = CliRunner().invoke(cli, ["glossary", "list", "-s", "huyện Năm Căn"])
    assert result.exit_code == 0
    assert "huyện Năm Căn → Nam Can District  [place]  (until 2025-06-30)" in result.stdout
