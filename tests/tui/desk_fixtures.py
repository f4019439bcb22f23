"""A small deterministic project for driving the desk, built with the store API."""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.models import Project, Status
from ttdn_studio.store import NewCue, ProjectStore, create_project

LINES = [
    ("Cà Mau là tỉnh cực Nam của Tổ quốc.", "Ca Mau is the southernmost province of Vietnam."),
    ("Mũi Cà Mau có rừng đước bạt ngàn.", "Ca Mau Cape has vast mangrove forests."),
    ("Người dân sống nhờ con tôm, con cua.", ""),
    ("Rừng U Minh Hạ nổi tiếng với mật ong.", "U Minh Ha forest is famous for its honey."),
    ("Chợ nổi Cà Mau họp từ sáng sớm.", ""),
    ("Đất Mũi đón khách du lịch quanh năm.", "Dat Mui welcomes visitors all year round."),
]


def build_project(path: Path, *, cues: int = len(LINES), clips: tuple[str, ...] = ("tap-01",)) -> ProjectStore:
    """A project whose first clip has ``cues`` cues (texts cycle through LINES)."""
    store = create_project(path, Project(title="Cà Mau - Đất và người, tập thử"))
    for clip in clips:
        store.add_clip(clip)
        new = []
        for i in range(cues):
            vi, en = LINES[i % len(LINES)]
            trs = {"en": en} if en else {}
            statuses = {"en": Status.MT} if en else {}
            new.append(NewCue(i * 3000, i * 3000 + 2500, vi, translations=trs, statuses=statuses))
        store.add_cues(clip, new)
    return store
