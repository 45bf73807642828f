"""The interactive page: the graph as a pyvis network, rendered into one offline HTML file.

`to_network` turns the RDF graph into a `pyvis.network.Network`: the entities of
`kg.analysis.to_networkx` plus the quotations, commitments and articles, coloured and
shaped by class; one edge per relation between them, labelled ``signed``, ``attended``, …;
and on every node and edge the facts it takes part in, with the sentences that state them
(each ``rdf:Statement``'s ``summit:evidence``: article, offsets and exact text). A graph
of more than `OVERVIEW` nodes becomes an overview: the texts and outlets hidden (still in
the data, for the search and the side panel), the entities sized by degree.

`render_html` puts that network into the project's own template (``templates/graph.html``)
and inlines the vis-network script that ships inside the pyvis wheel, so the page opens
from disk and asks the network for nothing. The page holds each sentence of evidence once,
however many facts it states (see `_evidence_table`), and each headline once. Article text
is data: it reaches the page only as JSON inside a ``<script type="application/json">``
element, with every ``<``, ``>`` and ``&`` escaped, and the page's own script writes it
with ``textContent``, never as markup.

>>> from kg.build import build_graph
>>> page = render_html(build_graph().graph, lang="ko")
>>> "삼성전자" in page and "https://cdn" not in page
True
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import DCTERMS, ORG
from rdflib.term import Node

from kg.analysis import to_networkx
from kg.errors import DrawError
from kg.graph import OA, SCHEMA
from kg.query import DEFAULT_LANG, LANGUAGES, Language
from kg.store import write_files
from ontology import SUMMIT

LARGE = 100  # nodes; a larger graph is laid out with less effort (see `_options`)
OVERVIEW = 150  # nodes; a larger graph opens on its entity network (see `to_network`)
# The classes an overview hides at first; the legend shows them again.
OVERVIEW_HIDDEN = ("Article", "NewsOutlet", "Quotation", "Commitment")
LABEL_PX = 10  # in an overview, a node's label is drawn only from this size on screen
PAGE_TITLE = {"en": "AI Seoul Summit: knowledge graph", "ko": "AI 서울 정상회의 지식 그래프"}


@dataclass(frozen=True)
class Style:
    """How the nodes of one class look, and what the class is called in Korean."""

    color: str
    shape: str
    size: int
    name_ko: str
    longest: int = 34  # characters of the label drawn; the side panel shows all of it


STYLES: dict[str, Style] = {
    "Company": Style("#0072b2", "square", 14, "기업"),
    "GovernmentBody": Style("#56b4e9", "triangle", 14, "정부 기관"),
    "ResearchInstitute": Style("#117733", "hexagon", 14, "연구 기관"),
    "University": Style("#882255", "triangleDown", 14, "대학"),
    "NewsOutlet": Style("#999933", "square", 12, "언론사"),
    "Organization": Style("#777777", "dot", 12, "조직"),
    "Person": Style("#e69f00", "dot", 11, "인물"),
    "Event": Style("#d55e00", "star", 20, "행사"),
    "Pledge": Style("#009e73", "diamond", 22, "서약"),
    "Declaration": Style("#cc79a7", "diamond", 18, "선언"),
    "Place": Style("#aa4499", "triangle", 12, "장소"),
    "Commitment": Style("#7fcdbb", "square", 8, "서약 조항", longest=18),
    "Quotation": Style("#b4b4b4", "dot", 7, "인용", longest=16),
    "Article": Style("#444444", "square", 10, "기사", longest=22),
}
OTHER_STYLE = Style("#bbbbbb", "dot", 10, "기타")
# Drawn besides the entities of kg.analysis.
TEXT_CLASSES = ("Quotation", "Commitment", "Article")
# Every article mentions everything it names; as edges that would be a hairball.
HIDDEN_PROPERTIES = frozenset({RDF.type, SCHEMA.mentions})
_NAMES = frozenset({RDFS.label, SKOS.altLabel, SCHEMA.sameAs, SUMMIT.statedSignatoryCount})
_TEMPLATE = "templates/graph.html"
_VIS_SCRIPT = "vis-network.min.js"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029]")

Evidence = dict[str, Any]
Facts = dict[tuple[Node, Node, Node], list[Evidence]]


class GraphIndex:
    """The graph's triples in plain dictionaries, by subject and by object: what the page is
    drawn from (`render_html` takes a graph or one of these).

    A page of a thousand articles looks up about a million values; each of rdflib's
    lookups costs several microseconds more than a dictionary's.
    """

    def __init__(self, graph: Graph) -> None:
        self.out: dict[Node, dict[Node, list[Node]]] = {}
        self.into: dict[Node, dict[Node, list[Node]]] = {}
        out, into = self.out, self.into
        for s, p, o in _every_triple(graph):
            out.setdefault(s, {}).setdefault(p, []).append(o)
            into.setdefault(o, {}).setdefault(p, []).append(s)
        # Each evidence node as the page shows it, made once and shared by every fact it
        # supports (a sentence listing sixteen signatories supports sixteen facts).
        self.evidence: dict[Node, Evidence] = {}

    def objects(self, subject: Node | None, predicate: Node) -> list[Node]:
        if subject is None:
            return []
        return self.out.get(subject, {}).get(predicate, [])

    def value(self, subject: Node | None, predicate: Node) -> Node | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        return self.into.get(obj, {}).get(predicate, [])

    def predicate_objects(self, subject: Node) -> list[tuple[Node, Node]]:
        return [(p, o) for p, objects in self.out.get(subject, {}).items() for o in objects]

    def subject_predicates(self, obj: Node) -> list[tuple[Node, Node]]:
        return [(s, p) for p, subjects in self.into.get(obj, {}).items() for s in subjects]

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        s, p, o = triple
        return o in self.objects(s, p)

    def subject_objects(self, predicate: Node) -> list[tuple[Node, Node]]:
        return [(s, o) for s, predicates in self.out.items() for o in predicates.get(predicate, ())]

    def update(self, added: Iterable[tuple[Node, Node, Node]],
               removed: Iterable[tuple[Node, Node, Node]]) -> None:
        """Take the triples `removed` out and put `added` in (`kg add` draws the page of the
        last build's union changed so)."""
        for s, p, o in removed:
            for table, key, value in ((self.out, s, o), (self.into, o, s)):
                values = table.get(key, {}).get(p)
                if values and value in values:
                    values.remove(value)
                    if not values:
                        del table[key][p]
                        if not table[key]:
                            del table[key]
        for s, p, o in added:
            self.out.setdefault(s, {}).setdefault(p, []).append(o)
            self.into.setdefault(o, {}).setdefault(p, []).append(s)


def _every_triple(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of a graph; of a build's store, read straight from Oxigraph (a fifth of
    the time through rdflib's `Graph`)."""
    from kg.triplestore import oxigraph_of, union_triples

    store = oxigraph_of(graph)
    return iter(graph) if store is None else union_triples(store)


def to_network(graph: Graph | GraphIndex, *, lang: Language = DEFAULT_LANG,
               overview: bool | None = None) -> Network:
    """The graph as a pyvis network, with each fact's evidence on its nodes and edges.

    Args:
        graph: a graph built by `kg.build_graph` or read by `kg.load_graph`.
        lang: the language of the labels, ``"en"`` or ``"ko"`` (the other is the fallback).
        overview: open on the entity network: the nodes of `OVERVIEW_HIDDEN` and their
            edges hidden and left out of the layout, the rest sized by degree, and labels
            drawn only where they are at least `LABEL_PX` on screen. ``None`` (the
            default) means an overview for graphs of more than `OVERVIEW` nodes.

    Returns:
        A directed `Network` whose ``options`` is a dict of vis-network options. Each node
        also holds ``class``, ``labels``, ``altLabels``, ``wikidata``, ``properties``,
        ``facts`` (facts with a literal value) and ``evidence`` (a quotation's own); each
        edge ``relation``, ``evidence`` and, for ``affiliatedWith``, the ``titles``. An
        evidence item is a dict of ``article``, ``start``, ``end`` and ``text``: one dict
        per sentence, shared by every fact it states. In an overview a hidden node or edge
        has ``hidden`` true and ``physics`` false, and every other node a ``size`` and
        ``font`` by its degree among those drawn.

    Raises:
        DrawError: `lang` is not one of `LANGUAGES`.

    >>> from kg.build import build_graph
    >>> network = to_network(build_graph().graph, lang="ko")
    >>> [n["label"] for n in network.nodes if n["id"].endswith("/company/samsung-electronics")]
    ['삼성전자']
    """
    if lang not in LANGUAGES:
        raise DrawError(f"{lang!r}: unknown language; use one of {', '.join(LANGUAGES)}")
    index = graph if isinstance(graph, GraphIndex) else GraphIndex(graph)
    structure = _with_texts(to_networkx(index), index)
    facts = _facts(index)
    network = Network(height="100%", width="100%", directed=True)
    network.node_ids = _Ids()
    for iri, data in sorted(structure.nodes(data=True)):
        network.add_node(iri, **_node(index, URIRef(iri), data["class"], facts, lang))
    edges = sorted(structure.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))
    for number, (source, target, relation, data) in enumerate(edges):
        found = facts.get((URIRef(source), URIRef(data["predicate"]), URIRef(target)))
        if found is None:  # a quotation's speaker and event: stated by the quotation's evidence
            found = _own_evidence(index, URIRef(source))
        network.add_edge(source, target, id=f"e{number}",
                         **_edge(index, (source, relation, target), found, lang))
    if overview is None:
        overview = len(network.nodes) > OVERVIEW
    if overview:
        _to_overview(network.nodes, network.edges)
    network.options = _options(len(network.nodes), overview=overview)
    return network


def _to_overview(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Hide the classes of `OVERVIEW_HIDDEN`; size the rest, and their labels, by degree."""
    hidden = {node["id"] for node in nodes if node["class"] in OVERVIEW_HIDDEN}
    degree: dict[str, int] = {}
    for edge in edges:
        if edge["from"] in hidden or edge["to"] in hidden:
            edge.update(hidden=True, physics=False)
        else:
            for end in (edge["from"], edge["to"]):
                degree[end] = degree.get(end, 0) + 1
    for node in nodes:
        if node["id"] in hidden:
            node.update(hidden=True, physics=False)
            continue
        root = math.sqrt(degree.get(node["id"], 0))
        node["size"] = round(min(node["size"] + 3 * root, 60), 1)
        # Hubs get labels large enough to read at the first, zoomed-out view.
        node["font"] = {"size": round(min(10 + 3 * root, 80), 1)}


class _Ids(list):  # type: ignore[type-arg]
    """pyvis's list of node ids, answering ``in`` from a set: pyvis asks whether a node
    exists for every node and twice for every edge, and a list makes that quadratic
    (about 2.5 s of a thousand articles' page)."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[object] = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def render_html(graph: Graph | GraphIndex, *, lang: Language = DEFAULT_LANG,
                overview: bool | None = None) -> str:
    """The interactive page of a graph: one self-contained HTML document.

    Args:
        graph: the graph to draw (or its `GraphIndex`).
        lang: the language of the labels and of the page's own words.
        overview: open on the entity network (see `to_network`); ``None``: above
            `OVERVIEW` nodes.

    Returns:
        The HTML text; opened from disk it loads nothing. Write it with `write_html`.

    Raises:
        DrawError: `lang` is unknown, or the vis-network script is missing from pyvis.

    >>> from kg.build import build_graph
    >>> render_html(build_graph().graph).startswith("<!DOCTYPE html>")
    True
    """
    index = graph if isinstance(graph, GraphIndex) else GraphIndex(graph)
    network = to_network(index, lang=lang, overview=overview)
    nodes, edges, evidence, texts = _evidence_table(network.nodes, network.edges)
    data = {"lang": lang, "nodes": nodes, "edges": edges, "evidence": evidence, "texts": texts,
            "headlines": _headlines(index),
            "options": network.options, "classes": _legend(network.nodes, lang),
            "hiddenClasses": sorted({node["class"] for node in network.nodes
                                     if node.get("hidden")}),
            # Only an overview scales its labels (see `_options`).
            "overview": "scaling" in network.options["nodes"]}
    values = {"lang": lang, "title": html.escape(PAGE_TITLE[lang]), "data": embed_json(data),
              "vis": _vis_script()}
    template = resources.files("kg").joinpath(_TEMPLATE).read_text(encoding="utf-8")
    # One pass, so no text inside a value is ever taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m[1]], template)


def _headlines(graph: GraphIndex) -> dict[str, str]:
    """Each article's headline, by the name evidence items give it (``dcterms:source``).

    Evidence items name their article; the page looks its headline up here, so a headline
    (up to the loader's cap) is in the page once, not once per sentence of evidence."""
    headlines: dict[str, str] = {}
    # in IRI order, so that a page drawn from the store equals one drawn from memory when
    # two articles have files of one name
    for article, headline in sorted(graph.subject_objects(_HEADLINE)):
        name = graph.value(article, _DC_SOURCE)
        headlines.setdefault(str(name or article), str(headline))
    return dict(sorted(headlines.items()))


def _evidence_table(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> tuple[
        list[dict[str, Any]], list[dict[str, Any]], list[list[str | int]], list[str]]:
    """The nodes and edges as the page holds them, their evidence items, and those items' texts.

    A sentence is evidence of every fact it states, and the network repeats it in each; the
    page holds each evidence item once, ``[article, start, end, number of its text]``, in
    article order, and each distinct text once (syndicated articles share sentences). A
    node's, an edge's and a fact's ``evidence`` become the numbers of its items."""
    keys: dict[tuple[str, int, int, str], None] = {}
    for item in _all_evidence(nodes, edges):
        keys.setdefault((item["article"], item["start"], item["end"], item["text"]))
    ordered = sorted(keys)
    number = {key: at for at, key in enumerate(ordered)}
    texts: dict[str, int] = {}
    table: list[list[str | int]] = [
        [article, start, end, texts.setdefault(text, len(texts))]
        for article, start, end, text in ordered]

    def numbers(items: list[Evidence]) -> list[int]:
        return [number[(x["article"], x["start"], x["end"], x["text"])] for x in items]

    page_nodes = [{**node, "evidence": numbers(node["evidence"]),
                   "facts": [{**fact, "evidence": numbers(fact["evidence"])}
                             for fact in node["facts"]]} for node in nodes]
    page_edges = [{**edge, "evidence": numbers(edge["evidence"])} for edge in edges]
    return page_nodes, page_edges, table, list(texts)


def _all_evidence(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[Evidence]:
    found = [item for node in nodes for item in node["evidence"]]
    found += [item for node in nodes for fact in node["facts"] for item in fact["evidence"]]
    return found + [item for edge in edges for item in edge["evidence"]]


def write_html(page: str, path: str | Path) -> Path:
    """Write a page atomically: to a temporary name, then renamed into place.

    Returns:
        The path written.

    Raises:
        StoreError: the file cannot be written.
    """
    path = Path(path)
    return write_files(path.parent, {path.name: lambda: page.encode("utf-8")})[0]


def to_iframe(page: str, *, height: int = 640) -> str:
    """The page inside an ``<iframe srcdoc>``, for ``IPython.display.HTML`` in a notebook.

    JupyterLab and VS Code show this where pyvis' own notebook output often stays blank.

    >>> to_iframe('<p class="x">a & b</p>', height=100).split(" title=")[0]
    '<div><iframe srcdoc="&lt;p class=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;"'
    """
    # In a <div>: IPython warns about HTML that is a bare <iframe>, and suggests IFrame,
    # which needs a file or a server where srcdoc needs neither.
    return (f'<div><iframe srcdoc="{html.escape(page, quote=True)}" title="knowledge graph" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe></div>')


def embed_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, no ``<!--``.

    >>> embed_json({"text": "</script><!-- & -->"})
    '{"text": "\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 --\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# The terms looked up per node and per fact, made once (each access to a namespace
# attribute makes and checks a new IRI).
_HAS_SELECTOR = OA.hasSelector
_POSITION = OA.TextPositionSelector
_START = OA.start
_END = OA.end
_EXACT = OA.exact
_HAS_SOURCE = OA.hasSource
_DC_SOURCE = DCTERMS.source
_HEADLINE = SCHEMA.headline
_EVIDENCE = SUMMIT.evidence
_ALT_LABEL = SKOS.altLabel
_LABEL = RDFS.label
_TEXT = SCHEMA.text
_SAME_AS = SCHEMA.sameAs
_URL = SCHEMA.url
_MEMBER = ORG.member
_ORGANIZATION = ORG.organization
_TITLE = SUMMIT.title
_TYPE = RDF.type
_STATEMENT = RDF.Statement
_SUBJECT = RDF.subject
_PREDICATE = RDF.predicate
_OBJECT = RDF.object


def _with_texts(network: nx.MultiDiGraph, graph: GraphIndex) -> nx.MultiDiGraph:
    """The entity network plus quotations, commitments and articles, and their edges."""
    texts = {node: cls for cls in TEXT_CLASSES for node in graph.subjects(_TYPE, SUMMIT[cls])
             if isinstance(node, URIRef) and str(node) not in network}
    for node, cls in sorted(texts.items()):
        labels = _labels(graph, node)
        network.add_node(str(node), **{"class": cls, "label_ko": labels.get("ko"),
                                       "label_en": labels.get("en"), "wikidata": None})
    for node in sorted(texts):
        out = ((node, p, o) for p, o in graph.predicate_objects(node))
        into = ((s, p, node) for s, p in graph.subject_predicates(node) if s not in texts)
        for s, p, o in (*out, *into):
            if p not in HIDDEN_PROPERTIES and isinstance(o, URIRef) and str(s) in network \
                    and str(o) in network:
                network.add_edge(str(s), str(o), key=_local(p), predicate=str(p))
    return network


def _facts(graph: GraphIndex) -> Facts:
    """Each fact (s, p, o) with the evidence of its reified statement, in article order."""
    found: Facts = {}
    for statement in graph.subjects(_TYPE, _STATEMENT):
        fact = (graph.value(statement, _SUBJECT), graph.value(statement, _PREDICATE),
                graph.value(statement, _OBJECT))
        found.setdefault(fact, []).extend(  # type: ignore[arg-type]
            _evidence(graph, item) for item in graph.objects(statement, _EVIDENCE))
    for items in found.values():
        items.sort(key=lambda item: (item["article"], item["start"]))
    return found


def _evidence(graph: GraphIndex, node: Node) -> Evidence:
    """One evidence node as the page shows it: article, offsets and the exact text (made
    once per node, see `GraphIndex`)."""
    made = graph.evidence.get(node)
    if made is not None:
        return made
    item: Evidence = {"start": 0, "end": 0, "text": ""}
    graph.evidence[node] = item
    for selector in graph.objects(node, _HAS_SELECTOR):
        if (selector, _TYPE, _POSITION) in graph:
            item["start"] = int(str(graph.value(selector, _START)))
            item["end"] = int(str(graph.value(selector, _END)))
        else:
            item["text"] = str(graph.value(selector, _EXACT))
    source = graph.value(node, _HAS_SOURCE)
    item["article"] = str(graph.value(source, _DC_SOURCE) or source)
    return item


def _own_evidence(graph: GraphIndex, node: URIRef) -> list[Evidence]:
    """Evidence the node carries itself (a quotation's), in article order."""
    return sorted((_evidence(graph, item) for item in graph.objects(node, _EVIDENCE)),
                  key=lambda item: (item["article"], item["start"]))


def _node(graph: GraphIndex, node: URIRef, cls: str, facts: Facts, lang: Language) -> dict[str, Any]:
    style, shown, labels = STYLES.get(cls, OTHER_STYLE), _label(graph, node, lang), \
        _labels(graph, node)
    return {
        "label": _shorten(shown, style.longest), "shape": style.shape, "size": style.size,
        "color": {"background": style.color, "border": style.color,
                  "highlight": {"background": style.color, "border": "#111111"}},
        "title": f"{_class_name(cls, lang)}: {_shorten(shown, 90)}", "class": cls,
        "labels": {"en": labels.get("en"), "ko": labels.get("ko"), "shown": shown},
        "altLabels": sorted({str(name) for name in graph.objects(node, _ALT_LABEL)}),
        "wikidata": _wikidata(graph, node), "properties": _properties(graph, node),
        "facts": [{"relation": _local(p), "value": str(o), "evidence": facts[(node, p, o)]}
                  for p, o in sorted(graph.predicate_objects(node))
                  if isinstance(o, RDFLiteral) and (node, p, o) in facts],
        "evidence": _own_evidence(graph, node),
    }


def _labels(graph: GraphIndex, node: URIRef) -> dict[str | None, str]:
    found = [item for item in graph.objects(node, _LABEL) if isinstance(item, RDFLiteral)]
    return {item.language: str(item) for item in sorted(found, key=str)}


def _label(graph: GraphIndex, node: URIRef, lang: str) -> str:
    """The name to show: in `lang`, else the other language, else the text, else the IRI's end."""
    labels = _labels(graph, node)
    other = next(code for code in LANGUAGES if code != lang)
    text = labels.get(lang) or labels.get(other) or next(iter(labels.values()), None)
    return text or next((str(t) for t in graph.objects(node, _TEXT)), None) or _local(node)


def _wikidata(graph: GraphIndex, node: URIRef) -> str | None:
    found = [m[1] for o in graph.objects(node, _SAME_AS)
             if (m := re.fullmatch(r"http://www\.wikidata\.org/entity/(Q\d+)", str(o)))]
    return min(found) if found else None


def _properties(graph: GraphIndex, node: URIRef) -> list[list[str]]:
    """The node's plain values (dates, text, headline, url) as [property, value] pairs."""
    found = {(_local(p), str(o)) for p, o in graph.predicate_objects(node)
             if p not in _NAMES and (isinstance(o, RDFLiteral) or p == _URL)}
    return [list(item) for item in sorted(found)]


def _edge(graph: GraphIndex, fact: tuple[str, str, str], evidence: list[Evidence],
          lang: Language) -> dict[str, Any]:
    source, relation, target = fact
    edge: dict[str, Any] = {
        "label": relation, "relation": relation, "evidence": evidence, "dashes": not evidence,
        "title": f"{_label(graph, URIRef(source), lang)} {relation} "
                 f"{_label(graph, URIRef(target), lang)}",
    }
    if relation == "affiliatedWith":
        edge["titles"] = sorted({
            str(title) for membership in graph.subjects(_MEMBER, URIRef(source))
            if (membership, _ORGANIZATION, URIRef(target)) in graph
            for title in graph.objects(membership, _TITLE)})
    return edge


def _local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _shorten(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _class_name(cls: str, lang: Language) -> str:
    return STYLES.get(cls, OTHER_STYLE).name_ko if lang == "ko" else cls


def _legend(nodes: list[dict[str, Any]], lang: Language) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["class"]] = counts.get(node["class"], 0) + 1
    order = [*STYLES, *sorted(set(counts) - set(STYLES))]
    return [{"name": cls, "label": _class_name(cls, lang), "count": counts[cls],
             "color": STYLES.get(cls, OTHER_STYLE).color,
             "shape": STYLES.get(cls, OTHER_STYLE).shape} for cls in order if cls in counts]


def _options(nodes: int, *, overview: bool = False) -> dict[str, Any]:
    """vis-network options: a fixed seed, and physics that stabilizes before the first draw.

    The page switches physics off once stabilization is done, so the drawing stays put.
    Above `LARGE` nodes the layout gets fewer iterations and no Kamada-Kawai start, which
    would otherwise keep a corpus of a hundred articles settling for half a minute. An
    overview draws a node's label only from `LABEL_PX` on screen, an edge's only when
    zoomed in (or on hover: the page enlarges it), and straight edges.
    """
    large = nodes > LARGE
    options: dict[str, Any] = {
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.012,
                                 "springLength": 95, "springConstant": 0.06,
                                 "avoidOverlap": 0.3},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 200 if large else 600,
                              "updateInterval": 50, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 200, "multiselect": False},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9aa5b1", "highlight": "#222222", "hover": "#555555"},
                  "font": {"size": 10, "align": "middle", "color": "#555555",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "width": 1.2},
    }
    if overview:
        # Tighter, so that more labels are readable at the first view.
        options["physics"]["forceAtlas2Based"].update(
            gravitationalConstant=-60, centralGravity=0.02, springLength=80)
        # vis-network draws a label from `drawThreshold - 1` px and fades it below that.
        options["nodes"]["scaling"] = {"label": {"drawThreshold": LABEL_PX + 1,
                                                 "maxVisible": 24}}
        options["edges"]["scaling"] = {"label": {"drawThreshold": LABEL_PX + 1}}
        options["edges"]["font"]["size"] = 11
        options["edges"]["smooth"] = {"enabled": False}
    return options


def _vis_script() -> str:
    """The vis-network script bundled in the pyvis wheel (the newest version there)."""
    try:
        folders = [item for item in resources.files("pyvis").joinpath("lib").iterdir()
                   if item.name.startswith("vis-") and item.joinpath(_VIS_SCRIPT).is_file()]
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise DrawError(f"pyvis: no lib folder with {_VIS_SCRIPT}; reinstall pyvis") from exc
    if not folders:
        raise DrawError(f"pyvis: {_VIS_SCRIPT} not found in its lib folder; reinstall pyvis")
    newest = max(folders, key=lambda item: [int(n) for n in re.findall(r"\d+", item.name)])
    script = newest.joinpath(_VIS_SCRIPT).read_text(encoding="utf-8")
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise DrawError(f"pyvis: {newest.name}/{_VIS_SCRIPT} cannot be inlined safely")
    return script
