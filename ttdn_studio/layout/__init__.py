"""Laying subtitle text out on screen: measuring, breaking and fitting lines.

Owns: how wide a line is (characters, or the width HarfBuzz shapes in the real
font, :mod:`.measure`), a cue's lines against its language profile (:mod:`.lines`),
Khmer word boundaries and broken sequences (:mod:`.khmer`) and re-breaking a text
into balanced lines (:mod:`.fit`). QC, rendering and the desk all lay text out the
same way through this package.
Must not touch: the store, QC findings, rendering, the TUI or the CLI.
"""
