"""Running checks: over a project's cues (``run_qc``) or one cue being typed (``check_text``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from ttdn_studio.batch import paused_gc
from ttdn_studio.errors import NotFoundError
from ttdn_studio.models import Cue, CueRow, Project, Translation
from ttdn_studio.models.light import LightRow
from ttdn_studio.qc.registry import CHECKS, Check, Finding, GlossaryLike, QcContext, RowLike
from ttdn_studio.text import clean_text

SEVERITY_ORDER = {"error": 0, "warning": 1}


class QcStore(Protocol):
    """What QC reads of a project (``ttdn_studio.store.ProjectStore``): QC sits below the store."""

    @property
    def path(self) -> Path: ...

    @property
    def project(self) -> Project: ...

    def check_lang(self, lang: str, *, allow_source: bool = True) -> str: ...

    def cue_rows(
        self, clip: str | None = None, langs: Iterable[str] | None = None
    ) -> list[CueRow]: ...

    def light_rows(self, clip: str | None, lang: str) -> list[LightRow]: ...


def select_checks(checks: Iterable[str] | None) -> list[Check]:
    if checks is None:
        return list(CHECKS.values())
    chosen = []
    for check_id in checks:
        if check_id not in CHECKS:
            raise NotFoundError(f"no QC check {check_id!r} (checks: {', '.join(CHECKS)})")
        chosen.append(CHECKS[check_id])
    return chosen


def project_glossary(store: QcStore) -> GlossaryLike | None:
    """The project's glossary (bundled, user and project layers merged)."""
    try:
        from ttdn_studio.glossary import load_glossary
    except ImportError:  # installed without the glossary package
        return None
    return load_glossary(store.path)


def run_rows(ctx: QcContext, rows: Sequence[RowLike], checks: list[Check]) -> list[Finding]:
    """All findings of ``checks`` over ``rows`` in the context's language, in cue order."""
    active = [c for c in checks if c.applies(ctx)]
    findings: list[Finding] = []
    per_cue = [(check, check.cue) for check in active if check.cue is not None]
    lang = ctx.lang
    for row in rows:
        for check, run in per_cue:
            messages = run(ctx, row, lang)
            if messages:  # most cues pass most checks: build findings only for problems
                findings.extend(check.finding(row, lang, m) for m in messages)
    for check in active:
        findings.extend(check.run_clip(ctx, rows))
    # rows come clip by clip, each in index order: a key per clip, not per row (memory)
    clip_order: dict[str, int] = {}
    for r in rows:
        clip_order.setdefault(r.clip, len(clip_order))
    # one int per finding, ordered as (clip, index, severity): a tuple each cost 80 bytes more
    span, levels = max((f.index for f in findings), default=0) + 1, len(SEVERITY_ORDER)
    findings.sort(
        key=lambda f: (
            (clip_order.get(f.clip, 0) * span + f.index) * levels + SEVERITY_ORDER[f.severity]
        )
    )
    return findings


def run_qc(
    store: QcStore,
    lang: str,
    clip: str | None = None,
    checks: Iterable[str] | None = None,
    glossary: GlossaryLike | None = None,
    shot_changes: dict[str, list[int]] | None = None,
) -> list[Finding]:
    """Check every cue of ``clip`` (default: all clips) in ``lang``.

    ``shot_changes`` ({clip: [ms]}, from the media analysis) feeds the shot_change check.
    """
    store.check_lang(lang)
    chosen = select_checks(checks)
    if glossary is None and any(c.id == "glossary" for c in chosen):
        glossary = project_glossary(store)
    ctx = QcContext.build(store.project, lang, glossary)
    if shot_changes:
        ctx.cache["shot_changes"] = shot_changes
    with paused_gc():
        return run_rows(ctx, store.light_rows(clip, lang), chosen)


def check_text(
    project: Project,
    lang: str,
    text: str,
    start_ms: int,
    end_ms: int,
    source_text: str = "",
    glossary: GlossaryLike | None = None,
) -> list[Finding]:
    """Live checks of one cue as it is typed (no neighbours, so no gap or overlap)."""
    ctx = QcContext.build(project, lang, glossary)
    text = clean_text(text)
    source = text if ctx.is_source else clean_text(source_text)
    cue = Cue.model_construct(
        id=0, clip_id=0, start_ms=start_ms, end_ms=max(start_ms, end_ms), text=source, version=0
    )
    translations = (
        {}
        if ctx.is_source
        else {lang: Translation.model_construct(cue_id=0, lang=lang, text=text, flags=[])}
    )
    row = CueRow.model_construct(index=0, clip="", cue=cue, translations=translations)
    checks = [c for c in CHECKS.values() if not c.needs_neighbours and c.live]
    return run_rows(ctx, [row], checks)
