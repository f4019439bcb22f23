"""One edit that changes a row it has just created undoes cleanly (import, then timing)."""

from __future__ import annotations

from ttdn_studio.store import NewCue, ProjectStore


def test_create_then_change_in_one_edit_undoes(store: ProjectStore) -> None:
    with store.edit("import and time"):
        store.add_cues("main", [NewCue(0, 1000, "Đất Mũi"), NewCue(1500, 2500, "Cà Mau")])
        first = store.cue_rows("main", langs=[])[0].cue
        store.edit_cue(first.id, expected_version=None, start_ms=200, end_ms=900)
        store.edit_cue(first.id, expected_version=None, start_ms=300, end_ms=950)
    assert store.cue_rows("main", langs=[])[0].cue.start_ms == 300
    store.undo()
    assert store.cue_rows("main", langs=[]) == []
    store.redo()
    assert [(r.cue.start_ms, r.cue.end_ms) for r in store.cue_rows("main", langs=[])] == [
        (300, 950),
        (1500, 2500),
    ]
