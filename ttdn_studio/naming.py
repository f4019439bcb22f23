"""Clip names and the file names built from them: one rule for every output.

A clip name is what people see and type (``Tập 1: Đất Mũi``); a file name is
what lands on disk. Two rules, used everywhere:

* :func:`check_clip_name` refuses, when a clip is created, a name that could
  never be a safe file name component: path separators, control and
  bidirectional-override characters, a drive prefix (``C:``), ``.``/``..``,
  leading dots or spaces, reserved device names (``con``, ``nul``, ``com1``)
  and names longer than :data:`MAX_CLIP_NAME` characters. Characters that are
  merely awkward on some file systems (``: ? * " < > |``) are allowed in
  names and replaced in file names.
* :func:`file_stem` turns any clip name (also one stored by an older version)
  into a file name stem that stays inside its folder on every file system, and
  :func:`unique_stems` gives each clip of a project its own stem, so two clips
  whose names sanitise alike (``Tập 1: a``, ``Tập 1? a``) never share a file:
  the first clip created keeps the plain stem, later ones get `` (2)``,
  `` (3)``. :func:`path_in` joins a folder and a file name and refuses any
  result outside that folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ttdn_studio.errors import ValidationError
from ttdn_studio.text import fold, nfc

MAX_CLIP_NAME = 100  # characters
MAX_STEM_BYTES = 120  # UTF-8 bytes of a clip's file stem; leaves room for suffixes (<= 255)
SEPARATORS = ("/", "\\")
AWKWARD = re.compile(r'[\\/:*?"<>|]')
DRIVE = re.compile(r"^[A-Za-z]:")
RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "clock$"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in range(10)]
)


def _unsafe_char(ch: str) -> bool:
    """Control, format (bidi overrides, zero-width) and line/paragraph separator characters."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _reserved(name: str) -> bool:
    return name.split(".", 1)[0].rstrip(" ").casefold() in RESERVED


def _describe(name: str) -> str:
    shown = "".join(ch if not _unsafe_char(ch) else f"\\x{ord(ch):02x}" for ch in name[:40])
    return repr(shown + ("…" if len(name) > 40 else ""))


def check_clip_name(name: str) -> str:
    """The NFC clip name, or :class:`ValidationError` saying why it cannot be used."""
    name = nfc(name).strip()
    problem = None
    if not name:
        problem = "a clip needs a name"
    elif any(ch in name for ch in SEPARATORS):
        problem = "must not contain / or \\"
    elif any(_unsafe_char(ch) for ch in name):
        problem = "must not contain control characters"
    elif name in (".", "..") or name.startswith("."):
        problem = "must not start with a dot"
    elif DRIVE.match(name):
        problem = "must not start with a drive letter such as C:"
    elif len(name) > MAX_CLIP_NAME:
        problem = f"is {len(name)} characters long (at most {MAX_CLIP_NAME})"
    elif _reserved(name):
        problem = "is a reserved device name on Windows"
    elif name.endswith("."):
        problem = "must not end with a dot"
    if problem is None:
        return name
    if not name:
        raise ValidationError(problem)
    raise ValidationError(f"clip name {_describe(name)} {problem}")


def _truncate(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def file_stem(name: str, *, limit: int = MAX_STEM_BYTES) -> str:
    """A safe file name stem for clip ``name`` (never empty, never a path, at most ``limit`` bytes)."""
    text = "".join("_" if _unsafe_char(ch) else ch for ch in nfc(name))
    text = AWKWARD.sub("_", text)
    text = _truncate(text.strip(". "), limit).strip(". ")
    if not text:
        return "clip"
    if _reserved(text):
        base, dot, rest = text.partition(".")
        text = _truncate(base.rstrip(" ") + "_" + dot + rest, limit).rstrip(". ")
    return text


def unique_stems(names: Iterable[str]) -> dict[str, str]:
    """One distinct file stem per clip name, given in a stable order (the order clips were made).

    Stems are compared ignoring case (Windows and macOS disks do); a clip whose
    stem is taken by an earlier one gets `` (2)``, `` (3)``... A later name
    whose plain stem is free keeps it even if an earlier clip got that name
    with a suffix, as no suffixed stem is chosen that equals any plain one.
    """
    ordered = list(dict.fromkeys(names))
    plain = {name: file_stem(name) for name in ordered}
    reserved = {fold(stem) for stem in plain.values()}
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in ordered:
        stem = plain[name]
        if fold(stem) in taken:
            n = 2
            while True:
                tail = f" ({n})"
                candidate = file_stem(stem, limit=MAX_STEM_BYTES - len(tail)) + tail
                key = fold(candidate)
                if key not in taken and key not in reserved:
                    stem = candidate
                    break
                n += 1
        taken.add(fold(stem))
        out[name] = stem
    return out


def path_in(folder: Path, filename: str) -> Path:
    """``folder / filename``, refusing a file name that would land anywhere else."""
    if (
        not filename
        or filename in (".", "..")
        or any(sep in filename for sep in SEPARATORS)
        or any(_unsafe_char(ch) for ch in filename)
        or DRIVE.match(filename)
    ):
        raise ValidationError(f"unsafe output file name {_describe(filename)}", file=folder)
    path = folder / filename
    if path.parent != folder or path.name != filename:
        raise ValidationError(f"unsafe output file name {_describe(filename)}", file=folder)
    return path
