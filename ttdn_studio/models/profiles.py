"""Language profiles: the broadcast limits a subtitle in one language must respect.

Defaults follow broadcast practice (Netflix Timed Text Style Guide, BBC
guidelines); a project can override any field per language in
``project.settings["profiles"][lang]``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from ttdn_studio.models.domain import Project


class LanguageProfile(BaseModel):
    lang: str
    max_chars: int | None = 42  # per line; None = measured by rendered width only
    max_lines: int = 2
    max_cps: float = 20.0  # characters per second, spaces and punctuation counted
    min_duration_ms: int = 833
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    chain_gap_frames: int = 12  # gaps this short or shorter close to the minimum gap
    max_width_fraction: float = 0.8  # of the frame width
    measure: Literal["chars", "width"] = "chars"


DEFAULT_PROFILES: dict[str, LanguageProfile] = {
    "en": LanguageProfile(lang="en", max_chars=42, max_cps=20.0),
    "vi": LanguageProfile(lang="vi", max_chars=42, max_cps=17.0),
    "km": LanguageProfile(lang="km", max_chars=None, max_cps=15.0, measure="width"),
}


def profile_for(project: Project | None, lang: str) -> LanguageProfile:
    """The profile for ``lang``: the default, with the project's overrides applied."""
    base = DEFAULT_PROFILES.get(lang) or LanguageProfile(lang=lang)
    overrides: dict[str, object] = {}
    if project is not None:
        profiles = project.settings.get("profiles")
        if isinstance(profiles, dict) and isinstance(profiles.get(lang), dict):
            overrides = dict(profiles[lang])
    return base.model_copy(update=overrides) if overrides else base
