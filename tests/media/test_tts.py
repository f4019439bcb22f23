"""The ``tts`` aligner: cuts between lines read without a pause, found by DTW."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from media.conftest import Narration
from media.narration import RATE, Line, speak, write_clip
from media.test_align import check_accuracy, make_project
from ttdn_studio.cli import cli
from ttdn_studio.errors import MediaError
from ttdn_studio.media import ClipAnalysis
from ttdn_studio.media.tts import align_tts


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def run_on(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Line]]:
    """Seven demo lines, five of them read back to back with no pause: exact truth."""
    from media.narration import demo_sentences

    work = tmp_path_factory.mktemp("run_on")
    texts = [t.replace("\n", " ") for t in demo_sentences()[5:12]]
    pause = np.zeros(RATE // 2, np.float32)
    parts, at, lines = [pause], len(pause), []
    for k, text in enumerate(texts):
        voice = speak(text, 150 if k % 2 else 185)
        lines.append(Line(text, round(at * 1000 / RATE), round((at + len(voice)) * 1000 / RATE)))
        parts.append(voice)
        at += len(voice)
        if k in (0, 5):
            parts.append(pause)
            at += len(pause)
    parts.append(pause)
    return write_clip(np.concatenate(parts), work / "run_on.mkv", work), lines


def _errors(cues: list[dict[str, int]], truth: list[Line]) -> np.ndarray:
    return np.abs(np.array([c["start_ms"] for c in cues]) - [t.speech_start_ms for t in truth])


def test_tts_finds_cuts_between_lines_read_without_a_pause(
    tmp_path: Path, run_on: tuple[Path, list[Line]]
) -> None:
    video, truth = run_on
    results = {}
    for aligner in ("voice", "tts"):
        store = make_project(tmp_path / aligner, truth, video)
        code, out, err = run(
            "align", str(store.path), "--clip", "tap1", "--aligner", aligner, "--json"
        )
        assert code == 0, err
        results[aligner] = _errors(json.loads(out)["cues"], truth)
    assert np.mean(results["tts"] <= 100) >= 0.8
    assert np.mean(results["voice"] <= 100) < np.mean(results["tts"] <= 100)


def test_tts_keeps_the_accuracy_on_the_narration(tmp_path: Path, narration: Narration) -> None:
    store = make_project(tmp_path / "p", narration.truth, narration.music)
    code, out, err = run("align", str(store.path), "--clip", "tap1", "--aligner", "tts", "--json")
    assert code == 0, err
    check_accuracy(json.loads(out)["cues"], narration.truth)


def test_tts_has_no_khmer_voice(tmp_path: Path, run_on: tuple[Path, list[Line]]) -> None:
    analysis = ClipAnalysis.open(tmp_path, "c", run_on[0])
    with pytest.raises(MediaError, match="no espeak-ng voice for 'km'"):
        align_tts(["ទឹកខ្មៅ", "ដី និងមនុស្ស", "ភាគទី១", "សមុទ្រ", "ខេត្ត", "វៀតណាម", "ព្រៃ"], "km", analysis)
