"""End to end: a project translated by the real fixture models, under the glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.errors import ModelError, TtdnError
from ttdn_studio.models import Origin, Status
from ttdn_studio.services.translating import NoModelError, translate_project
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.translation_memory import TranslationMemory
from ttdn_studio.translate import TERM_CHECK_FAILED, pick_engine

from .conftest import DEMO_CUES, add_demo_cues

pytestmark = pytest.mark.slow


def texts(store: ProjectStore, lang: str) -> list[str]:
    return [row.text(lang, "vi") for row in store.cue_rows(langs=[lang])]


def test_translates_the_project_with_glossary_terms(
    store: ProjectStore, argos_models: Path
) -> None:
    add_demo_cues(store)
    progress: list[tuple[int, int]] = []
    summary = translate_project(store, "en", progress=lambda d, t: progress.append((d, t)))
    assert summary.engine == "argos" and summary.cues_translated == len(DEMO_CUES)
    assert summary.sentences == 7 and progress[-1][0] == progress[-1][1]
    en = texts(store, "en")
    assert en[0] == "Ca Mau is very beautiful."
    assert en[1] == "Tourists visit Nam Can."
    assert "\n" in en[3]  # two sentences on two lines stay on two lines
    assert "\n" not in en[4]  # one sentence over two lines becomes one unit
    rows = store.cue_rows(langs=["en"])
    for row, source in zip(rows, DEMO_CUES, strict=True):
        tr = row.translations["en"]
        assert tr.status == Status.MT and tr.origin == Origin.mt("argos")
        for vi, en_term in (
            ("Năm Căn", "Nam Can"),
            ("Mũi Cà Mau", "Ca Mau Cape"),
            ("U Minh Hạ", "U Minh Ha"),
        ):
            if vi in source:
                assert en_term in tr.text or TERM_CHECK_FAILED in tr.flags
    assert summary.terms_enforced >= 7
    assert summary.cues_flagged == sum(
        TERM_CHECK_FAILED in r.translations["en"].flags for r in rows
    )
    assert store.history(1)[0]["action"].startswith("machine translation vi→en")
    store.undo()  # one edit: one undo takes it all back
    assert texts(store, "en") == [""] * len(DEMO_CUES)


def test_a_run_stopped_from_its_progress_writes_nothing(
    store: ProjectStore, argos_models: Path
) -> None:
    """The desk stops a machine draft (on quit) by raising from the progress callback."""
    add_demo_cues(store)
    edits = len(store.history(100))

    def stop(done: int, total: int) -> None:
        raise TtdnError("machine draft stopped; nothing was written")

    with pytest.raises(TtdnError, match="stopped"):
        translate_project(store, "en", progress=stop)
    assert texts(store, "en") == [""] * len(DEMO_CUES)
    assert len(store.history(100)) == edits


def test_human_work_is_kept_unless_overwrite(store: ProjectStore, argos_models: Path) -> None:
    ids = add_demo_cues(store, DEMO_CUES[:3])
    store.edit_translation(
        ids[0], "en", "Ca Mau is lovely.", expected_version=0
    )  # draft by a person
    store.edit_translation(
        ids[1], "en", "Visitors come to Nam Can.", expected_version=0, status=Status.APPROVED
    )
    summary = translate_project(store, "en")
    assert (summary.cues_translated, summary.skipped_human) == (1, 2)
    assert texts(store, "en")[:2] == ["Ca Mau is lovely.", "Visitors come to Nam Can."]
    again = translate_project(store, "en")  # machine drafts may be refreshed, human work still kept
    assert (again.cues_translated, again.skipped_human) == (1, 2)
    forced = translate_project(store, "en", overwrite=True)
    assert forced.cues_translated == 3
    assert texts(store, "en")[0] == "Ca Mau is very beautiful."


def test_translation_memory_goes_first(store: ProjectStore, argos_models: Path) -> None:
    add_demo_cues(store, DEMO_CUES[:2])
    with TranslationMemory() as tm:
        tm.add("Cà Mau rất đẹp.", "Ca Mau is a beautiful place.", "vi", "en")
    summary = translate_project(store, "en")
    assert (summary.tm_prefilled, summary.cues_translated) == (1, 1)
    first = store.cue_rows(langs=["en"])[0].translations["en"]
    assert (first.text, first.status, first.origin) == (
        "Ca Mau is a beautiful place.",
        Status.DRAFT,
        Origin.TM,
    )


def test_no_model_says_how_to_install_and_still_uses_memory(store: ProjectStore) -> None:
    add_demo_cues(store, DEMO_CUES[:2])
    with TranslationMemory() as tm:
        tm.add("Cà Mau rất đẹp.", "Ca Mau is a beautiful place.", "vi", "en")
    with pytest.raises(
        NoModelError, match=r"no translation model installed for vi→en.*ttdn models install"
    ) as err:
        translate_project(store, "en")
    assert err.value.summary.tm_prefilled == 1 and "1 cues were filled" in err.value.message
    assert texts(store, "en") == ["Ca Mau is a beautiful place.", ""]
    # the desk names its own way to install a model, not a command line
    desk = err.value.in_desk()
    assert "Models screen: Alt+Shift+T" in desk and "1 cues were filled" in desk
    assert "ttdn models" not in desk


def test_pivot_through_english(store: ProjectStore, argos_models: Path) -> None:
    engine = pick_engine("vi", "km")
    assert engine.name == "argos" and ("vi", "km") in engine.available_pairs()
    assert engine.translate_batch(["Cà Mau rất đẹp."], "vi", "km") == ["កាម៉ៅស្អាតណាស់។"]
    add_demo_cues(store, ["Du khách đến thăm Năm Căn."])
    translate_project(store, "km")
    # the glossary has no Khmer form of Năm Căn, so the model's own form stays
    assert texts(store, "km")[0] == "ភ្ញៀវទេសចរមកទស្សនាណាំកាន់។"


def test_multilingual_nllb_style_model(
    store: ProjectStore, monkeypatch: pytest.MonkeyPatch, multilingual_model: Path
) -> None:
    monkeypatch.setenv("TTDN_CT2_MODEL", str(multilingual_model))
    engine = pick_engine("vi", "en")
    assert engine.name == "ct2-multilingual"
    assert (
        engine.translate_batch(["Cà Mau rất đẹp.", "Cà Mau rất đẹp."], "vi", "en")[0]
        == "Ca Mau is very beautiful."
    )
    add_demo_cues(store, ["Du khách đến thăm Cà Mau."])
    summary = translate_project(store, "km", engine="ct2-multilingual")
    # Cà Mau is masked and restored with the glossary's Khmer name, not the model's own
    assert texts(store, "km")[0] == "ភ្ញៀវទេសចរមកទស្សនាទឹកខ្មៅ។"
    assert summary.terms_enforced == 1


def test_unknown_engine_and_language(store: ProjectStore, argos_models: Path) -> None:
    add_demo_cues(store, DEMO_CUES[:1])
    with pytest.raises(ModelError, match="unknown translation engine 'deepl'"):
        translate_project(store, "en", engine="deepl")
    with pytest.raises(Exception, match="not in this project"):
        translate_project(store, "fr")
