"""A sentence that runs across cues goes to the memory once, whole, when all its cues are approved."""

from __future__ import annotations

from ttdn_studio.services.workflow import approved_entries, rebuild_memory, set_status
from ttdn_studio.store import NewCue, ProjectStore
from ttdn_studio.store.translation_memory import TranslationMemory

SPLIT = [
    ("Từ Mũi Cà Mau", "From Ca Mau Cape"),
    ("đến Năm Căn", "to Nam Can"),
    ("rất xa.", "is a long way."),
]
WHOLE = ("Từ Mũi Cà Mau đến Năm Căn rất xa.", "From Ca Mau Cape to Nam Can is a long way.")


def _add(store: ProjectStore, pairs: list[tuple[str, str]]) -> list[int]:
    store.add_cues(
        "main",
        [NewCue(i * 3000, i * 3000 + 2500, vi, {"en": en}) for i, (vi, en) in enumerate(pairs)],
    )
    return [r.cue.id for r in store.cue_rows()]


def test_three_cues_of_one_sentence_are_one_pair_once_all_are_approved(
    store: ProjectStore,
) -> None:
    ids = _add(store, [("Cà Mau rất đẹp.", "Ca Mau is beautiful."), *SPLIT])
    set_status(store, ids[:3], "en", "approved")
    with TranslationMemory() as tm:
        assert tm.count("vi", "en") == 1  # the whole cue; no half-sentence pairs
        assert tm.exact("Từ Mũi Cà Mau", "vi", "en") is None
        assert tm.exact("đến Năm Căn", "vi", "en") is None
    set_status(store, ids[3:], "en", "approved")
    with TranslationMemory() as tm:
        assert tm.count("vi", "en") == 2
        match = tm.exact(WHOLE[0], "vi", "en")
        assert match is not None and match.target == WHOLE[1] and match.score == 100
        assert tm.exact("rất xa.", "vi", "en") is None
        assert [(u.source, u.target) for u in tm.units("vi", "en")].count(WHOLE) == 1
    assert [(e.source, e.target) for e in approved_entries(store)] == [
        ("Cà Mau rất đẹp.", "Ca Mau is beautiful."),
        WHOLE,
    ]
    with TranslationMemory() as tm:
        assert rebuild_memory(store, tm, check=True) == (2, 0)


def test_a_run_sharing_a_cue_with_a_whole_sentence_is_stored_per_sentence(
    store: ProjectStore,
) -> None:
    ids = _add(
        store,
        [
            ("Cà Mau rất đẹp. Từ Mũi Cà Mau", "Ca Mau is beautiful. From Ca Mau Cape"),
            ("đến Năm Căn rất xa.", "to Nam Can is a long way."),
        ],
    )
    set_status(store, ids, "en", "approved")
    with TranslationMemory() as tm:
        assert tm.count("vi", "en") == 2
        whole = tm.exact(WHOLE[0], "vi", "en")
        assert whole is not None and whole.target == WHOLE[1]
        first = tm.exact("Cà Mau rất đẹp.", "vi", "en")
        assert first is not None and first.target == "Ca Mau is beautiful."


def test_captions_without_full_stops_stay_separate_pairs(store: ProjectStore) -> None:
    ids = _add(
        store,
        [
            ("Vườn quốc gia Mũi Cà Mau", "Mui Ca Mau National Park"),
            ("Mật ong U Minh", "U Minh honey"),
        ],
    )
    set_status(store, ids[:1], "en", "approved")
    with TranslationMemory() as tm:
        match = tm.exact("Vườn quốc gia Mũi Cà Mau", "vi", "en")
        assert match is not None and match.target == "Mui Ca Mau National Park"


def test_cues_of_different_clips_never_share_a_sentence(store: ProjectStore) -> None:
    store.add_clip("two")
    store.add_cues("main", [NewCue(0, 2000, "Từ Mũi Cà Mau", {"en": "From Ca Mau Cape"})])
    store.add_cues("two", [NewCue(0, 2000, "đến Năm Căn rất xa.", {"en": "to Nam Can is far."})])
    ids = [r.cue.id for r in store.cue_rows()]
    set_status(store, ids[:1], "en", "approved")
    with TranslationMemory() as tm:
        match = tm.exact("Từ Mũi Cà Mau", "vi", "en")
        assert match is not None and match.target == "From Ca Mau Cape"
