"""Old and new tone placement ("Tỉnh uỷ"/"Tỉnh ủy") match in every place terms are matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.glossary import Glossary, GlossaryEntry
from ttdn_studio.models import Cue, CueRow, Project, Translation
from ttdn_studio.qc import CHECKS
from ttdn_studio.qc.registry import QcContext
from ttdn_studio.translate.terms import mask_terms
from ttdn_studio.tui.filters import matches_search

NEW = GlossaryEntry(vi="Tỉnh ủy", en="Provincial Party Committee", domain="agency")
OLD = GlossaryEntry(vi="toạ độ", en="coordinates", domain="other")


@pytest.fixture
def glossary() -> Glossary:
    return Glossary([NEW, OLD])


def row(source: str, target: str | None = None) -> CueRow:
    cue = Cue(id=1, clip_id=1, start_ms=0, end_ms=2000, text=source)
    trs = {} if target is None else {"en": Translation(cue_id=1, lang="en", text=target)}
    return CueRow(index=1, clip="main", cue=cue, translations=trs)


def test_glossary_finds_the_other_tone_placement_with_original_spans(glossary: Glossary) -> None:
    text = "Ủy viên Ban Thường vụ TỈNH UỶ đo tọa độ"
    found = [(m.text, m.entry.vi) for m in glossary.find(text)]
    assert found == [("TỈNH UỶ", "Tỉnh ủy"), ("tọa độ", "toạ độ")]
    assert glossary.lookup("Tỉnh uỷ") is NEW


def test_qc_glossary_check_accepts_a_script_in_old_placement(glossary: Glossary) -> None:
    ctx = QcContext.build(Project(title="QC"), "en", glossary)  # type: ignore[arg-type]
    check = CHECKS["glossary"]
    missing = check.run_cue(ctx, row("Tỉnh uỷ họp.", "The committee met."), "en")
    assert [f.message for f in missing] == [
        "“Tỉnh uỷ” should be translated as “Provincial Party Committee”"
    ]
    good = check.run_cue(ctx, row("Tỉnh uỷ họp.", "The Provincial Party Committee met."), "en")
    assert not list(good)


def test_mt_masking_masks_the_old_placement(glossary: Glossary) -> None:
    masked = mask_terms("Tỉnh uỷ chỉ đạo.", glossary, "vi", "en")
    assert masked.text == "⟦T0⟧ chỉ đạo."
    assert masked.terms == ("Provincial Party Committee",)


def test_desk_search_ignores_tone_placement() -> None:
    r = row("Ban Thường vụ Tỉnh uỷ", "Standing Board")
    assert matches_search(r, "tỉnh ủy", ["en"])
    assert matches_search(row("Tỉnh ủy"), "TỈNH UỶ", [])
    assert matches_search(row("hoàng hôn"), "hoà", [])  # a needle ending inside a syllable
    assert not matches_search(r, "tỉnh ủy ban", ["en"])


def test_glossary_list_search_ignores_tone_placement(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["glossary", "list", "--search", "Tỉnh uỷ", "--json"])
    assert result.exit_code == 0, result.output
    found = {d["vi"] for d in json.loads(result.stdout)}
    assert "Tỉnh ủy" in found and "Bí thư Tỉnh ủy" in found


def test_desk_highlights_a_required_term_in_the_other_placement() -> None:
    from ttdn_studio.tui.widgets.cue_editor import find_spans

    text = "Ban Thường vụ Tỉnh uỷ họp"
    assert [text[a:b] for a, b in find_spans(text, ["tỉnh ủy"])] == ["Tỉnh uỷ"]
