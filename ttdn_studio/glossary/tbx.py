"""Glossaries as TBX (TBX-Basic, TBX v2 ``martif``; TBX v3 ``tbx`` files are read too).

Each entry is a ``termEntry`` with ``langSet`` elements for vi, en and km. The
domain is a ``descrip type="subjectField"``, the note a ``note``. Forbidden
variants are extra terms whose ``termNote type="administrativeStatus"`` is
``deprecatedTerm-admn-sts``. A replaced name's validity and successor are
``descrip`` elements of types ``validFrom``, ``validUntil`` and ``successor``,
its source a ``descrip type="source"``. A sensitive entry has a ``descrip
type="sensitive"`` holding the source of its rule. Only the standard library's XML
parser is used.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ttdn_studio.errors import GlossaryError
from ttdn_studio.formats.xmlfile import XML_LANG, lang_of, read_xml, strip_namespaces, xml_document
from ttdn_studio.glossary.entry import DOMAINS, LANGS, GlossaryEntry

PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = ("deprecatedTerm-admn-sts", "supersededTerm-admn-sts")
ENTRY_TAGS = ("termEntry", "conceptEntry")
LANG_TAGS = ("langSet", "langSec")
TERM_TAGS = ("tig", "ntig", "termSec")


def write_tbx(entries: list[GlossaryEntry]) -> str:
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "vi"})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "TTĐN Studio glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for n, entry in enumerate(entries, start=1):
        body.append(_term_entry(entry, n))
    return xml_document(root)


def _term_entry(entry: GlossaryEntry, n: int) -> ET.Element:
    el = ET.Element("termEntry", {"id": f"e{n}"})
    ET.SubElement(el, "descrip", {"type": "subjectField"}).text = entry.domain
    if entry.note:
        ET.SubElement(el, "note").text = entry.note
    for kind, value in _history(entry).items():
        if value:
            ET.SubElement(el, "descrip", {"type": kind}).text = value
    if entry.sensitive:
        ET.SubElement(el, "descrip", {"type": "sensitive"}).text = entry.sensitive
    langs = list(LANGS) + [lang for lang in entry.forbidden if lang not in LANGS]
    for lang in langs:
        term, banned = entry.term(lang), entry.forbidden_in(lang)
        if not term and not banned:
            continue
        lang_set = ET.SubElement(el, "langSet", {XML_LANG: lang})
        if term:
            _tig(lang_set, term, PREFERRED)
        for variant in banned:
            _tig(lang_set, variant, DEPRECATED[0])
    return el


def _history(entry: GlossaryEntry) -> dict[str, str]:
    return {
        "validFrom": entry.valid_from.isoformat() if entry.valid_from else "",
        "validUntil": entry.valid_until.isoformat() if entry.valid_until else "",
        "successor": entry.successor,
        "source": entry.source,
    }


def _tig(parent: ET.Element, term: str, status: str) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = term
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status


def read_tbx(path: Path) -> list[GlossaryEntry]:
    root = read_xml(path, "TBX", GlossaryError)
    strip_namespaces(root)
    entries = []
    for n, el in enumerate((e for e in root.iter() if e.tag in ENTRY_TAGS), start=1):
        entries.append(_read_entry(el, path, n))
    return entries


def _read_entry(el: ET.Element, path: Path, n: int) -> GlossaryEntry:
    terms: dict[str, str] = {}
    forbidden: dict[str, list[str]] = {}
    for lang_set in (c for c in el if c.tag in LANG_TAGS):
        lang = lang_of(lang_set)
        for tig in (c for c in lang_set if c.tag in TERM_TAGS):
            term = "".join(tig.findtext(".//term") or "").strip()
            status = (tig.findtext(".//termNote[@type='administrativeStatus']") or "").strip()
            if not term:
                continue
            if status in DEPRECATED:
                forbidden.setdefault(lang, []).append(term)
            elif lang not in terms:
                terms[lang] = term
    label = el.get("id") or f"#{n}"
    if "vi" not in terms:
        raise GlossaryError(f"term entry {label} has no Vietnamese (vi) term", file=path)
    domain = (el.findtext(".//descrip[@type='subjectField']") or "other").strip().lower()
    try:
        return GlossaryEntry.model_validate(
            {
                "vi": terms["vi"],
                "en": terms.get("en", ""),
                "km": terms.get("km", ""),
                "domain": domain if domain in DOMAINS else "other",
                "note": (el.findtext("note") or "").strip(),
                "forbidden": forbidden,
                "valid_from": (el.findtext("descrip[@type='validFrom']") or "").strip(),
                "valid_until": (el.findtext("descrip[@type='validUntil']") or "").strip(),
                "successor": (el.findtext("descrip[@type='successor']") or "").strip(),
                "source": (el.findtext("descrip[@type='source']") or "").strip(),
                "sensitive": (el.findtext("descrip[@type='sensitive']") or "").strip(),
            }
        )
    except ValueError as exc:
        raise GlossaryError(f"term entry {label}: {exc}", file=path) from exc
