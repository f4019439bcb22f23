"""The translation memory: approved translations shared across all projects.

Owns the memory's units and matching rules (normalised keys, fuzzy ranking,
monthly periods) and TMX 1.4 import and export. Its SQLite file
(``locations.tm_file()``) is opened through the store:
``ttdn_studio.store.translation_memory.TranslationMemory``. Must not touch project databases, the glossary, the TUI or the CLI.
"""

from ttdn_studio.tm.memory import MemoryUnits, TmMatch, TmUnit, source_key
from ttdn_studio.tm.tmx import export_tmx, import_tmx, read_tmx, write_tmx

__all__ = [
    "MemoryUnits",
    "TmMatch",
    "TmUnit",
    "export_tmx",
    "import_tmx",
    "read_tmx",
    "source_key",
    "write_tmx",
]
