"""Why does a fact hold? The sentences that state it, with their offsets.

Names are looked up among every label and spelling in the graph, in Korean or English,
so ``explain(g, "엔트로픽", "signed", "Seoul AI Business Pledge")`` works as well as
``explain(g, "Anthropic", "signed", "서울 AI 기업 서약")``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.catalogue import normalize_name
from kg.errors import QueryError
from kg.graph import OA, PREDICATE_OF, SCHEMA
from kg.model import Relation
from ontology import SUMMIT


@dataclass(frozen=True)
class Reason:
    """One sentence that states a fact: where it is, and what it says."""

    article: str
    headline: str
    start: int
    end: int
    text: str


def resolve(graph: Graph, name: str) -> URIRef:
    """The entity a name (any label, spelling or IRI) refers to.

    Raises:
        QueryError: no entity, or more than one, goes by that name.
    """
    if name.startswith(("http://", "https://")):
        return URIRef(name)
    wanted = normalize_name(name)
    labels = _entity_labels(graph)
    found = {subject for label, subject in labels if normalize_name(label) == wanted}
    if not found:
        raise QueryError(f"{name!r}: no entity with that name in the graph{_suggest(name, labels)}")
    if len(found) > 1:
        raise QueryError(f"{name!r}: names {len(found)} entities ({', '.join(sorted(found))})")
    return found.pop()


def _entity_labels(graph: Graph) -> list[tuple[str, URIRef]]:
    """Every label and spelling of an entity (articles are not entities), with its IRI."""
    return [
        (str(label), subject)
        for prop in (RDFS.label, SKOS.altLabel)
        for subject, label in graph.subject_objects(prop)
        if isinstance(subject, URIRef) and (subject, RDF.type, SUMMIT.Article) not in graph
    ]


SUGGESTIONS = 3


def _suggest(name: str, labels: list[tuple[str, URIRef]]) -> str:
    """"; did you mean …?" with the closest labels, one per entity, or nothing.

    Labels are compared case-folded, so "anthropic" finds Anthropic and "삼성 전자" 삼성전자.
    """
    by_folded: dict[str, str] = {}
    for label, _subject in sorted(labels):
        by_folded.setdefault(label.casefold(), label)
        by_folded.setdefault(normalize_name(label), label)
    close = difflib.get_close_matches(name.casefold(), by_folded, n=SUGGESTIONS * 3, cutoff=0.6)
    close += difflib.get_close_matches(normalize_name(name), by_folded, n=SUGGESTIONS * 3,
                                       cutoff=0.6)
    subject_of = dict(labels)
    picked: list[str] = []
    seen: set[URIRef] = set()
    for key in close:
        label = by_folded[key]
        if subject_of[label] not in seen and label not in picked:
            seen.add(subject_of[label])
            picked.append(label)
    if not picked:
        return ""
    return "; did you mean " + " or ".join(repr(p) for p in picked[:SUGGESTIONS]) + "?"


def relation_property(relation: str) -> URIRef:
    """The property of a relation name (``signed``, ``attended``, ``affiliatedWith``, …).

    Raises:
        QueryError: the relation is unknown.
    """
    for item in Relation:
        if relation in (item.value, item.name.lower()):
            return PREDICATE_OF[item]
    names = ", ".join(r.value for r in Relation)
    raise QueryError(f"{relation!r}: unknown relation; use one of {names}")


def explain(graph: Graph, subject: str, relation: str, obj: str) -> list[Reason]:
    """The evidence for one fact, sentence by sentence, in article order.

    Args:
        graph: a graph built by `kg.build.build_graph` or read by `kg.store.load_graph`.
        subject: the subject's name (any label or spelling) or IRI.
        relation: ``signed``, ``attended``, ``affiliatedWith`` or another `Relation` value.
        obj: the object's name or IRI, or a number for ``statedSignatoryCount``.

    Returns:
        One `Reason` per evidence span; empty when the graph does not hold the fact.

    Raises:
        QueryError: a name or the relation is unknown.

    >>> from kg.build import build_graph
    >>> graph = build_graph().graph
    >>> [r.start for r in explain(graph, "엔트로픽", "signed", "Seoul AI Business Pledge")]
    [2438]
    """
    s, p = resolve(graph, subject), relation_property(relation)
    o: Node = Literal(int(obj)) if obj.isdigit() else resolve(graph, obj)
    reasons = []
    for statement in graph.subjects(RDF.subject, s):
        if (statement, RDF.predicate, p) not in graph or (statement, RDF.object, o) not in graph:
            continue
        for evidence in graph.objects(statement, SUMMIT.evidence):
            reasons.append(_reason(graph, evidence))
    return sorted(set(reasons), key=lambda r: (r.article, r.start))


def _reason(graph: Graph, evidence: Node) -> Reason:
    source = graph.value(evidence, OA.hasSource)
    start = end = 0
    text = ""
    for selector in graph.objects(evidence, OA.hasSelector):
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            start = int(str(graph.value(selector, OA.start)))
            end = int(str(graph.value(selector, OA.end)))
        else:
            text = str(graph.value(selector, OA.exact))
    name = graph.value(source, DCTERMS.source) or source
    headline = graph.value(source, SCHEMA.headline) or ""
    return Reason(str(name), str(headline), start, end, text)
