"""Report renderers: one module per output format, found automatically.

To add a format, add a module here that defines ``FORMAT = ReportFormat(...)``
whose ``render(report, lang)`` returns the file's bytes. Import heavy libraries
(matplotlib, python-docx) inside ``render`` so loading the registry stays cheap.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.errors import ReportError
from ttdn_studio.report.model import Report


@dataclass(frozen=True)
class ReportFormat:
    name: str
    extensions: tuple[str, ...]
    description: str
    render: Callable[[Report, str], bytes]
    text: bool = True  # can be printed on a terminal


def _discover() -> dict[str, ReportFormat]:
    found: dict[str, ReportFormat] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if isinstance(fmt, ReportFormat):
            found[fmt.name] = fmt
    return found


RENDERERS: dict[str, ReportFormat] = _discover()


def get_format(name: str) -> ReportFormat:
    try:
        return RENDERERS[name.lower()]
    except KeyError:
        raise ReportError(
            f"unknown report format {name!r} (known: {', '.join(sorted(RENDERERS))})"
        ) from None


def format_for_path(path: Path) -> ReportFormat:
    """The format a file name asks for by its extension."""
    suffix = path.suffix.lower()
    for fmt in RENDERERS.values():
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(ext for f in RENDERERS.values() for ext in f.extensions)
    raise ReportError(
        f"cannot tell the report format from {path.name!r} (use {known} or give --format)",
        file=path,
    )


def render_report(report: Report, fmt: str, lang: str = "vi") -> bytes:
    """The report in format ``fmt`` (md, html, docx, csv, json), labels in ``lang``."""
    from ttdn_studio.report.wording import check_lang

    return get_format(fmt).render(report, check_lang(lang))
