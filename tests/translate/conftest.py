"""Demo cues for translation tests (the fixture models live in tests/fixture_models.py)."""

from __future__ import annotations

from fixture_models import EN_KM, MULTILINGUAL, VI_EN  # noqa: F401 (re-exported to the tests)

from ttdn_studio.store import NewCue, ProjectStore

DEMO_CUES = [
    "Cà Mau rất đẹp.",
    "Du khách đến thăm Năm Căn.",
    "Từ Mũi Cà Mau đến Năm Căn rất xa.",
    "Chào mừng đến với Đất Mũi.\nNgư dân ở Sông Đốc đánh bắt cua.",
    "Rừng ngập mặn ở U Minh Hạ\nrất lớn.",
    "Cảm ơn quý vị đã theo dõi.",
]


def add_demo_cues(store: ProjectStore, texts: list[str] | None = None) -> list[int]:
    texts = texts or DEMO_CUES
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(texts)])
    return [row.cue.id for row in store.cue_rows()]
