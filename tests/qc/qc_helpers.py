"""Names the QC tests import (a module of its own: ``conftest`` is not unique across folders)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ttdn_studio.models import CueRow
from ttdn_studio.qc.registry import QcContext

QC_FIXTURES = Path(__file__).parent / "fixtures"

RowFactory = Callable[..., CueRow]
CtxFactory = Callable[..., QcContext]


def khmer_fixture() -> list[tuple[str, set[int]]]:
    """(sentence, acceptable break offsets) from ``khmer_breaks.txt``."""
    out = []
    for raw in (QC_FIXTURES / "khmer_breaks.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        text = raw.replace("|", "")
        marks, pos = set(), 0
        for ch in raw:
            if ch == "|":
                marks.add(pos)
            else:
                pos += 1
        marks |= {i for i, ch in enumerate(text) if ch == " "}
        out.append((text, marks))
    return out
