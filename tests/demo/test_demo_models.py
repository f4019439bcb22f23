"""``scripts/demo_models.py`` (run by ``scripts/demo.sh``): the demo's models go in only
for pairs that have no package, so a person's real model is never replaced."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ttdn_studio.translate.argos import installed_packages
from ttdn_studio.translate.packages import install_package

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "tests" / "fixtures" / "models"


def run_script() -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo_models.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_demo_models_fill_the_missing_pairs_once() -> None:
    said = run_script()
    assert "vi→en" in said and "en→km" in said
    assert {p.pair for p in installed_packages()} == {("vi", "en"), ("en", "km")}
    assert run_script() == ""  # installed already: nothing to do


def test_a_pair_with_a_package_keeps_it() -> None:
    install_package(MODELS / "translate-vi_en-fixture.argosmodel")
    (before,) = installed_packages()
    stamp = (before.path / "model").stat().st_mtime_ns
    said = run_script()
    assert "vi→en" not in said and "en→km" in said
    vi_en = next(p for p in installed_packages() if p.pair == ("vi", "en"))
    assert (vi_en.path / "model").stat().st_mtime_ns == stamp
