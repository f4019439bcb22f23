"""The spelling check: real Hunspell dictionaries (vi, en), khmercut's model, word lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.glossary import Glossary
from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.models import Cue, CueRow, Project, Translation
from ttdn_studio.qc import apply_fixes, check_text, run_qc
from ttdn_studio.qc.registry import QcContext
from ttdn_studio.qc.spelling import dictionary_files, other_tone_placement
from ttdn_studio.qc.spelling import spelling as spelling_check
from ttdn_studio.store import NewCue, ProjectStore, open_project

pytestmark = pytest.mark.skipif(
    not (dictionary_files("vi") and dictionary_files("en")),
    reason="Hunspell dictionaries are installed by scripts/setup.sh",
)


def spelling(
    text: str,
    lang: str = "vi",
    source: str = "",
    glossary: Glossary | None = None,
    words: list[str] | None = None,
) -> list[str]:
    project = Project(
        title="Cà Mau - Đất và người",
        target_langs=["en", "km"],
        settings={"spelling_words": words} if words else {},
    )
    ctx = QcContext.build(project, lang, glossary)
    cue_text = text if lang == "vi" else source
    cue = Cue.model_construct(id=0, clip_id=0, start_ms=0, end_ms=4000, text=cue_text)
    translations = (
        {} if lang == "vi" else {lang: Translation.model_construct(cue_id=0, lang=lang, text=text)}
    )
    row = CueRow.model_construct(index=1, clip="main", cue=cue, translations=translations)
    return spelling_check(ctx, row, lang)


def test_spelling_is_not_a_live_check() -> None:
    project = Project(title="QC", target_langs=["en"])
    found = check_text(project, "en", "The mangrovve.", 0, 2000, source_text="Rừng đước.")
    assert "spelling" not in {f.check for f in found}


def test_the_dictionaries_are_installed() -> None:
    assert dictionary_files("vi")[0].name == "vi_VN.dic"
    assert {p.name for p in dictionary_files("en")} >= {"en_GB.dic"}


def test_vietnamese_misspellings_are_flagged_and_correct_text_is_not() -> None:
    assert spelling("Rừng đước Năm Căn là lá phổi xanh\ncủa vùng đất mũi.") == []
    (message,) = spelling("Rừg đước Năm Căn là lá phổi xnah.")
    assert "“Rừg”" in message and "“xnah”" in message and "warning" not in message


@pytest.mark.parametrize("word", ["hòa", "hoà", "Tỉnh ủy", "Tỉnh uỷ", "tọa độ", "toạ độ"])
def test_either_tone_placement_is_correct(word: str) -> None:
    assert spelling(f"Chuyện {word} bình.") == []


def test_other_tone_placement_both_ways() -> None:
    assert other_tone_placement("hoà") == "hòa"
    assert other_tone_placement("hòa") == "hoà"
    assert other_tone_placement("Uỷ") == "Ủy"
    assert other_tone_placement("quý") == "quý"  # the u of qu carries no tone
    assert other_tone_placement("hoàng") == "hoàng"


def test_english_british_and_american_spellings_pass_misspellings_do_not() -> None:
    assert spelling("The mangrove forest is recognised, 41,000 metres wide.", "en") == []
    assert spelling("It is recognized, many meters wide.", "en") == []
    (message,) = spelling("The mangrovve forrest.", "en")
    assert "“mangrovve”" in message and "“forrest”" in message


def test_names_from_the_source_pass_in_a_translation() -> None:
    source = "Ngược lên phía bắc là Năm Căn."
    assert spelling("Further north lies Nam Can.", "en", source=source) == []
    assert spelling("Further north lies Năm Căn.", "en", source=source) == []
    assert spelling("Further north lies Namm Can.", "en", source=source) != []


def test_glossary_terms_and_acronyms_pass() -> None:
    glossary = Glossary([GlossaryEntry(vi="Khâu Vai", en="Khau Vai Love Market")])
    assert spelling("The Khau Vai Love Market opens.", "en") != []
    assert spelling("The Khau Vai Love Market opens.", "en", glossary=glossary) == []
    assert spelling("UNESCO and GPS.", "en") == []


def test_the_project_word_list_passes_in_any_case_and_tone_placement() -> None:
    assert spelling("Lễ Oóc Om Bóc.") != []
    assert spelling("Lễ Oóc Om Bóc.", words=["oóc", "Bóc"]) == []


def test_khmer_words_the_segmenter_has_not_seen_are_flagged() -> None:
    assert spelling("ព្រៃកោងការពារដីថ្មីទាំងនោះ។", "km") == []
    (message,) = spelling("ព្រៃការពារដីថមីទាំងនោះ។", "km")
    assert "“ថមី”" in message
    assert spelling("ព្រៃការពារដីថមីទាំងនោះ។", "km", words=["ថមី"]) == []


@pytest.fixture
def project(store: ProjectStore) -> Path:
    store.add_cues("main", [NewCue(0, 2000, "Rừng đước Năm Căn.", {"en": "The mangrovve forest."})])
    store.close()
    return store.path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_spell_add_silences_the_check_undo_brings_it_back(project: Path) -> None:
    def findings() -> list[str]:
        code, out, _ = run("qc", str(project), "--lang", "en", "--check", "spelling", "--json")
        assert code == 0  # a warning never fails qc
        return [f["message"] for f in json.loads(out)["findings"]]

    assert len(findings()) == 1
    code, out, err = run("spell", "add", str(project), "Mangrovve", "--json")
    assert code == 0, err
    assert json.loads(out) == {"added": ["Mangrovve"]}
    assert findings() == []
    code, out, _ = run("spell", "add", str(project), "MANGROVVE")
    assert code == 0 and "Added 0 word(s)" in out
    code, out, _ = run("spell", "list", str(project))
    assert out.split() == ["Mangrovve"]
    assert run("undo", str(project))[0] == 0
    assert len(findings()) == 1
    code, _, err = run("spell", "add", str(project), "a1!")
    assert code == 1 and "not a word" in err


def test_misspellings_are_never_fixed(project: Path) -> None:
    with open_project(project) as store:
        apply_fixes(store, "en")
        assert [f.check for f in run_qc(store, "en", checks=["spelling"])] == ["spelling"]
        (row,) = store.cue_rows()
        assert row.translations["en"].text == "The mangrovve forest."
