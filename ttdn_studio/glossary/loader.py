"""The layered glossary: bundled files, then the user's additions, then the project's.

A later layer's entry replaces an earlier one with the same Vietnamese term. The
merged glossary is cached until one of its files changes (mtime or size).
"""

from __future__ import annotations

from pathlib import Path

from ttdn_studio import locations
from ttdn_studio.glossary.entry import GlossaryEntry
from ttdn_studio.glossary.files import read_glossary_file, write_glossary_file
from ttdn_studio.glossary.glossary import Glossary
from ttdn_studio.glossary.matcher import match_key

PROJECT_GLOSSARY = "glossary.tsv"
_CACHE: dict[tuple[tuple[str, str, int, int], ...], Glossary] = {}
_CACHE_SIZE = 8


def project_glossary_file(project_dir: Path) -> Path:
    return Path(project_dir) / PROJECT_GLOSSARY


def layer_files(project_dir: Path | None = None) -> list[tuple[str, Path]]:
    """``(layer, path)`` of every existing glossary file, in load order."""
    files = [("bundled", p) for p in locations.bundled_glossary_files()]
    files.append(("user", locations.user_glossary_file()))
    if project_dir is not None:
        files.append(("project", project_glossary_file(project_dir)))
    return [(layer, p) for layer, p in files if p.is_file()]


def load_glossary(project_dir: Path | None = None) -> Glossary:
    """The merged glossary for a project (or without one: bundled + user).

    The result is shared through a cache: call ``.copy()`` before changing it.
    """
    files = layer_files(project_dir)
    stamp = tuple((layer, str(p), p.stat().st_mtime_ns, p.stat().st_size) for layer, p in files)
    cached = _CACHE.get(stamp)
    if cached is not None:
        return cached
    glossary = Glossary()
    for layer, path in files:
        for entry in read_glossary_file(path):
            glossary.add(entry, layer=layer)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[stamp] = glossary
    return glossary


def target_file(project_dir: Path | None = None) -> Path:
    """Where additions go: the project's glossary, else the user's."""
    return (
        project_glossary_file(project_dir)
        if project_dir is not None
        else locations.user_glossary_file()
    )


def add_entries(path: Path, entries: list[GlossaryEntry]) -> tuple[int, int]:
    """Merge ``entries`` into the TSV file ``path`` (same vi term: replaced).

    Returns ``(added, replaced)``. The file is rewritten atomically.
    """
    current = read_glossary_file(path) if path.is_file() else []
    by_key = {match_key(e.vi): e for e in current}
    added = replaced = 0
    for entry in entries:
        key = match_key(entry.vi)
        if key in by_key:
            replaced += by_key[key] != entry
        else:
            added += 1
        by_key[key] = entry
    write_glossary_file(path, list(by_key.values()), "tsv")
    return added, replaced
