"""Generated hostile files: control bytes, undecodable names, truncated and mis-encoded
files, huge files. Each is imported through the CLI; a refusal leaves the project unchanged."""

from __future__ import annotations

import json
import os
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hostile_cli import assert_refused, dump, run

from ttdn_studio.store import open_project

ESC, BEL, NEL, CSI, RLO, LRI = "\x1b", "\x07", "\x85", "\x9b", "\u202e", "\u2066"


def srt(*texts: str) -> str:
    texts = (*texts, *(f"Dòng bình thường số {i}" for i in range(40)))  # controls stay rare
    blocks = [
        f"{i}\n00:{2 * i // 60:02d}:{2 * i % 60:02d},000 --> 00:{2 * i // 60:02d}:{2 * i % 60:02d},900\n{text}\n"
        for i, text in enumerate(texts, start=1)
    ]
    return "\n".join(blocks)


def test_control_characters_are_stripped_on_import_and_counted(
    project: Path, tmp_path: Path
) -> None:
    hostile = srt(
        f"{ESC}]0;owned{BEL}Cà Mau{ESC}[2J",  # a title-setting escape, then clear screen
        f"Năm Căn{NEL}{CSI}31m đỏ",  # C1 controls
        f"{RLO}gnọd ờig{LRI} ở\tĐất Mũi",  # bidi override and isolate; the tab is kept
    )
    (tmp_path / "tap-2.srt").write_text(hostile, encoding="utf-8")
    result = run("import", project, tmp_path / "tap-2.srt", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["controls_removed"] == 7
    assert any("removed 7 control character(s)" in w for w in report["warnings"])
    with open_project(project) as store:
        texts = [r.cue.text for r in store.cue_rows("tap-2", langs=[])]
    assert texts[:3] == ["]0;ownedCà Mau[2J", "Năm Căn31m đỏ", "gnọd ờig ở\tĐất Mũi"]


def test_the_import_summary_warns_of_stripped_characters(project: Path, tmp_path: Path) -> None:
    (tmp_path / "tap-3.srt").write_text(srt(f"Cà Mau{BEL}{BEL}"), encoding="utf-8")
    result = run("import", project, tmp_path / "tap-3.srt")
    assert result.code == 0
    assert "warning: removed 2 control character(s)" in result.err


def test_ttml_character_references_to_bidi_overrides_are_stripped(
    project: Path, tmp_path: Path
) -> None:
    ttml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="vi"><body><div>'
        '<p begin="00:00:01.000" end="00:00:02.000">&#x202E;Cà Mau&#x202C;</p>'
        "</div></body></tt>\n"
    )
    (tmp_path / "tap-4.ttml").write_text(ttml, encoding="utf-8")
    assert run("import", project, tmp_path / "tap-4.ttml").code == 0
    with open_project(project) as store:
        assert [r.cue.text for r in store.cue_rows("tap-4", langs=[])] == ["Cà Mau"]


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_text_needs_a_clip_name(project: Path, tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"t\xffp.srt")
    with open(raw, "w", encoding="utf-8") as f:
        f.write(srt("Cà Mau"))
    before = dump(project)
    err = assert_refused(run("import", project, os.fsdecode(raw)), code=1, max_lines=1)
    assert "t\\udcffp.srt" in err and "--clip" in err
    assert dump(project) == before


def _store_raw(project: Path, text: str) -> None:
    """The first cue's text set to ``text`` as it is, under the program's checks."""
    conn = sqlite3.connect(project / "project.db")
    conn.execute("UPDATE cues SET text = ? WHERE text = 'Đất Mũi'", (text,))
    conn.commit()
    conn.close()


def test_stored_text_with_escapes_is_escaped_when_listed(project: Path) -> None:
    _store_raw(project, f"Đất Mũi{ESC}[2J{RLO}")  # text that came in before stripping existed
    result = run("cues", project)
    assert result.code == 0
    assert "Đất Mũi\\x1b[2J\\u202e" in result.out
    assert ESC not in result.out and RLO not in result.out


def test_glossary_terms_are_kept_without_escapes(tmp_path: Path) -> None:
    args = ("glossary", "add", f"Hòn{ESC}[5m Khoai", "--en", f"Khoai{BEL} Island")
    assert run(*args).code == 0
    result = run("glossary", "list", "--search", "Khoai")
    assert "Hòn[5m Khoai → Khoai Island" in result.out
    assert ESC not in result.out
    assert run("glossary", "export", tmp_path / "terms.tbx").code == 0
    back = run("glossary", "import", tmp_path / "terms.tbx", "--json")
    assert back.code == 0, back.err  # the TBX is valid XML


def test_a_file_name_with_escapes_is_escaped_in_the_summary(project: Path, tmp_path: Path) -> None:
    path = tmp_path / f"{ESC}[2Jtap{BEL}.srt"
    path.write_text(srt("Cà Mau"), encoding="utf-8")
    result = run("import", project, path, "--clip", "tap-5")
    assert result.code == 0, result.err
    assert "Imported \\x1b[2Jtap\\x07.srt" in result.out
    assert ESC not in result.out


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_an_undecodable_file_name_is_printed_escaped(project: Path, tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"t\xffp.srt")
    with open(raw, "w", encoding="utf-8") as f:
        f.write(srt("Cà Mau"))
    result = run("import", project, os.fsdecode(raw), "--clip", "tap-6")
    assert result.code == 0, result.err
    assert "Imported t\\udcffp.srt" in result.out


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("truncated.srt", b"1\n00:00:01,000 --> 00:00:0", "bad timing line"),
        ("latin1.srt", b"1\n00:00:01,000 --> 00:00:02,000\nC\xe0 Mau\n", "cannot be read"),
        ("garbage.srt", b"\xff\xfe\x00\x01\x00garbage\x00\x00", "no subtitles found"),
        ("one-line.txt", ("Cà Mau " * 100_000).encode(), "not a script"),
        ("empty.vtt", b"  \n\n", "is empty"),
    ],
)
def test_a_broken_file_is_refused_whole(
    project: Path, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    (tmp_path / name).write_bytes(data)
    before = dump(project)
    encoding = ["--encoding", "utf-8"] if name == "latin1.srt" else []
    err = assert_refused(run("import", project, tmp_path / name, *encoding), code=1)
    assert words in err and name in err
    assert dump(project) == before


def test_a_100k_line_file_imports_whole(project: Path, tmp_path: Path) -> None:
    def clock(ms: int) -> str:
        return (
            f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
        )

    lines = []
    for i in range(25_000):
        lines += [str(i + 1), f"{clock(i * 2000)} --> {clock(i * 2000 + 1500)}", f"Dòng {i}", ""]
    (tmp_path / "long.srt").write_text("\n".join(lines), encoding="utf-8")
    assert len(lines) == 100_000
    result = run("import", project, tmp_path / "long.srt", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["created"] == 25_000


def test_a_damaged_database_is_one_line(project: Path) -> None:
    (project / "project.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    for name in ("project.db-wal", "project.db-shm"):
        (project / name).unlink(missing_ok=True)
    err = assert_refused(run("cues", project), code=1, max_lines=1)
    assert "not a readable project database" in err


def test_json_output_escapes_what_the_terminal_would_act_on(project: Path) -> None:
    stored = f"Đất Mũi{RLO}{NEL}\x7f{ESC}"
    _store_raw(project, stored)  # text that came in before stripping existed
    result = run("cues", project, "--json")
    assert result.code == 0
    assert not any(ch in result.out for ch in (RLO, NEL, "\x7f", ESC))
    assert "Đất Mũi\\u202e\\u0085\\u007f\\u001b" in result.out
    assert json.loads(result.out)[0]["text"]["vi"] == stored


def test_a_title_with_control_characters_is_stored_without_them(tmp_path: Path) -> None:
    title = f"Tập\x0b1{ESC}[2J Cà Mau{BEL}{RLO}"  # a Word line break, an escape, a bidi override
    assert run("new", tmp_path / "tap-9", "--title", title).code == 0
    with open_project(tmp_path / "tap-9") as store:
        assert store.project.title == "Tập 1[2J Cà Mau"


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        ("settings = 'not json'", "its languages or settings are not JSON"),
        ("target_langs = '{'", "its languages or settings are not JSON"),
        ("fps = 0", "fps: frame rate 0.0 is out of range"),
        ("target_langs = '[\"vi\"]'", "(vi is both the source and a target language)"),
    ],
)
@pytest.mark.parametrize("command", [["cues"], ["export", "--lang", "vi", "-o", "{tmp}/x.srt"]])
def test_a_damaged_project_record_is_one_line_naming_the_database(
    project: Path, tmp_path: Path, damage: str, words: str, command: list[str]
) -> None:
    conn = sqlite3.connect(project / "project.db")
    conn.execute(f"UPDATE project SET {damage}")
    conn.commit()
    conn.close()
    before = dump(project)
    args = [command[0], project, *(a.format(tmp=tmp_path) for a in command[1:])]
    err = assert_refused(run(*args), code=1, max_lines=1)
    assert f"{project / 'project.db'}: the project's own record is damaged" in err
    assert words in err
    assert dump(project) == before


def test_a_cue_that_ends_where_it_starts_is_imported_with_a_warning(
    project: Path, tmp_path: Path
) -> None:
    (tmp_path / "tap-7.srt").write_text(
        "1\n00:00:01,000 --> 00:00:01,000\nĐất Mũi\n\n2\n00:00:02,000 --> 00:00:03,000\nNăm Căn\n",
        encoding="utf-8",
    )
    result = run("import", project, tmp_path / "tap-7.srt", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["created"] == 2
    assert report["warnings"] == [
        "tap-7.srt: 1 cue ending where it starts (0 ms: never shown) at line 2; "
        "give it an out-time (ttdn qc lists it)"
    ]


@pytest.mark.parametrize("command", ["notes", "review"])
def test_review_sheets_leave_out_stored_control_characters(
    project: Path, tmp_path: Path, command: str
) -> None:
    conn = sqlite3.connect(project / "project.db")  # as stored before such text was refused
    conn.execute("UPDATE cues SET text = ? WHERE text = 'Đất Mũi'", (f"Đất\x0bMũi{ESC}[2J",))
    conn.execute(
        "INSERT INTO notes (cue_id, lang, text, author, at) VALUES (1, 'en', ?, 'x', '')",
        (f"Sai{BEL} tên",),
    )
    conn.commit()
    conn.close()
    sheet = tmp_path / "sheet.docx"
    extra = ["--since", "2000-01-01"] if command == "review" else []
    result = run(command, project, *extra, "--export", sheet)
    assert result.code == 0, result.err
    with zipfile.ZipFile(sheet) as package:
        text = package.read("word/document.xml").decode("utf-8")
    assert "Mũi[2J" in text and ESC not in text


def test_a_ttml_export_of_stored_control_characters_is_valid_xml(
    project: Path, tmp_path: Path
) -> None:
    conn = sqlite3.connect(project / "project.db")  # as stored before such text was refused
    conn.execute("UPDATE cues SET text = ? WHERE text = 'Đất Mũi'", (f"Đất\x0bMũi{ESC}[2J\x00",))
    conn.commit()
    conn.close()
    out = tmp_path / "tap-1.ttml"
    assert run("export", project, "--lang", "vi", "-o", out).code == 0
    back = run("import", project, out, "--clip", "tap-1 again", "--json")
    assert back.code == 0, back.err
    with open_project(project) as store:
        assert store.cue_rows("tap-1 again", langs=[])[0].cue.text == "Đất\nMũi[2J"


def test_text_typed_with_control_characters_is_stored_without_them(project: Path) -> None:
    with open_project(project) as store:  # as the desk saves what was typed or pasted
        row = store.cue_rows("tap-1", langs=["en"])[0]
        store.edit_cue(row.cue.id, text=f"Đất{ESC}[2J\x0bMũi{RLO}", expected_version=None)
        store.edit_translation(row.cue.id, "en", f"Dat Mui{BEL}\x00 Cape", expected_version=None)
    assert run("notes", project, "--add", f"Sai{ESC}[5m tên", "--cue", "1").code == 0
    with open_project(project) as store:
        row = store.cue_rows("tap-1", langs=["en"])[0]
        assert (row.cue.text, row.text("en", "vi")) == ("Đất[2J\nMũi", "Dat Mui Cape")
    listed = run("notes", project, "--json")
    assert "Sai[5m tên" in listed.out and "\\u001b" not in listed.out


def test_the_memory_keeps_pairs_without_control_characters_and_exports_valid_tmx(
    tmp_path: Path,
) -> None:
    from ttdn_studio import locations
    from ttdn_studio.store.translation_memory import TranslationMemory

    with TranslationMemory(locations.tm_file()) as tm:
        tm.add(f"Đất{ESC}[2J Mũi", f"Dat\x0bMui{BEL}", "vi", "en")
    conn = sqlite3.connect(locations.tm_file())
    stored = conn.execute("SELECT source, target FROM units").fetchall()
    assert stored == [("Đất[2J Mũi", "Dat Mui")]  # segments are kept on one line
    conn.execute(  # a pair stored by an older version
        "INSERT INTO units (source, target, src_lang, tgt_lang, created_at, updated_at, source_key)"
        " VALUES (?, ?, 'vi', 'en', '2026-01-01', '2026-01-01', 'nam can')",
        (f"Năm Căn{ESC}", "Nam\x00Can"),
    )
    conn.commit()
    conn.close()
    assert run("tm", "export", tmp_path / "memory.tmx").code == 0
    ET.parse(tmp_path / "memory.tmx")  # valid XML
    text = (tmp_path / "memory.tmx").read_text(encoding="utf-8")
    assert "Đất[2J Mũi" in text and "NamCan" in text


def test_a_word_line_break_in_an_imported_file_becomes_a_line_break(
    project: Path, tmp_path: Path
) -> None:
    """Not removed (which joined the words either side: "ĐấtMũi"), and not counted."""
    (tmp_path / "tap-4.srt").write_text(srt("Mũi Cà Mau\x0bĐất Mũi"), encoding="utf-8")
    result = run("import", project, tmp_path / "tap-4.srt", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["controls_removed"] == 0
    with open_project(project) as store:
        texts = [r.cue.text for r in store.cue_rows("tap-4", langs=[])]
    assert texts[0] == "Mũi Cà Mau\nĐất Mũi"
