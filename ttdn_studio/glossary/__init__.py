"""The terminology glossary: curated names for places, agencies, programmes and products.

Owns the glossary model (:class:`GlossaryEntry`), term matching in any language
(:class:`Glossary`), the layered loading of bundled, user and project glossaries,
and the TSV, CSV and TBX file formats. Must not touch project databases, the
translation memory, the TUI or the CLI.
"""

from ttdn_studio.glossary.entry import (
    DOMAINS,
    LANGS,
    GlossaryEntry,
    format_forbidden,
    parse_forbidden,
    strip_diacritics,
)
from ttdn_studio.glossary.files import FORMATS, format_for, read_glossary_file, write_glossary_file
from ttdn_studio.glossary.glossary import Glossary, TermMatch
from ttdn_studio.glossary.loader import (
    add_entries,
    layer_files,
    load_glossary,
    project_glossary_file,
    target_file,
)
from ttdn_studio.glossary.matcher import TermMatcher, fold_for_match, match_key

__all__ = [
    "DOMAINS",
    "FORMATS",
    "LANGS",
    "Glossary",
    "GlossaryEntry",
    "TermMatch",
    "TermMatcher",
    "add_entries",
    "fold_for_match",
    "format_for",
    "format_forbidden",
    "layer_files",
    "load_glossary",
    "match_key",
    "parse_forbidden",
    "project_glossary_file",
    "read_glossary_file",
    "strip_diacritics",
    "target_file",
    "write_glossary_file",
]
