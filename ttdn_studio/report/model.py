"""The figures of a production report, as pydantic models (dumped as the JSON report)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, model_validator

from ttdn_studio.models.station import DEFAULT_TIME_ZONE, StationProfile


def ms_to_minutes(ms: int) -> float:
    """Minutes with two decimals, computed from a millisecond total (never from rounded parts)."""
    return round(ms / 60_000, 2)


def parse_stamp(stamp: str | None) -> datetime | None:
    """An ISO 8601 time stamp as an aware datetime (naive ones are UTC, as the store writes)."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)
def _local_month(stamp: str, tz: str) -> tuple[date, str] | None:
    moment = parse_stamp(stamp)
    if moment is None:
        return None
    day = moment.astimezone(ZoneInfo(tz)).date()
    return day, f"{day.year:04d}-{day.month:02d}"


def local_date(stamp: str | None, tz: str = DEFAULT_TIME_ZONE) -> date | None:
    """The calendar date of a time stamp in time zone ``tz``; None when missing or unreadable."""
    found = _local_month(stamp, tz) if stamp else None
    return found[0] if found else None


def now_local(tz: str = DEFAULT_TIME_ZONE) -> datetime:
    return datetime.now(ZoneInfo(tz)).replace(microsecond=0)


class Period(BaseModel):
    """Inclusive calendar dates in the station's time zone ``tz``.

    A time stamp belongs to the period by its date in that zone (an edit at
    2025-12-31 20:00 UTC is on 1 January 2026 in Vietnam, and counts in 2026).
    """

    start: date
    end: date
    tz: str = DEFAULT_TIME_ZONE

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def year(cls, year: int, tz: str = DEFAULT_TIME_ZONE) -> Period:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31), tz=tz)

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    def months(self) -> list[str]:
        """Every month the period touches, as ``YYYY-MM``, in order."""
        out: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def month_of(self, stamp: str | None) -> str | None:
        """``YYYY-MM`` (in the station's zone) of a time stamp inside the period, else None."""
        found = _local_month(stamp, self.tz) if stamp else None
        if found is None or not self.start <= found[0] <= self.end:
            return None
        return found[1]

    @staticmethod
    def moment(stamp: str) -> datetime:
        """Sort key of a time stamp (unreadable ones sort first)."""
        return _moment(stamp)


@lru_cache(maxsize=4096)
def _moment(stamp: str) -> datetime:
    return parse_stamp(stamp) or datetime.min.replace(tzinfo=UTC)


class ProjectFigures(BaseModel):
    """What one episode (project folder) produced in the period."""

    folder: str
    title: str
    clips_total: int
    clips_produced: int
    minutes: dict[str, float] = Field(default_factory=dict)
    cues_approved: dict[str, int] = Field(default_factory=dict)
    clips_rendered: int = 0

    @property
    def produced(self) -> bool:
        return self.clips_produced > 0 or sum(self.cues_approved.values()) > 0


class Totals(BaseModel):
    projects_scanned: int = 0
    projects_skipped: int = 0
    episodes: int = 0  # episodes (projects) with any work in the period
    clips_total: int = 0  # clips in those episodes, finished or not
    clips: int = 0  # clips finished in the period (subtitled in a language, or delivered)
    minutes_subtitled: float = 0.0
    cues_approved: int = 0
    clips_rendered: int = 0  # finished renders with a delivery preset
    draft_renders: int = 0  # finished renders with a draft preset: not counted above


class LanguageFigures(BaseModel):
    lang: str
    minutes: float = 0.0
    clips_subtitled: int = 0
    cues_approved: int = 0
    clips_rendered: int = 0


class MonthRow(BaseModel):
    month: str
    lang: str
    minutes: float = 0.0
    cues_approved: int = 0
    clips_rendered: int = 0


class RenderCount(BaseModel):
    lang: str
    preset: str
    count: int


class QcOverridden(BaseModel):
    """Approved cues (per language) in the period that still carry a QC error."""

    available: bool
    cues: int = 0
    approved: int = 0
    share: float = 0.0
    note: str = ""


class TopTerm(BaseModel):
    vi: str
    en: str
    count: int


class TmGrowth(BaseModel):
    available: bool
    total: int | None = None
    added: int = 0
    by_month: dict[str, int] = Field(default_factory=dict)
    note: str = ""


class PersonRow(BaseModel):
    """What one person did in the period; ``person`` "" = not recorded, "(mt)" = machine."""

    person: str
    translated: int = 0  # approved cue translations whose text this person wrote
    approved: int = 0  # cue translations this person approved


class SignOffRow(BaseModel):
    """A chief editor's sign-off of a sensitive finding, made inside the period."""

    project: str
    clip: str
    cue: int
    lang: str
    finding: str
    reason: str
    person: str
    at: str


class PostEditRow(BaseModel):
    """How much people changed the machine's drafts: mean character edit ratio (0 = kept)."""

    lang: str
    engine: str
    cues: int
    mean_ratio: float


class LineOfWork(BaseModel):
    """One result line of the plan, achieved against the year's target (0 = none set)."""

    key: str
    achieved: float | int
    target: int = 0
    share: float | None = None  # achieved / target when a target is set


class GlossaryFigures(BaseModel):
    available: bool
    terms: int = 0  # terms in the merged glossary (bundled, station's own and projects')
    own_terms: int = 0  # of which in the station's own lists (user and project layers)
    files_changed: int = 0  # glossary files changed in the period (by the file's date)
    note: str = ""


class Report(BaseModel):
    """Every figure of one report; built by :func:`ttdn_studio.report.build_report`."""

    period: Period
    generated_at: str  # in the station's time zone, with its offset
    station: StationProfile = Field(default_factory=StationProfile)
    projects_dir: str
    languages: list[str] = Field(default_factory=list)
    projects: list[ProjectFigures] = Field(default_factory=list)
    totals: Totals = Field(default_factory=Totals)
    per_language: list[LanguageFigures] = Field(default_factory=list)
    per_month: list[MonthRow] = Field(default_factory=list)
    renders: list[RenderCount] = Field(default_factory=list)
    qc_overridden: QcOverridden = Field(default_factory=lambda: QcOverridden(available=False))
    top_terms: list[TopTerm] = Field(default_factory=list)
    tm_growth: TmGrowth = Field(default_factory=lambda: TmGrowth(available=False))
    people: list[PersonRow] = Field(default_factory=list)
    lines_of_work: list[LineOfWork] = Field(default_factory=list)
    glossary: GlossaryFigures = Field(default_factory=lambda: GlossaryFigures(available=False))
    signoffs: list[SignOffRow] = Field(default_factory=list)
    post_edit: list[PostEditRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing approved, subtitled or rendered in the period."""
        t = self.totals
        return not (t.cues_approved or t.clips or t.clips_rendered or t.minutes_subtitled)

    def language(self, lang: str) -> LanguageFigures:
        for row in self.per_language:
            if row.lang == lang:
                return row
        return LanguageFigures(lang=lang)
