"""Two people on one project at the desk: notes, the open-notes filter, a cue's history,
the review view, and what each person's role lets them change."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from desk_fixtures import build_project, episode, settle
from textual.widgets import DataTable, Static

from ttdn_studio.models import Status
from ttdn_studio.services import editorial, reviewing
from ttdn_studio.services.workflow import set_status
from ttdn_studio.store import open_project
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.basic import ConfirmDialog
from ttdn_studio.tui.dialogs.history import HistoryDialog
from ttdn_studio.tui.dialogs.notes import NotesDialog
from ttdn_studio.tui.screens.review import ReviewScreen, since_stamp

SIZE = (120, 40)
STATION_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the default station profile's


def as_person(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The person the next desk (or store) opened acts as (``ttdn --as NAME``)."""
    monkeypatch.setenv("TTDN_USER", name)


def translator_and_editor(project: Path) -> None:
    """Roles: anh translates, binh edits (approves, changes approved text)."""
    with open_project(project) as store:
        editorial.set_role(store, "anh", "translator")
        editorial.set_role(store, "binh", "editor")


def cells(table: DataTable, column: str) -> list[str]:  # type: ignore[type-arg]
    return [str(table.get_cell(key, column)) for key in table.rows]


def ids_of(project: Path) -> list[int]:
    with open_project(project) as store:
        return [r.cue.id for r in store.cue_rows("tap-01")]


def notified(app: TtdnApp, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


async def test_a_note_by_one_person_shows_with_their_name_on_the_others_desk(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = ids_of(project)[1]
    as_person(monkeypatch, "anh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("down", "alt+shift+n")
        await pilot.pause()
        assert isinstance(app.screen, NotesDialog)
        await pilot.press(*"Check the name of the cape", "enter")
        await pilot.pause()
        table = app.screen.query_one("#notes", DataTable)
        assert cells(table, "by") == ["anh"] and cells(table, "state") == ["open"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is desk
        assert "✉" in str(desk.grid.get_cell(str(second), "index"))
        assert "✉" not in str(desk.grid.get_cell(str(ids_of(project)[0]), "index"))

    as_person(monkeypatch, "binh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        assert "✉" in str(desk.grid.get_cell(str(second), "index"))
        # F4 cycles to "open notes": only the noted cue is listed
        for _ in range(10):
            if desk.grid.filter_key == "notes":
                break
            await pilot.press("f4")
            await pilot.pause()
        assert desk.grid.filter_key == "notes"
        assert "open notes" in str(desk.header.render())
        assert desk.grid.row_count == 1
        assert desk.grid.current_id == second
        await pilot.press("alt+shift+n")
        await pilot.pause()
        assert isinstance(app.screen, NotesDialog)
        table = app.screen.query_one("#notes", DataTable)
        with open_project(project) as store:
            note = reviewing.notes_of_cue(store, second)[0]
        when = datetime.fromisoformat(note.at).astimezone(STATION_ZONE).strftime("%Y-%m-%d %H:%M")
        assert cells(table, "by") == ["anh"]
        assert cells(table, "when") == [when]  # in the station's time zone, not UTC
        assert "anh: Check the name of the cape" in str(
            app.screen.query_one("#note-text", Static).render()
        )
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert cells(table, "state") == ["resolved by binh"]
        await pilot.press("ctrl+r")  # once is enough
        await pilot.pause()
        assert notified(app, "That note is already resolved (by binh)")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is desk
        assert desk.grid.row_count == 0  # no open note left under the filter
        assert not desk.grid.note_cues
    with open_project(project) as store:
        (note,) = reviewing.notes_of_cue(store, second)
    assert (note.author, note.resolved_by, note.is_open) == ("anh", "binh", False)


async def test_an_empty_note_is_refused_and_nothing_is_stored(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_person(monkeypatch, "anh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+shift+n")
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert notified(app, "a note needs some text")
        assert app.screen.query_one("#notes", DataTable).row_count == 0
    with open_project(project) as store:
        assert reviewing.note_rows(store) == []


async def test_a_note_added_elsewhere_marks_the_cue_when_the_desk_reads_the_project(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    third = ids_of(project)[2]
    as_person(monkeypatch, "binh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        as_person(monkeypatch, "anh")
        with open_project(project) as store:  # anh, on another machine, with ttdn notes
            reviewing.add_note(store, "tap-01", 3, "en", "Translate the seafood names")
        desk.grid.reload_from_store()
        await pilot.pause()
        assert "✉" in str(desk.grid.get_cell(str(third), "index"))


async def test_history_of_a_cue_shows_both_people(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ids_of(project)[0]
    as_person(monkeypatch, "anh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("enter", "end", *" of Vietnam")
        desk.editor.flush()
        await pilot.press("escape")
        await settle(pilot)

    as_person(monkeypatch, "binh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        assert desk.grid.current_id == first
        desk.grid.set_status(Status.APPROVED)
        await pilot.pause()
        await pilot.press("alt+shift+h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryDialog)
        table = app.screen.query_one("#history", DataTable)
        who, what = cells(table, "who"), cells(table, "what")
        assert who[-3:] == ["anh", "anh", "binh"]
        assert what[-3:] == ["text", "status", "status"]
        assert what[0].startswith("created")
        changes = cells(table, "change")
        assert changes[-2:] == ["mt → draft", "draft → approved"]
        assert changes[-3].startswith("Ca Mau is the southernmost")
        # the chosen change in full, the added words marked
        detail = app.screen.query_one("#history-detail", Static).render()
        assert "binh" in str(detail)
        table.move_cursor(row=table.row_count - 3)
        await pilot.pause()
        detail = app.screen.query_one("#history-detail", Static).render()
        assert "anh" in str(detail) and "of Vietnam" in str(detail)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is desk


async def test_review_since_a_date_jumps_the_desk_and_approves_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "episode"
    with monkeypatch.context() as m:  # the script was imported and drafted long ago
        m.setattr("ttdn_studio.store.project_store.now_iso", lambda: "2020-05-04T02:00:00+00:00")
        build_project(project).close()
    ids = ids_of(project)
    translator_and_editor(project)
    as_person(monkeypatch, "anh")
    with open_project(project) as store:  # the translator post-edits two machine drafts
        for cue_id, text in [
            (ids[1], "The Ca Mau Cape has vast mangrove forests."),
            (ids[3], "U Minh Ha forest is known for its honey."),
        ]:
            tr = store.translation(cue_id, "en")
            store.edit_translation(cue_id, "en", text, expected_version=tr.version)

    as_person(monkeypatch, "binh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+shift+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        table = review.query_one("#changes", DataTable)
        assert table.row_count == 0  # nothing was approved before, so nothing since approval
        await pilot.click("#since")
        await pilot.press(*"2020-06-01", "enter")
        await pilot.pause()
        assert cells(table, "#") == ["2", "4"]
        assert cells(table, "by") == ["anh", "anh"]
        old = str(review.query_one("#old", Static).render())
        new = str(review.query_one("#new", Static).render())
        assert old == "Ca Mau Cape has vast mangrove forests."
        assert new == "The Ca Mau Cape has vast mangrove forests."
        source = str(review.query_one("#review-source", Static).render())
        assert source == "vi: Mũi Cà Mau có rừng đước bạt ngàn."
        assert desk.grid.current_id == ids[1]  # the desk follows the list
        await pilot.press("down")
        await pilot.pause()
        assert desk.grid.current_id == ids[3]
        assert "known" in str(review.query_one("#new", Static).render())
        await pilot.press("f8")
        await pilot.pause()
        if not isinstance(app.screen, ReviewScreen):  # approving over QC errors asks
            await pilot.press("y")
            await pilot.pause()
        with open_project(project) as store:
            approved = store.translation(ids[3], "en")
            assert (approved.status, approved.author) == (Status.APPROVED, "binh")
            assert store.translation(ids[1], "en").status == Status.DRAFT
        assert cells(table, "status") == ["draft", "approved"]
        assert desk.grid.current_id == ids[3]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is desk and desk.grid.current_id == ids[3]
        assert desk.grid.current_row().status("en") == Status.APPROVED  # type: ignore[union-attr]
        # F10 approves every listed cue, after a yes
        await pilot.press("alt+shift+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.since, review.since_label = since_stamp("2020-06-01"), "2020-06-01"
        review.load()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert cells(review.query_one("#changes", DataTable), "status") == ["approved"] * 2
        await pilot.press("escape")
        await settle(pilot)
        assert desk.grid.rows_by_id[ids[1]].status("en") == Status.APPROVED
    with open_project(project) as store:
        assert store.translation(ids[1], "en").status == Status.APPROVED


async def test_review_since_approval_lists_a_changed_approved_cue_and_a_translator_cannot_approve(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ids_of(project)[0]
    translator_and_editor(project)
    as_person(monkeypatch, "binh")
    with open_project(project) as store:  # approved, then the editor rewords it
        set_status(store, [first], "en", Status.APPROVED)
        tr = store.translation(first, "en")
        store.edit_translation(
            first, "en", "Ca Mau is Vietnam's southernmost province.", expected_version=tr.version
        )

    as_person(monkeypatch, "anh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("alt+shift+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        table = review.query_one("#changes", DataTable)
        assert cells(table, "#") == ["1"]
        assert cells(table, "by") == ["binh"]
        old = review.query_one("#old", Static).render()
        assert str(old) == "Ca Mau is the southernmost province of Vietnam."
        assert any("strike" in str(span.style) for span in old.spans)  # type: ignore[attr-defined]
        await pilot.press("f8")
        await pilot.pause()
        assert notified(app, "only an editor or above may approve")
        with open_project(project) as store:
            assert store.translation(first, "en").status == Status.DRAFT


async def test_a_translator_cannot_change_approved_text_at_the_desk(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = ids_of(project)
    translator_and_editor(project)
    as_person(monkeypatch, "binh")
    with open_project(project) as store:
        set_status(store, [ids[0]], "en", Status.APPROVED)
        approved = store.translation(ids[0], "en")

    as_person(monkeypatch, "anh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        assert desk.grid.current_id == ids[0]
        await pilot.press("enter")  # refused up front: the editor does not take the keys
        await pilot.pause()
        assert notified(app, "only an editor or above may change approved text")
        assert not desk.editor.target.has_focus
        # a click into the editor: it takes no keys, and says why on its border
        desk.editor.target.focus()
        await pilot.press("end", *" (edited)")
        assert desk.editor.target.read_only
        assert desk.editor.target.border_subtitle == "not your role to change"
        assert desk.editor.target.text == approved.text and desk.editor.flush() is None
        # a save that gets through anyway is refused, and the stored text shows again
        editing = desk.editor.editing
        assert editing is not None
        desk.editor.target.load_text(approved.text + " (edited)")
        assert desk.save_edit(editing, approved.text + " (edited)") is None
        await settle(pilot)
        assert notified(app, "; nothing was saved")
        assert desk.editor.target.text == approved.text
        # back to draft would take the approval back: refused as well
        app._notifications.clear()
        await pilot.press("escape", "shift+f8")
        await pilot.pause()
        assert notified(app, "only an editor or above may change approved text")
        # a machine draft is the translator's to edit
        await pilot.press("down", "enter", "end", *" too")
        assert not desk.editor.target.read_only and not desk.editor.target.border_subtitle
        assert desk.editor.flush() is not None
    with open_project(project) as store:
        now = store.translation(ids[0], "en")
        assert (now.text, now.status, now.version) == (
            approved.text,
            Status.APPROVED,
            approved.version,
        )
        assert store.translation(ids[1], "en").text.endswith("too")


async def test_someone_without_a_role_cannot_edit_once_roles_are_set(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = ids_of(project)[1]
    with open_project(project) as store:
        editorial.set_role(store, "binh", "editor")
    as_person(monkeypatch, "chau")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert notified(app, "chau has no role in this project")
        assert not desk.editor.target.has_focus and desk.editor.target.read_only
        editing = desk.editor.editing
        assert editing is not None
        assert desk.save_edit(editing, "Ca Mau Cape has vast mangrove forests again.") is None
        await settle(pilot)
    with open_project(project) as store:
        assert store.translation(second, "en").text == "Ca Mau Cape has vast mangrove forests."


async def test_a_translator_cannot_split_or_merge_an_approved_cue_at_the_desk(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = ids_of(project)
    translator_and_editor(project)
    as_person(monkeypatch, "binh")
    with open_project(project) as store:
        set_status(store, [ids[0]], "en", Status.APPROVED)
        before = [(r.cue.text, r.text("en", ""), r.status("en")) for r in store.cue_rows()]

    as_person(monkeypatch, "anh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        assert desk.grid.current_id == ids[0]
        for key in ("alt+s", "alt+m"):
            app._notifications.clear()
            await pilot.press(key)
            await settle(pilot)
            assert notified(
                app,
                "anh is a translator in this project; only an editor or above may split or "
                "merge an approved cue",
            )
            assert desk.grid.row_count == len(ids)
        # the next cue is a machine draft, and so is the one after: the translator's to join
        await pilot.press("down", "alt+m")
        await settle(pilot)
        assert desk.grid.row_count == len(ids) - 1
    with open_project(project) as store:
        after = [(r.cue.text, r.text("en", ""), r.status("en")) for r in store.cue_rows()]
    assert after[0] == before[0] and after[2:] == before[3:]

    as_person(monkeypatch, "binh")  # an editor may; the approval is taken back
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        desk = episode(app)
        await pilot.press("alt+m")
        await settle(pilot)
        assert desk.grid.row_count == len(ids) - 2
        merged = desk.grid.current_row()
        assert merged is not None and merged.cue.id == ids[0]
        assert merged.status("en") == Status.MT  # the lower of the two, no longer approved


async def test_the_review_view_writes_a_review_sheet_into_the_exports_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    import docx

    project = tmp_path / "episode"
    with monkeypatch.context() as m:  # the script was imported and drafted long ago
        m.setattr("ttdn_studio.store.project_store.now_iso", lambda: "2020-05-04T02:00:00+00:00")
        build_project(project).close()
    ids = ids_of(project)
    as_person(monkeypatch, "anh")
    with open_project(project) as store:
        for cue_id, text in [
            (ids[1], "The Ca Mau Cape has vast mangrove forests."),
            (ids[3], "U Minh Ha forest is known for its honey."),
        ]:
            tr = store.translation(cue_id, "en")
            store.edit_translation(cue_id, "en", text, expected_version=tr.version)
        reviewing.add_note(store, "tap-01", 4, "en", "Known or famous?")

    as_person(monkeypatch, "binh")
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        episode(app)
        await pilot.press("alt+shift+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.click("#since")
        await pilot.press(*"2020-06-01", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # CSV, the first choice
        await pilot.pause()
        assert app.screen is review
        (sheet,) = (project / "exports").glob("review-*.csv")
        summary = str(review.query_one("#review-summary", Static).render())
        assert f"review sheet of 2 cue(s): {sheet}" in summary
        assert notified(app, f"Review sheet of 2 cue(s) written: {sheet}")
        rows = list(csv.DictReader(sheet.read_text(encoding="utf-8-sig").splitlines()))
        assert [(r["clip"], r["cue"], r["lang"]) for r in rows] == [
            ("tap-01", "2", "en"),
            ("tap-01", "4", "en"),
        ]
        assert rows[0]["source"] == "Mũi Cà Mau có rừng đước bạt ngàn."
        assert rows[0]["before"] == "Ca Mau Cape has vast mangrove forests."
        assert rows[0]["now"] == "The Ca Mau Cape has vast mangrove forests."
        assert rows[0]["changes"] == "{+The +}Ca Mau Cape has vast mangrove forests."
        assert (rows[1]["by"], rows[1]["open notes"]) == ("anh", "anh: Known or famous?")
        # and as a Word document, beside the first
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        (word,) = (project / "exports").glob("review-*.docx")
        assert str(word) in str(review.query_one("#review-summary", Static).render())
    table = docx.Document(str(word)).tables[0]
    cells_of = [[c.text for c in row.cells] for row in table.rows]
    assert cells_of[0][:3] == ["clip", "cue", "lang"]
    assert [r[1] for r in cells_of[1:]] == ["2", "4"]
    assert "U Minh Ha forest is known for its honey." in cells_of[2]


async def test_an_empty_review_takes_a_typed_date_at_once(project: Path) -> None:
    """With nothing changed since approval the list was empty yet had the focus: the date
    the field asks for ("type a date and Enter") went nowhere."""
    app = TtdnApp(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("alt+shift+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.query_one("#changes", DataTable).row_count == 0
        await pilot.press(*"2020-06-01", "enter")
        await pilot.pause()
        assert review.since_label == "2020-06-01"
        assert review.query_one("#changes", DataTable).row_count > 0  # the machine drafts
        assert review.query_one("#changes", DataTable).has_focus  # F8 / F10 act on the list


async def test_the_review_wraps_khmer_between_words(project: Path) -> None:
    """Before / Now folded a long Khmer text at any character (a vowel sign alone at a
    row's start) in a narrow terminal."""
    import io

    from rich.console import Console

    from ttdn_studio.layout.khmer import COENG, is_mark

    long_km = "ព្រៃកោងកាងនិងសមុទ្រជាជីវិតរបស់ប្រជាជនកាម៉ៅជាខេត្តភាគខាងត្បូងបំផុតនៃវៀតណាម។"
    with open_project(project) as store:
        cue = store.cue_rows("tap-01")[0].cue
        store.set_translations([(cue.id, "km", "ព្រៃកោងកាង")], status="approved", origin="human")
        tr = store.translation(cue.id, "km")
        store.edit_translation(cue.id, "km", long_km, expected_version=tr.version)
    app = TtdnApp(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("alt+shift+r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        new = review.query_one("#new", Static)
        out = io.StringIO()
        Console(file=out, width=new.content_size.width, color_system=None).print(new.content)
        rows = out.getvalue().split()
        assert len(rows) > 1, rows
        assert not [r for r in rows if is_mark(r[0]) or r[0] == COENG], rows
        assert "".join(rows) == long_km
