"""TTĐN Studio: a subtitle and translation desk for foreign-information broadcast work.

The package is a headless core (models, store, formats, glossary, tm, translate,
qc, render, report, services) with two thin shells over it: the ``cli`` and the
Textual ``tui``. The core never imports either shell.
"""

__version__ = "0.1.0"
