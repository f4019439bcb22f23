"""TMX 1.4 import and export (standard library XML).

Each ``tu`` holds one ``tuv`` per language (``xml:lang``); the source language is
the ``tu``'s ``srclang``, else the header's, else the first ``tuv``. Language
codes are reduced to their primary subtag (``en-US`` → ``en``). The project a
pair came from travels as ``<prop type="x-project">``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from ttdn_studio import __version__
from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats.atomic import atomic_write_text
from ttdn_studio.formats.xmlfile import XML_LANG, lang_of, primary_lang, read_xml, xml_document
from ttdn_studio.text import without_controls
from ttdn_studio.tm.memory import MemoryUnits, TmUnit

INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}  # native codes: their content is not text


def tmx_date(iso: str) -> str:
    """``2024-05-03T10:00:00+00:00`` → ``20240503T100000Z``."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def iso_date(tmx: str) -> str:
    """``20240503T100000Z`` → ``2024-05-03T10:00:00+00:00`` ("" when unreadable)."""
    try:
        return datetime.strptime(tmx.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).isoformat()
    except ValueError:
        return ""


def write_tmx(units: Iterable[TmUnit], srclang: str = "*all*") -> str:
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "TTDN Studio",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "ttdn-sqlite",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for unit in units:
        tu = ET.SubElement(body, "tu", {"srclang": unit.src_lang})
        if unit.created_at and tmx_date(unit.created_at):
            tu.set("creationdate", tmx_date(unit.created_at))
        if unit.project:
            ET.SubElement(tu, "prop", {"type": "x-project"}).text = without_controls(unit.project)
        for lang, text in ((unit.src_lang, unit.source), (unit.tgt_lang, unit.target)):
            seg = ET.SubElement(ET.SubElement(tu, "tuv", {XML_LANG: lang}), "seg")
            seg.text = without_controls(text, line_break="\n")  # XML cannot hold them
    return xml_document(root)


def read_tmx(path: Path) -> list[TmUnit]:
    """Every source/target pair of a TMX file (a ``tu`` with three languages gives two)."""
    root = read_xml(path, "TMX", ImportFailed)
    if root.tag != "tmx":
        raise ImportFailed(f"not a TMX file (root element is <{root.tag}>)", file=path)
    header = root.find("header")
    default_src = header.get("srclang", "*all*") if header is not None else "*all*"
    units: list[TmUnit] = []
    for tu in root.iter("tu"):
        units.extend(_pairs(tu, default_src))
    return units


def _pairs(tu: ET.Element, default_src: str) -> list[TmUnit]:
    segs: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        lang = lang_of(tuv)
        seg = tuv.find("seg")
        if lang and seg is not None and lang not in segs:
            segs[lang] = _seg_text(seg).strip()
    src = primary_lang(tu.get("srclang") or default_src)
    if src not in segs:
        src = next(iter(segs), "")
    source = segs.get(src, "")
    project = next((p.text or "" for p in tu.findall("prop") if p.get("type") == "x-project"), "")
    created = iso_date(tu.get("creationdate", "")) or iso_date(tu.get("changedate", ""))
    return [
        TmUnit(source, text, src, lang, project.strip(), created)
        for lang, text in segs.items()
        if lang != src and source and text
    ]


def _seg_text(el: ET.Element) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag not in INLINE_CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def import_tmx(tm: MemoryUnits, path: Path) -> tuple[int, int]:
    """Add a TMX file's pairs to ``tm``; returns ``(pairs read, pairs new)``."""
    units = read_tmx(Path(path))
    return len(units), tm.add_many(units)


def export_tmx(
    tm: MemoryUnits, path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> int:
    """Write ``tm`` (optionally one language pair) to a TMX file; returns the pair count."""
    units = list(tm.units(src_lang, tgt_lang))
    srclangs = {u.src_lang for u in units}
    srclang = srclangs.pop() if len(srclangs) == 1 else "*all*"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, write_tmx(units, srclang))
    return len(units)
