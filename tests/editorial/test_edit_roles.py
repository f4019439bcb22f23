"""Who may change a translation's text once the project has roles: a translator writes
drafts and done cues, but approved text is an editor's to change (the change takes the
approval back)."""

from __future__ import annotations

import pytest

from ttdn_studio.models import Status
from ttdn_studio.services import editorial
from ttdn_studio.services.replacing import apply_replace, plan_replace
from ttdn_studio.services.workflow import set_status


def roles_set(person) -> None:  # type: ignore[no-untyped-def]
    chief = person("hung")
    editorial.set_role(chief, "hung", "chief")
    editorial.set_role(chief, "lan", "translator")
    editorial.set_role(chief, "minh", "editor")


def test_no_roles_anyone_edits_any_text(person) -> None:  # type: ignore[no-untyped-def]
    lan = person("lan")
    cue = lan.cue_rows("intro")[0].cue.id
    set_status(lan, [cue], "en", Status.APPROVED)
    editorial.require_edit(lan, Status.APPROVED)  # no roles: nothing refused
    assert set_status(lan, [cue], "en", Status.DRAFT) == 1


def test_a_translator_edits_drafts_and_done_cues_but_not_approved_text(person) -> None:  # type: ignore[no-untyped-def]
    roles_set(person)
    lan, minh = person("lan"), person("minh")
    first, second, _ = (r.cue.id for r in lan.cue_rows("intro"))
    for status in (Status.EMPTY, Status.MT, Status.DRAFT, Status.REVIEWED):
        editorial.require_edit(lan, status)
    with pytest.raises(
        editorial.RoleError,
        match="lan is a translator in this project; only an editor or above may change "
        "approved text",
    ):
        editorial.require_edit(lan, Status.APPROVED)
    editorial.require_edit(minh, Status.APPROVED)
    with pytest.raises(editorial.RoleError, match="tuan has no role in this project"):
        editorial.require_edit(person("tuan"), Status.DRAFT)

    set_status(minh, [first], "en", Status.APPROVED)
    set_status(lan, [second], "en", Status.REVIEWED)
    # sending it back to draft would take the approval back: refused, nothing changes
    with pytest.raises(editorial.RoleError, match="may change approved text"):
        set_status(lan, [first, second], "en", Status.DRAFT)
    assert lan.translation(first, "en").status == Status.APPROVED
    assert lan.translation(second, "en").status == Status.REVIEWED  # one edit: none of it
    assert set_status(minh, [first], "en", Status.DRAFT) == 1


def test_replace_over_approved_text_needs_an_editor(person) -> None:  # type: ignore[no-untyped-def]
    roles_set(person)
    lan, minh = person("lan"), person("minh")
    first = lan.cue_rows("intro")[0].cue.id
    set_status(minh, [first], "en", Status.APPROVED)
    plan = plan_replace(lan, "intro", "en", "Ca Mau", "Cà Mau")
    assert [p.cue_id for p in plan] == [first]
    with pytest.raises(editorial.RoleError, match="may change approved text"):
        apply_replace(lan, "en", plan, "Ca Mau → Cà Mau")
    before = lan.translation(first, "en")
    assert (before.text, before.status) == ("Ca Mau has sea on three sides.", Status.APPROVED)
    assert apply_replace(minh, "en", plan, "Ca Mau → Cà Mau") == 1
    assert minh.translation(first, "en").text == "Cà Mau has sea on three sides."


def test_importing_a_translation_over_approved_text_needs_an_editor(person, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ttdn_studio.services.importing import import_file

    roles_set(person)
    lan, minh = person("lan"), person("minh")
    first = lan.cue_rows("intro")[0].cue.id
    set_status(minh, [first], "en", Status.APPROVED)
    srt = tmp_path / "intro.en.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:00,900\nCa Mau borders the sea on three sides.\n")
    with pytest.raises(editorial.RoleError, match="may change approved text"):
        import_file(lan, srt, clip="intro", lang="en")
    kept = lan.translation(first, "en")
    assert (kept.text, kept.status) == ("Ca Mau has sea on three sides.", Status.APPROVED)
    import_file(minh, srt, clip="intro", lang="en")
    assert minh.translation(first, "en").text == "Ca Mau borders the sea on three sides."


def test_safe_fixes_leave_approved_text_to_an_editor(person) -> None:  # type: ignore[no-untyped-def]
    from ttdn_studio.qc import apply_fixes

    roles_set(person)
    lan, minh = person("lan"), person("minh")
    first, second, _ = (r.cue.id for r in lan.cue_rows("intro"))
    for cue, status in ((first, Status.APPROVED), (second, Status.DRAFT)):
        tr = minh.translation(cue, "en")
        minh.edit_translation(
            cue, "en", tr.text.replace(" ", "  ", 1), expected_version=tr.version, status=status
        )
    report = apply_fixes(lan, "en", may_change=editorial.may_change(lan))
    assert report.not_yours == 1
    assert "  " in lan.translation(first, "en").text  # approved: left as it is
    assert "  " not in lan.translation(second, "en").text  # the translator's draft: tidied
    assert lan.translation(first, "en").status == Status.APPROVED
    report = apply_fixes(minh, "en", may_change=editorial.may_change(minh))
    assert report.not_yours == 0
    fixed = minh.translation(first, "en")
    assert "  " not in fixed.text and fixed.status == Status.APPROVED


def test_splitting_or_merging_approved_cues_needs_an_editor(person) -> None:  # type: ignore[no-untyped-def]
    from ttdn_studio.services.structure import merge_with_next, split_cue

    roles_set(person)
    lan, minh = person("lan"), person("minh")
    first, second, third = (r.cue.id for r in lan.cue_rows("intro"))
    set_status(minh, [first, second], "en", Status.APPROVED)
    before = [(r.cue.text, r.text("en", ""), r.status("en")) for r in lan.cue_rows("intro")]
    with pytest.raises(
        editorial.RoleError,
        match="lan is a translator in this project; only an editor or above may split or "
        "merge an approved cue",
    ):
        split_cue(lan, first, len("Cà Mau có"))
    with pytest.raises(editorial.RoleError, match="may split or merge an approved cue"):
        merge_with_next(lan, first)
    with pytest.raises(editorial.RoleError, match="may split or merge an approved cue"):
        merge_with_next(lan, second)  # the third is a draft, but the second is approved
    after = [(r.cue.text, r.text("en", ""), r.status("en")) for r in lan.cue_rows("intro")]
    assert after == before  # refused: nothing changed, nothing to undo
    with pytest.raises(editorial.RoleError, match="tuan has no role in this project"):
        split_cue(person("tuan"), third, len("Rừng"))

    # a translator splits a cue that is not approved
    a, b = split_cue(lan, third, len("Rừng đước"))
    assert [lan.cue(a).text, lan.cue(b).text] == ["Rừng đước", "Năm Căn."]

    # an editor may; the approval is taken back, as for any change of the text
    merge_with_next(minh, first)
    merged = minh.cue_rows("intro")[0]
    assert merged.cue.text == "Cà Mau có ba mặt giáp biển. Biển Đông rộng lớn."
    assert merged.text("en", "") == "Ca Mau has sea on three sides. The South China Sea is vast."
    assert merged.status("en") == Status.DRAFT
    minh.undo()
    set_status(minh, [first], "en", Status.APPROVED)
    x, y = split_cue(minh, first, len("Cà Mau có"))
    assert {minh.translation(x, "en").status, minh.translation(y, "en").status} == {Status.DRAFT}


def test_merging_without_roles_takes_the_approval_back_from_changed_text(person) -> None:  # type: ignore[no-untyped-def]
    from ttdn_studio.services.structure import merge_with_next

    lan = person("lan")
    first, second, _ = (r.cue.id for r in lan.cue_rows("intro"))
    set_status(lan, [first, second], "en", Status.APPROVED)
    merge_with_next(lan, first)  # no roles: anyone may
    assert lan.translation(first, "en").status == Status.DRAFT
