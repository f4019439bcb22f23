"""Notes on cues, assignment of work, "what waits for me", a cue's history and the
review of what changed (old and new text with the changed words marked).

Cues are named by clip name and 1-based cue number, never by internal ids.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttdn_studio.errors import ExportFailed, ValidationError
from ttdn_studio.formats.atomic import atomic_write_text
from ttdn_studio.models import Status
from ttdn_studio.models.station import StationProfile, load_station
from ttdn_studio.services.editorial import is_cleared, require, role_of
from ttdn_studio.store import ProjectStore
from ttdn_studio.store import editorial as records
from ttdn_studio.text import stored_text, without_controls

# ------------------------------------------------------------------------ notes
NOTE_COLUMNS = (
    "note",
    "clip",
    "cue",
    "lang",
    "source",
    "translation",
    "note text",
    "author",
    "time",
    "status",
)


def add_note(store: ProjectStore, clip: str | None, index: int, lang: str, text: str) -> int:
    text = stored_text(text).strip()
    if not text:
        raise ValidationError("a note needs some text")
    if lang:
        store.check_lang(lang)
    cue = store.cue_by_index(clip, index)
    return records.add_note(store, cue.id, lang, text)


def resolve_note(store: ProjectStore, note_id: int) -> None:
    if not records.resolve_note(store, note_id):
        raise ValidationError(f"there is no open note number {note_id}")


def station_of(store: ProjectStore) -> StationProfile:
    """The station profile of a project: ``station.toml`` in the folder holding the
    project, else in the config folder, else the defaults (its clock shows times)."""
    return load_station(store.path.resolve().parent)


def note_rows(
    store: ProjectStore, *, open_only: bool = False, clock: Callable[[str], str] | None = None
) -> list[dict[str, Any]]:
    """Notes as review-sheet rows (the cue's source and translation beside each); ``clock``
    shows the time (e.g. ``station_of(store).local_time``; default: as stored, UTC)."""
    source_lang = store.project.source_lang
    out = []
    for n in records.notes(store.conn, open_only=open_only):
        cue = store.cue(n.cue_id)
        tr = store.translation(n.cue_id, n.lang).text if n.lang not in ("", source_lang) else ""
        out.append(
            {
                "note": n.id,
                "clip": n.clip,
                "cue": n.index,
                "lang": n.lang,
                "source": cue.text,
                "translation": tr,
                "note text": n.text,
                "author": n.author,
                "time": clock(n.at) if clock is not None else n.at,
                "status": "open" if n.is_open else f"resolved by {n.resolved_by}",
            }
        )
    return out


def export_review_sheet(rows: list[dict[str, Any]], path: Path) -> None:
    """The notes as a review sheet: CSV (UTF-8 with BOM, for spreadsheets) or DOCX."""
    docx_columns = ("clip", "cue", "lang", "source", "translation", "note text", "author")
    _write_sheet(rows, NOTE_COLUMNS, (*docx_columns, "status"), path, "Review sheet")


def _write_sheet(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    docx_columns: tuple[str, ...],
    path: Path,
    heading: str,
) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".docx"):
        raise ExportFailed("a review sheet is .csv or .docx", file=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportFailed(f"cannot make its folder ({exc.strerror})", file=path) from exc
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_text(path, "\ufeff" + buf.getvalue())
    else:
        _write_docx(rows, docx_columns, path, heading)


def _write_docx(
    rows: list[dict[str, Any]], columns: tuple[str, ...], path: Path, heading: str
) -> None:
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = name
    for row in rows:
        cells = table.add_row().cells
        for cell, name in zip(cells, columns, strict=True):
            cell.text = without_controls(str(row[name]), line_break="\n")
    tmp = path.with_name(path.name + ".part")
    try:
        document.save(str(tmp))
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportFailed(f"cannot write the review sheet ({exc.strerror})", file=path) from exc


# ------------------------------------------------------------------- assignment
def assign(store: ProjectStore, clip: str, lang: str, person: str, *, remove: bool = False) -> None:
    require(store, "assign")
    store.check_lang(lang, allow_source=False)
    if not person.strip():
        raise ValidationError("name the person to assign")
    records.assign(store, store.clip(clip).id, lang, person.strip(), remove=remove)


@dataclass
class Waiting:
    """What waits for one person: cues to translate or approve, clips to clear."""

    person: str
    role: str | None
    to_translate: dict[str, int] = field(default_factory=dict)  # "clip (lang)" -> cues
    to_approve: dict[str, int] = field(default_factory=dict)
    to_clear: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "role": self.role,
            "to_translate": self.to_translate,
            "to_approve": self.to_approve,
            "to_clear": self.to_clear,
        }


TRANSLATE = (Status.EMPTY, Status.MT, Status.DRAFT)


def waiting_for(store: ProjectStore, person: str | None = None) -> Waiting:
    """Work waiting in the clips and languages assigned to ``person`` (default: me):
    by role, a translator's cues to translate, an editor's done cues to approve, a
    chief editor's fully approved clips to clear (with no role: all three)."""
    person = person or store.author
    role = role_of(store, person)
    mine = [(a.clip, a.lang) for a in records.assignments(store.conn) if a.person == person]
    out = Waiting(person, role)
    for clip_name, lang in mine:
        rows = [r for r in store.cue_rows(clip_name, langs=[lang]) if r.cue.text.strip()]
        statuses = [r.status(lang) for r in rows]
        key = f"{clip_name} ({lang})"
        if role in (None, "translator"):
            count = sum(1 for s in statuses if s in TRANSLATE)
            if count:
                out.to_translate[key] = count
        if role in (None, "editor"):
            count = sum(1 for s in statuses if s == Status.REVIEWED)
            if count:
                out.to_approve[key] = count
        all_approved = bool(statuses) and all(s == Status.APPROVED for s in statuses)
        clearable = role in (None, "chief") and all_approved
        if clearable and is_cleared(store, store.clip(clip_name), lang) is None:
            out.to_clear.append(key)
    return out


# ---------------------------------------------------------------------- history
@dataclass(frozen=True)
class CueEvent:
    at: str
    author: str
    action: str
    lang: str  # "" for the source text or times
    field: str  # "text", "status", "times", "created", "deleted"
    old: str
    new: str
    undone: bool


def cue_history(store: ProjectStore, clip: str | None, index: int) -> list[CueEvent]:
    """Who changed what in one cue, oldest first (MT draft → final)."""
    cue = store.cue_by_index(clip, index)
    out: list[CueEvent] = []
    for ch in records.cue_changes(store.conn, {cue.id}):
        lang = "" if ch.table == "cues" else str((ch.after or ch.before or {}).get("lang", ""))
        for name, old, new in _differences(ch.before, ch.after):
            out.append(CueEvent(ch.at, ch.author, ch.action, lang, name, old, new, ch.undone))
    return out


def _differences(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[tuple[str, str, str]]:
    if before is None:
        what = str((after or {}).get("text", ""))
        status = (after or {}).get("status")
        origin = (after or {}).get("origin", "")
        label = f"created ({origin}, {status})" if status else "created"
        return [(label, "", what)]
    if after is None:
        return [("deleted", str(before.get("text", "")), "")]
    out = []
    if before.get("text") != after.get("text"):
        out.append(("text", str(before.get("text", "")), str(after.get("text", ""))))
    if before.get("status") != after.get("status"):
        out.append(("status", str(before.get("status", "")), str(after.get("status", ""))))
    if (before.get("start_ms"), before.get("end_ms")) != (
        after.get("start_ms"),
        after.get("end_ms"),
    ):
        out.append(
            (
                "times",
                f"{before.get('start_ms')}-{before.get('end_ms')}",
                f"{after.get('start_ms')}-{after.get('end_ms')}",
            )
        )
    return out


# ----------------------------------------------------------------------- review
@dataclass(frozen=True)
class Changed:
    """One cue translation whose text changed since the reference point."""

    clip: str
    index: int
    cue_id: int
    lang: str
    old: str
    new: str
    status: str
    by: str

    @property
    def marked(self) -> str:
        return mark_changes(self.old, self.new)


_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def mark_changes(old: str, new: str) -> str:
    """``new`` with removed words as ``[-old-]`` and added words as ``{+new+}``."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(a[i1:i2]))
            continue
        if op in ("delete", "replace") and "".join(a[i1:i2]).strip():
            out.append(f"[-{''.join(a[i1:i2])}-]")
        if op in ("insert", "replace") and "".join(b[j1:j2]).strip():
            out.append(f"{{+{''.join(b[j1:j2])}+}}")
    return "".join(out)


def review(
    store: ProjectStore,
    *,
    since: str | None = None,
    since_approval: bool = False,
    langs: list[str] | None = None,
) -> list[Changed]:
    """Cue translations changed since ``since`` (a stored, UTC time: see
    :meth:`StationProfile.stored_time` for a date typed on the station's clock) or since
    their last approval, with their text then and now, in cue order."""
    if (since is None) == (not since_approval):
        raise ValidationError("choose one of --since DATE or --since-approval")
    wanted = set(langs or store.project.target_langs)
    then: dict[tuple[int, str], str] = {}
    approved: dict[tuple[int, str], str] = {}
    for ch in records.cue_changes(store.conn):
        if ch.table != "translations" or ch.undone:
            continue
        row = ch.after or ch.before or {}
        key = (int(row["cue_id"]), str(row["lang"]))
        if since is not None and ch.at >= since and key not in then:
            then[key] = str((ch.before or {}).get("text", ""))
        if ch.after is not None and ch.after.get("status") == "approved":
            approved[key] = str(ch.after.get("text", ""))
    reference = then if since is not None else approved
    out: list[Changed] = []
    for cue_row in store.cue_rows(langs=wanted):
        for lang in sorted(wanted):
            old = reference.get((cue_row.cue.id, lang))
            tr = cue_row.translations.get(lang)
            if old is None or tr is None or tr.text == old:
                continue
            out.append(
                Changed(
                    cue_row.clip,
                    cue_row.index,
                    cue_row.cue.id,
                    lang,
                    old,
                    tr.text,
                    str(tr.status),
                    tr.author,
                )
            )
    return out


CHANGE_COLUMNS = (
    "clip",
    "cue",
    "lang",
    "source",
    "before",
    "now",
    "changes",
    "status",
    "by",
    "open notes",
)


def change_rows(store: ProjectStore, items: list[Changed]) -> list[dict[str, Any]]:
    """The listed changes as review-sheet rows: the cue's source, its text before and now,
    the changed words marked, and its open notes (``author: text``, one per line)."""
    notes: dict[tuple[int, str], list[str]] = {}
    for n in records.notes(store.conn, open_only=True):
        notes.setdefault((n.cue_id, n.lang), []).append(f"{n.author}: {n.text}")
    return [
        {
            "clip": c.clip,
            "cue": c.index,
            "lang": c.lang,
            "source": store.cue(c.cue_id).text,
            "before": c.old,
            "now": c.new,
            "changes": c.marked,
            "status": c.status,
            "by": c.by,
            "open notes": "\n".join(
                notes.get((c.cue_id, c.lang), []) + notes.get((c.cue_id, ""), [])
            ),
        }
        for c in items
    ]


def export_changes_sheet(
    store: ProjectStore, items: list[Changed], path: Path, *, since: str = ""
) -> int:
    """The changes a review lists as a review sheet (.csv or .docx) to print or pass on;
    ``since`` says what they changed since. Returns how many cues it holds."""
    rows = change_rows(store, items)
    heading = f"Review sheet: changes since {since}" if since else "Review sheet"
    columns = ("clip", "cue", "lang", "source", "before", "now", "by", "open notes")
    _write_sheet(rows, CHANGE_COLUMNS, columns, path, heading)
    return len(rows)


def sheet_path(store: ProjectStore, suffix: str = ".csv") -> Path:
    """A new file in the project's ``exports`` folder for a review sheet, named after the
    time on the station's clock (``review-2026-12-03-1330.csv``; ``-2`` … if taken)."""
    from datetime import datetime

    stamp = datetime.now(station_of(store).zone).strftime("%Y-%m-%d-%H%M")
    folder = store.path / "exports"
    path = folder / f"review-{stamp}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"review-{stamp}-{n}{suffix}"
        n += 1
    return path


# ------------------------------------------------------- progress, post-edit distance
def progress(store: ProjectStore) -> list[dict[str, Any]]:
    """Per assignment: how many cues with speech are done and approved, of how many."""
    out: list[dict[str, Any]] = []
    for a in records.assignments(store.conn):
        rows = [r for r in store.cue_rows(a.clip, langs=[a.lang]) if r.cue.text.strip()]
        statuses = [r.status(a.lang) for r in rows]
        out.append(
            {
                "clip": a.clip,
                "lang": a.lang,
                "person": a.person,
                "done": sum(1 for s in statuses if s in (Status.REVIEWED, Status.APPROVED)),
                "approved": sum(1 for s in statuses if s == Status.APPROVED),
                "cues": len(rows),
            }
        )
    return out


def post_edit_summary(store: ProjectStore) -> dict[str, list[dict[str, Any]]]:
    """Mean post-edit distance per clip and language, and per language and engine."""
    by_clip: dict[tuple[str, str], list[float]] = {}
    by_engine: dict[tuple[str, str], list[float]] = {}
    for p in records.post_edits(store.conn):
        by_clip.setdefault((p.clip, p.lang), []).append(p.ratio)
        by_engine.setdefault((p.lang, p.engine), []).append(p.ratio)

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 3)

    return {
        "clips": [
            {"clip": c, "lang": lang, "cues": len(v), "mean_ratio": mean(v)}
            for (c, lang), v in by_clip.items()
        ],
        "engines": [
            {"lang": lang, "engine": e, "cues": len(v), "mean_ratio": mean(v)}
            for (lang, e), v in sorted(by_engine.items())
        ],
    }


# ------------------------------------------------------------------ the desk's reads
def notes_of_cue(store: ProjectStore, cue_id: int) -> list[records.Note]:
    """Every note of one cue, open or resolved, oldest first."""
    return [n for n in records.notes(store.conn) if n.cue_id == cue_id]


def cues_with_open_notes(store: ProjectStore, clip: str | None = None) -> set[int]:
    """Ids of the cues (of ``clip``, or of every clip) that have a note not resolved yet."""
    return records.open_note_cues(store.conn, clip)
