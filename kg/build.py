"""The whole flow for many articles: read, extract, map to RDF, merge, validate.

Each article's triples are kept as a graph of their own (a named graph in TriG and
N-Quads output); the union is what queries and the drawing use. The same entity gets
the same IRI in every article, so merging is a plain union.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import ArticleError, KGError, ValidationError
from kg.extract import extract_facts
from kg.graph import ID, PREDICATE_OF, Triple, Triples, article_iri, new_graph, to_triples
from kg.loader import Article, iter_article_paths, read_article, seed_path
from kg.model import Relation
from ontology import SUMMIT, validate

Progress = Callable[[int, int, str], None]


@dataclass
class Build:
    """The result of building one or more articles.

    Attributes:
        graph: the union of every article's graph.
        articles: the articles that built, in input order.
        graphs: each article's own triples, by the article's IRI.
        failures: (input name, error) for each article that did not build.
    """

    graph: Graph
    articles: list[Article] = field(default_factory=list)
    graphs: dict[URIRef, tuple[Triple, ...]] = field(default_factory=dict)
    failures: list[tuple[str, KGError]] = field(default_factory=list)

    def named_graphs(self) -> dict[URIRef, tuple[Triple, ...]]:
        """Each article's triples under its graph IRI (``…/id/graph/<article id>``)."""
        return {ID[f"graph/{iri.rsplit('/', 1)[-1]}"]: triples for iri, triples in self.graphs.items()}

    def dataset(self) -> Dataset:
        """The articles' graphs as named graphs of one dataset (for TriG and N-Quads)."""
        dataset = Dataset()
        for prefix, namespace in self.graph.namespaces():
            dataset.bind(prefix, namespace)
        for iri, triples in self.graphs.items():
            named = dataset.graph(ID[f"graph/{iri.rsplit('/', 1)[-1]}"])
            named.addN((s, p, o, named) for s, p, o in triples)
        return dataset

    def summary(self) -> dict[str, Counter[str]]:
        """Entities by class and facts by relation, as counts."""
        return summarize(self.graph)


def summarize(graph: Graph) -> dict[str, Counter[str]]:
    """Count the entities of each ontology class and the facts of each relation."""
    namespace = str(SUMMIT._NS)
    classes: Counter[str] = Counter()
    for _, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(namespace) and str(cls)[len(namespace) :] in _ENTITY_CLASSES:
            classes[str(cls)[len(namespace) :]] += 1
    facts: Counter[str] = Counter()
    for relation in Relation:
        count = sum(1 for _ in graph.triples((None, PREDICATE_OF[relation], None)))
        if count:
            facts[relation.value] = count
    return {"entities": classes, "facts": facts}


_ENTITY_CLASSES = {
    "Company",
    "GovernmentBody",
    "University",
    "ResearchInstitute",
    "NewsOutlet",
    "Organization",
    "Person",
    "Event",
    "Pledge",
    "Declaration",
    "Place",
    "Quotation",
    "Article",
}


PARALLEL_FROM = 40
MAX_WORKERS = 4


Plain = tuple[object, object, object]


def _read_one(job: tuple[Path, str | None]) -> tuple[Article, Triples] | KGError:
    """Read, extract and map one article; errors are returned, not raised (they cross processes)."""
    path, encoding = job
    try:
        article = read_article(path, encoding=encoding)
        return article, to_triples(article, extract_facts(article))
    except KGError as exc:
        return exc


def _plain(term: Node) -> object:
    if isinstance(term, Literal):
        return (str(term), term.language, str(term.datatype) if term.datatype else None)
    return str(term)


def _read_one_plain(job: tuple[Path, str | None]) -> tuple[Article, list[Plain]] | KGError:
    """`_read_one` for a worker process: terms travel as plain strings, which pickle
    several times faster than rdflib terms (their unpickling re-validates every IRI)."""
    result = _read_one(job)
    if isinstance(result, KGError):
        return result
    article, triples = result
    return article, [(_plain(s), _plain(p), _plain(o)) for s, p, o in triples]


class _Terms:
    """Turns plain terms back into rdflib terms, each distinct one made once."""

    def __init__(self) -> None:
        self.cache: dict[object, Node] = {}

    def term(self, plain: object) -> Node:
        term = self.cache.get(plain)
        if term is None:
            if isinstance(plain, str):
                term = URIRef(plain)
            else:
                text, lang, datatype = cast(tuple[str, "str | None", "str | None"], plain)
                term = Literal(text, lang=lang, datatype=URIRef(datatype) if datatype else None)
            self.cache[plain] = term
        return term

    def triples(self, plain: list[Plain]) -> tuple[Triple, ...]:
        term = self.term
        return tuple((term(s), term(p), term(o)) for s, p, o in plain)


@functools.cache
def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool kept for the life of the process, so its workers load Kiwi only once."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def build_graph(
    inputs: Sequence[str | Path] = (),
    *,
    encoding: str | None = None,
    check: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Build:
    """Build the graph of articles (files or folders); the bundled seed when none is given.

    Args:
        inputs: article files and folders of ``*.txt`` articles.
        encoding: force this encoding for every article.
        check: validate the union against the SHACL shapes.
        progress: called with (done, total, name) after each article.
        workers: processes that read and extract in parallel; by default one per core
            (at most `MAX_WORKERS`) from `PARALLEL_FROM` articles on, else none.

    Returns:
        The `Build`; articles that failed are listed in ``failures``.

    Raises:
        KGError: no article built (the first failure is raised), or the graph does
            not conform to the shapes (`ValidationError`).

    >>> build = build_graph()
    >>> build.summary()["facts"]["signed"]
    18
    """
    failures: list[tuple[str, KGError]] = []
    paths: list[Path] = []
    for item in inputs or [seed_path()]:
        try:
            paths.extend(iter_article_paths([item]))
        except ArticleError as exc:
            failures.append((str(item), exc))
    build = Build(graph=new_graph(), failures=failures)
    graph = build.graph
    jobs = [(path, encoding) for path in paths]
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(paths) >= PARALLEL_FROM else 1
    terms = _Terms()
    seen: set[Triple] = set()
    results: Iterable[tuple[Article, Iterable[Any]] | KGError]
    if workers > 1:
        results = _pool(workers).map(_read_one_plain, jobs, chunksize=8)
    else:
        results = map(_read_one, jobs)
    for done, (path, result) in enumerate(zip(paths, results, strict=True), start=1):
        if isinstance(result, KGError):
            build.failures.append((str(path), result))
        else:
            article, made = result
            triples = terms.triples(made) if workers > 1 else tuple(made)  # type: ignore[arg-type]
            build.articles.append(article)
            build.graphs[article_iri(article)] = triples
            fresh = [t for t in triples if t not in seen]  # entities recur in many articles
            seen.update(fresh)
            graph.addN((s, p, o, graph) for s, p, o in fresh)  # overlaps the workers
        if progress is not None:
            progress(done, len(paths), path.name)
    if not build.articles:
        raise build.failures[0][1] if build.failures else ArticleError("no article to build")
    if check:
        conforms, report = validate(build.graph)
        if not conforms:
            raise ValidationError("the graph does not conform to the SHACL shapes:\n" + report)
    return build
