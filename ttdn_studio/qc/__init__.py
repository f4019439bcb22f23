"""Broadcast quality checks and line fitting for subtitles in every language.

Owns: the check registry (:data:`CHECKS`), running checks over a project
(:func:`run_qc`) or one cue being typed (:func:`check_text`), re-breaking lines
(:func:`fit_text`), safe automatic fixes (:func:`apply_fixes`), and the
with line measuring and fitting from :mod:`ttdn_studio.layout` (shared with rendering).
Must not touch: the store's schema, glossary contents, translation engines,
the TUI or the CLI. Fixes go through ordinary store edits (undoable).

Limits come from the language profile (:mod:`ttdn_studio.models.profiles`).

=============  ========  =====================================================
check id       severity  trips when
=============  ========  =====================================================
cps            warning   reading speed above ``max_cps`` (spaces, punctuation count)
line_length    error     a line over ``max_chars`` or over ``max_width_fraction``
                         of the frame width (rendered width, ``measure="width"``)
line_count     error     more than ``max_lines`` lines
min_duration   warning   a cue with text shown for less than ``min_duration_ms``
max_duration   warning   shown for more than ``max_duration_ms``
gap            warning   0 ≤ gap to the next cue < ``min_gap_frames``
overlap        error     the cue overlaps a later one
empty          error     no translation where the source has text (targets only)
glossary       error     a source term's agreed translation missing, or a
                         forbidden variant used (targets only)
numbers        error     a source number missing or different (targets only)
whitespace     warning   leading/trailing/double spaces, tabs, empty lines
khmer_invalid  error     Khmer that renders with a dotted circle
missing_glyph  error     a character the language's font cannot draw
shot_change    warning   an in- or out-time 1–11 frames (at 25 fps) from a shot change
                         (only when the service passes the clip's shot changes in)
spelling       warning   a word no Hunspell dictionary (vi, en), glossary term or
                         project word list knows; Khmer: a word khmercut cannot place
=============  ========  =====================================================
"""

from __future__ import annotations

from ttdn_studio.layout.fit import fit_text
from ttdn_studio.qc import (  # noqa: F401
    checks_content,
    checks_layout,
    checks_timing,
    khmer,
    numbers,
    shots,
    spelling,
)
from ttdn_studio.qc.fixes import FixReport, apply_fixes
from ttdn_studio.qc.registry import CHECKS, Check, Finding, QcContext
from ttdn_studio.qc.runner import check_text, run_qc

__all__ = [
    "CHECKS",
    "Check",
    "Finding",
    "FixReport",
    "QcContext",
    "apply_fixes",
    "check_text",
    "fit_text",
    "run_qc",
]
