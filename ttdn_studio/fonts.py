"""Fonts the program renders and measures with, from the installed font packages.

Rendering must not depend on the fonts a machine happens to have, so every
language maps to a font file shipped by a Python font package (OFL). The render
step gathers them into one folder for libass (``fontsdir`` takes one folder
and does not search subfolders); QC shapes text with the same files.
"""

from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ttdn_studio.errors import FontError


@dataclass(frozen=True)
class FontSpec:
    """One font: the family name libass matches and the file that provides it."""

    family: str
    package: str  # Python distribution module that ships the file
    filename: str

    @property
    def path(self) -> Path:
        try:
            module = importlib.import_module(self.package)
        except ImportError as exc:
            raise FontError(
                f"font package {self.package!r} for {self.family!r} is not installed; "
                "run scripts/setup.sh"
            ) from exc
        path = Path(module.__file__ or "").parent / "files" / self.filename
        if not path.is_file():
            raise FontError(f"font file for {self.family!r} is missing: {path}")
        return path

    @property
    def ass_name(self) -> str:
        """The Fontname an ASS style needs for libass to pick this very file."""
        return ass_family(self.path)


LATIN = FontSpec("Be Vietnam Pro", "fontpkg_be_vietnam_pro", "BeVietnamPro-Medium.ttf")
LATIN_BOLD = FontSpec("Be Vietnam Pro", "fontpkg_be_vietnam_pro", "BeVietnamPro-SemiBold.ttf")
KHMER = FontSpec("Noto Sans Khmer", "fontpkg_noto_sans_khmer", "NotoSansKhmer[wdth,wght].ttf")

# language -> font; anything not listed uses the Latin font.
FONTS_BY_LANG: dict[str, FontSpec] = {"km": KHMER, "vi": LATIN, "en": LATIN}
ALL_FONTS: tuple[FontSpec, ...] = (LATIN, LATIN_BOLD, KHMER)


def font_for(lang: str) -> FontSpec:
    return FONTS_BY_LANG.get(lang, LATIN)


@lru_cache(maxsize=16)
def ass_family(path: Path) -> str:
    """The name libass matches a style's Fontname against: the legacy family (name ID 1).

    libass does not match the typographic family (ID 16): "Be Vietnam Pro"
    would silently fall back to a system font; "Be Vietnam Pro Medium" matches.
    """
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        name = font["name"].getName(1, 3, 1, 0x409) or font["name"].getName(1, 1, 0, 0)
        return str(name) if name else str(font["name"].getBestFamilyName())


def gather_fonts(folder: Path, fonts: tuple[FontSpec, ...] = ALL_FONTS) -> Path:
    """Copy the fonts into one folder (for libass's ``fontsdir``); returns the folder.

    Raises :class:`FontError` before any rendering starts if a font is missing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for spec in fonts:
        src = spec.path
        dst = folder / src.name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dst)
    return folder
