"""Editorial control: ``ttdn people role``, ``ttdn gate``, ``ttdn signoff``, ``ttdn clear``,
``ttdn notes``, ``ttdn assign``, ``ttdn mine``, ``ttdn review`` and ``ttdn postedit``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ttdn_studio.cli.commands.serve import people
from ttdn_studio.cli.common import emit_json, json_option, lang_list, load_project, project_argument

ROLE_CHOICES = ["translator", "editor", "chief-editor"]


@people.command("role")
@project_argument
@click.argument("name", required=False)
@click.argument(
    "role", required=False, metavar="[ROLE]", type=click.Choice([*ROLE_CHOICES, "chief", "none"])
)
@json_option
def people_role(project: Path, name: str | None, role: str | None, as_json: bool) -> None:
    """Give NAME a ROLE in PROJECT (translator, editor, chief-editor; none removes it).

    Without NAME, lists the roles. A project with no roles lets anyone do anything;
    once roles are set, translators mark cues done, editors approve, chief editors
    clear clips for air and sign off sensitive findings.
    """
    from ttdn_studio.services.editorial import LABEL, set_role
    from ttdn_studio.store.editorial import roles

    store = load_project(project)
    if name is not None:
        if role is None:
            raise click.UsageError("give the ROLE: translator, editor, chief-editor or none")
        set_role(store, name, None if role == "none" else role)
    current = roles(store.conn)
    if as_json:
        emit_json({"roles": current})
    elif name is not None:
        click.echo(f"{name}: {LABEL.get(current.get(name, ''), 'no role')} in {project}")
    else:
        for person, r in current.items():
            click.echo(f"{person:<16} {LABEL[r]}")
        if not current:
            click.echo("no roles set: anyone may do anything (ttdn people role PROJECT NAME ROLE)")


@click.command("gate")
@project_argument
@click.option("--clip", "clips", multiple=True, help="Only this clip (repeatable).")
@click.option("--lang", "langs", multiple=True, help="Only this target language (repeatable).")
@click.option(
    "--qc-errors",
    type=click.Choice(["on", "off"]),
    help="Set whether any QC error also keeps a clip off air (a chief editor's setting).",
)
@json_option
def gate(
    project: Path,
    clips: tuple[str, ...],
    langs: tuple[str, ...],
    qc_errors: str | None,
    as_json: bool,
) -> None:
    """What keeps the clips of PROJECT off air: sensitive findings, sign-offs, clearance."""
    from ttdn_studio.services.editorial import gate_findings, is_cleared, set_gate_qc_errors
    from ttdn_studio.services.reviewing import station_of

    store = load_project(project)
    if qc_errors is not None:
        set_gate_qc_errors(store, qc_errors == "on")
        click.echo(f"QC errors {'now also gate' if qc_errors == 'on' else 'no longer gate'} air")
    chosen = [store.clip(c) for c in clips] or store.clips()
    targets = list(langs) or store.project.target_langs
    data: list[dict[str, Any]] = []
    for clip in chosen:
        for lang in targets:
            store.check_lang(lang, allow_source=False)
            findings = gate_findings(store, clip, lang)
            cleared = is_cleared(store, clip, lang)
            data.append(
                {
                    "clip": clip.name,
                    "lang": lang,
                    "cleared_by": cleared[0] if cleared else None,
                    "cleared_at": cleared[1] if cleared else None,
                    "findings": [
                        {
                            "cue": f.index,
                            "message": f.message,
                            "signed_off_by": f.signed_off_by or None,
                            "signed_off_at": f.signed_off_at or None,
                        }
                        for f in findings
                    ],
                }
            )
    if as_json:  # times as stored (UTC)
        emit_json(data)
        return
    clock = station_of(store).local_time  # times on the station's clock
    for item in data:
        state = (
            f"cleared by {item['cleared_by']} at {clock(item['cleared_at'])}"
            if item["cleared_by"]
            else "not cleared"
        )
        click.echo(f"{item['clip']} ({item['lang']}): {state}")
        for f in item["findings"]:
            mark = (
                f"signed off by {f['signed_off_by']} at {clock(f['signed_off_at'])}"
                if f["signed_off_by"]
                else "OPEN"
            )
            click.echo(f"    cue {f['cue']}: {f['message']}  [{mark}]")


@click.command("signoff")
@project_argument
@click.option("--clip", help="Clip name (needed when the project has several clips).")
@click.option("--cue", "index", type=int, required=True, help="Cue number as in `ttdn cues`.")
@click.option("--lang", required=True, help="Target language of the finding.")
@click.option("--reason", required=True, help="Why the rendering is accepted (kept and reported).")
def signoff(project: Path, clip: str | None, index: int, lang: str, reason: str) -> None:
    """A chief editor accepts the open sensitive findings of one cue, with a reason."""
    from ttdn_studio.services.editorial import sign_off

    store = load_project(project)
    clip_name = clip or store.clip().name
    count = sign_off(store, clip_name, index, lang, reason)
    click.echo(
        f"Signed off {count} finding(s) of {clip_name} cue {index} ({lang}) as {store.author}"
    )


@click.command("clear")
@project_argument
@click.option("--clip", help="Clip name (needed when the project has several clips).")
@click.option("--lang", "langs", multiple=True, required=True, help="Target language (repeatable).")
def clear(project: Path, clip: str | None, langs: tuple[str, ...]) -> None:
    """A chief editor clears a clip for air in each --lang (refused with open findings)."""
    from ttdn_studio.services.editorial import clear as clear_clip

    store = load_project(project)
    clip_name = clip or store.clip().name
    for lang in langs:
        clear_clip(store, clip_name, lang)
        click.echo(f"{clip_name} ({lang}) cleared for air by {store.author}")


@click.command("notes")
@project_argument
@click.option("--open", "open_only", is_flag=True, help="Only notes not resolved yet.")
@click.option("--add", "text", metavar="TEXT", help="Add a note to --clip/--cue.")
@click.option("--clip", help="Clip of the note (needed when the project has several clips).")
@click.option("--cue", "index", type=int, help="Cue number of the note, as in `ttdn cues`.")
@click.option("--lang", default="", help="Language the note is about (default: the cue).")
@click.option("--resolve", "resolve_id", type=int, metavar="N", help="Mark note N resolved.")
@click.option(
    "--export",
    "export_to",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the listed notes as a review sheet (.csv or .docx).",
)
@json_option
def notes(
    project: Path,
    open_only: bool,
    text: str | None,
    clip: str | None,
    index: int | None,
    lang: str,
    resolve_id: int | None,
    export_to: Path | None,
    as_json: bool,
) -> None:
    """List, add and resolve notes on the cues of PROJECT; export them as a review sheet."""
    from ttdn_studio.services import reviewing

    store = load_project(project)
    if text is not None:
        if index is None:
            raise click.UsageError("--add needs --cue N (and --clip C with several clips)")
        note_id = reviewing.add_note(store, clip, index, lang, text)
        click.echo(f"Note {note_id} added by {store.author}")
        return
    if resolve_id is not None:
        reviewing.resolve_note(store, resolve_id)
        click.echo(f"Note {resolve_id} resolved by {store.author}")
        return
    clock = None if as_json else reviewing.station_of(store).local_time  # JSON: as stored
    rows = reviewing.note_rows(store, open_only=open_only, clock=clock)
    if export_to is not None:
        reviewing.export_review_sheet(rows, export_to)
        click.echo(f"Review sheet with {len(rows)} note(s): {export_to}")
        return
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        lang_part = f" ({r['lang']})" if r["lang"] else ""
        click.echo(
            f"#{r['note']}  {r['clip']} cue {r['cue']}{lang_part}  {r['author']}, {r['time']}"
            f"  [{r['status']}]\n    {r['note text']}"
        )
    if not rows:
        click.echo("no open notes" if open_only else "no notes")


@click.command("assign")
@project_argument
@click.argument("person", required=False)
@click.option("--clip", help="Clip to assign (needed when the project has several clips).")
@click.option("--lang", "langs", default="", help="Comma-separated target languages.")
@click.option("--remove", is_flag=True, help="Take the assignment back.")
@json_option
def assign(
    project: Path, person: str | None, clip: str | None, langs: str, remove: bool, as_json: bool
) -> None:
    """Assign a clip and languages of PROJECT to PERSON (without PERSON: each assignment
    with its progress)."""
    from ttdn_studio.services.reviewing import assign as assign_work

    store = load_project(project)
    if person is not None:
        chosen = lang_list(langs) or store.project.target_langs
        clip_name = clip or store.clip().name
        for lang in chosen:
            assign_work(store, clip_name, lang, person, remove=remove)
        verb = "no longer assigned" if remove else "assigned"
        click.echo(f"{person} {verb}: {clip_name} ({', '.join(chosen)})")
        return
    from ttdn_studio.services.reviewing import progress

    items = progress(store)
    if as_json:
        emit_json(items)
        return
    for a in items:
        click.echo(
            f"{a['clip']} ({a['lang']}): {a['person']:<12} {a['done']}/{a['cues']} done, "
            f"{a['approved']}/{a['cues']} approved"
        )
    if not items:
        click.echo("nothing assigned yet: ttdn assign PROJECT PERSON --clip C --lang L")


@click.command("mine")
@project_argument
@click.option("--person", help="Someone else's list (default: me).")
@json_option
def mine(project: Path, person: str | None, as_json: bool) -> None:
    """What waits for me in PROJECT: cues to translate, cues to approve, clips to clear."""
    from ttdn_studio.services.reviewing import waiting_for

    store = load_project(project)
    waiting = waiting_for(store, person)
    if as_json:
        emit_json(waiting.to_dict())
        return
    click.echo(f"{waiting.person} ({waiting.role or 'no role'}):")
    for label, counts in (
        ("to translate", waiting.to_translate),
        ("to approve", waiting.to_approve),
    ):
        for key, n in counts.items():
            click.echo(f"    {label}: {key}, {n} cue(s)")
    for key in waiting.to_clear:
        click.echo(f"    to clear for air: {key}")
    if not (waiting.to_translate or waiting.to_approve or waiting.to_clear):
        click.echo("    nothing waits (ttdn assign gives work)")


@click.command("review")
@project_argument
@click.option(
    "--since",
    metavar="DATE",
    help="Changes since this date (YYYY-MM-DD: midnight on the station's clock) or time.",
)
@click.option("--since-approval", is_flag=True, help="Changes since each cue's last approval.")
@click.option("--lang", "langs", default="", help="Comma-separated target languages.")
@click.option("--approve", is_flag=True, help="Approve the listed cues (one edit per language).")
@click.option(
    "--export",
    "export_to",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the listed cues as a review sheet (.csv or .docx).",
)
@json_option
def review(
    project: Path,
    since: str | None,
    since_approval: bool,
    langs: str,
    approve: bool,
    export_to: Path | None,
    as_json: bool,
) -> None:
    """Cues of PROJECT changed since a date or their approval: old, new, changed words marked.

    Removed words show as [-word-], added words as {+word+}. With --approve, the listed
    cues are approved after the listing (an editor's role, once the project has roles).
    --export writes them, with their source and open notes, as a review sheet.
    """
    from ttdn_studio.services.reviewing import review as changed_since
    from ttdn_studio.services.reviewing import station_of

    store = load_project(project)
    stamp = station_of(store).stored_time(since) if since is not None else None
    items = changed_since(
        store, since=stamp, since_approval=since_approval, langs=lang_list(langs) or None
    )
    if export_to is not None:
        from ttdn_studio.services.reviewing import export_changes_sheet

        count = export_changes_sheet(store, items, export_to, since=since or "their approval")
        click.echo(f"Review sheet with {count} cue(s): {export_to}", err=True)
    if approve:
        _approve(store, items)
    if as_json:
        emit_json(
            [
                {
                    "clip": c.clip,
                    "cue": c.index,
                    "lang": c.lang,
                    "old": c.old,
                    "new": c.new,
                    "marked": c.marked,
                    "status": c.status,
                    "by": c.by,
                }
                for c in items
            ]
        )
        return
    for c in items:
        click.echo(f"{c.clip} cue {c.index} ({c.lang}) [{c.status}, {c.by}]")
        click.echo(f"    old: {c.old}")
        click.echo(f"    new: {c.new}")
        click.echo(f"    changes: {c.marked}")
    if not items:
        click.echo("nothing changed")


@click.command("postedit")
@project_argument
@json_option
def postedit(project: Path, as_json: bool) -> None:
    """How much people changed the machine's drafts before approving them (0 = kept as is):
    mean character edit ratio per clip and language, and per language and engine."""
    from ttdn_studio.services.reviewing import post_edit_summary

    summary = post_edit_summary(load_project(project))
    if as_json:
        emit_json(summary)
        return
    for c in summary["clips"]:
        click.echo(f"{c['clip']} ({c['lang']}): {c['mean_ratio']:.0%} over {c['cues']} cue(s)")
    for e in summary["engines"]:
        click.echo(f"{e['lang']} by {e['engine']}: {e['mean_ratio']:.0%} over {e['cues']} cue(s)")
    if not summary["clips"]:
        click.echo("no approved machine drafts yet")


def _approve(store: Any, items: list[Any]) -> None:
    from ttdn_studio.models import Status
    from ttdn_studio.services.workflow import set_status

    by_lang: dict[str, list[int]] = {}
    for c in items:
        by_lang.setdefault(c.lang, []).append(c.cue_id)
    for lang, ids in by_lang.items():
        changed = set_status(
            store,
            ids,
            lang,
            Status.APPROVED,
            on_note=lambda msg: click.echo(f"ttdn: warning: {msg}", err=True),
        )
        click.echo(f"Approved {changed} cue(s) in {lang}", err=True)


commands = [gate, signoff, clear, notes, assign, mine, review, postedit]
