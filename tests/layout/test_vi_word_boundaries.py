"""Vietnamese line breaking keeps multi-syllable words, names and glossary terms whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ttdn_studio.formats.splitting import split_script, wrap_lines
from ttdn_studio.glossary import Glossary, GlossaryEntry
from ttdn_studio.layout.fit import fit_text
from ttdn_studio.layout.vi_words import inner_spaces, word_spans
from ttdn_studio.models import Project
from ttdn_studio.models.profiles import profile_for
from ttdn_studio.store import NewCue, create_project
from ttdn_studio.store.timing import split_cue

VI = profile_for(None, "vi")
COMPOUNDS = ["chương trình", "nuôi trồng", "thủy sản", "hải sản", "Năm Căn", "rừng đước"]
TERM = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
SENTENCES = [
    "Người dân ở đây sống bằng nghề nuôi trồng thủy sản và đánh bắt hải sản ven bờ",
    "Hôm nay chúng tôi xin giới thiệu chương trình về rừng đước Năm Căn",
    "Mỗi năm du khách từ khắp nơi tìm về thăm Năm Căn và rừng đước",
]


def broken(text: str, words: list[str]) -> list[str]:
    """The words of ``words`` that a line break cuts in ``text``."""
    flat = text.replace("\n", " ")
    out = []
    for word in words:
        start = flat.find(word)
        while start >= 0:
            if "\n" in text[start : start + len(word)]:
                out.append(word)
            start = flat.find(word, start + 1)
    return out


def test_segmenter_finds_compounds_names_and_terms_in_either_tone_placement() -> None:
    text = "Đoàn của Ban Tuyên giáo và Dân vận Tỉnh uỷ thăm chương trình nuôi trồng ở Năm Căn"
    found = [text[a:b] for a, b in word_spans(text, [TERM])]
    assert "Ban Tuyên giáo và Dân vận Tỉnh uỷ" in found
    assert {"chương trình", "nuôi trồng", "Năm Căn"} <= set(found)
    assert text.index(" ", text.index("Tuyên")) in inner_spaces(text, [TERM])


def test_qc_fit_never_breaks_inside_a_word() -> None:
    line = "Người dân ở đây sống bằng nghề nuôi trồng thủy sản và đánh bắt hải sản ven bờ"
    fitted = fit_text(line, "vi", VI)
    assert "\n" in fitted and not broken(fitted, COMPOUNDS)
    for text in SENTENCES:
        assert not broken(fit_text(text, "vi", VI), COMPOUNDS), text


def test_wrap_and_script_splitting_keep_words_and_glossary_terms() -> None:
    for text in SENTENCES:
        assert not broken(wrap_lines(text, 42, 2, "vi"), COMPOUNDS), text
    text = "Đoàn công tác của Ban Tuyên giáo và Dân vận Tỉnh uỷ đến thăm Năm Căn"
    wrapped = wrap_lines(text, 42, 2, "vi", (TERM,))
    assert not broken(wrapped, ["Ban Tuyên giáo và Dân vận Tỉnh uỷ", "Năm Căn"])
    paragraph = " ".join(SENTENCES) + ". " + text + "."
    pieces = split_script(paragraph, VI, [TERM])
    assert not broken("\n".join(pieces), [*COMPOUNDS, "Ban Tuyên giáo và Dân vận Tỉnh uỷ"])


def test_other_languages_are_unchanged() -> None:
    text = "The people here live from aquaculture and from fishing along the coast"
    assert wrap_lines(text, 42, 2, "en") == wrap_lines(text, 42, 2)


def test_the_desks_split_keeps_a_vietnamese_translation_word_whole(tmp_path: Path) -> None:
    project = Project(title="Dịch sang tiếng Việt", source_lang="en", target_langs=["vi"])
    store = create_project(tmp_path / "envi", project)
    try:
        store.add_clip("main")
        source = "People here farm shrimp and fish along the coast"
        translation = "Người dân ở đây nuôi trồng thủy sản ven biển"
        store.add_cues("main", [NewCue(0, 4000, source, {"vi": translation})])
        split_cue(store, store.cue_rows()[0].cue.id, len("People here farm shrimp"))
        a, b = (row.translations["vi"].text for row in store.cue_rows())
        assert a and b and f"{a} {b}" == translation
        assert not broken(f"{a}\n{b}", ["nuôi trồng", "thủy sản", "Người dân"])
    finally:
        store.close()


def test_the_segmenter_is_imported_only_when_vietnamese_is_broken() -> None:
    code = (
        "import sys, ttdn_studio.layout.fit, ttdn_studio.formats.splitting, ttdn_studio.tui;"
        "print('underthesea' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["", "Cà", "Năm Căn", "  "])
def test_short_texts(text: str) -> None:
    assert word_spans(text) == ([(0, len(text))] if text == "Năm Căn" else [])


def test_glossary_terms_from_the_glossary_are_kept_by_qc_fixes() -> None:
    glossary = Glossary([GlossaryEntry(vi=TERM, en="Commission")])
    text = "Hôm nay đoàn công tác của Ban Tuyên giáo và Dân vận Tỉnh uỷ về thăm bà con"
    keep = [m.text for m in glossary.find(text)]
    assert keep == ["Ban Tuyên giáo và Dân vận Tỉnh uỷ"]
    assert not broken(fit_text(text, "vi", VI, keep=keep), keep)
