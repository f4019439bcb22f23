"""Reading and writing glossary files, chosen by extension (a registry of formats)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.errors import GlossaryError
from ttdn_studio.formats.atomic import atomic_write_text
from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.glossary.tabular import read_table, write_table
from ttdn_studio.glossary.tbx import read_tbx, write_tbx


@dataclass(frozen=True)
class GlossaryFormat:
    name: str
    extensions: tuple[str, ...]
    read: Callable[[Path], list[GlossaryEntry]]
    write: Callable[[list[GlossaryEntry]], str]


FORMATS: dict[str, GlossaryFormat] = {
    "tsv": GlossaryFormat(
        "tsv",
        (".tsv", ".tab", ".txt"),
        lambda p: read_table(p, "\t"),
        lambda e: write_table(e, "\t"),
    ),
    "csv": GlossaryFormat(
        "csv",
        (".csv",),
        lambda p: read_table(p, ","),
        lambda e: write_table(e, ","),
    ),
    "tbx": GlossaryFormat("tbx", (".tbx", ".xml"), read_tbx, write_tbx),
}


def format_for(path: Path, name: str | None = None) -> GlossaryFormat:
    """The format called ``name``, or the one ``path``'s extension names."""
    if name is not None:
        if name not in FORMATS:
            raise GlossaryError(f"unknown glossary format {name!r} (use {', '.join(FORMATS)})")
        return FORMATS[name]
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
    raise GlossaryError(
        f"unknown glossary file type {suffix or '(none)'!r} (use {known})", file=path
    )


def read_glossary_file(path: Path, fmt: str | None = None) -> list[GlossaryEntry]:
    """Entries of a TSV, CSV or TBX file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise GlossaryError("no such glossary file", file=path)
    return format_for(path, fmt).read(path)


def write_glossary_file(path: Path, entries: list[GlossaryEntry], fmt: str | None = None) -> Path:
    """Write ``entries`` atomically as TSV, CSV or TBX (by ``fmt`` or the extension)."""
    path = Path(path)
    text = format_for(path, fmt).write(list(entries))
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)
