"""Which approved cues still carry a QC error, computed once per clip and language.

The report needs, for every clip with approvals in the period, the cues whose
current text has a QC finding of severity error. Running QC is by far the
slowest part of a report, so the result is kept per clip and language in a
small cache database in the data folder (``store.report_cache``), keyed by a
fingerprint of the clip's cues and translations (ids, times, versions, statuses:
any edit changes it) and of what QC depends on besides (project settings, the
glossary files' dates, the program's version). A changed clip is checked again;
an unchanged one is read back. The cache is only an accelerator: when it cannot
be read or written, QC simply runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ttdn_studio import __version__
from ttdn_studio.glossary import Glossary
from ttdn_studio.glossary.loader import layer_files
from ttdn_studio.qc.registry import Check, Finding, QcContext
from ttdn_studio.qc.runner import run_rows
from ttdn_studio.report.collect import ProjectFacts
from ttdn_studio.store import ProjectStore, open_project
from ttdn_studio.store.report_cache import QcCache, cache_file

__all__ = ["QcCache", "cache_file", "error_keys"]


def _context_key(facts: ProjectFacts) -> str:
    """What QC results depend on besides the clip's own rows."""
    try:
        layers = [
            (str(p), p.stat().st_mtime_ns, p.stat().st_size) for _, p in layer_files(facts.path)
        ]
    except OSError:
        layers = []
    text = json.dumps([__version__, facts.settings, facts.fps, facts.source_lang, layers])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass
class _Checker:
    """Runs QC on the clips the cache does not know; opens the project only if needed."""

    folder: Path
    glossary: Callable[[], Glossary | None]  # loaded on the first check
    checks: list[Check]
    store: ProjectStore | None = None
    contexts: dict[str, QcContext] = field(default_factory=dict)

    def errors(self, clip: str, lang: str) -> set[int]:
        if self.store is None:
            self.store = open_project(self.folder)
        if lang not in self.contexts:
            self.contexts[lang] = QcContext.build(self.store.project, lang, self.glossary())
        rows = self.store.light_rows(clip, lang)  # what QC reads, a third of the memory
        return _errors(run_rows(self.contexts[lang], rows, self.checks))

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def error_keys(
    folder: Path,
    facts: ProjectFacts,
    cache: QcCache,
    *,
    checks: list[Check],
    glossary: Callable[[], Glossary | None],
) -> set[tuple[int, str]]:
    """``(cue_id, lang)`` with a QC error, for the clips and languages approved in the period."""
    wanted: set[tuple[str, str]] = {(a.clip, a.lang) for a in facts.approvals}
    project_key = facts.cache_key
    context = _context_key(facts)
    checker = _Checker(folder, glossary, checks)
    out: set[tuple[int, str]] = set()
    try:
        for clip, lang in sorted(wanted):
            clip_id = facts.clip_ids.get(clip)
            if clip_id is None:
                continue
            key = f"{context}:{facts.clip_keys.get(clip_id, ('', ''))[1]}"
            cues = cache.get(project_key, clip_id, lang, key)
            if cues is None:
                cache.misses += 1
                cues = checker.errors(clip, lang)
                cache.put(project_key, clip_id, lang, key, cues)
            else:
                cache.hits += 1
            out.update((c, lang) for c in cues)
    finally:
        checker.close()
    return out


def _errors(findings: Iterable[Finding]) -> set[int]:
    return {int(f.cue_id) for f in findings if f.severity == "error" and f.cue_id is not None}
