"""Reading narration scripts (.txt, .md, .docx) into paragraphs, paired by language.

A script is a list of :class:`ScriptBlock` (one paragraph, maybe with a start
time and a known language); :func:`pair_blocks` turns them into
:class:`ScriptUnit` (a source paragraph and, in a bilingual script, the
translation that follows it). Paragraphs are separated by blank lines; a file
with no blank line has one paragraph per line. Timed lines
(``00:01:02,500 text`` or ``[00:01:02] text``) start their own paragraph.
Word tables with two columns (vi | en) or three (time | vi | en) give pairs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.docx_legacy import describe_ranges, document_default_font, paragraph_text
from ttdn_studio.formats.vietnamese import script_language
from ttdn_studio.formats.ziplimits import MIB, ZipLimits, zip_problem

if TYPE_CHECKING:
    pass


@dataclass
class ScriptBlock:
    text: str
    line: int | None = None
    start_ms: int | None = None
    lang: str | None = None  # set when the layout says it (table columns)
    pair: str | None = None  # the translation beside it (table rows)
    encoding: str | None = None  # a legacy font's encoding found in a Word file
    paragraph: int | None = None  # the Word paragraph (or table row) it came from


@dataclass
class ScriptUnit:
    source: str
    target: str | None = None
    start_ms: int | None = None
    line: int | None = None


_TIMED = re.compile(
    r"^\s*\[?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[,.]\d{1,3})?)\]?(?:\s+|\s*[-–]\s*)(\S.*)$"
)


def parse_time(stamp: str) -> int:
    """``[hh:]mm:ss[,mmm]`` → milliseconds."""
    main, _, frac = stamp.replace(",", ".").partition(".")
    seconds = 0
    for part in main.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + (int(frac.ljust(3, "0")[:3]) if frac else 0)


def read_plain(text: str, path: Path) -> list[ScriptBlock]:
    """Paragraph blocks of a plain-text script."""
    lines = text.split("\n")
    per_line = not any(not ln.strip() for ln in lines[1:-1]) and len(lines) > 1
    blocks: list[ScriptBlock] = []
    current: ScriptBlock | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        timed = _TIMED.match(line)
        if not line:
            current = None
        elif timed:
            current = ScriptBlock(timed.group(2), number, parse_time(timed.group(1)))
            blocks.append(current)
        elif current is None or per_line:
            current = ScriptBlock(line, number)
            blocks.append(current)
        else:
            current.text = f"{current.text} {line}"
    return blocks


_MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code marks
    (re.compile(r"<!--.*?-->"), ""),
]
_MD_PREFIX = re.compile(r"^\s*(>\s*|[-*+]\s+|\d+[.)]\s+)+")


def read_markdown(text: str, path: Path) -> list[ScriptBlock]:
    """Like plain text, with headings, fences and markup left out."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            fenced = not fenced
            out.append("")
            continue
        if fenced or line.lstrip().startswith("#") or re.fullmatch(r"\s*([-*_]\s*){3,}", line):
            out.append("")  # keeps line numbers, ends the paragraph
            continue
        line = _MD_PREFIX.sub("", line)
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        out.append(line)
    return read_plain("\n".join(out), path)


# ------------------------------------------------------------------------ docx
_HEADER_WORDS = {
    "tiếng việt",
    "vietnamese",
    "english",
    "tiếng anh",
    "khmer",
    "tiếng khmer",
    "vi",
    "en",
    "km",
    "thời gian",
    "time",
    "timecode",
}


def _is_header(cells: list[str]) -> bool:
    return all(c.strip().lower() in _HEADER_WORDS or not c.strip() for c in cells)


def _cell_text(cell: Any, default_font: str | None) -> tuple[str, str | None]:
    found = [paragraph_text(p, default_font) for p in cell.paragraphs]
    codecs = [c for _, c in found if c]
    return "\n".join(t for t, _ in found), (codecs[0] if codecs else None)


def _table_rows(table: Any, default_font: str | None) -> list[tuple[list[str], str | None]]:
    rows = []
    for row in table.rows:
        found = [_cell_text(c, default_font) for c in row.cells]
        codecs = [c for _, c in found if c]
        rows.append(([t.strip() for t, _ in found], codecs[0] if codecs else None))
    return rows


def _table_blocks(
    table: Any, default_font: str | None = None, first: int = 1
) -> tuple[list[ScriptBlock], int]:
    """Blocks of a table's rows, and how many rows (numbered from ``first``) it had."""
    rows = _table_rows(table, default_font)
    count = len(rows)
    numbers = list(range(first, first + count))
    if rows and _is_header(rows[0][0]):
        rows, numbers = rows[1:], numbers[1:]
    blocks: list[ScriptBlock] = []
    for (cells, codec), number in zip(rows, numbers, strict=True):
        start = None
        if len(cells) >= 3 and _TIMED.match(f"{cells[0]} x"):
            start, cells = parse_time(cells[0].strip("[] ")), cells[1:]
        cells = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]  # merged cells
        if not any(cells):
            continue
        text = " ".join(cells[0].split())
        pair = " ".join(" ".join(cells[1:]).split()) if len(cells) > 1 else None
        blocks.append(ScriptBlock(text, None, start, pair=pair, encoding=codec, paragraph=number))
    return blocks, count


# A script is text: even with pictures a real one unpacks to a few megabytes.
DOCX_LIMITS = ZipLimits(max_bytes=256 * MIB, max_entries=5000)


def _check_docx_size(data: bytes, path: Path, limits: ZipLimits) -> None:
    """Refuse a .docx that would unpack beyond ``limits`` before python-docx reads it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            problem = zip_problem(zf, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ImportFailed(f"is not a readable Word .docx file ({exc})", file=path) from None
    if problem:
        raise ImportFailed(f"refusing to read this .docx: {problem}", file=path)


def read_docx(data: bytes, path: Path, limits: ZipLimits | None = None) -> list[ScriptBlock]:
    """Paragraphs and table rows of a Word document, in document order.

    The archive is checked against ``limits`` (default :data:`DOCX_LIMITS`) first.
    """
    import docx
    from docx.table import Table

    _check_docx_size(data, path, limits or DOCX_LIMITS)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # not a zip, corrupt zip, missing parts...
        raise ImportFailed(
            f"is not a readable Word .docx file ({type(exc).__name__}: {exc})", file=path
        ) from None
    default_font = document_default_font(document)
    blocks: list[ScriptBlock] = []
    number = 1  # paragraphs and table rows, counted as Word shows them
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows, count = _table_blocks(item, default_font, number)
            blocks.extend(rows)
            number += count
            continue
        text, codec = paragraph_text(item, default_font)
        for block in read_plain(text, path):
            if block.text:
                block.encoding, block.paragraph = codec, number
                blocks.append(block)
        number += 1
    return blocks


def legacy_summary(blocks: list[ScriptBlock]) -> str:
    """Which legacy font encodings a Word file held, per paragraph range ("" when none)."""
    return describe_ranges((b.paragraph, b.encoding) for b in blocks if b.paragraph is not None)


# --------------------------------------------------------------------- pairing
def _code(found: str, langs: list[str]) -> str | None:
    """Map a detected script (vi, km, latin) to one of the project's language codes."""
    if found in langs:
        return found
    if found == "latin":
        return next((code for code in langs if code not in ("vi", "km")), None)
    return None


def detect_target(blocks: list[ScriptBlock], source_lang: str, targets: list[str]) -> str | None:
    """The translation language of a bilingual script, or ``None`` for a monolingual one."""
    found: dict[str, int] = {}
    for block in blocks:
        if block.pair is not None:
            code = _code(script_language(block.pair), targets)
        else:
            code = _code(script_language(block.text), [source_lang, *targets])
        if code is not None:
            found[code] = found.get(code, 0) + 1
    # A stray foreign paragraph (a quote, a name) does not make a script bilingual.
    candidates = [c for c in targets if found.get(c, 0) * 3 >= max(1, found.get(source_lang, 0))]
    paired = any(b.pair for b in blocks)
    return candidates[0] if candidates and (paired or found.get(candidates[0], 0)) else None


def _lang_of(block: ScriptBlock, source_lang: str, target_lang: str | None) -> str:
    if target_lang is None:
        return source_lang
    return _code(script_language(block.text), [source_lang, target_lang]) or source_lang


def pair_blocks(
    blocks: list[ScriptBlock],
    source_lang: str,
    target_lang: str | None,
    warn: Callable[[str], None],
) -> list[ScriptUnit]:
    """Units of a script: a source paragraph with the translation right after it."""
    units: list[ScriptUnit] = []
    for block in blocks:
        if block.pair is not None:
            units.append(_table_unit(block, source_lang))
            continue
        lang = _lang_of(block, source_lang, target_lang)
        previous = units[-1] if units else None
        if lang == source_lang or target_lang is None:
            units.append(ScriptUnit(block.text, None, block.start_ms, block.line))
        elif previous is not None and previous.target is None:
            previous.target = block.text
        else:
            warn(
                f"line {block.line or '?'}: {target_lang} paragraph with no {source_lang} "
                "paragraph before it; kept as a cue with no source text"
            )
            units.append(ScriptUnit("", block.text, block.start_ms, block.line))
    return units


def _table_unit(block: ScriptBlock, source_lang: str) -> ScriptUnit:
    first, second = block.text, block.pair or ""
    if source_lang == "vi" and script_language(first) != "vi" and script_language(second) == "vi":
        first, second = second, first
    return ScriptUnit(first, second or None, block.start_ms, block.line)


SCRIPT_READERS: dict[str, Callable[[str, Path], list[ScriptBlock]]] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
}
BINARY_SCRIPT_READERS: dict[str, Callable[[bytes, Path], list[ScriptBlock]]] = {".docx": read_docx}
