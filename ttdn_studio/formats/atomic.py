"""Writing files atomically: a crash never leaves a half-written file under the final name.

Data goes to a temporary file in the same folder, is flushed and fsynced, then
renamed over the target with :func:`os.replace` (atomic on POSIX and Windows).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    The temporary file already exists (empty) when yielded, so tools that refuse to
    overwrite (ffmpeg without ``-y``) must be told to. Whoever writes it must have
    closed it when the block ends. On an exception the temporary file is removed and
    ``path`` is left as it was.
    """
    path = Path(path)
    # The temporary name keeps the suffix: tools such as ffmpeg choose a format by it.
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync_file(tmp)
        _ordinary_permissions(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically, newlines unchanged (``\\n`` stays ``\\n``)."""
    return atomic_write_bytes(path, text.encode(encoding))


def _ordinary_permissions(path: Path) -> None:
    """mkstemp makes files private (0600); give the result the usual umask-based mode."""
    if not path.exists():
        return
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)


def _fsync_file(path: Path) -> None:
    if not path.exists():
        return
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
