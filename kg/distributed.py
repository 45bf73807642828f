"""Extraction as a pure function of one article, and that function run on a Dask cluster.

`extract_article` turns one article into its named graph and needs nothing from any other
article: that is what lets the work spread over many machines. `extract_on_cluster` hands a
build's articles to the workers of a `dask.distributed` cluster and gives back their graphs
in input order, in the form `kg.build` merges, so that ``build_graph(..., scheduler=...)``
makes the same graph as a build on this machine. What stays here is what needs every
article at once: the union, one label per language (`kg.conform.settle`) and validation.

``dask.distributed`` is imported only when a cluster is used (``pip install
'ai-seoul-summit-kg[cluster]'``).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from kg.build import Plain, _extract, _Merged, _plain, _Terms
from kg.errors import KGError
from kg.graph import Triple, article_iri, graph_iri
from kg.loader import MAX_SIZE, Article, read_article

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL_HINT = "pip install 'ai-seoul-summit-kg[cluster]'"

CHUNK = 8
"""Articles per task at most: fewer tasks for the scheduler to track (it handles a few
thousand a second), yet enough tasks to keep every worker busy."""

IN_FLIGHT = 4
"""Tasks submitted ahead per worker thread: the workers never wait for the next article,
and this process never holds more than a window of results it cannot merge yet."""

LARGE = 1_000_000
"""A task whose articles hold more characters than this has them scattered to the cluster
first, not embedded in the task (Dask warns about task graphs of many megabytes)."""


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph, as extraction makes it before meeting any other article.

    Attributes:
        source: the article's file as given (the name in messages).
        article: the article's IRI (``…/id/article/<hash of its bytes>``).
        graph: the IRI of its named graph (``…/id/graph/<the same hash>``), as in ``kg.trig``
            and ``kg.nq``.
        triples: its triples. Labels are the article's own spellings; a build then keeps one
            ``rdfs:label`` per language across all articles and makes the rest
            ``skos:altLabel`` (`kg.conform.settle`), so a built named graph may differ there.
        dropped: what was left out because it would break the SHACL shapes, one reason each.
    """

    source: str
    article: URIRef
    graph: URIRef
    triples: tuple[Triple, ...]
    dropped: tuple[str, ...] = ()


def extract_article(
    article: str | Path | Article,
    *,
    encoding: str | None = None,
    max_size: int | None = MAX_SIZE,
) -> ArticleGraph:
    """Read and extract one article into its named graph; no other article is involved.

    Args:
        article: an article file, or an `Article` already read.
        encoding: the encoding of a file that is not UTF-8 (as `read_article`).
        max_size: refuse a file larger than this many bytes; None for no limit.

    Returns:
        The `ArticleGraph`: the same triples a build makes of this article alone.

    Raises:
        KGError: the file cannot be read (`ArticleError`), or extraction failed.

    >>> from kg.loader import seed_path
    >>> named = extract_article(seed_path())
    >>> named.graph.rsplit("/", 2)[-2], len(named.triples) > 900, named.dropped
    ('graph', True, ())
    """
    if not isinstance(article, Article):
        article = read_article(article, encoding=encoding, max_size=max_size)
    result = _extract(article)
    if isinstance(result, KGError):
        raise result
    triples, reasons = result
    iri = article_iri(article)
    return ArticleGraph(article.source, iri, graph_iri(iri), tuple(triples), tuple(reasons))


Outcome = tuple[list[Plain], list[str]] | KGError
"""What a worker sends back for one article: plain triples and dropped reasons, or its error."""


def _extract_plain(article: Article) -> Outcome:
    """`kg.build._extract` on a worker, with terms as plain strings (as `kg.build` workers
    send them: they pickle several times faster than rdflib terms). An unexpected error is
    this article's failure, so that one article never stops a long run on a cluster."""
    try:
        result = _extract(article)
    except Exception as exc:
        return KGError(f"{article.source}: failed on a Dask worker: {type(exc).__name__}: {exc}")
    if isinstance(result, KGError):
        return result
    return _plain(result[0]), result[1]


def _extract_chunk(articles: Sequence[Article]) -> list[Outcome]:
    """The task the workers run: each article of a chunk, in order."""
    return [_extract_plain(article) for article in articles]


def connect(address: str) -> Client:
    """A client of the Dask scheduler at `address`, once it has at least one worker.

    Waits as long as Dask's ``distributed.comm.timeouts.connect`` (30 s unless configured,
    e.g. ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``) for each.

    Raises:
        KGError: ``dask.distributed`` is not installed, or the scheduler cannot be reached
            or has no worker.
    """
    try:
        import dask.config
        from dask.utils import parse_timedelta
        from distributed import Client
    except ImportError as exc:
        raise KGError(f"running on a Dask cluster needs dask.distributed: {INSTALL_HINT}") from exc
    where = f"the Dask scheduler at {address}"
    try:
        client = Client(address, set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise KGError(f"cannot reach {where} ({_one_line(exc)})") from exc
    except Exception as exc:  # a bad address, or something else answering there
        raise KGError(f"cannot reach {where} ({type(exc).__name__}: {_one_line(exc)})") from exc
    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception as exc:
        client.close()  # type: ignore[no-untyped-call]
        raise KGError(f"{where} has no worker (waited {timeout:g} s)") from exc
    return client


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def extract_on_cluster(articles: Sequence[Article], address: str) -> Iterator[_Merged | KGError]:
    """Each article's triples, the new ones among them and what was dropped (or its error),
    in input order, extracted by the workers of the Dask cluster at `address`.

    Connects at once (so an unreachable scheduler fails before any work); the connection
    is closed when the iterator is exhausted or dropped. Each worker loads Kiwi once, on its
    first Korean article, and keeps it for every later task and build.

    Raises:
        KGError: the scheduler cannot be reached, or the connection to it was lost.
    """
    client = connect(address)
    return _ordered(client, articles, address)


def _ordered(
    client: Client, articles: Sequence[Article], address: str
) -> Iterator[_Merged | KGError]:
    terms = _Terms()
    try:
        threads = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
        size = max(1, min(CHUNK, len(articles) // (IN_FLIGHT * threads)))
        chunks = (articles[i : i + size] for i in range(0, len(articles), size))
        pending: deque[tuple[Future[Any], Sequence[Article]]] = deque()
        for chunk in chunks:
            pending.append((_submit(client, chunk), chunk))
            if len(pending) >= IN_FLIGHT * threads:
                break
        while pending:
            future, chunk = pending.popleft()
            following = next(chunks, None)
            if following is not None:
                pending.append((_submit(client, following), following))
            for outcome in _gather(client, future, chunk, address):
                yield (
                    outcome
                    if isinstance(outcome, KGError)
                    else (*terms.triples(outcome[0]), outcome[1])
                )
    finally:
        _close(client)


def _close(client: Client) -> None:
    """Close the connection. When the scheduler is gone, closing cancels the client's
    attempts to reconnect, which Dask logs as an error with a traceback; the build's own
    error already says what happened, in one line."""
    logger = logging.getLogger("distributed.client")
    level = logger.level
    if client.status != "running":
        logger.setLevel(logging.CRITICAL)
    try:
        client.close()  # type: ignore[no-untyped-call]
    finally:
        logger.setLevel(level)


def _submit(client: Client, chunk: Sequence[Article]) -> Future[Any]:
    argument: Any = list(chunk)
    if sum(len(article.text) for article in chunk) > LARGE:  # scattered as one piece of data
        [argument] = client.scatter([argument], hash=False)  # type: ignore[no-untyped-call]
    return client.submit(_extract_chunk, argument, pure=False)


def _gather(
    client: Client, future: Future[Any], chunk: Sequence[Article], address: str
) -> list[Outcome]:
    """The outcomes of one task. When the task itself failed (most often its worker was
    killed, out of memory, as many times as Dask retries it), each of its articles is tried
    alone, so the failure lands on the article that caused it."""
    try:
        return list(future.result())
    except Exception as exc:
        lost = _lost(client, exc, address)
        if lost is not None:
            raise lost from exc
        if len(chunk) > 1:
            return [
                outcome
                for article in chunk
                for outcome in _gather(client, _submit(client, [article]), [article], address)
            ]
        return [KGError(f"{chunk[0].source}: failed on the Dask cluster: {_worker_failure(exc)}")]


def _lost(client: Client, exc: Exception, address: str) -> KGError | None:
    """The error that ends the build when the scheduler went away, else None."""
    from concurrent.futures import CancelledError

    if client.status in ("running", "connecting") and not isinstance(exc, CancelledError):
        return None
    why = "" if isinstance(exc, CancelledError) else f" ({_one_line(exc)})"
    return KGError(
        f"lost the connection to the Dask scheduler at {address} before every "
        f"article was extracted{why}"
    )


def _worker_failure(exc: Exception) -> str:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return "its worker was killed each time it tried (most often because it ran out of memory)"
    return f"{type(exc).__name__}: {_one_line(exc)}"
