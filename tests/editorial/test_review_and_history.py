"""A cue's history, the review of what changed, and post-edit distance at approval."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.models import Origin, Status
from ttdn_studio.services import editorial, reviewing
from ttdn_studio.services.workflow import set_status
from ttdn_studio.store.editorial import post_edits


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def machine_draft(store, index: int, text: str) -> int:
    cue = store.cue_rows("intro")[index - 1].cue.id
    current = store.translation(cue, "en")
    store.edit_translation(
        cue,
        "en",
        text,
        expected_version=current.version,
        status=Status.MT,
        origin=Origin.mt("argos"),
    )
    return cue


def test_post_edit_distance_is_stored_at_approval(person) -> None:
    mt = person("machine")
    first = machine_draft(mt, 1, "Ca Mau has sea on three sides.")
    second = machine_draft(mt, 3, "The forest of mangrove Nam Can.")
    lan = person("lan")
    tr = lan.translation(second, "en")
    lan.edit_translation(second, "en", "The Nam Can mangroves.", expected_version=tr.version)
    set_status(lan, [first, second], "en", Status.APPROVED)
    found = {p.index: p for p in post_edits(lan.conn)}
    assert found[1].ratio == 0.0 and found[1].engine == "argos" and found[1].approved_by == "lan"
    expected = editorial.edit_ratio("The forest of mangrove Nam Can.", "The Nam Can mangroves.")
    assert found[3].ratio == pytest.approx(expected) and 0.3 < expected < 1
    assert 2 not in found  # no machine draft, no distance
    summary = reviewing.post_edit_summary(lan)
    assert [(c["clip"], c["lang"], c["cues"]) for c in summary["clips"]] == [("intro", "en", 2)]
    assert summary["engines"][0]["mean_ratio"] == pytest.approx(round(expected / 2, 3))
    code, out = run("postedit", str(lan.path))
    assert code == 0 and "en by argos:" in out and "over 2 cue(s)" in out
    from ttdn_studio.report import build_report

    today = date.today()
    report = build_report(lan.path.parent, date(today.year, 1, 1), date(today.year, 12, 31))
    (row,) = report.post_edit
    assert (row.lang, row.engine, row.cues) == ("en", "argos", 2)
    assert row.mean_ratio == pytest.approx(round(expected / 2, 3))


def test_cue_history_names_the_clip_and_cue_and_who_did_what(folder: Path, person) -> None:
    machine_draft(person("machine"), 2, "The East Sea is vast.")
    lan = person("lan")
    cue = lan.cue_rows("intro")[1].cue.id
    tr = lan.translation(cue, "en")
    lan.edit_translation(cue, "en", "The East Sea is wide.", expected_version=tr.version)
    set_status(person("minh"), [cue], "en", Status.APPROVED)
    events = reviewing.cue_history(lan, "intro", 2)
    assert [(e.author, e.field, e.new) for e in events if e.lang == "en"] == [
        ("tester", "created (import, draft)", "The South China Sea is vast."),
        ("machine", "text", "The East Sea is vast."),
        ("machine", "status", "mt"),
        ("lan", "text", "The East Sea is wide."),
        ("lan", "status", "draft"),
        ("minh", "status", "approved"),
    ]
    code, out = run("history", str(folder), "--clip", "intro", "--cue", "2")
    assert code == 0, out
    assert out.splitlines()[0] == "intro cue 2:"
    assert "machine      en text: 'The South China Sea is vast.' → 'The East Sea is vast.'" in out
    assert "minh         en status: 'draft' → 'approved'" in out
    code, out = run("history", str(folder), "--cue", "9", "--clip", "intro")
    assert code == 1 and "has no cue 9" in out


def test_review_since_approval_and_since_a_date_marks_changed_words(folder: Path, person) -> None:
    minh = person("minh")
    ids = [r.cue.id for r in minh.cue_rows("intro")]
    set_status(minh, ids, "en", Status.APPROVED)
    assert reviewing.review(minh, since_approval=True) == []
    lan = person("lan")
    tr = lan.translation(ids[1], "en")
    lan.edit_translation(ids[1], "en", "The East Sea is vast.", expected_version=tr.version)
    (changed,) = reviewing.review(minh, since_approval=True)
    assert (changed.clip, changed.index, changed.lang, changed.by) == ("intro", 2, "en", "lan")
    assert changed.old == "The South China Sea is vast."
    assert changed.marked == "The [-South China-]{+East+} Sea is vast."
    since_2000 = reviewing.review(minh, since="2000-01-01")  # the import counts as a change
    assert [(c.index, c.old) for c in since_2000] == [
        (1, ""),
        (2, ""),
        (3, ""),
    ]
    assert reviewing.review(minh, since="2999-01-01") == []
    with pytest.raises(Exception, match="choose one of"):
        reviewing.review(minh)
    code, out = run("review", str(folder), "--since-approval", "--json")
    assert code == 0, out
    assert json.loads(out)[0]["marked"] == "The [-South China-]{+East+} Sea is vast."
    code, out = run("--as", "minh", "review", str(folder), "--since-approval", "--approve")
    assert code == 0 and "Approved 1 cue(s) in en" in out
    assert reviewing.review(minh, since_approval=True) == []


def test_notes_assign_mine_and_roles_through_the_cli(folder: Path, tmp_path: Path) -> None:
    p = str(folder)
    assert run("--as", "hung", "people", "role", p, "hung", "chief-editor")[0] == 0
    assert run("--as", "hung", "people", "role", p, "lan", "translator")[0] == 0
    code, out = run("--as", "lan", "people", "role", p, "lan", "chief-editor")
    assert code == 1 and "only a chief editor may set roles" in out
    code, out = run("people", "role", p, "--json")
    assert json.loads(out) == {"roles": {"hung": "chief", "lan": "translator"}}
    assert run("--as", "hung", "assign", p, "lan", "--clip", "intro", "--lang", "en")[0] == 0
    code, out = run("--as", "lan", "mine", p, "--json")
    assert json.loads(out)["to_translate"] == {"intro (en)": 3}
    code, out = run("assign", p)
    assert "intro (en): lan          0/3 done, 0/3 approved" in out
    code, out = run(
        "--as",
        "lan",
        "notes",
        p,
        "--add",
        "Sea name?",
        "--clip",
        "intro",
        "--cue",
        "2",
        "--lang",
        "en",
    )
    assert code == 0 and "Note 1 added by lan" in out
    code, out = run("notes", p, "--open")
    assert "#1  intro cue 2 (en)  lan" in out and "Sea name?" in out
    assert run("--as", "hung", "notes", p, "--resolve", "1")[0] == 0
    assert "no open notes" in run("notes", p, "--open")[1]
    sheet = tmp_path / "sheet.docx"
    code, out = run("notes", p, "--export", str(sheet))
    assert code == 0 and sheet.is_file()
    code, out = run("notes", p, "--export", str(tmp_path / "sheet.pdf"))
    assert code == 1 and "a review sheet is .csv or .docx" in out
    code, out = run("gate", p, "--lang", "en")
    assert "intro (en): not cleared" in out and "cue 2:" in out and "[OPEN]" in out
    code, out = run("--as", "lan", "gate", p, "--qc-errors", "on")
    assert code == 1 and "only a chief editor may clear" in out
    code, out = run("--as", "hung", "gate", p, "--qc-errors", "on", "--lang", "en")
    assert code == 0 and "QC errors now also gate air" in out


@pytest.mark.parametrize("zone", ["Asia/Ho_Chi_Minh", "America/New_York"])
def test_history_shows_times_on_the_station_clock(folder: Path, person, zone: str) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from ttdn_studio.models.station import StationProfile, station_toml

    machine_draft(person("machine"), 2, "The East Sea is vast.")
    (folder.parent / "station.toml").write_text(
        station_toml(StationProfile(time_zone=zone)), encoding="utf-8"
    )
    code, out = run("history", str(folder), "--limit", "1", "--json")
    assert code == 0, out
    stored = json.loads(out)[0]["at"]
    local = datetime.fromisoformat(stored).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
    code, out = run("history", str(folder), "--limit", "1")
    assert code == 0, out
    assert out.startswith(f"{local}  machine")
    code, out = run("history", str(folder), "--clip", "intro", "--cue", "2")
    assert f"{local}  machine      en text:" in out


def station_in(folder: Path, zone: str) -> None:
    """The station profile beside the project (its projects folder), in ``zone``."""
    from ttdn_studio.models.station import StationProfile, station_toml

    (folder.parent / "station.toml").write_text(
        station_toml(StationProfile(time_zone=zone)), encoding="utf-8"
    )


@pytest.fixture
def imported_in_november(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project of ``folder``, its script imported on 1 November."""
    from three_cues import three_cue_project

    path = tmp_path / "november" / "episode"
    path.parent.mkdir()
    with monkeypatch.context() as m:
        m.setattr("ttdn_studio.store.project_store.now_iso", lambda: "2026-11-01T02:00:00+00:00")
        store = three_cue_project(path)
        store.close()
    return path


def edit_at(store, monkeypatch, index: int, text: str, at: str) -> None:  # type: ignore[no-untyped-def]
    """Lan retypes cue ``index`` at the stored (UTC) time ``at``."""
    monkeypatch.setattr("ttdn_studio.store.project_store.now_iso", lambda: at)
    cue = store.cue_rows("intro")[index - 1].cue.id
    tr = store.translation(cue, "en")
    store.edit_translation(cue, "en", text, expected_version=tr.version)
    monkeypatch.undo()


@pytest.mark.parametrize(
    ("zone", "since", "listed"),
    [
        # 2026-12-03 00:00 at a UTC+7 station is 2026-12-02 17:00 UTC
        ("Asia/Ho_Chi_Minh", "2026-12-03", [2, 3]),
        ("Asia/Ho_Chi_Minh", "2026-12-03 00:45", [3]),
        # a station behind UTC: the evening of the 2nd, there, is the 3rd in UTC
        ("America/New_York", "2026-12-03", []),
        ("America/New_York", "2026-12-02 12:00", [2, 3]),
        ("Asia/Ho_Chi_Minh", "2026-12-02T18:00+00:00", [3]),  # an explicit offset is kept
    ],
)
def test_review_since_a_date_means_midnight_on_the_station_clock(
    imported_in_november: Path,
    monkeypatch: pytest.MonkeyPatch,
    zone: str,
    since: str,
    listed: list[int],
) -> None:
    from ttdn_studio.store import open_project

    folder = imported_in_november
    lan = open_project(folder)
    edit_at(
        lan, monkeypatch, 1, "Ca Mau faces the sea on three sides.", "2026-12-02T16:30:00+00:00"
    )
    edit_at(lan, monkeypatch, 2, "The East Sea is vast.", "2026-12-02T17:30:00+00:00")
    edit_at(lan, monkeypatch, 3, "The mangroves of Nam Can.", "2026-12-03T04:30:00+00:00")
    lan.close()
    station_in(folder, zone)
    code, out = run("review", str(folder), "--since", since, "--json")
    assert code == 0, out
    assert [item["cue"] for item in json.loads(out)] == listed


def test_review_since_a_bad_date_is_one_clear_line(folder: Path) -> None:
    code, out = run("review", str(folder), "--since", "3/12/2026")
    assert code == 1 and "“3/12/2026” is not a date (YYYY-MM-DD" in out and "Traceback" not in out


def test_notes_and_their_review_sheet_show_the_station_clock(
    folder: Path, person, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import csv

    station_in(folder, "Asia/Ho_Chi_Minh")
    lan = person("lan")
    monkeypatch.setattr("ttdn_studio.store.editorial.now_iso", lambda: "2026-12-02T17:30:00+00:00")
    reviewing.add_note(lan, "intro", 2, "en", "East Sea, not South China Sea")
    monkeypatch.undo()
    code, out = run("notes", str(folder))
    assert code == 0 and "lan, 2026-12-03 00:30  [open]" in out
    sheet = tmp_path / "sheet.csv"
    code, out = run("notes", str(folder), "--export", str(sheet))
    assert code == 0, out
    (row,) = csv.DictReader(sheet.read_text(encoding="utf-8-sig").splitlines())
    assert row["time"] == "2026-12-03 00:30"
    code, out = run("notes", str(folder), "--json")
    assert json.loads(out)[0]["time"] == "2026-12-02T17:30:00+00:00"  # JSON: as stored


def test_review_exports_the_listed_cues_as_a_review_sheet(
    imported_in_november: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import csv

    from ttdn_studio.store import open_project

    folder = imported_in_november
    with open_project(folder) as lan:
        edit_at(lan, monkeypatch, 2, "The East Sea is vast.", "2026-12-02T17:30:00+00:00")
    sheet = tmp_path / "changes.csv"
    code, out = run("review", str(folder), "--since", "2026-12-01", "--export", str(sheet))
    assert code == 0, out
    assert f"Review sheet with 1 cue(s): {sheet}" in out
    (row,) = csv.DictReader(sheet.read_text(encoding="utf-8-sig").splitlines())
    assert (row["cue"], row["source"], row["before"], row["now"]) == (
        "2",
        "Biển Đông rộng lớn.",
        "The sea.",
        "The East Sea is vast.",
    )
    code, out = run(
        "review", str(folder), "--since", "2026-12-01", "--export", str(tmp_path / "x.pdf")
    )
    assert code == 1 and "a review sheet is .csv or .docx" in out


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2026-12-03T02:30:00+00:00", "2026-12-02 21:30"),  # as stored: UTC with its offset
        ("2026-12-03T02:30:00", "2026-12-02 21:30"),  # no offset (an older file): UTC too
        ("2026-12-03T09:30:00+07:00", "2026-12-02 21:30"),  # another offset is kept
        ("not a time", "not a time"),
    ],
)
def test_the_cli_and_the_desk_read_a_stored_time_alike(stamp: str, shown: str) -> None:
    from zoneinfo import ZoneInfo

    from ttdn_studio.models.station import StationProfile
    from ttdn_studio.tui.format import local_time

    station = StationProfile(time_zone="America/New_York")
    assert station.local_time(stamp) == shown
    assert local_time(stamp, ZoneInfo("America/New_York")) == shown
    assert local_time(stamp, ZoneInfo("America/New_York"), short=True) == (
        shown[5:] if shown[0].isdigit() else shown
    )


def test_gate_shows_sign_off_and_clearance_times_on_the_station_clock(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = "2026-12-03T02:30:00+00:00"  # 21:30 on the 2nd in New York
    station_in(folder, "America/New_York")
    p = str(folder)
    assert run("--as", "hung", "people", "role", p, "hung", "chief-editor")[0] == 0
    code, out = run("gate", p, "--lang", "en")
    assert "intro (en): not cleared" in out and "[OPEN]" in out and " at " not in out
    monkeypatch.setattr("ttdn_studio.store.editorial.now_iso", lambda: late)
    code, out = run(
        "--as", "hung", "signoff", p, "--cue", "2", "--lang", "en", "--reason", "agreed"
    )
    assert code == 0, out
    code, out = run("--as", "hung", "clear", p, "--lang", "en")
    assert code == 0, out
    code, out = run("gate", p, "--lang", "en")
    assert "intro (en): cleared by hung at 2026-12-02 21:30" in out
    assert "[signed off by hung at 2026-12-02 21:30]" in out
    code, out = run("gate", p, "--lang", "en", "--json")  # JSON keeps the stored (UTC) times
    data = json.loads(out)[0]
    assert data["cleared_at"] == late
    assert [f["signed_off_at"] for f in data["findings"]] == [late]
