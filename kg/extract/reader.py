"""The state one article's extraction keeps while reading, and how facts are gathered.

Language rules (`kg.extract.ko`, `kg.extract.en`) read sentence by sentence and report
what they find here; this module merges repeated facts, keeps the evidence of each,
and remembers the discourse context (the last event, pledge and speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.catalogue import Catalogue
from kg.extract.mentions import Context, Found, find_names
from kg.extract.text import Sentence
from kg.loader import Article
from kg.model import Entity, EntityType, Extraction, Fact, Mention, Quotation, Relation, Span, Title

FactKey = tuple[Relation, str, "str | int | Span"]


@dataclass
class Reader:
    """One article being read: entities found so far, facts with evidence, context."""

    article: Article
    catalogue: Catalogue
    context: Context = field(default_factory=Context)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    facts: dict[FactKey, list[Span]] = field(default_factory=dict)
    titles: dict[FactKey, Title] = field(default_factory=dict)
    quotations: list[Quotation] = field(default_factory=list)
    discovered: dict[str, str] = field(default_factory=dict)
    last_event: tuple[str, int] | None = None
    last_pledge: tuple[str, int] | None = None
    last_speaker: tuple[str, int] | None = None
    person_event: dict[str, str] = field(default_factory=dict)
    author: str | None = None
    list_pledge: tuple[str, int] | None = None
    sole_pledge: str | None = None
    speakers: dict[int, str] = field(default_factory=dict)
    """Paragraph → the name of the guest whose words it is, in a transcript ("◆최은영> …",
    "INES OKORO: …"); a person only once the words place them somewhere."""

    def entity(self, key: str) -> Entity:
        """The entity for a key, from this article's finds or the catalogue."""
        return self.entities.get(key) or self.catalogue.entities[key]

    def type_of(self, key: str) -> EntityType:
        """The type of the entity a key names."""
        return self.entity(key).type

    def names_in(self, sentence: Sentence) -> list[Found]:
        """Catalogue names and this article's discovered people, in text order."""
        found = find_names(sentence, self.catalogue, self.context)
        taken = [(f.span.start, f.span.end) for f in found]
        text = sentence.text
        for name, key in self.discovered.items():
            at = text.find(name)
            while at >= 0:
                start, end = sentence.start + at, sentence.start + at + len(name)
                clear = all(end <= s or start >= e for s, e in taken)
                if clear and (at == 0 or not text[at - 1].isalnum()):
                    found.append(Found(key, Span(start, end, name)))
                at = text.find(name, at + 1)
        return sorted(found, key=lambda f: f.span.start)

    def note(self, found: list[Found]) -> None:
        """Record mentions and move the discourse context past them."""
        for item in found:
            self.mentions.append(Mention(item.key, item.span))
            self.context.saw(item.key)
            if item.key not in self.entities and item.key in self.catalogue.entities:
                self.entities[item.key] = self.catalogue.entities[item.key]

    def person(self, name: str) -> str:
        """The key of a person named `name`: from the catalogue, or new to this article."""
        known = self.catalogue.lookup(name)
        if known is not None and self.type_of(known) is EntityType.PERSON:
            self.entities.setdefault(known, self.catalogue.entities[known])
            # a spelling the catalogue's patterns miss ("Lee Hong-lak"): found from now on
            self.discovered.setdefault(name, known)
            return known
        if name in self.discovered:
            return self.discovered[name]
        key = "person/" + person_slug(name)
        korean = bool(re.search(r"[가-힣]", name))
        self.entities[key] = Entity(
            key,
            EntityType.PERSON,
            name_ko=name if korean else None,
            name_en=None if korean else name,
        )
        self.discovered[name] = key
        return key

    def organization(self, name: str, kind: EntityType = EntityType.COMPANY) -> str:
        """The key of an organization named only in this article (a company by default)."""
        known = self.catalogue.lookup(name)
        if known is not None:
            self.entities.setdefault(known, self.catalogue.entities[known])
            return known
        key = "company/" + person_slug(name)
        korean = bool(re.search(r"[가-힣]", name))
        self.entities.setdefault(
            key,
            Entity(key, kind, name_ko=name if korean else None, name_en=None if korean else name),
        )
        return key

    def remember(self, found: list[Found], paragraph: int) -> None:
        """Keep the last event and pledge a sentence named, for the sentences after it."""
        sessions = [f for f in found if self.type_of(f.key) is EntityType.EVENT and self.entity(f.key).session]
        for item in found:
            kind = self.type_of(item.key)
            if kind is EntityType.EVENT:
                self.last_event = (item.key, paragraph)
            elif kind is EntityType.PLEDGE:
                self.last_pledge = (item.key, paragraph)
        if sessions:  # "The ministerial session of the summit …": "It" is the session
            self.last_event = (sessions[-1].key, paragraph)

    def foreign_official(self, person: str, org: str) -> bool:
        """True when `org` is the Korean government but the catalogue knows the person is not Korean."""
        country = self.entity(person).country
        korean = org == "government/korea" or self.entity(org).parent == "government/korea"
        return korean and country is not None and country != "KR"

    def add(
        self,
        relation: Relation,
        subject: str,
        obj: str | int | Span,
        evidence: Span,
        title: Title | None = None,
    ) -> None:
        """Record a fact, or one more piece of evidence for a fact already seen."""
        key: FactKey = (relation, subject, obj)
        spans = self.facts.setdefault(key, [])
        if evidence not in spans:
            spans.append(evidence)
        if title is not None:
            self.titles.setdefault(key, title)

    def attend(self, person: str, event: str, evidence: Span) -> None:
        """Record attendance, and of the parent event when the event is a session of it."""
        self.add(Relation.ATTENDED, person, event, evidence)
        self.person_event[person] = event
        entity = self.entity(event)
        if entity.session and entity.super_event is not None:
            self.entities.setdefault(entity.super_event, self.entity(entity.super_event))
            self.add(Relation.ATTENDED, person, entity.super_event, evidence)

    def finish(self) -> Extraction:
        """Everything read, as an `Extraction` (entities include parents and places)."""
        pending = list(self.entities)
        while pending:
            entity = self.entity(pending.pop())
            for link in (entity.parent, entity.super_event, entity.location, entity.contained_in):
                if link is not None and link not in self.entities:
                    self.entities[link] = self.catalogue.entities[link]
                    pending.append(link)
        facts = tuple(
            Fact(rel, subj, obj, tuple(spans), self.titles.get((rel, subj, obj)))
            for (rel, subj, obj), spans in self.facts.items()
        )
        return Extraction(
            entities=tuple(self.entities[k] for k in sorted(self.entities)),
            mentions=tuple(self.mentions),
            facts=facts,
            quotations=tuple(self.quotations),
            author=self.author,
        )


_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_FINALS = ["", *"k k k n n n t l k m l l l l l m p p t t ng t t k t p t".split()]


def person_slug(name: str) -> str:
    """A stable ASCII slug for a name; Hangul is romanised (Revised Romanisation, simplified).

    >>> person_slug("하정우"), person_slug("Jason Kwon")
    ('ha-jeong-u', 'jason-kwon')
    """
    parts: list[str] = []
    for word in name.split():
        syllables = []
        for char in word:
            code = ord(char) - 0xAC00
            if 0 <= code < 11172:
                initial, vowel, final = code // 588, (code % 588) // 28, code % 28
                head = _INITIALS[initial].replace("-", "")
                syllables.append(head + _VOWELS[vowel] + _FINALS[final])
            else:
                syllables.append(char)
        parts.append("-".join(syllables) if re.search(r"[가-힣]", word) else word)
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")
    return slug or "unnamed"
