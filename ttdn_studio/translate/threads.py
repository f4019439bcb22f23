"""How many threads CTranslate2 gets: chosen from the machine, never CTranslate2's default.

CTranslate2's default (``intra_threads=0``: OpenMP's choice, one translation at a
time) depends on the machine and was 1.4× to 19× slower than the rule below on
2-core machines (``scripts/bench_mt.py`` measures it). The rule: each batch of
sentences is decoded by one thread (``intra = 1``) and as many batches run side
by side as there are cores (``inter = cores``), since the program always sends
many sentences at once. ``TTDN_MT_INTRA_THREADS`` / ``TTDN_MT_INTER_THREADS``
override either number (:mod:`ttdn_studio.settings`).

The batch size follows from the input: a short input (a few cues) is cut into as
many batches as there are parallel translators, so every core gets one instead of
one core translating a single batch while the others wait (the translations are the
same; ``scripts/bench_mt.py`` prints the ratio).
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


def batch_size(sentences: int, threads: MtThreads, largest: int) -> int:
    """Sentences per CTranslate2 batch: at most ``largest``, and small enough that a
    short input still gives each parallel translator a batch."""
    per_translator = -(-sentences // threads.inter)  # ceiling division
    return max(1, min(largest, per_translator))


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
