"""What adding or removing articles changes in a build, worked out from the articles it
touches instead of from all of them (`kg add`, `kg remove`).

A build merges its articles' extracted graphs with `kg.conform.settle`, which looks across
articles only at each node's ``rdf:type`` and ``rdfs:label`` triples (and, where a node has
two labels in one language, at how many articles use each). So a change can alter what
settling did to an article only through a node whose types or labels changed ("moved").
`plan` finds the moved nodes with lookups in the last build's stores, settles again just the
articles that mention one (with what the last build knew of the other nodes they mention:
their types and the label that won), and checks that no further node moved; when one did,
it is added and the round repeats. The result is the `Delta` of the union, of the named
graphs and of the extracted graphs, which `kg.incremental` writes by copying everything
else from the last build's files.

Where the rounds do not settle (a cascade of drops across many articles), `plan` returns
None and the caller merges every article again, as a whole build would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.conform import DATATYPES, settle
from kg.graph import Triple, article_of_graph, graph_iri, new_graph

if TYPE_CHECKING:
    import pyoxigraph

ROUNDS = 6
"""Rounds of `plan` before it gives up and a whole merge is done instead."""

_PROFILE = (RDF.type, RDFS.label)
Preferred = Callable[[Node, Literal], bool]
"""Whether a label is the catalogue's own name for a node (`kg.build.catalogue_name`)."""


@dataclass(frozen=True)
class Delta:
    """What a change does to a build.

    Attributes:
        graphs: article IRI → its new triples (as merged), or None when it is removed; only
            articles whose triples changed.
        extracted: article IRI → its triples as extracted, or None when it is removed.
        added: triples the union gains.
        removed: triples the union loses.
        subjects: every subject of `added` and `removed` → all its triples in the new union.
        dropped: (article IRI, reason) for what settling dropped from the articles it settled.
    """

    graphs: dict[URIRef, tuple[Triple, ...] | None]
    extracted: dict[URIRef, tuple[Triple, ...] | None]
    added: set[Triple]
    removed: set[Triple]
    subjects: dict[Node, tuple[Triple, ...]]
    dropped: list[tuple[URIRef, str]] = field(default_factory=list)


class Stores:
    """The last build's two stores, read-only: ``store`` (the union as the default graph,
    each article's merged triples as a named graph) and ``extracted`` (each article's
    triples as extracted, as a named graph)."""

    def __init__(self, union: pyoxigraph.Store, extracted: pyoxigraph.Store) -> None:
        import pyoxigraph as ox

        self.union = union
        self.extracted = extracted
        self._default = ox.DefaultGraph()
        self._terms: dict[object, Node] = {}

    def term(self, term: object) -> Node:
        from kg.triplestore import rdflib_term

        found = self._terms.get(term)
        if found is None:
            found = self._terms[term] = rdflib_term(term)
        return found

    def _triples(self, quads: Iterable[pyoxigraph.Quad]) -> Iterator[Triple]:
        term = self.term
        for quad in quads:
            p = term(quad.predicate)
            yield term(quad.subject), p, faithful(p, term(quad.object))

    def graph(self, store: pyoxigraph.Store, article: URIRef) -> tuple[Triple, ...]:
        """An article's triples in `store` (its named graph)."""
        import pyoxigraph as ox

        name = ox.NamedNode(str(graph_iri(article)))
        return tuple(self._triples(store.quads_for_pattern(None, None, None, name)))

    def graphs(self, store: pyoxigraph.Store) -> dict[URIRef, tuple[Triple, ...]]:
        """Every article's triples in `store` (its named graphs), by article IRI."""
        graphs: dict[URIRef, list[Triple]] = {}
        for quad in store.quads_for_pattern(None, None, None, None):
            name = quad.graph_name
            if not isinstance(name, type(self._default)):
                graphs.setdefault(article_of_graph(URIRef(name.value)), []).extend(
                    self._triples((quad,)))
        return {iri: tuple(triples) for iri, triples in graphs.items()}

    def about(self, node: Node, predicate: Node | None = None) -> list[Triple]:
        """The union's triples with subject `node` (and `predicate`)."""
        from kg.triplestore import oxigraph_term

        p = None if predicate is None else oxigraph_term(predicate)
        return list(self._triples(self.union.quads_for_pattern(
            oxigraph_term(node), p, None, self._default)))  # type: ignore[arg-type]

    def held_by_another(self, store: pyoxigraph.Store, triple: Triple, graphs: set[str]
                        ) -> bool:
        """Whether a named graph in `store` other than `graphs` (graph IRIs) holds `triple`
        (stopping at the first: a type every article states has thousands)."""
        from kg.triplestore import oxigraph_term

        s, p, o = (oxigraph_term(t) for t in triple)
        for quad in store.quads_for_pattern(s, p, o, None):  # type: ignore[arg-type]
            name = quad.graph_name
            if not isinstance(name, type(self._default)) and name.value not in graphs:
                return True
        return False

    def in_union(self, triple: Triple) -> bool:
        from kg.triplestore import oxigraph_term

        s, p, o = (oxigraph_term(t) for t in triple)
        return any(True for _ in self.union.quads_for_pattern(s, p, o, self._default))  # type: ignore[arg-type]

    def mentioning(self, node: Node) -> set[URIRef]:
        """The articles whose extracted triples name `node`, as subject or object."""
        from kg.triplestore import oxigraph_term

        term = oxigraph_term(node)
        found: set[URIRef] = set()
        for pattern in ((term, None, None, None), (None, None, term, None)):
            for quad in self.extracted.quads_for_pattern(*pattern):
                found.add(article_of_graph(URIRef(quad.graph_name.value)))  # type: ignore[union-attr]
        return found


def graph_names(articles: Iterable[URIRef]) -> set[str]:
    """The IRIs of the articles' named graphs, as text (for `Stores.held_by_another`)."""
    return {str(graph_iri(iri)) for iri in articles}


def faithful(predicate: Node, value: Node) -> Node:
    """A value as the build wrote it: Oxigraph keeps every integer as ``xsd:integer``, and
    the shapes fix the datatype of each predicate's values (`kg.conform.DATATYPES`)."""
    if isinstance(value, Literal) and value.datatype == XSD.integer:
        wanted = DATATYPES.get(predicate)
        if wanted is not None and wanted != XSD.integer:
            return Literal(str(value), datatype=str(wanted))
    return value


def plan(stores: Stores, removed: Iterable[URIRef], added: Mapping[URIRef, tuple[Triple, ...]],
         preferred: Preferred, *, limit: int) -> Delta | None:
    """The `Delta` of taking the articles `removed` out of the last build and putting the
    articles `added` (article IRI → triples as extracted and checked alone) in; None when
    the change reaches too far: more than `limit` articles of the last build to settle
    again (merging all of them is then quicker), or more rounds than `ROUNDS`.

    Args:
        stores: the last build's stores.
        removed: articles of the last build that go (those replaced included).
        added: articles that come, by IRI.
        preferred: `kg.build.catalogue_name`.
        limit: the most articles of the last build to settle again.
    """
    gone = set(removed)
    old_extracted = {iri: stores.graph(stores.extracted, iri) for iri in gone}
    moved = _moved(stores, old_extracted, added)
    for _ in range(ROUNDS):
        touched: set[URIRef] = set()
        for node in moved:
            touched |= stores.mentioning(node)
        touched -= gone | set(added)
        if len(touched) > limit:
            return None
        settled, dropped = _settle(stores, moved, touched, added, preferred)
        delta = _delta(stores, gone, settled, old_extracted, added, dropped)
        more = {t[0] for t in delta.added | delta.removed if t[1] in _PROFILE} - moved
        if not more:
            return delta
        moved |= more
    return None


def _moved(stores: Stores, old: Mapping[URIRef, tuple[Triple, ...]],
           new: Mapping[URIRef, tuple[Triple, ...]]) -> set[Node]:
    """The nodes whose types or labels among the extracted graphs the change alters: a type
    or label no other article states, or one more or fewer use of a label where the node
    has two in a language (settling ranks those by use)."""
    changed = graph_names(set(old) | set(new))
    counts: dict[Triple, int] = defaultdict(int)
    for triples, step in ((old.values(), -1), (new.values(), 1)):
        for graph in triples:
            for triple in set(graph):
                if triple[1] in _PROFILE:
                    counts[triple] += step
    moved: set[Node] = set()
    for triple, step in counts.items():
        if step == 0:
            continue
        others = stores.held_by_another(stores.extracted, triple, changed)
        if not others or (triple[1] == RDFS.label and _clashes(stores, triple[0], new)):
            moved.add(triple[0])
    return moved


def _clashes(stores: Stores, node: Node, new: Mapping[URIRef, tuple[Triple, ...]]) -> bool:
    """Whether `node` has two labels in one language, in the last build's extracted graphs
    or in the new articles."""
    from kg.triplestore import oxigraph_term

    if isinstance(node, URIRef):  # each distinct label once, not once per article
        query = (f"SELECT DISTINCT ?label WHERE {{ GRAPH ?g {{ {oxigraph_term(node)} "
                 f"<{RDFS.label}> ?label }} }}")
        labels = {stores.term(row[0]) for row in stores.extracted.query(query)}  # type: ignore[union-attr]
    else:  # (kg makes no blank nodes; a blank node in a query would match any node)
        labels = {t[2] for p in (RDFS.label, SKOS.altLabel) for t in stores.about(node, p)}
    labels.update(t[2] for graph in new.values() for t in graph
                  if t[0] == node and t[1] == RDFS.label)
    languages = [label.language for label in labels if isinstance(label, Literal)]
    return len(languages) != len(set(languages))


def _settle(stores: Stores, moved: set[Node], touched: set[URIRef],
            added: Mapping[URIRef, tuple[Triple, ...]], preferred: Preferred
            ) -> tuple[dict[URIRef, tuple[Triple, ...]], list[tuple[URIRef, str]]]:
    """Settle again the articles `touched` (those of the last build that mention a moved
    node) and the new ones, with what the last build's union says of the other nodes they
    name (their types and winning labels)."""
    articles = {iri: stores.graph(stores.extracted, iri) for iri in sorted(touched)}
    articles.update(added)
    union = new_graph()
    seen: set[Triple] = set()
    for triples in articles.values():
        fresh = [t for t in triples if t not in seen]
        seen.update(fresh)
        union.addN((s, p, o, union) for s, p, o in fresh)
    named = {n for triples in articles.values() for t in triples for n in (t[0], t[2])
             if not isinstance(n, Literal)}
    won: set[Triple] = set()
    for node in sorted(named - moved, key=str):
        for predicate in _PROFILE:
            for triple in stores.about(node, predicate):
                union.add(triple)
                if predicate == RDFS.label:
                    won.add(triple)
    dropped: list[tuple[URIRef, str]] = []

    def rank(node: Node, label: Literal) -> bool:
        return preferred(node, label) or (node, RDFS.label, label) in won

    settle(union, articles, lambda iri, why: dropped.append((iri, why)), preferred=rank)
    return articles, dropped


def _delta(stores: Stores, gone: set[URIRef], settled: Mapping[URIRef, tuple[Triple, ...]],
           old_extracted: Mapping[URIRef, tuple[Triple, ...]],
           added: Mapping[URIRef, tuple[Triple, ...]], dropped: list[tuple[URIRef, str]]
           ) -> Delta:
    """Compare the articles settled again with the last build: which named graphs, union
    triples and subjects changed."""
    before = {iri: stores.graph(stores.union, iri) for iri in (set(settled) - set(added)) | gone}
    graphs: dict[URIRef, tuple[Triple, ...] | None] = {iri: None for iri in gone}
    for iri, triples in settled.items():
        if iri in added or set(triples) != set(before.get(iri, ())):
            graphs[iri] = triples
    held_now = {t for triples in settled.values() for t in triples}
    candidates = held_now | {t for triples in before.values() for t in triples}
    redone = graph_names(set(settled) | gone)
    union_added: set[Triple] = set()
    union_removed: set[Triple] = set()
    for triple in candidates:
        was = stores.in_union(triple)
        now = triple in held_now or stores.held_by_another(stores.union, triple, redone)
        if was and not now:
            union_removed.add(triple)
        elif now and not was:
            union_added.add(triple)
    gains: dict[Node, set[Triple]] = defaultdict(set)
    for triple in union_added:
        gains[triple[0]].add(triple)
    subjects: dict[Node, tuple[Triple, ...]] = {}
    for subject in {t[0] for t in union_added | union_removed}:
        subjects[subject] = tuple((set(stores.about(subject)) - union_removed) | gains[subject])
    extracted: dict[URIRef, tuple[Triple, ...] | None] = {iri: None for iri in old_extracted}
    extracted.update(added)
    return Delta(graphs=graphs, extracted=extracted, added=union_added,
                 removed=union_removed, subjects=subjects, dropped=dropped)
