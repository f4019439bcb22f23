"""Writing SRT, WebVTT and TTML (IMSC 1.1 Text) from stored cues.

Each writer takes :class:`OutCue` items (times, one text per language shown,
top→bottom, and the cue's position) and returns the file text. ASS is written
through pysubs2 (see ``ttdn_studio.services.exporting``) with
:func:`ttdn_studio.formats.markup.ass_escape`.

Positions: SRT gets the common ``{\\an8}`` extension for a top cue (``{\\an5}``
for the middle), WebVTT the cue setting ``line:0`` (``line:50%``), TTML a
``top``/``middle``/``bottom`` region.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pysubs2

from ttdn_studio.formats.markup import TOGGLES, an_tag, to_srt_text, to_vtt_text
from ttdn_studio.text import without_controls

TT = "http://www.w3.org/ns/ttml"
TTS = "http://www.w3.org/ns/ttml#styling"
TTP = "http://www.w3.org/ns/ttml#parameter"
XML = "http://www.w3.org/XML/1998/namespace"
IMSC11_TEXT = "http://www.w3.org/ns/ttml/profile/imsc1.1/text"


@dataclass(frozen=True)
class OutCue:
    start_ms: int
    end_ms: int
    texts: list[str]  # stored text of each language shown, top→bottom
    langs: list[str]
    align: str = "bottom"


def _clock(ms: int, sep: str) -> str:
    h, m, s, frac = pysubs2.time.ms_to_times(max(ms, 0))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{frac:03d}"


def write_srt(cues: list[OutCue]) -> str:
    blocks = []
    for number, cue in enumerate(cues, start=1):
        body = "\n".join(to_srt_text(t) for t in cue.texts)
        body = re.sub(r"\n\s*\n", "\n", body)  # a blank line would end the cue
        timing = f"{_clock(cue.start_ms, ',')} --> {_clock(cue.end_ms, ',')}"
        blocks.append(f"{number}\n{timing}\n{an_tag(cue.align)}{body}\n\n")
    return "".join(blocks)


_VTT_LINE = {"top": " line:0", "middle": " line:50%"}


def write_vtt(cues: list[OutCue]) -> str:
    blocks = ["WEBVTT\n\n"]
    for number, cue in enumerate(cues, start=1):
        body = "\n".join(to_vtt_text(t) for t in cue.texts)
        body = re.sub(r"\n\s*\n", "\n", body).replace("-->", "--&gt;")
        timing = f"{_clock(cue.start_ms, '.')} --> {_clock(cue.end_ms, '.')}"
        blocks.append(f"{number}\n{timing}{_VTT_LINE.get(cue.align, '')}\n{body}\n\n")
    return "".join(blocks)


# ---------------------------------------------------------------------- TTML
_REGIONS = {  # region id → displayAlign; every region is the safe area (10% margins)
    "top": "before",
    "middle": "center",
    "bottom": "after",
}
_SPAN_STYLE = {
    "i": (f"{{{TTS}}}fontStyle", "italic"),
    "b": (f"{{{TTS}}}fontWeight", "bold"),
    "u": (f"{{{TTS}}}textDecoration", "underline"),
    "s": (f"{{{TTS}}}textDecoration", "lineThrough"),
}


def write_ttml(cues: list[OutCue], lang: str) -> str:
    """An IMSC 1.1 Text document: ``xml:id`` styles, ``xml:lang``, profile, regions."""
    ET.register_namespace("", TT)
    ET.register_namespace("tts", TTS)
    ET.register_namespace("ttp", TTP)
    tt = ET.Element(
        f"{{{TT}}}tt",
        {
            f"{{{XML}}}lang": lang,
            f"{{{TTP}}}contentProfiles": IMSC11_TEXT,
            f"{{{TTP}}}timeBase": "media",
        },
    )
    head = ET.SubElement(tt, f"{{{TT}}}head")
    styling = ET.SubElement(head, f"{{{TT}}}styling")
    ET.SubElement(
        styling,
        f"{{{TT}}}style",
        {
            f"{{{XML}}}id": "s_default",
            f"{{{TTS}}}fontFamily": "proportionalSansSerif",
            f"{{{TTS}}}color": "white",
            f"{{{TTS}}}textAlign": "center",
            f"{{{TTS}}}textOutline": "black 5%",
        },
    )
    layout = ET.SubElement(head, f"{{{TT}}}layout")
    for name, display in _REGIONS.items():
        ET.SubElement(
            layout,
            f"{{{TT}}}region",
            {
                f"{{{XML}}}id": name,
                f"{{{TTS}}}origin": "10% 10%",
                f"{{{TTS}}}extent": "80% 80%",
                f"{{{TTS}}}displayAlign": display,
            },
        )
    body = ET.SubElement(tt, f"{{{TT}}}body", {"style": "s_default"})
    div = ET.SubElement(body, f"{{{TT}}}div")
    for number, cue in enumerate(cues, start=1):
        p = ET.SubElement(
            div,
            f"{{{TT}}}p",
            {
                f"{{{XML}}}id": f"c{number}",
                "begin": _clock(cue.start_ms, "."),
                "end": _clock(cue.end_ms, "."),
                "region": cue.align if cue.align in _REGIONS else "bottom",
            },
        )
        for i, (text, code) in enumerate(zip(cue.texts, cue.langs, strict=True)):
            if i:
                ET.SubElement(p, f"{{{TT}}}br")
            target = p
            if len(cue.texts) > 1:
                target = ET.SubElement(p, f"{{{TT}}}span", {f"{{{XML}}}lang": code})
            _append_text(target, text)
    ET.indent(tt, space="  ", level=0)
    _unindent_paragraphs(tt)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tt, encoding="unicode") + "\n"


def _unindent_paragraphs(tt: ET.Element) -> None:
    """ET.indent puts whitespace inside <p>; text there is significant, so undo it."""
    for p in tt.iter(f"{{{TT}}}p"):
        if p.text is not None and not p.text.strip():
            p.text = None
        for el in p.iter():
            if el is not p and el.tail is not None and not el.tail.strip():
                el.tail = None
            if el.tag == f"{{{TT}}}span" and el.text is not None and not el.text.strip():
                el.text = None


def _append_text(parent: ET.Element, stored: str) -> None:
    """Stored text (toggles, newlines) as text, ``<br/>`` and styled ``<span>``s; control
    characters, which XML cannot hold, are left out (a Word line break is a line break)."""
    stored = without_controls(stored, line_break="\n")
    state = {"i": False, "b": False, "u": False, "s": False}
    at = 0
    pieces: list[tuple[str, dict[str, bool]]] = []
    for match in TOGGLES.finditer(stored):
        pieces.append((stored[at : match.start()], dict(state)))
        for name, on in re.findall(r"\\([ibus])([01])", match.group(0)):
            state[name] = on == "1"
        at = match.end()
    pieces.append((stored[at:], dict(state)))
    for text, styles in pieces:
        if not text:
            continue
        target = parent
        if any(styles.values()):
            attrs: dict[str, str] = {}
            for name in (n for n, on in styles.items() if on):
                key, value = _SPAN_STYLE[name]
                attrs[key] = f"{attrs[key]} {value}" if key in attrs else value
            target = ET.SubElement(parent, f"{{{TT}}}span", attrs)
        for j, line in enumerate(text.split("\n")):
            if j:
                ET.SubElement(target, f"{{{TT}}}br")
            _add_text(target, line)


def _add_text(el: ET.Element, text: str) -> None:
    children = list(el)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text
