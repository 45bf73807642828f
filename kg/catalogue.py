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
    pattern: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!)"))

    def names(self, key: str) -> list[str]:
        """Every full name of an entity: Korean, English and aliases."""
        entity = self.entities[key]
        return [n for n in (entity.name_ko, entity.name_en, *entity.aliases) if n]

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


def _alias_regex(name: str) -> str:
    parts = [re.escape(p) for p in name.split()]
    body = r"\s*".join(parts) if _HANGUL.search(name) else r"\s+".join(parts)
    # spacing between Hangul and Latin letters varies ("LG AI연구원", "LG AI 연구원")
    body = re.sub(r"(?<=[가-힣])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[가-힣])", r"\\s?", body)
    sensitive = len(name) <= 3 or (name.isupper() and name.isascii())
    return body if sensitive or _HANGUL.search(name) else f"(?i:{body})"


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
            alternatives[name] = _alias_regex(name)
        for name in raw.get("short", ()):
            shorts.setdefault(normalize_name(name), []).append(key)
            alternatives.setdefault(name, _alias_regex(name))
    for key, entity in entities.items():
        for link in (entity.parent, entity.super_event, entity.location, entity.contained_in):
            if link is not None and link not in entities:
                raise CatalogueError(f"catalogue.json: {key} links to unknown {link}")
    catalogue.by_short = {k: tuple(dict.fromkeys(v)) for k, v in shorts.items()}
    ordered = sorted(alternatives, key=len, reverse=True)
    catalogue.pattern = re.compile("|".join(alternatives[n] for n in ordered))
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
