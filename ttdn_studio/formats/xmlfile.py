"""XML exchange files (TBX glossaries, TMX memories): reading with one kind of error,
writing with the declaration, and language codes as the rest of the program uses them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ttdn_studio.errors import TtdnError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_xml(path: Path, kind: str, error: type[TtdnError]) -> ET.Element:
    """The root element of ``path``; a malformed or unreadable file raises ``error``
    (``kind`` names the format in the message, e.g. "TBX")."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise error(f"not valid {kind}/XML ({exc.msg})", file=path, line=exc.position[0]) from exc
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror})", file=path) from exc


def xml_document(root: ET.Element) -> str:
    """``root`` as an indented UTF-8 XML document with its declaration."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def strip_namespaces(root: ET.Element) -> None:
    """Drop namespace URIs from every tag (``{ns}tag`` → ``tag``), in place."""
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]


def primary_lang(code: str) -> str:
    """A language code reduced to its primary subtag: ``en-US``, ``en_us`` → ``en``."""
    return code.replace("_", "-").split("-")[0].strip().lower()


def lang_of(el: ET.Element) -> str:
    """The primary language of an element's ``xml:lang`` (or plain ``lang``) attribute."""
    return primary_lang(el.get(XML_LANG) or el.get("lang") or "")
