"""Editorial records of a project: roles, notes, assignments, sign-offs, clearance for air,
machine drafts and post-edit distance.

Plain reads and writes of the tables added by schema ``_v5``; the rules (who may do
what, when a clip may air) live in ``ttdn_studio.services.editorial``. Cues are named
to people by clip name and 1-based cue number, as ``ttdn cues`` shows them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ttdn_studio.models.domain import now_iso

if TYPE_CHECKING:
    from ttdn_studio.store.project_store import ProjectStore

ROLES = ("translator", "editor", "chief")

# Clip name and 1-based cue number of every cue (the order of ``ProjectStore.cue_rows``).
_NUMBERED = """
    SELECT c.id AS cue_id, k.name AS clip, k.id AS clip_id,
           ROW_NUMBER() OVER (PARTITION BY c.clip_id ORDER BY c.start_ms, c.id) AS idx
    FROM cues c JOIN clips k ON k.id = c.clip_id
"""


@dataclass(frozen=True)
class Note:
    id: int
    clip: str
    index: int
    cue_id: int
    lang: str
    text: str
    author: str
    at: str
    resolved_by: str | None
    resolved_at: str | None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class SignOff:
    clip: str
    index: int
    cue_id: int
    lang: str
    finding: str
    text: str  # the translation it accepted: a new text needs a new sign-off
    reason: str
    author: str
    at: str


@dataclass(frozen=True)
class Assignment:
    clip: str
    lang: str
    person: str


@dataclass(frozen=True)
class PostEdit:
    clip: str
    index: int
    cue_id: int
    lang: str
    engine: str
    ratio: float
    approved_by: str
    at: str


# ------------------------------------------------------------------------ roles
def roles(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT person, role FROM roles ORDER BY person").fetchall())


def set_role(store: ProjectStore, person: str, role: str | None) -> None:
    with store.transaction() as conn:
        if role is None:
            conn.execute("DELETE FROM roles WHERE person = ?", (person,))
            return
        conn.execute(
            "INSERT INTO roles (person, role, set_by, set_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (person) DO UPDATE SET role = excluded.role,"
            " set_by = excluded.set_by, set_at = excluded.set_at",
            (person, role, store.author, now_iso()),
        )


# ------------------------------------------------------------------------ notes
def add_note(store: ProjectStore, cue_id: int, lang: str, text: str) -> int:
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO notes (cue_id, lang, text, author, at) VALUES (?, ?, ?, ?, ?)",
            (cue_id, lang, text, store.author, now_iso()),
        )
    return int(cur.lastrowid or 0)


def resolve_note(store: ProjectStore, note_id: int) -> bool:
    """Mark a note resolved; False when there is no open note with that number."""
    with store.transaction() as conn:
        cur = conn.execute(
            "UPDATE notes SET resolved_by = ?, resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
            (store.author, now_iso(), note_id),
        )
    return cur.rowcount == 1


def notes(conn: sqlite3.Connection, *, open_only: bool = False) -> list[Note]:
    where = "WHERE n.resolved_at IS NULL" if open_only else ""
    rows = conn.execute(
        f"WITH numbered AS ({_NUMBERED}) SELECT n.id, x.clip, x.idx, n.cue_id, n.lang, n.text,"
        " n.author, n.at, n.resolved_by, n.resolved_at FROM notes n"
        f" JOIN numbered x ON x.cue_id = n.cue_id {where} ORDER BY x.clip_id, x.idx, n.id"
    ).fetchall()
    return [Note(*r) for r in rows]


def open_note_cues(conn: sqlite3.Connection, clip: str | None = None) -> set[int]:
    """Ids of the cues (of the clip named ``clip``, or all) with a note not resolved yet."""
    rows = conn.execute(
        "SELECT DISTINCT n.cue_id FROM notes n JOIN cues c ON c.id = n.cue_id"
        " JOIN clips k ON k.id = c.clip_id WHERE n.resolved_at IS NULL AND (? IS NULL OR k.name = ?)",
        (clip, clip),
    ).fetchall()
    return {int(r[0]) for r in rows}


# ------------------------------------------------------------------ assignments
def assign(store: ProjectStore, clip_id: int, lang: str, person: str, *, remove: bool) -> None:
    with store.transaction() as conn:
        if remove:
            conn.execute(
                "DELETE FROM assignments WHERE clip_id = ? AND lang = ? AND person = ?",
                (clip_id, lang, person),
            )
            return
        conn.execute(
            "INSERT OR IGNORE INTO assignments (clip_id, lang, person, set_by, set_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (clip_id, lang, person, store.author, now_iso()),
        )


def assignments(conn: sqlite3.Connection) -> list[Assignment]:
    rows = conn.execute(
        "SELECT k.name, a.lang, a.person FROM assignments a JOIN clips k ON k.id = a.clip_id"
        " ORDER BY k.position, k.id, a.lang, a.person"
    ).fetchall()
    return [Assignment(*r) for r in rows]


# -------------------------------------------------------------------- sign-offs
def add_signoff(
    store: ProjectStore, cue_id: int, lang: str, finding: str, text: str, reason: str
) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO signoffs (cue_id, lang, finding, text, reason, author, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (cue_id, lang, finding, text, reason, store.author, now_iso()),
        )


def signoffs(conn: sqlite3.Connection) -> list[SignOff]:
    """Every sign-off (an older database without the table has none)."""
    try:
        rows = conn.execute(
            f"WITH numbered AS ({_NUMBERED}) SELECT x.clip, x.idx, s.cue_id, s.lang, s.finding,"
            " s.text, s.reason, s.author, s.at FROM signoffs s JOIN numbered x ON x.cue_id = s.cue_id"
            " ORDER BY s.at, s.id"
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [SignOff(*r) for r in rows]


# -------------------------------------------------------------------- clearance
def clear_for_air(store: ProjectStore, clip_id: int, lang: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO clearances (clip_id, lang, author, at, state) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (clip_id, lang) DO UPDATE SET author = excluded.author,"
            " at = excluded.at, state = excluded.state",
            (clip_id, lang, store.author, now_iso(), _clip_state(conn, clip_id, lang)),
        )


def _clip_state(conn: sqlite3.Connection, clip_id: int, lang: str) -> str:
    """Every cue of the clip with its version and its ``lang`` text's version."""
    row = conn.execute(
        "SELECT group_concat(c.id || ':' || c.version || ':' || COALESCE(t.version, 0), ',')"
        " FROM (SELECT * FROM cues WHERE clip_id = ? ORDER BY id) c"
        " LEFT JOIN translations t ON t.cue_id = c.id AND t.lang = ?",
        (clip_id, lang),
    ).fetchone()
    return str(row[0] or "")


def clearance(conn: sqlite3.Connection, clip_id: int, lang: str) -> tuple[str, str] | None:
    """``(who, when)`` of the clip's clearance in ``lang``, if it still holds: any edit of
    the clip's cues or of their ``lang`` text since withdraws it."""
    row = conn.execute(
        "SELECT author, at, state FROM clearances WHERE clip_id = ? AND lang = ?", (clip_id, lang)
    ).fetchone()
    if row is None or row[2] != _clip_state(conn, clip_id, lang):
        return None
    return str(row[0]), str(row[1])


# --------------------------------------------------- machine drafts, post-edit
def record_mt_drafts(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Keep what the machine wrote (inside the edit that writes the drafts)."""
    conn.executemany(
        "INSERT INTO mt_drafts (cue_id, lang, text, engine, at)"
        " VALUES (:cue_id, :lang, :text, :origin, :updated_at)"
        " ON CONFLICT (cue_id, lang) DO UPDATE SET text = excluded.text,"
        " engine = excluded.engine, at = excluded.at",
        [r for r in rows if str(r["origin"]).startswith("mt")],
    )


def mt_draft(conn: sqlite3.Connection, cue_id: int, lang: str) -> tuple[str, str] | None:
    """``(text, engine)`` of the latest machine draft of a cue in ``lang``."""
    row = conn.execute(
        "SELECT text, engine FROM mt_drafts WHERE cue_id = ? AND lang = ?", (cue_id, lang)
    ).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def save_post_edit(
    conn: sqlite3.Connection, cue_id: int, lang: str, engine: str, ratio: float, who: str
) -> None:
    """Store a post-edit distance (inside the approving edit's transaction)."""
    conn.execute(
        "INSERT INTO post_edits (cue_id, lang, engine, ratio, approved_by, at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cue_id, lang) DO UPDATE SET"
        " engine = excluded.engine, ratio = excluded.ratio,"
        " approved_by = excluded.approved_by, at = excluded.at",
        (cue_id, lang, engine, ratio, who, now_iso()),
    )


def post_edits(conn: sqlite3.Connection) -> list[PostEdit]:
    try:
        rows = conn.execute(
            f"WITH numbered AS ({_NUMBERED}) SELECT x.clip, x.idx, p.cue_id, p.lang, p.engine,"
            " p.ratio, p.approved_by, p.at FROM post_edits p JOIN numbered x"
            " ON x.cue_id = p.cue_id ORDER BY x.clip_id, x.idx, p.lang"
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [PostEdit(*r) for r in rows]


# ---------------------------------------------------------------------- history
@dataclass(frozen=True)
class RowChange:
    """One row of one edit: ``table`` is ``cues`` or ``translations``."""

    history_id: int
    at: str
    author: str
    action: str
    undone: bool
    table: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def cue_changes(conn: sqlite3.Connection, cue_ids: set[int] | None = None) -> list[RowChange]:
    """Changes of cues and translations (of ``cue_ids``, or all), oldest first."""
    out: list[RowChange] = []
    for hid, at, author, action, changes, undone in conn.execute(
        "SELECT id, at, author, action, changes, undone FROM history ORDER BY id"
    ):
        try:
            items = json.loads(changes)
        except ValueError:
            continue
        for table, before, after in items:
            if table not in ("cues", "translations"):
                continue
            row = after or before or {}
            cue_id = row.get("id") if table == "cues" else row.get("cue_id")
            if cue_ids is None or cue_id in cue_ids:
                out.append(RowChange(hid, at, author, action, bool(undone), table, before, after))
    return out
