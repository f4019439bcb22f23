"""Word files typed with TCVN3 (.VnTime) or VNI fonts import as Unicode Vietnamese."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from ttdn_studio.formats.docx_legacy import describe_ranges, font_encoding, guess_codec
from ttdn_studio.formats.legacy import legacy_codec
from ttdn_studio.formats.scripts import legacy_summary, read_docx


def as_font_text(text: str, codec: str) -> str:
    """What Word stores for ``text`` typed with a ``codec`` font: the bytes as cp1252 chars."""
    found = legacy_codec(codec)
    assert found is not None
    return found.encode(text).decode("cp1252")


def build(paragraphs: list[tuple[str, str | None]]) -> bytes:
    document = docx.Document()
    for text, font in paragraphs:
        run = document.add_paragraph().add_run(text)
        if font:
            run.font.name = font
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_vntime_docx_reads_as_unicode() -> None:
    data = build([("Cµ Mau lµ tØnh cùc Nam cña Tæ quèc.", ".VnTime")])
    blocks = read_docx(data, Path("script.docx"))
    assert [b.text for b in blocks] == ["Cà Mau là tỉnh cực Nam của Tổ quốc."]
    assert blocks[0].encoding == "tcvn3"


def test_each_paragraph_keeps_its_own_encoding_and_the_summary_names_the_ranges() -> None:
    data = build(
        [
            ("Cµ Mau lµ tØnh cùc Nam.", ".VnTime"),
            (as_font_text("Rừng đước Năm Căn.", "tcvn3"), ".VnTimeH"),
            ("Đất Mũi trong Unicode.", "Times New Roman"),
            (as_font_text("Người dân làm nghề biển.", "vni"), "VNI-Times"),
        ]
    )
    blocks = read_docx(data, Path("script.docx"))
    assert [b.text for b in blocks] == [
        "Cà Mau là tỉnh cực Nam.",
        "Rừng đước Năm Căn.",
        "Đất Mũi trong Unicode.",
        "Người dân làm nghề biển.",
    ]
    assert legacy_summary(blocks) == "tcvn3 in paragraphs 1-2, vni in paragraph 4"


def test_legacy_text_in_a_unicode_font_is_found_by_its_score() -> None:
    data = build([("Cµ Mau lµ tØnh cùc Nam cña Tæ quèc, n¬i cã rõng ®\xadíc.", "Arial")])
    blocks = read_docx(data, Path("script.docx"))
    assert blocks[0].text.startswith("Cà Mau là tỉnh cực Nam của Tổ quốc")
    assert blocks[0].encoding == "tcvn3"


def test_unicode_vietnamese_and_english_are_left_alone() -> None:
    data = build([("Cà Mau là tỉnh cực Nam.", None), ("Café in Ca Mau: naïve résumé.", None)])
    blocks = read_docx(data, Path("script.docx"))
    assert [b.text for b in blocks] == ["Cà Mau là tỉnh cực Nam.", "Café in Ca Mau: naïve résumé."]
    assert legacy_summary(blocks) == ""
    assert guess_codec("Café in Ca Mau: naïve résumé.") is None


def test_font_names() -> None:
    assert font_encoding(".VnTime") == "tcvn3"
    assert font_encoding(".VnArialH") == "tcvn3"
    assert font_encoding("VNI-Times") == "vni"
    assert font_encoding("Times New Roman") is None
    assert font_encoding(None) is None
    assert describe_ranges([(1, None), (3, "vni"), (4, "vni"), (5, "tcvn3")]) == (
        "vni in paragraphs 3-4, tcvn3 in paragraph 5"
    )


def test_import_summary_names_the_legacy_encoding(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ttdn_studio.cli import cli
    from ttdn_studio.models import Project
    from ttdn_studio.store import create_project, open_project

    create_project(tmp_path / "ep", Project(title="Tập thử")).close()
    script = tmp_path / "kich-ban.docx"
    script.write_bytes(
        build(
            [
                ("Cµ Mau lµ tØnh cùc Nam cña Tæ quèc.", ".VnTime"),
                ("Rõng ®\xadíc N¨m C¨n.", ".VnTime"),
                ("Đất Mũi hôm nay.", None),
            ]
        )
    )
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "ep"), str(script)])
    assert result.exit_code == 0, result.output
    assert "legacy fonts: tcvn3 in paragraphs 1-2" in result.output
    store = open_project(tmp_path / "ep")
    try:
        texts = [row.cue.text.replace("\n", " ") for row in store.cue_rows()]
    finally:
        store.close()
    assert texts[0] == "Cà Mau là tỉnh cực Nam của Tổ quốc."
    assert "Rừng đước Năm Căn." in texts


def test_a_bilingual_table_in_vntime_is_decoded_per_cell() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    rows = [("Tiếng Việt", "English"), ("Rõng ®\xadíc N¨m C¨n", "The Nam Can mangroves")]
    for row, (vi, en) in zip(table.rows, rows, strict=True):
        vi_run = row.cells[0].paragraphs[0].add_run(vi)
        if vi != "Tiếng Việt":
            vi_run.font.name = ".VnTime"
        row.cells[1].paragraphs[0].add_run(en)
    out = io.BytesIO()
    document.save(out)
    blocks = read_docx(out.getvalue(), Path("bang.docx"))
    assert [(b.text, b.pair) for b in blocks] == [("Rừng đước Năm Căn", "The Nam Can mangroves")]
    assert legacy_summary(blocks) == "tcvn3 in paragraph 2"
