"""The markup of stored subtitle text, and how it is written into each format.

Stored text is plain text with ``\\n`` line breaks; the only markup in it is
the style toggles ``{\\i1}``/``{\\i0}`` (and ``b``, ``u``, ``s``), each in a
brace block of its own or together (``{\\i1\\b1}``). Everything else,
including braces and backslashes a translator typed (``{\\pos(0,0)}``,
``{\\fs200}``, ``C:\\new``), is literal text: :func:`ass_escape` makes sure
libass shows it as typed instead of obeying it.

A cue's position on screen is not markup but a value of its own
(:data:`ALIGNS`): ``bottom`` (the default), ``middle`` or ``top``. On import,
``{\\an8}`` (ASS/SRT), ``line:0`` (WebVTT) or a top region (TTML) become
``top`` and the tag leaves the text; on export each format writes its own form.
"""

from __future__ import annotations

import html
import re

ALIGNS = ("bottom", "middle", "top")

#: A brace block made only of style toggles: the markup stored text keeps.
TOGGLES = re.compile(r"\{(?:\\[ibus][01])+\}")
_TOGGLE = re.compile(r"\\([ibus])([01])")
#: An ASS override block (in ASS source, ``\{`` is a literal brace, not a block).
_BLOCK = re.compile(r"(?<!\\)\{([^{}]*)\}")
_TAG = re.compile(r"\\(?:an|a)(\d+)|\\([ibus])([01])(?![0-9])|\\(\w+)(\([^)]*\)|[^\\]*)")
#: A drawing mode switch (``\p1`` ... ``\p9``; ``\p0`` ends a drawing).
DRAWING = re.compile(r"\{[^{}]*\\p[1-9][^{}]*\}")
_WORD_JOINER = "\u2060"


def align_from_an(number: int, *, legacy: bool = False) -> str:
    """``\\anN`` (numpad layout) or legacy SSA ``\\aN`` → one of :data:`ALIGNS`."""
    if legacy:  # SSA: 1-3 bottom, +4 top, +8 middle
        return "top" if 5 <= number <= 7 else "middle" if number >= 9 else "bottom"
    return "top" if number >= 7 else "middle" if number >= 4 else "bottom"


def an_tag(align: str) -> str:
    """The ASS override block that puts a cue at ``align`` ('' for the bottom)."""
    return {"top": r"{\an8}", "middle": r"{\an5}"}.get(align, "")


def from_ass(event_text: str, *, soft_break: str = " ") -> tuple[str, str | None, int]:
    """ASS event text → (stored text, alignment given by a tag or None, tags dropped).

    Style toggles are kept, ``\\an``/``\\a`` become the alignment, every other
    override tag is dropped (counted), ``\\N`` becomes a newline, ``\\n``
    ``soft_break`` (a space, as libass shows it unless the script's WrapStyle is
    2, where it is a newline), ``\\h`` a no-break space and the escapes
    ``\\{``/``\\}`` literal braces.
    """
    align: str | None = None
    dropped = 0

    def block(match: re.Match[str]) -> str:
        nonlocal align, dropped
        kept: list[str] = []
        for tag in _TAG.finditer(match.group(1)):
            if tag.group(1):
                legacy = tag.group(0).startswith("\\a") and not tag.group(0).startswith("\\an")
                align = align_from_an(int(tag.group(1)), legacy=legacy)
            elif tag.group(2):
                kept.append(f"\\{tag.group(2)}{tag.group(3)}")
            else:
                dropped += 1
        return "{" + "".join(kept) + "}" if kept else ""

    text = _BLOCK.sub(block, event_text)
    text = text.replace("\\N", "\n").replace("\\n", soft_break).replace("\\h", "\u00a0")
    text = text.replace("\\{", "{").replace("\\}", "}")
    text = re.sub("\\\\" + _WORD_JOINER + "(?=[nNh])", r"\\", text)  # see ass_escape
    return text, align, dropped


_OVERRIDE = re.compile(r"\{([^{}]*\\[^{}]*)\}")


def lift_overrides(stored: str) -> tuple[str, str | None]:
    """Text stored before braces became literal → (text as now stored, its position).

    Such text kept ASS override blocks (``{\\an8}``, ``{\\fad(..)}``) that libass
    obeyed and SRT export dropped; now they would show as typed. Style toggles
    stay, ``\\an``/``\\a`` become the position, other override tags go (as
    they were never visible). Blocks without a backslash are left alone.
    """
    align: str | None = None

    def block(match: re.Match[str]) -> str:
        nonlocal align
        kept: list[str] = []
        for tag in _TAG.finditer(match.group(1)):
            if tag.group(1):
                legacy = not tag.group(0).startswith("\\an")
                align = align_from_an(int(tag.group(1)), legacy=legacy)
            elif tag.group(2):
                kept.append(f"\\{tag.group(2)}{tag.group(3)}")
        return "{" + "".join(kept) + "}" if kept else ""

    return _OVERRIDE.sub(block, stored), align


def ass_escape(stored: str) -> str:
    """Stored text → ASS event text that libass shows exactly as stored.

    Style toggles stay markup; other braces become ``\\{``/``\\}``; a backslash
    before ``n``, ``N`` or ``h`` gets a word joiner after it so that it is not a
    break or a hard space; newlines become ``\\N``.
    """
    out: list[str] = []
    at = 0
    for match in TOGGLES.finditer(stored):
        out.append(_escape_plain(stored[at : match.start()]))
        out.append(match.group(0))
        at = match.end()
    out.append(_escape_plain(stored[at:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    text = re.sub(r"\\(?=[nNh])", "\\\\" + _WORD_JOINER, text)
    text = text.replace("{", "\\{").replace("}", "\\}")
    return text.replace("\n", "\\N")


def plain(stored: str) -> str:
    """Stored text without its style toggles."""
    return TOGGLES.sub("", stored)


def _html(stored: str, *, escape: bool, tags: str) -> str:
    """Stored text with toggles as HTML-like tags (SRT, WebVTT)."""
    out: list[str] = []
    at = 0
    for match in TOGGLES.finditer(stored):
        piece = stored[at : match.start()]
        out.append(html.escape(piece, quote=False) if escape else piece)
        for name, on in _TOGGLE.findall(match.group(0)):
            if name in tags:
                out.append(f"<{name}>" if on == "1" else f"</{name}>")
        at = match.end()
    rest = stored[at:]
    out.append(html.escape(rest, quote=False) if escape else rest)
    return "".join(out)


def to_srt_text(stored: str) -> str:
    return _html(stored, escape=False, tags="ibus")


def to_vtt_text(stored: str) -> str:
    return _html(stored, escape=True, tags="ibu")


_HTML_TOGGLE = re.compile(r"<\s*(/?)\s*([ibus])\s*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<\d[\d:.]*>")


def from_html(text: str, *, unescape: bool) -> str:
    """SRT/WebVTT cue text → stored text (toggles kept, other tags dropped)."""
    text = _HTML_TOGGLE.sub(
        lambda m: "{\\" + m.group(2).lower() + ("0" if m.group(1) else "1") + "}", text
    )
    text = _OTHER_TAG.sub("", text)
    return html.unescape(text) if unescape else text


_LEADING_AN = re.compile(r"^\s*\{\\an?(\d)\}")


def leading_an(text: str) -> tuple[str, str | None]:
    """An SRT cue's leading ``{\\an8}`` (a common extension) → (text, alignment)."""
    match = _LEADING_AN.match(text)
    if not match:
        return text, None
    legacy = not match.group(0).lstrip().startswith("{\\an")
    return text[match.end() :], align_from_an(int(match.group(1)), legacy=legacy)
