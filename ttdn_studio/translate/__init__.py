"""Offline machine translation: engines, sentence splitting and glossary enforcement.

Owns the engine registry (:data:`ENGINES`: ``argos`` packages run with CTranslate2,
``ct2-multilingual`` NLLB/MADLAD-style models), installing Argos packages safely,
splitting cues into sentences and enforcing glossary terms through placeholders.
Never makes a network call except ``install_from_index`` (asked for explicitly).
Must not touch project databases (``services.translating`` does), the TUI or the CLI.
"""

from ttdn_studio.translate.engine import ENGINES, Engine, engine_by_name, pick_engine
from ttdn_studio.translate.pipeline import CueResult, translate_texts
from ttdn_studio.translate.sentences import Sentence, join_sentences, split_sentences
from ttdn_studio.translate.terms import (
    TERM_CHECK_FAILED,
    Masked,
    Restored,
    mask_terms,
    restore_terms,
)

__all__ = [
    "ENGINES",
    "TERM_CHECK_FAILED",
    "CueResult",
    "Engine",
    "Masked",
    "Restored",
    "Sentence",
    "engine_by_name",
    "join_sentences",
    "mask_terms",
    "pick_engine",
    "restore_terms",
    "split_sentences",
    "translate_texts",
]
