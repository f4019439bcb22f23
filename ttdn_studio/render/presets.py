"""Render presets: output size, picture fitting, encoder settings and the safe area.

A preset is one entry in :data:`PRESETS`; adding a delivery format means adding
one :func:`register` call. A preset for air (``air=True``: broadcast, playout) is
only rendered for a clip that passes the editorial gate (``services.editorial``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from ttdn_studio.errors import RenderError

Fit = Literal["letterbox", "vertical", "source"]


@dataclass(frozen=True)
class SafeArea:
    """Where text may go, as fractions of the frame (EBU/BBC title-safe by default)."""

    width: float = 0.90  # central part of the frame width text stays within
    bottom: float = 0.08  # distance of the lowest text from the bottom edge


@dataclass(frozen=True)
class Preset:
    """One delivery format. ``width``/``height`` None keeps the source size."""

    name: str
    description: str
    width: int | None
    height: int | None
    fit: Fit = "letterbox"
    crf: int = 23
    speed: str = "medium"  # x264 -preset
    audio_bitrate: str = "192k"
    safe: SafeArea = field(default_factory=SafeArea)
    text_scale: float = 1.0  # font size multiplier on top of the per-language default
    air: bool = False  # goes to air: rendering it passes the editorial gate
    watermark: str = ""  # drawn in the top-right corner of every frame (proofs)

    def size_for(self, source: tuple[int, int] | None) -> tuple[int, int]:
        if self.width and self.height:
            return self.width, self.height
        if source is None:
            return 1280, 720
        return _even(source[0]), _even(source[1])

    def video_args(self) -> dict[str, object]:
        return {
            "c:v": "libx264",
            "crf": self.crf,
            "preset": self.speed,
            "pix_fmt": "yuv420p",
            "movflags": "+faststart",
        }

    def describe(self) -> str:
        """A stable text of everything that changes the output (part of the fingerprint)."""
        return repr(
            (
                self.name,
                self.width,
                self.height,
                self.fit,
                self.crf,
                self.speed,
                self.audio_bitrate,
                self.safe,
                self.text_scale,
                *((self.watermark,) if self.watermark else ()),
            )
        )


def _even(n: int) -> int:
    return n - n % 2


PRESETS: dict[str, Preset] = {}
ALIASES: dict[str, str] = {}


def register(preset: Preset, *aliases: str) -> Preset:
    PRESETS[preset.name] = preset
    for alias in aliases:
        ALIASES[alias] = preset.name
    return preset


def proof_of(preset: Preset) -> Preset:
    """The same output marked "PROOF": for checking, never counted as delivered."""
    return replace(preset, name="proof", air=False, watermark="PROOF")


def get_preset(name: str) -> Preset:
    preset = PRESETS.get(ALIASES.get(name, name))
    if preset is None:
        raise RenderError(f"unknown render preset {name!r} (presets: {', '.join(PRESETS)})")
    return preset


register(
    Preset(
        "broadcast",
        "1080p H.264 for air, high quality (crf 18)",
        1920,
        1080,
        crf=18,
        speed="medium",
        air=True,
    )
)
register(
    Preset(
        "web",
        "720p H.264 for the web site, smaller files (crf 23)",
        1280,
        720,
        crf=23,
        speed="medium",
        audio_bitrate="128k",
    )
)
register(
    Preset(
        "social-vertical",
        "1080x1920 vertical 9:16 for social platforms, blurred"
        " background, subtitles above the platform's buttons",
        1080,
        1920,
        fit="vertical",
        crf=21,
        speed="medium",
        audio_bitrate="128k",
        safe=SafeArea(width=0.86, bottom=0.20),
        text_scale=1.15,
    ),
    "social",
    "vertical",
)
register(
    Preset(
        "draft",
        "source size, fastest encoding: for checking, not for air",
        None,
        None,
        fit="source",
        crf=28,
        speed="ultrafast",
        audio_bitrate="96k",
    )
)
