"""How many threads CTranslate2 gets: chosen from the machine, never CTranslate2's default.

CTranslate2's default (``intra_threads=0``: OpenMP's choice, one translation at a
time) depends on the machine and was 1.4× to 19× slower than the rule below on
2-core machines (``scripts/bench_mt.py`` measures it). The rule: each batch of
sentences is decoded by one thread (``intra = 1``) and as many batches run side
by side as there are cores (``inter = cores``), since the program always sends
many sentences at once. ``TTDN_MT_INTRA_THREADS`` / ``TTDN_MT_INTER_THREADS``
override either number (:mod:`ttdn_studio.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_studio.machine import cpu_count
from ttdn_studio.settings import current


@dataclass(frozen=True)
class MtThreads:
    intra: int  # threads per translation batch
    inter: int  # batches translated in parallel
    cores: int
    source: str  # where the numbers come from, in words

    def describe(self) -> str:
        return f"intra_threads={self.intra}, inter_threads={self.inter} ({self.source})"


def mt_threads() -> MtThreads:
    """The threads to use now: the settings where given, else the machine's rule."""
    settings, cores = current(), cpu_count()
    intra = settings.mt_intra_threads or 1
    inter = settings.mt_inter_threads or max(1, cores // intra)
    overridden = [
        name
        for name, value in (
            ("TTDN_MT_INTRA_THREADS", settings.mt_intra_threads),
            ("TTDN_MT_INTER_THREADS", settings.mt_inter_threads),
        )
        if value is not None
    ]
    source = (
        f"set by {' and '.join(overridden)}"
        if overridden
        else f"chosen for {cores} core{'s' if cores != 1 else ''}"
    )
    return MtThreads(intra=intra, inter=inter, cores=cores, source=source)
