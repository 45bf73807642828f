"""The ``summit`` ontology of the AI Seoul Summit knowledge graph, as Python objects.

The package ships two Turtle files as package data: ``summit.ttl`` (the OWL ontology,
source of truth for the ``summit:`` terms) and ``shapes.ttl`` (the SHACL shapes the
graph must conform to). This module exposes

* ``SUMMIT``, an rdflib ``DefinedNamespace`` with one attribute per ``summit:`` term
  (a misspelt term raises ``AttributeError``);
* ``ONTOLOGY_IRI`` and ``ID_BASE``, the IRIs of the ontology and of the entity space;
* ``ontology_graph()`` and ``shapes_graph()``, which parse the two files once and
  return the cached graphs (treat them as read-only: copy before changing);
* ``validate(graph)``, the one way the pipeline checks a graph against the shapes.

``validate`` makes this pySHACL call, with no inference::

    pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none",
                     allow_warnings=False)

For ``sh:class summit:Organization`` to accept a node typed only ``summit:Company``,
the ontology's ``rdfs:subClassOf`` axioms must be in the data graph. pySHACL's own
``ont_graph=`` option would copy them into a clone of the whole data graph, which for a
corpus of a thousand articles costs seconds and hundreds of MiB; ``validate`` adds the
axioms to the graph itself for the duration of the call and takes them out again
afterwards, so the graph ends as it was given (do not read it from another thread
meanwhile).

Package data: the pyproject must ship the Turtle files, with setuptools::

    [tool.setuptools.package-data]
    ontology = ["*.ttl", "py.typed"]
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

from rdflib import RDFS, Graph
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import Node, URIRef

__all__ = [
    "ID_BASE",
    "ONTOLOGY_IRI",
    "SUMMIT",
    "ontology_graph",
    "shapes_graph",
    "validate",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/ai-seoul-summit/ontology")
"""IRI of the ontology document (the ``owl:Ontology`` node in ``summit.ttl``)."""

ID_BASE = "https://w3id.org/ai-seoul-summit/id/"
"""Base IRI of the graph's entities, e.g. ``ID_BASE + "company/samsung-electronics"``."""


class SUMMIT(DefinedNamespace):
    """Terms of the AI Seoul Summit ontology (``https://w3id.org/ai-seoul-summit/ontology#``).

    Written by hand to match ``summit.ttl``; ``tests/test_ontology.py`` checks that the two
    list the same terms.
    """

    _NS = Namespace("https://w3id.org/ai-seoul-summit/ontology#")
    _fail = True

    # Classes
    Organization: URIRef  # Any organization; use the most specific subclass that applies.
    Company: URIRef  # A business.
    GovernmentBody: URIRef  # A government, ministry, office or other public authority.
    University: URIRef  # A university or other institution of higher education.
    ResearchInstitute: URIRef  # A research lab or institute.
    NewsOutlet: URIRef  # A news publisher whose articles the graph is built from.
    Person: URIRef  # A person named in the coverage.
    Event: URIRef  # A summit, forum, session or ceremony.
    Pledge: URIRef  # A voluntary commitment that organizations sign or join.
    Commitment: URIRef  # One of the individual commitments inside a pledge.
    Declaration: URIRef  # A declaration adopted at an event.
    Quotation: URIRef  # Words a person said, as quoted by an article.
    Place: URIRef  # A city, venue or country.
    Article: URIRef  # A news article the graph was built from.
    Membership: URIRef  # A person's position in an organization, with the title as stated.
    Role: URIRef  # A title as a concept, shared by memberships.
    Evidence: URIRef  # A span of an article that states a fact (position and quote selectors).

    # Object properties
    signed: URIRef  # Organization -> Pledge: the text says the organization signed or joined it.
    attended: URIRef  # Person -> Event: the text places the person at the event.
    affiliatedWith: URIRef  # Person -> Organization: the text gives the person a position there.
    evidence: URIRef  # rdf:Statement or Quotation -> Evidence: where the fact is stated.
    parentOrganization: URIRef  # Organization -> Organization: the organization it is part of.
    announcedAt: URIRef  # Pledge -> Event: where the pledge was announced.
    adoptedAt: URIRef  # Declaration -> Event: where the declaration was adopted.
    hasCommitment: URIRef  # Pledge -> Commitment: one of the pledge's commitments.
    speaker: URIRef  # Quotation -> Person: who said the words.
    saidAt: URIRef  # Quotation -> Event: where the words were said.

    # Datatype properties
    statedSignatoryCount: URIRef  # Pledge -> xsd:integer: number of signatories the text states.
    title: URIRef  # Membership -> rdf:langString: the title as written (@ko) and in English (@en).


def _read_package_graph(filename: str) -> Graph:
    """Parse one of the package's Turtle files into a new graph.

    Args:
        filename: Name of a Turtle file shipped inside the ``ontology`` package.

    Returns:
        A graph holding the file's triples.
    """
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@functools.cache
def ontology_graph() -> Graph:
    """Return the OWL ontology (``summit.ttl``) as an rdflib graph.

    The file is parsed on the first call and the same graph object is returned on
    every later call, so treat it as read-only: copy it before adding or removing
    triples.

    Returns:
        The cached graph of the ontology.
    """
    return _read_package_graph("summit.ttl")


@functools.cache
def shapes_graph() -> Graph:
    """Return the SHACL shapes (``shapes.ttl``) as an rdflib graph.

    The file is parsed on the first call and the same graph object is returned on
    every later call, so treat it as read-only: copy it before adding or removing
    triples.

    Returns:
        The cached graph of the shapes.
    """
    return _read_package_graph("shapes.ttl")


def validate(graph: Graph, *, focus: Sequence[Node] | None = None) -> tuple[bool, str]:
    """Validate a data graph against the shapes, with the ontology mixed in.

    Runs the pySHACL call given in the module docstring, without inference. The
    ontology's ``rdfs:subClassOf`` axioms are added to ``graph`` for the call and
    removed after it, so the graph ends unchanged.

    Args:
        graph: The knowledge graph to check.
        focus: Check only these nodes (each against the shapes that target it); None for
            every node the shapes target.

    Returns:
        A pair ``(conforms, text)``: whether the graph conforms to every shape, and
        pySHACL's human-readable validation report.
    """
    import pyshacl  # imported here so that importing the package stays cheap

    if focus is not None and not focus:
        return True, "Validation Report\nConforms: True\n"

    axioms = [t for t in ontology_graph().triples((None, RDFS.subClassOf, None)) if t not in graph]
    for axiom in axioms:
        graph.add(axiom)
    try:
        conforms, _report_graph, report_text = pyshacl.validate(
            graph,
            shacl_graph=shapes_graph(),
            inference="none",
            allow_warnings=False,
            focus_nodes=[str(node) for node in focus] if focus is not None else None,
        )
    finally:
        for axiom in axioms:
            graph.remove(axiom)
    return bool(conforms), str(report_text)
