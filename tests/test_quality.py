"""Extraction quality on the development set (tests/data/dev), and one graph for the corpus."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, RDFS, Graph

from kg.build import build_graph
from kg.evaluate import Score, evaluate, gold_paths
from kg.loader import seed_path
from ontology import SUMMIT

from .conftest import DEV

TARGETS = {"signed": 0.95, "attended": 0.9, "affiliatedWith": 0.85}


SETS = {
    "dev": DEV,
    "heldout": DEV.parent / "heldout",
    "unseen": DEV.parent / "unseen",
    "blind": DEV.parent / "blind",
    "fresh": DEV.parent / "fresh",
    "sealed": DEV.parent / "sealed",
    "untouched": DEV.parent / "untouched",
    "final": DEV.parent / "final",
}
# Every set after dev was written by a helper who had not seen the extractor; each README
# records its scores before any change made for it. These are tuned now and held to the
# targets. `tests/data/closing` was measured once and never tuned on; it is not held here, so
# that nobody tunes on it: its scores are in its README and in the project README.
FLOORS: dict[tuple[str, str], float] = {}
PRECISION = 0.97  # on every set (issue 9)


@pytest.fixture(scope="module", params=sorted(SETS))
def scores(request: pytest.FixtureRequest) -> tuple[str, dict[str, Score]]:
    return request.param, evaluate(gold_paths(SETS[request.param]))


@pytest.mark.parametrize("relation", sorted(TARGETS))
def test_f1_and_precision(relation: str, scores: tuple[str, dict[str, Score]]) -> None:
    name, by_relation = scores
    score = by_relation[relation]
    report = f"misses {score.misses}; extras {score.extras}"
    assert score.f1 >= FLOORS.get((name, relation), TARGETS[relation]), f"{name}: {report}"
    assert score.precision >= PRECISION, f"{name}: {report}"


def test_dev_set_covers_both_languages_and_many_articles() -> None:
    names = [p.name for p in gold_paths(DEV)]
    assert len(names) >= 13
    assert sum("_kr_" in n for n in names) >= 6 and sum("_en_" in n for n in names) >= 6


@pytest.fixture(scope="module")
def corpus() -> Graph:
    return build_graph([seed_path(), DEV]).graph


def test_corpus_has_each_entity_once(corpus: Graph) -> None:
    kinds = [SUMMIT.Company, SUMMIT.Person, SUMMIT.Pledge, SUMMIT.Event, SUMMIT.ResearchInstitute]
    labels: Counter[tuple[str, str]] = Counter()
    for kind in kinds:
        for node in set(corpus.subjects(RDF.type, kind)):
            for label in corpus.objects(node, RDFS.label):
                labels[(str(label).casefold(), label.language or "")] += 1
    duplicates = [label for label, count in labels.items() if count > 1]
    assert duplicates == []


def test_corpus_fact_carries_evidence_from_every_article_stating_it(corpus: Graph) -> None:
    from kg.why import explain

    reasons = explain(corpus, "Anthropic", "signed", "Seoul AI Business Pledge")
    articles = {r.article for r in reasons}
    assert len(articles) >= 4
    pledge_labels = {str(o) for o in corpus.objects(None, RDFS.label)}
    assert "Seoul AI Business Pledge" in pledge_labels


def test_every_test_article_builds_with_nothing_dropped() -> None:
    """Every article the project has (nine sets and the seed) builds: none fails, none loses a
    fact to the shapes, and their union conforms (issue 9: no article failing to build)."""
    folders = sorted(p for p in DEV.parent.iterdir() if p.is_dir())
    assert {"dev", "fresh", "closing"} <= {p.name for p in folders}
    build = build_graph([seed_path(), *folders])  # validates the union
    assert build.failures == []
    assert build.dropped == []
    assert len(build.articles) == 1 + sum(len(list(p.glob("*.txt"))) for p in folders)
