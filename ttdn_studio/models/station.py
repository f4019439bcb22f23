"""The station profile: who issues the yearly report, to whom, in which time zone, with which targets.

Read from ``station.toml`` in the projects folder, else in the config folder
(``TTDN_CONFIG_DIR``); without either file the defaults below apply (the
Cà Mau station, time zone Asia/Ho_Chi_Minh). ``ttdn station init`` writes the
defaults to a file to edit; ``ttdn station set KEY VALUE`` changes one value.
"""

from __future__ import annotations

import json
import tomllib
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ttdn_studio import locations
from ttdn_studio.errors import StationError
from ttdn_studio.text import clean_text, without_controls

FILE_NAME = "station.toml"
DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"


class Targets(BaseModel):
    """The year's targets (0 = no target set); the report shows achieved against each.

    Whole numbers only (``true`` or ``"24"`` in station.toml is refused, not read as 1 or
    24), and only these names: a misspelt target would otherwise be silently ignored."""

    model_config = ConfigDict(extra="forbid", strict=True)

    episodes_en: int = Field(default=0, ge=0)  # episodes with English subtitles
    minutes_en: int = Field(default=0, ge=0)  # minutes of programme subtitled in English
    khmer_items: int = Field(default=0, ge=0)  # clips subtitled in Khmer
    clips: int = Field(default=0, ge=0)  # English/Khmer clips delivered (rendered for air/web)


TARGET_LABELS: dict[str, str] = {
    "episodes_en": "episodes with English subtitles",
    "minutes_en": "minutes subtitled in English",
    "khmer_items": "clips subtitled in Khmer",
    "clips": "English/Khmer clips delivered",
}


def _profile_text(value: str) -> str:
    """A value as documents can hold it: NFC, a line break pasted from Word (U+000B) or a
    page break as a space, and no control characters (a DOCX cannot contain them)."""
    return without_controls(clean_text(value)).strip()


class StationProfile(BaseModel):
    """Everything the administrative report's header, recipients and signature need."""

    parent_body: str = "UBND TỈNH CÀ MAU"
    unit: str = "Báo và Đài Phát thanh - Truyền hình Cà Mau"
    unit_short: str = "BĐCM"  # used in the document number: Số: …/BC-BĐCM
    number_prefix: str = "BC"
    place: str = "Cà Mau"
    recipients: list[str] = Field(
        default_factory=lambda: ["Sở Văn hóa, Thể thao và Du lịch tỉnh Cà Mau"]
    )
    copies_to: list[str] = Field(default_factory=lambda: ["Lưu: VT"])
    signer_authority: str = ""  # e.g. "KT. TỔNG BIÊN TẬP" when a deputy signs
    signer_title: str = "TỔNG BIÊN TẬP"
    signer_name: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    targets: Targets = Field(default_factory=Targets)

    @field_validator(
        "parent_body",
        "unit",
        "unit_short",
        "number_prefix",
        "place",
        "signer_authority",
        "signer_title",
        "signer_name",
    )
    @classmethod
    def _text(cls, v: str) -> str:
        return _profile_text(v)

    @field_validator("recipients", "copies_to")
    @classmethod
    def _texts(cls, v: list[str]) -> list[str]:
        return [t for t in (_profile_text(x) for x in v) if t]

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r} (e.g. Asia/Ho_Chi_Minh)") from None
        return v

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local_time(self, at: str) -> str:
        """An ISO time as stored (UTC) shown on the station's clock: ``2026-12-03 10:11``."""
        return clock_time(at, self.zone)

    def stored_time(self, value: str) -> str:
        """A date or time typed on the station's clock as the stored (UTC) form, to compare
        with stored times: ``2026-12-03`` is midnight at the station, ``2026-12-03 08:30``
        that time there; a time with its own offset keeps it."""
        from datetime import UTC, datetime

        from ttdn_studio.errors import ValidationError as BadValue

        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise BadValue(
                f"“{value.strip()}” is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM)"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        return moment.astimezone(UTC).isoformat(timespec="seconds")

    def document_number(self) -> str:
        """``…/BC-BĐCM``: the number itself is left for the clerk (văn thư) to fill in."""
        suffix = (
            f"{self.number_prefix}-{self.unit_short}" if self.unit_short else self.number_prefix
        )
        return f"…/{suffix}"


def candidates(projects_dir: Path | None = None) -> list[Path]:
    """Where a profile is looked for, first match wins."""
    folder = projects_dir if projects_dir is not None else locations.projects_dir()
    return [Path(folder) / FILE_NAME, locations.config_dir() / FILE_NAME]


def find_station_file(projects_dir: Path | None = None) -> Path | None:
    return next((p for p in candidates(projects_dir) if p.is_file()), None)


def _error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden" and where.startswith("targets."):
        return f"unknown target {where[8:]!r} (targets: {', '.join(Targets.model_fields)})"
    if first["type"] == "int_type" and where.startswith("targets."):
        return f"{where}: a target is a whole number, not {json.dumps(first['input'])}"
    return f"{where}: {first['msg'].removeprefix('Value error, ')}"


def parse_station(data: dict[str, Any], path: Path | None = None) -> StationProfile:
    known = set(StationProfile.model_fields)
    unknown = sorted(set(data) - known)
    if unknown:
        raise StationError(
            f"unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})", file=path
        )
    try:
        return StationProfile.model_validate(data)
    except ValidationError as exc:
        raise StationError(_error(exc), file=path) from None


def read_station_file(path: Path) -> StationProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise StationError(f"cannot read the station profile ({exc})", file=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise StationError(f"not valid TOML ({exc})", file=path) from None
    return parse_station(data, path)


def load_station(projects_dir: Path | None = None) -> StationProfile:
    """The profile from ``station.toml`` (projects folder, then config folder), else defaults."""
    path = find_station_file(projects_dir)
    return read_station_file(path) if path is not None else StationProfile()


def station_toml(profile: StationProfile) -> str:
    import tomli_w

    return tomli_w.dumps(profile.model_dump(mode="json"))


def write_station_file(path: Path, profile: StationProfile) -> None:
    """Write atomically (a temp file then a rename): never a half-written profile."""
    import os
    import tempfile

    data = station_toml(profile).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StationError(f"cannot write the station profile ({exc})", file=path) from None


LIST_KEYS = ("recipients", "copies_to")


def set_value(profile: StationProfile, key: str, value: str) -> StationProfile:
    """A copy of ``profile`` with ``key`` (``targets.clips`` for a target) set from text.

    List keys (recipients, copies_to) take items separated by ``;``.
    """
    data = profile.model_dump(mode="json")
    if key.startswith("targets."):
        name = key.removeprefix("targets.")
        if name not in Targets.model_fields:
            raise StationError(f"no target {name!r} (targets: {', '.join(Targets.model_fields)})")
        try:
            data["targets"][name] = int(value)
        except ValueError:
            raise StationError(f"a target is a whole number, not {value!r}") from None
    elif key in LIST_KEYS:
        data[key] = [part for part in value.split(";")]
    elif key in StationProfile.model_fields and key != "targets":
        data[key] = value
    else:
        keys = [k for k in StationProfile.model_fields if k != "targets"]
        keys += [f"targets.{t}" for t in Targets.model_fields]
        raise StationError(f"no setting {key!r} (settings: {', '.join(keys)})")
    return parse_station(data)


def clock_time(stamp: str, zone: tzinfo, *, short: bool = False) -> str:
    """A stored time stamp as ``YYYY-MM-DD HH:MM`` on the clock of ``zone`` (``short``:
    ``MM-DD HH:MM``, for a small terminal). Stored times are UTC: one written without its
    offset (an older file, a hand edit) is read as UTC too. Not a time: shown as it is."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or "?"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M")
