"""Render the report pages shown in the README (docs/report-page-1.png, docs/report-page-2.png).

Builds the report tests' projects folder (three episodes with known dates) in a
temporary folder, writes the yearly report as DOCX with a sample station profile,
converts it to PDF with LibreOffice (as ``ttdn report --format pdf`` does) and
the first two pages to PNG with pdftoppm.

Run: .venv/bin/python scripts/report_docs.py
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ttdn-report-docs-") as tmp:
        root = Path(tmp)
        for name in ("data", "config"):
            (root / name).mkdir()
        os.environ["TTDN_DATA_DIR"] = str(root / "data")
        os.environ["TTDN_CONFIG_DIR"] = str(root / "config")
        os.environ.setdefault("TTDN_USER", "lan")
        spec = importlib.util.spec_from_file_location(
            "report_fixtures", ROOT / "tests" / "report" / "conftest.py"
        )
        assert spec and spec.loader
        fixtures = importlib.util.module_from_spec(spec)
        sys.modules["report_fixtures"] = fixtures  # dataclasses look their module up
        spec.loader.exec_module(fixtures)
        projects = fixtures.build_station(root)
        (projects / "station.toml").unlink()  # the defaults: Cà Mau, Asia/Ho_Chi_Minh

        from ttdn_studio.models.station import StationProfile, Targets
        from ttdn_studio.report import build_report, render_report

        profile = StationProfile(
            signer_name="Nguyễn Văn A",
            targets=Targets(episodes_en=4, minutes_en=60, khmer_items=12, clips=24),
        )
        report = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=profile)
        pdf = root / "bao-cao.pdf"
        pdf.write_bytes(render_report(report, "pdf", "vi"))
        for page in (1, 2):
            out = ROOT / "docs" / f"report-page-{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "80",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(pdf),
                    str(out),
                ],
                check=True,
            )
            print(f"wrote {out}.png")


if __name__ == "__main__":
    main()
