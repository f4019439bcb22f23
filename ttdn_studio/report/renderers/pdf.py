"""PDF: the DOCX report converted by LibreOffice (``soffice --headless``), when installed.

The DOCX is the document of record (the manager edits it); the PDF is the same
document as it prints. Without LibreOffice, asking for a PDF is a clear error.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ttdn_studio.errors import ReportError
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import ReportFormat

TIMEOUT_S = 180


def converter() -> str | None:
    """The LibreOffice program that converts to PDF, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    program = converter()
    if program is None:
        raise ReportError(
            "a PDF report needs LibreOffice (soffice) to convert the Word document; "
            "install it (e.g. apt install libreoffice-writer-nogui) or write a .docx instead"
        )
    with tempfile.TemporaryDirectory(prefix="ttdn-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(docx)
        # A profile of its own: runs in parallel with (or beside) an open LibreOffice.
        profile = (folder / "profile").as_uri()
        cmd = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"LibreOffice could not convert the report to PDF ({exc})") from None
        out = folder / "report.pdf"
        if done.returncode != 0 or not out.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            reason = detail[-1] if detail else f"exit status {done.returncode}"
            raise ReportError(f"LibreOffice could not convert the report to PDF ({reason})")
        return out.read_bytes()


def render(report: Report, lang: str) -> bytes:
    from ttdn_studio.report.renderers.docx_doc import render as render_docx

    return docx_to_pdf(render_docx(report, lang))


FORMAT = ReportFormat(
    "pdf",
    (".pdf",),
    "the Word document as PDF (converted by LibreOffice, when installed)",
    render,
    text=False,
)
