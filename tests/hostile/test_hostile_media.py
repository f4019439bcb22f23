"""Hostile media given to the CLI: files that are no video, and videos the voice and render
tools must cope with. A refusal names the file and leaves the project as it was."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from clips import lavfi_clip
from hostile_cli import assert_refused, dump, read_only_mount, run

from ttdn_studio.store import NewCue, open_project

SCRIPT = "Cà Mau là tỉnh cực nam của Tổ quốc.\n\nRừng đước Năm Căn xanh ngát.\n"


def _audio_only(path: Path) -> Path:
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1"]
    subprocess.run([*cmd, "-c:a", "aac", str(path)], check=True)
    return path


def _png(path: Path) -> Path:
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=s=32x32"]
    subprocess.run([*cmd, "-frames:v", "1", "-f", "image2", "-c:v", "png", str(path)], check=True)
    return path


def _truncated(path: Path) -> Path:
    whole = lavfi_clip(path.with_suffix(".whole.mp4"), 1, size="64x36")
    path.write_bytes(whole.read_bytes()[:3000])
    return path


NOT_VIDEOS = {
    "zero bytes": (lambda p: (p.write_bytes(b""), p)[1], "not a readable video"),
    "truncated": (_truncated, "not a readable video"),
    "audio only": (_audio_only, "no video stream"),
    "a PNG named .mp4": (_png, "a still image (png), not a video"),
}


@pytest.mark.parametrize("kind", sorted(NOT_VIDEOS))
def test_import_refuses_a_video_that_is_no_video(project: Path, tmp_path: Path, kind: str) -> None:
    make, words = NOT_VIDEOS[kind]
    video = make(tmp_path / "tap 2 bản dựng.mp4")
    (tmp_path / "tap-2.txt").write_text(SCRIPT, encoding="utf-8")
    before = dump(project)
    result = run("import", project, tmp_path / "tap-2.txt", "--video", video)
    err = assert_refused(result, code=1, max_lines=1)
    assert words in err and err.count("tap 2 bản dựng.mp4") == 1
    assert dump(project) == before


def test_align_names_a_video_damaged_since_import_once(project: Path, tmp_path: Path) -> None:
    video = lavfi_clip(tmp_path / "tap 1 bản dựng.mp4", 1, size="64x36")
    with open_project(project) as store:
        store.set_clip_video("tap-1", str(video))
    video.write_bytes(video.read_bytes()[:3000])  # cut short by a failed copy
    before = dump(project)
    err = assert_refused(run("align", project, "--clip", "tap-1"), code=1, max_lines=1)
    assert "cannot read the video (Invalid data" in err
    assert err.count("tap 1 bản dựng.mp4") == 1
    assert dump(project) == before


def test_an_updated_script_with_video_attaches_the_new_cut(project: Path, tmp_path: Path) -> None:
    first = lavfi_clip(tmp_path / "cut 1.mp4", 1, size="64x36")
    second = lavfi_clip(tmp_path / "cut 2.mp4", 1, size="64x36")
    (tmp_path / "tap-2.txt").write_text(SCRIPT, encoding="utf-8")
    assert run("import", project, tmp_path / "tap-2.txt", "--video", first).code == 0
    (tmp_path / "tap-2.txt").write_text(SCRIPT + "\nChợ nổi họp từ sáng sớm.\n", encoding="utf-8")
    args = ("import", project, tmp_path / "tap-2.txt", "--update", "--clip", "tap-2")
    result = run(*args, "--video", second)
    assert result.code == 0, result.err
    with open_project(project) as store:
        assert store.clip("tap-2").video == str(second)
        assert len(store.cue_rows("tap-2", langs=[])) == 3


def test_an_updated_script_with_a_broken_video_changes_nothing(
    project: Path, tmp_path: Path
) -> None:
    (tmp_path / "tap-2.txt").write_text(SCRIPT, encoding="utf-8")
    assert run("import", project, tmp_path / "tap-2.txt").code == 0
    (tmp_path / "tap-2.txt").write_text(SCRIPT + "\nChợ nổi họp từ sáng sớm.\n", encoding="utf-8")
    (tmp_path / "cut.mp4").write_bytes(b"")
    before = dump(project)
    args = ("import", project, tmp_path / "tap-2.txt", "--update", "--clip", "tap-2")
    err = assert_refused(run(*args, "--video", tmp_path / "cut.mp4"), code=1, max_lines=1)
    assert "cut.mp4" in err and "not a readable video" in err
    assert dump(project) == before


def test_a_render_warns_of_cues_past_the_end_of_a_short_video(
    project: Path, tmp_path: Path
) -> None:
    video = lavfi_clip(tmp_path / "cut.mp4", 3, size="64x36")  # the cues run to 7 s
    with open_project(project) as store:
        store.set_clip_video("tap-1", str(video))
    out = tmp_path / "renders"
    result = run("render", project, "--lang", "vi", "--preset", "draft", "-o", out)
    assert result.code == 0, result.err
    assert "warning: 2 cue(s) go on past the end of the video (3.000 s)" in result.out
    again = run("render", project, "--lang", "vi", "--preset", "draft", "-o", out, "--json")
    assert '"past_end": 2' in again.out and '"status": "skipped"' in again.out


def test_the_desk_says_which_cues_a_short_video_cuts_off(tmp_path: Path) -> None:
    from ttdn_studio.services.rendering import JobResult
    from ttdn_studio.tui.screens.render import _result_line

    result = JobResult("k", "tap-1", ["vi"], "draft", tmp_path / "o.mp4", "done", past_end=2)
    result.video_ms = 3000
    assert "2 cue(s) go on past the end of the video (3.000 s)" in _result_line(result)


def _two_clips(project: Path, tmp_path: Path) -> None:
    video = lavfi_clip(tmp_path / "cut.mp4", 1, size="64x36")
    with open_project(project) as store:
        store.set_clip_video("tap-1", str(video))
        store.add_clip("tap-2", video=str(video))
        store.add_cues("tap-2", [NewCue(0, 900, "Chợ nổi")])


def test_a_folder_in_the_way_of_one_render_fails_that_render_only(
    project: Path, tmp_path: Path
) -> None:
    _two_clips(project, tmp_path)
    out = tmp_path / "renders"
    (out / "tap-1.vi.draft.mp4").mkdir(parents=True)
    result = run("render", project, "--lang", "vi", "--preset", "draft", "-o", out)
    assert result.code == 1 and "Traceback" not in result.err + result.out
    assert f"{out / 'tap-1.vi.draft.mp4'}: a folder is in the way of this output" in result.out
    assert (out / "tap-2.vi.draft.mp4").is_file()
    with open_project(project) as store:
        rows = store.conn.execute("SELECT status FROM render_jobs ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["failed", "done"]  # none left "running"


def test_an_output_folder_under_a_file_fails_each_render_plainly(
    project: Path, tmp_path: Path
) -> None:
    _two_clips(project, tmp_path)
    (tmp_path / "renders").write_text("a file where the folder should be")
    out = tmp_path / "renders" / "web"
    result = run("render", project, "--lang", "vi", "--preset", "draft", "-o", out)
    assert result.code == 1 and "Traceback" not in result.err + result.out
    assert f"{out / 'tap-1.vi.draft.mp4'}: cannot be written (Not a directory)" in result.out
    assert f"{out / 'tap-2.vi.draft.mp4'}: cannot be written (Not a directory)" in result.out
    assert result.err.strip() == "ttdn: 2 of 2 render(s) did not finish"
    with open_project(project) as store:
        rows = store.conn.execute("SELECT status FROM render_jobs").fetchall()
    assert [r[0] for r in rows] == ["failed", "failed"]


def test_a_one_pixel_video_renders_in_the_source_size_preset(project: Path, tmp_path: Path) -> None:
    video = tmp_path / "pixel.mp4"
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "color=s=2x2:d=1"]
    cmd += ["-vf", "scale=1:1", "-c:v", "libx264", "-pix_fmt", "yuv444p", str(video)]
    subprocess.run(cmd, check=True)
    with open_project(project) as store:
        store.set_clip_video("tap-1", str(video))
    out = tmp_path / "renders"
    result = run("render", project, "--lang", "vi", "--preset", "draft", "-o", out)
    assert result.code == 0, result.out + result.err
    assert (out / "tap-1.vi.draft.mp4").is_file()


def test_qc_reads_a_project_on_a_read_only_mount_and_render_says_it_cannot(
    project: Path, tmp_path: Path
) -> None:
    video = lavfi_clip(tmp_path / "cut.mp4", 1, size="64x36")
    with open_project(project) as store:
        store.set_clip_video("tap-1", str(video))
    before = dump(project)
    for side in ("project.db-wal", "project.db-shm"):  # as a copy onto a share would be
        (project / side).unlink(missing_ok=True)
    with read_only_mount(project, tmp_path / "share" / "tap-1") as mount:
        result = run("qc", mount, "--lang", "en")
        assert result.code == 0, result.err
        assert "error(s)" in result.out
        out = tmp_path / "renders"
        rendered = run("render", mount, "--lang", "vi", "--preset", "draft", "-o", out)
        err = assert_refused(rendered, code=1, max_lines=1)
        assert "the project folder cannot be written (read-only)" in err
    assert dump(project) == before
    assert not (project / ".cache").exists()


def test_import_names_a_folder_given_as_the_video(project: Path, tmp_path: Path) -> None:
    (tmp_path / "cut.mp4").mkdir()
    (tmp_path / "tap-2.txt").write_text(SCRIPT, encoding="utf-8")
    before = dump(project)
    result = run("import", project, tmp_path / "tap-2.txt", "--video", tmp_path / "cut.mp4")
    err = assert_refused(result, code=1, max_lines=1)
    assert "cut.mp4: is not a file (a folder, device or pipe)" in err
    assert dump(project) == before


def test_an_unknown_aligner_is_one_line(project: Path, tmp_path: Path) -> None:
    _two_clips(project, tmp_path)
    before = dump(project)
    err = assert_refused(run("align", project, "--aligner", "whisper"), code=1, max_lines=1)
    assert "unknown aligner 'whisper' (aligners: voice, tts)" in err
    assert dump(project) == before


def test_the_hint_for_a_clip_without_video_gives_a_command_that_works(
    project: Path, tmp_path: Path
) -> None:
    err = assert_refused(run("align", project, "--clip", "tap-1"), code=1, max_lines=1)
    assert "`ttdn import PROJECT FILE --update --clip tap-1 --video VIDEO`" in err
    exported = run("export", project, "--lang", "vi", "-o", tmp_path / "tap-1.srt")
    assert exported.code == 0, exported.err
    video = lavfi_clip(tmp_path / "cut.mp4", 1, size="64x36")
    args = ("--update", "--clip", "tap-1", "--video", video)
    result = run("import", project, tmp_path / "tap-1.srt", *args)
    assert result.code == 0, result.err
    with open_project(project) as store:
        assert store.clip("tap-1").video == str(video)


def test_a_clip_or_language_named_twice_is_rendered_once(project: Path, tmp_path: Path) -> None:
    _two_clips(project, tmp_path)
    out = tmp_path / "renders"
    args = ("--clip", "tap-2", "--clip", "tap-2", "--lang", "vi", "--stack", "vi")
    result = run("render", project, *args, "--preset", "draft", "-o", out, "--json")
    assert result.code == 0, result.out
    assert [r["status"] for r in json.loads(result.out)] == ["done"]
