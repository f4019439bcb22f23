"""What this machine is: usable cores, CPU model, memory (for thread choices and benchmarks)."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    cores: int  # cores this process may run on
    cpu: str
    memory_mb: int | None

    def describe(self) -> str:
        memory = f", {self.memory_mb / 1024:.1f} GB RAM" if self.memory_mb else ""
        return f"{self.cores} cores ({self.cpu}){memory}"


def cpu_count() -> int:
    """Cores this process may run on (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def this_machine() -> Machine:
    return Machine(cores=cpu_count(), cpu=_cpu_model(), memory_mb=_memory_mb())
