"""Tests of the ``summit`` ontology, its SHACL shapes and the ``ontology`` module."""

from __future__ import annotations

from collections.abc import Callable

import pyshacl
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from ontology import ID_BASE, ONTOLOGY_IRI, SUMMIT, ontology_graph, shapes_graph, validate

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = Namespace(ID_BASE)

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def declared_summit_terms() -> set[str]:
    """Local names of the classes and properties summit.ttl declares in the summit namespace."""
    ns = str(SUMMIT._NS)
    names = set()
    for term_type in TERM_TYPES:
        for subject in ontology_graph().subjects(RDF.type, term_type):
            if isinstance(subject, URIRef) and str(subject).startswith(ns):
                names.add(str(subject)[len(ns) :])
    return names


# ---------------------------------------------------------------------------
# The ontology and the Python namespace
# ---------------------------------------------------------------------------


def test_python_terms_match_ontology() -> None:
    assert set(SUMMIT.__annotations__) == declared_summit_terms()


def test_ontology_declares_all_readme_terms() -> None:
    classes = {
        "Organization", "Company", "GovernmentBody", "University", "ResearchInstitute",
        "NewsOutlet", "Person", "Event", "Pledge", "Commitment", "Declaration", "Quotation",
        "Place", "Article", "Membership", "Role", "Evidence",
    }  # fmt: skip
    object_properties = {
        "signed", "attended", "affiliatedWith", "evidence", "parentOrganization",
        "announcedAt", "adoptedAt", "hasCommitment", "speaker", "saidAt",
    }  # fmt: skip
    datatype_properties = {"statedSignatoryCount", "title"}
    graph = ontology_graph()
    for names, term_type in (
        (classes, OWL.Class),
        (object_properties, OWL.ObjectProperty),
        (datatype_properties, OWL.DatatypeProperty),
    ):
        for name in names:
            assert (getattr(SUMMIT, name), RDF.type, term_type) in graph, name
    assert declared_summit_terms() == classes | object_properties | datatype_properties


@pytest.mark.parametrize("name", sorted(declared_summit_terms()))
def test_every_term_has_labels_and_comment(name: str) -> None:
    graph = ontology_graph()
    term = SUMMIT._NS[name]
    languages = [
        str(lbl.language) for lbl in graph.objects(term, RDFS.label) if isinstance(lbl, Literal)
    ]
    assert sorted(languages) == ["en", "ko"], f"{name}: one rdfs:label @en and one @ko"
    comments = [c for c in graph.objects(term, RDFS.comment) if isinstance(c, Literal)]
    assert len(comments) == 1 and comments[0].language == "en", name
    assert len(str(comments[0])) > 20, name


def test_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = SUMMIT.signedd


def test_terms_are_iris_in_the_namespace() -> None:
    assert SUMMIT.signed == URIRef("https://w3id.org/ai-seoul-summit/ontology#signed")
    assert SUMMIT.title == URIRef("https://w3id.org/ai-seoul-summit/ontology#title")


def test_ontology_header() -> None:
    graph = ontology_graph()
    assert str(ONTOLOGY_IRI) == "https://w3id.org/ai-seoul-summit/ontology"
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(ONTOLOGY_IRI, DCTERMS.created) == Literal("2026-11-27", datatype=XSD.date)
    assert graph.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert graph.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    languages = {
        lbl.language for lbl in graph.objects(ONTOLOGY_IRI, RDFS.label) if isinstance(lbl, Literal)
    }
    assert languages == {"en", "ko"}


DOMAIN_RANGE = [
    ("signed", SUMMIT.Organization, SUMMIT.Pledge),
    ("attended", SUMMIT.Person, SUMMIT.Event),
    ("affiliatedWith", SUMMIT.Person, SUMMIT.Organization),
    ("statedSignatoryCount", SUMMIT.Pledge, XSD.integer),
    ("parentOrganization", SUMMIT.Organization, SUMMIT.Organization),
    ("announcedAt", SUMMIT.Pledge, SUMMIT.Event),
    ("adoptedAt", SUMMIT.Declaration, SUMMIT.Event),
    ("hasCommitment", SUMMIT.Pledge, SUMMIT.Commitment),
    ("speaker", SUMMIT.Quotation, SUMMIT.Person),
    ("saidAt", SUMMIT.Quotation, SUMMIT.Event),
    ("title", SUMMIT.Membership, RDF.langString),
]


@pytest.mark.parametrize(("name", "domain", "range_"), DOMAIN_RANGE)
def test_domain_and_range(name: str, domain: URIRef, range_: URIRef) -> None:
    graph = ontology_graph()
    assert list(graph.objects(SUMMIT._NS[name], RDFS.domain)) == [domain]
    assert list(graph.objects(SUMMIT._NS[name], RDFS.range)) == [range_]


def test_evidence_domain_is_union_of_statement_quotation_and_membership() -> None:
    graph = ontology_graph()
    (domain,) = graph.objects(SUMMIT.evidence, RDFS.domain)
    assert isinstance(domain, BNode)
    members = graph.value(domain, OWL.unionOf)
    assert members is not None
    assert set(graph.items(members)) == {RDF.Statement, SUMMIT.Quotation, SUMMIT.Membership}
    assert graph.value(SUMMIT.evidence, RDFS.range) == SUMMIT.Evidence


ALIGNMENTS = [
    (SUMMIT.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (SUMMIT.Organization, RDFS.subClassOf, ORG.Organization),
    (SUMMIT.Organization, RDFS.subClassOf, PROV.Organization),
    (SUMMIT.Company, RDFS.subClassOf, SUMMIT.Organization),
    (SUMMIT.Company, RDFS.subClassOf, SCHEMA.Corporation),
    (SUMMIT.GovernmentBody, RDFS.subClassOf, SUMMIT.Organization),
    (SUMMIT.GovernmentBody, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (SUMMIT.University, RDFS.subClassOf, SUMMIT.Organization),
    (SUMMIT.University, RDFS.subClassOf, SCHEMA.CollegeOrUniversity),
    (SUMMIT.ResearchInstitute, RDFS.subClassOf, SUMMIT.Organization),
    (SUMMIT.ResearchInstitute, RDFS.subClassOf, SCHEMA.ResearchOrganization),
    (SUMMIT.NewsOutlet, RDFS.subClassOf, SUMMIT.Organization),
    (SUMMIT.NewsOutlet, RDFS.subClassOf, SCHEMA.NewsMediaOrganization),
    (SUMMIT.Person, RDFS.subClassOf, SCHEMA.Person),
    (SUMMIT.Person, RDFS.subClassOf, PROV.Person),
    (SUMMIT.Event, RDFS.subClassOf, SCHEMA.Event),
    (SUMMIT.Pledge, RDFS.subClassOf, SCHEMA.CreativeWork),
    (SUMMIT.Pledge, RDFS.subClassOf, PROV.Entity),
    (SUMMIT.Commitment, RDFS.subClassOf, SCHEMA.CreativeWork),
    (SUMMIT.Declaration, RDFS.subClassOf, SCHEMA.CreativeWork),
    (SUMMIT.Declaration, RDFS.subClassOf, PROV.Entity),
    (SUMMIT.Quotation, RDFS.subClassOf, SCHEMA.Quotation),
    (SUMMIT.Quotation, RDFS.subClassOf, PROV.Entity),
    (SUMMIT.Place, RDFS.subClassOf, SCHEMA.Place),
    (SUMMIT.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (SUMMIT.Article, RDFS.subClassOf, PROV.Entity),
    (SUMMIT.Article, RDFS.subClassOf, DCTERMS.BibliographicResource),
    (SUMMIT.Membership, RDFS.subClassOf, ORG.Membership),
    (SUMMIT.Role, RDFS.subClassOf, ORG.Role),
    (SUMMIT.Evidence, RDFS.subClassOf, OA.SpecificResource),
    (SUMMIT.attended, OWL.inverseOf, SCHEMA.attendee),
    (SUMMIT.affiliatedWith, RDFS.subPropertyOf, SCHEMA.affiliation),
    (SUMMIT.affiliatedWith, RDFS.subPropertyOf, ORG.memberOf),
    (SUMMIT.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (SUMMIT.parentOrganization, RDFS.subPropertyOf, SCHEMA.parentOrganization),
    (SUMMIT.parentOrganization, RDFS.subPropertyOf, ORG.subOrganizationOf),
    (SUMMIT.hasCommitment, RDFS.subPropertyOf, SCHEMA.hasPart),
    (SUMMIT.speaker, RDFS.subPropertyOf, SCHEMA.creator),
    (SUMMIT.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
]


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].split('#')[1]}-{t[2]}")
def test_alignment(triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology_graph()


def test_files_use_only_declared_summit_terms() -> None:
    """A misspelt summit: IRI in either Turtle file would silently match nothing."""
    ns = str(SUMMIT._NS)
    declared = declared_summit_terms()
    for graph in (ontology_graph(), shapes_graph()):
        for triple in graph:
            for node in triple:
                if isinstance(node, URIRef) and str(node).startswith(ns):
                    assert str(node)[len(ns) :] in declared, node


# ---------------------------------------------------------------------------
# The shapes
# ---------------------------------------------------------------------------

VALID_TURTLE = """
@base <https://w3id.org/ai-seoul-summit/id/> .
@prefix summit: <https://w3id.org/ai-seoul-summit/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .

<article/c6224cea8f581afb> a summit:Article ;
    schema:headline "서울 AI 정상회의 개막"@ko ;
    schema:datePublished "2024-05-21T09:30:00+09:00"^^xsd:dateTime ;
    schema:publisher <news-outlet/yonhap> ;
    schema:inLanguage "ko" .

<news-outlet/yonhap> a summit:NewsOutlet ;
    rdfs:label "연합뉴스"@ko , "Yonhap News Agency"@en .

<company/samsung-electronics> a summit:Company ;
    rdfs:label "삼성전자"@ko , "Samsung Electronics"@en ;
    summit:signed <pledge/seoul-ai-business-pledge> .

<pledge/seoul-ai-business-pledge> a summit:Pledge ;
    rdfs:label "서울 AI 기업 서약"@ko , "Seoul AI Business Pledge"@en ;
    summit:statedSignatoryCount 14 .

<event/ai-seoul-summit> a summit:Event ;
    rdfs:label "AI 서울 정상회의"@ko , "AI Seoul Summit"@en ;
    schema:startDate "2024-05-21"^^xsd:date ;
    schema:endDate "2024-05-22"^^xsd:date ;
    schema:location <place/seoul> .

<event/ai-seoul-summit-leaders-session> a summit:Event ;
    rdfs:label "정상 세션"@ko ;
    schema:superEvent <event/ai-seoul-summit> .

<place/seoul> a summit:Place ;
    rdfs:label "서울"@ko , "Seoul"@en .

<person/jason-kwon> a summit:Person ;
    rdfs:label "제이슨 권"@ko , "Jason Kwon"@en .

<company/openai> a summit:Company ;
    rdfs:label "오픈AI"@ko , "OpenAI"@en .

<membership/jason-kwon-openai> a summit:Membership ;
    org:member <person/jason-kwon> ;
    org:organization <company/openai> ;
    org:role <role/chief-strategy-officer> ;
    summit:title "최고전략책임자"@ko , "Chief Strategy Officer"@en .

<role/chief-strategy-officer> a summit:Role .

<quotation/q1> a summit:Quotation ;
    summit:speaker <person/jason-kwon> ;
    schema:text "안전은 협력의 문제입니다"@ko ;
    summit:saidAt <event/ai-seoul-summit> ;
    summit:evidence <evidence/c6224cea8f581afb-2000-2030> .

<statement/signed-1> a rdf:Statement ;
    rdf:subject <company/samsung-electronics> ;
    rdf:predicate summit:signed ;
    rdf:object <pledge/seoul-ai-business-pledge> ;
    summit:evidence <evidence/c6224cea8f581afb-1590-1702> .

<statement/count-1> a rdf:Statement ;
    rdf:subject <pledge/seoul-ai-business-pledge> ;
    rdf:predicate summit:statedSignatoryCount ;
    rdf:object 14 ;
    summit:evidence <evidence/c6224cea8f581afb-1590-1702> .

<evidence/c6224cea8f581afb-1590-1702> a summit:Evidence , oa:SpecificResource ;
    oa:hasSource <article/c6224cea8f581afb> ;
    oa:hasSelector <evidence/c6224cea8f581afb-1590-1702-position> ,
        <evidence/c6224cea8f581afb-1590-1702-quote> .
<evidence/c6224cea8f581afb-1590-1702-position> a oa:TextPositionSelector ;
    oa:start "1590"^^xsd:nonNegativeInteger ;
    oa:end "1702"^^xsd:nonNegativeInteger .
<evidence/c6224cea8f581afb-1590-1702-quote> a oa:TextQuoteSelector ;
    oa:exact "서약에는 삼성전자를 비롯한 14개 기업이 참여했다" .

<evidence/c6224cea8f581afb-2000-2030> a summit:Evidence , oa:SpecificResource ;
    oa:hasSource <article/c6224cea8f581afb> ;
    oa:hasSelector <evidence/c6224cea8f581afb-2000-2030-position> ,
        <evidence/c6224cea8f581afb-2000-2030-quote> .
<evidence/c6224cea8f581afb-2000-2030-position> a oa:TextPositionSelector ;
    oa:start "2000"^^xsd:nonNegativeInteger ;
    oa:end "2030"^^xsd:nonNegativeInteger .
<evidence/c6224cea8f581afb-2000-2030-quote> a oa:TextQuoteSelector ;
    oa:exact "안전은 협력의 문제입니다" .
"""

ARTICLE = ID["article/c6224cea8f581afb"]
SAMSUNG = ID["company/samsung-electronics"]
OPENAI = ID["company/openai"]
PLEDGE = ID["pledge/seoul-ai-business-pledge"]
EVENT = ID["event/ai-seoul-summit"]
PERSON = ID["person/jason-kwon"]
MEMBERSHIP = ID["membership/jason-kwon-openai"]
QUOTATION = ID["quotation/q1"]
SIGNED_STATEMENT = ID["statement/signed-1"]
EVIDENCE = ID["evidence/c6224cea8f581afb-1590-1702"]
POSITION = ID["evidence/c6224cea8f581afb-1590-1702-position"]
QUOTE = ID["evidence/c6224cea8f581afb-1590-1702-quote"]


def valid_graph() -> Graph:
    """A small graph that follows the README's example and conforms to the shapes."""
    return Graph().parse(data=VALID_TURTLE, format="turtle")


def add_signed_fact(graph: Graph, subject: URIRef, obj: URIRef) -> None:
    """Assert ``subject summit:signed obj`` together with its statement and evidence."""
    statement = ID["statement/extra"]
    graph.add((subject, SUMMIT.signed, obj))
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, SUMMIT.signed))
    graph.add((statement, RDF.object, obj))
    graph.add((statement, SUMMIT.evidence, EVIDENCE))


def statement_without_evidence(graph: Graph) -> None:
    graph.remove((SIGNED_STATEMENT, SUMMIT.evidence, None))


def evidence_without_quote_selector(graph: Graph) -> None:
    graph.remove((EVIDENCE, OA.hasSelector, QUOTE))
    graph.remove((QUOTE, None, None))


def signed_object_is_person(graph: Graph) -> None:
    add_signed_fact(graph, SAMSUNG, PERSON)


def count_negative(graph: Graph) -> None:
    graph.set((PLEDGE, SUMMIT.statedSignatoryCount, Literal(-1)))


def article_with_two_dates(graph: Graph) -> None:
    graph.add((ARTICLE, SCHEMA.datePublished,
               Literal("2024-05-23T09:00:00+09:00", datatype=XSD.dateTime)))


def signer_is_person(graph: Graph) -> None:
    add_signed_fact(graph, PERSON, PLEDGE)


def offsets_typed_plain_integer(graph: Graph) -> None:
    graph.set((POSITION, OA.start, Literal(1590)))


def start_not_before_end(graph: Graph) -> None:
    graph.set((POSITION, OA.start, Literal(1800, datatype=XSD.nonNegativeInteger)))


def empty_quote(graph: Graph) -> None:
    graph.set((QUOTE, OA.exact, Literal("")))


def two_korean_labels(graph: Graph) -> None:
    graph.add((SAMSUNG, RDFS.label, Literal("삼성")))
    graph.add((SAMSUNG, RDFS.label, Literal("삼성전자 주식회사", lang="ko")))


def label_without_language(graph: Graph) -> None:
    graph.set((PLEDGE, RDFS.label, Literal("Seoul AI Business Pledge")))


def entity_without_label(graph: Graph) -> None:
    graph.remove((OPENAI, RDFS.label, None))


def negative_count(graph: Graph) -> None:
    graph.remove((ID["statement/count-1"], None, None))
    graph.set((PLEDGE, SUMMIT.statedSignatoryCount, Literal(-1)))


def date_published_without_zone(graph: Graph) -> None:
    graph.set(
        (ARTICLE, SCHEMA.datePublished, Literal("2024-05-21T09:30:00", datatype=XSD.dateTime))
    )


def quotation_without_speaker(graph: Graph) -> None:
    graph.remove((QUOTATION, SUMMIT.speaker, None))


def quotation_without_evidence(graph: Graph) -> None:
    graph.remove((QUOTATION, SUMMIT.evidence, None))


def membership_organization_is_person(graph: Graph) -> None:
    graph.set((MEMBERSHIP, ORG.organization, PERSON))


def membership_without_title(graph: Graph) -> None:
    graph.remove((MEMBERSHIP, SUMMIT.title, None))


def event_date_is_datetime(graph: Graph) -> None:
    graph.set(
        (EVENT, SCHEMA.startDate, Literal("2024-05-21T10:00:00+09:00", datatype=XSD.dateTime))
    )


def super_event_is_place(graph: Graph) -> None:
    graph.set((ID["event/ai-seoul-summit-leaders-session"], SCHEMA.superEvent, ID["place/seoul"]))


def source_is_not_article(graph: Graph) -> None:
    graph.set((EVIDENCE, OA.hasSource, ID["news-outlet/yonhap"]))


BROKEN: list[tuple[str, Callable[[Graph], None], str]] = [
    # The cases the brief asks for.
    ("statement_without_evidence", statement_without_evidence,
     "An rdf:Statement needs at least one summit:evidence"),
    ("evidence_without_quote_selector", evidence_without_quote_selector,
     "needs an oa:TextQuoteSelector among its oa:hasSelector values"),
    ("signed_object_is_person", signed_object_is_person,
     "The object of summit:signed must be a summit:Pledge."),
    ("count_negative", count_negative, "must be an xsd:integer of 0 or more"),
    ("article_with_two_dates", article_with_two_dates,
     "has at most one schema:datePublished"),
    # Further mistakes the shapes catch.
    ("signer_is_person", signer_is_person, "Only an organization"),
    ("offsets_typed_plain_integer", offsets_typed_plain_integer,
     "exactly one oa:start, typed xsd:nonNegativeInteger"),
    ("start_not_before_end", start_not_before_end, "must be smaller than its oa:end"),
    ("empty_quote", empty_quote, "non-empty oa:exact"),
    ("two_korean_labels", two_korean_labels, "more than one rdfs:label in the same language"),
    ("label_without_language", label_without_language, "must be a language-tagged string"),
    ("entity_without_label", entity_without_label, "needs at least one rdfs:label"),
    ("negative_count", negative_count, "must be an xsd:integer of 0 or more"),
    ("date_published_without_zone", date_published_without_zone, "must carry a time zone"),
    ("quotation_without_speaker", quotation_without_speaker, "exactly one summit:speaker"),
    ("quotation_without_evidence", quotation_without_evidence,
     "A summit:Quotation needs at least one summit:evidence"),
    ("membership_organization_is_person", membership_organization_is_person,
     "exactly one org:organization"),
    ("membership_without_title", membership_without_title, "at least one summit:title"),
    ("event_date_is_datetime", event_date_is_datetime,
     "at most one schema:startDate, of type xsd:date"),
    ("super_event_is_place", super_event_is_place, "schema:superEvent of a summit:Event must be"),
    ("source_is_not_article", source_is_not_article, "must be a summit:Article"),
]  # fmt: skip


def test_shapes_graph_parses() -> None:
    graph = shapes_graph()
    assert len(graph) > 0
    assert any(graph.subjects(RDF.type, SH.NodeShape))


def _property_shapes() -> set[Node]:
    graph = shapes_graph()
    return set(graph.objects(None, SH.property)) | set(graph.subjects(RDF.type, SH.PropertyShape))


def test_every_shape_constraint_has_a_message() -> None:
    graph = shapes_graph()
    shapes = _property_shapes() | set(graph.subjects(RDF.type, SH.NodeShape))
    assert len(shapes) > 40
    for shape in shapes:
        assert graph.value(shape, SH.message) is not None, shape


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def test_every_property_shape_applies_to_something() -> None:
    """A property shape with no target and no node shape using it would check nothing."""
    graph = shapes_graph()
    for shape in _property_shapes():
        used = any(graph.subjects(SH.property, shape))
        targeted = any(graph.value(shape, target) is not None for target in _TARGETS)
        assert used or targeted, shape


def test_valid_graph_conforms() -> None:
    conforms, text = validate(valid_graph())
    assert conforms, text


def test_pyshacl_with_the_ontology_as_ont_graph_agrees() -> None:
    """pySHACL's own way of mixing the ontology in (on a clone) gives the same verdict."""
    conforms, _graph, text = pyshacl.validate(
        valid_graph(),
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        allow_warnings=False,
    )
    assert conforms, text


def test_subclass_aware_sh_class_needs_the_ontology() -> None:
    """Without ont_graph, pySHACL cannot know that a summit:Company is a summit:Organization."""
    conforms, _graph, text = pyshacl.validate(
        valid_graph(), shacl_graph=shapes_graph(), inference="none", allow_warnings=False
    )
    assert not conforms
    assert "Only an organization" in text


@pytest.mark.parametrize(
    ("break_graph", "message"), [(b, m) for _, b, m in BROKEN], ids=[n for n, _, _ in BROKEN]
)
def test_broken_graph_fails(break_graph: Callable[[Graph], None], message: str) -> None:
    graph = valid_graph()
    break_graph(graph)
    conforms, text = validate(graph)
    assert not conforms
    assert message in text, text


def test_validate_leaves_graphs_unchanged() -> None:
    """validate() lends the graph the ontology's subclass axioms and takes them back,
    also when the graph fails, and keeps an axiom the graph held before."""
    graph = valid_graph()
    sizes = (len(graph), len(ontology_graph()), len(shapes_graph()))
    before = set(graph)
    validate(graph)
    assert set(graph) == before
    assert (len(graph), len(ontology_graph()), len(shapes_graph())) == sizes
    own = (SUMMIT.Company, RDFS.subClassOf, SUMMIT.Organization)
    graph.add(own)
    signer_is_person(graph)
    broken = set(graph)
    assert not validate(graph)[0]
    assert set(graph) == broken
    assert own in graph


def test_graphs_are_cached() -> None:
    assert ontology_graph() is ontology_graph()
    assert shapes_graph() is shapes_graph()
