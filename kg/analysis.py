"""The graph as a network: RDF → networkx, its bipartite views, and measures on them.

`to_networkx` keeps the entities (organizations, people, events, pledges, declarations,
places) and the relations between them; statements, evidence, quotations, commitments and
articles stay in RDF. From that network come the views a network analyst asks for:

* `bipartite_view`: organization–pledge (``signed``) or person–event (``attended``);
* `co_signatures`: organizations joined by the pledges they share (weight = how many);
* `centrality`: degree and betweenness of every entity;
* `bridges`: who links two pledges or two events (see its docstring for the rule);

and `stats_report` writes them as aligned tables; `write_network` writes GraphML or GEXF.
"""

from __future__ import annotations

import io
import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.formats import (
    DEFAULT_LANG,
    DEFAULT_TOP,
    VIEWS,
    Language,
    NetworkFormat,
    View,
    network_format,
)
from kg.graph import CLASS_OF, SCHEMA, WD
from kg.results import text_table
from kg.store import write_files
from ontology import SUMMIT

SIGNED, ATTENDED, AFFILIATED = "signed", "attended", "affiliatedWith"
HubClass = typing.Literal["Pledge", "Event"]
_CLASS_NAMES = {cls: kind.value for kind, cls in CLASS_OF.items()}


@dataclass(frozen=True)
class Centrality:
    """How central one entity is in the undirected network of entities."""

    node: str
    degree: int
    degree_centrality: float
    betweenness: float


@dataclass(frozen=True)
class Bridge:
    """An entity that links pledges (or events), and the organizations or people it links through.

    Attributes:
        node: the linking entity.
        links: the pledges or events it links, sorted (for events, the most specific ones).
        via: the organizations or people it links them through; empty when direct.
    """

    node: str
    links: tuple[str, ...]
    via: tuple[str, ...]


class Readable(Protocol):
    """What `to_networkx` reads of a graph: an `rdflib.Graph`, or `kg.draw`'s index of one."""

    def objects(self, subject: Node, predicate: Node, /) -> Iterable[Node]: ...
    def subjects(self, predicate: Node, obj: Node, /) -> Iterable[Node]: ...
    def value(self, subject: Node, predicate: Node, /) -> Node | None: ...
    def predicate_objects(self, subject: Node, /) -> Iterable[tuple[Node, Node]]: ...


def to_networkx(graph: Graph | Readable) -> nx.MultiDiGraph:
    """The entities and the relations between them, as a networkx multigraph.

    Args:
        graph: a graph built by `kg.build_graph` or read by `kg.load_graph`.

    Returns:
        Nodes are entity IRIs with the attributes ``class`` (``Company``…), ``label_ko``,
        ``label_en`` and ``wikidata`` (``Q95``; ``None`` when unknown). Edges are keyed by
        the relation's local name (``signed``, ``superEvent``) and carry ``predicate`` (the
        property IRI) and ``evidence`` (how many sentences state the fact; 0 for what the
        catalogue knows, such as parent organizations).

    >>> from kg.build import build_graph
    >>> network = to_networkx(build_graph().graph)
    >>> google = network.nodes["https://w3id.org/ai-seoul-summit/id/company/google"]
    >>> google["class"], google["label_ko"], google["wikidata"]
    ('Company', '구글', 'Q95')
    """
    network = nx.MultiDiGraph()
    for node, name in _entities(graph):
        found = [label for label in graph.objects(node, RDFS.label) if isinstance(label, Literal)]
        # Reversed, so that the first label of a language in sort order is the one kept.
        labels = {label.language: str(label) for label in sorted(found, reverse=True)}
        same = [str(o)[len(str(WD)):] for o in graph.objects(node, SCHEMA.sameAs)
                if str(o).startswith(str(WD))]
        network.add_node(str(node), **{"class": name, "label_ko": labels.get("ko"),
                                       "label_en": labels.get("en"),
                                       "wikidata": min(same) if same else None})
    evidence = _evidence_counts(graph)
    for source in list(network):
        for predicate, target in sorted(graph.predicate_objects(URIRef(source))):
            if predicate != RDF.type and str(target) in network:
                network.add_edge(source, str(target), key=_local(predicate),
                                 predicate=str(predicate),
                                 evidence=evidence.get((URIRef(source), predicate, target), 0))
    return network


def _entities(graph: Graph | Readable) -> list[tuple[URIRef, str]]:
    found: dict[URIRef, str] = {}
    for cls, name in _CLASS_NAMES.items():  # most specific first, so a node keeps that class
        for node in graph.subjects(RDF.type, cls):
            if isinstance(node, URIRef):
                found.setdefault(node, name)
    return sorted(found.items())


def _evidence_counts(graph: Graph | Readable) -> dict[tuple[Any, Any, Any], int]:
    counts: dict[tuple[Any, Any, Any], int] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        fact = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                graph.value(statement, RDF.object))
        counts[fact] = counts.get(fact, 0) + len(set(graph.objects(statement, SUMMIT.evidence)))
    return counts


def _local(iri: Node) -> str:
    return str(iri).replace("#", "/").rsplit("/", 1)[-1]


def bipartite_view(network: nx.MultiDiGraph, relation: str) -> nx.Graph:
    """The two-mode graph of one relation: its subjects (``bipartite=0``) and objects (``1``).

    ``bipartite_view(network, "signed")`` is organizations and pledges;
    ``bipartite_view(network, "attended")`` is people and events. Node attributes are kept.
    """
    view = nx.Graph()
    for source, target, key in network.edges(keys=True):
        if key == relation:
            view.add_node(source, **network.nodes[source], bipartite=0)
            view.add_node(target, **network.nodes[target], bipartite=1)
            view.add_edge(source, target, relation=relation)
    return view


def co_signatures(network: nx.MultiDiGraph) -> nx.Graph:
    """Organizations joined by the pledges they both signed; ``weight`` is how many.

    >>> from kg.build import build_graph
    >>> pairs = co_signatures(to_networkx(build_graph().graph))
    >>> pairs.edges["https://w3id.org/ai-seoul-summit/id/company/samsung-electronics",
    ...             "https://w3id.org/ai-seoul-summit/id/company/google"]["weight"]
    2
    """
    view = bipartite_view(network, SIGNED)
    signers = [node for node, side in view.nodes(data="bipartite") if side == 0]
    if not signers:  # networkx refuses to project an empty graph
        return nx.Graph()
    projected: nx.Graph = nx.bipartite.weighted_projected_graph(view, signers)
    return projected


def centrality(network: nx.MultiDiGraph) -> list[Centrality]:
    """Degree and betweenness centrality of every entity, most between first.

    Both are computed on the undirected simple graph (parallel and opposite edges merged),
    normalised as networkx does; ``degree`` is the plain number of neighbours.
    """
    simple = nx.Graph(network.to_undirected(as_view=True))
    degree = nx.degree_centrality(simple)
    between = nx.betweenness_centrality(simple)
    rows = [Centrality(node, simple.degree(node), degree[node], between[node]) for node in simple]
    return sorted(rows, key=lambda row: (-row.betweenness, -row.degree, row.node))


def bridges(network: nx.MultiDiGraph, between: HubClass = "Pledge") -> list[Bridge]:
    """The organizations and people that link two or more pledges, or two or more events.

    For pledges: an organization that signed more than one, and a person affiliated with
    such an organization or with a part of it (``via`` names the signatory). For events: a
    person who attended more than one, and an organization (or its parent) whose people did
    (``via`` names them). Two events only count when neither is part of the other: the
    opening ceremony and the AI Global Forum it belongs to are one occasion, not two.

    Args:
        network: the result of `to_networkx`.
        between: ``"Pledge"`` or ``"Event"``.

    Returns:
        The bridges, ordered by IRI.

    >>> from kg.build import build_graph
    >>> found = bridges(to_networkx(build_graph().graph), "Pledge")
    >>> [b.node.rsplit("/", 1)[-1] for b in found if not b.via]
    ['google', 'microsoft', 'samsung-electronics']
    """
    parents = _ancestry(network, "parentOrganization")
    if between == "Pledge":
        reach = _pledge_reach(network, parents)
    else:
        reach = _event_reach(network, parents)
    events = _ancestry(network, "superEvent")
    found = []
    for node, hubs in sorted(reach.items()):
        links = {hub for hub in hubs if not any(hub in events.get(other, ()) for other in hubs)}
        if len(links) > 1:
            via = sorted({item for hub in links for item in hubs[hub]})
            found.append(Bridge(node, tuple(sorted(links)), tuple(via)))
    return found


def _edges(network: nx.MultiDiGraph, relation: str) -> list[tuple[str, str]]:
    return [(u, v) for u, v, key in network.edges(keys=True) if key == relation]


def _ancestry(network: nx.MultiDiGraph, relation: str) -> dict[str, set[str]]:
    """Each node's ancestors along a part-of relation (``superEvent``, ``parentOrganization``)."""
    up = nx.DiGraph(_edges(network, relation))
    return {node: nx.descendants(up, node) for node in up}


def _pledge_reach(network: nx.MultiDiGraph,
                  parents: dict[str, set[str]]) -> dict[str, dict[str, set[str]]]:
    reach: dict[str, dict[str, set[str]]] = {}
    for org, pledge in _edges(network, SIGNED):
        reach.setdefault(org, {}).setdefault(pledge, set())
    signed = {org: set(pledges) for org, pledges in reach.items()}
    for person, org in _edges(network, AFFILIATED):
        for signatory in {org} | parents.get(org, set()):
            for pledge in signed.get(signatory, ()):
                reach.setdefault(person, {}).setdefault(pledge, set()).add(signatory)
    return reach


def _event_reach(network: nx.MultiDiGraph,
                 parents: dict[str, set[str]]) -> dict[str, dict[str, set[str]]]:
    attended: dict[str, set[str]] = {}
    for person, event in _edges(network, ATTENDED):
        attended.setdefault(person, set()).add(event)
    reach: dict[str, dict[str, set[str]]] = {
        person: {event: set() for event in events} for person, events in attended.items()}
    for person, org in _edges(network, AFFILIATED):
        for member_of in {org} | parents.get(org, set()):
            for event in attended.get(person, ()):
                reach.setdefault(member_of, {}).setdefault(event, set()).add(person)
    return reach




def network_view(network: nx.MultiDiGraph, view: View | str = "entities") -> nx.Graph:
    """One of the `VIEWS` of a network: itself, a bipartite view, or the co-signatures.

    Raises:
        ValueError: an unknown view.
    """
    if view == "entities":
        return network
    if view in (SIGNED, ATTENDED):
        return bipartite_view(network, view)
    if view == "co-signatures":
        return co_signatures(network)
    raise ValueError(f"{view!r}: unknown view; use one of {', '.join(VIEWS)}")


def label(network: nx.Graph, node: str, lang: Language = DEFAULT_LANG) -> str:
    """A node's label in `lang`, else in the other language, else the end of its IRI."""
    data = network.nodes[node] if node in network else {}
    other = "ko" if lang == "en" else "en"
    return str(data.get(f"label_{lang}") or data.get(f"label_{other}") or node.rsplit("/", 1)[-1])


def stats_report(network: nx.MultiDiGraph, *, lang: Language = DEFAULT_LANG,
                 top: int = DEFAULT_TOP) -> str:
    """The network's measures as aligned text tables, for a terminal.

    Args:
        network: the result of `to_networkx`.
        lang: the language of the names.
        top: how many rows of the centrality and co-signature tables to show.

    Returns:
        Sections: size by class, the most central entities, the strongest co-signatures,
        and the bridges between pledges and between events.

    >>> from kg.build import build_graph
    >>> report = stats_report(to_networkx(build_graph().graph), top=3)
    >>> print(report.split("Bridges between pledges")[1].splitlines()[3])
    Google               Company  Frontier AI Safety Commitments, Seoul AI Business Pledge
    """
    def name(node: str) -> str:
        return label(network, node, lang)

    classes: dict[str, int] = {}
    for _, cls in network.nodes(data="class"):
        classes[cls] = classes.get(cls, 0) + 1
    sizes = ", ".join(f"{cls} {count}" for cls, count in
                      sorted(classes.items(), key=lambda item: (-item[1], item[0])))
    sections = [f"{network.number_of_nodes()} entities, {network.number_of_edges()} relations"
                + (f" ({sizes})" if sizes else "")]
    rows = [[name(c.node), network.nodes[c.node]["class"], str(c.degree),
             f"{c.degree_centrality:.3f}", f"{c.betweenness:.3f}"] for c in centrality(network)]
    sections.append(_section(f"Most central entities (top {min(top, len(rows))} by betweenness)",
                             ["entity", "class", "neighbours", "degree", "betweenness"],
                             rows[:top]))
    pairs = co_signatures(network)
    ranked = sorted(([name(u), name(v), str(w)] for u, v, w in pairs.edges(data="weight")),
                    key=lambda row: (-int(row[2]), row[0], row[1]))
    sections.append(_section(f"Co-signatures (top {min(top, len(ranked))} of {len(ranked)} pairs;"
                             " shared = pledges both signed)",
                             ["organization", "organization", "shared"], ranked[:top]))
    hubs: tuple[tuple[HubClass, str], ...] = (("Pledge", "Bridges between pledges"),
                                              ("Event", "Bridges between events"))
    for hub, title in hubs:
        found = [[name(b.node), network.nodes[b.node]["class"], ", ".join(map(name, b.links)),
                  ", ".join(map(name, b.via))] for b in bridges(network, hub)]
        sections.append(_section(title, ["entity", "class", "links", "via"], found))
    return "\n\n".join(sections)


def _section(title: str, headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return f"{title}\n(none)"
    return f"{title}\n{text_table(headers, rows)}"


def write_network(network: nx.Graph, path: str | Path,
                  fmt: NetworkFormat | str | None = None) -> Path:
    """Write a network as GraphML or GEXF, files Gephi opens; the file appears whole or not at all.

    Attributes are made safe for both formats: ``None`` becomes ``""``, values other than
    text, numbers and booleans become text, each node gets a ``label`` (English, else
    Korean) for Gephi to show, and each edge of a multigraph a unique key (``e0``, ``e1``…,
    the GraphML edge id) with its relation as ``relation`` and ``label``.

    Args:
        network: `to_networkx`'s multigraph, or any view of it.
        path: the file to write.
        fmt: ``graphml`` or ``gexf``; by default the one the file's extension names.

    Returns:
        The path written.

    Raises:
        StoreError: the file cannot be written, or the format and the extension disagree
            (or the extension names no format and none is given).
        ValueError: an unknown format.

    >>> import tempfile
    >>> from kg.build import build_graph
    >>> network = to_networkx(build_graph().graph)
    >>> path = write_network(network, Path(tempfile.mkdtemp()) / "kg.gexf", "gexf")
    >>> nx.read_gexf(path).number_of_nodes() == network.number_of_nodes()
    True
    """
    fmt = network_format(path, fmt)
    safe = _exportable(network)
    buffer = io.BytesIO()
    if fmt is NetworkFormat.GRAPHML:
        nx.write_graphml(safe, buffer, encoding="utf-8")
    else:
        nx.write_gexf(safe, buffer, encoding="utf-8")
    path = Path(path)
    return write_files(path.parent, {path.name: buffer.getvalue})[0]


def _exportable(network: nx.Graph) -> nx.Graph:
    safe = network.__class__()
    for node, data in network.nodes(data=True):
        attributes = {_xml(key): _safe(value) for key, value in data.items()}
        attributes.setdefault("label", _xml(label(network, node)))
        safe.add_node(_xml(node), **attributes)
    edges = (network.edges(keys=True, data=True) if network.is_multigraph()
             else ((u, v, None, d) for u, v, d in network.edges(data=True)))
    for number, (source, target, key, data) in enumerate(edges):
        attributes = {_xml(k): _safe(value) for k, value in data.items()}
        if key is not None:
            attributes.update(label=_xml(key), relation=_xml(key))
            safe.add_edge(_xml(source), _xml(target), key=f"e{number}", **attributes)
        else:
            safe.add_edge(_xml(source), _xml(target), **attributes)
    return safe


def _safe(value: object) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return _xml(value)


# Of the C0 controls XML 1.0 allows only tab, newline and carriage return, and it allows no
# surrogate, U+FFFE or U+FFFF; networkx writes what it is given, so one name holding a
# vertical tab or a unit separator made the whole file unreadable.
_NOT_XML = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPACE = re.compile(r"[\x0b\x0c]")


def _xml(value: object) -> str:
    """Text with the characters XML 1.0 forbids removed (a vertical tab or form feed: a space)."""
    return _NOT_XML.sub("", _XML_SPACE.sub(" ", str(value)))
