"""ProjectStore: reading and editing one project folder's database."""

from __future__ import annotations

import getpass
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ttdn_studio.batch import paused_gc
from ttdn_studio.errors import HistoryError, NotFoundError, ProjectError, StaleEditError
from ttdn_studio.models import Clip, Cue, CueRow, Origin, Project, Status, Translation
from ttdn_studio.models.domain import now_iso, trusted
from ttdn_studio.models.light import LightRow, LightTranslation, OneTranslation
from ttdn_studio.naming import check_clip_name
from ttdn_studio.settings import current
from ttdn_studio.store import editorial, history, realign
from ttdn_studio.store.cue_times import check_times
from ttdn_studio.store.db import connect, database, transaction
from ttdn_studio.store.history import Recorder, fetch_row
from ttdn_studio.text import clean_text, stored_text

if TYPE_CHECKING:
    import sqlite_utils

    from ttdn_studio.formats.subtitles import TimedText

DB_NAME = "project.db"
OUTDATED_FLAG = "outdated"  # a translation whose source changed after it was written
SUBFOLDERS = ("media", "exports", "renders")


def current_user() -> str:
    try:
        return current().user or getpass.getuser()
    except Exception:  # no login name (some containers)
        return "editor"


@dataclass(slots=True)
class NewCue:
    """A cue to be created by an import: source text plus optional translations."""

    start_ms: int
    end_ms: int
    text: str
    translations: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, Status] = field(default_factory=dict)
    align: str = "bottom"  # bottom / middle / top


def is_project_dir(path: Path) -> bool:
    return (Path(path) / DB_NAME).is_file()


def _damage(exc: Exception) -> str:
    """What is wrong with a stored project record, in a few words."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        return f"{where}: {message}" if where else message
    if isinstance(exc, json.JSONDecodeError):
        return "its languages or settings are not JSON"
    return str(exc)


def check_database_path(path: Path) -> None:
    """:class:`ProjectError` when the project's database name is taken by something that is
    not a file (a folder made by mistake): nothing could be opened or created there."""
    db = Path(path) / DB_NAME
    if db.exists() and not db.is_file():
        raise ProjectError("is a folder, not a project database: move it away", file=db)


def create_project(path: Path, project: Project) -> ProjectStore:
    path = Path(path)
    if is_project_dir(path):
        raise ProjectError("a project already exists here", file=path)
    if path.exists() and not path.is_dir():
        raise ProjectError("exists and is not a folder", file=path)
    check_database_path(path)
    path.mkdir(parents=True, exist_ok=True)
    for sub in SUBFOLDERS:
        (path / sub).mkdir(exist_ok=True)
    store = ProjectStore(path, create=True)
    with store.transaction():
        store.conn.execute(
            "INSERT INTO project (id, title, source_lang, target_langs, fps, created_at, settings)"
            " VALUES (1, ?, ?, ?, ?, ?, ?)",
            (
                project.title,
                project.source_lang,
                json.dumps(project.target_langs),
                project.fps,
                project.created_at,
                json.dumps(project.settings, ensure_ascii=False),
            ),
        )
    return store


def open_project(path: Path | str, *, read_only: bool = False) -> ProjectStore:
    """Open the project at ``path``; ``read_only`` never writes to it (not even a
    migration), for readers such as the yearly report."""
    path = Path(path)
    if not path.exists():
        raise ProjectError("no such project folder", file=path)
    check_database_path(path)
    if not is_project_dir(path):
        raise ProjectError(f"not a TTĐN Studio project (no {DB_NAME})", file=path)
    return ProjectStore(path, read_only=read_only)


class MemoryEntry(NamedTuple):
    """One approved pair on its way to the translation memory."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    project: str
    approved_at: str


class ProjectStore:
    """All reads and writes of one project. Every public edit is one transaction."""

    def __init__(self, path: Path, *, create: bool = False, read_only: bool = False):
        self.path = Path(path)
        self.db_path = self.path / DB_NAME
        self.conn: sqlite3.Connection = connect(self.db_path, read_only=read_only)
        self.author = current_user()
        self._recorder: Recorder | None = None
        self._action = ""
        if not create and self.conn.execute("SELECT COUNT(*) FROM project").fetchone()[0] != 1:
            raise ProjectError("project database has no project record", file=self.db_path)

    # ------------------------------------------------------------------ basics
    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The same connection through sqlite-utils (tables, rows, schema at a glance)."""
        return database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fold_journal(self) -> None:
        """Write the journal into the database file and stop journaling beside it, so that
        ``project.db`` alone holds the project (to move it as one file). The next open
        journals again."""
        self.conn.execute("PRAGMA journal_mode = DELETE")

    def folder(self, name: str) -> Path:
        path = self.path / name
        path.mkdir(exist_ok=True)
        return path

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with transaction(self.conn) as conn:
            yield conn

    @contextmanager
    def edit(self, action: str, *, merge: bool = False) -> Iterator[Recorder]:
        """One undoable user edit: a transaction whose row changes go to the history.

        ``merge``: fold into the newest entry when it is this person's same action
        (saves of one burst of typing are undone in one step)."""
        if self._recorder is not None:  # nested in a batch: join it
            yield self._recorder
            return
        rec = Recorder()
        self._recorder, self._action = rec, action
        try:
            with self.transaction():
                yield rec
                at = now_iso()
                if not (
                    merge
                    and rec.changes
                    and history.merge_into_latest(self.conn, at, self.author, action, rec)
                ):
                    history.save_entry(self.conn, at, self.author, action, rec)
        finally:
            self._recorder = None

    def _put(self, table: str, key: dict[str, Any], row: dict[str, Any] | None) -> None:
        """Write a row inside an edit, recording before/after for undo."""
        assert self._recorder is not None, "writes must happen inside store.edit()"
        before = fetch_row(self.conn, table, key)
        history.write_row(self.conn, table, key, row)
        after = fetch_row(self.conn, table, key) if row is not None else None
        self._recorder.add(table, before, after)

    # ----------------------------------------------------------------- project
    @property
    def project(self) -> Project:
        row = self.conn.execute(
            "SELECT title, source_lang, target_langs, fps, created_at, settings FROM project"
        ).fetchone()
        try:
            return Project(
                title=row[0],
                source_lang=row[1],
                target_langs=json.loads(row[2]),
                fps=row[3],
                created_at=row[4],
                settings=json.loads(row[5]),
            )
        except (TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            raise ProjectError(
                f"the project's own record is damaged ({_damage(exc)}); restore a backup",
                file=self.db_path,
            ) from None

    def update_project(self, **fields: Any) -> Project:
        updated = self.project.model_copy(update=fields)
        updated = Project.model_validate(updated.model_dump())
        values = {
            "title": updated.title,
            "source_lang": updated.source_lang,
            "target_langs": json.dumps(updated.target_langs),
            "fps": updated.fps,
            "settings": json.dumps(updated.settings, ensure_ascii=False),
        }
        if self._recorder is not None:  # part of an edit: undo restores the old settings
            current = fetch_row(self.conn, "project", {"id": 1})
            assert current is not None
            self._put("project", {"id": 1}, {**current, **values})
            return updated
        with self.transaction():
            self.conn.execute(
                "UPDATE project SET title=?, source_lang=?, target_langs=?, fps=?, settings=?",
                tuple(values.values()),
            )
        return updated

    def check_lang(self, lang: str, *, allow_source: bool = True) -> str:
        project = self.project
        allowed = project.languages if allow_source else project.target_langs
        if lang not in allowed:
            raise NotFoundError(
                f"language {lang!r} is not in this project (it has {', '.join(allowed)})"
            )
        return lang

    # ------------------------------------------------------------------- clips
    def clips(self) -> list[Clip]:
        rows = self.conn.execute(
            "SELECT id, name, video, position FROM clips ORDER BY position, id"
        ).fetchall()
        return [Clip(id=r[0], name=r[1], video=r[2], position=r[3]) for r in rows]

    def clip(self, name: str | None = None) -> Clip:
        """The clip called ``name``; with no name, the only clip (or an error)."""
        clips = self.clips()
        if name is None:
            if len(clips) == 1:
                return clips[0]
            if not clips:
                raise NotFoundError("this project has no clips yet; import a file first")
            names = ", ".join(c.name for c in clips)
            raise NotFoundError(
                f"this project has several clips ({names}); choose one with --clip",
                desk=f"this project has several clips ({names}); choose one in the clip list",
            )
        for clip in clips:
            if clip.name == name:
                return clip
        raise NotFoundError(
            f"no clip named {name!r} (clips: {', '.join(c.name for c in clips) or 'none'})"
        )

    def add_clip(self, name: str, video: str | None = None) -> Clip:
        name = check_clip_name(clean_text(name))
        with self.edit(f"add clip {name}"):
            if self.conn.execute("SELECT 1 FROM clips WHERE name = ?", (name,)).fetchone():
                raise ProjectError(f"a clip named {name!r} already exists")
            position = self.conn.execute(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM clips"
            ).fetchone()[0]
            cur = self.conn.execute(
                "INSERT INTO clips (name, video, position, created_at) VALUES (?, ?, ?, ?)",
                (name, video, position, now_iso()),
            )
            clip_id = int(cur.lastrowid or 0)
            assert self._recorder is not None
            self._recorder.add("clips", None, fetch_row(self.conn, "clips", {"id": clip_id}))
        return self.clip(name)

    def set_clip_video(self, name: str, video: str | None) -> Clip:
        clip = self.clip(name)
        with self.edit(f"set video of {name}"):
            row = fetch_row(self.conn, "clips", {"id": clip.id})
            assert row is not None
            self._put("clips", {"id": clip.id}, {**row, "video": video})
        return self.clip(name)

    # -------------------------------------------------------------------- cues
    def cue_rows(self, clip: str | None = None, langs: Iterable[str] | None = None) -> list[CueRow]:
        """Cues in order (clip position, start, id) with their 1-based index per clip."""
        clips = [self.clip(clip)] if clip is not None else self.clips()
        wanted = set(langs) if langs is not None else set(self.project.target_langs)
        out: list[CueRow] = []
        with paused_gc():  # thousands of small objects, no cycles among them
            for c in clips:
                cues = self._cues_of(c.id)
                trs = self._translations_of(c.id, wanted)
                for i, cue in enumerate(cues, start=1):
                    by_lang = trs.get(cue.id) or {}
                    out.append(trusted(CueRow, index=i, clip=c.name, cue=cue, translations=by_lang))
        return out

    def light_rows(self, clip: str | None, lang: str) -> list[LightRow]:
        """The rows of :meth:`cue_rows` for one language, as light read-only objects (QC over
        a whole project): one query per clip, no per-row validation, a third of the memory."""
        clips = [self.clip(clip)] if clip is not None else self.clips()
        is_source = lang == self.project.source_lang
        none = OneTranslation(lang, None)  # shared by every row without a translation
        out: list[LightRow] = []
        with paused_gc():
            for c in clips:
                name = c.name
                if is_source:
                    rows = self.conn.execute(
                        "SELECT id, start_ms, end_ms, text, NULL, NULL FROM cues"
                        " WHERE clip_id = ? ORDER BY start_ms, id",
                        (c.id,),
                    )
                else:
                    rows = self.conn.execute(
                        "SELECT c.id, c.start_ms, c.end_ms, c.text, t.text, t.status FROM cues c"
                        " LEFT JOIN translations t ON t.cue_id = c.id AND t.lang = ?"
                        " WHERE c.clip_id = ? ORDER BY c.start_ms, c.id",
                        (lang, c.id),
                    )
                for i, r in enumerate(rows, start=1):
                    translations = none
                    if r[5] is not None:
                        status = _STATUSES.get(r[5]) or Status(r[5])
                        translations = OneTranslation(lang, LightTranslation(r[4], status))
                    out.append(LightRow(i, name, r[0], r[1], r[2], r[3], translations))
        return out

    def _cues_of(self, clip_id: int) -> list[Cue]:
        rows = self.conn.execute(  # the cursor, not fetchall(): no second copy of every row
            "SELECT id, clip_id, start_ms, end_ms, text, version, align FROM cues"
            " WHERE clip_id = ? ORDER BY start_ms, id",
            (clip_id,),
        )
        return [
            trusted(
                Cue,
                id=r[0],
                clip_id=r[1],
                start_ms=r[2],
                end_ms=r[3],
                text=r[4],
                version=r[5],
                align=_shared(r[6]),  # one string per value, not one per row (memory)
            )
            for r in rows
        ]

    def _translations_of(self, clip_id: int, langs: set[str]) -> dict[int, dict[str, Translation]]:
        """Per cue id, its translations by language (read row by row from the cursor)."""
        if not langs:
            return {}
        marks = ", ".join("?" * len(langs))
        rows = self.conn.execute(
            "SELECT t.cue_id, t.lang, t.text, t.status, t.origin, t.author, t.updated_at,"
            f" t.version, t.flags, t.mt_confidence FROM translations t JOIN cues c ON c.id = t.cue_id"
            f" WHERE c.clip_id = ? AND t.lang IN ({marks})",
            (clip_id, *sorted(langs)),
        )
        out: dict[int, dict[str, Translation]] = {}
        for r in rows:
            tr = _translation(r)
            by_lang = out.get(r[0])
            if by_lang is None:
                out[r[0]] = {tr.lang: tr}
            else:
                by_lang[tr.lang] = tr
        return out

    def cue_name(self, cue_id: int) -> str:
        """A cue as people see it on screen: its clip and number (``tap-01 #3``)."""
        row = self.conn.execute(
            "SELECT cl.name, (SELECT count(*) FROM cues c2 WHERE c2.clip_id = c.clip_id"
            " AND (c2.start_ms < c.start_ms OR (c2.start_ms = c.start_ms AND c2.id <= c.id)))"
            " FROM cues c JOIN clips cl ON cl.id = c.clip_id WHERE c.id = ?",
            (cue_id,),
        ).fetchone()
        return f"{row[0]} #{row[1]}" if row else f"cue #{cue_id}"

    def cue(self, cue_id: int) -> Cue:
        row = fetch_row(self.conn, "cues", {"id": cue_id})
        if row is None:
            raise NotFoundError(f"cue #{cue_id} no longer exists")
        return Cue.model_construct(
            **{
                k: row[k]
                for k in ("id", "clip_id", "start_ms", "end_ms", "text", "version", "align")
            }
        )

    def cue_by_index(self, clip: str | None, index: int) -> Cue:
        c = self.clip(clip)
        cues = self._cues_of(c.id)
        if not 1 <= index <= len(cues):
            raise NotFoundError(f"clip {c.name!r} has no cue {index} (it has {len(cues)})")
        return cues[index - 1]

    def translation(self, cue_id: int, lang: str) -> Translation:
        r = self.conn.execute(
            "SELECT cue_id, lang, text, status, origin, author, updated_at, version, flags,"
            " mt_confidence FROM translations WHERE cue_id = ? AND lang = ?",
            (cue_id, lang),
        ).fetchone()
        if r is None:
            self.cue(cue_id)  # raises if the cue is gone
            return Translation(cue_id=cue_id, lang=lang, version=0)
        return _translation(r)

    def add_cues(
        self,
        clip: str,
        cues: Sequence[NewCue | TimedText],
        *,
        origin: str = Origin.IMPORT,
        action: str = "import",
    ) -> int:
        """Create cues (and their translations) in one undoable transaction.

        Rows are built first and written with ``executemany`` (ids assigned
        here), so a 10,000-cue import is one fast transaction. Cues read from a
        subtitle file (``TimedText``: no translations) are taken as they are.
        """
        c = self.clip(clip)
        stamp = now_iso()
        # many small objects and no cycles among them: the collector would only walk them
        with paused_gc(), self.edit(action) as rec:
            next_id = self.conn.execute(
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'cues'), 0),"
                " COALESCE((SELECT MAX(id) FROM cues), 0)) + 1"
            ).fetchone()[0]
            cue_rows, cue_values, tr_rows = self._new_rows(c.id, cues, next_id, origin, stamp)
            # positional parameters bind faster than named ones; the rows go to the history
            self.conn.executemany(
                f"INSERT INTO cues ({', '.join(_NEW_CUE_COLUMNS)}) VALUES"
                f" ({', '.join('?' * len(_NEW_CUE_COLUMNS))})",
                cue_values,
            )
            self.conn.executemany(
                f"INSERT INTO translations ({', '.join(_NEW_TRANSLATION_COLUMNS)}) VALUES"
                f" ({', '.join('?' * len(_NEW_TRANSLATION_COLUMNS))})",
                [tuple(row.values()) for row in tr_rows],
            )
            rec.changes.extend(history.Change("cues", None, row) for row in cue_rows)
            rec.changes.extend(history.Change("translations", None, row) for row in tr_rows)
        return len(cues)

    def _new_rows(
        self,
        clip_id: int,
        cues: Sequence[NewCue | TimedText],
        next_id: int,
        origin: str,
        stamp: str,
    ) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]], list[dict[str, Any]]]:
        """The rows of new cues (as dicts, and as tuples in the order of
        ``_NEW_CUE_COLUMNS``) and of their translations (dicts, keys in the order of
        ``_NEW_TRANSLATION_COLUMNS``)."""
        cue_rows: list[dict[str, Any]] = []
        cue_values: list[tuple[Any, ...]] = []
        tr_rows: list[dict[str, Any]] = []
        for cue_id, new in enumerate(cues, start=next_id):
            start, end, text = int(new.start_ms), int(new.end_ms), stored_text(new.text)
            align = new.align if new.align in ("middle", "top") else "bottom"
            cue_values.append((cue_id, clip_id, start, end, text, 1, stamp, align))
            cue_rows.append(
                {
                    "id": cue_id,
                    "clip_id": clip_id,
                    "start_ms": start,
                    "end_ms": end,
                    "text": text,
                    "version": 1,
                    "updated_at": stamp,
                    "align": align,
                }
            )
            if not isinstance(new, NewCue) or not new.translations:
                continue
            for lang, tr_text in new.translations.items():
                status = new.statuses.get(lang, Status.DRAFT if tr_text.strip() else Status.EMPTY)
                tr_rows.append(
                    {
                        "cue_id": cue_id,
                        "lang": lang,
                        "text": stored_text(tr_text),
                        "status": str(status),
                        "origin": origin,
                        "author": self.author,
                        "updated_at": stamp,
                        "version": 1,
                        "flags": "[]",
                    }
                )
        return cue_rows, cue_values, tr_rows

    # ------------------------------------------------------------------- edits
    def edit_translation(
        self,
        cue_id: int,
        lang: str,
        text: str | None = None,
        *,
        expected_version: int | None,
        status: Status | str | None = None,
        origin: str | None = None,
        flags: list[str] | None = None,
        action: str | None = None,
        burst: bool = False,
        confidence: float | None = None,
    ) -> Translation:
        """Change one cue's text and/or status in one language.

        ``burst``: the next save of the same typing; it joins the previous undo step.
        ``confidence`` is the MT engine's for a machine draft; any other edit clears it.

        ``expected_version`` is the version the editor started from (0 for a
        translation that did not exist); if it changed meanwhile the edit is refused.
        ``None`` skips the check (batch tools that re-read right before writing).
        """
        self.check_lang(lang, allow_source=False)
        with self.edit(action or f"edit {lang} of {self.cue_name(cue_id)}", merge=burst):
            current = self.translation(cue_id, lang)
            if expected_version is not None and current.version != expected_version:
                raise StaleEditError(
                    f"the {lang} text of this cue was changed by {current.author or 'someone'} "
                    f"at {current.updated_at or 'an unknown time'} while you were editing "
                    f"(you started from version {expected_version}, it is now {current.version}); "
                    "reload the cue and apply your change again"
                )
            new_text = stored_text(text) if text is not None else current.text
            new_status = Status(status) if status is not None else current.status
            if text is not None and status is None and new_text != current.text:
                new_status = Status.DRAFT if new_text.strip() else Status.EMPTY
            row = {
                "cue_id": cue_id,
                "lang": lang,
                "text": new_text,
                "status": str(new_status),
                "origin": origin or (Origin.HUMAN if text is not None else current.origin),
                "author": self.author,
                "updated_at": now_iso(),
                "version": current.version + 1,
                "flags": json.dumps(
                    flags if flags is not None else _settled(current, new_text, new_status)
                ),
                "mt_confidence": confidence,
            }
            self._put("translations", {"cue_id": cue_id, "lang": lang}, row)
            if text is not None and str(row["origin"]).startswith("mt"):
                editorial.record_mt_drafts(self.conn, [row])
        return self.translation(cue_id, lang)

    def set_translations(
        self,
        items: list[tuple[int, str, str]],
        *,
        status: Status | str,
        origin: str,
        flags: dict[int, list[str]] | None = None,
        action: str = "set translations",
    ) -> int:
        """Write many ``(cue_id, lang, text)`` translations as one undoable edit.

        The bulk path for imports and machine drafts: one read, one
        ``executemany``. No version check: callers decide what may be replaced.
        """
        if not items:
            return 0
        for lang in {lang for _, lang, _ in items}:
            self.check_lang(lang, allow_source=False)
        flags = flags or {}
        stamp = now_iso()
        with self.edit(action) as rec:
            before = self._current_translations({cue_id for cue_id, _, _ in items})
            rows: list[dict[str, Any]] = []
            for cue_id, lang, text in items:
                old = before.get((cue_id, lang))
                rows.append(
                    {
                        "cue_id": cue_id,
                        "lang": lang,
                        "text": stored_text(text),
                        "status": str(Status(status)),
                        "origin": origin,
                        "author": self.author,
                        "updated_at": stamp,
                        "version": (old["version"] if old else 0) + 1,
                        "flags": json.dumps(flags.get(cue_id, [])),
                        "mt_confidence": None,
                    }
                )
            self.conn.executemany(
                "INSERT INTO translations (cue_id, lang, text, status, origin, author, updated_at,"
                " version, flags, mt_confidence) VALUES (:cue_id, :lang, :text, :status, :origin,"
                " :author, :updated_at, :version, :flags, :mt_confidence)"
                " ON CONFLICT (cue_id, lang) DO UPDATE SET"
                " text = excluded.text, status = excluded.status, origin = excluded.origin,"
                " author = excluded.author, updated_at = excluded.updated_at,"
                " version = excluded.version, flags = excluded.flags,"
                " mt_confidence = excluded.mt_confidence",
                rows,
            )
            if origin.startswith("mt"):
                editorial.record_mt_drafts(self.conn, rows)
            for (cue_id, lang, _), row in zip(items, rows, strict=True):
                rec.add("translations", before.get((cue_id, lang)), row)
        return len(rows)

    def _current_translations(self, cue_ids: set[int]) -> dict[tuple[int, str], dict[str, Any]]:
        out: dict[tuple[int, str], dict[str, Any]] = {}
        ids = sorted(cue_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            cur = self.conn.execute(
                f"SELECT * FROM translations WHERE cue_id IN ({','.join('?' * len(chunk))})", chunk
            )
            names = [d[0] for d in cur.description]
            for r in cur.fetchall():
                row = dict(zip(names, r, strict=True))
                out[(row["cue_id"], row["lang"])] = row
        missing = cue_ids - {cid for cid, _ in out} - self._existing_cue_ids(ids)
        if missing:
            raise NotFoundError(f"cue #{min(missing)} no longer exists")
        return out

    def _existing_cue_ids(self, ids: list[int]) -> set[int]:
        found: set[int] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM cues WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
            )
        return found

    def edit_cue(
        self,
        cue_id: int,
        *,
        expected_version: int | None,
        text: str | None = None,
        start_ms: int | None = None,
        end_ms: int | None = None,
        action: str | None = None,
    ) -> Cue:
        """Change a cue's source text and/or times (validated: no new overlaps)."""
        with self.edit(action or f"edit times or text of {self.cue_name(cue_id)}"):
            cue = self.cue(cue_id)
            if expected_version is not None and cue.version != expected_version:
                raise StaleEditError(
                    f"cue #{cue_id} was changed by someone else while you were editing "
                    f"(version {expected_version} → {cue.version}); reload it and try again"
                )
            start = cue.start_ms if start_ms is None else start_ms
            end = cue.end_ms if end_ms is None else end_ms
            check_times(self._cues_of(cue.clip_id), cue, start, end)
            row = fetch_row(self.conn, "cues", {"id": cue_id})
            assert row is not None
            row.update(
                text=stored_text(text) if text is not None else cue.text,
                start_ms=start,
                end_ms=end,
                version=cue.version + 1,
                updated_at=now_iso(),
            )
            self._put("cues", {"id": cue_id}, row)
            if not realign.same_words(cue.text, row["text"]):
                realign.flag_outdated(self, cue_id, row["updated_at"])
        return self.cue(cue_id)

    def edit_source(
        self,
        cue_id: int,
        text: str,
        expected_version: int | None,
        *,
        action: str | None = None,
    ) -> Cue:
        """Change a cue's source text; its translations stay but are flagged ``outdated``.

        One undoable edit: the source and every flag it set. A text equal to the
        stored one changes nothing. An empty source is refused.
        """
        new_text = stored_text(text)
        if not new_text.strip():
            raise ProjectError("the source text of a cue cannot be empty")
        with self.edit(action or f"edit source of {self.cue_name(cue_id)}"):
            cue = self.cue(cue_id)
            if expected_version is not None and cue.version != expected_version:
                raise StaleEditError(
                    f"the source of this cue was changed by someone else while you were "
                    f"editing (version {expected_version} → {cue.version}); reload it and "
                    "apply your change again"
                )
            if new_text == cue.text:
                return cue
            # the translations stay; a change of words flags them outdated (see edit_cue)
            return self.edit_cue(cue_id, expected_version=None, text=new_text)

    def delete_cue(self, cue_id: int, *, action: str | None = None) -> None:
        with self.edit(action or f"delete {self.cue_name(cue_id)}"):
            for (lang,) in self.conn.execute(
                "SELECT lang FROM translations WHERE cue_id = ?", (cue_id,)
            ).fetchall():
                self._put("translations", {"cue_id": cue_id, "lang": lang}, None)
            self._put("cues", {"id": cue_id}, None)

    def insert_cue(
        self,
        clip_id: int,
        start_ms: int,
        end_ms: int,
        text: str,
        translations: dict[str, Translation] | None = None,
        align: str = "bottom",
    ) -> int:
        """Insert one cue inside an open edit (used by split/merge)."""
        assert self._recorder is not None
        cur = self.conn.execute(
            "INSERT INTO cues (clip_id, start_ms, end_ms, text, version, updated_at, align)"
            " VALUES (?, ?, ?, ?, 1, ?, ?)",
            (clip_id, start_ms, end_ms, stored_text(text), now_iso(), align),
        )
        cue_id = int(cur.lastrowid or 0)
        self._recorder.add("cues", None, fetch_row(self.conn, "cues", {"id": cue_id}))
        for lang, tr in (translations or {}).items():
            self._put(
                "translations",
                {"cue_id": cue_id, "lang": lang},
                {
                    "cue_id": cue_id,
                    "lang": lang,
                    "text": tr.text,
                    "status": str(tr.status),
                    "origin": tr.origin,
                    "author": self.author,
                    "updated_at": now_iso(),
                    "version": 1,
                    "flags": json.dumps(tr.flags),
                },
            )
        return cue_id

    # ------------------------------------------------- translation-memory outbox
    def queue_for_memory(self, entries: Iterable[MemoryEntry]) -> None:
        """Queue approved pairs for the translation memory, inside the current edit."""
        assert self.conn.in_transaction, "queue inside store.edit(), with the approval"
        self.conn.executemany(
            "INSERT INTO tm_outbox (source, target, src_lang, tgt_lang, project, approved_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [tuple(e) for e in entries],
        )

    def memory_queue(self) -> list[tuple[int, MemoryEntry]]:
        """Approved pairs not yet confirmed in the translation memory, oldest first."""
        try:
            rows = self.conn.execute(
                "SELECT id, source, target, src_lang, tgt_lang, project, approved_at"
                " FROM tm_outbox ORDER BY id"
            ).fetchall()
        except sqlite3.OperationalError:  # a database not brought up to date (opened read-only)
            return []
        return [(r[0], MemoryEntry(*r[1:])) for r in rows]

    def drop_from_memory_queue(self, ids: Iterable[int]) -> None:
        """Forget queued pairs once the memory holds them."""
        with self.transaction():
            self.conn.executemany("DELETE FROM tm_outbox WHERE id = ?", [(i,) for i in ids])

    # ----------------------------------------------------------------- history
    def history(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, at, author, action, undone FROM history ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [dict(id=r[0], at=r[1], author=r[2], action=r[3], undone=bool(r[4])) for r in rows]

    def undo(self) -> str:
        """Undo this person's latest edit still in effect (never someone else's);
        returns its description."""
        return self._step(undo=True)

    def redo(self) -> str:
        return self._step(undo=False)

    def _step(self, *, undo: bool) -> str:
        with self.transaction():
            sql = (
                "SELECT id, action, changes FROM history WHERE undone = 0 AND author = ?"
                " ORDER BY id DESC LIMIT 1"
                if undo
                else "SELECT id, action, changes FROM history WHERE undone = 1 AND author = ?"
                " ORDER BY id ASC LIMIT 1"
            )
            row = self.conn.execute(sql, (self.author,)).fetchone()
            if row is None:
                what = "undo" if undo else "redo"
                raise HistoryError(f"nothing to {what}: no edit of yours ({self.author}) is left")
            history.replay(
                self.conn, json.loads(row[2]), undo=undo, now=now_iso(), author=self.author
            )
            self.conn.execute(
                "UPDATE history SET undone = ? WHERE id = ?", (1 if undo else 0, row[0])
            )
        return str(row[1])


_STATUSES = {s.value: s for s in Status}
# The columns an import writes, in the order of the values ProjectStore._new_rows builds.
_NEW_CUE_COLUMNS = ("id", "clip_id", "start_ms", "end_ms", "text", "version", "updated_at", "align")
_NEW_TRANSLATION_COLUMNS = (
    "cue_id",
    "lang",
    "text",
    "status",
    "origin",
    "author",
    "updated_at",
    "version",
    "flags",
)


def _shared(value: Any) -> Any:
    """One string object per distinct value (languages, origins, authors, times repeat on
    thousands of rows): about 300 bytes less per cue read."""
    return sys.intern(value) if type(value) is str else value


def _translation(r: tuple[Any, ...]) -> Translation:
    return trusted(
        Translation,
        cue_id=r[0],
        lang=_shared(r[1]),  # repeated values: one string each, not one per row (memory)
        text=r[2],
        status=_STATUSES.get(r[3]) or Status(r[3]),
        origin=_shared(r[4]),
        author=_shared(r[5]),
        updated_at=_shared(r[6]),
        version=r[7],
        flags=json.loads(r[8]) if r[8] != "[]" else [],
        confidence=r[9] if len(r) > 9 else None,
    )


def _settled(current: Translation, new_text: str, new_status: Status) -> list[str]:
    """The flags kept by an edit: a new text or a review settles ``outdated``."""
    if OUTDATED_FLAG in current.flags and (
        new_text != current.text or new_status in (Status.REVIEWED, Status.APPROVED)
    ):
        return [f for f in current.flags if f != OUTDATED_FLAG]
    return current.flags
