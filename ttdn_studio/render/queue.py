"""Whether an output is up to date: the fingerprint of everything that shapes it.

The rows that record each output (queued → running → done | failed | cancelled,
owner, fingerprint) are kept by the store: :mod:`ttdn_studio.store.render_jobs`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RENDERER_VERSION = "1"


def fingerprint(
    ass_text: str, preset_text: str, source: tuple[int, int] | None, fonts: list[str]
) -> str:
    """Hash of the subtitle file (events + styles), preset and source file's size/mtime."""
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, ass_text, preset_text, repr(source), ",".join(sorted(fonts))):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def source_stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None or not path.is_file():
        return None
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
