"""`ttdn import … --video V` times a script to the voice; estimated timing stays the fallback."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from media.conftest import Narration
from ttdn_studio.cli import cli
from ttdn_studio.store import open_project


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _script(tmp_path: Path, narration: Narration) -> Path:
    path = tmp_path / "tap1.txt"
    path.write_text("\n\n".join(x.text.replace("\n", " ") for x in narration.truth) + "\n")
    return path


def _docx(tmp_path: Path, narration: Narration) -> Path:
    import docx

    document = docx.Document()
    for line in narration.truth:
        document.add_paragraph(line.text.replace("\n", " "))
    path = tmp_path / "tap1.docx"
    document.save(str(path))
    return path


def test_import_with_video_times_the_script_to_the_voice(
    tmp_path: Path, narration: Narration
) -> None:
    project = tmp_path / "p"
    assert run("new", str(project), "--title", "Cà Mau")[0] == 0
    code, out, err = run(
        "import",
        str(project),
        str(_script(tmp_path, narration)),
        "--clip",
        "tap1",
        "--video",
        str(narration.music),
    )
    assert code == 0, err
    assert "Timed to the voice:" in out and "to check" in out
    starts = [r.cue.start_ms for r in open_project(project).cue_rows("tap1", langs=[])]
    near = [any(abs(s - x.speech_start_ms) <= 100 for s in starts) for x in narration.truth]
    assert sum(near) >= 0.9 * len(near)
    # one edit: undo removes the import and its timing together
    code, _, err = run("undo", str(project))
    assert code == 0, err
    assert open_project(project).clips() == []


def test_import_with_a_silent_video_keeps_estimated_timing(
    tmp_path: Path, narration: Narration
) -> None:
    video = tmp_path / "mute.mkv"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=gray:s=64x36:r=25:d=2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            str(video),
        ],
        check=True,
    )
    project = tmp_path / "p"
    assert run("new", str(project), "--title", "Cà Mau")[0] == 0
    code, out, err = run(
        "import",
        str(project),
        str(_script(tmp_path, narration)),
        "--clip",
        "tap1",
        "--video",
        str(video),
    )
    assert code == 0, err
    assert "Estimated timing kept (the video has no audio stream" in out
    rows = open_project(project).cue_rows("tap1", langs=[])
    assert len(rows) >= len(narration.truth) and rows[0].cue.start_ms == 0


def test_align_of_every_clip_times_the_others_when_one_cannot_be(
    tmp_path: Path, narration: Narration
) -> None:
    mute = tmp_path / "mute.mp4"
    cmd = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=64x36:r=25:d=2"]
    subprocess.run([*cmd, "-c:v", "libx264", "-preset", "ultrafast", str(mute)], check=True)
    project = tmp_path / "p"
    assert run("new", str(project), "--title", "Cà Mau")[0] == 0
    script = str(_script(tmp_path, narration))
    for clip, video in (("a-mute", mute), ("b-voice", narration.music)):
        code, _, err = run("import", str(project), script, "--clip", clip)
        assert code == 0, err
        with open_project(project) as store:
            store.set_clip_video(clip, str(video))
    code, out, err = run("align", str(project))
    assert code == 1
    assert "skipped a-mute:" in err and "no audio stream" in err
    assert err.strip().endswith("1 of 2 clip(s) could not be timed (see above)")
    assert "b-voice: timed to the voice:" in out
    with open_project(project) as store:
        starts = [r.cue.start_ms for r in store.cue_rows("b-voice", langs=[])]
    near = [any(abs(s - x.speech_start_ms) <= 100 for s in starts) for x in narration.truth]
    assert sum(near) >= 0.9 * len(near)
