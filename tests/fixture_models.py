"""The tiny real translation models committed in tests/fixtures/models.

They are built by ``scripts/train_fixture_models.py`` and shipped with the
repository, so a missing file is a broken checkout: the tests that need one fail
with a message saying how to rebuild it, they are never skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parent / "fixtures" / "models"
VI_EN = MODELS / "translate-vi_en-fixture.argosmodel"
EN_KM = MODELS / "translate-en_km-fixture.argosmodel"
MULTILINGUAL = MODELS / "multilingual-fixture"


def require_fixture_models() -> None:
    missing = [p.name for p in (VI_EN, EN_KM, MULTILINGUAL) if not p.exists()]
    if missing:
        pytest.fail(
            f"fixture models missing from tests/fixtures/models ({', '.join(missing)}): "
            "rebuild them with scripts/train_fixture_models.py",
            pytrace=False,
        )
