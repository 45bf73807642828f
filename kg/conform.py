"""One article never fails the batch: what would break the SHACL shapes is dropped, with its file.

The shapes (``ontology/shapes.ttl``) stay the one authority, checked once on the union of
a build. Before that, the invariants that are cheap to check in Python are checked here,
so that the union conforms without a second SHACL run in all but unforeseen cases:

* per article (`check_article`, run where the article is extracted): literals of the right
  datatype and form (offsets, counts, dates with a zone, quotes), and the cardinalities of
  the nodes only that article makes (the article, its evidence, its quotations, the
  statements of its facts). What fails is dropped with what depends on it (a fact's
  statement, an evidence's uses), and the rest of the article stays;
* on the union (`settle`): one ``rdfs:label`` per language on every IRI (two articles may
  spell one person or outlet two ways: the spelling most articles use stays the label, the
  others become ``skos:altLabel``, in the union and in each article's graph alike), a label
  on every named entity, and the classes the shapes require at both ends of each relation.

Whatever still fails the shapes is traced by `trace` from the SHACL report back to the
articles whose triples cause it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG
from rdflib.term import Node

from kg.errors import ValidationError
from kg.graph import OA, PREDICATE_OF, SCHEMA, Triple
from ontology import SUMMIT, ontology_graph

LABELLED = frozenset(
    {
        SUMMIT.Organization,
        SUMMIT.Company,
        SUMMIT.GovernmentBody,
        SUMMIT.University,
        SUMMIT.ResearchInstitute,
        SUMMIT.NewsOutlet,
        SUMMIT.Person,
        SUMMIT.Event,
        SUMMIT.Pledge,
        SUMMIT.Declaration,
        SUMMIT.Place,
    }
)
"""The classes whose instances need one ``rdfs:label`` (at most one per language)."""

FACTS = frozenset(PREDICATE_OF.values())
"""Predicates of facts, each with an ``rdf:Statement`` that carries its evidence."""

# predicate → (class the subject must have, or None for any; class the object must have),
# checked where the shapes check it: for every subject, or only for subjects of `target`.
_ENDS: dict[Node, tuple[Node | None, Node | None, Node | None]] = {
    SUMMIT.signed: (None, SUMMIT.Organization, SUMMIT.Pledge),
    SUMMIT.attended: (None, SUMMIT.Person, SUMMIT.Event),
    SUMMIT.affiliatedWith: (None, SUMMIT.Person, SUMMIT.Organization),
    SUMMIT.parentOrganization: (None, SUMMIT.Organization, SUMMIT.Organization),
    SUMMIT.statedSignatoryCount: (None, SUMMIT.Pledge, None),
    SUMMIT.announcedAt: (SUMMIT.Pledge, None, SUMMIT.Event),
    SUMMIT.hasCommitment: (SUMMIT.Pledge, None, SUMMIT.Commitment),
    SUMMIT.adoptedAt: (SUMMIT.Declaration, None, SUMMIT.Event),
    SCHEMA.organizer: (SUMMIT.Event, None, SUMMIT.Organization),
    SCHEMA.superEvent: (SUMMIT.Event, None, SUMMIT.Event),
    SCHEMA.location: (SUMMIT.Event, None, SUMMIT.Place),
    SCHEMA.containedInPlace: (SUMMIT.Place, None, SUMMIT.Place),
    SCHEMA.publisher: (SUMMIT.Article, None, SUMMIT.NewsOutlet),
    SUMMIT.speaker: (SUMMIT.Quotation, None, SUMMIT.Person),
    SUMMIT.saidAt: (SUMMIT.Quotation, None, SUMMIT.Event),
    ORG.member: (SUMMIT.Membership, None, SUMMIT.Person),
    ORG.organization: (SUMMIT.Membership, None, SUMMIT.Organization),
}
# (org:role, oa:hasSource and summit:evidence link nodes that one article makes together;
# they are left to the SHACL run, which makes them the bulk of the links to check.)

ARTICLE = "https://w3id.org/ai-seoul-summit/id/article/"
_LANG_STRING = RDF.langString
_STRING = XSD.string
# predicate → the datatype its literals must have (None: a plain string)
DATATYPES: dict[Node, Node] = {
    SUMMIT.statedSignatoryCount: XSD.integer,
    OA.start: XSD.nonNegativeInteger,
    OA.end: XSD.nonNegativeInteger,
    OA.exact: _STRING,
    SCHEMA.datePublished: XSD.dateTime,
    SCHEMA.startDate: XSD.date,
    SCHEMA.endDate: XSD.date,
    RDFS.label: _LANG_STRING,
    SUMMIT.title: _LANG_STRING,
}
_COUNT, _PUBLISHED, _EXACT = SUMMIT.statedSignatoryCount, SCHEMA.datePublished, OA.exact
_ZONED = re.compile(r"(Z|[+-][0-9]{2}:[0-9]{2})$")

# class → (predicate, fewest, most) of the nodes one article makes (most None: no limit)
_CARDINALITY: dict[Node, tuple[tuple[Node, int, int | None], ...]] = {
    SUMMIT.Article: (
        (SCHEMA.headline, 1, 1),
        (SCHEMA.inLanguage, 1, 1),
        (SCHEMA.datePublished, 0, 1),
        (SCHEMA.publisher, 0, 1),
    ),
    SUMMIT.Evidence: ((OA.hasSource, 1, 1), (OA.hasSelector, 2, 2)),
    OA.TextPositionSelector: ((OA.start, 1, 1), (OA.end, 1, 1)),
    OA.TextQuoteSelector: ((OA.exact, 1, 1),),
    SUMMIT.Quotation: (
        (SUMMIT.speaker, 1, 1),
        (SCHEMA.text, 1, 1),
        (SUMMIT.saidAt, 0, 1),
        (SUMMIT.evidence, 1, None),
    ),
    RDF.Statement: (
        (RDF.subject, 1, 1),
        (RDF.predicate, 1, 1),
        (RDF.object, 1, 1),
        (SUMMIT.evidence, 1, None),
    ),
    SUMMIT.Membership: ((ORG.member, 1, 1), (ORG.organization, 1, 1), (SUMMIT.title, 1, None)),
}
# nodes an article cannot lose a part of: it drops the whole node instead
_WHOLE = frozenset(_CARDINALITY) - {SUMMIT.Article}


def short(node: Node) -> str:
    """A node as a reader knows it: ``person/kim-min-seo``, ``summit:signed``, ``"-3"``."""
    if isinstance(node, Literal):
        text = str(node)
        return repr(text if len(text) <= 60 else text[:59] + "…")
    text = str(node)
    if text.startswith(ARTICLE):  # reported beside the article's file already
        return "the article"
    for prefix, cut in (
        ("https://w3id.org/ai-seoul-summit/id/", ""),
        (str(XSD), "xsd:"),
        (str(RDF), "rdf:"),
        (str(SUMMIT._NS), "summit:"),
        (str(SCHEMA), "schema:"),
        (str(OA), "oa:"),
        (str(RDFS), "rdfs:"),
        (str(ORG), "org:"),
    ):
        if text.startswith(prefix):
            return cut + text[len(prefix) :]
    return text


@dataclass
class _Index:
    """One article's triples, by subject and by object, for the checks."""

    triples: set[Triple]
    out: dict[Node, dict[Node, list[Node]]] = field(default_factory=dict)
    into: dict[Node, list[Triple]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        out: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        into: dict[Node, list[Triple]] = defaultdict(list)
        for triple in self.triples:
            s, p, o = triple
            out[s][p].append(o)
            into[o].append(triple)
        self.out, self.into = out, into

    def types(self, node: Node) -> list[Node]:
        return self.out.get(node, {}).get(RDF.type, [])


def check_article(triples: set[Triple]) -> list[str]:
    """Drop from one article's triples what breaks the shapes on its own; say what and why.

    Changes `triples` in place; returns one reason per thing dropped (empty: nothing was).
    Runs until nothing more needs dropping: a fact without its only evidence goes too.

    >>> from rdflib import URIRef
    >>> pledge = URIRef("https://w3id.org/ai-seoul-summit/id/pledge/p")
    >>> triples = {(pledge, SUMMIT.statedSignatoryCount, Literal(-3, datatype=XSD.integer))}
    >>> check_article(triples), triples
    (["pledge/p summit:statedSignatoryCount '-3': must be 0 or more"], set())
    """
    if _clean(triples):  # nearly always: then no index is made
        return []
    reasons: list[str] = []
    for _ in range(5):
        found = _problems(_Index(triples))
        if not found:
            break
        for drop, reason in found:
            reasons.append(reason)
            triples.difference_update(drop)
    return reasons


_Problem = tuple[set[Triple], str]
_COUNTED = frozenset(prop for rules in _CARDINALITY.values() for prop, _, _ in rules)


def _clean(triples: set[Triple]) -> bool:
    """Whether `_problems` would find nothing: the same checks in one pass, with no index."""
    typed: list[tuple[Node, Node]] = []
    counts: dict[tuple[Node, Node], int] = {}
    kind, datatypes, cardinality, counted = {RDF.type}, DATATYPES, _CARDINALITY, _COUNTED
    for s, p, o in triples:
        if p in counted:
            counts[(s, p)] = counts.get((s, p), 0) + 1
        elif p in kind and o in cardinality:
            typed.append((s, o))
        if p in datatypes and isinstance(o, Literal) and _literal_problem(p, o):
            return False
    for node, cls in typed:
        for prop, fewest, most in cardinality[cls]:
            count = counts.get((node, prop), 0)
            if count < fewest or (most is not None and count > most):
                return False
    return True


def _problems(index: _Index) -> list[_Problem]:
    problems: list[_Problem] = []
    for triple in index.triples:
        s, p, o = triple
        if p in DATATYPES and isinstance(o, Literal):
            reason = _literal_problem(p, o)
            if reason:
                problems.append(
                    (_drop_triple(index, triple), f"{short(s)} {short(p)} {short(o)}: {reason}")
                )
    if problems:  # counted again once the wrong values are gone
        return problems
    for node, props in index.out.items():
        for cls in props.get(RDF.type, ()):
            for prop, fewest, most in _CARDINALITY.get(cls, ()):
                count = len(props.get(prop, ()))
                if count < fewest or (most is not None and count > most):
                    reason = f"{short(node)}: {count} {short(prop)} where the shapes want " + (
                        f"{fewest}"
                        if fewest == most
                        else f"{fewest} or more"
                        if most is None
                        else f"{fewest} to {most}"
                    )
                    problems.append((_drop_part(index, node, cls, prop), reason))
    return problems


def _literal_problem(predicate: Node, literal: Literal) -> str | None:
    wanted = DATATYPES.get(predicate)
    if wanted is None:
        return None
    datatype = _LANG_STRING if literal.language else (literal.datatype or _STRING)
    if datatype != wanted:
        return f"must be {short(wanted)}"
    if literal.ill_typed:
        return "not a valid value of its datatype"
    if predicate == _COUNT and int(literal) < 0:
        return "must be 0 or more"
    if predicate == _PUBLISHED and not _ZONED.search(str(literal)):
        return "has no time zone"
    if predicate == _EXACT and not str(literal):
        return "is empty"
    return None


def _drop_part(index: _Index, node: Node, cls: Node, prop: Node) -> set[Triple]:
    """What goes when `node` has too few or too many `prop`: the whole node when it is one of
    the article's own records (an evidence, a quotation, a statement with its fact), else the
    values beyond the first (an article's second headline)."""
    if cls in _WHOLE:
        return _drop_node(index, node)
    values = sorted(index.out[node].get(prop, ()), key=str)
    if not values:
        raise ValidationError(f"{short(node)} has no {short(prop)}, which every article needs")
    return {(node, prop, value) for value in values[1:]}


def _drop_triple(index: _Index, triple: Triple) -> set[Triple]:
    """A triple, and with a fact its statement (which would otherwise state nothing)."""
    s, p, o = triple
    if p in FACTS:
        return {triple} | {t for st in _statements(index, s, p, o) for t in _drop_node(index, st)}
    if p in (OA.start, OA.end, OA.exact):  # a selector without its value: the evidence goes
        return {t for ev, _, _ in index.into.get(s, ()) for t in _drop_node(index, ev)}
    return {triple}


def _statements(index: _Index, s: Node, p: Node, o: Node) -> list[Node]:
    return [
        st
        for st, _, _ in index.into.get(s, ())
        if st in index.out
        and p in index.out[st].get(RDF.predicate, ())
        and o in index.out[st].get(RDF.object, ())
        and s in index.out[st].get(RDF.subject, ())
    ]


def _drop_node(index: _Index, node: Node) -> set[Triple]:
    """A node: its triples, those that point at it, and a statement's fact with the statement."""
    props = index.out.get(node, {})
    drop = {(node, p, o) for p, values in props.items() for o in values}
    drop.update(index.into.get(node, ()))
    if RDF.Statement in props.get(RDF.type, ()):
        for s in props.get(RDF.subject, ()):
            for p in props.get(RDF.predicate, ()):
                for o in props.get(RDF.object, ()):
                    drop.add((s, p, o))
    if SUMMIT.Evidence in props.get(RDF.type, ()):  # its selectors are its alone
        for selector in props.get(OA.hasSelector, ()):
            drop.update(
                (selector, p, o)
                for p, values in index.out.get(selector, {}).items()
                for o in values
            )
    return drop


# ---------------------------------------------------------------------------
# The union
# ---------------------------------------------------------------------------


@functools.cache
def superclasses() -> dict[Node, frozenset[Node]]:
    """Each ontology class with every class above it (itself included)."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for child, parent in ontology_graph().subject_objects(RDFS.subClassOf):
        parents[child].add(parent)
    closed: dict[Node, frozenset[Node]] = {}
    for cls in list(parents):
        seen, stack = {cls}, [cls]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        closed[cls] = frozenset(seen)
    return closed


Articles = dict[URIRef, tuple[Triple, ...]]
Result = tuple[Node, "Node | None", "Node | None", str]
"""One SHACL result: focus node, path (if any), value (if any), message."""
Report = Callable[[URIRef, str], None]


def settle(
    graph: Graph,
    articles: Articles,
    report: Report,
    *,
    preferred: Callable[[Node, Literal], bool] = lambda node, label: False,
) -> None:
    """Make the union of the articles meet what the shapes ask across articles.

    One ``rdfs:label`` per language on each IRI (the spelling that `preferred` names, else
    the one most articles use, else one not in capitals, else the first in code-point order;
    the others become ``skos:altLabel``); then a label on every named entity and the classes
    at both ends of each relation, dropping from the articles that state it what fails.

    Args:
        graph: the union; changed in place, as are the tuples in `articles`.
        articles: each article's triples, by article IRI.
        report: called with (article IRI, reason) for each thing dropped.
        preferred: whether a label is the catalogue's own name for the node.
    """
    _one_label_per_language(graph, articles, preferred)
    for _ in range(3):
        drops = _union_problems(graph)
        if not drops:
            return
        drop_from_articles(graph, articles, drops, report)


def _one_label_per_language(
    graph: Graph, articles: Articles, preferred: Callable[[Node, Literal], bool]
) -> None:
    by_language: dict[tuple[Node, str | None], list[Literal]] = defaultdict(list)
    for s, label in graph.subject_objects(RDFS.label):
        if isinstance(label, Literal):
            by_language[(s, label.language)].append(label)
    clashes = {key: labels for key, labels in by_language.items() if len(labels) > 1}
    if not clashes:
        return
    uses: Counter[Triple] = Counter()
    wanted = {(s, RDFS.label, label) for (s, _), labels in clashes.items() for label in labels}
    for triples in articles.values():
        uses.update(t for t in triples if t in wanted)
    demoted: set[Triple] = set()
    for (s, _), labels in clashes.items():
        ranked = sorted(
            labels,
            key=lambda label: (
                not preferred(s, label),
                -uses[(s, RDFS.label, label)],
                str(label).isupper(),
                str(label),
            ),
        )
        demoted.update((s, RDFS.label, label) for label in ranked[1:])
    for s, _, label in demoted:
        graph.remove((s, RDFS.label, label))
        graph.add((s, SKOS.altLabel, label))
    for iri, triples in articles.items():
        if any(t in demoted for t in triples):
            articles[iri] = tuple(
                dict.fromkeys((t[0], SKOS.altLabel, t[2]) if t in demoted else t for t in triples)
            )


_ENTITY_CLASSES = LABELLED | {
    SUMMIT.Commitment,
    SUMMIT.Quotation,
    SUMMIT.Article,
    SUMMIT.Membership,
    SUMMIT.Role,
}


def _union_problems(graph: Graph) -> dict[Triple, str]:
    """Triples of the union that break a shape across articles, with the reason."""
    above = superclasses()
    types: dict[Node, set[Node]] = defaultdict(set)
    for cls in _ENTITY_CLASSES:  # not the evidence and statements: most of the types
        for node in graph.subjects(RDF.type, cls):
            types[node].update(above.get(cls, (cls,)))
    labelled = set(graph.subjects(RDFS.label))
    problems: dict[Triple, str] = {}
    for node, classes in types.items():
        if classes & LABELLED and node not in labelled:
            for kind in classes & LABELLED:
                problems[(node, RDF.type, kind)] = (
                    f"{short(node)} is a {short(kind)} with no rdfs:label"
                )
    for predicate, (target, subject_class, object_class) in _ENDS.items():
        for s, o in graph.subject_objects(predicate):
            if target is not None and target not in types.get(s, ()):
                continue
            if subject_class is not None and subject_class not in types.get(s, ()):
                problems[(s, predicate, o)] = (
                    f"{short(s)} {short(predicate)}: the subject is not a {short(subject_class)}"
                )
            elif object_class is not None and object_class not in types.get(o, ()):
                problems[(s, predicate, o)] = (
                    f"{short(s)} {short(predicate)} {short(o)}: "
                    f"the object is not a {short(object_class)}"
                )
    return problems


def drop_from_articles(
    graph: Graph, articles: Articles, drops: dict[Triple, str], report: Report
) -> None:
    """Drop `drops` (triple → reason) from every article that holds them, with what depends
    on them there, and from the union whatever no article holds any more.

    A triple that types a node takes the node with it (an entity with no label).
    """
    removed: set[Triple] = set()
    for iri, triples in list(articles.items()):
        hits = [t for t in triples if t in drops]
        if not hits:
            continue
        kept = set(triples)
        index = _Index(kept)
        for triple in hits:
            if triple not in kept:
                continue
            whole = triple[1] == RDF.type
            gone = _drop_node(index, triple[0]) if whole else _drop_triple(index, triple)
            kept.difference_update(gone)
            removed.update(gone)
            report(iri, drops[triple])
        for reason in check_article(kept):
            report(iri, reason)
        removed.update(set(triples) - kept)
        articles[iri] = tuple(t for t in triples if t in kept)
    if removed:
        still = {t for triples in articles.values() for t in triples if t in removed}
        for triple in removed - still:
            graph.remove(triple)


def trace(graph: Graph, results: Iterable[Result]) -> dict[Triple, str]:
    """The triples to drop for SHACL results (focus node, path, value, message): the
    triple (focus, path, value) when the union holds it; else the focus node's values on
    the path (too many, or a subject that may not have them); else, when a value is
    missing, the focus node itself (`drop_from_articles` takes what depends on it)."""
    drops: dict[Triple, str] = {}
    for focus, path, value, message in results:
        if path is not None and value is not None and (focus, path, value) in graph:
            drops[(focus, path, value)] = f"{short(focus)} {short(path)} {short(value)}: {message}"
            continue
        values = list(graph.objects(focus, path)) if path is not None else []
        if path is not None:  # too many values, or the wrong subject for them
            for o in values:
                drops[(focus, path, o)] = f"{short(focus)} {short(path)} {short(o)}: {message}"
        if not values:  # a value is missing: the node goes
            for cls in graph.objects(focus, RDF.type):
                drops[(focus, RDF.type, cls)] = f"{short(focus)}: {message}"
    return drops


def violations(graph: Graph) -> tuple[bool, list[Result]]:
    """Validate as `ontology.validate` does, but return each result's focus node, path,
    value and message (for `trace`), not the text of the report.

    The ontology's subclass axioms are in the graph only for the call.
    """
    import pyshacl

    from ontology import shapes_graph

    sh = "http://www.w3.org/ns/shacl#"
    axioms = [t for t in ontology_graph().triples((None, RDFS.subClassOf, None)) if t not in graph]
    for axiom in axioms:
        graph.add(axiom)
    try:
        conforms, report, _ = pyshacl.validate(
            graph, shacl_graph=shapes_graph(), inference="none", allow_warnings=False
        )
    finally:
        for axiom in axioms:
            graph.remove(axiom)
    results: list[Result] = []
    for result in report.subjects(RDF.type, URIRef(sh + "ValidationResult")):
        focus = report.value(result, URIRef(sh + "focusNode"))
        path = report.value(result, URIRef(sh + "resultPath"))
        if path is None:  # a node shape on the subjects of a predicate: that predicate
            shape = report.value(result, URIRef(sh + "sourceShape"))
            path = shapes_graph().value(shape, URIRef(sh + "targetSubjectsOf"))
        value = report.value(result, URIRef(sh + "value"))
        message = report.value(result, URIRef(sh + "resultMessage"))
        if focus is not None:
            results.append(
                (
                    focus,
                    path if isinstance(path, URIRef) else None,
                    value,
                    str(message or "breaks a shape"),
                )
            )
    return bool(conforms), sorted(results, key=str)
