"""Many articles, both languages, one graph: named graphs, merging, English without Kiwi."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph

from kg.build import Build, build_graph
from kg.evaluate import extracted_facts
from kg.extract import extract_facts
from kg.loader import parse_article, read_article, seed_path
from kg.store import Format, serialize
from ontology import SUMMIT

from .conftest import DEV


@pytest.fixture(scope="module")
def corpus() -> Build:
    return build_graph([seed_path(), DEV])


def test_each_article_is_a_named_graph_in_trig_and_nquads(corpus: Build) -> None:
    articles = len(corpus.articles)
    assert articles == 15
    trig = Dataset()
    trig.parse(data=serialize(corpus.dataset(), Format.TRIG).decode(), format="trig")
    named = [g for g in trig.graphs() if len(g) and "graph/" in str(g.identifier)]
    assert len(named) == articles
    nquads = Dataset()
    nquads.parse(data=serialize(corpus.dataset(), Format.NQUADS).decode(), format="nquads")
    union = Graph()
    for s, p, o, _ in nquads.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(union) == len(corpus.graph)


def test_union_turtle_and_jsonld_read_back_as_the_same_graph(corpus: Build) -> None:
    from rdflib.compare import isomorphic

    for fmt, name in ((Format.TURTLE, "turtle"), (Format.JSONLD, "json-ld")):
        again = Graph().parse(data=serialize(corpus.graph, fmt).decode(), format=name)
        assert isomorphic(again, corpus.graph), name


def test_spellings_across_articles_are_kept_as_labels(corpus: Build) -> None:
    from rdflib import RDFS, SKOS

    from kg.graph import ID

    samsung = ID["company/samsung-electronics"]
    names = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in corpus.graph.objects(samsung, p)}
    assert {"삼성전자", "Samsung Electronics", "Samsung Electronics Co., Ltd."} <= names
    assert len(set(corpus.graph.subjects(RDF.type, SUMMIT.Pledge))) == 2


def test_english_articles_do_not_load_kiwi() -> None:
    code = (
        "import sys; from kg.build import build_graph; "
        f"build_graph([{str(DEV / '08_en_wire_partial.txt')!r}]); "
        "print('kiwipiepy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


ENGLISH = """Seoul AI pledge gains signatures

By Test Writer

SEOUL, May 22, 2024 - Five companies, including Naver, Kakao and Upstage Labs, signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.

"This is a start," said Mina Park, chief executive officer at Upstage Labs, who attended the forum.
"""


def test_english_partial_list_gives_named_signatories_and_count() -> None:
    extraction = extract_facts(parse_article(ENGLISH.encode(), source="en.txt"))
    signed = extracted_facts(extraction, "signed")
    pledge = "pledge/seoul-ai-business-pledge"
    assert {("company/naver", pledge), ("company/kakao", pledge)} <= signed
    assert any(org.startswith("company/upstage") for org, _ in signed)
    assert ("pledge/seoul-ai-business-pledge", "5") in extracted_facts(extraction, "statedSignatoryCount")
    people = {e.name_en: e.key for e in extraction.entities if e.key.startswith("person/")}
    assert (people["Mina Park"], "event/ai-global-forum") in extracted_facts(extraction, "attended")


def test_english_edit_removing_a_signatory_loses_it() -> None:
    edited = ENGLISH.replace("Naver, Kakao and", "Kakao and")
    signed = extracted_facts(extract_facts(parse_article(edited.encode(), source="en.txt")), "signed")
    assert ("company/naver", "pledge/seoul-ai-business-pledge") not in signed
    assert ("company/kakao", "pledge/seoul-ai-business-pledge") in signed


def test_expected_to_attend_is_not_attendance_in_english() -> None:
    text = ENGLISH.replace("who attended the forum", "who is expected to attend the forum")
    attended = extracted_facts(extract_facts(parse_article(text.encode(), source="en.txt")), "attended")
    assert attended == set()


def test_investor_is_not_a_signatory() -> None:
    text = ENGLISH.replace("Upstage Labs, signed", "Upstage Labs, which is backed by Nvidia, signed")
    signed = extracted_facts(extract_facts(parse_article(text.encode(), source="en.txt")), "signed")
    assert not any(org == "company/nvidia" for org, _ in signed)


def test_seed_read_twice_gives_identical_graphs() -> None:
    from rdflib.compare import isomorphic

    first = build_graph([seed_path()]).graph
    second = build_graph([read_article(seed_path()).source]).graph
    assert isomorphic(first, second)
    assert Path(seed_path()).is_file()


def test_parallel_build_gives_the_same_graph_as_one_process(corpus: Build) -> None:
    from rdflib.compare import isomorphic

    parallel = build_graph([seed_path(), DEV], workers=2)
    assert [a.id for a in parallel.articles] == [a.id for a in corpus.articles]
    assert isomorphic(parallel.graph, corpus.graph)
    assert parallel.named_graphs().keys() == corpus.named_graphs().keys()
    for name, triples in corpus.named_graphs().items():
        assert set(parallel.named_graphs()[name]) == set(triples)


def test_validation_in_a_forked_process_gives_the_verdict() -> None:
    from rdflib import RDFS, Literal

    from kg.build import Validation
    from kg.errors import ValidationError

    graph = build_graph([seed_path()], check=False).graph
    Validation(graph).result()  # the seed conforms
    samsung = next(s for s in graph.subjects(RDF.type, SUMMIT.Company) if "samsung" in str(s))
    graph.add((samsung, RDFS.label, Literal("Samsung, again", lang="en")))
    with pytest.raises(ValidationError, match="more than one rdfs:label in the same language"):
        Validation(graph).result()
