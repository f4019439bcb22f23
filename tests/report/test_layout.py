"""The DOCX and HTML reports rendered to PDF and PNG, checked against the administrative format.

Nghị định 30/2020/NĐ-CP: A4; Times New Roman 13-14 pt; margins top/bottom 20-25 mm,
left 30-35 mm, right 15-20 mm; page numbers from page 2; the parent body and the
issuing unit on the left, the national title on the right, "BÁO CÁO" centred.
The DOCX goes through LibreOffice (as `ttdn report --format pdf` does); the HTML
through WeasyPrint, which applies its print CSS as a browser's print would.
Word positions come from ``pdftotext -bbox``, fonts from ``pdffonts``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.models.station import StationProfile
from ttdn_studio.report import build_report, render_report
from ttdn_studio.report.renderers import pdf as pdf_format

MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)
POPPLER = all(shutil.which(p) for p in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")
needs_soffice = pytest.mark.skipif(
    pdf_format.converter() is None, reason="LibreOffice (soffice) is not installed"
)


@dataclass
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def words(pdf: Path) -> list[Word]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    out: list[Word] = []
    for page, body in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            body,
        ):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            out.append(Word(page, x0, y0, x1, y1, m.group(5)))
    return out


def line(found: list[Word], *texts: str, page: int = 1) -> list[Word]:
    """The words ``texts`` in sequence on one line of ``page``."""
    on_page = [w for w in found if w.page == page]
    for i in range(len(on_page)):
        seq = on_page[i : i + len(texts)]
        if [x.text for x in seq] == list(texts) and len({round(x.y0) for x in seq}) == 1:
            return seq
    raise AssertionError(f"{' '.join(texts)!r} not found on page {page}")


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m, info
    return float(m.group(1)), float(m.group(2))


def fonts(pdf: Path) -> set[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    return {ln.split()[0].split("+")[-1] for ln in listing.splitlines()[2:] if ln.strip()}


def to_png(pdf: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    return sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))


def check_layout(pdf: Path) -> None:
    width, height = page_size(pdf)
    assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1  # A4
    assert {f.replace("-", "") for f in fonts(pdf)} <= {
        "LiberationSerif",
        "LiberationSerifBold",
        "LiberationSerifItalic",
        "LiberationSerifBoldItalic",
        "TimesNewRomanPSMT",
        "TimesNewRomanPSBoldMT",
        "TimesNewRomanPSItalicMT",
        "TimesNewRomanPSBoldItalicMT",
    }
    found = words(pdf)
    body = [w for w in found if w.page == 1]
    # margins: left 30 mm, right 15 mm, top 20 mm, bottom 20 mm (a little tolerance)
    assert 29 * MM <= min(w.x0 for w in body) <= 36 * MM
    assert max(w.x1 for w in found) <= width - 14 * MM
    assert min(w.y0 for w in body) >= 19 * MM
    assert max(w.y1 for w in found if w.page == 1) <= height - 19 * MM
    middle = 30 * MM + (width - 45 * MM) / 2  # centre of the text area

    def centre(seq: list[Word]) -> float:
        return (seq[0].x0 + seq[-1].x1) / 2

    # the national title and motto on the right, the parent body and unit on the left
    national = line(found, "CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM")
    assert centre(national) > middle + 20 * MM and national[0].x0 > middle - 25 * MM
    motto = line(found, "Độc", "lập", "-", "Tự", "do", "-", "Hạnh", "phúc")
    assert abs(centre(motto) - centre(national)) < 3 * MM and motto[0].x0 > middle
    unit = line(found, "UBND", "TỈNH", "CÀ", "MAU")
    assert centre(unit) < middle - 20 * MM and unit[-1].x1 < middle
    assert line(found, "BÁO", "VÀ", "ĐÀI")[-1].x1 < middle
    assert abs(unit[0].y0 - national[0].y0) < 3 * MM  # both blocks start on the same line
    title = line(found, "BÁO", "CÁO")
    assert abs((title[0].x0 + title[-1].x1) / 2 - middle) < 3 * MM  # centred
    assert title[0].y0 > national[0].y0
    date_line = line(found, "Cà", "Mau,", "ngày")
    assert date_line[0].x0 > middle - 15 * MM and date_line[0].y0 > motto[0].y0
    # page numbers: none at the top of page 1, "2" centred at the top of page 2
    assert not [w for w in found if w.page == 1 and w.text == "1" and w.y0 < 20 * MM]
    number = [w for w in found if w.page == 2 and w.text == "2" and w.y1 < 20 * MM]
    assert number and abs(number[0].centre - middle) < 3 * MM
    pngs = to_png(pdf)
    assert len(pngs) >= 2 and pngs[0].read_bytes().startswith(b"\x89PNG")


@pytest.fixture
def report_2026(station: Path, quiet_glossary: Path):  # type: ignore[no-untyped-def]
    profile = StationProfile(signer_name="Nguyễn Văn A")
    return build_report(station, date(2026, 1, 1), date(2026, 12, 31), station=profile)


@needs_poppler
@needs_soffice
def test_docx_printed_by_libreoffice_follows_the_format(
    station: Path, tmp_path: Path, quiet_glossary: Path
) -> None:
    """``ttdn report -o x.pdf``: the DOCX converted by LibreOffice."""
    (tmp_path / "config").mkdir()
    pdf = tmp_path / "bao-cao.pdf"
    result = CliRunner().invoke(cli, ["report", str(station), "--year", "2026", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    check_layout(pdf)
    text = " ".join(w.text for w in words(pdf))
    for expected in (
        "Số: …/BC-BĐCM",
        "Kính gửi: Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau.",
        "BÁO CÁO Kết quả công tác thông tin đối ngoại năm 2026",
        "Nơi nhận:",
        "TỔNG BIÊN TẬP",
        "IV. ĐÁNH GIÁ CHUNG",
        "[Phần để lãnh đạo đơn vị viết",
    ):
        assert expected in text


@needs_poppler
def test_html_printed_with_its_css_follows_the_format(report_2026, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint (dev) is not installed")
    html = tmp_path / "bao-cao.html"
    html.write_bytes(render_report(report_2026, "html", "vi"))
    assert "Nguyễn Văn A" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "bao-cao-html.pdf"
    weasyprint.HTML(filename=str(html)).write_pdf(str(pdf))
    check_layout(pdf)


def test_pdf_without_libreoffice_is_a_clear_error(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_format, "converter", lambda: None)
    out = tmp_path / "bao-cao.pdf"
    result = CliRunner().invoke(cli, ["report", str(station), "--year", "2026", "-o", str(out)])
    assert result.exit_code == 1
    assert "a PDF report needs LibreOffice (soffice)" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_help_says_pdf_needs_libreoffice() -> None:
    result = CliRunner().invoke(cli, ["report", "--help"])
    assert "pdf needs LibreOffice" in result.output
