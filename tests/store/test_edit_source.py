"""Editing a cue's source: the translations stay, flagged ``outdated``, until settled."""

from __future__ import annotations

import unicodedata

import pytest

from ttdn_studio.errors import ProjectError, StaleEditError
from ttdn_studio.models import Status
from ttdn_studio.services.workflow import set_status
from ttdn_studio.store import NewCue, ProjectStore

OUTDATED = "outdated"


def seed(store: ProjectStore) -> int:
    store.add_cues(
        "main",
        [
            NewCue(
                0,
                2000,
                "Mũi Cà Mau là điểm cực Nam.",
                {"en": "Ca Mau Cape is the southernmost point.", "km": ""},
            )
        ],
    )
    return store.cue_rows("main")[0].cue.id


def test_source_edit_keeps_translations_and_flags_them_outdated(store: ProjectStore) -> None:
    cue_id = seed(store)
    before = store.translation(cue_id, "en")
    cue = store.edit_source(cue_id, "Mũi Cà Mau là điểm cực nam của Tổ quốc.", 1)
    assert cue.text == "Mũi Cà Mau là điểm cực nam của Tổ quốc."
    assert cue.version == 2
    en = store.translation(cue_id, "en")
    assert en.text == before.text  # never deleted
    assert en.status == before.status
    assert en.flags == [OUTDATED]
    assert en.version == before.version + 1
    assert OUTDATED not in store.translation(cue_id, "km").flags  # nothing there to outdate


def test_source_edit_is_one_undo_and_stored_nfc(store: ProjectStore) -> None:
    cue_id = seed(store)
    store.edit_source(cue_id, unicodedata.normalize("NFD", "Rừng đước xanh ngát."), 1)
    assert store.cue(cue_id).text == unicodedata.normalize("NFC", "Rừng đước xanh ngát.")
    store.undo()
    assert store.cue(cue_id).text == "Mũi Cà Mau là điểm cực Nam."
    assert store.translation(cue_id, "en").flags == []


def test_stale_or_empty_source_edit_is_refused_and_changes_nothing(store: ProjectStore) -> None:
    cue_id = seed(store)
    entries = len(store.history())
    with pytest.raises(StaleEditError):
        store.edit_source(cue_id, "Khác", 7)
    with pytest.raises(ProjectError):
        store.edit_source(cue_id, "  \n", 1)
    assert store.cue(cue_id).text == "Mũi Cà Mau là điểm cực Nam."
    assert store.translation(cue_id, "en").flags == []
    assert len(store.history()) == entries


def test_same_source_changes_nothing(store: ProjectStore) -> None:
    cue_id = seed(store)
    assert store.edit_source(cue_id, "Mũi Cà Mau là điểm cực Nam.", 1).version == 1
    assert store.translation(cue_id, "en").flags == []


def test_retranslating_or_reviewing_settles_outdated(store: ProjectStore) -> None:
    cue_id = seed(store)
    store.edit_source(cue_id, "Mũi Cà Mau, điểm cực Nam.", 1)
    tr = store.translation(cue_id, "en")
    store.edit_translation(cue_id, "en", tr.text, expected_version=tr.version)  # no change
    assert store.translation(cue_id, "en").flags == [OUTDATED]
    tr = store.translation(cue_id, "en")
    store.edit_translation(
        cue_id, "en", "Ca Mau Cape, the southernmost point.", expected_version=tr.version
    )
    assert store.translation(cue_id, "en").flags == []

    store.edit_source(cue_id, "Mũi Cà Mau: điểm cực Nam.", 2)
    assert store.translation(cue_id, "en").flags == [OUTDATED]
    set_status(store, [cue_id], "en", Status.REVIEWED)
    assert store.translation(cue_id, "en").flags == []
