"""Two people on one project: roles, the pre-air gate, notes, assignment, the report."""

from __future__ import annotations

from datetime import date

import pytest

from ttdn_studio.errors import HistoryError
from ttdn_studio.models import Status
from ttdn_studio.services import editorial, reviewing
from ttdn_studio.services.workflow import set_status
from ttdn_studio.store import ProjectStore
from ttdn_studio.store.editorial import roles, signoffs


def approve_all(store: ProjectStore, lang: str = "en") -> None:
    ids = [r.cue.id for r in store.cue_rows("intro")]
    set_status(store, ids, lang, Status.APPROVED)


def test_no_roles_keeps_the_old_behaviour(person) -> None:
    lan = person("lan")
    ids = [r.cue.id for r in lan.cue_rows("intro")]
    assert set_status(lan, ids, "en", Status.APPROVED) == 3  # anyone may approve
    assert roles(lan.conn) == {}


def test_roles_refuse_what_a_role_may_not_do(person) -> None:
    chief = person("hung")
    editorial.set_role(chief, "hung", "chief-editor")
    editorial.set_role(chief, "lan", "translator")
    editorial.set_role(chief, "minh", "editor")
    assert roles(chief.conn) == {"hung": "chief", "lan": "translator", "minh": "editor"}
    lan = person("lan")
    cue = lan.cue_rows("intro")[0].cue.id
    assert set_status(lan, [cue], "en", Status.REVIEWED) == 1  # a translator marks done
    with pytest.raises(
        editorial.RoleError,
        match="lan is a translator in this project; only an editor or above may approve",
    ):
        set_status(lan, [cue], "en", Status.APPROVED)
    assert lan.translation(cue, "en").status == Status.REVIEWED  # unchanged
    with pytest.raises(editorial.RoleError, match="only a chief editor may set roles"):
        editorial.set_role(lan, "lan", "chief")
    minh = person("minh")
    assert set_status(minh, [cue], "en", Status.APPROVED) == 1  # an editor approves
    with pytest.raises(editorial.RoleError, match="only a chief editor may clear a clip"):
        editorial.clear(minh, "intro", "km")
    stranger = person("tuan")
    with pytest.raises(editorial.RoleError, match="tuan has no role in this project"):
        set_status(stranger, [cue], "en", Status.DRAFT)


def test_the_gate_blocks_until_a_chief_editor_signs_off_then_clears(person) -> None:
    chief = person("hung")
    editorial.set_role(chief, "hung", "chief")
    editorial.set_role(chief, "minh", "editor")
    minh = person("minh")
    approve_all(minh)
    clip = minh.clip("intro")
    # blocked: the clip says "South China Sea"
    with pytest.raises(
        editorial.GateError, match=r"intro cue 2 \(en\): sensitive: “South China Sea”"
    ):
        editorial.clear(chief, "intro", "en")
    with pytest.raises(editorial.GateError, match="open sensitive findings in intro cue 2"):
        editorial.check_air(chief, [clip], ["en"])
    # only a chief editor signs off, and only with a reason
    with pytest.raises(editorial.RoleError):
        editorial.sign_off(minh, "intro", 2, "en", "quoting a foreign source")
    with pytest.raises(Exception, match="needs a reason"):
        editorial.sign_off(chief, "intro", 2, "en", "  ")
    with pytest.raises(Exception, match="no open finding"):
        editorial.sign_off(chief, "intro", 1, "en", "nothing there")
    assert editorial.sign_off(chief, "intro", 2, "en", "a quotation of a foreign statement") == 1
    (record,) = signoffs(chief.conn)
    assert (record.clip, record.index, record.lang, record.author) == ("intro", 2, "en", "hung")
    assert record.reason == "a quotation of a foreign statement"
    # signed off: still not on air until cleared (the project has roles)
    with pytest.raises(editorial.GateError, match=r"intro \(en\) not cleared"):
        editorial.check_air(chief, [clip], ["en"])
    editorial.clear(chief, "intro", "en")
    editorial.check_air(chief, [clip], ["en"])  # cleared: passes
    assert editorial.is_cleared(chief, clip, "en")[0] == "hung"
    # an edit after clearance withdraws it; a new finding is open again
    cue = minh.cue_rows("intro")[1].cue
    tr = minh.translation(cue.id, "en")
    minh.edit_translation(cue.id, "en", "The South China Sea, vast.", expected_version=tr.version)
    assert editorial.is_cleared(chief, clip, "en") is None
    with pytest.raises(editorial.GateError, match="intro cue 2"):
        editorial.check_air(chief, [clip], ["en"])


def test_a_project_setting_also_gates_on_any_qc_error(person) -> None:
    lan = person("lan")
    approve_all(lan)
    cue = lan.cue_rows("intro")[1].cue
    tr = lan.translation(cue.id, "en")
    lan.edit_translation(cue.id, "en", "The East Sea is vast.", expected_version=tr.version)
    clip = lan.clip("intro")
    editorial.check_air(lan, [clip], ["en"])  # no sensitive finding, no roles: passes
    other = lan.cue_rows("intro")[2].cue
    tr = lan.translation(other.id, "en")
    lan.edit_translation(other.id, "en", "The mangroves.", expected_version=tr.version)
    editorial.check_air(lan, [clip], ["en"])  # a QC error (Nam Can missing) does not gate...
    editorial.set_gate_qc_errors(lan, True)
    with pytest.raises(editorial.GateError, match=r"intro cue 3 \(en\): QC glossary: .*Nam Can"):
        editorial.check_air(lan, [clip], ["en"])  # ...unless the project says so


def test_notes_on_cues_with_author_and_resolution(person, tmp_path) -> None:
    lan, minh = person("lan"), person("minh")
    first = reviewing.add_note(lan, "intro", 2, "en", "Check the name of the sea with the chief.")
    reviewing.add_note(minh, "intro", 3, "", "Source: the mangrove is in Năm Căn district.")
    rows = reviewing.note_rows(minh, open_only=True)
    assert [(r["clip"], r["cue"], r["author"], r["status"]) for r in rows] == [
        ("intro", 2, "lan", "open"),
        ("intro", 3, "minh", "open"),
    ]
    assert rows[0]["translation"] == "The South China Sea is vast."
    reviewing.resolve_note(minh, first)
    assert [r["cue"] for r in reviewing.note_rows(lan, open_only=True)] == [3]
    assert reviewing.note_rows(lan)[0]["status"] == "resolved by minh"
    with pytest.raises(Exception, match="no open note number"):
        reviewing.resolve_note(lan, first)
    sheet = tmp_path / "review.csv"
    reviewing.export_review_sheet(reviewing.note_rows(lan), sheet)
    text = sheet.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("note,clip,cue,lang,source,translation,note text")
    assert "Check the name of the sea" in text and "resolved by minh" in text
    docx_path = tmp_path / "review.docx"
    reviewing.export_review_sheet(reviewing.note_rows(lan), docx_path)
    import docx

    table = docx.Document(str(docx_path)).tables[0]
    assert [c.text for c in table.rows[2].cells][:3] == ["intro", "3", ""]
    assert len(table.rows) == 3


def test_assignment_and_what_waits_for_each_person(person) -> None:
    chief = person("hung")
    editorial.set_role(chief, "hung", "chief")
    editorial.set_role(chief, "lan", "translator")
    editorial.set_role(chief, "minh", "editor")
    reviewing.assign(chief, "intro", "en", "lan")
    reviewing.assign(chief, "intro", "en", "minh")
    reviewing.assign(chief, "intro", "km", "lan")
    reviewing.assign(chief, "intro", "en", "hung")
    lan = person("lan")
    with pytest.raises(editorial.RoleError):
        reviewing.assign(lan, "intro", "en", "lan")
    waiting = reviewing.waiting_for(lan)
    assert waiting.to_translate == {"intro (en)": 3, "intro (km)": 3}
    assert waiting.to_approve == {} and waiting.to_clear == []
    ids = [r.cue.id for r in lan.cue_rows("intro")]
    set_status(lan, ids[:2], "en", Status.REVIEWED)
    assert reviewing.waiting_for(lan).to_translate == {"intro (en)": 1, "intro (km)": 3}
    minh = person("minh")
    assert reviewing.waiting_for(minh).to_approve == {"intro (en)": 2}
    set_status(minh, ids, "en", Status.APPROVED)
    assert reviewing.waiting_for(minh).to_approve == {}
    assert reviewing.waiting_for(chief).to_clear == ["intro (en)"]
    editorial.sign_off(chief, "intro", 2, "en", "quotation")
    editorial.clear(chief, "intro", "en")
    assert reviewing.waiting_for(chief).to_clear == []
    reviewing.assign(chief, "intro", "km", "lan", remove=True)
    assert reviewing.waiting_for(lan).to_translate == {}


def test_undo_takes_back_only_my_edit(person) -> None:
    lan, minh = person("lan"), person("minh")
    cue = lan.cue_rows("intro")[0].cue.id
    tr = lan.translation(cue, "en")
    lan.edit_translation(cue, "en", "Lan's text", expected_version=tr.version)
    other = lan.cue_rows("intro")[2].cue.id
    tr = minh.translation(other, "en")
    minh.edit_translation(other, "en", "Minh's text", expected_version=tr.version)
    lan.undo()
    assert lan.translation(cue, "en").text == "Ca Mau has sea on three sides."
    assert lan.translation(other, "en").text == "Minh's text"
    with pytest.raises(HistoryError):
        lan.undo()


def test_the_report_lists_sign_offs_and_post_edit_distance(person, folder) -> None:
    from ttdn_studio.report import build_report
    from ttdn_studio.report.document import build_document

    chief = person("hung")
    editorial.set_role(chief, "hung", "chief")
    approve_all(chief)
    editorial.sign_off(chief, "intro", 2, "en", "a quotation of a foreign statement")
    today = date.today()
    report = build_report(folder.parent, date(today.year, 1, 1), date(today.year, 12, 31))
    assert [(s.clip, s.cue, s.lang, s.person, s.reason) for s in report.signoffs] == [
        ("intro", 2, "en", "hung", "a quotation of a foreign statement")
    ]
    doc = build_document(report, "en")
    table = next(t for t in doc.tables if t.title.startswith("Sensitive findings signed off"))
    assert table.rows[0][0] == "intro" and table.rows[0][5] == "hung"
    earlier = build_report(folder.parent, date(2020, 1, 1), date(2020, 12, 31))
    assert earlier.signoffs == []
    from ttdn_studio.report.renderers import RENDERERS, render_report

    for name in RENDERERS:  # every output format takes the new tables
        for lang in ("vi", "en"):
            assert render_report(report, name, lang)
    markdown = render_report(report, "md", "vi").decode("utf-8")
    assert "a quotation of a foreign statement" in markdown and "hung" in markdown


def test_an_older_project_gains_the_editorial_tables(folder) -> None:
    import sqlite3

    from ttdn_studio.store import open_project

    conn = sqlite3.connect(folder / "project.db")
    for table in ("roles", "notes", "assignments", "signoffs", "clearances", "mt_drafts"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE post_edits")
    conn.execute("PRAGMA user_version = 5")  # before the editorial tables
    conn.commit()
    conn.close()
    store = open_project(folder)
    editorial.set_role(store, "hung", "chief")
    assert roles(store.conn) == {"hung": "chief"}
    assert len(store.cue_rows("intro")) == 3
    store.close()
