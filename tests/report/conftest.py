"""A projects folder with known content and dates, built through the store API.

Dates are set afterwards with SQL (the store stamps edits with the current time),
and finished renders are written into the render queue's history table
(``render_jobs``, created by the project schema's migrations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ttdn_studio import locations
from ttdn_studio.models import Project, Status
from ttdn_studio.store import NewCue, ProjectStore, create_project

GLOSSARY = "vi\ten\tkm\nĐất Mũi\tDat Mui\t\nNăm Căn\tNam Can\t\nU Minh Hạ\tU Minh Ha\t\n"


@dataclass
class Episode:
    """A project being built: clips of (start_ms, end_ms, vi) cues, then approvals."""

    store: ProjectStore
    cue_ids: dict[str, list[int]] = field(default_factory=dict)

    def clip(self, name: str, cues: list[tuple[int, int, str]]) -> list[int]:
        self.store.add_clip(name)
        self.store.add_cues(name, [NewCue(s, e, text) for s, e, text in cues])
        clip_id = self.store.clip(name).id
        ids = [
            r[0]
            for r in self.store.conn.execute(
                "SELECT id FROM cues WHERE clip_id = ? ORDER BY start_ms", (clip_id,)
            )
        ]
        self.cue_ids[name] = ids
        return ids

    def translate(
        self, clip: str, n: int, lang: str, text: str, when: str, status: Status = Status.APPROVED
    ) -> None:
        """Set cue ``n`` (1-based) of ``clip`` in ``lang``, dated ``when`` (ISO, UTC).

        Both the translation's last change and the history entry of the edit carry ``when``.
        """
        cue_id = self.cue_ids[clip][n - 1]
        self.store.edit_translation(cue_id, lang, text, expected_version=None, status=status)
        with self.store.transaction():
            self.store.conn.execute(
                "UPDATE translations SET updated_at = ? WHERE cue_id = ? AND lang = ?",
                (when, cue_id, lang),
            )
            self.store.conn.execute(
                "UPDATE history SET at = ? WHERE id = (SELECT max(id) FROM history)", (when,)
            )

    def render(self, clip: str, langs: str, preset: str, status: str, finished_at: str) -> None:
        conn = self.store.conn
        with self.store.transaction():
            clip_id = self.store.clip(clip).id
            conn.execute(
                "INSERT INTO render_jobs (clip_id, clip_name, langs, preset, output, status,"
                " fingerprint, duration_ms, cues, created_at, started_at, finished_at, error,"
                " log_path) VALUES (?, ?, ?, ?, ?, ?, 'f', 60000, 3, ?, ?, ?, NULL, NULL)",
                (
                    clip_id,
                    clip,
                    langs,
                    preset,
                    f"renders/{clip}.mp4",
                    status,
                    finished_at,
                    finished_at,
                    finished_at,
                ),
            )


def new_episode(folder: Path, title: str, targets: list[str]) -> Episode:
    return Episode(create_project(folder, Project(title=title, target_langs=targets)))


@pytest.fixture
def quiet_glossary(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A small curated glossary (three place names) in place of the bundled one."""
    small = tmp_path_factory.mktemp("small-curated-glossary")
    monkeypatch.setattr(locations, "bundled_glossary_dir", lambda: small)
    (small / "ca-mau.tsv").write_text(GLOSSARY, encoding="utf-8")
    return small / "ca-mau.tsv"


UTC_STATION = 'time_zone = "UTC"\n'


def build_station(root: Path) -> Path:
    """Three episodes, a broken one and a plain folder; see test_figures for the numbers.

    Its station.toml puts the station in UTC, so the dates below are the calendar
    dates the figures are counted by (test_time_zone covers Vietnam's time).
    """
    projects = root / "projects"
    projects.mkdir()
    (projects / "station.toml").write_text(UTC_STATION, encoding="utf-8")
    a = new_episode(projects / "tap-01", "Cà Mau - Đất và người, tập 1", ["en", "km"])
    a.clip(
        "intro",
        [
            (0, 3000, "Chào mừng đến Đất Mũi."),
            (3000, 6000, "Rừng U Minh Hạ."),
            (6000, 12000, "Đất Mũi, Năm Căn."),
        ],
    )
    a.translate("intro", 1, "en", "Welcome to Dat Mui.", "2026-03-05T08:00:00+00:00")
    # three lines: a QC error (line_count) approved anyway
    a.translate("intro", 2, "en", "The forest\nof\nU Minh Ha.", "2026-03-10T08:00:00+00:00")
    a.translate("intro", 3, "en", "Dat Mui, Nam Can.", "2026-04-02T08:00:00+00:00")
    a.translate("intro", 1, "km", "សូមស្វាគមន៍", "2026-03-07T08:00:00+00:00")
    a.translate("intro", 2, "km", "ព្រៃ", "2026-03-08T08:00:00+00:00")
    a.translate("intro", 3, "km", "ដីមុយ", "2026-03-09T08:00:00+00:00", Status.DRAFT)
    a.clip(
        "river", [(1000, 30000, "Sông Gành Hào."), (30000, 40000, ""), (40000, 61000, "Năm Căn.")]
    )
    a.translate("river", 1, "en", "The Ganh Hao river.", "2026-05-01T08:00:00+00:00")
    a.translate("river", 3, "en", "Nam Can.", "2026-05-20T08:00:00+00:00")
    a.translate("river", 1, "km", "ទន្លេ", "2025-12-31T23:59:59+00:00")
    a.translate("river", 3, "km", "ណាំកាន", "2026-01-01T00:00:00+00:00")
    a.render("intro", "en", "web", "done", "2026-04-03T10:00:00+00:00")
    a.render("river", "en,km", "air", "done", "2026-05-21T10:00:00+00:00")
    a.render("river", "km", "social", "failed", "2026-05-22T10:00:00+00:00")
    a.render("intro", "en", "web", "done", "2025-12-31T23:00:00+00:00")
    a.render("intro", "en", "draft", "done", "2026-04-04T10:00:00+00:00")  # a proof: not counted
    a.store.close()

    b = new_episode(projects / "tap-02", "Tập 2: Lễ hội Nghinh Ông", ["en"])
    b.clip("main", [(0, 6000, "Lễ hội Nghinh Ông ở Đất Mũi."), (6000, 12000, "Đất Mũi.")])
    b.translate("main", 1, "en", "The Nghinh Ong festival at Dat Mui.", "2026-12-31T23:59:59+00:00")
    b.translate("main", 2, "en", "Dat Mui.", "2026-12-30T10:00:00+00:00", Status.REVIEWED)
    b.store.close()

    c = new_episode(projects / "tap-03", "Tập 3", ["en", "km"])
    c.clip("main", [(0, 30000, "Năm Căn."), (30000, 60000, "Đất Mũi.")])
    c.translate("main", 1, "en", "Nam Can.", "2025-06-01T08:00:00+00:00")
    c.translate("main", 2, "en", "Dat Mui.", "2025-06-02T08:00:00+00:00")
    c.store.close()

    (projects / "hong").mkdir()
    (projects / "hong" / "project.db").write_bytes(b"this is not a database" * 100)
    (projects / "ghi-chu").mkdir()
    return projects


@pytest.fixture(scope="session")
def station(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The projects folder of :func:`build_station` (built once; tests only read it)."""
    return build_station(tmp_path_factory.mktemp("station"))
