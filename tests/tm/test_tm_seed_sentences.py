"""Seeding a new memory from the demo stores what ``ttdn tm rebuild`` stores: sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

from ttdn_studio import locations
from ttdn_studio.services.demo import ensure_demo
from ttdn_studio.services.workflow import rebuild_memory, seed_from_demo
from ttdn_studio.store import open_project
from ttdn_studio.store.translation_memory import TranslationMemory

CUES = """
[[cue]]
start = 1000
end = 4000
vi = "Cà Mau rất đẹp.\\nDu khách đến thăm."
en = "Ca Mau is beautiful.\\nTourists visit."
en_status = "approved"

[[cue]]
start = 4080
end = 6000
vi = "Từ Mũi Cà Mau"
en = "From Ca Mau Cape"
en_status = "approved"

[[cue]]
start = 6080
end = 9000
vi = "đến Năm Căn\\nrất xa."
en = "to Nam Can\\nit is far."
en_status = "approved"
km = "ពីចុងកាម៉ៅ។"
km_status = "draft"
"""


def demo_source(tmp_path: Path) -> Path:
    folder = tmp_path / "demo-source"
    folder.mkdir()
    shutil.copy(locations.demo_source_dir() / "project.json", folder)
    (folder / "cues.toml").write_text(CUES, encoding="utf-8")
    return folder


def pairs(memory: TranslationMemory) -> set[tuple[str, str, str]]:
    return {(u.source, u.target, u.tgt_lang) for u in memory.units()}


def test_a_two_sentence_demo_cue_gives_two_pairs_and_a_run_on_sentence_one(
    tmp_path: Path,
) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        assert seed_from_demo(memory, demo_source(tmp_path)) == 3
        assert pairs(memory) == {
            ("Cà Mau rất đẹp.", "Ca Mau is beautiful.", "en"),
            ("Du khách đến thăm.", "Tourists visit.", "en"),
            ("Từ Mũi Cà Mau đến Năm Căn rất xa.", "From Ca Mau Cape to Nam Can it is far.", "en"),
        }


def test_seeding_stores_what_rebuild_stores(tmp_path: Path) -> None:
    folder = demo_source(tmp_path)
    with TranslationMemory(tmp_path / "seeded.sqlite") as memory:
        seed_from_demo(memory, folder)
        seeded = pairs(memory)
    built = ensure_demo(folder, with_video=False)  # the project built from the same sources
    with open_project(built) as store, TranslationMemory(tmp_path / "rebuilt.sqlite") as memory:
        rebuild_memory(store, memory)
        assert pairs(memory) == seeded


def test_the_bundled_demo_seeds_what_rebuild_stores(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "seeded.sqlite") as memory:
        seed_from_demo(memory)
        seeded = pairs(memory)
    built = ensure_demo(tmp_path / "demo", with_video=False)
    with open_project(built) as store, TranslationMemory(tmp_path / "rebuilt.sqlite") as memory:
        rebuild_memory(store, memory)
        assert pairs(memory) == seeded
    assert all("\n" not in source + target for source, target, _ in seeded)
