"""Fixture models for translation tests: installed once per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ttdn_studio import locations
from ttdn_studio.store import NewCue, ProjectStore

MODELS = Path(__file__).resolve().parent.parent / "fixtures" / "models"
VI_EN = MODELS / "translate-vi_en-fixture.argosmodel"
EN_KM = MODELS / "translate-en_km-fixture.argosmodel"
MULTILINGUAL = MODELS / "multilingual-fixture"


def require_fixture_models() -> None:
    missing = [p.name for p in (VI_EN, EN_KM, MULTILINGUAL) if not p.exists()]
    if missing:
        pytest.skip(f"fixture models missing ({', '.join(missing)}): run scripts/train_fixture_models.py")


@pytest.fixture
def multilingual_model() -> Path:
    require_fixture_models()
    return MULTILINGUAL


@pytest.fixture(scope="session")
def installed_argos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An Argos folder with the vi→en and en→km fixture packages, installed for real once."""
    from ttdn_studio.translate.packages import install_package

    require_fixture_models()
    data = tmp_path_factory.mktemp("models-session")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TTDN_DATA_DIR", str(data))
        install_package(VI_EN)
        install_package(EN_KM)
    yield data / "models" / "argos"


@pytest.fixture
def argos_models(installed_argos: Path) -> Path:
    """This test's data folder holds the installed fixture packages."""
    target = locations.models_dir() / "argos"
    shutil.copytree(installed_argos, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def only_vi_en(argos_models: Path) -> Path:
    shutil.rmtree(argos_models / "translate-en_km-fixture")
    return argos_models


DEMO_CUES = [
    "Cà Mau rất đẹp.",
    "Du khách đến thăm Năm Căn.",
    "Từ Mũi Cà Mau đến Năm Căn rất xa.",
    "Chào mừng đến với Đất Mũi.\nNgư dân ở Sông Đốc đánh bắt cua.",
    "Rừng ngập mặn ở U Minh Hạ\nrất lớn.",
    "Cảm ơn quý vị đã theo dõi.",
]


def add_demo_cues(store: ProjectStore, texts: list[str] | None = None) -> list[int]:
    texts = texts or DEMO_CUES
    store.add_cues("main", [NewCue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(texts)])
    return [row.cue.id for row in store.cue_rows()]
