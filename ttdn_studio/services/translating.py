"""Machine translation of a project's cues, under the glossary, as one undoable edit.

Only empty cues and untouched machine drafts are filled (unless ``overwrite``):
human work (draft, reviewed, approved, or written by a person or taken from the
translation memory) is never replaced by default. Exact translation-memory
matches are filled first (status ``draft``, origin ``tm``); the rest goes to the
MT engine (status ``mt``, origin ``mt:<engine>``, flag ``term-check-failed``
where glossary enforcement could not be verified). A sentence that runs across
cues is translated whole, shared out and each of its cues' lines re-fitted to the
language's profile; with fewer words than cues it is kept in fewer cues (flag
``sentence-in-fewer-cues``) and the summary counts the cues left empty.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ttdn_studio.errors import ModelError
from ttdn_studio.models import CueRow, Origin, Status
from ttdn_studio.models.domain import Translation
from ttdn_studio.services.editorial import require_edit
from ttdn_studio.store import ProjectStore

if TYPE_CHECKING:
    from ttdn_studio.translate import Engine

Progress = Callable[[int, int], None]
Change = tuple[int, str, Status, str, list[str], float | None]  # ..., MT confidence
HUMAN_ORIGINS = (Origin.HUMAN, Origin.TM)


@dataclass
class TranslateSummary:
    lang: str
    engine: str = ""
    cues_translated: int = 0
    sentences: int = 0
    seconds: float = 0.0
    terms_enforced: int = 0
    terms_repaired: int = 0
    cues_flagged: int = 0
    tm_prefilled: int = 0
    skipped_human: int = 0
    cues_left_empty: int = 0  # a sentence's translation had fewer words than its cues

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class NoModelError(ModelError):
    """No engine can translate the pair; ``summary`` says what the memory still filled."""

    def __init__(self, message: str, summary: TranslateSummary, *, desk: str | None = None):
        super().__init__(message, desk=desk)
        self.summary = summary


def is_human_work(tr: Translation | None) -> bool:
    """True for text a person wrote or confirmed (never overwritten by default)."""
    if tr is None or not tr.text.strip():
        return False
    return tr.status not in (Status.EMPTY, Status.MT) or tr.origin in HUMAN_ORIGINS


def _fillable(tr: Translation | None, overwrite: bool) -> bool:
    return overwrite or not is_human_work(tr)


def _select(
    store: ProjectStore,
    lang: str,
    clip: str | None,
    cue_ids: Iterable[int] | None,
    overwrite: bool,
    summary: TranslateSummary,
) -> list[CueRow]:
    wanted = set(cue_ids) if cue_ids is not None else None
    rows = []
    for row in store.cue_rows(clip, langs=[lang]):
        if (wanted is not None and row.cue.id not in wanted) or not row.cue.text.strip():
            continue
        if _fillable(row.translations.get(lang), overwrite):
            rows.append(row)
        else:
            summary.skipped_human += 1
    return rows


def _tm_matches(rows: list[CueRow], src: str, tgt: str) -> dict[int, str]:
    try:
        from ttdn_studio.store.translation_memory import TranslationMemory
    except ImportError:  # the memory is optional for machine translation
        return {}
    with TranslationMemory() as memory:
        hits = {row.cue.id: memory.exact(row.cue.text, src, tgt) for row in rows}
    return {cue_id: m.target for cue_id, m in hits.items() if m is not None and m.target.strip()}


def _write(
    store: ProjectStore, lang: str, overwrite: bool, label: str, changes: list[Change]
) -> set[int]:
    """Apply (cue id, text, status, origin, flags) in one edit, re-checking each cue first."""
    written: set[int] = set()
    with store.edit(label):
        for cue_id, text, status, origin, flags, confidence in changes:
            current = store.translation(cue_id, lang)
            if not _fillable(current, overwrite):
                continue  # someone wrote it while the machine was working
            require_edit(store, current.status)
            store.edit_translation(
                cue_id,
                lang,
                text,
                expected_version=current.version,
                status=status,
                origin=origin,
                flags=flags,
                confidence=confidence,
            )
            written.add(cue_id)
    return written


def translate_project(
    store: ProjectStore,
    to_lang: str,
    *,
    clip: str | None = None,
    cue_ids: Iterable[int] | None = None,
    engine: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> TranslateSummary:
    """Fill ``to_lang`` with translation-memory matches, then machine translation."""
    from ttdn_studio.translate import pick_engine

    began = time.monotonic()
    store.check_lang(to_lang, allow_source=False)
    src = store.project.source_lang
    summary = TranslateSummary(lang=to_lang)
    rows = _select(store, to_lang, clip, cue_ids, overwrite, summary)
    tm = _tm_matches(rows, src, to_lang)
    tm_changes: list[Change] = [
        (cue_id, text, Status.DRAFT, Origin.TM, [], None) for cue_id, text in tm.items()
    ]
    try:
        chosen = pick_engine(src, to_lang, engine)
    except ModelError as exc:
        if tm_changes:
            label = f"fill {to_lang} from translation memory"
            summary.tm_prefilled = len(_write(store, to_lang, overwrite, label, tm_changes))
        note = (
            f" ({summary.tm_prefilled} cues were filled from the translation memory)"
            if tm_changes
            else ""
        )
        raise NoModelError(
            f"{exc.message}{note}", summary, desk=f"{exc.desk_message}{note}"
        ) from None
    summary.engine = chosen.name
    changes = tm_changes + _machine(
        store, chosen, [r for r in rows if r.cue.id not in tm], src, to_lang, summary, progress
    )
    written = _write(
        store, to_lang, overwrite, f"machine translation {src}→{to_lang} ({chosen.name})", changes
    )
    summary.tm_prefilled = len(written & tm.keys())
    summary.cues_translated = len(written - tm.keys())
    summary.seconds = round(time.monotonic() - began, 3)
    return summary


def line_fitter(store: ProjectStore, lang: str) -> Callable[[str, list[str]], str]:
    """Re-break a cue's ``lang`` text into the project's lines, never inside ``terms``."""
    from ttdn_studio.layout.fit import fit_text
    from ttdn_studio.layout.measure import frame_size
    from ttdn_studio.models.profiles import profile_for

    project = store.project
    profile = profile_for(project, lang)
    width, height = frame_size(project.settings)

    def fit(text: str, terms: list[str]) -> str:
        return fit_text(text, lang, profile, width, height, keep=terms)

    return fit


def _machine(
    store: ProjectStore,
    engine: Engine,
    rows: list[CueRow],
    src: str,
    tgt: str,
    summary: TranslateSummary,
    progress: Progress | None,
) -> list[Change]:
    from ttdn_studio.glossary import load_glossary
    from ttdn_studio.translate import TERM_CHECK_FAILED, translate_texts

    glossary = load_glossary(store.path)
    joins = [  # a sentence may run on only into the very next cue of the same clip
        a.clip == b.clip and b.index == a.index + 1 for a, b in zip(rows, rows[1:], strict=False)
    ]
    results = translate_texts(
        [r.cue.text for r in rows],
        src,
        tgt,
        engine,
        glossary=glossary,
        progress=progress,
        joins=joins,
        fit=line_fitter(store, tgt),
    )
    changes: list[Change] = []
    for row, res in zip(rows, results, strict=True):
        summary.sentences += res.sentences
        summary.terms_enforced += res.enforced
        summary.terms_repaired += res.repaired
        summary.cues_flagged += 1 if TERM_CHECK_FAILED in res.flags else 0
        summary.cues_left_empty += 1 if res.left_empty else 0
        if res.text.strip():
            changes.append(
                (row.cue.id, res.text, Status.MT, Origin.mt(engine.name), res.flags, res.confidence)
            )
    return changes
