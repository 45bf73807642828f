"""The seed article's facts against the hand-written gold (tests/data/dev/00_seed.json)."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.catalogue import load_catalogue
from kg.evaluate import extracted_facts, gold_facts
from kg.graph import ID, SCHEMA
from kg.model import Extraction
from ontology import SUMMIT


@pytest.mark.parametrize(
    "relation", ["signed", "attended", "affiliatedWith", "statedSignatoryCount"]
)
def test_seed_matches_gold_exactly(
    relation: str, seed_extraction: Extraction, seed_gold: dict[str, Any]
) -> None:
    want = gold_facts(seed_gold, relation, load_catalogue())
    got = extracted_facts(seed_extraction, relation)
    assert got == want, f"missing {sorted(want - got)}; extra {sorted(got - want)}"


def _labels(graph: Graph, node: URIRef, lang: str) -> set[str]:
    return {str(o) for o in graph.objects(node, RDFS.label) if getattr(o, "language", None) == lang}


def test_fourteen_business_pledge_signatories(seed_graph: Graph) -> None:
    pledge = ID["pledge/seoul-ai-business-pledge"]
    signers = {
        _labels(seed_graph, s, "en").pop() for s in seed_graph.subjects(SUMMIT.signed, pledge)
    }
    assert len(signers) == 14
    assert {"Samsung Electronics", "Anthropic", "LG AI Research", "Adobe"} <= signers
    assert seed_graph.value(pledge, SUMMIT.statedSignatoryCount) == Literal(14)


def test_frontier_count_kept_apart_from_named_signatories(seed_graph: Graph) -> None:
    pledge = ID["pledge/frontier-ai-safety-commitments"]
    named = set(seed_graph.subjects(SUMMIT.signed, pledge))
    assert len(named) == 4
    assert seed_graph.value(pledge, SUMMIT.statedSignatoryCount) == Literal(16)


def test_both_pledges_signed_by(seed_graph: Graph) -> None:
    business = set(seed_graph.subjects(SUMMIT.signed, ID["pledge/seoul-ai-business-pledge"]))
    frontier = set(seed_graph.subjects(SUMMIT.signed, ID["pledge/frontier-ai-safety-commitments"]))
    both = {_labels(seed_graph, s, "en").pop() for s in business & frontier}
    assert both == {"Samsung Electronics", "Google", "Microsoft"}


def test_spellings_resolve_to_one_entity(seed_graph: Graph) -> None:
    anthropic = ID["company/anthropic"]
    spellings = {str(o) for o in seed_graph.objects(anthropic, None) if isinstance(o, Literal)}
    assert {"엔트로픽", "앤트로픽", "Anthropic"} <= spellings
    lg = ID["company/lg-ai-research"]
    assert {"LG AI 연구소", "LG AI연구원"} <= {str(o) for o in seed_graph.objects(lg, None)}
    assert not any("엔트로픽" in str(s) for s in seed_graph.subjects())


def test_parents_are_linked_not_merged(seed_graph: Graph) -> None:
    assert (ID["company/naver-cloud"], SUMMIT.parentOrganization, ID["company/naver"]) in seed_graph
    assert (
        ID["company/google-deepmind"],
        SUMMIT.parentOrganization,
        ID["company/google"],
    ) in seed_graph
    assert (
        ID["person/tom-lue"],
        SUMMIT.affiliatedWith,
        ID["company/google-deepmind"],
    ) in seed_graph
    assert (ID["person/tom-lue"], SUMMIT.affiliatedWith, ID["company/google"]) not in seed_graph


def test_titles_as_written_with_english(seed_graph: Graph) -> None:
    memberships = set(seed_graph.subjects(RDF.type, SUMMIT.Membership))
    titles = {
        str(seed_graph.value(m, URIRef("http://www.w3.org/ns/org#member")).rsplit("/", 1)[-1]): {
            (str(t), t.language) for t in seed_graph.objects(m, SUMMIT.title)
        }
        for m in memberships
    }
    assert titles["jason-kwon"] == {("최고전략책임자", "ko"), ("Chief Strategy Officer", "en")}
    assert ("책임감 있는 AI 센터장", "ko") in titles["bae-soon-min"]


def test_people_labelled_in_usual_english_spelling(seed_graph: Graph) -> None:
    for key, english, korean in [
        ("han-duck-soo", "Han Duck-soo", "한덕수"),
        ("lee-jae-yong", "Lee Jae-yong", "이재용"),
        ("andrew-ng", "Andrew Ng", "앤드류 응"),
    ]:
        node = ID[f"person/{key}"]
        assert _labels(seed_graph, node, "en") == {english}
        assert _labels(seed_graph, node, "ko") == {korean}


def test_reporter_is_author_not_attendee(seed_graph: Graph) -> None:
    reporter = ID["person/so-mi-yeon"]
    article = next(seed_graph.subjects(RDF.type, SUMMIT.Article))
    assert seed_graph.value(article, SCHEMA.author) == reporter
    assert not list(seed_graph.objects(reporter, SUMMIT.attended))
    # the byline makes the reporter the outlet's reporter, and nothing else
    outlet = seed_graph.value(article, SCHEMA.publisher)
    assert set(seed_graph.objects(reporter, SUMMIT.affiliatedWith)) == {outlet}


def test_article_metadata(seed_graph: Graph) -> None:
    article = next(seed_graph.subjects(RDF.type, SUMMIT.Article))
    published = seed_graph.value(article, SCHEMA.datePublished)
    assert str(published) == "2024-05-22T14:00:30+09:00"
    assert "서울 AI 기업 서약" in str(seed_graph.value(article, SCHEMA.headline))
    assert str(seed_graph.value(article, SCHEMA.inLanguage)) == "ko"
    outlet = seed_graph.value(article, SCHEMA.publisher)
    assert "CWN" in " ".join(map(str, seed_graph.objects(outlet, RDFS.label)))


def test_video_address_and_quotations(seed_graph: Graph) -> None:
    lee = ID["person/lee-jae-yong"]
    assert (lee, SUMMIT.attended, ID["event/ai-seoul-summit"]) in seed_graph
    quotes = {
        (
            str(seed_graph.value(q, SUMMIT.speaker)).rsplit("/", 1)[-1],
            str(seed_graph.value(q, SUMMIT.saidAt)).rsplit("/", 1)[-1],
        )
        for q in seed_graph.subjects(RDF.type, SUMMIT.Quotation)
    }
    assert ("lee-jae-yong", "ai-seoul-summit") in quotes
    assert ("han-duck-soo", "ai-global-forum") in quotes
    assert ("lee-jong-ho", "ai-global-forum-opening-ceremony") in quotes
    for quote in seed_graph.subjects(RDF.type, SUMMIT.Quotation):
        assert seed_graph.value(quote, SCHEMA.text).language == "ko"


def test_events_dates_places_and_declaration(seed_graph: Graph) -> None:
    forum = ID["event/ai-global-forum"]
    assert str(seed_graph.value(forum, SCHEMA.startDate)) == "2024-05-22"
    assert seed_graph.value(forum, SCHEMA.location) == ID["place/kist"]
    assert seed_graph.value(forum, SCHEMA.organizer) == ID["government/korea"]
    ceremony = ID["event/ai-global-forum-opening-ceremony"]
    assert seed_graph.value(ceremony, SCHEMA.superEvent) == forum
    declaration = ID["declaration/seoul-declaration"]
    assert seed_graph.value(declaration, SUMMIT.adoptedAt) == ID["event/ai-seoul-summit"]


def test_pledge_has_its_three_commitments(seed_graph: Graph) -> None:
    pledge = ID["pledge/seoul-ai-business-pledge"]
    texts = {
        str(seed_graph.value(c, SCHEMA.text))
        for c in seed_graph.objects(pledge, SUMMIT.hasCommitment)
    }
    assert texts == {
        "책임있는 AI 개발 및 사용 보장",
        "AI의 지속가능한 발전과 혁신 추구",
        "AI의 공평한 혜택 보장",
    }
