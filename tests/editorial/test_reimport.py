"""Re-importing an updated script into an existing clip: kept, outdated, new, removed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.models import Project
from ttdn_studio.services.importing import import_file
from ttdn_studio.services.reimport import OUTDATED, update_clip
from ttdn_studio.store import create_project, open_project

PLACES = ["Năm Căn", "Đất Mũi", "U Minh Hạ", "Cái Nước", "Đầm Dơi", "Thới Bình", "Phú Tân"]


def line(i: int) -> str:
    return f"Đoạn {i}: ở {PLACES[i % len(PLACES)]} người dân sống nhờ rừng và biển, năm thứ {i}."


def flat(text: str) -> str:
    return " ".join(text.split())


def script(path: Path, lines: list[str]) -> Path:
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_update_keeps_flags_adds_and_removes_as_one_edit(tmp_path: Path) -> None:
    store = create_project(tmp_path / "ep", Project(title="Cà Mau - Đất và người"))
    old_lines = [line(i) for i in range(42)]
    import_file(store, script(tmp_path / "v1.txt", old_lines), clip="intro")
    rows = store.cue_rows("intro")
    assert len(rows) == 42
    store.set_translations(
        [(r.cue.id, "en", f"English {r.index}") for r in rows], status="approved", origin="human"
    )
    new_lines = list(old_lines)
    for i in (5, 20, 30):  # a word changed: the same cue, its translation outdated
        new_lines[i] = new_lines[i].replace("người dân", "bà con")
    del new_lines[10]  # removed
    new_lines.insert(15, "Một câu hoàn toàn mới về chợ nổi.")  # new
    new_lines.append("Lời kết của tập phim.")  # new
    report = update_clip(store, script(tmp_path / "v2.txt", new_lines), "intro")
    assert report.summary == "38 kept, 3 outdated, 2 new, 1 removed"
    after = store.cue_rows("intro")
    assert [flat(r.cue.text) for r in after] == new_lines
    by_text = {flat(r.cue.text): r for r in after}
    changed = by_text[new_lines[5]].translations["en"]
    assert changed.text == "English 6" and OUTDATED in changed.flags
    kept = by_text[old_lines[0]].translations["en"]
    assert kept.text == "English 1" and kept.flags == [] and kept.status == "approved"
    assert "en" not in by_text["Lời kết của tập phim."].translations
    assert old_lines[10] not in by_text
    # one undo brings the clip back as it was
    store.undo()
    again = store.cue_rows("intro")
    assert [flat(r.cue.text) for r in again] == old_lines
    assert all(r.translations["en"].flags == [] for r in again)


def test_update_through_the_cli_with_a_filter_for_outdated(tmp_path: Path) -> None:
    folder = tmp_path / "ep"
    store = create_project(folder, Project(title="Cà Mau - Đất và người"))
    lines = [line(i) for i in range(4)]
    import_file(store, script(tmp_path / "v1.txt", lines), clip="intro")
    store.set_translations(
        [(r.cue.id, "en", f"English {r.index}") for r in store.cue_rows("intro")],
        status="draft",
        origin="human",
    )
    store.close()
    lines[2] = lines[2].replace("biển", "sông")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "import",
            str(folder),
            str(script(tmp_path / "v2.txt", lines)),
            "--clip",
            "intro",
            "--update",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 kept, 1 outdated, 0 new, 0 removed" in result.output
    result = runner.invoke(cli, ["cues", str(folder), "--flag", "outdated", "--json"])
    (only,) = json.loads(result.output)
    assert only["index"] == 3 and "sông" in only["text"]["vi"]
    result = runner.invoke(cli, ["import", str(folder), str(tmp_path / "v2.txt"), "--update"])
    assert result.exit_code == 2 and "--update needs --clip" in result.output
    result = runner.invoke(
        cli, ["import", str(folder), str(tmp_path / "v2.txt"), "--update", "--clip", "nope"]
    )
    assert result.exit_code == 1 and "no clip named 'nope'" in result.output
    assert len(open_project(folder).cue_rows("intro")) == 4


def test_editing_the_source_words_marks_translations_outdated(person) -> None:
    lan = person("lan")
    first, second = (r.cue for r in lan.cue_rows("intro")[:2])
    lan.edit_cue(first.id, expected_version=first.version, text="Cà Mau có  ba mặt giáp biển.")
    assert lan.translation(first.id, "en").flags == []  # spacing only: the same words
    lan.edit_cue(second.id, expected_version=second.version, text="Biển Đông mênh mông.")
    assert lan.translation(second.id, "en").flags == [OUTDATED]
    lan.undo()
    assert lan.translation(second.id, "en").flags == []
