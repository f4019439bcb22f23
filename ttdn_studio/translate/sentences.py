"""Sentence splitting for machine translation (shared with the translation memory).

The splitter lives in :mod:`ttdn_studio.tm.sentences`, so the memory can store and
look up the same sentences that machine translation drafts.
"""

from ttdn_studio.tm.sentences import (
    ABBREVIATIONS,
    Sentence,
    join_sentences,
    split_sentences,
)

__all__ = ["ABBREVIATIONS", "Sentence", "join_sentences", "split_sentences"]
