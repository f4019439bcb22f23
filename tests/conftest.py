"""Shared fixtures: every test runs with its own data, config and projects folders."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixture_models import EN_KM, MULTILINGUAL, VI_EN, require_fixture_models

from ttdn_studio import locations
from ttdn_studio.models import Project
from ttdn_studio.store import ProjectStore, create_project

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    base = tmp_path_factory.mktemp("ttdn-home")
    for name, sub in (
        ("TTDN_DATA_DIR", "data"),
        ("TTDN_CONFIG_DIR", "config"),
        ("TTDN_PROJECTS_DIR", "projects"),
    ):
        (base / sub).mkdir()
        monkeypatch.setenv(name, str(base / sub))
    monkeypatch.setenv("TTDN_USER", "tester")
    return base


@pytest.fixture(autouse=True)
def fast_renders(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renders in tests use x264's ``ultrafast`` speed (same pictures, less CPU), except in
    tests marked ``real_speed`` (those that must catch a render while it runs)."""
    if request.node.get_closest_marker("real_speed") is not None:
        return
    from dataclasses import replace

    from ttdn_studio.render.presets import PRESETS

    for name, preset in list(PRESETS.items()):
        monkeypatch.setitem(PRESETS, name, replace(preset, speed="ultrafast"))


@pytest.fixture
def store(tmp_path: Path) -> ProjectStore:
    """An empty project with one clip named ``main``."""
    s = create_project(tmp_path / "episode", Project(title="Cà Mau - Đất và người, tập thử"))
    s.add_clip("main")
    return s


@pytest.fixture
def multilingual_model() -> Path:
    """The multilingual (NLLB-style) CTranslate2 fixture model folder."""
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
