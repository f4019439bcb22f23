"""Glossaries as TSV or CSV: one header row, then one entry per row.

Columns (any order, only ``vi`` required): vi, en, km, domain, note, forbidden,
valid_from, valid_until, successor, source, sensitive. ``forbidden`` holds ``lang:variant``
items separated by ``|``; the dates are ``YYYY-MM-DD`` (empty: no limit); ``sensitive``,
when not empty, marks an entry whose rule gates a clip's air and names the rule's source.
Blank rows and
rows whose first cell starts with ``#`` are skipped.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError as PydanticError

from ttdn_studio.errors import GlossaryError
from ttdn_studio.glossary.entry import GlossaryEntry, format_forbidden, parse_forbidden

COLUMNS = (
    "vi",
    "en",
    "km",
    "domain",
    "note",
    "forbidden",
    "valid_from",
    "valid_until",
    "successor",
    "source",
    "sensitive",
)
# Written only when some entry uses them, so plain glossaries keep six columns.
HISTORY_COLUMNS = COLUMNS[6:10]
ALIASES = {"vietnamese": "vi", "english": "en", "khmer": "km", "notes": "note", "comment": "note"}


def read_table(path: Path, delimiter: str) -> list[GlossaryEntry]:
    """Read a TSV (``delimiter="\\t"``) or CSV glossary; errors name the file and line."""
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    entries: list[GlossaryEntry] = []
    for row in reader:
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = _header(row, path, reader.line_num)
            continue
        entries.append(_entry(header, row, path, reader.line_num))
    if header is None:
        raise GlossaryError("empty glossary file (no header row)", file=path)
    return entries


def write_table(entries: list[GlossaryEntry], delimiter: str) -> str:
    """The text of a TSV/CSV glossary holding ``entries`` (``\\n`` line endings)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    history = any(e.valid_from or e.valid_until or e.successor or e.source for e in entries)
    sensitive = any(e.sensitive for e in entries)
    writer.writerow(
        [*COLUMNS[:6], *(HISTORY_COLUMNS if history else ()), *(["sensitive"] if sensitive else [])]
    )
    for e in entries:
        row = [e.vi, e.en, e.km, e.domain, e.note, format_forbidden(e.forbidden)]
        if history:
            row += [
                e.valid_from.isoformat() if e.valid_from else "",
                e.valid_until.isoformat() if e.valid_until else "",
                e.successor,
                e.source,
            ]
        if sensitive:
            row.append(e.sensitive)
        writer.writerow(row)
    return out.getvalue()


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=path
        ) from exc
    except OSError as exc:
        raise GlossaryError(f"cannot read the file ({exc.strerror})", file=path) from exc


def _header(row: list[str], path: Path, line: int) -> list[str]:
    names = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in row]
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise GlossaryError(
            f"unknown column {unknown[0]!r} (columns are {', '.join(COLUMNS)})",
            file=path,
            line=line,
        )
    if "vi" not in names:
        raise GlossaryError("the header row has no 'vi' column", file=path, line=line)
    return names


def _entry(header: list[str], row: list[str], path: Path, line: int) -> GlossaryEntry:
    if len(row) > len(header):
        raise GlossaryError(
            f"{len(row)} cells but the header has {len(header)} columns", file=path, line=line
        )
    cells = dict(zip(header, row, strict=False))
    try:
        forbidden = parse_forbidden(cells.pop("forbidden", ""))
        return GlossaryEntry.model_validate({**cells, "forbidden": forbidden})
    except ValueError as exc:
        raise GlossaryError(_message(exc), file=path, line=line) from exc


def _message(exc: ValueError) -> str:
    if isinstance(exc, PydanticError):
        return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
    return str(exc)
