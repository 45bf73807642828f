"""Facts to RDF: the one place that knows how an extraction becomes triples.

Every fact becomes its triple plus an ``rdf:Statement`` that carries
``summit:evidence``: a Web Annotation target with a position selector (code-point
offsets into the article text) and a quote selector (the text at those offsets).
"""

from __future__ import annotations

import functools
import hashlib
import re

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV
from rdflib.term import Node

from kg.catalogue import load_catalogue
from kg.errors import ExtractionError
from kg.extract.reader import person_slug
from kg.loader import Article
from kg.model import Entity, EntityType, Extraction, Fact, Quotation, Relation, Span
from ontology import ID_BASE, SUMMIT

ID = Namespace(ID_BASE)
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "summit": SUMMIT._NS,
    "id": ID,
    "schema": SCHEMA,
    "oa": OA,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "wd": WD,
}
CLASS_OF = {kind: getattr(SUMMIT, kind.value) for kind in EntityType}
PREDICATE_OF = {
    Relation.SIGNED: SUMMIT.signed,
    Relation.ATTENDED: SUMMIT.attended,
    Relation.AFFILIATED_WITH: SUMMIT.affiliatedWith,
    Relation.STATED_SIGNATORY_COUNT: SUMMIT.statedSignatoryCount,
    Relation.ANNOUNCED_AT: SUMMIT.announcedAt,
    Relation.ADOPTED_AT: SUMMIT.adoptedAt,
    Relation.HAS_COMMITMENT: SUMMIT.hasCommitment,
    Relation.ORGANIZED_BY: SCHEMA.organizer,
}
_HANGUL = re.compile(r"[가-힣]")


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@functools.lru_cache(maxsize=4096)
def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key (``company/naver`` → ``…/id/company/naver``)."""
    return ID[key]


def article_iri(article: Article) -> URIRef:
    """The IRI of an article, from the hash of its bytes."""
    return ID[f"article/{article.id}"]


def graph_iri(article: URIRef) -> URIRef:
    """The IRI of the named graph of an article's triples (``…/id/graph/<article id>``), from
    the article's IRI."""
    return ID[f"graph/{article.rsplit('/', 1)[-1]}"]


def article_of_graph(graph: URIRef) -> URIRef:
    """The IRI of the article whose named graph `graph` is (the inverse of `graph_iri`)."""
    return ID[f"article/{graph.rsplit('/', 1)[-1]}"]


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _lang(text: str) -> str:
    return "ko" if _HANGUL.search(text) else "en"


Triple = tuple[Node, Node, Node]
Triples = set[Triple]


def to_triples(article: Article, extraction: Extraction) -> Triples:
    """The triples of one article's extraction, as a plain set (cheap to make and merge).

    `to_graph` wraps them in a `Graph`; a corpus build merges many sets first and
    makes one graph, which is much faster than adding graphs to graphs.
    """
    _check_declared(article, extraction)
    triples: Triples = set()
    source = article_iri(article)
    _add_article(triples, article, source, extraction)
    surfaces: dict[str, set[str]] = {}
    for mention in extraction.mentions:
        surfaces.setdefault(mention.entity, set()).add(mention.span.text)
        triples.add((source, SCHEMA.mentions, entity_iri(mention.entity)))
    for entity in extraction.entities:
        _add_entity(triples, entity, surfaces.get(entity.key, set()))
    for fact in extraction.facts:
        _add_fact(triples, fact, source, article)
    for quotation in extraction.quotations:
        _add_quotation(triples, quotation, source, article)
    return triples


def _check_declared(article: Article, extraction: Extraction) -> None:
    """Every entity a fact, quotation or byline uses must be declared (with its class and
    label), or the graph would hold an untyped node that breaks the shapes.

    Raises:
        ExtractionError: a rule produced a fact about an entity it did not declare.
    """
    declared = {entity.key for entity in extraction.entities}
    used = {
        key
        for fact in extraction.facts
        for key in (fact.subject, fact.object)
        if isinstance(key, str)
    }
    used |= {q.speaker for q in extraction.quotations}
    used |= {q.event for q in extraction.quotations if q.event is not None}
    used |= {k for k in (*extraction.authors, extraction.author, extraction.outlet) if k}
    used |= {m.entity for m in extraction.mentions}
    missing = sorted(used - declared)
    if missing:
        raise ExtractionError(f"{article.source}: facts about undeclared entities {missing}")


def graph_of(triples: Triples) -> Graph:
    """A new graph, with the project's prefixes, holding `triples`."""
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def to_graph(article: Article, extraction: Extraction) -> Graph:
    """The RDF graph of one article's extraction.

    Args:
        article: the article the extraction came from (for evidence and metadata).
        extraction: what `kg.extract.extract_facts` found in it.

    Returns:
        A new `Graph` with entities, facts, their statements and evidence, quotations
        and the article.

    >>> from kg import read_article, extract_facts, seed_path
    >>> article = read_article(seed_path())
    >>> graph = to_graph(article, extract_facts(article))
    >>> len(set(graph.subjects(SUMMIT.signed, None)))  # 14 + Meta (Frontier only)
    15
    """
    return graph_of(to_triples(article, extraction))


def _add_article(graph: Triples, article: Article, node: URIRef, extraction: Extraction) -> None:
    graph.add((node, RDF.type, SUMMIT.Article))
    graph.add((node, SCHEMA.inLanguage, Literal(article.language)))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title, lang=article.language)))
        graph.add((node, RDFS.label, Literal(article.title, lang=article.language)))
    if article.published is not None:
        graph.add(
            (
                node,
                SCHEMA.datePublished,
                Literal(article.published.isoformat(), datatype=XSD.dateTime),
            )
        )
    elif article.published_date is not None:  # a day with no time, or a time with no zone
        graph.add(
            (node, DCTERMS.date, Literal(article.published_date.isoformat(), datatype=XSD.date))
        )
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(article.url)))
    graph.add((node, DCTERMS.source, Literal(article.source.rsplit("/", 1)[-1])))
    for author in extraction.authors or ([extraction.author] if extraction.author else []):
        graph.add((node, SCHEMA.author, entity_iri(author)))
    if extraction.outlet is not None:
        graph.add((node, SCHEMA.publisher, entity_iri(extraction.outlet)))
    elif article.outlet:
        catalogue = load_catalogue()
        known = catalogue.lookup(article.outlet)
        if known is not None:
            outlet = entity_iri(known)
            _add_entity(graph, catalogue.entities[known], set())
        else:
            outlet = ID[f"outlet/{person_slug(article.outlet)}"]
            graph.add((outlet, RDF.type, SUMMIT.NewsOutlet))
            graph.add((outlet, RDFS.label, Literal(article.outlet, lang=_lang(article.outlet))))
        graph.add((node, SCHEMA.publisher, outlet))


def _add_entity(graph: Triples, entity: Entity, surfaces: set[str]) -> None:
    node = entity_iri(entity.key)
    graph.update(_entity_triples(entity))
    labels = {name for name in (entity.name_ko, entity.name_en) if name}
    for surface in sorted(surfaces - labels):
        graph.add((node, SKOS.altLabel, Literal(surface, lang=_lang(surface))))


@functools.lru_cache(maxsize=1024)
def _entity_triples(entity: Entity) -> frozenset[Triple]:
    """What the catalogue says of an entity, the same in every article (made once)."""
    graph: Triples = set()
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, CLASS_OF[entity.type]))
    if entity.name_ko:
        graph.add((node, RDFS.label, Literal(entity.name_ko, lang="ko")))
    if entity.name_en:
        graph.add((node, RDFS.label, Literal(entity.name_en, lang="en")))
    if entity.wikidata:
        graph.add((node, SCHEMA.sameAs, WD[entity.wikidata]))
    if entity.parent:
        graph.add((node, SUMMIT.parentOrganization, entity_iri(entity.parent)))
    if entity.super_event:
        graph.add((node, SCHEMA.superEvent, entity_iri(entity.super_event)))
    if entity.location:
        graph.add((node, SCHEMA.location, entity_iri(entity.location)))
    if entity.contained_in:
        graph.add((node, SCHEMA.containedInPlace, entity_iri(entity.contained_in)))
    for prop, value in ((SCHEMA.startDate, entity.start_date), (SCHEMA.endDate, entity.end_date)):
        if value:
            graph.add((node, prop, Literal(value, datatype=XSD.date)))
    return frozenset(graph)


_TYPE, _EVIDENCE, _SPECIFIC = RDF.type, SUMMIT.Evidence, OA.SpecificResource
_SOURCE, _SELECTOR, _START, _END, _EXACT = OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact
_POSITION, _QUOTE, _NNI = OA.TextPositionSelector, OA.TextQuoteSelector, XSD.nonNegativeInteger
_BASE = str(ID)


def _evidence(graph: Triples, span: Span, source: URIRef, article: Article) -> URIRef:
    name = f"{_BASE}evidence/{article.id}-{span.start}-{span.end}"
    node = URIRef(name)
    if (node, _TYPE, _EVIDENCE) in graph:  # many facts share one sentence
        return node
    position, quote = URIRef(f"{name}-position"), URIRef(f"{name}-quote")
    graph.update(
        (
            (node, _TYPE, _EVIDENCE),
            (node, _TYPE, _SPECIFIC),
            (node, _SOURCE, source),
            (node, _SELECTOR, position),
            (node, _SELECTOR, quote),
            (position, _TYPE, _POSITION),
            (position, _START, Literal(str(span.start), datatype=_NNI)),
            (position, _END, Literal(str(span.end), datatype=_NNI)),
            (quote, _TYPE, _QUOTE),
            (quote, _EXACT, Literal(span.text)),
        )
    )
    return node


def _object(graph: Triples, fact: Fact, article: Article) -> URIRef | Literal:
    if isinstance(fact.object, int):
        return Literal(fact.object, datatype=XSD.integer)
    if isinstance(fact.object, Span):
        node = ID[f"commitment/{_digest(fact.subject, fact.object.text)}"]
        graph.add((node, RDF.type, SUMMIT.Commitment))
        text = Literal(fact.object.text, lang=article.language)
        graph.add((node, SCHEMA.text, text))
        graph.add((node, RDFS.label, text))
        return node
    return entity_iri(fact.object)


def _add_fact(graph: Triples, fact: Fact, source: URIRef, article: Article) -> None:
    subject, predicate = entity_iri(fact.subject), PREDICATE_OF[fact.relation]
    obj = _object(graph, fact, article)
    graph.add((subject, predicate, obj))
    statement = ID[f"statement/{_digest(subject, predicate, obj)}"]
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    evidence = [_evidence(graph, span, source, article) for span in fact.evidence]
    for node in evidence:
        graph.add((statement, SUMMIT.evidence, node))
    if fact.relation is Relation.AFFILIATED_WITH and fact.title is not None:
        _add_membership(graph, fact, subject, obj, evidence)


def _add_membership(
    graph: Triples, fact: Fact, person: URIRef, org: URIRef | Literal, evidence: list[URIRef]
) -> None:
    assert fact.title is not None
    node = ID[f"membership/{_digest(person, org)}"]
    role = ID[f"role/{person_slug(fact.title.english or fact.title.written)}"]
    graph.add((node, RDF.type, SUMMIT.Membership))
    graph.add((node, ORG.member, person))
    graph.add((node, ORG.organization, org))
    graph.add((node, ORG.role, role))
    graph.add((node, SUMMIT.title, Literal(fact.title.written, lang=fact.title.lang)))
    graph.add((role, RDF.type, SUMMIT.Role))
    if fact.title.english:
        graph.add((node, SUMMIT.title, Literal(fact.title.english, lang="en")))
        graph.add((role, RDFS.label, Literal(fact.title.english, lang="en")))
    else:
        graph.add((role, RDFS.label, Literal(fact.title.written, lang=fact.title.lang)))
    for item in evidence:
        graph.add((node, SUMMIT.evidence, item))


def _add_quotation(graph: Triples, quotation: Quotation, source: URIRef, article: Article) -> None:
    node = ID[f"quotation/{article.id}-{quotation.text.start}"]
    graph.add((node, RDF.type, SUMMIT.Quotation))
    graph.add((node, SUMMIT.speaker, entity_iri(quotation.speaker)))
    graph.add((node, SCHEMA.text, Literal(quotation.text.text, lang=quotation.lang)))
    if quotation.event:
        graph.add((node, SUMMIT.saidAt, entity_iri(quotation.event)))
    for span in quotation.evidence:
        graph.add((node, SUMMIT.evidence, _evidence(graph, span, source, article)))
