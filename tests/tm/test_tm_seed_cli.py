"""A fresh install answers the README's lookup; concordance search; rebuild from a projects folder."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.models import Project
from ttdn_studio.services.workflow import set_status
from ttdn_studio.store import NewCue, create_project
from ttdn_studio.store.translation_memory import TranslationMemory


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_readme_lookup_answers_on_a_fresh_install() -> None:
    assert not locations.tm_file().exists()
    code, out, err = run("tm", "lookup", "Rừng đước Năm Căn", "--src", "vi", "--tgt", "en")
    assert code == 0, err
    assert "No match" not in out
    assert "Năm Căn" in out and "mangrove" in out.lower()
    code, out, _ = run("tm", "lookup", "Rừng đước Năm Căn", "--json")
    data = json.loads(out)
    assert data["containing"] and all(
        "năm căn" in m["source"].lower() and "rừng đước" in m["source"].lower()
        for m in data["containing"]
    )


def test_the_demo_seeds_only_a_new_memory() -> None:
    with TranslationMemory() as memory:
        memory.add("Một.", "One.", "vi", "en")
    code, out, _ = run("tm", "stats", "--json")
    assert code == 0 and json.loads(out)["total"] == 1


def test_search_finds_pairs_containing_the_text_whatever_the_tone_placement() -> None:
    code, out, err = run("tm", "search", "Cà Mau", "--json")
    assert code == 0, err
    matches = json.loads(out)["matches"]
    assert matches and all("cà mau" in m["source"].lower() for m in matches)
    with TranslationMemory() as memory:
        memory.add("Ban Thường vụ Tỉnh ủy họp.", "The Standing Board met.", "vi", "en")
    code, out, _ = run("tm", "search", "TỈNH UỶ")
    assert code == 0 and "The Standing Board met." in out
    code, out, _ = run("tm", "search", "không hề có")
    assert code == 0 and "No stored pair contains" in out


def test_rebuild_takes_a_folder_of_projects(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    for name, (src, tgt) in {"a": ("Đất Mũi", "Dat Mui"), "b": ("Hòn Khoai", "Hon Khoai")}.items():
        store = create_project(folder / name, Project(title=name, target_langs=["en"]))
        store.add_clip("main")
        store.add_cues("main", [NewCue(0, 1000, src, {"en": tgt})])
        set_status(store, [store.cue_rows()[0].cue.id], "en", "approved", tm=_scratch(tmp_path))
        store.close()
    (folder / "not-a-project").mkdir()
    code, out, err = run("tm", "rebuild", str(folder))
    assert code == 0, err
    assert f"{folder / 'a'}: 1 approved, 1 added" in out
    assert f"{folder / 'b'}: 1 approved, 1 added" in out
    with TranslationMemory() as memory:
        assert memory.exact("hòn khoai", "vi", "en").target == "Hon Khoai"  # type: ignore[union-attr]


def _scratch(tmp_path: Path) -> TranslationMemory:
    return TranslationMemory(tmp_path / "scratch.sqlite")
