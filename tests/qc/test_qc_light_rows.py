"""A whole-project QC run reads light rows from the store: the findings are exactly those
of the full rows (the cue models), in the same order, on the demo and a generated project."""

from __future__ import annotations

import random
from dataclasses import astuple
from pathlib import Path

import pytest

from ttdn_studio.models import Project
from ttdn_studio.qc import CHECKS, Finding, run_qc
from ttdn_studio.qc.registry import Check, QcContext
from ttdn_studio.qc.runner import SEVERITY_ORDER, project_glossary, select_checks
from ttdn_studio.store import ProjectStore, create_project, open_project
from ttdn_studio.store.project_store import NewCue

VI = ["Mũi Cà Mau", "rừng ngập mặn rộng {n}.000 ha", "Tỉnh ủy Cà Mau", "huyện Năm Căn", "U Minh"]
EN = ["The Ca Mau Cape", "mangrove forests of {n},000 ha", "people  farm shrimp ", "Nam Can"]
KM = ["ខេត្តកាម៉ៅ", "ព្រៃកោងកាង {n}", "ាមាន", "ភ្ញៀវទេសចរ"]


def full_rows_findings(store: ProjectStore, lang: str, checks: list[Check]) -> list[Finding]:
    """QC as it ran on the cue models before light rows: the same checks, then sorted by
    (clip, index, severity) tuples."""
    ctx = QcContext.build(store.project, lang, project_glossary(store))
    rows = store.cue_rows(None, langs=[lang])
    active = [c for c in checks if c.applies(ctx)]
    found: list[Finding] = []
    for row in rows:
        for check in active:
            found.extend(check.run_cue(ctx, row, lang))
    for check in active:
        found.extend(check.run_clip(ctx, rows))
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(r.clip, len(order))
    found.sort(key=lambda f: (order.get(f.clip, 0), f.index, SEVERITY_ORDER[f.severity]))
    return found


def generated(folder: Path, cues: int = 240) -> ProjectStore:
    """Three clips of varied cues: numbers, glossary terms, Khmer, blanks, overlaps, gaps,
    missing translations."""
    rng = random.Random(7)
    store = create_project(folder, Project(title="QC light rows"))
    for clip in ("intro", "tap-01", "tail"):
        store.add_clip(clip)
        batch, t = [], 0
        for i in range(cues // 3):
            t += rng.choice([-300, 0, 40, 80, 500, 2000])
            t = max(t, 0)
            end = t + rng.choice([300, 900, 2500, 6000, 9000])
            n = rng.randint(1, 2030)
            vi = ", ".join(rng.sample(VI, rng.randint(1, 3))).replace("{n}", str(n))
            tr: dict[str, str] = {}
            if rng.random() < 0.85:
                tr["en"] = " ".join(rng.sample(EN, rng.randint(0, 3))).replace(
                    "{n}", str(n + i % 2)
                )
            if rng.random() < 0.7:
                tr["km"] = "".join(rng.sample(KM, rng.randint(1, 3))).replace("{n}", str(n))
            batch.append(NewCue(t, end, vi, tr))
            t = end
        store.add_cues(clip, batch)
    return store


@pytest.mark.parametrize("lang", ["vi", "en", "km"])
def test_light_rows_find_what_the_cue_models_find_on_a_generated_project(
    tmp_path: Path, lang: str
) -> None:
    store = generated(tmp_path / "gen")
    checks = [c for c in CHECKS if c != "spelling"]
    light = run_qc(store, lang, checks=checks)
    full = full_rows_findings(store, lang, select_checks(checks))
    assert len(light) > 100 and len({f.check for f in light}) >= 5
    assert [astuple(f) for f in light] == [astuple(f) for f in full]


def test_light_rows_find_what_the_cue_models_find_on_the_demo(tmp_path: Path) -> None:
    from ttdn_studio.services.demo import ensure_demo

    store = open_project(ensure_demo(tmp_path / "demo", with_video=False))
    for lang in store.project.languages:
        light = run_qc(store, lang)  # every check, spelling included
        full = full_rows_findings(store, lang, select_checks(None))
        assert [astuple(f) for f in light] == [astuple(f) for f in full]


def test_light_rows_carry_the_cue_and_one_language(tmp_path: Path) -> None:
    store = generated(tmp_path / "gen", cues=30)
    full = store.cue_rows(None, langs=["en"])
    light = store.light_rows(None, "en")
    assert len(light) == len(full) == 30
    for a, b in zip(light, full, strict=True):
        assert (a.index, a.clip, a.cue.id, a.cue.start_ms, a.cue.end_ms, a.cue.text) == (
            b.index,
            b.clip,
            b.cue.id,
            b.cue.start_ms,
            b.cue.end_ms,
            b.cue.text,
        )
        assert a.cue.duration_ms == b.cue.duration_ms
        la, fu = a.translations.get("en"), b.translations.get("en")
        assert (la and (la.text, la.status)) == (fu and (fu.text, fu.status))
        assert set(a.translations) == set(b.translations)
        assert a.translations.get("km") is None and not hasattr(a, "__dict__")
    assert [r.clip for r in store.light_rows("tail", "vi")] == ["tail"] * 10
