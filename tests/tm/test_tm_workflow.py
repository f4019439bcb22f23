"""The workflow service: status changes feed the memory, are undoable, and pre-fill drafts."""

from __future__ import annotations

import pytest

from ttdn_studio.errors import NotFoundError, StaleEditError, ValidationError
from ttdn_studio.models import Origin, Status
from ttdn_studio.services.workflow import (
    glossary_hits,
    parse_index_ranges,
    prefill_from_tm,
    set_status,
    tm_suggestions,
)
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.store.translation_memory import TranslationMemory

CUES = [
    NewCue(0, 2000, "Vườn quốc gia Mũi Cà Mau", {"en": "Mui Ca Mau National Park"}),
    NewCue(2500, 4000, "Mật ong U Minh", {"en": "U Minh honey"}),
    NewCue(4500, 6000, "Rừng đước Năm Căn"),
]


@pytest.fixture
def ep(store: ProjectStore) -> ProjectStore:
    store.add_cues("main", CUES)
    return store


def ids(store: ProjectStore) -> list[int]:
    return [r.cue.id for r in store.cue_rows()]


def test_approving_feeds_the_memory_and_is_one_undoable_edit(ep: ProjectStore) -> None:
    first, second, _ = ids(ep)
    assert set_status(ep, [first, second], "en", "approved") == 2
    assert [ep.translation(i, "en").status for i in (first, second)] == [Status.APPROVED] * 2
    with TranslationMemory() as tm:
        match = tm.exact("vườn quốc gia mũi cà mau", "vi", "en")
        assert match is not None and match.target == "Mui Ca Mau National Park"
        assert match.project == ep.project.title and match.created_at
        assert tm.count("vi", "en") == 2
    assert ep.history(1)[0]["action"].startswith("mark 2 cue(s) approved")
    ep.undo()
    assert [ep.translation(i, "en").status for i in (first, second)] == [Status.DRAFT] * 2
    assert ep.translation(first, "en").origin == Origin.IMPORT


def test_reviewed_does_not_feed_the_memory(ep: ProjectStore) -> None:
    assert set_status(ep, ids(ep)[:2], "en", Status.REVIEWED) == 2
    with TranslationMemory() as tm:
        assert tm.count() == 0


def test_unchanged_statuses_are_not_counted(ep: ProjectStore) -> None:
    first = ids(ep)[0]
    assert set_status(ep, [first], "en", "reviewed") == 1
    before = ep.translation(first, "en").version
    assert set_status(ep, [first, first], "en", "reviewed") == 0
    assert ep.translation(first, "en").version == before


def test_empty_translation_cannot_be_approved_and_nothing_changes(ep: ProjectStore) -> None:
    first, _, empty = ids(ep)
    with pytest.raises(ValidationError, match=f"cue #{empty} has no en text"):
        set_status(ep, [first, empty], "en", "approved")
    assert ep.translation(first, "en").status == Status.DRAFT
    with TranslationMemory() as tm:
        assert tm.count() == 0


@pytest.mark.parametrize("status", ["empty", "mt", "done"])
def test_only_draft_reviewed_approved_can_be_set(ep: ProjectStore, status: str) -> None:
    with pytest.raises(ValidationError):
        set_status(ep, ids(ep)[:1], "en", status)


def test_language_must_be_a_target(ep: ProjectStore) -> None:
    with pytest.raises(NotFoundError):
        set_status(ep, ids(ep)[:1], "vi", "approved")
    with pytest.raises(NotFoundError):
        set_status(ep, ids(ep)[:1], "fr", "approved")


def test_expected_versions_detect_stale_edits(ep: ProjectStore) -> None:
    first = ids(ep)[0]
    seen = ep.translation(first, "en").version
    ep.edit_translation(first, "en", "Mui Ca Mau National Park.", expected_version=seen)
    with pytest.raises(StaleEditError):
        set_status(ep, [first], "en", "approved", expected_versions={first: seen})
    assert set_status(ep, [first], "en", "approved", expected_versions={first: seen + 1}) == 1


def test_prefill_fills_only_empty_or_untouched_machine_cues(ep: ProjectStore) -> None:
    first, second, third = ids(ep)
    with TranslationMemory() as tm:
        tm.add("rừng đước năm căn", "Nam Can mangrove forest", "vi", "en")
        tm.add("Mật ong U Minh", "Honey from U Minh", "vi", "en")
        tm.add("Vườn quốc gia Mũi Cà Mau", "Mui Ca Mau National Park (TM)", "vi", "en")
    ep.edit_translation(
        first, "en", "MT text", expected_version=None, status=Status.MT, origin=Origin.mt("argos")
    )
    assert prefill_from_tm(ep, "en") == 2
    filled = ep.translation(third, "en")
    assert (filled.text, filled.status, filled.origin) == (
        "Nam Can mangrove forest",
        Status.DRAFT,
        Origin.TM,
    )
    assert ep.translation(first, "en").text == "Mui Ca Mau National Park (TM)"
    assert ep.translation(second, "en").text == "U Minh honey"  # human/imported work untouched
    assert prefill_from_tm(ep, "en") == 0
    ep.undo()
    assert ep.translation(third, "en").text == "" and ep.translation(first, "en").text == "MT text"
    assert prefill_from_tm(ep, "en", cue_ids=[third]) == 1
    assert ep.translation(first, "en").text == "MT text"


def test_suggestions_and_glossary_hits(ep: ProjectStore) -> None:
    first, second, third = ids(ep)
    set_status(ep, [first], "en", "approved")
    [suggestion] = tm_suggestions(ep, first, "en")
    assert suggestion.score == 100 and suggestion.target == "Mui Ca Mau National Park"
    hits = glossary_hits(ep, first, "en")
    assert [(m.text, term) for m, term in hits] == [
        ("Vườn quốc gia Mũi Cà Mau", "Mui Ca Mau National Park")
    ]
    assert [term for _, term in glossary_hits(ep, second, "en")] == ["U Minh honey"]
    assert [(m.text, term) for m, term in glossary_hits(ep, third, "km")] == [
        ("Rừng đước Năm Căn", "")
    ]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("1", [1]),
        ("1,2,5-9", [1, 2, 5, 6, 7, 8, 9]),
        (" 3 - 4 , 1 ", [1, 3, 4]),
        ("2,2,1-2", [1, 2]),
    ],
)
def test_parse_index_ranges(spec: str, expected: list[int]) -> None:
    assert parse_index_ranges(spec) == expected


@pytest.mark.parametrize("spec", ["", "0", "a", "5-3", "1,,2", "1-2-3", "-1"])
def test_parse_index_ranges_rejects(spec: str) -> None:
    with pytest.raises(ValidationError):
        parse_index_ranges(spec)
