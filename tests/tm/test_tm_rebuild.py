"""``ttdn tm rebuild``: the memory is made whole again from approved cues."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.models import Project
from ttdn_studio.services.demo import load_source
from ttdn_studio.services.workflow import seed_from_demo, set_status
from ttdn_studio.store import NewCue, create_project
from ttdn_studio.store.translation_memory import TranslationMemory


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def make_project(name: str, pairs: list[tuple[str, str]], approve: int) -> Path:
    store = create_project(
        locations.projects_dir() / name, Project(title=name, target_langs=["en", "km"])
    )
    store.add_clip("main")
    store.add_cues(
        "main", [NewCue(i * 2000, i * 2000 + 1500, s, {"en": t}) for i, (s, t) in enumerate(pairs)]
    )
    ids = [r.cue.id for r in store.cue_rows()][:approve]
    if ids:
        set_status(store, ids, "en", "approved")
    store.close()
    return store.path


DEMO_TITLE = load_source().project.title


def demo_segments(tmp_path: Path) -> int:
    with TranslationMemory(tmp_path / "demo-only.sqlite") as memory:
        seeded = seed_from_demo(memory)
    assert seeded > 10
    return seeded


def test_rebuild_restores_a_lost_memory_from_every_project(tmp_path: Path) -> None:
    first = make_project("tap-1", [("Đất Mũi", "Dat Mui"), ("Hòn Khoai", "Hon Khoai Island")], 2)
    make_project("tap-2", [("Rạch Gốc", "Rach Goc"), ("Năm Căn", "Nam Can")], 1)
    with TranslationMemory() as memory:
        assert memory.count() == 3
    for suffix in ("", "-wal", "-shm"):
        Path(str(locations.tm_file()) + suffix).unlink(missing_ok=True)  # the memory is lost

    code, out, err = run("tm", "rebuild", "--check")
    assert code == 1 and "tap-1: 2 approved, 2 missing from the memory" in out

    code, out, err = run("tm", "rebuild")
    assert code == 0, err
    assert "tap-1: 2 approved, 2 added to the memory" in out
    assert "tap-2: 1 approved, 1 added to the memory" in out
    with TranslationMemory() as memory:
        # the memory was made anew, so it also holds the demo's approved cues
        assert memory.count() == 3 + demo_segments(tmp_path)
        assert {u.project for u in memory.units()} == {"tap-1", "tap-2", DEMO_TITLE}
        assert memory.exact("Năm Căn", "vi", "en") is None  # never approved
        assert memory.exact("Rạch Gốc", "vi", "en").target == "Rach Goc"  # type: ignore[union-attr]

    code, out, _ = run("tm", "rebuild", str(first), "--check", "--json")
    assert code == 0 and json.loads(out)["missing"] == 0
    code, out, _ = run("tm", "rebuild", str(first))
    assert "2 approved, 0 added" in out


def test_rebuild_skips_a_damaged_project_with_a_warning(tmp_path: Path) -> None:
    good = make_project("tap-1", [("Đất Mũi", "Dat Mui")], 1)
    broken = locations.projects_dir() / "hong"
    shutil.copytree(good, broken)
    (broken / "project.db").write_bytes(b"not a database" * 100)
    code, out, err = run("tm", "rebuild")
    assert code == 0
    assert "warning: skipped" in err and "hong" in err and "Traceback" not in err
    assert "tap-1: 1 approved" in out


def test_rebuild_of_a_named_missing_project_fails_clearly(tmp_path: Path) -> None:
    good = make_project("tap-1", [("Đất Mũi", "Dat Mui")], 1)
    code, out, err = run("tm", "rebuild", str(good), str(tmp_path / "khong-co"))
    assert code == 1 and "khong-co" in err and "Traceback" not in err
    assert "tap-1: 1 approved" in out
