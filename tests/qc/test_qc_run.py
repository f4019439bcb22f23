"""run_qc over a project and check_text for one cue being typed."""

from __future__ import annotations

import pytest

from ttdn_studio.errors import NotFoundError
from ttdn_studio.qc import Finding, check_text, run_qc
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.project_store import NewCue


@pytest.fixture
def project(store: ProjectStore) -> ProjectStore:
    store.add_cues(
        "main",
        [
            NewCue(0, 2000, "Năm 2020", {"en": "In 2020", "km": "ឆ្នាំ ២០២០"}),
            NewCue(2000, 4000, "Có 12 con tàu", {"en": "", "km": "ាមាន"}),
            NewCue(3900, 6000, "Xin chào", {"en": "Hello", "km": "សួស្តី"}),
        ],
    )
    store.add_clip("second")
    store.add_cues("second", [NewCue(0, 2000, "Có 5 người", {"en": "There are 6 people"})])
    return store


def by(findings: list[Finding]) -> set[tuple[str, int, str]]:
    return {(f.clip, f.index, f.check) for f in findings}


def test_run_qc_reports_per_cue_with_1_based_indexes(project: ProjectStore) -> None:
    found = by(run_qc(project, "en"))
    assert ("main", 2, "empty") in found
    assert ("main", 1, "gap") in found  # touching cues: 0 ms gap
    assert ("main", 2, "overlap") in found
    assert ("second", 1, "numbers") in found
    assert not any(clip == "main" and index == 3 for clip, index, _ in found)


def test_run_qc_in_khmer(project: ProjectStore) -> None:
    found = by(run_qc(project, "km"))
    assert ("main", 2, "khmer_invalid") in found
    assert ("main", 1, "numbers") not in found  # ២០២០ is 2020


def test_clip_and_check_filters(project: ProjectStore) -> None:
    assert {f.clip for f in run_qc(project, "en", clip="second")} == {"second"}
    only = run_qc(project, "en", checks=["empty"])
    assert {f.check for f in only} == {"empty"}
    with pytest.raises(NotFoundError):
        run_qc(project, "en", checks=["nope"])
    with pytest.raises(NotFoundError):
        run_qc(project, "fr")


def test_source_language_qc_skips_target_checks(project: ProjectStore) -> None:
    found = run_qc(project, "vi")
    assert found and not {"empty", "numbers", "glossary"} & {f.check for f in found}
    assert all(f.lang == "vi" for f in found)


def test_check_text_live(project: ProjectStore) -> None:
    proj = project.project
    found = check_text(proj, "en", "There  are 13 boats", 0, 500, source_text="Có 12 con tàu")
    checks = {f.check for f in found}
    assert {"numbers", "whitespace", "min_duration", "cps"} <= checks
    assert not {"gap", "overlap"} & checks
    assert all(f.index == 0 and f.cue_id is None for f in found)
    assert check_text(proj, "en", "There are 12 boats", 0, 2000, source_text="Có 12 con tàu") == []


def test_check_text_uses_project_profile_overrides(project: ProjectStore) -> None:
    text = "x" * 30  # the same "word" in the source: a name the spelling check accepts
    assert not check_text(project.project, "en", text, 0, 3000, source_text=text)
    project.update_project(settings={"profiles": {"en": {"max_chars": 20}}})
    assert {f.check for f in check_text(project.project, "en", text, 0, 3000, text)} == {
        "line_length"
    }
