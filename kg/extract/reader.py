"""The state one article's extraction keeps while reading, and how facts are gathered.

Language rules (`kg.extract.ko`, `kg.extract.en`) read sentence by sentence and report
what they find here; this module merges repeated facts, keeps the evidence of each,
and remembers the discourse context (the last event, pledge and speaker).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.catalogue import Catalogue, normalize_name
from kg.extract.mentions import (
    EVENT_HEADS_EN,
    EVENT_HEADS_KO,
    PLEDGE_HEADS_EN,
    PLEDGE_HEADS_KO,
    Context,
    Found,
    find_names,
    named_things,
)
from kg.extract.text import Sentence
from kg.loader import Article
from kg.model import (
    DOMAIN,
    RANGE,
    Entity,
    EntityType,
    Extraction,
    Fact,
    Mention,
    Quotation,
    Relation,
    Span,
    Title,
)

FactKey = tuple[Relation, str, "str | int | Span"]
MAX_EVIDENCE = 20
"""The most sentences kept as evidence of one fact in one article (the first ones). No
test article states a fact more than twice; a page that repeats itself thousands of
times would otherwise put thousands of evidence nodes per fact in the graph. The rules
still see every statement while reading."""


class Evidence(list[Span]):
    """A fact's evidence spans in the order found, each once; ``span in evidence`` is a
    set lookup. A long article states one fact thousands of times, and rules ask for
    each sentence whether it is among a fact's evidence: a scan of the list would make
    reading time grow with the square of the article's length."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[object] = set()

    def __contains__(self, span: object) -> bool:
        return span in self._seen

    def append(self, span: Span) -> None:
        """Add `span` unless it is there already."""
        if span not in self._seen:
            self._seen.add(span)
            super().append(span)


@dataclass
class Reader:
    """One article being read: entities found so far, facts with evidence, context."""

    article: Article
    catalogue: Catalogue
    context: Context = field(default_factory=Context)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    facts: dict[FactKey, Evidence] = field(default_factory=dict)
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
    _stated_in: dict[Span, list[FactKey]] = field(default_factory=dict, repr=False)
    _seen: dict[EntityType, tuple[int, tuple[str, ...]]] = field(default_factory=dict, repr=False)
    speakers: dict[int, str] = field(default_factory=dict)
    """Paragraph → the name of the guest whose words it is, in a transcript ("◆최은영> …",
    "INES OKORO: …"); a person only once the words place them somewhere."""
    authors: list[str] = field(default_factory=list)
    """The reporters the byline names, as person keys."""
    outlet: str | None = None
    """The key of the outlet that published the article."""
    pledge_names: dict[str, str] = field(default_factory=dict)
    """Names of pledges, declarations and events the catalogue lacks, as written → keys."""
    _known_words: list[tuple[EntityType, set[str]]] | None = None

    def entity(self, key: str) -> Entity:
        """The entity for a key, from this article's finds or the catalogue."""
        return self.entities.get(key) or self.catalogue.entities[key]

    def type_of(self, key: str) -> EntityType:
        """The type of the entity a key names."""
        # asked a hundred times per sentence: the lookup of `entity`, without the call
        return (self.entities.get(key) or self.catalogue.entities[key]).type

    def names_in(self, sentence: Sentence) -> list[Found]:
        """Catalogue names, pledges the catalogue lacks and this article's discovered
        people, in text order."""
        found = find_names(sentence, self.catalogue, self.context)
        named = self._named_things(sentence)
        if named:  # "the Hanbit Robotics Pledge" is one name, not "Hanbit Robotics" + "Pledge"
            found = [f for f in found if not any(_overlap(f.span, n.span) for n in named)]
            found += named
        found = [self._newer_pledge(f) for f in found]
        taken = [(f.span.start, f.span.end) for f in found]
        for at, name, key in self._discovered_in(sentence):
            start, end = sentence.start + at, sentence.start + at + len(name)
            if all(end <= s or start >= e for s, e in taken):
                found.append(Found(key, Span(start, end, name)))
        return sorted(found, key=lambda f: f.span.start)

    def _discovered_in(self, sentence: Sentence) -> list[tuple[int, str, str]]:
        """Where the names of `discovered` stand in the sentence as words (offsets into its
        text), in the order they were discovered. Names are only ever added: for a sentence
        said again, only those discovered since are looked for."""
        looked: list[Any] = sentence.recall(Reader._discovered_in, lambda: [0, []])
        count, spots = looked
        if count == len(self.discovered):
            return spots  # type: ignore[no-any-return]
        text = sentence.text
        for name, key in itertools.islice(self.discovered.items(), count, None):
            at = text.find(name)
            while at >= 0:
                if at == 0 or not text[at - 1].isalnum():
                    spots.append((at, name, key))
                at = text.find(name, at + 1)
        looked[0] = len(self.discovered)
        return spots  # type: ignore[no-any-return]

    def _named_things(self, sentence: Sentence) -> list[Found]:
        """Pledges, declarations and events the catalogue lacks, named in the sentence
        (new ones are declared here), and the names of those found before."""
        for named in sentence.recall(named_things, lambda: named_things(sentence.text)):
            if named.name not in self.pledge_names:
                self.named_thing(named.name, named.kind)
        out: list[Found] = []
        text = sentence.text
        for name, key in self.pledge_names.items():
            at = text.find(name)
            while at >= 0:
                start = sentence.start + at
                span = Span(start, start + len(name), name)
                if (at == 0 or not text[at - 1].isalnum()) and not any(
                    _overlap(span, o.span) for o in out
                ):
                    out.append(Found(key, span))
                at = text.find(name, at + 1)
        return out

    def named_thing(self, name: str, kind: EntityType) -> str | None:
        """The key of a pledge, declaration or event named `name` that the catalogue lacks,
        declared for this article; None when the catalogue knows it, or when its words
        only describe one it knows ("the AI Pledge", "Business Pledge", "the Seoul AI
        Forum": for events, any words the catalogue's events and Seoul go by)."""
        if self.catalogue.lookup(name) is not None:
            return None
        for start, end in self.catalogue.scan(name):
            known = self.catalogue.lookup(name[start:end])
            if end == len(name) and known is not None and self.type_of(known) in _NAMED_KINDS:
                return None  # "Korea's Seoul AI Business Pledge"
        words = _words(name) - _HEAD_WORDS
        if kind is EntityType.EVENT:
            described = words <= set().union(*(w for k, w in self.known_words() if k is kind))
        else:
            described = any(k is kind and words <= w for k, w in self.known_words())
        if not words or described:
            return None
        key = f"{kind.value.lower()}/{person_slug(name)}"
        korean = bool(re.search(r"[가-힣]", name))
        self.entities.setdefault(
            key,
            Entity(key, kind, name_ko=name if korean else None, name_en=None if korean else name),
        )
        self.pledge_names[name] = key
        return key

    def known_words(self) -> list[tuple[EntityType, set[str]]]:
        """The words of each name of each pledge, declaration and event the catalogue knows."""
        if self._known_words is None:
            self._known_words = [
                (entity.type, _words(name))
                for key, entity in self.catalogue.entities.items()
                if entity.type in _NAMED_KINDS
                for name in self.catalogue.names(key)
            ]
            self._known_words.append((EntityType.EVENT, set(_PLACE_WORDS)))
        return self._known_words

    def _newer_pledge(self, found: Found) -> Found:
        """A short name ("the pledge", 서약) for the pledge named last, where that is one
        the catalogue lacks, mentioned after the catalogue's own."""
        if not found.short or not self.pledge_names:
            return found
        kind = self.type_of(found.key)
        if kind is EntityType.EVENT:  # "the forum" stays with the catalogue's (see `_by_parent`)
            return found
        mine = [k for k in self.pledge_names.values() if self.type_of(k) is kind]
        newest = self.context.last(mine)
        if newest is not None and self.context.order[newest] > self.context.order.get(found.key, 0):
            return Found(newest, found.span, short=True)
        return found

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
        if not korean and re.fullmatch(r"[A-Z][\w&.\-]+(?: [A-Z][\w&.\-]+){0,4}", name):
            # "Darren Koh, chief executive of Lumenfold, …": "Lumenfold signed …" later is it
            self.discovered.setdefault(name, key)
        return key

    def remember(self, found: list[Found], paragraph: int) -> None:
        """Keep the last event and pledge a sentence named, for the sentences after it."""
        sessions = [
            f
            for f in found
            if self.type_of(f.key) is EntityType.EVENT and self.entity(f.key).session
        ]
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
        spans = self.facts.get(key)
        if spans is None:
            spans = self.facts[key] = Evidence()
        if evidence not in spans:
            self._stated_in.setdefault(evidence, []).append(key)
        spans.append(evidence)
        if title is not None:
            self.titles.setdefault(key, title)

    def seen(self, kind: EntityType) -> tuple[str, ...]:
        """The entities of one kind mentioned so far, in the order first mentioned. Rules ask
        for them in every sentence; the answer is made again only when a new entity has
        been mentioned (the context only ever grows)."""
        count = len(self.context.order)
        cached = self._seen.get(kind)
        if cached is None or cached[0] != count:
            keys = tuple(k for k in self.context.order if self.type_of(k) is kind)
            cached = self._seen[kind] = (count, keys)
        return cached[1]

    def stated_in(self, evidence: Span) -> list[FactKey]:
        """The facts that `evidence` (a sentence) states, in the order they were found: a
        lookup, where a scan of every fact per sentence would grow with the article."""
        return [
            key for key in self._stated_in.get(evidence, ()) if evidence in self.facts.get(key, ())
        ]

    def attend(self, person: str, event: str, evidence: Span) -> None:
        """Record attendance, and of the parent event when the event is a session of it."""
        self.add(Relation.ATTENDED, person, event, evidence)
        self.person_event[person] = event
        entity = self.entity(event)
        if entity.session and entity.super_event is not None:
            self.entities.setdefault(entity.super_event, self.entity(entity.super_event))
            self.add(Relation.ATTENDED, person, entity.super_event, evidence)

    def declare(self, key: str) -> bool:
        """Make sure the extraction declares the entity `key` (with its class and names);
        False when neither this article nor the catalogue knows it."""
        if key in self.entities:
            return True
        known = self.catalogue.entities.get(key)
        if known is None:
            return False
        self.entities[key] = known
        return True

    def fits(self, fact: Fact) -> bool:
        """True when the fact's entities are declared and of the classes its relation
        relates (a signatory is an organization, what it signed a pledge, …)."""
        if (
            not self.declare(fact.subject)
            or self.type_of(fact.subject) not in DOMAIN[fact.relation]
        ):
            return False
        if isinstance(fact.object, str):
            return self.declare(fact.object) and self.type_of(fact.object) in RANGE.get(
                fact.relation, ()
            )
        return fact.relation in (Relation.STATED_SIGNATORY_COUNT, Relation.HAS_COMMITMENT)

    def not_yet(self, fact: Fact) -> bool:
        """True for attendance at an event that had not begun when the article appeared
        (a preview: "… will open the forum" / "… 참석한다", dated before the forum)."""
        if fact.relation is not Relation.ATTENDED or not isinstance(fact.object, str):
            return False
        day, start = self.article.seoul_date, self.entity(fact.object).start_date
        return day is not None and start is not None and day < date.fromisoformat(start)

    def finish(self) -> Extraction:
        """Everything read, as an `Extraction` (entities include parents and places).

        Every entity a fact, a quotation or the byline uses is declared with its class;
        a fact whose entity is unknown or of the wrong class is not among the facts but
        in `Extraction.rejected` (a rule's bug, which the tests look for).
        """
        facts: list[Fact] = []
        rejected: list[Fact] = []
        for (rel, subj, obj), spans in self.facts.items():
            kept = tuple(spans[:MAX_EVIDENCE])
            fact = Fact(rel, subj, obj, kept, self.titles.get((rel, subj, obj)))
            if not self.fits(fact):
                rejected.append(fact)
            elif not self.not_yet(fact):
                facts.append(fact)
        quotations = []
        said: set[tuple[str, str]] = set()
        for quote in self.quotations:
            if (quote.speaker, quote.text.text) in said:
                continue  # the same words again, in a page that repeats itself: one quotation
            said.add((quote.speaker, quote.text.text))
            if self.declare(quote.speaker) and self.type_of(quote.speaker) is EntityType.PERSON:
                event = quote.event
                if event is not None and not (
                    self.declare(event) and self.type_of(event) is EntityType.EVENT
                ):
                    event = None
                quotations.append(
                    quote
                    if event == quote.event
                    else Quotation(quote.speaker, quote.text, quote.lang, quote.evidence, event)
                )
        for key in (
            *self.authors,
            *([self.author] if self.author else []),
            *([self.outlet] if self.outlet else []),
        ):
            self.declare(key)
        pending = list(self.entities)
        while pending:
            entity = self.entity(pending.pop())
            for link in (entity.parent, entity.super_event, entity.location, entity.contained_in):
                if link is not None and link not in self.entities:
                    self.entities[link] = self.catalogue.entities[link]
                    pending.append(link)
        return Extraction(
            entities=tuple(self.entities[k] for k in sorted(self.entities)),
            mentions=tuple(m for m in self.mentions if self.declare(m.entity)),
            facts=tuple(facts),
            quotations=tuple(quotations),
            author=self.author if self.author in self.entities else None,
            authors=tuple(k for k in self.authors if k in self.entities),
            outlet=self.outlet if self.outlet in self.entities else None,
            rejected=tuple(rejected),
        )


_NAMED_KINDS = (EntityType.PLEDGE, EntityType.DECLARATION, EntityType.EVENT)
_HEAD_WORDS = {
    w.casefold()
    for w in (
        *PLEDGE_HEADS_EN,
        *PLEDGE_HEADS_KO,
        *EVENT_HEADS_EN,
        *EVENT_HEADS_KO,
        "commitment",
        "the",
    )
}
# "the Seoul AI Forum", "the 2024 Seoul Summit": words that place a known event, not a new one
_PLACE_WORDS = ("seoul", "서울", "korea", "한국", "southkorea", "2024", "first", "second")


def _words(name: str) -> set[str]:
    return {normalize_name(w) for w in re.split(r"[\s,]+", name) if normalize_name(w)}


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


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
