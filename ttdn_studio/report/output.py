"""Writing a rendered report to a file, atomically (never a half-written report)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ttdn_studio.errors import ReportError
from ttdn_studio.report.model import Report
from ttdn_studio.report.renderers import format_for_path, get_format, render_report


def _write_bytes(path: Path, data: bytes) -> None:
    try:
        from ttdn_studio.formats import atomic
    except ImportError:  # a tree without the shared helper: the same temp file + replace
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    atomic.atomic_write_bytes(path, data)


def write_report(report: Report, out: Path, fmt: str | None = None, lang: str = "vi") -> str:
    """Render ``report`` into ``out``; the format comes from ``fmt`` or ``out``'s extension.

    Returns the name of the format written.
    """
    out = Path(out)
    chosen = get_format(fmt) if fmt else format_for_path(out)
    if not out.parent.is_dir():
        raise ReportError("the folder for the report does not exist", file=out.parent)
    data = render_report(report, chosen.name, lang)
    try:
        _write_bytes(out, data)
    except OSError as exc:
        raise ReportError(f"cannot write the report ({exc.strerror or exc})", file=out) from exc
    return chosen.name
