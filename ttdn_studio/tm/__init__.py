"""The translation memory: approved translations shared across all projects.

Owns the memory's SQLite file (``locations.tm_file()``), exact and fuzzy
lookups, monthly growth figures for the yearly report, and TMX 1.4 import and
export. Must not touch project databases, the glossary, the TUI or the CLI.
"""

from ttdn_studio.tm.memory import TmMatch, TmUnit, TranslationMemory, source_key
from ttdn_studio.tm.tmx import export_tmx, import_tmx, read_tmx, write_tmx

__all__ = [
    "TmMatch",
    "TmUnit",
    "TranslationMemory",
    "export_tmx",
    "import_tmx",
    "read_tmx",
    "source_key",
    "write_tmx",
]
