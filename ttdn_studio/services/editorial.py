"""Editorial control: who may do what, and the pre-air gate.

Roles are per project: a **translator** marks cues done (``reviewed``), an **editor**
approves, a **chief** editor clears a clip and language for air and signs off sensitive
findings. Each role may also do what the roles before it may. A project with no roles
set keeps the old behaviour: anyone may do anything. Once roles are set, only a chief
editor may change them (or anyone, while no one is chief).

The gate: a clip has open findings in a language when a translation breaks a
sensitive glossary rule (see ``glossary.sensitive``) that no chief editor has signed
off, or, when the project setting ``gate_qc_errors`` is on, when QC reports any error.
Such a clip cannot be cleared for air, and rendering it with an air preset is refused
(``--proof`` renders anyway, watermarked). With roles set, an air render also needs the
clip cleared in each target language it shows; an edit after clearance withdraws it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.glossary import load_glossary
from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.glossary.sensitive import sensitive_findings
from ttdn_studio.models import Clip, CueRow, Status
from ttdn_studio.services.people import check_name
from ttdn_studio.store import ProjectStore
from ttdn_studio.store import editorial as records

ROLE_NAMES = {
    "translator": "translator",
    "editor": "editor",
    "chief": "chief",
    "chief-editor": "chief",
    "chief_editor": "chief",
}
RANK = {"translator": 1, "editor": 2, "chief": 3}
LABEL = {"translator": "translator", "editor": "editor", "chief": "chief editor"}
# What each act needs (the lowest role that may do it).
NEEDS = {
    "draft": "translator",
    "edit_approved": "editor",
    "restructure_approved": "editor",
    "done": "translator",
    "approve": "editor",
    "clear": "chief",
    "signoff": "chief",
    "roles": "chief",
    "assign": "editor",
}
STATUS_ACT = {Status.DRAFT: "draft", Status.REVIEWED: "done", Status.APPROVED: "approve"}
GATE_QC_SETTING = "gate_qc_errors"


class RoleError(TtdnError):
    """The person's role in this project does not allow the act."""

    title = "Not your role"


class GateError(TtdnError):
    """A clip may not go to air yet."""

    title = "Not cleared for air"


def role_name(value: str) -> str:
    role = ROLE_NAMES.get(value.strip().lower())
    if role is None:
        raise ValidationError(f"unknown role {value!r} (use translator, editor or chief-editor)")
    return role


def role_of(store: ProjectStore, person: str | None = None) -> str | None:
    return records.roles(store.conn).get(person or store.author)


def require(store: ProjectStore, act: str) -> None:
    """Refuse ``act`` unless this person's role allows it (anyone may, with no roles set)."""
    roles = records.roles(store.conn)
    if not roles:
        return
    needed = NEEDS[act]
    if act == "roles" and "chief" not in roles.values():
        return
    mine = roles.get(store.author)
    if mine is None:
        raise RoleError(
            f"{store.author} has no role in this project, so cannot {_verb(act)}; a chief editor "
            f"can give one with: ttdn people role PROJECT {store.author} ROLE"
        )
    if RANK[mine] < RANK[needed]:
        raise RoleError(
            f"{store.author} is {_a(LABEL[mine])} in this project; only {_a(LABEL[needed])}"
            f"{' or above' if needed != 'chief' else ''} may {_verb(act)}"
        )


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _verb(act: str) -> str:
    return {
        "draft": "edit a translation",
        "edit_approved": "change approved text",
        "restructure_approved": "split or merge an approved cue",
        "done": "mark a cue done",
        "approve": "approve",
        "clear": "clear a clip for air",
        "signoff": "sign off a sensitive finding",
        "roles": "set roles",
        "assign": "assign work",
    }[act]


def require_status(store: ProjectStore, status: Status | str) -> None:
    require(store, STATUS_ACT.get(Status(status), "draft"))


def require_edit(store: ProjectStore, status: Status | str) -> None:
    """Changing a translation's text (typing, replacing, a memory or machine draft): a
    translator's act, except that text an editor approved is changed only by an editor
    or above, since the change takes the approval back (the text returns to draft)."""
    require(store, "edit_approved" if Status(status) == Status.APPROVED else "draft")


def require_restructure(store: ProjectStore, cue_ids: Iterable[int]) -> None:
    """Splitting or merging cues changes the text of each of their translations: refused
    unless this person may change every one of them (approved text is an editor's, and
    the split or merge takes its approval back, as :func:`require_edit` says)."""
    langs = store.project.target_langs
    translations = [store.translation(cue_id, lang) for cue_id in cue_ids for lang in langs]
    statuses = {tr.status for tr in translations if tr.text.strip()}
    if Status.APPROVED in statuses:
        require(store, "restructure_approved")
    elif statuses:
        require(store, "draft")


def may_change(store: ProjectStore) -> Callable[[Status], bool]:
    """Whether this person may change a translation of a status (for the safe fixes)."""

    def allowed(status: Status) -> bool:
        try:
            require_edit(store, status)
        except RoleError:
            return False
        return True

    return allowed


def set_role(store: ProjectStore, person: str, role: str | None) -> None:
    require(store, "roles")
    records.set_role(store, check_name(person), role_name(role) if role is not None else None)


# ------------------------------------------------------------------------- gate
@dataclass(frozen=True)
class GateFinding:
    """A finding that keeps a clip off air until a chief editor signs it off."""

    clip: str
    index: int
    cue_id: int
    lang: str
    message: str
    signed_off_by: str = ""
    signed_off_at: str = ""  # stored (UTC) time of the sign-off

    @property
    def is_open(self) -> bool:
        return not self.signed_off_by

    def describe(self) -> str:
        return f"{self.clip} cue {self.index} ({self.lang}): {self.message}"


def _sensitive(store: ProjectStore) -> list[GlossaryEntry]:
    return [e for e in load_glossary(store.path) if e.is_sensitive]


def _qc_errors(store: ProjectStore, clip: Clip, lang: str) -> list[tuple[int, int, str]]:
    from ttdn_studio.qc import run_qc

    return [
        (f.cue_id or 0, f.index, f"QC {f.check}: {f.message}")
        for f in run_qc(store, lang, clip.name)
        if f.severity == "error" and f.cue_id
    ]


def gate_findings(store: ProjectStore, clip: Clip, lang: str) -> list[GateFinding]:
    """Every gating finding of ``clip`` in ``lang``, signed off or not, in cue order."""
    entries = _sensitive(store)
    signed = {
        (s.cue_id, s.lang, s.finding, s.text): (s.author, s.at)
        for s in records.signoffs(store.conn)
    }
    found: list[tuple[int, int, str]] = []
    rows: list[CueRow] = store.cue_rows(clip.name, langs=[lang])
    texts: dict[int, str] = {}
    for row in rows:
        tr = row.translations.get(lang)
        texts[row.cue.id] = target = tr.text if tr is not None else ""
        for f in sensitive_findings(entries, row.cue.text, target, lang):
            found.append((row.cue.id, row.index, f.message))
    if store.project.settings.get(GATE_QC_SETTING):
        found.extend(_qc_errors(store, clip, lang))
    found = sorted(dict.fromkeys(found), key=lambda f: f[1])
    out = []
    for cue_id, index, msg in found:
        by, at = signed.get((cue_id, lang, msg, texts.get(cue_id, "")), ("", ""))
        out.append(GateFinding(clip.name, index, cue_id, lang, msg, by, at))
    return out


def set_gate_qc_errors(store: ProjectStore, on: bool) -> None:
    """Whether any QC error also keeps a clip off air (a chief editor's setting)."""
    require(store, "clear")
    store.update_project(settings={**store.project.settings, GATE_QC_SETTING: on})


def open_findings(store: ProjectStore, clip: Clip, lang: str) -> list[GateFinding]:
    return [f for f in gate_findings(store, clip, lang) if f.is_open]


def _naming(findings: list[GateFinding], limit: int = 5) -> str:
    shown = "; ".join(f.describe() for f in findings[:limit])
    more = f"; and {len(findings) - limit} more" if len(findings) > limit else ""
    return shown + more


def sign_off(store: ProjectStore, clip: str, index: int, lang: str, reason: str) -> int:
    """A chief editor accepts every open finding of one cue in ``lang``; returns how many."""
    require(store, "signoff")
    store.check_lang(lang, allow_source=False)
    if not reason.strip():
        raise ValidationError(
            'a sign-off needs a reason (--reason "...")', desk="a sign-off needs a reason"
        )
    the_clip = store.clip(clip)
    cue = store.cue_by_index(clip, index)
    mine = [f for f in open_findings(store, the_clip, lang) if f.cue_id == cue.id]
    if not mine:
        raise ValidationError(
            f"{the_clip.name} cue {index} has no open finding in {lang} to sign off"
        )
    text = store.translation(cue.id, lang).text
    for f in mine:
        records.add_signoff(store, cue.id, lang, f.message, text, reason.strip())
    return len(mine)


def clear(store: ProjectStore, clip: str, lang: str) -> None:
    """A chief editor clears ``clip`` in ``lang`` for air (refused with open findings)."""
    require(store, "clear")
    store.check_lang(lang, allow_source=False)
    the_clip = store.clip(clip)
    pending = open_findings(store, the_clip, lang)
    if pending:
        refused = f"{the_clip.name} ({lang}) cannot be cleared for air: {_naming(pending)}"
        raise GateError(
            f"{refused}; a chief editor signs each off with: ttdn signoff PROJECT --clip C"
            ' --cue N --lang L --reason "..."',
            desk=f"{refused}; a chief editor signs each off first (S on its finding)",
        )
    records.clear_for_air(store, the_clip.id, lang)


def check_air(store: ProjectStore, clips: Iterable[Clip], langs: Iterable[str]) -> None:
    """Refuse an air render of ``clips`` showing ``langs`` (see the module notes)."""
    targets = [lang for lang in dict.fromkeys(langs) if lang in store.project.target_langs]
    roles_set = bool(records.roles(store.conn))
    problems: list[GateFinding] = []
    uncleared: list[str] = []
    for clip in clips:
        for lang in targets:
            problems.extend(open_findings(store, clip, lang))
            if roles_set and records.clearance(store.conn, clip.id, lang) is None:
                uncleared.append(f"{clip.name} ({lang})")
    if problems:
        refused = f"not rendered for air: open sensitive findings in {_naming(problems)}"
        raise GateError(
            f"{refused}; a chief editor signs each off (ttdn signoff), or render with --proof",
            desk=f"{refused}; a chief editor signs each off in the clip's gate (Alt+Shift+G,"
            " then S), or render as a proof",
        )
    if uncleared:
        refused = f"not rendered for air: {', '.join(uncleared)} not cleared by a chief editor"
        raise GateError(
            f"{refused} (ttdn clear), or render with --proof",
            desk=f"{refused} (the clip's gate, Alt+Shift+G, then C), or render as a proof",
        )


def is_cleared(store: ProjectStore, clip: Clip, lang: str) -> tuple[str, str] | None:
    return records.clearance(store.conn, clip.id, lang)


def cleared_for_air(store: ProjectStore, clip: str, lang: str) -> bool:
    """Whether a chief editor's clearance of ``clip`` in ``lang`` holds (an edit of the
    clip since withdraws it)."""
    return is_cleared(store, store.clip(clip), lang) is not None


# -------------------------------------------------------------- post-edit distance
def edit_ratio(draft: str, final: str) -> float:
    """Character-level edit ratio, 0 (the machine's text kept) to 1 (all rewritten)."""
    from rapidfuzz.distance import Levenshtein

    return float(Levenshtein.normalized_distance(draft, final))


def record_post_edits(store: ProjectStore, cue_ids: Iterable[int], lang: str) -> None:
    """At approval (inside its edit): how far the approved text is from the machine draft."""
    for cue_id in cue_ids:
        draft = records.mt_draft(store.conn, cue_id, lang)
        if draft is None:
            continue
        final = store.translation(cue_id, lang).text
        engine = draft[1].removeprefix("mt:")
        records.save_post_edit(
            store.conn, cue_id, lang, engine, edit_ratio(draft[0], final), store.author
        )
