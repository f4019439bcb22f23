"""The report's files: DOCX and HTML content, the empty period, errors and guards."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import ReportError
from ttdn_studio.report import RENDERERS, build_report, render_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_docx_holds_summary_tables_and_chart(
    station: Path, tmp_path: Path, quiet_glossary: Path
) -> None:
    code, _, err = run(station, "--year", "2026", "-o", tmp_path / "bao-cao.docx")
    assert code == 0, err
    word = docx.Document(str(tmp_path / "bao-cao.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert (
        "Trong năm 2026, Đài đã làm việc trên 2 tập phim, hoàn thành 2 trong tổng số 3 clip "
        "của các tập đó" in text
    )
    assert "phụ đề tiếng Anh 1,2 phút (6 câu được duyệt) và tiếng Khmer 1,0 phút" in text
    assert "xuất 2 bản giao để phát sóng, đăng tải" in text
    assert len(word.inline_shapes) == 1  # the chart
    blob = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert word.part.related_parts[blob].blob.startswith(PNG_MAGIC)
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in word.tables]
    assert [
        [
            "Ngôn ngữ",
            "Số phút phụ đề",
            "Clip có đủ phụ đề",
            "Câu phụ đề đã duyệt",
            "Bản giao (clip đã xuất để phát sóng, đăng tải)",
        ],
        ["Tiếng Anh", "1,2", "2", "6", "2"],
        ["Tiếng Khmer", "1,0", "1", "3", "1"],
    ] in tables
    assert [
        ["Ngôn ngữ", "Cấu hình xuất", "Bản giao (clip đã xuất để phát sóng, đăng tải)"],
        ["Tiếng Anh", "air", "1"],
        ["Tiếng Anh", "web", "1"],
        ["Tiếng Khmer", "air", "1"],
    ] in tables
    terms = next(t for t in tables if t[0] == ["Tiếng Việt", "Tiếng Anh", "Số lượng"])
    assert ["Đất Mũi", "Dat Mui", "3"] in terms
    # header block, totals, lines of work, month, language, person, episode, renders,
    # QC, terms, memory, signature block
    assert len(tables) == 12


def test_html_has_vietnamese_summary_and_embedded_chart(
    station: Path, tmp_path: Path, quiet_glossary: Path
) -> None:
    code, _, err = run(station, "--year", "2026", "-o", tmp_path / "bao-cao.html")
    assert code == 0, err
    page = (tmp_path / "bao-cao.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page
    assert "Trong năm 2026, Đài đã làm việc trên 2 tập phim, hoàn thành 2 trong tổng số" in page
    found = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert found is not None
    assert base64.b64decode(found.group(1)).startswith(PNG_MAGIC)
    assert "Số phút phụ đề theo tháng và ngôn ngữ" in page
    assert list(tmp_path.iterdir()) == [tmp_path / "bao-cao.html"]  # no temporary file left


def test_english_labels(station: Path, quiet_glossary: Path) -> None:
    report = build_report(station, date(2026, 1, 1), date(2026, 12, 31))
    page = render_report(report, "html", "en").decode("utf-8")
    assert (
        "In 2026, the station worked on 2 episodes and finished 2 of their 3 clips; subtitled "
        "1.2 minutes in English (6 cues approved) and 1.0 minutes in Khmer (3 cues approved)"
        in page
    )
    assert "Minutes subtitled per month and language" in page
    assert "Đài đã" not in page


def test_empty_period_says_nothing_was_produced(
    station: Path, tmp_path: Path, quiet_glossary: Path
) -> None:
    code, stdout, err = run(station, "--year", "2020", "-o", tmp_path / "r.docx")
    assert code == 0, err
    assert "Năm 2020: chưa có sản phẩm nào" in stdout
    word = docx.Document(str(tmp_path / "r.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Không có sản phẩm nào trong kỳ báo cáo." in text
    assert len(word.inline_shapes) == 0
    report = build_report(station, date(2020, 1, 1), date(2020, 12, 31))
    assert report.is_empty and set(RENDERERS) == {"md", "html", "docx", "pdf", "csv", "json"}
    for fmt in ("md", "html"):
        page = render_report(report, fmt, "vi").decode("utf-8")
        assert "Không có sản phẩm nào trong kỳ báo cáo." in page
        assert "Trong năm 2020, không có sản phẩm nào được thực hiện" in page
        assert "data:image/png" not in page
    data = json.loads(render_report(report, "json"))
    assert data["totals"]["cues_approved"] == data["totals"]["episodes"] == 0
    assert len(data["per_month"]) == 24 and all(r["minutes"] == 0 for r in data["per_month"])
    rows = list(csv.reader(io.StringIO(render_report(report, "csv").decode("utf-8-sig"))))
    totals = {r[3]: float(r[4]) for r in rows if r[0] == "totals"}
    assert totals["episodes"] == totals["clips"] == totals["cues_approved"] == 0
    assert totals["projects_scanned"] == 4


def test_an_empty_projects_folder_is_a_report_too(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, stdout, err = run(tmp_path / "empty", "--year", "2026", "--format", "md")
    assert code == 0, err
    assert "Không có sản phẩm nào trong kỳ báo cáo." in stdout


def test_missing_projects_dir_is_an_error(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "nowhere", "-o", tmp_path / "r.html")
    assert code == 1
    assert "nowhere: no such projects folder" in err
    assert not (tmp_path / "r.html").exists()


def test_default_projects_dir_and_year(tmp_path: Path) -> None:
    code, stdout, err = run("--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert data["period"]["start"].endswith("-01-01") and data["period"]["end"].endswith("-12-31")
    assert data["totals"]["projects_scanned"] == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--year", "2026", "--from", "2026-01-01", "--to", "2026-02-01"], 2, "not both"),
        (["--from", "2026-01-01"], 2, "go together"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], 2, "before --from"),
        (["--format", "odt"], 2, "'odt' is not one of"),
        (["-o", "r.odt"], 1, "cannot tell the report format from 'r.odt'"),
        (["--format", "pdf"], 2, "cannot be shown on the terminal"),
        (["--format", "docx"], 2, "cannot be shown on the terminal"),
    ],
)
def test_bad_options(
    tmp_path: Path, args: list[str], code: int, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p").mkdir()
    got, _, err = run("p", *args)
    assert got == code
    assert message in err


def test_format_option_beats_the_extension(
    station: Path, tmp_path: Path, quiet_glossary: Path
) -> None:
    code, _, err = run(station, "--year", "2026", "--format", "json", "-o", tmp_path / "r.txt")
    assert code == 0, err
    assert json.loads((tmp_path / "r.txt").read_text(encoding="utf-8"))["totals"]["clips"] == 2


def test_reversed_period_is_refused(station: Path) -> None:
    with pytest.raises(ReportError, match="before it starts"):
        build_report(station, date(2026, 2, 1), date(2026, 1, 1))


def test_failing_sources_say_not_available(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn_studio import locations
    from ttdn_studio.errors import ValidationError
    from ttdn_studio.report import qc_cache

    def broken_qc(*_: object) -> list[object]:
        raise ValidationError("a check failed")

    monkeypatch.setattr(qc_cache, "run_rows", broken_qc)  # the report's QC runs clip by clip
    locations.tm_file().write_bytes(b"not a database at all" * 100)
    locations.user_glossary_file().write_bytes(b"vi\ten\n\xff broken\n")  # not UTF-8
    report = build_report(station, date(2026, 1, 1), date(2026, 12, 31))
    assert not report.qc_overridden.available and report.qc_overridden.approved == 9
    assert "a check failed" in report.qc_overridden.note
    assert not report.tm_growth.available and report.top_terms == []
    assert any("glossary could not be read" in w for w in report.warnings)
    assert report.totals.cues_approved == 9  # the core figures do not depend on them
    page = render_report(report, "html", "vi").decode("utf-8")
    assert page.count("không có số liệu") == 2  # QC and translation memory


def test_every_label_speaks_to_a_reader_outside_the_team(
    station: Path, tmp_path: Path, quiet_glossary: Path
) -> None:
    """No database words (approved, updated_at, status 'done', UTC) in the documents."""
    report = build_report(station, date(2026, 1, 1), date(2026, 12, 31))
    word_path = tmp_path / "r.docx"
    word_path.write_bytes(render_report(report, "docx", "vi"))
    word = docx.Document(str(word_path))
    texts = {
        "docx": "\n".join(p.text for p in word.paragraphs)
        + "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells),
        "md": render_report(report, "md", "vi").decode("utf-8"),
        "md-en": render_report(report, "md", "en").decode("utf-8"),
    }
    for name, text in texts.items():
        for internal in (
            "approved'",
            "'approved",
            "updated_at",
            "status",
            "'done'",
            "Lập lúc (UTC)",
        ):
            assert internal not in text, (name, internal)
    assert "Ghi chú: cách tính số liệu" in texts["docx"]
    assert "không được tính" in texts["docx"] and "draft" in texts["docx"]  # says which
