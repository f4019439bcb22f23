"""TTĐN Studio: a subtitle and translation desk for foreign-information broadcast work.

The package is layered: a core (models, formats, text, glossary, tm, qc, layout,
errors, settings, locations, machine, fonts, batch), the project ``store`` above it,
services (services, translate, render, report) above that, and two thin shells on top:
the ``cli`` and the Textual ``tui``. No layer imports a higher one (the import-linter
contract in ``pyproject.toml``; see ``docs/ARCHITECTURE.md``).
"""

__version__ = "0.1.0"
