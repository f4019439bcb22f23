"""Subtitle styles per language: font, size, colours, outline or box, safe-area margins.

Every language gets its own ASS style with its own font (Khmer in Noto Sans
Khmer, Latin-script languages in Be Vietnam Pro), so no line mixes fonts glyph
by glyph. Sizes come from :func:`ttdn_studio.layout.measure.default_font_size`, the
same numbers QC measures line widths with. A project may override fields per
language in ``project.settings["render_styles"][lang]`` (e.g. ``{"look": "box"}``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from ttdn_studio.errors import RenderError
from ttdn_studio.fonts import FontSpec, font_for
from ttdn_studio.layout.measure import default_font_size
from ttdn_studio.render.presets import SafeArea

Look = Literal["outline", "box"]


@dataclass(frozen=True)
class LangStyle:
    """How one language looks at one frame size (pixels of the output frame)."""

    lang: str
    font: FontSpec
    size: int  # ASS Fontsize: one line's height in pixels
    colour: str = "#FFFFFF"
    outline_colour: str = "#000000"
    look: Look = "outline"
    outline: float = 0.0
    shadow: float = 0.0
    margin_lr: int = 0
    margin_v: int = 0

    @property
    def name(self) -> str:
        return self.lang

    def ass_style(self) -> Any:
        import pysubs2

        box = self.look == "box"
        return pysubs2.SSAStyle(
            fontname=self.font.ass_name,
            fontsize=self.size,
            primarycolor=_colour(self.colour),
            outlinecolor=_colour(self.outline_colour, 0x60 if box else 0),
            backcolor=_colour("#000000", 0x80),
            bold=False,
            borderstyle=3 if box else 1,
            outline=self.outline,
            shadow=0 if box else self.shadow,
            alignment=pysubs2.Alignment.BOTTOM_CENTER,
            marginl=self.margin_lr,
            marginr=self.margin_lr,
            marginv=self.margin_v,
            encoding=1,
        )


def _colour(hex_rgb: str, alpha: int = 0) -> Any:
    import pysubs2

    value = hex_rgb.lstrip("#")
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise RenderError(f"not a colour: {hex_rgb!r} (use #RRGGBB)")
    return pysubs2.Color(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), alpha)


def size_reference(width: int, height: int) -> int:
    """The dimension font sizes scale with: the frame height, or the width when vertical."""
    return min(width, height)


def style_for(
    lang: str,
    width: int,
    height: int,
    safe: SafeArea,
    *,
    text_scale: float = 1.0,
    overrides: dict[str, Any] | None = None,
) -> LangStyle:
    """The default style of ``lang`` for a ``width``×``height`` frame, with overrides applied."""
    size = round(default_font_size(lang, size_reference(width, height)) * text_scale)
    style = LangStyle(
        lang=lang,
        font=font_for(lang),
        size=size,
        outline=round(max(1.0, size * 0.06), 1),
        shadow=round(size * 0.03, 1),
        margin_lr=round(width * (1 - safe.width) / 2),
        margin_v=round(height * safe.bottom),
    )
    allowed = {"colour", "outline_colour", "look", "outline", "shadow"}
    extra = {k: v for k, v in (overrides or {}).items() if k in allowed}
    if "size_scale" in (overrides or {}):
        extra["size"] = round(size * float((overrides or {})["size_scale"]))
    if extra.get("look", "outline") not in ("outline", "box"):
        raise RenderError(f"unknown subtitle look {extra['look']!r} for {lang} (outline or box)")
    return replace(style, **extra)


def project_overrides(settings: dict[str, object], lang: str) -> dict[str, Any]:
    styles = settings.get("render_styles")
    if isinstance(styles, dict) and isinstance(styles.get(lang), dict):
        return dict(styles[lang])
    return {}
