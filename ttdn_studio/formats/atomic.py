"""Writing files atomically: a crash never leaves a half-written file under the final name.

Data goes to a temporary file in the same folder, is flushed and fsynced, then
renamed over the target with :func:`os.replace` (atomic on POSIX and Windows).

What is written into, never over:

* a symbolic link is followed: its target is replaced, the link stays a link;
* ``-`` and ``/dev/stdout`` mean standard output, written directly (no rename);
* any other device (``/dev/null``, ``/dev/full``), named pipe or socket is
  refused with :class:`~ttdn_studio.errors.OutputRefused`: renaming a file over
  it would replace the device node with a regular file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ttdn_studio.errors import OutputRefused

STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_stdout(path: Path | str) -> bool:
    """True when ``path`` means standard output (``-`` or ``/dev/stdout``)."""
    return str(path) in STDOUT_NAMES


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file or folder is (a device, a pipe…), else None."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def write_target(path: Path | str) -> Path:
    """The file an atomic write of ``path`` replaces: symlinks resolved; special files refused."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    try:
        mode = real.stat().st_mode
    except OSError:
        return real  # does not exist yet (or cannot be reached: the write will say so)
    kind = special_kind(mode)
    if kind:
        shown = f"{path} (→ {real})" if real != path.absolute() else str(path)
        raise OutputRefused(
            f"{shown} is {kind}, not a file: refusing to write over it "
            "(give a file name, or - for standard output)",
            file=None,
        )
    return real


def _write_stdout(data: bytes) -> None:
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
    else:
        out.write(data)
    sys.stdout.flush()


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    The temporary file already exists (empty) when yielded, so tools that refuse to
    overwrite (ffmpeg without ``-y``) must be told to. Whoever writes it must have
    closed it when the block ends. On an exception the temporary file is removed and
    ``path`` is left as it was.
    """
    if is_stdout(path):
        with _stdout_path() as tmp:
            yield tmp
        return
    path = write_target(path)
    # The temporary name keeps the suffix: tools such as ffmpeg choose a format by it.
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent
        )
    except OSError as exc:  # name the file the person asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
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


@contextlib.contextmanager
def _stdout_path() -> Iterator[Path]:
    """A temporary file whose content goes to standard output when the block succeeds."""
    fd, tmp_name = tempfile.mkstemp(prefix=".ttdn-stdout.")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _write_stdout(tmp.read_bytes())
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path as given.

    ``-`` or ``/dev/stdout`` writes to standard output; see the module docstring
    for symbolic links and special files.
    """
    if is_stdout(path):
        _write_stdout(data)
        return Path(path)
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
