"""A QC run's memory: findings and rows without per-instance overhead, order kept."""

from __future__ import annotations

import gc
import tracemalloc

from ttdn_studio.models import CueRow
from ttdn_studio.models.domain import trusted
from ttdn_studio.qc import run_qc
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.project_store import NewCue

CUES = 2000


def _long_project(store: ProjectStore) -> ProjectStore:
    cues = [
        NewCue(
            i * 3000,
            i * 3000 + 2500,
            f"Rừng đước Năm Căn rộng {i} ha, người dân nuôi tôm",
            {"en": f"The Nam Can mangrove forest covers {i + 1} ha, people farm shrimp"},
        )
        for i in range(CUES)
    ]
    store.add_cues("main", cues)
    return store


def test_a_qc_run_peaks_under_two_kilobytes_per_cue(store: ProjectStore) -> None:
    project = _long_project(store)
    assert len(run_qc(project, "en")) >= CUES  # a number mismatch in every cue; warms caches
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        findings = run_qc(project, "en")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(findings) >= CUES
    # 1.6 KB with light rows read for QC; 3.1 KB with the cue models, 7.7 KB before that
    assert (peak - base) / CUES < 2048, (peak - base) / CUES


def test_findings_and_trusted_rows_carry_no_per_instance_field_sets(
    store: ProjectStore,
) -> None:
    project = _long_project(store)
    a, b = run_qc(project, "en")[:2]
    assert not hasattr(a, "__dict__")  # slotted
    assert a.as_dict("clip", "index", "check") == {"clip": "main", "index": 1, "check": a.check}
    rows = project.cue_rows()
    assert rows[0].model_fields_set is rows[1].model_fields_set
    assert rows[0].cue.model_fields_set is rows[1].cue.model_fields_set
    # a model built this way still behaves: set, copy, dump
    row = trusted(CueRow, index=7, clip="x", cue=rows[0].cue, translations={})
    row.index = 8
    assert row.model_copy(update={"clip": "y"}).model_dump(exclude_unset=True)["clip"] == "y"
    assert row.index == 8 and rows[0].index == 1


def test_findings_come_in_clip_order_then_cue_order(store: ProjectStore) -> None:
    store.add_cues("main", [NewCue(0, 900, "Có 5 người", {"en": "There are 6 people"})])
    store.add_clip("second")
    store.add_cues(
        "second",
        [
            NewCue(0, 2000, "Có 5 người", {"en": "There are 6 people"}),
            NewCue(1900, 4000, "Có 7 người", {"en": "There are 8 people"}),
        ],
    )
    found = run_qc(store, "en")
    keys = [(f.clip, f.index) for f in found]
    assert keys == sorted(keys, key=lambda k: (["main", "second"].index(k[0]), k[1]))
    assert {"main", "second"} <= {clip for clip, _ in keys}
