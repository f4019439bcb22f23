"""Review workflow: status changes, translation-memory pre-fill and editor hints.

Every status change is one undoable edit of the project. Translations that
reach ``approved`` are added to the shared translation memory (undoing the
status change does not remove them from the memory: it holds what was once
approved). A sentence that runs across cues (:func:`sentence_runs`) goes to the memory
once, whole, when the last of its cues is approved; never as half-sentence pairs.
Pre-fill from the memory only writes cues that hold no human work.

The memory is a separate SQLite file (shared by all projects), so an approval
and its memory entry cannot share one transaction. Instead the approval queues
its pairs in the project's own ``tm_outbox`` table in the same transaction;
they are then copied to the memory and dropped from the queue. If the memory
cannot be written (disk full, file locked), the pairs stay queued and are
copied the next time the project is opened (:func:`flush_memory_queue`) or by
``ttdn tm rebuild``, which also re-adds every approved translation.

A memory opened for the first time (:func:`open_memory`) is seeded with the
demo's approved cues, grouped into sentences as ``ttdn tm rebuild`` groups a
project's, so a fresh install already answers lookups.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ttdn_studio.errors import TtdnError, ValidationError
from ttdn_studio.glossary import TermMatch, load_glossary
from ttdn_studio.models import CueRow, Origin, Project, Status
from ttdn_studio.models.domain import Cue, Translation
from ttdn_studio.services.editorial import record_post_edits, require_edit, require_status
from ttdn_studio.store import ProjectStore, is_project_dir
from ttdn_studio.store.project_store import MemoryEntry
from ttdn_studio.store.translation_memory import TranslationMemory
from ttdn_studio.tm import TmMatch, TmUnit
from ttdn_studio.tm.sentences import sentence_joins

if TYPE_CHECKING:
    from ttdn_studio.services.demo import DemoCue

SETTABLE = (Status.DRAFT, Status.REVIEWED, Status.APPROVED)
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_index_ranges(spec: str, highest: int | None = None) -> list[int]:
    """``"1,2,5-9"`` → ``[1, 2, 5, 6, 7, 8, 9]`` (1-based, sorted, no repeats).

    With ``highest`` (the number of cues), a range is cut at it, so ``1-999999999999``
    costs no memory; numbers above it are then left to the caller to report.
    """
    out: set[int] = set()
    for part in spec.split(","):
        m = _RANGE.match(part)
        if not m:
            raise ValidationError(f"not a cue number or range: {part.strip()!r} (use e.g. 1,2,5-9)")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first < 1 or last < first:
            raise ValidationError(f"bad cue range {part.strip()!r} (numbers start at 1, low-high)")
        if highest is not None and last > highest:
            out.add(last)  # reported as missing by the caller
            last = min(last - 1, highest)
        out.update(range(first, last + 1))
    return sorted(out)


def _settable(status: Status | str) -> Status:
    try:
        value = Status(status)
    except ValueError:
        value = None
    if value not in SETTABLE:
        raise ValidationError(f"cannot set status {status!r} (use {', '.join(SETTABLE)})")
    return Status(value)


def set_status(
    store: ProjectStore,
    cue_ids: Iterable[int],
    lang: str,
    status: Status | str,
    *,
    expected_versions: dict[int, int] | None = None,
    tm: TranslationMemory | None = None,
    on_note: Callable[[str], None] | None = None,
) -> int:
    """Mark cues draft, reviewed or approved in ``lang`` as ONE undoable edit.

    Returns how many translations changed. Empty translations are refused
    (nothing is changed then). Approved ones go to the translation memory; if
    it cannot be written they wait in the project (``on_note`` is told).
    """
    target = _settable(status)
    store.check_lang(lang, allow_source=False)
    require_status(store, target)
    ids = list(dict.fromkeys(cue_ids))
    changed: list[int] = []
    with store.edit(f"mark {len(ids)} cue(s) {target} ({lang})"):
        for cue_id in ids:
            current = store.translation(cue_id, lang)
            if not current.text.strip():
                raise ValidationError(
                    f"cue #{cue_id} has no {lang} text yet; translate it before marking it {target}"
                )
            expected = (expected_versions or {}).get(cue_id)
            if current.status == target and expected in (None, current.version):
                continue
            if current.status == Status.APPROVED:  # taking an approval back
                require_edit(store, current.status)
            store.edit_translation(
                cue_id, lang, expected_version=expected, status=target, action=f"mark {target}"
            )
            changed.append(cue_id)
        if target == Status.APPROVED and changed:
            store.queue_for_memory(_entries(store, changed, lang))
            record_post_edits(store, changed, lang)
    if target == Status.APPROVED and changed:
        flush_memory_queue(store, tm=tm, on_note=on_note)
    return len(changed)


def sentence_runs(
    rows: list[CueRow], names: Callable[[str], bool | None] | None = None
) -> list[list[CueRow]]:
    """The cues in runs joined by sentences that run on from one cue into the next.

    As for machine translation (:func:`ttdn_studio.tm.sentences.sentence_joins`, with
    the project's glossary names as ``names``): only into the very next cue of the
    same clip. A cue of whole sentences is a run alone.
    """
    near = [
        a.clip == b.clip and b.index == a.index + 1 for a, b in zip(rows, rows[1:], strict=False)
    ]
    runs_on = sentence_joins([r.cue.text for r in rows], near, names)
    runs: list[list[CueRow]] = []
    for i, row in enumerate(rows):
        if runs and runs_on[i - 1]:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _run_entry(run: list[CueRow], lang: str, project: Project) -> MemoryEntry | None:
    """The memory pair of a run whose cues are all approved in ``lang`` (else None).

    A run of several cues is one pair: its whole source against its whole target
    (the memory then stores it per sentence), never one half-sentence pair per cue.
    """
    translations = [row.translations.get(lang) for row in run]
    if any(tr is None or tr.status != Status.APPROVED for tr in translations):
        return None
    sources = [row.cue.text.strip() for row in run]
    targets = [tr.text.strip() for tr in translations if tr is not None]
    if not all(sources) or not all(targets):
        return None
    glue = "" if lang == "km" else " "
    return MemoryEntry(
        " ".join(sources) if len(run) > 1 else run[0].cue.text,
        glue.join(targets) if len(run) > 1 else targets[0],
        project.source_lang,
        lang,
        project.title,
        max(tr.updated_at for tr in translations if tr is not None),
    )


def _glossary_names(project_dir: Path | None, lang: str) -> Callable[[str], bool | None] | None:
    """The glossary's names for :func:`sentence_runs`, as machine translation uses them."""
    from ttdn_studio.translate.terms import glossary_names

    try:
        glossary = load_glossary(project_dir)
    except TtdnError:
        return None  # a broken glossary file is reported where the glossary is used
    return glossary_names(glossary, lang)


def _entries(store: ProjectStore, cue_ids: list[int], lang: str) -> list[MemoryEntry]:
    """The memory pairs completed by approving ``cue_ids``: the runs they belong to whose
    cues are now all approved."""
    project = store.project
    wanted = set(cue_ids)
    out = []
    for run in sentence_runs(
        store.cue_rows(langs=[lang]), _glossary_names(store.path, store.project.source_lang)
    ):
        if any(row.cue.id in wanted for row in run):
            entry = _run_entry(run, lang, project)
            if entry is not None:  # the memory holds pairs only
                out.append(entry)
    return out


def _unit(entry: MemoryEntry) -> TmUnit:
    return TmUnit(
        entry.source,
        entry.target,
        entry.src_lang,
        entry.tgt_lang,
        entry.project,
        entry.approved_at,
    )


def flush_memory_queue(
    store: ProjectStore,
    *,
    tm: TranslationMemory | None = None,
    on_note: Callable[[str], None] | None = None,
) -> int:
    """Copy the project's queued approvals to the translation memory; returns how many wait still.

    Nothing is lost when the memory cannot be written: the pairs stay queued and
    ``on_note`` is told why.
    """
    queued = store.memory_queue()
    if not queued:
        return 0
    memory = None
    try:
        memory = tm or TranslationMemory()
        memory.add_many(_unit(entry) for _, entry in queued)
    except (sqlite3.Error, OSError, TtdnError) as exc:
        reason = exc.message if isinstance(exc, TtdnError) else str(exc)
        if on_note:
            on_note(
                f"{len(queued)} approved translation(s) could not be added to the translation "
                f"memory yet ({reason}); they are kept in the project and added the next time "
                "it is opened, or with: ttdn tm rebuild"
            )
        return len(queued)
    finally:
        if memory is not None and tm is None:
            memory.close()
    try:
        store.drop_from_memory_queue(i for i, _ in queued)
    except TtdnError:
        return len(queued)  # already in the memory; adding them again later changes nothing
    return 0


def approved_entries(store: ProjectStore) -> list[MemoryEntry]:
    """Every approved translation of the project, as memory pairs (a sentence that runs
    across cues: one pair, once all its cues are approved)."""
    project = store.project
    runs = sentence_runs(
        store.cue_rows(langs=project.target_langs),
        _glossary_names(store.path, store.project.source_lang),
    )
    out = []
    for lang in project.target_langs:
        for run in runs:
            entry = _run_entry(run, lang, project)
            if entry is not None:
                out.append(entry)
    return out


def open_memory(path: Path | None = None) -> TranslationMemory:
    """The translation memory; one created by this call is seeded with the demo's approved cues."""
    memory = TranslationMemory(path)
    if memory.is_new:
        # the demo's sources are a bonus: an empty memory still works without them
        with contextlib.suppress(TtdnError, sqlite3.Error, OSError):
            seed_from_demo(memory)
    return memory


def seed_from_demo(memory: TranslationMemory, folder: Path | None = None) -> int:
    """Add the approved cues of the bundled demo's sources (or those in ``folder``) as
    ``ttdn tm rebuild`` adds a project's: sentences on one line, a sentence running
    across cues once, whole. Returns how many segments were new."""
    from ttdn_studio.services.demo import load_source

    source = load_source(folder)
    project = source.project
    runs = sentence_runs(
        _demo_rows(source.clip, source.cues), _glossary_names(None, project.source_lang)
    )
    units = [
        _unit(entry)
        for lang in project.target_langs
        for run in runs
        if (entry := _run_entry(run, lang, project)) is not None
    ]
    return memory.add_many(units) if units else 0


def _demo_rows(clip: str, cues: Sequence[DemoCue]) -> list[CueRow]:
    """The demo's source cues as the cue rows of one clip."""
    return [
        CueRow(
            index=n,
            clip=clip,
            cue=Cue(id=n, clip_id=1, start_ms=cue.start_ms, end_ms=cue.end_ms, text=cue.text),
            translations={
                lang: Translation(cue_id=n, lang=lang, text=text, status=cue.statuses[lang])
                for lang, text in cue.translations.items()
            },
        )
        for n, cue in enumerate(cues, start=1)
    ]


def project_folders(paths: Iterable[Path]) -> list[Path]:
    """Each path that is a project, and the projects directly inside each path that is not."""
    out: list[Path] = []
    for path in paths:
        if is_project_dir(path) or not path.is_dir():
            out.append(path)  # a missing folder is reported by whoever opens it
        else:
            out.extend(sorted(p for p in path.iterdir() if is_project_dir(p)))
    return out


def rebuild_memory(
    store: ProjectStore, memory: TranslationMemory, *, check: bool = False
) -> tuple[int, int]:
    """Make sure the memory holds every approved translation of the project.

    Returns ``(approved, missing)``: how many approved pairs the project has and
    how many the memory lacked (added, unless ``check``). Queued approvals are
    flushed first (unless ``check``).
    """
    if not check:
        flush_memory_queue(store, tm=memory)
    entries = approved_entries(store)
    missing = [
        e for e in entries if not memory.contains(e.source, e.target, e.src_lang, e.tgt_lang)
    ]
    if missing and not check:
        memory.add_many(_unit(e) for e in missing)
    return len(entries), len(missing)


def _fillable(tr: Translation) -> bool:
    """Empty cues, and machine drafts nobody has touched since."""
    return not tr.text.strip() or (tr.status == Status.MT and tr.origin.startswith("mt"))


def prefill_from_tm(
    store: ProjectStore,
    lang: str,
    cue_ids: Iterable[int] | None = None,
    *,
    tm: TranslationMemory | None = None,
) -> int:
    """Fill cues with exact memory matches (origin ``tm``, status ``draft``), as one edit.

    Only empty cues and untouched machine drafts are filled; human work is never
    overwritten. Returns how many cues were filled.
    """
    store.check_lang(lang, allow_source=False)
    source_lang = store.project.source_lang
    wanted = set(cue_ids) if cue_ids is not None else None
    memory = tm or TranslationMemory()
    filled = 0
    try:
        with store.edit(f"fill {lang} from translation memory"):
            for row in store.cue_rows(langs=[lang]):
                if wanted is not None and row.cue.id not in wanted:
                    continue
                current = store.translation(row.cue.id, lang)
                match = (
                    memory.exact(row.cue.text, source_lang, lang) if _fillable(current) else None
                )
                if match is None or match.target == current.text:
                    continue
                store.edit_translation(
                    row.cue.id,
                    lang,
                    match.target,
                    expected_version=current.version,
                    status=Status.DRAFT,
                    origin=Origin.TM,
                )
                filled += 1
    finally:
        if tm is None:
            memory.close()
    return filled


def tm_suggestions(
    store: ProjectStore,
    cue_id: int,
    lang: str,
    limit: int = 5,
    *,
    tm: TranslationMemory | None = None,
) -> list[TmMatch]:
    """Similar approved translations for one cue, best first."""
    memory = tm or TranslationMemory()
    try:
        return memory.fuzzy(store.cue(cue_id).text, store.project.source_lang, lang, limit=limit)
    finally:
        if tm is None:
            memory.close()


def glossary_hits(store: ProjectStore, cue_id: int, lang: str) -> list[tuple[TermMatch, str]]:
    """Glossary terms in the cue's source text and the form ``lang`` requires ("" if none)."""
    glossary = load_glossary(store.path)
    matches = glossary.find(store.cue(cue_id).text, store.project.source_lang)
    return [(m, m.entry.term(lang)) for m in matches]
