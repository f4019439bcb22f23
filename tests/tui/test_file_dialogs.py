"""Attaching a clip's video (Alt+Shift+V) and importing a file (Alt+I) from the desk:
paths complete as typed, errors show in the dialog, and a refused file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from clips import lavfi_clip
from desk_fixtures import build_project, episode, open_import_dialog, settle, wait_until

from ttdn_studio.errors import MediaError
from ttdn_studio.media.audio import clip_cache_folder
from ttdn_studio.services.clip_video import attach_video
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.files import NEW_CLIP, AttachVideoDialog
from ttdn_studio.tui.widgets.path_input import VIDEO_EXTENSIONS, path_matches
from ttdn_studio.tui.widgets.waveform import NO_VIDEO, NOT_ANALYSED

SIZE = (120, 40)
EN_SRT = """1
00:00:00,000 --> 00:00:02,500
Hello from the import.

2
00:00:03,000 --> 00:00:05,500
Second imported line.
"""
VI_SRT = """1
00:00:00,000 --> 00:00:02,000
Chào buổi sáng Cà Mau.
"""


@pytest.fixture(scope="session")
def small_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lavfi_clip(tmp_path_factory.mktemp("attach") / "tap-01-final.mp4", 3.0, size="160x90")


def video_of(project: Path, clip: str = "tap-01") -> str | None:
    with open_project(project) as store:
        return store.clip(clip).video


def test_path_matches_complete_folders_and_wanted_files(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "tap-01.mp4").write_bytes(b"x")
    (tmp_path / "media" / "tap-01.srt").write_bytes(b"x")
    (tmp_path / "media" / "tap-02.MOV").write_bytes(b"x")
    (tmp_path / "media" / ".hidden.mp4").write_bytes(b"x")
    (tmp_path / "mixes").mkdir()
    base = str(tmp_path)
    assert path_matches(f"{base}/m") == [f"{base}/media/", f"{base}/mixes/"]
    assert path_matches(f"{base}/media/t", VIDEO_EXTENSIONS) == [
        f"{base}/media/tap-01.mp4",
        f"{base}/media/tap-02.MOV",
    ]
    assert path_matches(f"{base}/media/.", VIDEO_EXTENSIONS) == [f"{base}/media/.hidden.mp4"]
    assert path_matches(f"{base}/nowhere/x") == []


async def test_typing_a_path_completes_it_with_the_right_arrow(
    project: Path, small_clip: Path
) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+shift+v")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AttachVideoDialog)
        start = str(small_clip.parent) + "/tap"
        await pilot.press(*start)
        await settle(pilot)
        assert await wait_until(pilot, lambda: dialog.path.input._suggestion != "")
        await pilot.press("right")  # takes the greyed completion
        assert dialog.path.value == str(small_clip)
        assert "tap-01-final.mp4" in str(dialog.path.matches.content)


async def test_alt_shift_v_attaches_a_video_and_drops_the_old_analysis(
    project: Path, small_clip: Path
) -> None:
    stale = clip_cache_folder(project, "tap-01")
    stale.mkdir(parents=True)
    (stale / "peaks.npy").write_bytes(b"of the former video")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+shift+v")
        await settle(pilot)
        assert isinstance(app.screen, AttachVideoDialog)
        await pilot.press(*str(small_clip), "enter")
        assert await wait_until(pilot, lambda: app.screen is desk)
        await settle(pilot)
        assert video_of(project) == str(small_clip.resolve())
        assert not (stale / "peaks.npy").exists()  # the strip may have started a new cache
        # the strip reads the new video's (empty) analysis instead of saying there is none
        assert await wait_until(pilot, lambda: desk.wave.message == NOT_ANALYSED)
        await pilot.press("alt+w")  # the new video analysed: its waveform is drawn
        assert await wait_until(pilot, lambda: desk.wave.data is not None, limit=60)
        await settle(pilot)
        await pilot.press("ctrl+z")  # one undo: the clip has no video again, and says so
        assert await wait_until(pilot, lambda: desk.wave.message == NO_VIDEO)
        assert desk.wave.data is None
        assert video_of(project) is None
        await pilot.press("ctrl+y")
        assert await wait_until(pilot, lambda: desk.wave.data is not None)  # read from the cache


@pytest.mark.parametrize("content", [b"", b"not a video at all\n" * 50, None])
async def test_a_broken_video_is_refused_in_the_dialog(
    project: Path, tmp_path: Path, content: bytes | None
) -> None:
    bad = tmp_path / "broken.mp4"
    if content is not None:
        bad.write_bytes(content)
    before = (project / "project.db").read_bytes() if (project / "project.db").exists() else None
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+shift+v")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AttachVideoDialog)
        await pilot.press(*str(bad), "ctrl+s")
        assert await wait_until(pilot, lambda: "Nothing was changed" in str(dialog.error.content))
        assert app.screen is dialog  # still open, the path still typed
        assert dialog.path.value == str(bad)
        assert str(bad) in str(dialog.error.content)
        await pilot.press("escape")
        await settle(pilot)
    assert video_of(project) is None
    if before is not None:
        assert (project / "project.db").read_bytes() == before


def test_attach_video_service_refuses_an_audio_file(project: Path, tmp_path: Path) -> None:
    import subprocess

    audio = tmp_path / "voice.mp4"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=1", str(audio)],
        check=True,
    )
    with open_project(project) as store:
        with pytest.raises(MediaError, match="no video stream"):
            attach_video(store, "tap-01", audio)
        assert store.clip("tap-01").video is None


async def test_import_dialog_attaches_a_translation_to_this_clip(
    project: Path, tmp_path: Path
) -> None:
    srt = tmp_path / "tap-01.en.srt"
    srt.write_text(EN_SRT, encoding="utf-8")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        dialog = await open_import_dialog(pilot)
        # the clip has cues: the file is taken as a translation into it by default
        assert (dialog.clip_choice.value, dialog.lang_choice.value) == ("tap-01", "en")
        await pilot.press(*str(srt), "enter")
        assert await wait_until(pilot, lambda: app.screen is desk)
        await settle(pilot)
        assert desk.grid.cues[0].text("en", "vi") == "Hello from the import."
    with open_project(project) as store:
        assert store.cue_rows("tap-01")[1].text("en", "vi") == "Second imported line."


async def test_import_dialog_makes_a_new_clip_with_its_video(
    project: Path, tmp_path: Path, small_clip: Path
) -> None:
    srt = tmp_path / "cho-noi.srt"
    srt.write_text(VI_SRT, encoding="utf-8")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        dialog = await open_import_dialog(pilot)
        dialog.clip_choice.value = NEW_CLIP
        dialog.lang_choice.value = "vi"
        await settle(pilot)
        assert dialog.new_name.display
        dialog.file.input.value = str(srt)
        dialog.new_name.value = "tap-02"
        dialog.video.input.value = str(small_clip)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: app.screen is desk)
        await settle(pilot)
        assert desk.grid.clip == "tap-02"  # the new clip opens
        assert desk.clips.names == ["tap-01", "tap-02"]
        assert desk.grid.cues[0].cue.text == "Chào buổi sáng Cà Mau."
    assert video_of(project, "tap-02") == str(small_clip.resolve())


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("1\n00:00:05,000 --> 00:00:0x,000\nBroken time\n", "line"),
        ("", "is empty"),
    ],
)
async def test_a_malformed_file_shows_its_error_in_the_dialog(
    tmp_path: Path, content: str, says: str
) -> None:
    project = tmp_path / "episode"
    build_project(project).close()
    bad = tmp_path / "bad.srt"
    bad.write_text(content, encoding="utf-8")
    with open_project(project) as store:
        before = [(r.cue.text, r.text("en", "vi")) for r in store.cue_rows("tap-01")]
        history = len(store.history())
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        dialog = await open_import_dialog(pilot)
        await pilot.press(*str(bad), "enter")
        assert await wait_until(pilot, lambda: "Nothing was changed" in str(dialog.error.content))
        assert app.screen is dialog and says in str(dialog.error.content)
        await pilot.press("escape")
        await settle(pilot)
    with open_project(project) as store:
        assert [(r.cue.text, r.text("en", "vi")) for r in store.cue_rows("tap-01")] == before
        assert len(store.history()) == history


async def test_import_refuses_a_broken_video_before_importing(
    project: Path, tmp_path: Path
) -> None:
    srt = tmp_path / "tap-01.en.srt"
    srt.write_text(EN_SRT, encoding="utf-8")
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00" * 100)
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        dialog = await open_import_dialog(pilot)
        dialog.file.input.value = str(srt)
        dialog.video.input.value = str(bad)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: "Nothing was changed" in str(dialog.error.content))
    with open_project(project) as store:
        assert store.cue_rows("tap-01")[0].text("en", "vi") != "Hello from the import."
        assert store.clip("tap-01").video is None


async def test_the_command_palette_offers_attach_video(project: Path) -> None:
    from textual.command import CommandPalette

    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("ctrl+p")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"attach video")
        await pilot.pause(0.5)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AttachVideoDialog))


async def test_import_dialog_updates_a_clip_from_an_edited_script(
    project: Path, tmp_path: Path
) -> None:
    """A Vietnamese script into a clip that has cues is an updated script: unchanged cues
    keep their translations, a changed one's are marked outdated, one Ctrl+Z undoes it."""
    from desk_fixtures import LINES

    texts = [vi for vi, _en in LINES]
    texts[1] = "Mũi Cà Mau có rừng đước bạt ngàn, xanh quanh năm."
    texts.insert(3, "Một dòng hoàn toàn mới về biển.")
    script = tmp_path / "tap-01-v2.srt"
    script.write_text(
        "\n".join(
            f"{i + 1}\n00:00:{i * 3:02d},000 --> 00:00:{i * 3 + 2:02d},500\n{text}\n"
            for i, text in enumerate(texts)
        ),
        encoding="utf-8",
    )
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        dialog = await open_import_dialog(pilot)
        dialog.lang_choice.value = "vi"
        dialog.file.input.value = str(script)
        await settle(pilot)
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: app.screen is desk)
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any(
            "Updated tap-01 from tap-01-v2.srt: 5 kept, 1 outdated, 1 new" in m for m in said
        )
        assert [r.cue.text for r in desk.grid.cues] == texts
        with open_project(project) as store:
            rows = store.cue_rows("tap-01")
            assert "outdated" in rows[1].translations["en"].flags
            assert "outdated" not in rows[0].translations["en"].flags
            assert rows[0].text("en", "vi") == LINES[0][1]
        await pilot.press("escape", "ctrl+z")
        await settle(pilot)
    with open_project(project) as store:
        assert [r.cue.text for r in store.cue_rows("tap-01")] == [vi for vi, _en in LINES]


async def test_projects_screen_import_completes_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alt+I on the projects screen opens the episode's import dialog for the selected
    project: the path completes as typed, errors show in the dialog in the desk's words
    with the project unchanged, and a new clip is named after the file by default."""
    from ttdn_studio.tui.screens.projects import ProjectsScreen

    root = tmp_path / "projects"
    build_project(root / "episode").close()
    monkeypatch.setenv("TTDN_PROJECTS_DIR", str(root))
    files = tmp_path / "files"
    files.mkdir()
    (files / "cho-noi.srt").write_text(VI_SRT, encoding="utf-8")
    (files / "con.srt").write_text(VI_SRT, encoding="utf-8")  # no clip can be named "con"
    (files / "notes.pdf").write_bytes(b"%PDF")
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ProjectsScreen)
        assert await wait_until(pilot, lambda: len(screen.infos) == 1)
        dialog = await open_import_dialog(pilot)
        assert (dialog.clip_choice.value, dialog.lang_choice.value) == (NEW_CLIP, "vi")
        await pilot.press(*f"{files}/co")
        assert await wait_until(pilot, lambda: dialog.file.input._suggestion != "")
        await pilot.press("right", "enter")  # takes the completion, imports it
        assert dialog.file.value == str(files / "con.srt")
        assert await wait_until(pilot, lambda: "Nothing was changed" in str(dialog.error.content))
        said = str(dialog.error.content)
        assert "type another name for the new clip under “Into clip”" in said
        assert "--clip" not in said
        await pilot.press(*["backspace"] * len("con.srt"), *"ch")
        assert await wait_until(pilot, lambda: "cho-noi.srt" in str(dialog.file.matches.content))
        assert "notes.pdf" not in str(dialog.file.matches.content)
        await pilot.press("right", "enter")
        assert await wait_until(pilot, lambda: app.screen is screen)
        said = [n.message for n in app._notifications]
        assert any("Imported cho-noi.srt into cho-noi: 1 cue(s)" in m for m in said)
    with open_project(root / "episode") as store:
        assert [c.name for c in store.clips()] == ["tap-01", "cho-noi"]


async def test_importing_over_translations_people_wrote_asks_first(
    project: Path, tmp_path: Path
) -> None:
    """F5 asks before replacing human work; an imported file now does too."""
    from ttdn_studio.models import Status
    from ttdn_studio.tui.dialogs.basic import ConfirmDialog
    from ttdn_studio.tui.dialogs.files import ImportDialog

    with open_project(project) as store:
        first = store.cue_rows("tap-01")[0].cue.id
        store.edit_translation(
            first, "en", "Lan's own line.", expected_version=None, status=Status.APPROVED
        )
    srt = tmp_path / "tap-01.en.srt"
    srt.write_text(EN_SRT, encoding="utf-8")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        dialog = await open_import_dialog(pilot)
        await pilot.press(*str(srt), "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = str(app.screen._message)  # type: ignore[attr-defined]
        assert "1 en translation(s) written by people, 1 of them approved" in question
        await pilot.press("n")  # no: back in the dialog, nothing imported
        assert await wait_until(pilot, lambda: app.screen is dialog)
        assert isinstance(app.screen, ImportDialog)
        with open_project(project) as store:
            assert store.translation(first, "en").text == "Lan's own line."
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        assert await wait_until(pilot, lambda: app.screen is desk)
        await settle(pilot)
    with open_project(project) as store:
        assert store.translation(first, "en").text == "Hello from the import."
