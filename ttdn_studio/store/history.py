"""Row-level change recording for undo/redo that survives restarts.

Every edit records, per touched row, its state before and after, and who made it.
Undo is per person: it takes back *my* latest edit still in effect, never someone
else's. Undo writes the *before* states back (newest change first) and redo the
*after* states, but only if the rows still look as the edit left them: if someone
else changed a row since, undo is refused rather than silently clobbering their work.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ttdn_studio.errors import HistoryError

Row = dict[str, Any]

# table -> primary key columns
KEYS: dict[str, tuple[str, ...]] = {
    "project": ("id",),  # settings changed by an edit (e.g. an ASS import's styles)
    "clips": ("id",),
    "cues": ("id",),
    "translations": ("cue_id", "lang"),
}
# Columns that change on every write and are not compared when checking for conflicts.
VOLATILE = {"version", "updated_at", "author"}


@dataclass(slots=True)
class Change:
    table: str
    before: Row | None
    after: Row | None

    def to_json(self) -> list[Any]:
        return [self.table, self.before, self.after]


@dataclass
class Recorder:
    """Collects the changes of one transaction."""

    changes: list[Change] = field(default_factory=list)
    _by_row: dict[tuple[str, tuple[Any, ...]], Change] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=0, repr=False)

    def add(self, table: str, before: Row | None, after: Row | None) -> None:
        if before == after:
            return
        for change in self.changes[self._indexed :]:  # also those appended directly
            self._index(change)
        row = after if after is not None else before
        assert row is not None
        key = (table, tuple(row[c] for c in KEYS[table]))
        earlier = self._by_row.get(key)
        if earlier is not None:  # the same row changed twice in one edit: one change
            earlier.after = after
            return
        change = Change(table, before, after)
        self.changes.append(change)
        self._index(change)

    def _index(self, change: Change) -> None:
        row = change.after if change.after is not None else change.before
        assert row is not None
        self._by_row.setdefault((change.table, tuple(row[c] for c in KEYS[change.table])), change)
        self._indexed += 1


def fetch_row(conn: sqlite3.Connection, table: str, key: Row) -> Row | None:
    cols = KEYS[table]
    where = " AND ".join(f"{c} = ?" for c in cols)
    cur = conn.execute(f"SELECT * FROM {table} WHERE {where}", [key[c] for c in cols])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def key_of(table: str, row: Row) -> Row:
    return {c: row[c] for c in KEYS[table]}


def write_row(conn: sqlite3.Connection, table: str, key: Row, row: Row | None) -> None:
    """Make the row with ``key`` equal ``row`` (delete it when ``row`` is None)."""
    cols = KEYS[table]
    where = " AND ".join(f"{c} = ?" for c in cols)
    if row is None:
        conn.execute(f"DELETE FROM {table} WHERE {where}", [key[c] for c in cols])
        return
    names = list(row)
    placeholders = ", ".join("?" for _ in names)
    # An upsert, not INSERT OR REPLACE: a replace deletes first, which would
    # cascade to the cue's translations.
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n not in cols)
    conn.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})"
        f" ON CONFLICT ({', '.join(cols)}) DO UPDATE SET {updates}",
        [row[n] for n in names],
    )


def same_content(a: Row | None, b: Row | None) -> bool:
    if a is None or b is None:
        return a is b
    # columns one side lacks (added by a later schema version) are not compared
    keys = (a.keys() & b.keys()) - VOLATILE
    return all(a[k] == b[k] for k in keys)


def encode_changes(changes: list[Change]) -> bytes:
    """The changes as JSON in UTF-8, exactly as ``json.dumps(..., ensure_ascii=False)``
    writes it (``", "`` and ``": "`` separators: readers may search the text), with
    msgspec: an import of 10,000 cues records 10,000 rows, and ``json.dumps`` took about
    a tenth of the whole import doing so; msgspec is about three times as fast. The bytes
    go to SQLite as they are (see :func:`save_entry`): decoding 2 MB of Vietnamese to a
    Python string only for SQLite to encode it back cost as much as the encoding itself."""
    import msgspec

    compact = msgspec.json.encode([c.to_json() for c in changes])
    return msgspec.json.format(compact, indent=0)


def save_entry(
    conn: sqlite3.Connection, at: str, author: str, action: str, rec: Recorder
) -> int | None:
    if not rec.changes:
        return None
    # a new edit ends its author's redo chain (other people's undone edits stay redoable)
    conn.execute("DELETE FROM history WHERE undone = 1 AND author = ?", (author,))
    # UTF-8 bytes cast to TEXT in SQL: stored as text, as json.dumps would have written it
    cur = conn.execute(
        "INSERT INTO history (at, author, action, changes) VALUES (?, ?, ?, CAST(? AS TEXT))",
        (at, author, action, encode_changes(rec.changes)),
    )
    return cur.lastrowid


def merge_into_latest(
    conn: sqlite3.Connection, at: str, author: str, action: str, rec: Recorder
) -> bool:
    """Fold ``rec`` into the newest history entry if it is ``author``'s ``action`` still in
    effect (a burst of typing: one undo step). Returns whether it did."""
    row = conn.execute(
        "SELECT id, author, action, undone, changes FROM history ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None or (row[1], row[2], bool(row[3])) != (author, action, False):
        return False
    merged = Recorder([Change(t, b, a) for t, b, a in json.loads(row[4])])
    for change in rec.changes:
        merged.add(change.table, change.before, change.after)
    conn.execute(
        "UPDATE history SET at = ?, changes = ? WHERE id = ?",
        (at, json.dumps([c.to_json() for c in merged.changes], ensure_ascii=False), row[0]),
    )
    return True


def replay(
    conn: sqlite3.Connection, changes: list[Any], *, undo: bool, now: str, author: str
) -> None:
    """Apply an entry's changes backwards (undo) or forwards (redo), checking for conflicts."""
    steps = reversed(changes) if undo else changes
    for table, before, after in steps:
        expect, target = (after, before) if undo else (before, after)
        if table == "project":
            _replay_project(conn, expect, target, undo=undo)
            continue
        key = key_of(table, expect if expect is not None else target)
        current = fetch_row(conn, table, key)
        if not same_content(current, expect):
            raise HistoryError(
                f"cannot {'undo' if undo else 'redo'}: {describe(table, key)} was changed "
                "since by another edit"
            )
        if target is not None:
            target = dict(target)
            if "version" in target:
                base = (current or {}).get("version") or target["version"]
                target["version"] = int(base) + 1
            if "updated_at" in target:
                target["updated_at"] = now
            if "author" in target and table == "translations":
                target["author"] = author
        write_row(conn, table, key, target)


def _replay_project(conn: sqlite3.Connection, expect: Row, target: Row, *, undo: bool) -> None:
    """Put back only what the edit changed in the project row (settings key by key).

    Other settings changed since (a QC profile, another clip's styles) stay; if a
    setting the edit changed was changed again since, the step is refused.
    """
    current = fetch_row(conn, "project", {"id": 1})
    assert current is not None
    row = dict(current)
    for column in target:
        if column == "settings":
            continue
        if expect.get(column) != target.get(column):
            if current.get(column) != expect.get(column):
                raise _project_conflict(undo)
            row[column] = target[column]
    old, new, now = (json.loads(r.get("settings") or "{}") for r in (expect, target, current))
    settings = _merge3(old, new, now, undo)
    row["settings"] = json.dumps(settings, ensure_ascii=False)
    write_row(conn, "project", {"id": 1}, row)


_MISSING = object()


def _merge3(old: Any, new: Any, now: Any, undo: bool) -> Any:
    """``now`` with the change ``old`` → ``new`` applied, nested dicts merged key by key."""
    if old == new:
        return now
    if now == old:
        return new
    if isinstance(old, dict) and new is _MISSING:  # the edit added this table of settings
        merged = _merge3(old, {}, now, undo)
        return _MISSING if merged == {} else merged
    if old is _MISSING and isinstance(new, dict):
        return _merge3({}, new, {} if now is _MISSING else now, undo)
    if not all(isinstance(v, dict) for v in (old, new, now)):
        raise _project_conflict(undo)
    merged = dict(now)
    for key in set(old) | set(new):
        value = _merge3(
            old.get(key, _MISSING), new.get(key, _MISSING), now.get(key, _MISSING), undo
        )
        if value is _MISSING:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _project_conflict(undo: bool) -> HistoryError:
    return HistoryError(
        f"cannot {'undo' if undo else 'redo'}: the project's settings were changed "
        "since by another edit"
    )


def describe(table: str, key: Row) -> str:
    if table == "translations":
        return f"the {key['lang']} text of cue #{key['cue_id']}"
    if table == "cues":
        return f"cue #{key['id']}"
    if table == "project":
        return "the project's settings"
    return f"clip #{key['id']}"
