"""The engine's confidence is stored with each machine draft and orders "needs review"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.services.translating import translate_project
from ttdn_studio.store import NewCue, ProjectStore, open_project
from ttdn_studio.tui.filters import FILTERS_BY_KEY

pytestmark = pytest.mark.slow

CUES = ["Du khách đến thăm Năm Căn.", "Qưerty zxcv bnm ổp lkj hgf.", "Cà Mau rất đẹp."]


def test_confidence_is_stored_cleared_by_a_person_and_restored_by_undo(
    store: ProjectStore, argos_models: Path
) -> None:
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(CUES)])
    translate_project(store, "en")
    rows = store.cue_rows(langs=["en"])
    confidences = [r.translations["en"].confidence for r in rows]
    assert all(c is not None and 0 < c <= 1 for c in confidences)
    assert confidences[1] < confidences[0]  # type: ignore[operator]
    cue_id = rows[0].cue.id
    current = store.translation(cue_id, "en")
    store.edit_translation(
        cue_id, "en", "Visitors come to Nam Can.", expected_version=current.version
    )
    assert store.translation(cue_id, "en").confidence is None
    store.undo()
    assert store.translation(cue_id, "en").confidence == confidences[0]
    store.close()
    with open_project(store.path) as again:  # kept in the file
        assert again.translation(cue_id, "en").confidence == confidences[0]


def test_needs_review_shows_the_least_confident_first(
    store: ProjectStore, argos_models: Path
) -> None:
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(CUES)])
    translate_project(store, "en")
    rows = store.cue_rows(langs=["en"])
    review = FILTERS_BY_KEY["review"]
    assert review.order is not None
    shown = sorted(rows, key=lambda r: review.order(r, "en"))  # type: ignore[misc]
    assert shown[0].cue.text == CUES[1]
    store.close()
    result = CliRunner().invoke(cli, ["cues", str(store.path), "--review", "en", "--json"])
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    assert listed[0]["text"]["vi"] == CUES[1]
    values = [c["confidence"] for c in listed]
    assert values == sorted(values)
    result = CliRunner().invoke(cli, ["cues", str(store.path), "--review", "vi"])
    assert result.exit_code == 1


def test_the_multilingual_engine_gives_a_confidence_that_orders_review(
    store: ProjectStore, monkeypatch: pytest.MonkeyPatch, multilingual_model: Path
) -> None:
    monkeypatch.setenv("TTDN_CT2_MODEL", str(multilingual_model))
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(CUES)])
    translate_project(store, "en", engine="ct2-multilingual")
    rows = store.cue_rows(langs=["en"])
    assert {r.translations["en"].origin for r in rows} == {"mt:ct2-multilingual"}
    confidences = [r.translations["en"].confidence for r in rows]
    assert all(c is not None and 0 < c <= 1 for c in confidences), confidences
    assert confidences[1] < min(confidences[0], confidences[2])  # type: ignore[type-var]
    review = FILTERS_BY_KEY["review"]
    assert review.order is not None
    shown = sorted(rows, key=lambda r: review.order(r, "en"))  # type: ignore[misc]
    assert shown[0].cue.text == CUES[1]
