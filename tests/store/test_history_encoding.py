"""The undo history of a large import: written fast, read back exactly."""

from __future__ import annotations

import json

from ttdn_studio.store import ProjectStore
from ttdn_studio.store.project_store import NewCue

TEXTS = [
    'Cà Mau - "Đất và người"\nmùa nước nổi',
    "ព្រៃកោងកាងណាមកាន \\ back\\slash",
    "Rừng U Minh Hạ\t😀 {\\an8}",
]


def test_an_import_is_undone_and_redone_exactly(store: ProjectStore) -> None:
    cues = [
        NewCue(i * 1000, i * 1000 + 900, TEXTS[i % 3], {"en": f"line {i}", "km": TEXTS[1]})
        for i in range(300)
    ]
    store.add_cues("main", cues)
    before = [(r.cue.text, r.text("en", "vi"), r.text("km", "vi")) for r in store.cue_rows()]
    raw, kind = store.conn.execute(
        "SELECT changes, typeof(changes) FROM history ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert kind == "text"  # SQL's JSON functions and LIKE read it as text
    assert "Đất và người" in raw and "ព្រៃកោងកាង" in raw  # stored as text, not \\u escapes
    recorded = json.loads(raw)
    assert raw == json.dumps(recorded, ensure_ascii=False)  # the format readers search in
    assert sum(1 for table, _, _ in recorded if table == "cues") == 300
    store.undo()
    assert store.cue_rows() == []
    store.redo()
    after = [(r.cue.text, r.text("en", "vi"), r.text("km", "vi")) for r in store.cue_rows()]
    assert after == before
