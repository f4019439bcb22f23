"""One naming rule for every output: hostile clip names, colliding names, preview's own files."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.models import Status
from ttdn_studio.naming import check_clip_name, file_stem, path_in, unique_stems
from ttdn_studio.services.exporting import export_subtitles
from ttdn_studio.services.rendering import clip_stems, render_batch
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.project_store import NewCue

from .conftest import CUES, IN_CUE_S, make_project

HOSTILE = [
    "../../x",
    "/etc/x",
    "C:\\x",
    "C:x",
    "a/b",
    "a\\b",
    "a\x00b",
    "\x1b[31m",
    "a\nb",
    "a\x85b",  # C1 control (NEL)
    "abc\u202egpj.exe",  # right-to-left override
    ".",
    "..",
    ".hidden",
    "x" * 300,
    "con",
    "NUL.txt",
    "com1",
    "dot at end.",
]


def _one_safe_component(stem: str) -> None:
    assert stem and stem not in (".", "..") and not stem.startswith((".", " "))
    assert "/" not in stem and "\\" not in stem and ":" not in stem
    assert not any(unicodedata.category(ch).startswith("C") for ch in stem)
    assert len(stem.encode("utf-8")) <= 120
    assert stem.split(".")[0].strip().casefold() not in {"con", "nul", "com1", "prn", "aux"}


@pytest.mark.parametrize("name", HOSTILE, ids=repr)
def test_hostile_clip_names_are_refused_at_creation_and_made_safe_on_output(
    name: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="clip name"):
        check_clip_name(name)
    stem = file_stem(name)
    _one_safe_component(stem)
    folder = tmp_path / "out"
    assert path_in(folder, f"{stem}.km+en.broadcast.mp4").parent == folder


@pytest.mark.parametrize("name", ["../x", "/abs", "a/b", "", ".", "x\x00"], ids=repr)
def test_path_in_refuses_a_file_name_that_leaves_the_folder(name: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        path_in(tmp_path, name)


@pytest.mark.parametrize(
    "name", ["Tập 1: Đất Mũi", "Tập 1? a", "Con đường", "Rừng đước (phần 2)", "a" * 100]
)
def test_ordinary_names_are_accepted_as_typed(name: str) -> None:
    assert check_clip_name(name) == name


def test_store_and_import_refuse_hostile_clip_names(tmp_path: Path) -> None:
    store = make_project(tmp_path / "ep", None)
    for name in ["../../x", "a/b", "\x1b[31m", "x" * 300, ".."]:
        with pytest.raises(ValidationError):
            store.add_clip(name)
    assert [c.name for c in store.clips()] == ["main"]
    srt = tmp_path / "ep1.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nXin chào\n", encoding="utf-8")
    runner = CliRunner()
    for name in ["../../x", "/etc/x", "C:\\x"]:
        result = runner.invoke(cli, ["import", str(store.path), str(srt), "--clip", name])
        assert result.exit_code == 1, result.output
        assert "clip name" in result.output and "Traceback" not in result.output
    hidden = tmp_path / ".hidden.srt"
    hidden.write_bytes(srt.read_bytes())
    result = runner.invoke(cli, ["import", str(store.path), str(hidden)])
    assert result.exit_code == 1 and "--clip" in result.output
    assert [c.name for c in store.clips()] == ["main"]
    assert not list(tmp_path.glob("x*")) and not (tmp_path.parent / "x").exists()


def test_unique_stems_keep_clips_apart_and_are_stable() -> None:
    names = ["Tập 1: a", "Tập 1? a", "tập 1_ A", "Tập 1_ a (2)", "b"]
    stems = unique_stems(names)
    assert stems["Tập 1: a"] == "Tập 1_ a"
    assert len({s.casefold() for s in stems.values()}) == len(names)
    assert stems["Tập 1_ a (2)"] == "Tập 1_ a (2)"  # a plain stem is never taken by a suffix
    assert stems["Tập 1? a"] == "Tập 1_ a (3)"
    assert unique_stems(names) == stems
    assert unique_stems(names[:2]) == {"Tập 1: a": "Tập 1_ a", "Tập 1? a": "Tập 1_ a (2)"}


def _legacy_clip(store: ProjectStore, name: str) -> None:
    """A clip stored by a version that did not check names (straight into the database)."""
    store.conn.execute(
        "INSERT INTO clips (name, video, position, created_at) VALUES (?, ?, 9, '2025-01-01')",
        (name, None),
    )
    store.add_cues(name, CUES)


def test_an_old_project_with_hostile_clip_names_opens_renders_and_exports_inside_its_folders(
    media: dict[str, Path], tmp_path: Path
) -> None:
    base = tmp_path / "a" / "b" / "c"
    store = make_project(base / "ep", None)
    for name in ["../../../x", "/tmp/abs", ".."]:
        _legacy_clip(store, name)
        store.set_clip_video(name, str(media["grey"]))
    results = render_batch(
        store, clips=["../../../x", "/tmp/abs", ".."], layouts=[["en"]], preset="draft"
    )
    renders = store.path / "renders"
    assert [r.status for r in results] == ["done"] * 3
    assert all(r.output.parent == renders and r.output.is_file() for r in results)
    out = base / "subs"
    written = export_subtitles(store, out, lang="en", min_status=Status.APPROVED)
    assert len(written) == 4 and all(p.parent == out for p in written)
    stems = clip_stems(store)
    assert {p.name for p in written} == {f"{s}.en.srt" for s in stems.values()}
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and base not in p.parents]


def test_two_clips_that_sanitise_alike_get_their_own_render_and_export(
    media: dict[str, Path], tmp_path: Path
) -> None:
    store = make_project(tmp_path / "ep", None, clip="Tập 1: a")
    store.set_clip_video("Tập 1: a", str(media["grey"]))
    store.add_clip("Tập 1? a", video=str(media["grey"]))
    store.add_cues(
        "Tập 1? a",
        [NewCue(200, 900, "Khác", translations={"en": "Other"}, statuses={"en": Status.APPROVED})],
    )
    results = render_batch(store, layouts=[["en"]], preset="draft")
    assert [r.status for r in results] == ["done", "done"]
    first, second = (r.output for r in results)
    assert first.name == "Tập 1_ a.en.draft.mp4" and second.name == "Tập 1_ a (2).en.draft.mp4"
    assert first.is_file() and second.is_file()
    rows = store.conn.execute("SELECT clip_name, output FROM render_jobs ORDER BY id").fetchall()
    assert rows == [("Tập 1: a", str(first)), ("Tập 1? a", str(second))]
    written = export_subtitles(store, tmp_path / "subs", lang="en")
    texts = {p.name: p.read_text(encoding="utf-8") for p in written}
    assert set(texts) == {"Tập 1_ a.en.srt", "Tập 1_ a (2).en.srt"}
    assert "Other" in texts["Tập 1_ a (2).en.srt"] and "Other" not in texts["Tập 1_ a.en.srt"]
    # rendering one of them alone names it the same way
    (again,) = render_batch(store, clips=["Tập 1? a"], layouts=[["en"]], preset="draft")
    assert again.output == second and again.status == "skipped"


def _preview(store: ProjectStore, out: Path, at: float) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        [
            "preview",
            str(store.path),
            "--lang",
            "en",
            "--at",
            str(at),
            "--preset",
            "draft",
            "-o",
            str(out),
            "--json",
        ],
    )
    return result.exit_code, result.output


def test_preview_only_removes_what_it_created(media: dict[str, Path], tmp_path: Path) -> None:
    store = make_project(tmp_path / "ep", media["grey"])
    folder = tmp_path / "stills"
    folder.mkdir()
    unrelated = {
        "frame.log": "the editor's notes",
        ".frame.rendering.png": "not ours",
        "frame.txt": "keep",
        ".frame.123.rendering.png": "a name like ours, but not ours",
    }
    for name, text in unrelated.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, output = _preview(store, folder / "frame.png", IN_CUE_S)
    assert code == 0, output
    assert json.loads(output)["output"] == str(folder / "frame.png")
    kept = {
        p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name != "frame.png"
    }
    assert kept == unrelated  # nothing removed, nothing of ours left behind
    # a failing preview keeps the unrelated files too, and leaves nothing of its own
    code, output = _preview(store, folder / "late.png", 30.0)
    assert code == 1 and "no frame" in output and "Traceback" not in output
    assert {p.name for p in folder.iterdir()} == {*unrelated, "frame.png"}
    for name, text in unrelated.items():
        assert (folder / name).read_text(encoding="utf-8") == text


def test_a_refused_name_is_shown_without_its_control_characters(tmp_path: Path) -> None:
    store = make_project(tmp_path / "ep", None)
    with pytest.raises(TtdnError) as info:
        store.add_clip("a\x00b")
    assert "\x00" not in str(info.value) and "\n" not in str(info.value)
