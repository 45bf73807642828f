"""The values passed between extraction and RDF: spans, entities, facts, quotations.

They are frozen dataclasses so extraction can be tested without RDF, and so the
one place that turns them into triples (`kg.graph`) sees plain, hashable data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    """The kinds of entity the extractor knows; each maps to one ontology class."""

    COMPANY = "Company"
    GOVERNMENT = "GovernmentBody"
    UNIVERSITY = "University"
    RESEARCH = "ResearchInstitute"
    OUTLET = "NewsOutlet"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    EVENT = "Event"
    PLEDGE = "Pledge"
    DECLARATION = "Declaration"
    PLACE = "Place"

    @property
    def is_organization(self) -> bool:
        """True for every kind of organization."""
        return self in _ORGANIZATIONS


_ORGANIZATIONS = frozenset(
    {
        EntityType.COMPANY,
        EntityType.GOVERNMENT,
        EntityType.UNIVERSITY,
        EntityType.RESEARCH,
        EntityType.OUTLET,
        EntityType.ORGANIZATION,
    }
)


class Relation(str, Enum):
    """The relations a `Fact` can state; `kg.graph` maps each to one property.

    `DOMAIN` and `RANGE` say which kinds of entity each relates (the SHACL shapes say
    the same of the properties).
    """

    SIGNED = "signed"
    ATTENDED = "attended"
    AFFILIATED_WITH = "affiliatedWith"
    STATED_SIGNATORY_COUNT = "statedSignatoryCount"
    ANNOUNCED_AT = "announcedAt"
    ADOPTED_AT = "adoptedAt"
    HAS_COMMITMENT = "hasCommitment"
    ORGANIZED_BY = "organizer"


_ORG_KINDS = tuple(_ORGANIZATIONS)
DOMAIN: dict[Relation, tuple[EntityType, ...]] = {
    Relation.SIGNED: _ORG_KINDS,
    Relation.ATTENDED: (EntityType.PERSON,),
    Relation.AFFILIATED_WITH: (EntityType.PERSON,),
    Relation.STATED_SIGNATORY_COUNT: (EntityType.PLEDGE,),
    Relation.ANNOUNCED_AT: (EntityType.PLEDGE,),
    Relation.ADOPTED_AT: (EntityType.DECLARATION,),
    Relation.HAS_COMMITMENT: (EntityType.PLEDGE,),
    Relation.ORGANIZED_BY: (EntityType.EVENT,),
}
"""The kinds of entity each relation's subject may be."""
RANGE: dict[Relation, tuple[EntityType, ...]] = {
    Relation.SIGNED: (EntityType.PLEDGE,),
    Relation.ATTENDED: (EntityType.EVENT,),
    Relation.AFFILIATED_WITH: _ORG_KINDS,
    Relation.ANNOUNCED_AT: (EntityType.EVENT,),
    Relation.ADOPTED_AT: (EntityType.EVENT,),
    Relation.ORGANIZED_BY: _ORG_KINDS,
}
"""The kinds of entity each relation's object may be (counts and commitments are values)."""


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of code points in an article's text, with the text it covers."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.text):
            raise ValueError(f"bad span {self.start}:{self.end} for {self.text!r}")


@dataclass(frozen=True)
class Entity:
    """A thing the graph talks about, with its names and what the catalogue knows of it.

    `key` is the deterministic path under the entity namespace (``company/naver``),
    so the same thing gets the same IRI in every article and every run.
    """

    key: str
    type: EntityType
    name_ko: str | None = None
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    wikidata: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    location: str | None = None
    organizers: tuple[str, ...] = ()
    super_event: str | None = None
    session: bool = False
    contained_in: str | None = None
    country: str | None = None

    @property
    def label(self) -> str:
        """The English name where known, else the Korean one, else the key."""
        return self.name_en or self.name_ko or self.key


@dataclass(frozen=True)
class Mention:
    """One place where an entity is named in the text."""

    entity: str
    span: Span


@dataclass(frozen=True)
class Title:
    """A person's title exactly as written, and in English where known."""

    written: str
    lang: str
    english: str | None = None


@dataclass(frozen=True)
class Fact:
    """One statement the text makes, with the spans that state it.

    `object` is an entity key, except for counts (an int) and commitments (a `Span`).
    """

    relation: Relation
    subject: str
    object: str | int | Span
    evidence: tuple[Span, ...]
    title: Title | None = None


@dataclass(frozen=True)
class Quotation:
    """Words attributed to a person, with where they were said."""

    speaker: str
    text: Span
    lang: str
    evidence: tuple[Span, ...]
    event: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]
    quotations: tuple[Quotation, ...] = ()
    author: str | None = field(default=None)
    authors: tuple[str, ...] = ()
    """Every reporter the byline names (`author` is the first), as person keys."""
    outlet: str | None = None
    """The key of the outlet that published the article, a declared `NewsOutlet`."""
    rejected: tuple[Fact, ...] = ()
    """Facts left out because an entity they use is undeclared or of the wrong class for
    the relation (a bug in a rule: the tests over every test article expect none)."""
