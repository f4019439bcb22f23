"""Safe fixes: timing never passes a neighbour, words never change, one undo step."""

from __future__ import annotations

import random

import pytest

from ttdn_studio.models import Origin, Status
from ttdn_studio.qc import apply_fixes, run_qc
from ttdn_studio.qc.fixes import TimedCue, plan_timing
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.project_store import NewCue

GAP, CHAIN, MIN_DUR = 80, 480, 833


def new_ends(cues: list[TimedCue]) -> dict[int, int]:
    plan = plan_timing(cues, GAP, CHAIN, MIN_DUR)
    return {c.id: plan.get(c.id, (c.end_ms, []))[0] for c in cues}


def test_chaining_closes_short_gaps_only() -> None:
    cues = [TimedCue(1, 0, 2000), TimedCue(2, 2480, 4000), TimedCue(3, 4520, 6000)]
    ends = new_ends(cues)
    assert ends[1] == 2480 - GAP  # 12 frames: chained
    assert ends[2] == 4000  # 13 frames: left alone


def test_gap_shorter_than_minimum_is_widened_and_exact_minimum_kept() -> None:
    cues = [TimedCue(1, 0, 2000), TimedCue(2, 2040, 4000), TimedCue(3, 4080, 6000)]
    ends = new_ends(cues)
    assert ends[1] == 2040 - GAP and ends[2] == 4000


def test_overlap_is_trimmed_to_the_minimum_gap() -> None:
    plan = plan_timing([TimedCue(1, 0, 2500), TimedCue(2, 2000, 4000)], GAP, CHAIN, MIN_DUR)
    assert plan[1] == (2000 - GAP, ["overlap"])


def test_short_cue_extends_into_free_time_but_not_past_the_next_cue() -> None:
    assert new_ends([TimedCue(1, 0, 500)])[1] == MIN_DUR
    assert new_ends([TimedCue(1, 0, 500), TimedCue(2, 5000, 6000)])[1] == MIN_DUR
    assert new_ends([TimedCue(1, 0, 500), TimedCue(2, 700, 2000)])[1] == 700 - GAP


def test_random_timelines_never_move_a_cue_past_its_neighbour() -> None:
    rng = random.Random(7)
    for _ in range(300):
        cues, t = [], 0
        for i in range(12):
            t += rng.randint(-600, 900)
            t = max(t, 0)
            cues.append(TimedCue(i, t, t + rng.randint(1, 3000)))
        plan = plan_timing(cues, GAP, CHAIN, MIN_DUR)
        ordered = sorted(cues, key=lambda c: (c.start_ms, c.id))
        for cue, nxt in zip(ordered, ordered[1:], strict=False):
            end = plan.get(cue.id, (cue.end_ms, []))[0]
            assert end > cue.start_ms
            if nxt.start_ms > cue.start_ms:
                assert end <= nxt.start_ms
            if end > cue.end_ms:
                assert end <= nxt.start_ms - GAP
        last = ordered[-1]
        assert plan.get(last.id, (last.end_ms, []))[0] >= last.end_ms


@pytest.fixture
def messy(store: ProjectStore) -> ProjectStore:
    long_en = "The Ca Mau Cape is the southernmost point of Vietnam, home to mangroves."
    store.add_cues(
        "main",
        [
            NewCue(
                0,
                3000,
                "Mũi Cà Mau là điểm cực nam của Tổ quốc, nơi có rừng ngập mặn.",
                {"en": long_en, "km": "ខេត្តកាម៉ៅ"},
                {"en": Status.APPROVED},
            ),
            NewCue(3040, 3400, "Xin chào", {"en": "  Hello  there ", "km": "សួស្តី"}),
            NewCue(3300, 6000, "Tạm biệt", {"en": "Goodbye", "km": "លាហើយ"}),
        ],
    )
    return store


def snapshot(store: ProjectStore) -> list[tuple]:
    return [
        (r.cue.start_ms, r.cue.end_ms, r.cue.text, r.text("en", "vi"), r.text("km", "vi"))
        for r in store.cue_rows()
    ]


def test_apply_fixes_changes_breaks_and_times_only(messy: ProjectStore) -> None:
    before = snapshot(messy)
    report = apply_fixes(messy, "en")
    after = snapshot(messy)
    assert report.counts["line_breaks"] == 1 and report.counts["whitespace"] == 1
    assert report.counts["chain"] == 1 and report.counts["overlap"] == 1
    for old, new in zip(before, after, strict=True):
        assert old[0] == new[0]  # starts never move
        assert " ".join(old[3].split()) == " ".join(new[3].split())  # same words
        assert old[2] == new[2] and old[4] == new[4]  # other languages untouched
    assert "\n" in after[0][3]
    assert after[1][3] == "Hello there"
    assert after[0][1] == 3040 - 80 and after[1][1] == 3300 - 80
    tr = messy.translation(messy.cue_rows()[0].cue.id, "en")
    assert tr.origin == Origin.QC_FIX and tr.status == Status.APPROVED


def test_fix_run_is_one_undo_step(messy: ProjectStore) -> None:
    before = snapshot(messy)
    apply_fixes(messy, "en")
    assert snapshot(messy) != before
    assert messy.history(1)[0]["action"] == "qc fix en"
    messy.undo()
    assert snapshot(messy) == before
    messy.redo()
    assert snapshot(messy) != before


def test_fixing_again_finds_nothing_to_do(messy: ProjectStore) -> None:
    apply_fixes(messy, "en")
    entries = len(messy.history(100))
    assert apply_fixes(messy, "en").total == 0
    assert len(messy.history(100)) == entries  # no empty undo entry


def test_fixes_leave_fewer_findings(messy: ProjectStore) -> None:
    checks = ["line_length", "whitespace", "overlap", "gap"]
    assert len(run_qc(messy, "en", checks=checks)) >= 4
    apply_fixes(messy, "en")
    assert run_qc(messy, "en", checks=checks) == []


def test_source_language_fix_edits_the_cue_text(store: ProjectStore) -> None:
    store.add_cues(
        "main",
        [
            NewCue(
                0, 4000, "Người dân nơi đây sống bằng nghề nuôi tôm và đánh bắt hải sản ven biển."
            )
        ],
    )
    apply_fixes(store, "vi")
    text = store.cue_rows()[0].cue.text
    assert "\n" in text and text.replace("\n", " ").startswith("Người dân")
