"""The build's Oxigraph store on disk (``DIR/store``): written by `kg build`, opened by readers.

Parsing ``kg.ttl`` into rdflib's memory costs about 23 µs and 1 KiB per triple (25 s and
1.1 GiB at 5,000 articles); reopening an Oxigraph store on disk costs a few hundredths of
a second whatever its size. So every build also loads its outputs into a store:

* the default graph holds the union, deduplicated, exactly as ``kg.ttl`` (queries that name
  no graph see everything once);
* each article's triples are a named graph ``…/id/graph/<article id>``, as in ``kg.nq``.

The store is loaded from the very files the build wrote, so it cannot disagree with them,
with one exception of Oxigraph's: it keeps every integer as ``xsd:integer``, so the
offsets of evidence (``xsd:nonNegativeInteger`` in the files) read back as integers.

rdflib stays the library API, converted at the edge: `open_graph` gives an `rdflib.Graph`
whose triple patterns Oxigraph answers (`OxigraphReader`), and `kg.query.run_query` sends
a query's text to Oxigraph's own SPARQL engine (rdflib's engine over any store plugin is
slower than over its own memory store).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib.store
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kg.errors import QueryError, StoreError

if TYPE_CHECKING:
    import pyoxigraph

from kg.formats import STORE_DIR


def write_store(folder: str | Path, union: str | Path | None, named: str | Path) -> None:
    """Create the store in `folder` from a build's union (Turtle; None: no default graph)
    and named graphs (N-Quads).

    Raises:
        StoreError: the store cannot be written or a file cannot be read.
    """
    import pyoxigraph as ox

    try:
        store = ox.Store(str(folder))
        if union is not None:
            store.bulk_load(path=str(union), format=ox.RdfFormat.TURTLE,
                            to_graph=ox.DefaultGraph())
        store.bulk_load(path=str(named), format=ox.RdfFormat.N_QUADS)
        store.flush()
    except (OSError, SyntaxError) as exc:
        raise StoreError(f"{folder}: cannot write the store ({exc})") from exc
    del store  # closes it: the build folder is complete only with the store closed


def store_path(path: str | Path) -> Path | None:
    """The store of a build folder (``DIR/store``), or None when `path` holds none."""
    candidate = Path(path) / STORE_DIR
    return candidate if (candidate / "CURRENT").is_file() else None


def open_store(folder: str | Path) -> pyoxigraph.Store:
    """Open a store read-only (any number of readers may share it).

    Raises:
        StoreError: `folder` is not a readable Oxigraph store.
    """
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"{folder}: not a readable Oxigraph store ({exc})") from exc


def open_graph(folder: str | Path) -> Graph:
    """The union graph of a store, as an `rdflib.Graph` (read-only; nothing is parsed).

    Raises:
        StoreError: `folder` is not a readable Oxigraph store.
    """
    return Graph(store=OxigraphReader(open_store(folder)))


def oxigraph_of(graph: Graph) -> pyoxigraph.Store | None:
    """The Oxigraph store under `graph`, or None for any other rdflib store."""
    store = graph.store
    return store.oxigraph if isinstance(store, OxigraphReader) else None


class OxigraphReader(rdflib.store.Store):
    """An rdflib store that reads the default graph (the union) of an Oxigraph store.

    The ``oxrdflib`` plugin does the same and more, but importing it loads rdflib's SPARQL
    parser (about 0.3 s at every start of ``kg query``), and kg sends SPARQL to Oxigraph
    itself (`select`); this reader only answers triple patterns, and refuses changes.
    """

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, store: pyoxigraph.Store) -> None:
        super().__init__()
        self.oxigraph = store
        self._namespaces: dict[str, URIRef] = {}
        self._terms: dict[object, Node] = {}

    def triples(self, triple_pattern: tuple[Node | None, Node | None, Node | None],
                context: Graph | None = None) -> Iterator[tuple[tuple[Node, Node, Node],
                                                              Iterator[Graph | None]]]:
        import pyoxigraph as ox

        try:
            s, p, o = (None if term is None else oxigraph_term(term) for term in triple_pattern)
        except ValueError:  # a term Oxigraph cannot hold matches nothing it holds
            return
        if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode | None):
            return  # a literal subject or predicate matches nothing
        term = self._term
        for quad in self.oxigraph.quads_for_pattern(s, p, o, ox.DefaultGraph()):
            yield (term(quad.subject), term(quad.predicate), term(quad.object)), iter((None,))

    def _term(self, term: object) -> Node:
        found = self._terms.get(term)
        if found is None:
            if len(self._terms) > TERM_CACHE:
                self._terms.clear()
            found = self._terms[term] = rdflib_term(term)
        return found

    def __len__(self, context: Graph | None = None) -> int:
        result = self.oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))[0].value)  # type: ignore[arg-type]

    def add(self, triple: tuple[Node, Node, Node], context: Graph | None, quoted: bool = False
            ) -> None:
        raise StoreError("the store of a build is read-only; rebuild, or use `kg add`")

    def remove(self, triple: tuple[Node | None, Node | None, Node | None],
               context: Graph | None = None) -> None:
        raise StoreError("the store of a build is read-only; rebuild, or use `kg remove`")

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        if override or prefix not in self._namespaces:
            self._namespaces[prefix] = namespace

    def namespace(self, prefix: str) -> URIRef | None:
        return self._namespaces.get(prefix)

    def prefix(self, namespace: URIRef) -> str | None:
        return next((p for p, n in self._namespaces.items() if n == namespace), None)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return iter(list(self._namespaces.items()))


TERM_CACHE = 500_000
"""Terms an `OxigraphReader` keeps converted (IRIs and labels recur in every article)."""


def oxigraph_term(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """An rdflib term as Oxigraph's.

    Raises:
        ValueError: Oxigraph cannot hold it (a graph as a term, an invalid IRI).
    """
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise ValueError(f"not an RDF term: {term!r}")


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str | None:
    """`text` with `bindings` as one ``VALUES`` row right after ``WHERE {``, or None when the
    query has no ``WHERE {`` to put it after.

    A ``VALUES`` row at the start of the pattern binds as rdflib's ``initBindings`` does:
    before the rest is evaluated (Oxigraph's ``substitutions`` filter only afterwards).

    >>> with_values("SELECT ?x WHERE { ?x ?p ?o }", {"p": URIRef("https://e.org/p")})
    'SELECT ?x WHERE { VALUES (?p) { (<https://e.org/p>) } ?x ?p ?o }'
    """
    if not bindings:
        return text
    where = _first_outside_comments(text)
    if where is None:
        return None
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    return f"{text[:where]} VALUES ({names}) {{ ({values}) }}{text[where:]}"


def _first_outside_comments(text: str) -> int | None:
    """Where the pattern after the first ``WHERE {`` starts, skipping ``#`` comment lines."""
    offset = 0
    for line in text.splitlines(keepends=True):
        code = line if not line.lstrip().startswith("#") else ""
        match = _WHERE.search(code)
        if match and '"' not in code[: match.start()] and "'" not in code[: match.start()]:
            return offset + match.end()
        offset += len(line)
    return None


def select(store: pyoxigraph.Store, text: str, source: str
           ) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]] | bool | Graph:
    """Run SPARQL text on Oxigraph's engine: (variables, rows) for SELECT, a boolean for
    ASK, a graph for CONSTRUCT and DESCRIBE; terms are rdflib's.

    Raises:
        QueryError: Oxigraph refuses the query.
    """
    import pyoxigraph as ox

    try:
        result = store.query(text)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            graph = Graph()
            for triple in result:
                graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate),
                           rdflib_term(triple.object)))
            return graph
        variables = tuple(variable.value for variable in result.variables)
        rows = [tuple(None if term is None else rdflib_term(term) for term in solution)
                for solution in result]
    except (SyntaxError, OSError, RuntimeError) as exc:
        raise QueryError(f"{source}: {exc}") from exc
    return variables, rows


def rdflib_term(term: object) -> Node:
    """An Oxigraph term as rdflib's; a plain string literal stays without datatype, as rdflib
    reads it."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise StoreError(f"unexpected term from the store: {term!r}")


def union_triples(store: pyoxigraph.Store) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple of a store's default graph (the union), as rdflib terms, in the store's
    order: Oxigraph writes them as N-Triples, and each distinct term is made once.

    A third faster than a triple pattern over the whole store (each quad it gives is an
    object whose parts cost a call each): the page of a build is drawn from these.
    """
    import pyoxigraph as ox

    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    made: dict[str, Node] = {}
    get = made.get
    # N-Triples escapes line breaks inside literals, so " .\n" ends a line and nothing else
    for line in text.decode("utf-8").split(" .\n"):
        if not line:
            continue
        s, _, rest = line.partition(" ")
        p, _, o = rest.partition(" ")
        subject, predicate, value = get(s), get(p), get(o)
        if subject is None:
            subject = made[s] = _nt_term(s)
        if predicate is None:
            predicate = made[p] = _nt_term(p)
        if value is None:
            value = made[o] = _nt_term(o)
        yield subject, predicate, value


_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_NT_CHARACTER = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
                 "\\": "\\"}


def _nt_unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _NT_ESCAPE.sub(
        lambda m: chr(int(m[1] or m[2], 16)) if m[1] or m[2] else _NT_CHARACTER[m[3]], text)


def _nt_term(text: str) -> Node:
    """One term as Oxigraph writes it in N-Triples, as `rdflib_term` makes it."""
    if text.startswith("<"):
        return URIRef(_nt_unescape(text[1:-1]))
    if text.startswith("_:"):
        return BNode(text[2:])
    end = text.rindex('"')
    value, rest = _nt_unescape(text[1:end]), text[end + 1 :]
    if rest.startswith("@"):
        return Literal(value, lang=rest[1:])
    if rest.startswith("^^<") and rest[3:-1] != str(XSD.string):
        return Literal(value, datatype=URIRef(rest[3:-1]))
    return Literal(value)


LABEL_BATCH = 2000
"""IRIs whose labels one query asks for (one ``VALUES`` block)."""


def labels_of(store: pyoxigraph.Store, rows: Sequence[tuple[Node | None, ...]]
              ) -> dict[URIRef, dict[str, str]]:
    """`kg.results.collect_labels` for a store: the labels of the rows' IRIs, fetched in a
    few queries instead of one lookup per IRI."""
    from kg.results import by_language

    nodes = sorted({node for row in rows for node in row if isinstance(node, URIRef)})
    found: dict[URIRef, list[Node]] = {node: [] for node in nodes}
    for start in range(0, len(nodes), LABEL_BATCH):
        values = " ".join(node.n3() for node in nodes[start:start + LABEL_BATCH])
        text = ("SELECT ?node ?label WHERE { VALUES ?node { " + values + " } "
                "?node <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
        outcome = select(store, text, "labels")
        assert isinstance(outcome, tuple)
        for node, label in outcome[1]:
            if isinstance(node, URIRef) and label is not None:
                found[node].append(label)
    return {node: by_language(labels) for node, labels in found.items()}


def named_graph_iris(store: pyoxigraph.Store) -> Sequence[URIRef]:
    """The IRIs of the store's named graphs (one per article), sorted."""
    return sorted(URIRef(graph.value) for graph in store.named_graphs())
