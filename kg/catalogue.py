"""Known entities: names in Korean and English, spellings, types, parents, Wikidata ids.

The catalogue is domain knowledge read from ``kg/data/catalogue.json``. It says what a
name refers to, never what the entity did: that comes from the articles.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import CatalogueError
from kg.model import Entity, EntityType

_HANGUL = re.compile(r"[가-힣]")


def normalize_name(name: str) -> str:
    """Fold a name for lookup: no spaces or dots, case-folded, ·/- dropped."""
    return re.sub(r"[\s.·\-‐_/'’]", "", name).casefold()


@dataclass(frozen=True)
class TitleInfo:
    """What the catalogue knows of a title: its English form and an implied organization."""

    english: str
    implies: str | None = None


@dataclass
class Catalogue:
    """The known entities, indexed by every name they go by."""

    entities: dict[str, Entity]
    titles: dict[str, TitleInfo]
    countries: dict[str, str | None]
    by_name: dict[str, str] = field(default_factory=dict)
    by_short: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: tuple[re.Pattern[str], ...] = ()

    def names(self, key: str) -> list[str]:
        """Every full name of an entity: Korean, English and aliases."""
        entity = self.entities[key]
        return [n for n in (entity.name_ko, entity.name_en, *entity.aliases) if n]

    def scan(self, text: str) -> list[tuple[int, int]]:
        """Where names stand in `text`: leftmost-longest, not overlapping."""
        spans = sorted(
            ((m.start(), m.end()) for pattern in self.patterns for m in pattern.finditer(text)),
            key=lambda se: (se[0], -se[1]),
        )
        chosen: list[tuple[int, int]] = []
        for start, end in spans:
            if not chosen or start >= chosen[-1][1]:
                chosen.append((start, end))
        return chosen

    def lookup(self, surface: str) -> str | None:
        """The key of the entity a full name refers to, or None."""
        return self.by_name.get(normalize_name(surface))

    def korean_words(self) -> list[str]:
        """Names containing Hangul, to register with the Korean tokenizer."""
        words = {n for key in self.entities for n in self.names(key) if _HANGUL.search(n)}
        return sorted(words)

    def title(self, written: str) -> TitleInfo | None:
        """What the catalogue knows of a title as written (spacing ignored)."""
        return self.titles.get(normalize_name(written))


def _units(name: str) -> list[str]:
    """A name as regex units, one per character; spacing is flexible where it varies."""
    korean = bool(_HANGUL.search(name))
    units: list[str] = []
    for index, char in enumerate(name):
        if char.isspace():
            if units and units[-1] not in (r"\s*", r"\s+"):
                units.append(r"\s*" if korean else r"\s+")
            continue
        if units and index and not name[index - 1].isspace() and (
            (_HANGUL.match(name[index - 1]) and char.isascii() and char.isalnum())
            or (name[index - 1].isascii() and name[index - 1].isalnum() and _HANGUL.match(char))
        ):
            units.append(r"\s?")  # "LG AI연구원" and "LG AI 연구원"
        units.append(re.escape(char))
    return units


def _sensitive(name: str) -> bool:
    return bool(_HANGUL.search(name)) or len(name) <= 3 or (name.isupper() and name.isascii())


def _trie_regex(names: list[str], fold: bool) -> str:
    """One regex for many names, factored as a trie so matching stays fast.

    Longer names win: at each node the branches are tried before stopping there.
    """
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for unit in _units(name.casefold() if fold else name):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [unit + emit(child) for unit, child in node.items() if unit]
        if not branches:
            return ""
        body = "|".join(sorted(branches, key=len, reverse=True))
        return f"(?:{body})" + ("?" if "" in node else "")

    return emit(root)


def _entity(raw: dict[str, Any]) -> Entity:
    try:
        return Entity(
            key=raw["key"],
            type=EntityType(raw["type"]),
            name_ko=raw.get("ko"),
            name_en=raw.get("en"),
            aliases=tuple(raw.get("aliases", ())),
            parent=raw.get("parent"),
            wikidata=raw.get("wikidata"),
            start_date=raw.get("start"),
            end_date=raw.get("end"),
            location=raw.get("location"),
            super_event=raw.get("super"),
            session=bool(raw.get("session", False)),
            contained_in=raw.get("contained_in"),
            country=raw.get("country"),
        )
    except (KeyError, ValueError) as exc:
        raise CatalogueError(f"catalogue.json: bad entity {raw.get('key', raw)!r}: {exc}") from exc


def build_catalogue(data: dict[str, Any]) -> Catalogue:
    """Index a catalogue given as the parsed JSON document.

    Raises:
        CatalogueError: an entity is malformed, a name is claimed twice, or a link dangles.
    """
    entities = {e.key: e for e in map(_entity, data.get("entities", []))}
    titles = {
        normalize_name(k): TitleInfo(v["en"], v.get("implies"))
        for k, v in data.get("titles", {}).items()
    }
    catalogue = Catalogue(entities, titles, dict(data.get("countries", {})))
    alternatives: dict[str, str] = {}
    shorts: dict[str, list[str]] = {}
    for raw in data.get("entities", []):
        key = raw["key"]
        for name in catalogue.names(key):
            folded = normalize_name(name)
            owner = catalogue.by_name.setdefault(folded, key)
            if owner != key:
                raise CatalogueError(f"catalogue.json: name {name!r} given to {owner} and {key}")
            alternatives[name] = name
        for name in raw.get("short", ()):
            shorts.setdefault(normalize_name(name), []).append(key)
            alternatives.setdefault(name, name)
    for key, entity in entities.items():
        for link in (entity.parent, entity.super_event, entity.location, entity.contained_in):
            if link is not None and link not in entities:
                raise CatalogueError(f"catalogue.json: {key} links to unknown {link}")
    catalogue.by_short = {k: tuple(dict.fromkeys(v)) for k, v in shorts.items()}
    exact = _trie_regex([n for n in alternatives if _sensitive(n)], fold=False)
    folded = _trie_regex([n for n in alternatives if not _sensitive(n)], fold=True)
    catalogue.patterns = (re.compile(exact), re.compile(folded, re.IGNORECASE))
    return catalogue


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The bundled catalogue (read once; treat it as read-only).

    >>> load_catalogue().lookup("엔트로픽") == load_catalogue().lookup("앤트로픽")
    True
    """
    text = (resources.files("kg") / "data" / "catalogue.json").read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"catalogue.json: not valid JSON ({exc})") from exc
    return build_catalogue(data)
