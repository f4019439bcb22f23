"""EBU R128 loudness with ffmpeg's ``loudnorm``: the measuring pass and the values it reads.

The first pass runs ``loudnorm`` with ``print_format=json`` over the source's
audio (``-f null``: nothing is written) and reads the integrated loudness, true
peak, loudness range and threshold from the JSON block at the end of ffmpeg's
log. The second pass, part of the burn, gives these back as ``measured_*`` so
``loudnorm`` applies one linear gain to the whole programme where it can.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.render.presets import Loudness

_BLOCK = re.compile(r"\{[^{}]*\"input_i\"[^{}]*\}", re.S)
SILENT_LUFS = -70.0  # EBU R128's absolute gate: below it there is nothing to normalise


@dataclass(frozen=True)
class Measured:
    """The source's loudness as the first pass measured it."""

    integrated: float  # LUFS
    true_peak: float  # dBTP
    lra: float  # LU
    threshold: float  # LUFS
    offset: float  # dB, loudnorm's ``target_offset``

    @property
    def silent(self) -> bool:
        return not math.isfinite(self.integrated) or self.integrated <= SILENT_LUFS

    def filter_args(self, target: Loudness) -> dict[str, object]:
        """``loudnorm`` options of the second pass."""
        return {
            "I": target.integrated,
            "TP": target.true_peak,
            "LRA": target.lra,
            "measured_I": f"{self.integrated:.2f}",
            "measured_TP": f"{self.true_peak:.2f}",
            "measured_LRA": f"{self.lra:.2f}",
            "measured_thresh": f"{self.threshold:.2f}",
            "offset": f"{self.offset:.2f}",
            "linear": "true",
        }

    def describe(self, target: Loudness) -> str:
        """The line written to the job's log."""
        head = (
            f"loudness measured (EBU R128, loudnorm first pass): integrated "
            f"{self.integrated:.1f} LUFS, true peak {self.true_peak:.1f} dBTP, "
            f"range {self.lra:.1f} LU, threshold {self.threshold:.1f} LUFS"
        )
        if self.silent:
            return head + "; silent audio, not normalised"
        return (
            head + f"; normalised to {target.integrated:.1f} LUFS, "
            f"true peak at most {target.true_peak:.1f} dBTP"
        )


def measure_args(source: str, target: Loudness) -> list[str]:
    """The first pass: ``source`` is an ffmpeg input (``file:...``); no file is written."""
    spec = (
        f"loudnorm=I={target.integrated}:TP={target.true_peak}:LRA={target.lra}:print_format=json"
    )
    return [
        "ffmpeg",
        "-hide_banner",
        "-nostats",
        "-progress",
        "pipe:1",
        "-i",
        source,
        "-vn",
        "-sn",
        "-af",
        spec,
        "-f",
        "null",
        "-",
    ]


def parse_measurement(log_text: str) -> Measured | None:
    """The last ``loudnorm`` JSON block in ``log_text``, or None when there is none."""
    blocks = _BLOCK.findall(log_text)
    if not blocks:
        return None
    try:
        data = json.loads(blocks[-1])
        return Measured(
            integrated=_number(data["input_i"]),
            true_peak=_number(data["input_tp"]),
            lra=_number(data["input_lra"]),
            threshold=_number(data["input_thresh"]),
            offset=_number(data.get("target_offset", 0)),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _number(value: object) -> float:
    return float(str(value).strip())  # "-inf" for silence is a float too


def read_from(path: Path, offset: int) -> str:
    """The text of ``path`` from byte ``offset`` (what one ffmpeg run appended to its log)."""
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")
