"""Building the demo project: contents, video, idempotence, reset and killed builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.models import Status
from ttdn_studio.services import demo, demo_video
from ttdn_studio.services.demo import DemoSource, ensure_demo, load_source, reset_demo
from ttdn_studio.store import DB_NAME, open_project

SMALL = (320, 180)
needs_ffmpeg = pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffmpeg is not installed")


@pytest.fixture(scope="session")
def source() -> DemoSource:
    return load_source(locations.demo_source_dir())


@dataclass
class FirstBuild:
    """What the first build, made on a machine without ffmpeg, looked like."""

    notes: list[str] = field(default_factory=list)
    video: str | None = "unset"
    cues: int = 0


FIRST = FirstBuild()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo with a small video, built once for the whole session (read-only for tests).

    It is first built as if ffmpeg were missing; the next call, with ffmpeg,
    adds the video to the existing project. Only one video is made per run.
    """
    path = tmp_path_factory.mktemp("demo") / "ca-mau"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(demo.shutil, "which", lambda name: None)
        ensure_demo(path, video_size=SMALL, on_note=FIRST.notes.append)
    with open_project(path) as store:
        FIRST.video, FIRST.cues = store.clip().video, len(store.cue_rows())
    return ensure_demo(path, video_size=SMALL)


def _ffprobe(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=duration:stream=codec_type,codec_name,width,height,pix_fmt,r_frame_rate",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(out))


def test_cues_json_matches_the_source(built: Path, source: DemoSource) -> None:
    result = CliRunner().invoke(cli, ["cues", str(built), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == len(source.cues)
    for row, cue in zip(rows, source.cues, strict=True):
        assert (row["start_ms"], row["end_ms"]) == (cue.start_ms, cue.end_ms)
        assert row["text"]["vi"] == cue.text
        for lang in ("en", "km"):
            assert row["text"][lang] == cue.translations.get(lang, "")
            assert row["status"][lang] == str(cue.statuses.get(lang, Status.EMPTY))


def test_origins_tell_machine_drafts_from_human_work(built: Path, source: DemoSource) -> None:
    with open_project(built) as store:
        rows = store.cue_rows()
    seen = set()
    for row, cue in zip(rows, source.cues, strict=True):
        for lang, tr in row.translations.items():
            expected = "mt:argos" if cue.statuses[lang] == Status.MT else "human"
            assert tr.origin == expected
            seen.add(expected)
    assert seen == {"mt:argos", "human"}


def test_project_settings_come_from_project_json(built: Path, source: DemoSource) -> None:
    with open_project(built) as store:
        project, clip = store.project, store.clip()
    assert project.title == source.project.title
    assert project.fps == 25 and project.target_langs == ["en", "km"]
    assert project.settings["series"] == "Cà Mau - Đất và người"
    assert clip.name == source.clip


@needs_ffmpeg
def test_video_is_attached_with_the_expected_length_and_streams(
    built: Path, source: DemoSource
) -> None:
    with open_project(built) as store:
        clip = store.clip()
    assert clip.video == source.video.file and not Path(clip.video).is_absolute()
    video = clip.video_path(built)
    assert video is not None and video.is_file()
    assert demo.demo_video(built) == video
    info = _ffprobe(video)
    duration = float(info["format"]["duration"])  # type: ignore[index]
    assert abs(duration - source.duration_ms / 1000) <= 0.2
    streams = {s["codec_type"]: s for s in info["streams"]}  # type: ignore[attr-defined]
    assert streams["video"]["codec_name"] == "h264" and streams["video"]["pix_fmt"] == "yuv420p"
    assert (streams["video"]["width"], streams["video"]["height"]) == SMALL
    assert streams["video"]["r_frame_rate"] == "25/1"
    assert streams["audio"]["codec_name"] == "aac"
    assert not list(video.parent.glob(".*"))  # no temporary files left behind


def test_second_call_does_nothing(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = built / DB_NAME
    before = db.stat().st_mtime_ns
    video = demo.demo_video(built)

    def forbidden(*_a: object, **_k: object) -> None:
        raise AssertionError("an already built demo must not be built again")

    monkeypatch.setattr(demo, "create_project", forbidden)
    monkeypatch.setattr(demo_video.subprocess, "run", forbidden)
    assert ensure_demo(built, video_size=SMALL) == built
    assert db.stat().st_mtime_ns == before
    assert demo.demo_video(built) == video


def test_builds_into_the_projects_folder_by_default(isolated_dirs: Path) -> None:
    path = ensure_demo(with_video=False)
    assert path == locations.projects_dir() / locations.DEMO_SLUG
    assert path.parent == isolated_dirs / "projects"
    with open_project(path) as store:
        assert len(store.cue_rows()) == len(load_source().cues)
        assert store.clip().video is None
    assert not (path / demo.CUES_FILE).exists()  # sources are read from the checkout
    assert [p.name for p in path.parent.iterdir()] == [locations.DEMO_SLUG]  # no build folder left


def test_reset_throws_edits_away_and_rebuilds(tmp_path: Path) -> None:
    path = ensure_demo(tmp_path / "demo", with_video=False)
    with open_project(path) as store:
        first = store.cue_rows()[0]
        store.edit_translation(
            first.cue.id, "en", "Edited by hand", expected_version=first.translations["en"].version
        )
        store.delete_cue(store.cue_rows()[-1].cue.id)
    assert ensure_demo(path, with_video=False) == path  # ensure keeps the user's edits
    with open_project(path) as store:
        assert store.cue_rows()[0].text("en", "vi") == "Edited by hand"
    reset_demo(path, with_video=False)
    with open_project(path) as store:
        rows = store.cue_rows()
        assert rows[0].text("en", "vi") == "Ca Mau - Land and People"
        assert len(rows) == len(load_source().cues)
        assert [h["action"] for h in store.history()][-1] == "add clip tap-01"


def test_killed_builds_do_not_break_the_next_one(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    old = time.time() - 2 * demo.STALE_AFTER_S
    stale = tmp_path / f".demo{demo.BUILD_MARK}killed"
    fresh = tmp_path / f".demo{demo.BUILD_MARK}running"
    for folder in (stale, fresh):
        (folder / "media").mkdir(parents=True)
        (folder / DB_NAME).write_bytes(b"half a database")
    os.utime(stale, (old, old))
    (target / "media").mkdir(parents=True)
    part = target / "media" / ".tap-01.mp4.999.part"
    part.write_bytes(b"\x00" * 100)
    os.utime(part, (old, old))
    (target / (DB_NAME + "-wal")).write_bytes(b"not a wal of this database")

    path = ensure_demo(target, with_video=False)
    with open_project(path) as store:
        assert len(store.cue_rows()) == len(load_source().cues)
    assert not stale.exists() and not part.exists()
    assert fresh.exists()  # may belong to a build still running: left alone


def test_without_ffmpeg_the_demo_is_built_and_says_so(built: Path, source: DemoSource) -> None:
    assert FIRST.cues == len(source.cues)
    assert FIRST.video is None
    assert len(FIRST.notes) == 1 and "ffmpeg" in FIRST.notes[0]


@needs_ffmpeg
def test_the_video_is_added_later_to_the_same_project(built: Path) -> None:
    with open_project(built) as store:
        history = [h["action"] for h in store.history()]
        assert store.clip().video is not None
    assert history[0] == "set video of tap-01"  # added to the project, not a rebuild
    assert "import the demo script" in history


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    from ttdn_studio.errors import ProjectError

    blocker = tmp_path / "demo"
    blocker.write_text("not a folder")
    with pytest.raises(ProjectError, match="not a folder"):
        ensure_demo(blocker, with_video=False)


def test_a_build_remembers_its_sources(tmp_path: Path) -> None:
    target = tmp_path / "own-sources"
    target.mkdir()
    for name in (demo.META_FILE, demo.CUES_FILE):
        shutil.copy(locations.demo_source_dir() / name, target / name)
    ensure_demo(target, with_video=False)
    assert demo.is_current(target)
    cues = target / demo.CUES_FILE
    cues.write_text(
        cues.read_text(encoding="utf-8").replace(
            "Ca Mau - Land and People", "Ca Mau - Land & People", 1
        ),
        encoding="utf-8",
    )
    assert not demo.is_current(target)
    ensure_demo(target, with_video=False)  # never rebuilds behind the user's back
    assert not demo.is_current(target)
    reset_demo(target, with_video=False)
    assert demo.is_current(target)
    with open_project(target) as store:
        assert store.cue_rows()[0].text("en", "vi") == "Ca Mau - Land & People"
