"""The figures of a production report, as pydantic models (dumped as the JSON report)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import BaseModel, Field, model_validator


def ms_to_minutes(ms: int) -> float:
    """Minutes with two decimals, computed from a millisecond total (never from rounded parts)."""
    return round(ms / 60_000, 2)


def utc_date(stamp: str | None) -> date | None:
    """The UTC calendar date of an ISO 8601 time stamp; None when missing or unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # the store always writes UTC; treat naive stamps as UTC too
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date()


class Period(BaseModel):
    """Inclusive calendar dates; a time stamp belongs to it by its UTC date."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31))

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
        """``YYYY-MM`` of a time stamp inside the period, else None."""
        day = utc_date(stamp)
        if day is None or not self.start <= day <= self.end:
            return None
        return f"{day.year:04d}-{day.month:02d}"


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
    episodes: int = 0
    clips: int = 0
    minutes_subtitled: float = 0.0
    cues_approved: int = 0
    clips_rendered: int = 0


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


class Report(BaseModel):
    """Every figure of one report; built by :func:`ttdn_studio.report.build_report`."""

    period: Period
    generated_at: str
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
