"""The English trigger lexicons (``kg/data/lexicon_en.json``), compiled once.

Each list in the file is one frame's triggers: regular-expression fragments, each with the
example phrase it came from. `trigger` joins a list into one case-insensitive pattern, so a
new phrasing is a line in the table (with its example, which the tests match), not a new
branch in the rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed lexicon file."""
    text = (resources.files("kg") / "data" / "lexicon_en.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def entries(name: str) -> list[dict[str, str]]:
    """The entries of one list, each with its ``pattern`` and ``example``."""
    found: list[dict[str, str]] = lexicon()[name]
    return found


@cache
def trigger(name: str, *, anchored: bool = False) -> re.Pattern[str]:
    """One pattern for a whole list: any entry, as a whole word (case-insensitive).

    `anchored` entries carry their own ``^`` and are not wrapped in word boundaries.
    """
    body = "|".join(f"(?:{e['pattern']})" for e in entries(name))
    if anchored:
        return re.compile(body, re.IGNORECASE)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Country:
    """A country as English writes it: its names, its adjective, its government's key."""

    name: re.Pattern[str]
    adjective: re.Pattern[str]
    government: str


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The countries of the lexicon, in its order."""
    return tuple(
        Country(
            re.compile(rf"(?:{row['name']})"),
            re.compile(rf"(?:{row['adjective']})"),
            row["government"],
        )
        for row in lexicon()["countries"]
    )


_COUNTRY_WORDS: dict[str, str] = {}


def government_of(word: str) -> str | None:
    """The government key for a country's name or adjective ("French", "Canada's", "the UK")."""
    word = re.sub(r"(?:'s|’s)$", "", word.strip())
    if word in _COUNTRY_WORDS:
        return _COUNTRY_WORDS[word] or None
    key = next(
        (
            c.government
            for c in countries()
            if c.name.fullmatch(word) or c.adjective.fullmatch(word)
        ),
        None,
    )
    _COUNTRY_WORDS[word] = key or ""
    return key


@lru_cache(maxsize=1)
def country_words() -> str:
    """A regex alternation of every country name and adjective, longest first."""
    parts: list[str] = []
    for row in lexicon()["countries"]:
        parts += row["name"].split("|") + row["adjective"].split("|")
    return "|".join(sorted(set(parts), key=len, reverse=True))
