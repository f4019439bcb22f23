"""Station time zone, approvals dated by their approval event, people, targets, plan figures."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

from ttdn_studio.models import Status
from ttdn_studio.models.station import StationProfile, Targets
from ttdn_studio.report import build_report, render_report
from ttdn_studio.report.qc_cache import cache_file

from .conftest import new_episode

VIETNAM = StationProfile()  # the default: Asia/Ho_Chi_Minh
UTC = StationProfile(time_zone="UTC")


def test_months_follow_the_station_time_zone(station: Path, quiet_glossary: Path) -> None:
    """A Khmer approval at 23:59 UTC on 31 Dec 2025 is on 1 Jan 2026 in Cà Mau (UTC+7)."""
    in_utc = build_report(station, date(2025, 1, 1), date(2025, 12, 31), station=UTC)
    in_vietnam = build_report(station, date(2025, 1, 1), date(2025, 12, 31), station=VIETNAM)
    assert in_utc.language("km").cues_approved == 1
    assert in_vietnam.language("km").cues_approved == 0
    year = build_report(station, date(2026, 1, 1), date(2026, 12, 31), station=VIETNAM)
    january = {r.lang: r for r in year.per_month if r.month == "2026-01"}
    assert january["km"].cues_approved == 2
    # the render finished 2025-12-31 23:00 UTC is delivered on 1 January 2026 in Vietnam
    assert january["en"].clips_rendered == 1
    # and the approval at 23:59:59 UTC on 31 Dec 2026 already belongs to 2027 there
    assert year.language("en").cues_approved == 5
    assert year.generated_at.endswith("+07:00") and year.period.tz == "Asia/Ho_Chi_Minh"


def test_station_toml_sets_the_time_zone(station: Path, quiet_glossary: Path) -> None:
    report = build_report(station, date(2025, 1, 1), date(2025, 12, 31))
    assert report.period.tz == "UTC"  # the fixture's station.toml
    assert report.language("km").cues_approved == 1


def _approve_then_fix(folder: Path) -> None:
    """Lan writes a line, Minh approves it in March, a fix of its text lands in May."""
    ep = new_episode(folder, "Tập 9", ["en"])
    ep.clip("main", [(0, 3000, "Rừng đước."), (3000, 6000, "Đất Mũi.")])
    ep.store.author = "lan"
    ep.translate("main", 1, "en", "Mangrove  forest.", "2026-02-20T03:00:00+00:00", Status.DRAFT)
    ep.store.author = "minh"
    cue = ep.cue_ids["main"][0]
    ep.store.edit_translation(cue, "en", None, expected_version=None, status=Status.APPROVED)
    ep.store.conn.execute(
        "UPDATE history SET at = '2026-03-02T03:00:00+00:00' WHERE id = (SELECT max(id) FROM history)"
    )
    ep.store.author = "qc-fix"
    ep.store.edit_translation(
        cue, "en", "Mangrove forest.", expected_version=None, status=Status.APPROVED
    )
    with ep.store.transaction():
        ep.store.conn.execute(
            "UPDATE translations SET updated_at = '2026-05-10T03:00:00+00:00' WHERE cue_id = ?",
            (cue,),
        )
        ep.store.conn.execute(
            "UPDATE history SET at = '2026-05-10T03:00:00+00:00' WHERE id = (SELECT max(id) FROM history)"
        )
    # the second line was approved before its history was kept (no event: not recorded)
    second = ep.cue_ids["main"][1]
    ep.translate("main", 2, "en", "Dat Mui.", "2026-06-01T03:00:00+00:00")
    with ep.store.transaction():
        ep.store.conn.execute(
            "DELETE FROM history WHERE instr(changes, ?) > 0", (f'"cue_id": {second}',)
        )
    ep.store.close()


def test_an_approval_is_dated_by_its_approval_not_by_a_later_fix(
    tmp_path: Path, quiet_glossary: Path
) -> None:
    projects = tmp_path / "projects"
    _approve_then_fix(projects / "tap-09")
    report = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=VIETNAM)
    months = {r.month: r.cues_approved for r in report.per_month if r.lang == "en"}
    assert months["2026-03"] == 1 and months["2026-05"] == 0
    assert months["2026-06"] == 1  # without an event, the translation's last change dates it
    people = {p.person: (p.translated, p.approved) for p in report.people}
    assert people == {"lan": (1, 0), "minh": (0, 1), "": (1, 1)}
    page = render_report(report, "html", "vi").decode("utf-8")
    assert "<td>không ghi nhận</td>" in page and "<td>lan</td>" in page


def test_targets_achieved_and_share(station: Path, quiet_glossary: Path) -> None:
    profile = StationProfile(
        time_zone="UTC", targets=Targets(episodes_en=4, minutes_en=10, khmer_items=2, clips=8)
    )
    report = build_report(station, date(2026, 1, 1), date(2026, 12, 31), station=profile)
    lines = {ln.key: (ln.achieved, ln.target, ln.share) for ln in report.lines_of_work}
    # tap-01: both clips complete in English in 2026 (tap-02 is not: a line is only reviewed)
    assert lines["episodes_en"] == (1, 4, 0.25)
    assert lines["minutes_en"] == (1.2, 10, 0.12)
    assert lines["khmer_items"] == (1, 2, 0.5)
    assert lines["clips"] == (2, 8, 0.25)  # intro (en) and river (en, km); the draft is not
    assert lines["bilingual"] == (2, 0, None)
    table = render_report(report, "md", "vi").decode("utf-8")
    assert (
        "| Phim tài liệu “Cà Mau - Đất và người” có phụ đề tiếng Anh | tập | 1 | 4 | 25,0 % |"
        in table
    )


def test_json_and_csv_carry_the_same_plan_figures(station: Path, quiet_glossary: Path) -> None:
    profile = StationProfile(time_zone="UTC", targets=Targets(clips=8))
    report = build_report(station, date(2026, 1, 1), date(2026, 12, 31), station=profile)
    data = json.loads(render_report(report, "json"))
    rows = list(csv.reader(io.StringIO(render_report(report, "csv").decode("utf-8-sig"))))
    csv_values = {(r[0], r[3]): r[4] for r in rows[1:]}
    for line in data["lines_of_work"]:
        assert float(csv_values[(f"line:{line['key']}", "achieved")]) == line["achieved"]
        assert float(csv_values[(f"line:{line['key']}", "target")]) == line["target"]
        share = csv_values[(f"line:{line['key']}", "share")]
        assert (float(share) if share else None) == line["share"]
    for person in data["people"]:
        assert int(csv_values[(f"person:{person['person']}", "translated")]) == person["translated"]
        assert int(csv_values[(f"person:{person['person']}", "approved")]) == person["approved"]
    for key, value in data["totals"].items():
        assert float(csv_values[("totals", key)]) == value
    for key in ("terms", "own_terms", "files_changed"):
        assert int(csv_values[("glossary", key)]) == data["glossary"][key]
    assert data["station"]["unit"] == "Báo và Đài Phát thanh - Truyền hình Cà Mau"


def test_qc_results_are_kept_per_clip_and_rechecked_after_an_edit(
    tmp_path: Path, quiet_glossary: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    projects = tmp_path / "projects"
    ep = new_episode(projects / "tap-01", "Tập 1", ["en"])
    ep.clip("a", [(0, 3000, "Rừng U Minh Hạ.")])
    ep.clip("b", [(0, 3000, "Đất Mũi.")])
    ep.translate("a", 1, "en", "The forest\nof\nU Minh Ha.", "2026-03-10T08:00:00+00:00")
    ep.translate("b", 1, "en", "Dat Mui.", "2026-03-10T08:00:00+00:00")
    first = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=UTC)
    assert first.qc_overridden.cues == 1 and cache_file().is_file()

    from ttdn_studio.report import qc_cache

    real = qc_cache.run_rows
    checked: list[str] = []

    def counting(ctx, rows, checks):  # type: ignore[no-untyped-def]
        checked.extend({r.clip for r in rows})
        return real(ctx, rows, checks)

    monkeypatch.setattr(qc_cache, "run_rows", counting)
    again = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=UTC)
    assert again.qc_overridden.cues == 1 and checked == []  # both clips read from the cache
    cue = ep.cue_ids["a"][0]
    ep.store.edit_translation(
        cue, "en", "The U Minh Ha forest.", expected_version=None, status=Status.APPROVED
    )
    ep.store.close()
    fixed = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=UTC)
    assert fixed.qc_overridden.cues == 0 and checked == ["a"]  # only the edited clip again


def test_a_damaged_qc_cache_file_is_ignored(tmp_path: Path, quiet_glossary: Path) -> None:
    projects = tmp_path / "projects"
    ep = new_episode(projects / "tap-01", "Tập 1", ["en"])
    ep.clip("a", [(0, 3000, "Rừng U Minh Hạ.")])
    ep.translate("a", 1, "en", "The forest\nof\nU Minh Ha.", "2026-03-10T08:00:00+00:00")
    ep.store.close()
    damaged = b"not a database" * 300
    cache_file().parent.mkdir(parents=True, exist_ok=True)
    cache_file().write_bytes(damaged)
    report = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=UTC)
    assert report.qc_overridden.available and report.qc_overridden.cues == 1  # QC simply ran
    assert cache_file().read_bytes() == damaged


def test_a_damaged_history_entry_does_not_change_the_dates(
    tmp_path: Path, quiet_glossary: Path
) -> None:
    projects = tmp_path / "projects"
    _approve_then_fix(projects / "tap-09")
    conn = sqlite3.connect(projects / "tap-09" / "project.db")
    with conn:
        conn.execute(
            "INSERT INTO history (at, author, action, changes) VALUES"
            " ('2026-08-01T00:00:00+00:00', 'x', 'broken', '[[\"translations\", \"approved\"')"
        )
    conn.close()
    report = build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=VIETNAM)
    months = {r.month: r.cues_approved for r in report.per_month if r.lang == "en"}
    assert months["2026-03"] == 1 and months["2026-06"] == 1 and months["2026-08"] == 0
    assert {p.person for p in report.people} == {"lan", "minh", ""}


def test_memory_growth_is_counted_in_the_station_time_zone(
    station: Path, quiet_glossary: Path
) -> None:
    from ttdn_studio.store.translation_memory import TranslationMemory

    with TranslationMemory() as tm:  # 20:00 UTC on 31 Jan is 03:00 on 1 Feb in Vietnam
        tm.add("Đất Mũi.", "Dat Mui.", "vi", "en", at="2026-01-31T20:00:00+00:00")
    vietnam = build_report(station, date(2026, 1, 1), date(2026, 12, 31), station=VIETNAM)
    utc = build_report(station, date(2026, 1, 1), date(2026, 12, 31), station=UTC)
    assert vietnam.tm_growth.by_month["2026-02"] == 1 and vietnam.tm_growth.by_month["2026-01"] == 0
    assert utc.tm_growth.by_month["2026-01"] == 1


def test_approval_events_are_read_back_until_the_history_changes(
    tmp_path: Path, quiet_glossary: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Decoding each project's history is most of a report's time on a project seen before:
    the events are kept in the report's cache and read again only when an approval is
    added, undone or redone; the figures are those of a fresh reading every time."""
    from ttdn_studio.report import collect

    projects = tmp_path / "projects"
    ep = new_episode(projects / "tap-01", "Tập 1", ["en"])
    ep.clip("a", [(0, 3000, "Rừng U Minh Hạ."), (3000, 6000, "Đất Mũi.")])
    ep.store.author = "lan"
    ep.translate("a", 1, "en", "The U Minh Ha forest.", "2026-03-10T08:00:00+00:00")
    real = collect._approval_events
    decoded: list[str] = []

    def counting(db):  # type: ignore[no-untyped-def]
        decoded.append(db.path.parent.name)
        return real(db)

    monkeypatch.setattr(collect, "_approval_events", counting)

    def report():  # type: ignore[no-untyped-def]
        return build_report(projects, date(2026, 1, 1), date(2026, 12, 31), station=UTC)

    assert report().language("en").cues_approved == 1 and decoded == ["tap-01"]
    assert report().language("en").cues_approved == 1 and decoded == ["tap-01"]  # cached
    ep.store.author = "minh"
    ep.translate("a", 2, "en", "Dat Mui.", "2026-04-02T08:00:00+00:00")
    again = report()
    assert again.language("en").cues_approved == 2 and len(decoded) == 2
    assert {p.person: p.approved for p in again.people}["minh"] == 1
    ep.store.undo()  # the second approval undone: the cached events no longer hold
    undone = report()
    assert undone.language("en").cues_approved == 1 and len(decoded) == 3
    assert "minh" not in {p.person for p in undone.people if p.approved}
    ep.store.close()
