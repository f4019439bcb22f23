"""The desk driving real work: memory suggestions, a preview frame and a queued render (real ffmpeg)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from clips import lavfi_clip
from desk_fixtures import LINES, build_project, episode, settle, wait_until
from PIL import Image

from ttdn_studio.models import Origin
from ttdn_studio.store import open_project
from ttdn_studio.store.translation_memory import TranslationMemory
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.screens.preview import PreviewScreen

SIZE = (120, 40)


@pytest.fixture(scope="session")
def grey_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """18 s of flat grey at 320×180: the length of the desk project's six cues."""
    return lavfi_clip(tmp_path_factory.mktemp("desk-media") / "tap-01.mp4", 18.0, size="320x180")


@pytest.fixture
def project_with_video(tmp_path: Path, grey_clip: Path) -> Path:
    build_project(tmp_path / "episode", video=grey_clip).close()
    return tmp_path / "episode"


async def test_accept_a_memory_suggestion(project: Path) -> None:
    source = LINES[2][0]  # the third cue has no English yet
    with TranslationMemory() as tm:
        tm.add(source, "People live on shrimp and crab.", "vi", "en")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = episode(app)
        await pilot.press("down", "down")
        cue_id = screen.grid.current_id
        assert cue_id is not None
        await pilot.press("f2")
        await settle(pilot)
        assert screen.editor.target.text == "People live on shrimp and crab."
    with open_project(project) as store:
        tr = store.translation(cue_id, "en")
        assert (tr.text, tr.origin) == ("People live on shrimp and crab.", Origin.TM)
        store.undo()  # accepting is one undoable edit
        assert store.translation(cue_id, "en").text == ""


async def test_no_memory_suggestion_says_so(project: Path) -> None:
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "f2")
        await settle(pilot)
        assert any("no suggestion" in str(n.message) for n in app._notifications)


def _not_grey(style: object) -> bool:
    """A half-block cell whose upper or lower pixel differs from the test clip's flat grey."""
    colors = [getattr(style, "color", None), getattr(style, "bgcolor", None)]
    return any(c is not None and max(abs(v - 0x70) for v in c.get_truecolor()) > 10 for c in colors)


@pytest.mark.slow
async def test_preview_frame_of_the_current_cue(project_with_video: Path) -> None:
    app = TtdnApp(project_with_video)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+v")
        png = project_with_video / "renders" / "preview-tap-01-1.png"
        assert await wait_until(pilot, png.exists, limit=60)

        def path_shown() -> bool:  # the file appears a moment before the job reports it
            return any(str(png) in str(n.message) for n in app._notifications)

        assert await wait_until(pilot, path_shown, limit=30), "the path is shown"
        assert await wait_until(pilot, lambda: isinstance(app.screen, PreviewScreen), limit=30)
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, PreviewScreen), "the frame is drawn in the terminal too"
        picture = preview.picture
        lines = picture.plain.split("\n")
        assert len(lines) > 10 and {len(line) for line in lines} == {len(lines[0])}
        # the burned subtitle is the only thing on the grey test clip, in the lower half
        text_rows = sorted(
            {
                picture.plain.count("\n", 0, span.start)
                for span in picture.spans
                if _not_grey(span.style)
            }
        )
        assert text_rows and text_rows[0] > len(lines) // 2
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "EpisodeDesk"
    frame = np.asarray(Image.open(png).convert("RGB"), dtype=int)
    assert frame.shape == (1080, 1920, 3)  # what the broadcast preset renders, scaled up
    # flat grey everywhere except the burned subtitle near the bottom
    changed = np.abs(frame - 0x70).max(axis=2) > 60
    rows = np.nonzero(changed.any(axis=1))[0]
    assert rows.size and rows.min() > 1080 // 2, "the subtitle sits in the lower half"


async def queue_render(pilot):  # type: ignore[no-untyped-def]
    """From the episode screen, open the render screen and queue its default job."""
    await settle(pilot)
    episode(pilot.app)
    await pilot.press("ctrl+r")
    await pilot.pause()
    render = pilot.app.screen
    assert render.__class__.__name__ == "RenderScreen"
    await pilot.press("ctrl+s")
    return render


@pytest.mark.slow
async def test_queue_a_render_and_see_it_finish(project_with_video: Path) -> None:
    app = TtdnApp(project_with_video)
    async with app.run_test(size=SIZE) as pilot:
        render = await queue_render(pilot)
        assert await wait_until(pilot, lambda: render.last_outcome is not None, limit=120)  # type: ignore[attr-defined]
        assert render.last_outcome == "1 render(s) finished"  # type: ignore[attr-defined]
        assert render.bars, "the job had a progress bar"  # type: ignore[attr-defined]
        shown = " ".join(str(w.render()) for w in render.query("#queue Static"))
        # nothing is approved (four machine drafts, two empty): all six are named as left out
        assert "en: 6 cues not approved were left out" in " ".join(shown.split())
    outputs = sorted((project_with_video / "renders").rglob("*.mp4"))
    assert len(outputs) == 1
    probe = json.loads(
        subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration:stream=codec_type,width,height",
                "-of",
                "json",
                str(outputs[0]),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    video = next(s for s in probe["streams"] if s["codec_type"] == "video")
    assert abs(float(probe["format"]["duration"]) - 18.0) < 0.5
    assert video["height"] > 0
    with open_project(project_with_video) as store:
        jobs = list(store.db["render_jobs"].rows)
        assert [j["status"] for j in jobs] == ["done"]


@pytest.mark.slow
@pytest.mark.real_speed  # slow enough to be caught running
async def test_quitting_during_a_render_asks_then_stops_it_cleanly(
    project_with_video: Path,
) -> None:
    """Ctrl+Q while a render runs: a question first; "yes" stops ffmpeg, removes the
    unfinished file and the desk closes (it does not wait for the whole clip)."""
    renders = project_with_video / "renders"
    app = TtdnApp(project_with_video)
    async with app.run_test(size=SIZE) as pilot:
        await queue_render(pilot)
        assert await wait_until(pilot, lambda: bool(list(renders.glob(".*rendering*"))), limit=60)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmDialog", "quitting asks first"
        assert app.is_running
        await pilot.press("y")
    with open_project(project_with_video) as store:  # the render thread ends by itself, soon
        deadline = time.monotonic() + 30
        while [j["status"] for j in store.db["render_jobs"].rows] != ["cancelled"]:
            assert time.monotonic() < deadline, "the render was not stopped"
            time.sleep(0.05)
    assert not list(renders.glob("*.mp4")) and not list(renders.glob(".*rendering*"))


async def test_render_screen_offers_the_playout_presets(project_with_video: Path) -> None:
    from textual.widgets import Select

    app = TtdnApp(project_with_video)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(pilot.app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        render = pilot.app.screen
        assert render.__class__.__name__ == "RenderScreen"
        select = render.query_one("#r-preset", Select)
        for name in ("playout-1080i50", "playout-1080p25", "playout-xdcam-mxf"):
            select.value = name  # an option the screen does not list is refused
            await pilot.pause()
            assert select.selection == name
            shown = str(select.query_one("SelectCurrent").label)
            assert name in shown
