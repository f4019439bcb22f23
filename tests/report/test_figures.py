"""Every figure of the report over a projects folder built with known content and dates."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.report import build_report, summary_lines
from ttdn_studio.store.translation_memory import TranslationMemory

# (month, lang) -> (minutes, cues_approved, clips_rendered); every other month is zero.
MONTHS_2026 = {
    ("2026-01", "km"): (1.0, 1, 0),
    ("2026-03", "en"): (0.0, 2, 0),
    ("2026-03", "km"): (0.0, 2, 0),
    ("2026-04", "en"): (0.2, 1, 1),
    ("2026-05", "en"): (1.0, 2, 1),
    ("2026-05", "km"): (0.0, 0, 1),
    ("2026-12", "en"): (0.0, 1, 0),
}
TOTALS_2026 = {
    "projects_scanned": 4,
    "projects_skipped": 1,
    "episodes": 2,
    "clips_total": 3,
    "clips": 2,
    "minutes_subtitled": 2.2,
    "cues_approved": 9,
    "clips_rendered": 2,
    "draft_renders": 1,
}
LANGUAGES_2026 = {
    "en": {"minutes": 1.2, "clips_subtitled": 2, "cues_approved": 6, "clips_rendered": 2},
    "km": {"minutes": 1.0, "clips_subtitled": 1, "cues_approved": 3, "clips_rendered": 1},
}
RENDERS_2026 = [("en", "air", 1), ("en", "web", 1), ("km", "air", 1)]
TERMS_2026 = [("Đất Mũi", "Dat Mui", 3), ("Năm Căn", "Nam Can", 2), ("U Minh Hạ", "U Minh Ha", 1)]
PROJECTS_2026 = {
    "tap-01": {
        "clips_total": 2,
        "clips_produced": 2,
        "clips_rendered": 2,
        "minutes": {"en": 1.2, "km": 1.0},
        "cues_approved": {"en": 5, "km": 3},
    },
    "tap-02": {
        "clips_total": 1,
        "clips_produced": 0,
        "clips_rendered": 0,
        "minutes": {"en": 0.0},
        "cues_approved": {"en": 1},
    },
    "tap-03": {
        "clips_total": 1,
        "clips_produced": 0,
        "clips_rendered": 0,
        "minutes": {"en": 0.0, "km": 0.0},
        "cues_approved": {"en": 0, "km": 0},
    },
}


@pytest.fixture
def projects(station: Path) -> Path:
    return station


@pytest.fixture
def tm_entries() -> None:
    """Two memory entries added in February 2026, one in 2025."""
    with TranslationMemory() as tm:
        tm.add("Đất Mũi.", "Dat Mui.", "vi", "en", at="2026-02-03T08:00:00+00:00")
        tm.add("Năm Căn.", "Nam Can.", "vi", "en", at="2026-02-20T08:00:00+00:00")
        tm.add("Rừng.", "Forest.", "vi", "en", at="2025-07-01T08:00:00+00:00")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_json_holds_every_figure(
    projects: Path, tmp_path: Path, quiet_glossary: Path, tm_entries: None
) -> None:
    code, out, err = run(projects, "--year", "2026", "-o", tmp_path / "r.json")
    assert code == 0, err
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["period"] == {"start": "2026-01-01", "end": "2026-12-31", "tz": "UTC"}
    assert data["languages"] == ["en", "km"]
    assert data["totals"] == TOTALS_2026
    assert {
        f["lang"]: {k: v for k, v in f.items() if k != "lang"} for f in data["per_language"]
    } == LANGUAGES_2026
    expected_months = [
        {
            "month": f"2026-{m:02d}",
            "lang": lang,
            **dict(
                zip(
                    ("minutes", "cues_approved", "clips_rendered"),
                    MONTHS_2026.get((f"2026-{m:02d}", lang), (0.0, 0, 0)),
                    strict=True,
                )
            ),
        }
        for m in range(1, 13)
        for lang in ("en", "km")
    ]
    assert data["per_month"] == expected_months
    assert [(r["lang"], r["preset"], r["count"]) for r in data["renders"]] == RENDERS_2026
    assert data["qc_overridden"] == {
        "available": True,
        "cues": 1,
        "approved": 9,
        "share": round(1 / 9, 4),
        "note": "",
    }
    assert [(t["vi"], t["en"], t["count"]) for t in data["top_terms"]] == TERMS_2026
    tm = data["tm_growth"]
    assert (tm["available"], tm["total"], tm["added"]) == (True, 3, 2)
    assert tm["by_month"] == {f"2026-{m:02d}": 2 if m == 2 else 0 for m in range(1, 13)}
    assert {
        p["folder"]: {k: p[k] for k in PROJECTS_2026["tap-01"]} for p in data["projects"]
    } == PROJECTS_2026
    assert len(data["warnings"]) == 1 and "hong" in data["warnings"][0]
    assert "warning: skipped hong" in err
    assert "Năm 2026: 2 tập, 2/3 clip hoàn thành, 2 bản giao" in out


def test_csv_holds_every_figure(
    projects: Path, tmp_path: Path, quiet_glossary: Path, tm_entries: None
) -> None:
    code, _, err = run(projects, "--year", "2026", "-o", tmp_path / "r.csv")
    assert code == 0, err
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "month", "lang", "metric", "value"]
    keys = [(s, m, lang, metric) for s, m, lang, metric, _ in rows[1:]]
    assert len(set(keys)) == len(keys)  # no figure twice
    plan = ("line:", "person:", "glossary")  # compared with the JSON in test_plan_figures
    got = {
        (s, m, lang, metric): float(v)
        for s, m, lang, metric, v in rows[1:]
        if not s.startswith(plan)
    }
    expected: dict[tuple[str, str, str, str], float] = {}
    expected.update({("totals", "", "", k): v for k, v in TOTALS_2026.items()})
    for lang, figures in LANGUAGES_2026.items():
        expected.update({("language", "", lang, k): v for k, v in figures.items()})
    for m in range(1, 13):
        for lang in ("en", "km"):
            values = MONTHS_2026.get((f"2026-{m:02d}", lang), (0.0, 0, 0))
            for metric, v in zip(
                ("minutes", "cues_approved", "clips_rendered"), values, strict=True
            ):
                expected[("month", f"2026-{m:02d}", lang, metric)] = v
    for folder, fig in PROJECTS_2026.items():
        section = f"project:{folder}"
        for key in ("clips_total", "clips_produced", "clips_rendered"):
            expected[(section, "", "", key)] = fig[key]  # type: ignore[assignment]
        for key in ("minutes", "cues_approved"):
            for lang, v in fig[key].items():  # type: ignore[attr-defined]
                expected[(section, "", lang, key)] = v
    expected.update(
        {("renders", "", lang, f"clips_rendered:{p}"): n for lang, p, n in RENDERS_2026}
    )
    expected.update(
        {
            ("qc", "", "", "available"): 1,
            ("qc", "", "", "cues_overridden"): 1,
            ("qc", "", "", "cues_approved"): 9,
            ("qc", "", "", "share"): round(1 / 9, 4),
        }
    )
    expected.update({("terms", "", "vi", vi): n for vi, _, n in TERMS_2026})
    expected.update(
        {("tm", f"2026-{m:02d}", "", "entries_added"): 2 if m == 2 else 0 for m in range(1, 13)}
    )
    expected.update(
        {
            ("tm", "", "", "available"): 1,
            ("tm", "", "", "entries_added"): 2,
            ("tm", "", "", "entries_total"): 3,
        }
    )
    assert got == expected


@pytest.mark.parametrize(
    ("args", "cues", "minutes", "renders"),
    [
        (["--year", "2025"], {"en": 2, "km": 1}, {"en": 1.0, "km": 0.0}, {"en": 1, "km": 0}),
        (
            ["--from", "2025-12-31", "--to", "2025-12-31"],
            {"en": 0, "km": 1},
            {"en": 0.0, "km": 0.0},
            {"en": 1, "km": 0},
        ),
        (
            ["--from", "2026-01-01", "--to", "2026-01-01"],
            {"en": 0, "km": 1},
            {"en": 0.0, "km": 1.0},
            {"en": 0, "km": 0},
        ),
        (
            ["--from", "2026-12-31", "--to", "2027-01-31"],
            {"en": 1, "km": 0},
            {"en": 0.0, "km": 0.0},
            {"en": 0, "km": 0},
        ),
        (
            ["--from", "2027-01-01", "--to", "2027-12-31"],
            {"en": 0, "km": 0},
            {"en": 0.0, "km": 0.0},
            {"en": 0, "km": 0},
        ),
    ],
)
def test_period_boundaries(
    projects: Path,
    tmp_path: Path,
    quiet_glossary: Path,
    args: list[str],
    cues: dict[str, int],
    minutes: dict[str, float],
    renders: dict[str, int],
) -> None:
    code, _, err = run(projects, *args, "-o", tmp_path / "r.json")
    assert code == 0, err
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    per_lang = {f["lang"]: f for f in data["per_language"]}
    assert {lang: per_lang[lang]["cues_approved"] for lang in cues} == cues
    assert {lang: per_lang[lang]["minutes"] for lang in minutes} == minutes
    assert {lang: per_lang[lang]["clips_rendered"] for lang in renders} == renders


def test_months_of_a_custom_period(projects: Path, quiet_glossary: Path) -> None:
    report = build_report(projects, date(2025, 12, 31), date(2026, 1, 1))
    assert [(r.month, r.lang, r.cues_approved) for r in report.per_month] == [
        ("2025-12", "en", 0),
        ("2025-12", "km", 1),
        ("2026-01", "en", 0),
        ("2026-01", "km", 1),
    ]
    assert not report.period.is_calendar_year


def test_summary_lines_for_the_projects_screen(projects: Path, quiet_glossary: Path) -> None:
    report = build_report(projects, date(2026, 1, 1), date(2026, 12, 31))
    assert summary_lines(report) == [
        "Năm 2026: 2 tập, 2/3 clip hoàn thành, 2 bản giao",
        "Tiếng Anh: 1,2 phút, 6 câu phụ đề đã duyệt",
        "Tiếng Khmer: 1,0 phút, 3 câu phụ đề đã duyệt",
        "Số dự án bỏ qua (lỗi): 1",
    ]
    assert summary_lines(report, "en")[:2] == [
        "2026: 2 episodes, 2/3 clips finished, 2 delivered",
        "English: 1.2 min, 6 subtitle lines approved",
    ]
