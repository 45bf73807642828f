"""The whole flow for many articles: read, extract, map to RDF, merge, validate.

Each article's triples are kept as a graph of their own (a named graph in TriG and
N-Quads output); the union is what queries and the drawing use. The same entity gets
the same IRI in every article, so merging is a plain union.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.catalogue import load_catalogue
from kg.conform import check_article, drop_from_articles, settle, trace, violations
from kg.errors import ArticleError, KGError, ValidationError
from kg.extract import extract_facts, text
from kg.formats import OUTPUTS, PAGE_FILE, STORE_DIR, Format
from kg.graph import (
    ID,
    PREDICATE_OF,
    Triple,
    Triples,
    article_iri,
    graph_iri,
    new_graph,
    to_triples,
)
from kg.loader import MAX_SIZE, Article, iter_article_paths, read_article, seed_path
from kg.model import Relation
from kg.outdir import Staging, pause_point
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
        dropped: (article file, reason) for each fact or label left out of an article that
            built, because it would have broken the SHACL shapes.
        extracted: each article's triples as extracted and checked alone, before merging
            (`kg add` merges them again with new articles: `kg.incremental`).
        sources: the input file of each article, by the article's IRI.
    """

    graph: Graph
    articles: list[Article] = field(default_factory=list)
    graphs: dict[URIRef, tuple[Triple, ...]] = field(default_factory=dict)
    failures: list[tuple[str, KGError]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    extracted: dict[URIRef, tuple[Triple, ...]] = field(default_factory=dict)
    sources: dict[URIRef, str] = field(default_factory=dict)
    changed: list[Triple] | None = None
    """When only some articles changed since a build that conformed (`kg add`, `kg remove`):
    the triples they stated, before and after; what they touch is all `write_build` validates."""

    def report(self, iri: URIRef, reason: str) -> None:
        """Note that something of the article `iri` was dropped, naming the article's file."""
        self.dropped.append((self.sources.get(iri, str(iri)), reason))

    def named_graphs(self) -> dict[URIRef, tuple[Triple, ...]]:
        """Each article's triples under its graph IRI (``…/id/graph/<article id>``)."""
        return _by_graph(self.graphs)

    def dataset(self) -> Dataset:
        """The articles' graphs as named graphs of one dataset (for TriG and N-Quads)."""
        dataset = Dataset()
        for prefix, namespace in self.graph.namespaces():
            dataset.bind(prefix, namespace)
        for iri, triples in self.graphs.items():
            named = dataset.graph(graph_iri(iri))
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


Checked = tuple[Triples, list[str]]
"""An article's triples, less what would break the shapes, and why each thing went."""


def _extract(article: Article) -> Checked | KGError:
    """Extract, map and check one article; errors are returned, not raised (they cross
    processes)."""
    try:
        triples = to_triples(article, extract_facts(article))
        return triples, check_article(triples)
    except KGError as exc:
        return exc
    except MemoryError:  # this article alone: the others may still fit
        return KGError(f"{article.source}: out of memory while reading it")


def _plain(triples: Triples) -> list[Plain]:
    """Triples as plain strings; a literal as (lexical form, language, datatype).

    Subjects and predicates are always IRIs (`kg.graph` makes no blank nodes).
    """
    plain: list[Plain] = []
    for s, p, o in triples:
        if type(o) is Literal:
            datatype = o.datatype
            value: object = (str(o), o.language, str(datatype) if datatype else None)
        else:
            value = str(o)
        plain.append((str(s), str(p), value))
    return plain


_FORKED_ARTICLES: Sequence[Article] = ()
"""The articles of the build in progress, inherited by the forked worker processes."""


def _worker_start() -> None:
    text.FORKED = True


def _extract_forked(index: int) -> tuple[list[Plain], list[str]] | KGError:
    """`_extract` in a worker process, for the article it inherited at ``index``. Terms
    travel back as plain strings, which pickle several times faster than rdflib terms
    (their unpickling re-validates every IRI)."""
    result = _extract(_FORKED_ARTICLES[index])
    if isinstance(result, KGError):
        return result
    return _plain(result[0]), result[1]


class _Terms:
    """Turns plain triples back into rdflib triples, each distinct term and triple made
    once; a triple met before is not fresh (entities recur in many articles)."""

    def __init__(self) -> None:
        self.cache: dict[object, Node] = {}
        self.made: dict[Plain, Triple] = {}

    def term(self, plain: object) -> Node:
        term = self.cache.get(plain)
        if term is None:
            if isinstance(plain, str):
                term = URIRef(plain)
            else:
                value, lang, datatype = cast(tuple[str, "str | None", "str | None"], plain)
                term = Literal(value, lang=lang, datatype=URIRef(datatype) if datatype else None)
            self.cache[plain] = term
        return term

    def triples(self, plain: list[Plain]) -> tuple[tuple[Triple, ...], list[Triple]]:
        made, term = self.made, self.term
        triples: list[Triple] = []
        fresh: list[Triple] = []
        for key in plain:
            triple = made.get(key)
            if triple is None:
                s, p, o = key
                triple = made[key] = (term(s), term(p), term(o))
                fresh.append(triple)
            triples.append(triple)
        return tuple(triples), fresh


_Merged = tuple[tuple[Triple, ...], list[Triple], list[str]]
"""An article's triples, those of them no earlier article had, and what was dropped."""


def _extract_all(articles: Sequence[Article], workers: int) -> Iterator[_Merged | KGError]:
    """Each article's triples (or its error), in order; in `workers` forked processes
    when there is more than one.

    The workers are forked after Kiwi is loaded, so they share its model (about 300 MiB)
    with this process instead of loading one each, and they inherit the articles, so
    only indices go out and plain triples come back.
    """
    if workers <= 1:
        seen: set[Triple] = set()
        for article in articles:
            result = _extract(article)
            if isinstance(result, KGError):
                yield result
            else:
                triples, reasons = result
                fresh = [t for t in triples if t not in seen]
                seen.update(fresh)
                yield tuple(triples), fresh, reasons
        return
    global _FORKED_ARTICLES
    if any(article.language == "ko" for article in articles):
        text.warm_korean()
    _FORKED_ARTICLES = articles
    terms = _Terms()
    context = multiprocessing.get_context("fork")
    # Frozen objects are never visited by the collector: in the workers, a collection
    # would otherwise write to every inherited object and copy the pages it shares.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
            for plain in pool.map(_extract_forked, range(len(articles)), chunksize=8):
                yield plain if isinstance(plain, KGError) else (*terms.triples(plain[0]), plain[1])
    except BrokenProcessPool as exc:
        raise KGError(
            "a worker process was killed before it finished (most often because the system "
            "ran out of memory); try --workers 1, or fewer or smaller articles"
        ) from exc
    finally:
        gc.unfreeze()
        _FORKED_ARTICLES = ()


def build_graph(
    inputs: Sequence[str | Path] = (),
    *,
    encoding: str | None = None,
    max_size: int | None = MAX_SIZE,
    check: bool = True,
    settled: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Build:
    """Build the graph of articles (files or folders); the bundled seed when none is given.

    Args:
        inputs: article files and folders of ``*.txt`` articles.
        encoding: the encoding of articles that are not UTF-8 (UTF-8 ones still decode).
        max_size: refuse (as a failure) an article file larger than this many bytes; None for
            no limit.
        check: validate the union against the SHACL shapes.
        settled: make the union meet what the shapes ask across articles (`kg.conform.settle`);
            without, ``graphs`` are the articles' triples as extracted and checked alone.
        progress: called with (done, total, name) after each article.
        workers: processes that extract in parallel (forked, sharing Kiwi); by default one per core
            (at most `MAX_WORKERS`) from `PARALLEL_FROM` articles on, else none.
        scheduler: the address of a Dask scheduler (``tcp://host:8786``): its cluster's
            workers extract the articles instead (`kg.distributed`), and `workers` is unused;
            the graph is the same.

    Returns:
        The `Build`; articles that failed are listed in ``failures``, and what was left out
        of an article because it would break the shapes (checked per article, and on the
        union, by `kg.conform`) in ``dropped``, with the article's file.

    Raises:
        KGError: no article built (the first failure is raised), the graph does
            not conform to the shapes (`ValidationError`), or the Dask scheduler cannot
            be reached.

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
    articles: list[Article] = []
    for path in paths:
        try:
            articles.append(read_article(path, encoding=encoding, max_size=max_size))
        except KGError as exc:
            failures.append((str(path), exc))
    build = Build(graph=new_graph(), failures=failures)
    graph = build.graph
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(articles) >= PARALLEL_FROM else 1
    if "fork" not in multiprocessing.get_all_start_methods():
        workers = 1  # workers share Kiwi and the articles by forking
    # Extraction and merging make no reference cycles (a build of the test data and the
    # benchmark corpus left none), so the cyclic collector is off meanwhile, here and in
    # the workers forked from here: its full passes over the growing graph cost about a
    # fifth of this process's time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if scheduler is None:
            results = _extract_all(articles, workers)
        else:
            from kg.distributed import extract_on_cluster

            results = extract_on_cluster(articles, scheduler)
        for done, (article, result) in enumerate(zip(articles, results, strict=True), start=1):
            if isinstance(result, KGError):
                build.failures.append((article.source, result))
            else:
                triples, fresh, reasons = result
                build.articles.append(article)
                build.graphs[article_iri(article)] = build.extracted[article_iri(article)] = triples
                build.sources[article_iri(article)] = article.source
                build.dropped.extend((article.source, reason) for reason in reasons)
                # Straight to the store: Graph.addN would check every term, made here already.
                graph.store.addN((s, p, o, graph) for s, p, o in fresh)
            if progress is not None:
                progress(done, len(articles), Path(article.source).name)
            if done == 1:
                pause_point("extract")
        if build.articles and settled:  # still without the collector: it would walk the graph
            settle(graph, build.graphs, build.report, preferred=catalogue_name)
    finally:
        if collecting:
            gc.enable()
    if not build.articles:
        raise build.failures[0][1] if build.failures else ArticleError("no article to build")
    if check:
        outcome = validate(build.graph)
        if not outcome[0]:
            repair(build, ValidationError(_NONCONFORMING + outcome[1]))
            verdict(*validate(build.graph))
    return build


def catalogue_name(node: Node, label: Literal) -> bool:
    """Whether `label` is the catalogue's own name for `node` (it stays the rdfs:label)."""
    entity = load_catalogue().entities.get(str(node)[len(str(ID)):])
    return entity is not None and str(label) in (entity.name_ko, entity.name_en)


def repair(build: Build, error: ValidationError) -> None:
    """Drop from the articles what the SHACL report blames for `error`, naming their files.

    The last resort, after the checks of `kg.conform`: runs pySHACL again for a report
    with the nodes and values, so it costs one more validation of the union.

    Raises:
        ValidationError: `error`, when the report blames nothing an article holds.
    """
    try:
        conforms, results = violations(build.graph)
    except Exception as exc:  # the validator itself failed: the first error says more
        raise error from exc
    drops = {} if conforms else trace(build.graph, results)
    if not drops:
        raise error
    drop_from_articles(build.graph, build.graphs, drops, build.report)
    settle(build.graph, build.graphs, build.report, preferred=catalogue_name)


_NONCONFORMING = "the graph does not conform to the SHACL shapes:\n"


def verdict(conforms: bool, report: str) -> None:
    """Raise `ValidationError` with the report when a graph does not conform."""
    if not conforms:
        raise ValidationError(_NONCONFORMING + report)


T = TypeVar("T")


class Background(Generic[T]):
    """A function's result, worked out in a forked process while this one goes on.

    The child inherits everything this process holds (the graph, loaded modules), so
    nothing is copied to start it; its result comes back pickled through a pipe. Where
    processes cannot be forked, the function runs at once, here.
    """

    def __init__(self, work: Callable[[], T], what: str) -> None:
        self._what = what
        self._outcome: tuple[bool, Any] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._outcome = (True, work())
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        gc.freeze()  # the child's collections would copy every page it shares
        try:
            self._process = context.Process(target=_work_into, args=(work, send, what), daemon=True)
            self._process.start()
        finally:
            gc.unfreeze()
        send.close()

    def result(self) -> T:
        """Wait for the result.

        Raises:
            KGError: the work raised one, failed otherwise, or the process died.
        """
        if self._outcome is None:
            try:
                self._outcome = self._receive.recv()
            except EOFError:
                self._outcome = (False, KGError(f"{self._what} {_ended(self._process)}"))
            finally:
                self.cancel()
        done, value = self._outcome
        if not done:
            raise value
        return cast(T, value)

    def cancel(self) -> None:
        """Stop the process, if it is still running."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None


def _work_into(work: Callable[[], Any], send: Any, what: str) -> None:
    try:
        send.send((True, work()))
    except KGError as exc:
        send.send((False, exc))
    except Exception as exc:  # any failure is an outcome the parent must hear
        send.send((False, KGError(f"{what} stopped: {failure(exc)}")))


def failure(exc: BaseException) -> str:
    """An unexpected error in a few words, never none ("out of memory", not "")."""
    if isinstance(exc, MemoryError):
        return "out of memory"
    return str(exc) or type(exc).__name__


def _ended(process: multiprocessing.process.BaseProcess | None) -> str:
    """How a process that sent no result ended: killed by a signal, or it exited."""
    code = None
    if process is not None:
        process.join(5)
        code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        why = " (most often because the system ran out of memory)" if name == "SIGKILL" else ""
        return f"was killed by {name} before it finished{why}"
    return "ended without a result" + (f" (exit code {code})" if code else "")


class Validation(Generic[T]):
    """SHACL validation of a graph in a forked process (`Background`), while this one goes on;
    then, in the same process and only if the graph conforms, `then` (``kg build`` draws
    the page there: one process validating and drawing beside this one writing keeps both
    cores busy, and no more than two processes hold memory of their own).

    `kg build` renames its outputs into place only once the graph is found to conform.
    The graph must not change until `result` has returned.
    """

    def __init__(self, graph: Graph, then: Callable[[], T] | None = None, *,
                 focus: Sequence[Node] | None = None) -> None:
        import pyshacl  # noqa: F401  (loaded once, here, for the child to inherit)

        self._work: Background[tuple[tuple[bool, str], T | None]] = Background(
            lambda: _validate_then(graph, then, focus), "validation"
        )

    def result(self) -> T | None:
        """Wait for the verdict, and return what `then` made.

        Raises:
            ValidationError: the graph does not conform, or validation crashed.
            KGError: `then` failed, or the process ended without a result (killed).
        """
        outcome, made = self._work.result()
        verdict(*outcome)
        return made

    def cancel(self) -> None:
        """Stop the validating process, if there is one still running."""
        self._work.cancel()


def _validate_then(graph: Graph, then: Callable[[], T] | None, focus: Sequence[Node] | None
                   ) -> tuple[tuple[bool, str], T | None]:
    pause_point("validate")
    try:
        outcome = validate(graph, focus=focus)
    except Exception as exc:  # a crash is a verdict too
        return (False, f"validation stopped: {failure(exc)}"), None
    return outcome, (then() if outcome[0] and then is not None else None)


def to_validate(build: Build) -> tuple[Graph, list[Node] | None]:
    """What of a build to validate, and the focus nodes (None: all).

    The whole union; or, when only some articles changed (``build.changed``), the nodes
    their triples name, each with everything the union says about it and the classes of
    the nodes it points to, which is all a shape looks at (no shape has a path longer than
    a value's class). Every other node was valid in the last build, and nothing about it
    changed: a change to what the union says about a node is a triple that names it.
    """
    if build.changed is None:
        return build.graph, None
    union = build.graph
    focus = sorted({node for triple in build.changed for node in (triple[0], triple[2])
                    if not isinstance(node, Literal)}, key=str)
    data = new_graph()
    add = data.add
    for node in focus:
        for _, p, o in union.triples((node, None, None)):
            add((node, p, o))
            if not isinstance(o, Literal):
                for cls in union.objects(o, RDF.type):
                    add((o, RDF.type, cls))
    return data, focus


MANIFEST = "build.json"
EXTRACTED = "extracted"
"""In a build's folder: an Oxigraph store of each article's triples as extracted, before
merging, one named graph each (for `kg add`: `kg.delta`)."""
_EXTRACTED_NQ = "extracted.nq"  # what the store `EXTRACTED` is loaded from, then deleted


def _by_graph(graphs: dict[URIRef, tuple[Triple, ...]]) -> dict[URIRef, tuple[Triple, ...]]:
    return {graph_iri(iri): triples for iri, triples in graphs.items()}


def write_build(build: Build, out_dir: str | Path) -> list[Path]:
    """Validate a build and write its outputs (`OUTPUTS`, and the Oxigraph store
    `STORE_DIR` loaded from them) into `out_dir`, all or none; with them, in the build's
    own folder, what `kg add` starts from: the store `EXTRACTED` of the articles' extracted
    graphs and, in the manifest, each article's file and the index of the named graphs.

    The graph is validated, and then the page drawn, in a forked process while this one
    writes the RDF files into a new folder of its own (`kg.outdir.Staging`); only when the
    graph conforms is the new folder switched into place, in one rename. What the SHACL
    report blames on an article is dropped from it (named in ``build.dropped``) and the
    files are written again. A failure leaves the outputs of the last build as they were.

    Returns:
        ``out_dir/<name>`` for each output.

    Raises:
        ValidationError: the graph does not conform, and no article is to blame.
        StoreError: `out_dir` cannot be written.
        KGError: the page cannot be drawn, or validation died.
    """
    from kg.draw import render_html
    from kg.splice import iter_named_keyed
    from kg.store import iter_named, iter_union, serialize

    with Staging(out_dir) as staging, ThreadPoolExecutor(1) as loader:
        for attempt in (1, 2):
            data, focus = to_validate(build)
            validation = Validation(data, then=lambda: render_html(build.graph).encode("utf-8"),
                                    focus=focus)
            stores: list[Future[Path]] = []
            index: dict[str, dict[str, list[int]]] = {}
            named = build.named_graphs()
            try:
                staging.write(Format.TURTLE.value, serialize(build.graph, Format.TURTLE))
                staging.write(Format.NQUADS.value, indexed(
                    iter_named_keyed(named, Format.NQUADS), index, Format.NQUADS.value))
                # Oxigraph loads the stores from the files without the GIL, while this
                # thread writes the rest
                stores.append(loader.submit(staging.write_store, STORE_DIR, Format.TURTLE.value,
                                            Format.NQUADS.value))
                staging.write(_EXTRACTED_NQ, iter_named(_by_graph(build.extracted),
                                                        Format.NQUADS))
                stores.append(loader.submit(staging.write_store, EXTRACTED, None, _EXTRACTED_NQ))
                staging.write(Format.JSONLD.value, iter_union(build.graph, Format.JSONLD))
                staging.write(Format.TRIG.value, indexed(
                    iter_named_keyed(named, Format.TRIG), index, Format.TRIG.value))
                for store in stores:
                    store.result()
                staging.forget(_EXTRACTED_NQ)
                page = validation.result() or b""
            except ValidationError as exc:
                if attempt == 2:
                    raise
                validation.cancel()
                repair(build, exc)
                continue
            finally:
                validation.cancel()
                wait(stores)  # never leave one writing into a folder that is retried
            staging.write(PAGE_FILE, page)
            break
        write_manifest(staging, len(build.graphs), len(build.graph), build.sources, index)
        return staging.commit((*OUTPUTS, STORE_DIR))


def indexed(chunks: Iterable[tuple[str | None, bytes | memoryview]],
            index: dict[str, dict[str, list[int]]], name: str) -> Iterator[bytes | memoryview]:
    """The chunks of a file of named graphs, noting in ``index[name]`` where each graph's
    chunk starts and how long it is."""
    where = index[name] = {}
    offset = 0
    for key, chunk in chunks:
        size = len(chunk)
        if key is not None:
            where[key] = [offset, size]
        offset += size
        yield chunk


def write_manifest(staging: Staging, articles: int, triples: int, sources: dict[URIRef, str],
                   index: dict[str, dict[str, list[int]]]) -> None:
    """Write ``build.json``: the build's id and size, each file's size and SHA-256, each
    article's file, and the index of the files of named graphs (`indexed`)."""
    manifest = {"build": staging.id, "articles": articles, "triples": triples,
                "files": {name: {"bytes": size, "sha256": digest}
                          for name, (size, digest) in staging.files.items()},
                "sources": {str(iri): os.path.abspath(source)
                            for iri, source in sorted(sources.items())},
                "index": index}
    staging.write(MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
