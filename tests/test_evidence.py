"""Every fact points to the exact text that states it."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph

from kg.build import Build
from kg.graph import OA
from kg.loader import Article
from kg.why import explain
from ontology import SUMMIT, validate

FACT_PREDICATES = [
    SUMMIT.signed,
    SUMMIT.attended,
    SUMMIT.affiliatedWith,
    SUMMIT.statedSignatoryCount,
    SUMMIT.announcedAt,
    SUMMIT.adoptedAt,
    SUMMIT.hasCommitment,
]


def test_every_evidence_offset_points_at_its_quote(
    seed_graph: Graph, seed_article: Article
) -> None:
    evidence = list(seed_graph.subjects(RDF.type, SUMMIT.Evidence))
    assert len(evidence) > 10
    for node in evidence:
        selectors = list(seed_graph.objects(node, OA.hasSelector))
        position = next(
            s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in seed_graph
        )
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in seed_graph)
        start = int(seed_graph.value(position, OA.start))
        end = int(seed_graph.value(position, OA.end))
        assert seed_article.text[start:end] == str(seed_graph.value(quote, OA.exact))


@pytest.mark.parametrize("predicate", FACT_PREDICATES, ids=lambda p: p.rsplit("#", 1)[-1])
def test_every_fact_has_a_statement_with_evidence(seed_graph: Graph, predicate: object) -> None:
    facts = list(seed_graph.subject_objects(predicate))
    assert facts
    for subject, obj in facts:
        statements = [
            st
            for st in seed_graph.subjects(RDF.subject, subject)
            if (st, RDF.predicate, predicate) in seed_graph and (st, RDF.object, obj) in seed_graph
        ]
        assert len(statements) == 1, (subject, obj)
        assert list(seed_graph.objects(statements[0], SUMMIT.evidence))


def test_every_statement_describes_a_fact_in_the_graph(seed_graph: Graph) -> None:
    for statement in seed_graph.subjects(RDF.type, RDF.Statement):
        triple = (
            seed_graph.value(statement, RDF.subject),
            seed_graph.value(statement, RDF.predicate),
            seed_graph.value(statement, RDF.object),
        )
        assert triple in seed_graph


def test_quotations_carry_evidence_containing_their_words(seed_graph: Graph) -> None:
    from kg.graph import SCHEMA

    for quote in seed_graph.subjects(RDF.type, SUMMIT.Quotation):
        words = str(seed_graph.value(quote, SCHEMA.text))
        sentences = [
            str(seed_graph.value(sel, OA.exact))
            for ev in seed_graph.objects(quote, SUMMIT.evidence)
            for sel in seed_graph.objects(ev, OA.hasSelector)
            if seed_graph.value(sel, OA.exact) is not None
        ]
        assert any(words in s for s in sentences)


def test_seed_graph_conforms_to_shapes(seed_build: Build) -> None:
    conforms, report = validate(seed_build.graph)
    assert conforms, report


def test_why_a_fact_holds_gives_sentences_with_offsets(
    seed_graph: Graph, seed_article: Article
) -> None:
    reasons = explain(seed_graph, "Han Duck-soo", "attended", "AI 글로벌 포럼")
    assert len(reasons) == 2
    for reason in reasons:
        assert seed_article.text[reason.start : reason.end] == reason.text
    assert "축사" in reasons[1].text


def test_why_for_a_fact_not_held_is_empty(seed_graph: Graph) -> None:
    assert explain(seed_graph, "Meta", "signed", "Seoul AI Business Pledge") == []
