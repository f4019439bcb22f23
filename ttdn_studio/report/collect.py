"""Reading the facts of one project database that fall inside a report period.

Only reads: approvals (translations with status ``approved``, dated by their
``updated_at``), clips fully subtitled in a language, and finished renders from
the render queue's history (table ``render_jobs``; zero when it does not exist).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

from ttdn_studio.models import CueRow, Status
from ttdn_studio.report.model import Period
from ttdn_studio.store import ProjectStore

NO_LANG = "-"


@dataclass(frozen=True)
class Approval:
    """One cue translation approved inside the period (counted by its last change)."""

    clip: str
    cue_id: int
    lang: str
    month: str
    source_text: str


@dataclass(frozen=True)
class ClipSubtitled:
    """A clip whose every cue with source text is approved in ``lang``."""

    clip: str
    lang: str
    month: str
    duration_ms: int


@dataclass(frozen=True)
class RenderDone:
    clip: str
    langs: tuple[str, ...]
    preset: str
    month: str


@dataclass
class ProjectFacts:
    path: Path
    folder: str
    title: str
    source_lang: str
    target_langs: list[str]
    clips_total: int
    approvals: list[Approval] = field(default_factory=list)
    subtitled: list[ClipSubtitled] = field(default_factory=list)
    renders: list[RenderDone] = field(default_factory=list)

    def clips_produced(self) -> set[str]:
        return {s.clip for s in self.subtitled} | {r.clip for r in self.renders}


def _moment(stamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def collect_project(store: ProjectStore, period: Period) -> ProjectFacts:
    """Everything ``store`` produced inside ``period``."""
    project = store.project
    rows = store.cue_rows(langs=project.target_langs)
    facts = ProjectFacts(
        path=store.path,
        folder=store.path.name,
        title=project.title,
        source_lang=project.source_lang,
        target_langs=list(project.target_langs),
        clips_total=len(store.clips()),
    )
    facts.approvals = _approvals(rows, period)
    for clip, clip_rows in groupby(rows, key=lambda r: r.clip):
        facts.subtitled.extend(_subtitled(clip, list(clip_rows), project.target_langs, period))
    facts.renders = _renders(store.conn, period)
    return facts


def _approvals(rows: list[CueRow], period: Period) -> list[Approval]:
    out: list[Approval] = []
    for row in rows:
        for lang, tr in row.translations.items():
            month = period.month_of(tr.updated_at) if tr.status == Status.APPROVED else None
            if month:
                out.append(Approval(row.clip, row.cue.id, lang, month, row.cue.text))
    return out


def _subtitled(
    clip: str, rows: list[CueRow], langs: list[str], period: Period
) -> list[ClipSubtitled]:
    """Per language: the clip counts when complete, in the month of its last approval."""
    spoken = [r for r in rows if r.cue.text.strip()]
    if not spoken:
        return []
    duration = max(r.cue.end_ms for r in rows) - min(r.cue.start_ms for r in rows)
    out: list[ClipSubtitled] = []
    for lang in langs:
        trs = [r.translations.get(lang) for r in spoken]
        if any(t is None or t.status != Status.APPROVED for t in trs):
            continue
        last = max((t.updated_at for t in trs if t is not None), key=_moment)
        month = period.month_of(last)
        if month:
            out.append(ClipSubtitled(clip, lang, month, duration))
    return out


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return row.fetchone() is not None


def _renders(conn: sqlite3.Connection, period: Period) -> list[RenderDone]:
    if not has_table(conn, "render_jobs"):
        return []
    rows = conn.execute(
        "SELECT clip_id, clip_name, langs, preset, finished_at FROM render_jobs"
        " WHERE status = 'done' ORDER BY id"
    ).fetchall()
    out: list[RenderDone] = []
    for clip_id, clip_name, langs, preset, finished_at in rows:
        month = period.month_of(finished_at)
        if month is None:
            continue
        codes = tuple(c.strip() for c in (langs or "").split(",") if c.strip()) or (NO_LANG,)
        clip = clip_name or f"#{clip_id}"
        out.append(RenderDone(clip, codes, preset or NO_LANG, month))
    return out
