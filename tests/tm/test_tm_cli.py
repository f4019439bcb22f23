"""``ttdn tm`` and ``ttdn status``: exit codes, effects and JSON shapes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.models import Status
from ttdn_studio.store import NewCue, ProjectStore, open_project
from ttdn_studio.store.translation_memory import TranslationMemory
from ttdn_studio.tm import TmUnit, export_tmx


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ep(store: ProjectStore) -> Path:
    store.add_cues(
        "main",
        [
            NewCue(0, 1000, "Đất Mũi", {"en": "Dat Mui"}),
            NewCue(1500, 2500, "Hòn Khoai", {"en": "Hon Khoai Island"}),
            NewCue(3000, 4000, "Hòn Chuối", {"en": "Hon Chuoi Island"}),
            NewCue(4500, 5500, "Rạch Gốc"),
        ],
    )
    store.close()
    return store.path


def statuses(project: Path, lang: str = "en") -> list[str]:
    return [str(r.status(lang)) for r in open_project(project).cue_rows()]


def test_status_set_with_ranges_and_json(ep: Path) -> None:
    code, out, _ = run(
        "status", str(ep), "--lang", "en", "--set", "approved", "--cues", "1,3", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["changed"] == 2 and data["status"] == "approved" and data["lang"] == "en"
    assert [(c["clip"], c["index"]) for c in data["cues"]] == [("main", 1), ("main", 3)]
    assert statuses(ep) == ["approved", "draft", "approved", "empty"]
    with TranslationMemory() as tm:
        assert tm.exact("đất mũi", "vi", "en").target == "Dat Mui"  # type: ignore[union-attr]
    code, out, _ = run("undo", str(ep))
    assert code == 0 and statuses(ep) == ["draft", "draft", "draft", "empty"]


def test_status_all_skips_empty_cues(ep: Path) -> None:
    code, out, _ = run("status", str(ep), "--lang", "en", "--set", "reviewed", "--all")
    assert code == 0 and "Marked 3" in out
    assert statuses(ep) == ["reviewed", "reviewed", "reviewed", "empty"]


def test_status_counts_without_set(ep: Path) -> None:
    code, out, _ = run("status", str(ep), "--lang", "en", "--json")
    assert code == 0
    assert json.loads(out) == {
        "lang": "en",
        "total": 4,
        "counts": {"empty": 1, "mt": 0, "draft": 3, "reviewed": 0, "approved": 0},
    }


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--set", "approved", "--cues", "4"], 1, "has no en text"),
        (["--set", "approved", "--cues", "9"], 1, "has no cue 9"),
        (["--set", "approved", "--cues", "1", "--clip", "other"], 1, "no clip named"),
        (["--set", "approved"], 2, "--cues LIST or --all"),
        (["--set", "approved", "--cues", "1", "--all"], 2, "--cues LIST or --all"),
        (["--set", "approved", "--cues", "x-y"], 2, "not a cue number"),
        (["--set", "done", "--all"], 2, "done"),
    ],
)
def test_status_errors(ep: Path, args: list[str], code: int, words: str) -> None:
    got, _, err = run("status", str(ep), "--lang", "en", *args)
    assert got == code and words in err
    assert statuses(ep) == ["draft", "draft", "draft", "empty"]


def test_status_needs_a_target_language_and_a_project(ep: Path, tmp_path: Path) -> None:
    code, _, err = run("status", str(ep), "--lang", "vi", "--set", "approved", "--all")
    assert code == 1 and "language 'vi'" in err
    code, _, err = run("status", str(tmp_path / "nope"), "--lang", "en")
    assert code == 1 and "no such project" in err
    assert run("status", str(ep))[0] == 2  # --lang missing


def test_status_on_a_clip_of_several(ep: Path) -> None:
    store = open_project(ep)
    store.add_clip("part2")
    store.add_cues("part2", [NewCue(0, 1000, "Khai Long", {"en": "Khai Long"})])
    code, _, err = run("status", str(ep), "--lang", "en", "--set", "approved", "--cues", "1")
    assert code == 1 and "several clips" in err
    code, _, _ = run(
        "status", str(ep), "--lang", "en", "--set", "approved", "--cues", "1", "--clip", "part2"
    )
    assert code == 0
    rows = open_project(ep).cue_rows("part2")
    assert rows[0].status("en") == Status.APPROVED
    assert statuses(ep)[:4] == ["draft", "draft", "draft", "empty"]


def test_tm_import_lookup_stats_export(tmp_path: Path) -> None:
    source = tmp_path / "in.tmx"
    with TranslationMemory(tmp_path / "other.sqlite") as other:
        other.add_many(
            [
                TmUnit("Rừng đước Năm Căn", "Nam Can mangrove forest", "vi", "en", "ep"),
                TmUnit("Mật ong U Minh", "U Minh honey", "vi", "en"),
                TmUnit("Mật ong U Minh", "ទឹកឃ្មុំ U Minh", "vi", "km"),
            ]
        )
        export_tmx(other, source)
    code, out, _ = run("tm", "import", str(source), "--json")
    assert code == 0 and json.loads(out) == {"file": str(source), "units": 3, "added": 3}

    code, out, _ = run("tm", "lookup", "Rừng đước Năm Căn.", "--src", "vi", "--tgt", "en", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is None
    assert (
        data["fuzzy"][0]["target"] == "Nam Can mangrove forest"
        and 90 <= data["fuzzy"][0]["score"] < 100
    )
    assert set(data["fuzzy"][0]) == {
        "source",
        "target",
        "score",
        "project",
        "created_at",
        "src_lang",
        "tgt_lang",
    }
    code, out, _ = run("tm", "lookup", "mật ong u minh", "--tgt", "km", "--json")
    assert json.loads(out)["exact"]["target"] == "ទឹកឃ្មុំ U Minh"
    code, out, _ = run("tm", "lookup", "Không có gì giống", "--json")
    assert code == 0 and json.loads(out) == {"exact": None, "fuzzy": [], "containing": []}

    code, out, _ = run("tm", "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["total"] == 3
    assert stats["pairs"] == [
        {"src": "vi", "tgt": "en", "units": 2},
        {"src": "vi", "tgt": "km", "units": 1},
    ]

    out_file = tmp_path / "en.tmx"
    code, out, _ = run("tm", "export", str(out_file), "--src", "vi", "--tgt", "en", "--json")
    assert code == 0 and json.loads(out) == {"file": str(out_file), "units": 2}
    assert "ទឹកឃ្មុំ" not in out_file.read_text(encoding="utf-8")


def test_tm_errors(tmp_path: Path) -> None:
    code, _, err = run("tm", "import", str(tmp_path / "missing.tmx"))
    assert code == 1 and "missing.tmx" in err
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body>", encoding="utf-8")
    code, _, err = run("tm", "import", str(bad))
    assert code == 1 and "bad.tmx" in err
    assert run("tm", "lookup")[0] == 2
    assert run("tm", "lookup", "x", "--min-score", "300")[0] == 2


def test_tm_export_to_standard_output_and_never_over_a_pipe(tmp_path: Path) -> None:
    with TranslationMemory() as memory:
        memory.add("Đất Mũi", "Dat Mui", "vi", "en")
    code, out, err = run("tm", "export", "-")
    assert code == 0, err
    assert out.startswith("<?xml") and "Dat Mui" in out and "Wrote" not in out
    fifo = tmp_path / "memory.tmx"
    os.mkfifo(fifo)
    code, out, err = run("tm", "export", str(fifo))
    assert code == 2 and "named pipe" in err and "Traceback" not in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
