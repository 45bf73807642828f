"""Push a build into a SPARQL 1.1 store that someone else runs, with the Graph Store Protocol.

Each article's named graph in ``DIR/kg.nq`` goes up as one HTTP ``PUT`` to
``GRAPH-STORE?graph=<IRI>`` (N-Triples), which replaces that graph whole on the server. A push
that stops halfway (the server went away, a timeout) is finished by running the same push
again: graphs already there are replaced by the same triples, none is stored twice, and none
is half-written, because a store applies a ``PUT`` in one transaction.

The union of the build (``DIR/kg.ttl``) goes last, by default as a named graph of its own,
`UNION_GRAPH`: a query over the whole corpus names it as its default graph
(``default-graph-uri=…/graph/union`` in the SPARQL protocol, or ``FROM <…/graph/union>``) and
gets the rows ``kg query`` gives, on any store. Stores differ in what a query without one sees:
Oxigraph's default graph is a graph of its own (``union="default"`` puts the union there);
Virtuoso's is every graph at once, with a fact repeated once per graph that states it.

The user name and password come from the environment (`ENV_USER`, `ENV_PASSWORD`), never
from the command line; the server's challenge picks Basic or Digest (Virtuoso uses Digest).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from kg.errors import PushError
from kg.formats import GRAPH_FILE, Format

if TYPE_CHECKING:
    import pyoxigraph

ENV_USER = "KG_PUSH_USER"
ENV_PASSWORD = "KG_PUSH_PASSWORD"
DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for the server to accept a connection or answer a request."""
UNION_GRAPH = "https://w3id.org/ai-seoul-summit/id/graph/union"
"""Where ``union="named"`` puts the union of the build (no article id is ``union``)."""

UnionMode = Literal["named", "default", "skip"]
UNION_MODES: tuple[UnionMode, ...] = ("named", "default", "skip")
Progress = Callable[[int, int, str], None]
NTRIPLES = "application/n-triples"
GRAPH_STORES = (
    "Oxigraph: …/store; Fuseki: …/DATASET/data; Virtuoso: …/sparql-graph-crud-auth; "
    "GraphDB or RDF4J: …/repositories/ID/rdf-graphs/service"
)


@dataclass
class PushReport:
    """What a push put on the server.

    Attributes:
        graph_store: the Graph Store Protocol endpoint the graphs went to.
        total: the graphs the push had to send (the articles' graphs, and the union unless
            skipped).
        pushed: the IRI of each graph the server confirmed, in order (``""`` for its
            default graph).
        triples: the triples in the confirmed graphs.
        bytes: the N-Triples bytes sent in confirmed requests.
        seconds: how long the push took.
    """

    graph_store: str
    total: int = 0
    pushed: list[str] = field(default_factory=list)
    triples: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        """Whether every graph of the build is on the server."""
        return len(self.pushed) == self.total


def graph_store_url(to: str, *, authenticated: bool = False) -> str:
    """The Graph Store Protocol endpoint of a store, from its SPARQL endpoint or address.

    Known layouts are recognised; any other URL is taken to be the endpoint itself.

    >>> graph_store_url("http://localhost:7878/query")        # Oxigraph
    'http://localhost:7878/store'
    >>> graph_store_url("http://db:8890/sparql", authenticated=True)  # Virtuoso
    'http://db:8890/sparql-graph-crud-auth'
    >>> graph_store_url("http://db:3030/corpus/sparql")      # Fuseki
    'http://db:3030/corpus/data'
    >>> graph_store_url("http://db:7200/repositories/kg")     # GraphDB, RDF4J
    'http://db:7200/repositories/kg/rdf-graphs/service'
    """
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(to)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if path in ("", "/query"):
        path = "/store"
    elif path == "/sparql":
        path += "-graph-crud-auth" if authenticated else "-graph-crud"
    elif head and last in ("sparql", "query"):
        path = f"{head}/data"
    elif head.endswith("/repositories"):
        path += "/rdf-graphs/service"
    return urlunsplit((parts.scheme, parts.netloc, path or "/", "", ""))


def credentials_from_env() -> tuple[str, str] | None:
    """The user name and password in `ENV_USER` and `ENV_PASSWORD`, or None when unset.

    Raises:
        PushError: only one of the two is set.
    """
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user is None and password is None:
        return None
    if user is None or password is None:
        missing = ENV_PASSWORD if password is None else ENV_USER
        raise PushError(f"{ENV_USER} and {ENV_PASSWORD} go together; {missing} is not set")
    return user, password


def push_build(
    out_dir: str | Path,
    to: str,
    *,
    graph_store: str | None = None,
    union: UnionMode = "named",
    credentials: tuple[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> PushReport:
    """Upload each article's named graph of a build, then its union, to a SPARQL 1.1 store.

    Args:
        out_dir: a build folder written by ``kg build --out``.
        to: the store's SPARQL endpoint or address; the Graph Store endpoint is found from it
            (`graph_store_url`) unless `graph_store` names it.
        graph_store: the store's Graph Store Protocol endpoint.
        union: ``named`` puts the union in `UNION_GRAPH`, ``default`` in the store's default
            graph, ``skip`` leaves it out.
        credentials: (user, password); by default from `ENV_USER` and `ENV_PASSWORD`.
        timeout: seconds to wait for the server at each step of a request.
        progress: called with (done, total, graph id) after each graph the server confirms.

    Returns:
        The `PushReport`, with every graph of the build pushed.

    Raises:
        PushError: the build cannot be read, or the server refused or failed a request; the
            message says how many graphs were pushed before, and the error's ``report`` lists
            them. Running the same push again finishes the job.

    >>> push_build("no-such-folder", "http://127.0.0.1:7878/query")
    Traceback (most recent call last):
    ...
    kg.errors.PushError: no-such-folder: no kg.nq in it; run `kg build --out no-such-folder` first
    """
    if union not in UNION_MODES:
        raise PushError(f"union={union!r}: use one of {', '.join(UNION_MODES)}")
    auth = credentials if credentials is not None else credentials_from_env()
    endpoint = _checked_url(graph_store or graph_store_url(to, authenticated=auth is not None))
    started = time.monotonic()
    with _open_build(Path(out_dir)) as (quads, turtle):
        names = _graph_names(quads)
        answers = _Credentials(endpoint, *auth) if auth is not None else None
        total = len(names) + (union != "skip")
        session = _Session(endpoint, timeout, answers, progress, PushReport(endpoint, total))
        for iri, triples in _named_graphs(quads):
            session.put(iri, triples)
        if union != "skip":
            session.put(UNION_GRAPH if union == "named" else "", _parse(turtle, Format.TURTLE))
    session.report.seconds = time.monotonic() - started
    return session.report


def _checked_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{url}: not an http:// or https:// URL of a store")
    if parts.username is not None or parts.password is not None:
        raise PushError(
            f"{parts.scheme}://…@{parts.hostname}: a user name or password in the "
            f"URL; put them in {ENV_USER} and {ENV_PASSWORD} instead"
        )
    return url


@contextlib.contextmanager
def _open_build(out_dir: Path) -> Iterator[tuple[IO[bytes], IO[bytes]]]:
    """Both files of one build, opened at once: a build that switches in meanwhile, or
    deletes this one, changes nothing of what is read."""
    nquads = out_dir / Format.NQUADS.value
    if not nquads.is_file():
        raise PushError(
            f"{out_dir}: no {Format.NQUADS.value} in it; run `kg build --out {out_dir}` first"
        )
    real = nquads.resolve()  # DIR/kg.nq links into the current build's own folder
    with contextlib.ExitStack() as files:
        try:
            opened = tuple(
                files.enter_context(path.open("rb")) for path in (real, real.parent / GRAPH_FILE)
            )
        except OSError as exc:
            raise PushError(f"{out_dir}: cannot read the build ({exc.strerror or exc})") from exc
        yield opened[0], opened[1]


def _parse(file: IO[bytes], fmt: Format) -> Iterator[pyoxigraph.Quad]:
    import pyoxigraph

    kind = pyoxigraph.RdfFormat.N_QUADS if fmt is Format.NQUADS else pyoxigraph.RdfFormat.TURTLE
    file.seek(0)
    try:
        yield from pyoxigraph.parse(file, format=kind)
    except SyntaxError as exc:
        raise PushError(f"{getattr(file, 'name', fmt.value)}: not readable ({exc})") from exc


def _graph_names(quads: IO[bytes]) -> list[str]:
    """The named graphs of an N-Quads file in order, checking that each one's quads are
    together (as `kg build` writes them), so that each can be sent while reading."""
    import pyoxigraph

    names: list[str] = []
    last: object = None
    for quad in _parse(quads, Format.NQUADS):
        if quad.graph_name != last:
            last = quad.graph_name
            if isinstance(last, pyoxigraph.NamedNode):
                if last.value in names:
                    raise PushError(
                        f"{quads.name}: the quads of graph <{last.value}> are not "
                        "together; push reads the kg.nq that `kg build` writes"
                    )
                names.append(last.value)
    return names


def _named_graphs(quads: IO[bytes]) -> Iterator[tuple[str, list[pyoxigraph.Quad]]]:
    """Each named graph with its quads; quads in the default graph (`kg build` writes none
    there) are left to the union."""
    import pyoxigraph

    graph: str | None = None
    members: list[pyoxigraph.Quad] = []
    for quad in _parse(quads, Format.NQUADS):
        name = quad.graph_name.value if isinstance(quad.graph_name, pyoxigraph.NamedNode) else None
        if name != graph:
            if graph is not None:
                yield graph, members
            graph, members = name, []
        members.append(quad)
    if graph is not None:
        yield graph, members


class _Credentials:
    """The Authorization header of a request, in the scheme the server's challenge asks for.

    Nothing is sent before the server asks, and only in the scheme it asks for: a Basic
    header sent ahead to a Digest server would hand it the password. A Digest challenge is
    fetched with a HEAD request before each graph (urllib's own handlers would upload each
    graph twice, and Virtuoso hangs up on the refused upload of a large one); once the server
    asked for Basic, the header goes with every request.
    """

    def __init__(self, endpoint: str, user: str, password: str) -> None:
        import base64
        import urllib.request

        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password)
        self.digest = urllib.request.AbstractDigestAuthHandler(passwords)
        self.basic_token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.basic: str | None = None
        self.challenges = True  # until a HEAD request comes back unchallenged

    def header(self, url: str, timeout: float) -> str | None:
        """The header for a PUT to `url`, asking the server for a challenge when needed."""
        import urllib.error
        import urllib.request

        if self.basic is not None or not self.challenges:
            return self.basic
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, method="HEAD"), timeout=timeout
            ):
                pass
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                return self.answer(url, exc.headers.get_all("WWW-Authenticate") or [])
        self.challenges = False
        return None

    def answer(self, url: str, challenges: list[str]) -> str | None:
        """The header that answers one of the server's challenges (Digest first)."""
        import urllib.request

        for challenge in sorted(challenges, key=lambda c: not c.lower().startswith("digest")):
            scheme, _, params = challenge.strip().partition(" ")
            if scheme.lower() == "digest":
                fields = urllib.request.parse_keqv_list(
                    [item for item in urllib.request.parse_http_list(params) if item]
                )
                put = urllib.request.Request(url, method="PUT")
                answer = self.digest.get_authorization(put, fields)
                if answer:
                    return f"Digest {answer}"
            elif scheme.lower() == "basic":
                self.basic = f"Basic {self.basic_token}"
                return self.basic
        return None


@dataclass
class _Session:
    """The requests of one push, and what the server confirmed so far."""

    endpoint: str
    timeout: float
    credentials: _Credentials | None
    progress: Progress | None
    report: PushReport

    def put(self, iri: str, quads: Iterator[pyoxigraph.Quad] | list[pyoxigraph.Quad]) -> None:
        """Replace the graph `iri` (``""``: the default graph) on the server with `quads`."""
        import urllib.parse

        import pyoxigraph

        triples = [quad.triple for quad in quads]
        body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        query = f"graph={urllib.parse.quote(iri, safe='')}" if iri else "default"
        self._send(f"{self.endpoint}?{query}", body, iri, len(triples))
        self.report.pushed.append(iri)
        self.report.triples += len(triples)
        self.report.bytes += len(body)
        if self.progress is not None:
            name = iri.rsplit("/", 1)[-1] or "default graph"
            self.progress(len(self.report.pushed), self.report.total, name)

    def _send(self, url: str, body: bytes, iri: str, count: int) -> None:
        import http.client
        import urllib.error
        import urllib.request

        headers = {"Content-Type": NTRIPLES}
        try:
            answer = self.credentials and self.credentials.header(url, self.timeout)
            while True:
                if answer:
                    headers["Authorization"] = answer
                try:
                    request = urllib.request.Request(url, body, headers, method="PUT")
                    with urllib.request.urlopen(request, timeout=self.timeout) as response:
                        response.read()
                    return
                except urllib.error.HTTPError as exc:
                    # Challenged only now (no HEAD before): answer once, uploading again.
                    if exc.code != 401 or answer or self.credentials is None:
                        raise
                    answer = self.credentials.answer(
                        url, exc.headers.get_all("WWW-Authenticate") or []
                    )
                    if not answer:
                        raise
        except urllib.error.HTTPError as exc:
            reason = _refusal(exc, iri, count, len(body), self.credentials is not None)
            raise self._failed(reason) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise self._failed(_broken(exc, self.timeout)) from exc

    def _failed(self, reason: str) -> PushError:
        done, total = len(self.report.pushed), self.report.total
        if not done:
            state = "nothing was pushed"
        else:
            state = (
                f"{done} of {total} graphs were pushed before; run the same push again to "
                "finish (each graph is replaced whole)"
            )
        return PushError(f"{self.endpoint}: {reason}; {state}", self.report)


def _refusal(exc: Exception, iri: str, count: int, size: int, authenticated: bool) -> str:
    """Why the server refused a graph, in a line that says what to do."""
    import http.client

    code = getattr(exc, "code", 0)
    graph = f"<{iri}>" if iri else "the default graph"
    if code == 401:
        if not authenticated:
            return (
                f"401 Unauthorized: the server wants a user name and password; set "
                f"{ENV_USER} and {ENV_PASSWORD}"
            )
        return (
            f"401 Unauthorized: the server refused the user name and password in "
            f"{ENV_USER} and {ENV_PASSWORD}"
        )
    if code == 403:
        return "403 Forbidden: the account may not write graphs (Virtuoso: grant SPARQL_UPDATE)"
    if code == 413:
        return (
            f"413: graph {graph} ({count} triples, {size / 1e6:.1f} MB) is too large for the "
            "server; raise its request size limit"
        )
    if code in (404, 405):
        return f"{code}: no Graph Store Protocol endpoint here; pass --graph-store ({GRAPH_STORES})"
    detail = ""
    with contextlib.suppress(
        OSError, http.client.HTTPException
    ):  # a courtesy: the code says enough
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())  # type: ignore[attr-defined]
    return f"{code} {getattr(exc, 'reason', '')} for graph {graph}" + (
        f": {detail}" if detail else ""
    )


def _broken(exc: BaseException, timeout: float) -> str:
    """A connection that failed or broke, as a line."""
    import http.client

    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s; a slow server needs a longer --timeout"
    if isinstance(reason, ConnectionRefusedError):
        return "cannot connect: connection refused (is the server up?)"
    if isinstance(reason, ConnectionError | EOFError | http.client.HTTPException):
        return "the server closed the connection before it confirmed the graph"
    return f"cannot reach the server ({getattr(reason, 'strerror', None) or reason})"
