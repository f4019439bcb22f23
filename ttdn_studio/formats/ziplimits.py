"""Limits on zip archives (.docx scripts, model packages) checked before anything is unpacked.

A small archive can expand to gigabytes (a "zip bomb"). :func:`check_zip` reads
only the central directory and refuses an archive whose entries together
declare more than ``max_bytes`` uncompressed, or that holds more than
``max_entries`` entries. Python's :mod:`zipfile` never returns more bytes for an
entry than it declares (a member that inflates beyond its declared size fails
its checksum instead), so the declared sizes bound what reading can cost.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """The most an archive may unpack to, and the most entries it may hold."""

    max_bytes: int
    max_entries: int

    def describe_bytes(self) -> str:
        return _size(self.max_bytes)


def _size(n: int) -> str:
    if n >= 1024 * MIB:
        return f"{n / (1024 * MIB):.1f} GiB"
    if n >= MIB:
        return f"{n / MIB:.1f} MiB"
    return f"{n} bytes"


def zip_problem(zf: zipfile.ZipFile, limits: ZipLimits) -> str | None:
    """Why ``zf`` exceeds ``limits`` (one sentence naming the limit), or None when it fits."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        return (
            f"the archive holds {len(infos)} entries, more than the limit of {limits.max_entries}"
        )
    total = sum(max(info.file_size, 0) for info in infos)
    if total > limits.max_bytes:
        return (
            f"the archive would unpack to {_size(total)}, more than the limit of "
            f"{limits.describe_bytes()}"
        )
    return None
