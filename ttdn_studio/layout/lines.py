"""Lines of a cue and how long a line is: characters or rendered width, per profile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttdn_studio.layout.measure import char_count, default_font_size, line_width_px, strip_tags
from ttdn_studio.models.profiles import LanguageProfile

LINE_BREAK_RE = re.compile(r"\n|\\N")


def split_lines(text: str) -> list[str]:
    """The lines of a cue (``\\n`` or an ASS ``\\N`` ends a line)."""
    return LINE_BREAK_RE.split(text)


@dataclass(frozen=True)
class LineMeter:
    """Measures a line in the profile's unit: characters, or pixels of rendered width."""

    lang: str
    by_width: bool
    limit: float
    font_size: float

    @classmethod
    def for_profile(
        cls, profile: LanguageProfile, frame_width: int = 1920, frame_height: int = 1080
    ) -> LineMeter:
        by_width = profile.measure == "width" or profile.max_chars is None
        limit = (
            profile.max_width_fraction * frame_width if by_width else float(profile.max_chars or 0)
        )
        return cls(profile.lang, by_width, limit, default_font_size(profile.lang, frame_height))

    def measure(self, line: str) -> float:
        if self.by_width:
            return line_width_px(line, self.lang, self.font_size)
        return char_count(strip_tags(line))

    def fits(self, line: str) -> bool:
        return self.measure(line) <= self.limit + 1e-9

    def describe(self, value: float) -> str:
        if self.by_width:
            return f"{value:.0f} px wide (max {self.limit:.0f} px)"
        return f"{value:.0f} characters (max {self.limit:.0f})"
