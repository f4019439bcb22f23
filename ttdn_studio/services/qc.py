"""Quality-check operations shared by the CLI and the TUI: checks, fixes, profiles."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError as PydanticError

from ttdn_studio.errors import ValidationError
from ttdn_studio.models.profiles import LanguageProfile, profile_for

if TYPE_CHECKING:
    from ttdn_studio.qc import Finding
    from ttdn_studio.store import ProjectStore

NONE_WORDS = {"none", "null", ""}


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """Counts by check and by severity (what ``ttdn qc --json`` reports)."""
    by_check = Counter(f.check for f in findings)
    by_severity = Counter(f.severity for f in findings)
    return {
        "total": len(findings),
        "errors": by_severity.get("error", 0),
        "warnings": by_severity.get("warning", 0),
        "by_check": dict(sorted(by_check.items())),
        "by_severity": {
            "error": by_severity.get("error", 0),
            "warning": by_severity.get("warning", 0),
        },
    }


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["max_cps=17", ...]`` → ``{"max_cps": "17"}`` (ValidationError on a bad item)."""
    out: dict[str, str] = {}
    fields = [f for f in LanguageProfile.model_fields if f != "lang"]
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValidationError(f"expected key=value, got {item!r}")
        if key not in fields:
            raise ValidationError(f"no profile setting {key!r} (settings: {', '.join(fields)})")
        out[key] = value.strip()
    return out


def set_broadcast_date(store: ProjectStore, day: str) -> None:
    """Save the project's broadcast date (``YYYY-MM-DD``; ``today`` or empty clears it)."""
    value = day.strip()
    settings = dict(store.project.settings)
    if value.casefold() in ("", "today"):
        settings.pop("broadcast_date", None)
    else:
        try:
            value = date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValidationError(f"{day!r} is not a date (write YYYY-MM-DD)") from None
        settings["broadcast_date"] = value
    store.update_project(settings=settings)


def set_profile(store: ProjectStore, lang: str, updates: dict[str, str]) -> LanguageProfile:
    """Save overrides of ``lang``'s profile in the project; returns the new profile."""
    store.check_lang(lang)
    project = store.project
    raw_profiles = project.settings.get("profiles")
    profiles: dict[str, Any] = dict(raw_profiles) if isinstance(raw_profiles, dict) else {}
    current = profiles.get(lang)
    overrides: dict[str, Any] = dict(current) if isinstance(current, dict) else {}
    values: dict[str, Any] = {
        k: (None if v.casefold() in NONE_WORDS else v) for k, v in updates.items()
    }
    base = profile_for(project, lang).model_dump()
    try:
        checked = LanguageProfile.model_validate({**base, **values})
    except PydanticError as exc:
        msgs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ValidationError(f"bad profile setting for {lang}: {msgs}") from exc
    overrides.update({k: getattr(checked, k) for k in values})
    profiles[lang] = overrides
    store.update_project(settings={**project.settings, "profiles": profiles})
    return profile_for(store.project, lang)


def shot_changes(store: ProjectStore, clip: str | None = None) -> dict[str, list[int]]:
    """Shot changes (ms) of every clip with a readable video, detected once and cached.

    Clips without a video, or whose video cannot be read, are left out (the
    shot_change check then has nothing to say about them).
    """
    from ttdn_studio.errors import MediaError
    from ttdn_studio.media import ClipAnalysis

    out: dict[str, list[int]] = {}
    clips = [store.clip(clip)] if clip is not None else store.clips()
    for c in clips:
        video = c.video_path(store.path)
        if video is None or not video.is_file():
            continue
        try:
            out[c.name] = ClipAnalysis.open(store.path, c.name, video).shot_changes()
        except MediaError:
            continue
    return out
