"""The report's editorial figures: sign-offs of sensitive findings and post-edit distance."""

from __future__ import annotations

from collections import defaultdict

from ttdn_studio.report.collect import ProjectFacts
from ttdn_studio.report.model import PostEditRow, SignOffRow


def signoff_rows(facts: list[ProjectFacts]) -> list[SignOffRow]:
    """Every sign-off made in the period, oldest first."""
    rows = [
        SignOffRow(
            project=f.title,
            clip=s.clip,
            cue=s.index,
            lang=s.lang,
            finding=s.finding,
            reason=s.reason,
            person=s.author,
            at=s.at,
        )
        for f in facts
        for s in f.signoffs
    ]
    return sorted(rows, key=lambda r: r.at)


def post_edit_rows(facts: list[ProjectFacts]) -> list[PostEditRow]:
    """Mean post-edit distance of machine drafts approved in the period, per language and engine."""
    ratios: dict[tuple[str, str], list[float]] = defaultdict(list)
    for f in facts:
        for p in f.post_edits:
            ratios[(p.lang, p.engine)].append(p.ratio)
    return [
        PostEditRow(lang=lang, engine=engine, cues=len(r), mean_ratio=round(sum(r) / len(r), 3))
        for (lang, engine), r in sorted(ratios.items())
    ]
