"""Rules for English news sentences (filled in by the English-coverage work)."""

from __future__ import annotations

from kg.extract.reader import Reader
from kg.extract.text import Sentence


def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Record the catalogue names of one English sentence."""
    reader.note(reader.names_in(sentence))
