"""Machine drafts follow the project's roles: over approved text only for an editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.models import Status
from ttdn_studio.services import editorial
from ttdn_studio.services.translating import translate_project
from ttdn_studio.store import ProjectStore

from .conftest import DEMO_CUES, add_demo_cues

pytestmark = pytest.mark.slow


def test_a_translator_cannot_overwrite_approved_text_with_a_machine_draft(
    store: ProjectStore, argos_models: Path
) -> None:
    ids = add_demo_cues(store, DEMO_CUES[:2])
    store.edit_translation(
        ids[1], "en", "Visitors come to Nam Can.", expected_version=0, status=Status.APPROVED
    )
    editorial.set_role(store, store.author, "translator")
    with pytest.raises(editorial.RoleError, match="only an editor or above may change approved"):
        translate_project(store, "en", overwrite=True)
    assert store.translation(ids[0], "en").text == ""  # one edit: nothing of it was written
    assert store.translation(ids[1], "en").text == "Visitors come to Nam Can."
    summary = translate_project(store, "en")  # empty cues are the translator's to draft
    assert (summary.cues_translated, summary.skipped_human) == (1, 1)
    editorial.set_role(store, store.author, "editor")
    assert translate_project(store, "en", overwrite=True).cues_translated == 2
