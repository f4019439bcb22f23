"""The episode data model: Project → Clip → Cue → Translation (per language)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ttdn_studio.text import clean_text, without_controls

M = TypeVar("M", bound=BaseModel)
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")


class Status(StrEnum):
    """Workflow status of one cue translation, in order of progress."""

    EMPTY = "empty"
    MT = "mt"
    DRAFT = "draft"
    REVIEWED = "reviewed"
    APPROVED = "approved"


_FIELDS: dict[type[BaseModel], tuple[int, set[str]]] = {}


def trusted(cls: type[M], **values: object) -> M:
    """An instance of ``cls`` from values already valid (rows read back from the
    project database), without validation: what ``model_construct`` does, minus
    its per-field default handling, so every field must be given. Reading 5,000
    cues with their translations is then a few milliseconds, not a few hundred.

    Every field being set, all instances of a class share one "fields set" (pydantic
    only ever adds names to it, and they are all there): a set per instance cost
    about 460 bytes, more than the instance's own values (``scripts/bench_qc.py``)."""
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = (len(cls.model_fields), set(cls.model_fields))
    count, names = known
    if len(values) != count:
        missing = set(cls.model_fields) - set(values)
        raise TypeError(
            f"{cls.__name__}: every field is needed (missing: {', '.join(sorted(missing))})"
        )
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", names)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


STATUS_ORDER: dict[Status, int] = {s: i for i, s in enumerate(Status)}


def status_at_least(status: Status | str, minimum: Status | str) -> bool:
    return STATUS_ORDER[Status(status)] >= STATUS_ORDER[Status(minimum)]


class Origin:
    """Where a translation came from (stored as text; MT origins are ``mt:<engine>``)."""

    HUMAN = "human"
    TM = "tm"
    IMPORT = "import"
    QC_FIX = "qc-fix"

    @staticmethod
    def mt(engine: str) -> str:
        return f"mt:{engine}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_lang(code: str) -> str:
    code = code.strip()
    if not LANG_RE.match(code):
        raise ValueError(f"not a language code: {code!r} (use codes such as vi, en, km)")
    return code


class Project(BaseModel):
    """One episode or programme; lives in one folder with one database."""

    model_config = ConfigDict(validate_assignment=True, defer_build=True)

    title: str
    source_lang: str = "vi"
    target_langs: list[str] = Field(default_factory=lambda: ["en", "km"])
    fps: float = 25.0
    created_at: str = Field(default_factory=now_iso)
    settings: dict[str, object] = Field(default_factory=dict)

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        # no control characters (a title goes into reports and onto terminals); a line
        # break pasted from Word (U+000B) becomes a space
        v = without_controls(clean_text(v)).strip()
        if not v:
            raise ValueError("a project needs a title")
        return v

    @field_validator("source_lang")
    @classmethod
    def _src(cls, v: str) -> str:
        return check_lang(v)

    @field_validator("target_langs")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        out: list[str] = []
        for code in v:
            code = check_lang(code)
            if code not in out:
                out.append(code)
        return out

    @field_validator("fps")
    @classmethod
    def _fps(cls, v: float) -> float:
        if not 1 <= v <= 240:
            raise ValueError(f"frame rate {v} is out of range (1-240)")
        return v

    @model_validator(mode="after")
    def _source_not_target(self) -> Project:
        if self.source_lang in self.target_langs:
            raise ValueError(f"{self.source_lang} is both the source and a target language")
        return self

    @property
    def languages(self) -> list[str]:
        return [self.source_lang, *self.target_langs]

    def frames_to_ms(self, frames: int) -> int:
        return round(frames * 1000 / self.fps)

    def broadcast_date(self) -> date:
        """When the programme airs (``settings["broadcast_date"]``, ``YYYY-MM-DD``; default today).

        QC judges names against it: a name replaced before this day is outdated.
        """
        value = self.settings.get("broadcast_date")
        if not value:
            return date.today()
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            from ttdn_studio.errors import ValidationError

            raise ValidationError(
                f"the project's broadcast date {value!r} is not a date (write YYYY-MM-DD)"
            ) from None


class Clip(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: int
    name: str
    video: str | None = None
    position: int = 0

    def video_path(self, project_dir: Path) -> Path | None:
        if not self.video:
            return None
        path = Path(self.video)
        return path if path.is_absolute() else project_dir / path


class Translation(BaseModel):
    """The text of one cue in one target language, with its workflow state."""

    model_config = ConfigDict(defer_build=True)

    cue_id: int
    lang: str
    text: str = ""
    status: Status = Status.EMPTY
    origin: str = Origin.HUMAN
    author: str = ""
    updated_at: str = ""
    version: int = 0
    flags: list[str] = Field(default_factory=list)
    confidence: float | None = None  # the MT engine's, 0-1, for machine drafts only

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        return clean_text(v)


class Cue(BaseModel):
    """One subtitle event: times in integer milliseconds and the source text."""

    model_config = ConfigDict(defer_build=True)

    id: int
    clip_id: int
    start_ms: int
    end_ms: int
    text: str
    version: int = 1
    align: Literal["bottom", "middle", "top"] = "bottom"  # where it sits on screen

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        return clean_text(v)

    @model_validator(mode="after")
    def _times(self) -> Cue:
        if self.start_ms < 0 or self.end_ms < self.start_ms:
            raise ValueError(f"bad cue times {self.start_ms}-{self.end_ms}")
        return self

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


class CueRow(BaseModel):
    """A cue with its 1-based index in the clip and all its translations."""

    model_config = ConfigDict(defer_build=True)

    index: int
    clip: str
    cue: Cue
    translations: dict[str, Translation] = Field(default_factory=dict)

    def text(self, lang: str, source_lang: str) -> str:
        if lang == source_lang:
            return self.cue.text
        tr = self.translations.get(lang)
        return tr.text if tr else ""

    def status(self, lang: str) -> Status:
        tr = self.translations.get(lang)
        return tr.status if tr else Status.EMPTY
