"""CTranslate2's threads are chosen by the program from the machine, or set explicitly."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.errors import ValidationError
from ttdn_studio.translate import threads
from ttdn_studio.translate.argos import installed_packages, load_model
from ttdn_studio.translate.threads import MtThreads, batch_size, mt_threads


@pytest.mark.parametrize("cores", [1, 2, 8, 64])
def test_one_thread_per_batch_and_one_batch_per_core(
    cores: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threads, "cpu_count", lambda: cores)
    chosen = mt_threads()
    assert (chosen.intra, chosen.inter) == (1, cores)
    assert chosen.source == f"chosen for {cores} core{'s' if cores > 1 else ''}"


def test_settings_override_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "cpu_count", lambda: 8)
    monkeypatch.setenv("TTDN_MT_INTRA_THREADS", "4")
    chosen = mt_threads()
    assert (chosen.intra, chosen.inter) == (4, 2)  # the cores left for parallel batches
    assert chosen.source == "set by TTDN_MT_INTRA_THREADS"
    monkeypatch.setenv("TTDN_MT_INTER_THREADS", "3")
    assert (mt_threads().intra, mt_threads().inter) == (4, 3)


def test_bad_thread_setting_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTDN_MT_INTRA_THREADS", "many")
    with pytest.raises(ValidationError, match="TTDN_MT_INTRA_THREADS"):
        mt_threads()


def test_the_loaded_model_runs_the_chosen_number_of_translators(
    argos_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (vi_en,) = [p for p in installed_packages() if p.pair == ("vi", "en")]
    monkeypatch.setattr(threads, "cpu_count", lambda: 2)
    assert load_model(vi_en).translator.num_translators == 2
    monkeypatch.setenv("TTDN_MT_INTER_THREADS", "1")
    assert load_model(vi_en).translator.num_translators == 1  # a new setting, a new model


@pytest.mark.parametrize(
    ("sentences", "inter", "size"),
    [(1, 2, 1), (24, 2, 12), (25, 2, 13), (64, 2, 32), (5000, 2, 32), (24, 8, 3), (7, 1, 7)],
)
def test_a_short_input_gives_every_parallel_translator_a_batch(
    sentences: int, inter: int, size: int
) -> None:
    threads = MtThreads(intra=1, inter=inter, cores=inter, source="test")
    assert batch_size(sentences, threads, largest=32) == size
