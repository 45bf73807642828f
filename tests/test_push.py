"""`kg push`: a build's named graphs into a SPARQL 1.1 store with the Graph Store Protocol.

Faults (server down, dying halfway, slow, 401, 413, no endpoint) are played by a small
Graph Store on 127.0.0.1 in a thread. The real stores are the Oxigraph server and Debian's
Virtuoso, each started by the tests on free ports of 127.0.0.1 with a database in a
temporary folder, and killed in teardown; without them these tests skip, and fail under CI
(the environment variable CI set), where `.ci/run` installs Virtuoso.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.build import build_graph, write_build
from kg.cli import main
from kg.errors import PushError
from kg.push import ENV_PASSWORD, ENV_USER, UNION_GRAPH, push_build
from kg.query import ParamKind, named_queries, run_query
from kg.store import load_graph
from kg.why import relation_property, resolve
from ontology import ID_BASE

DEV = Path(__file__).parent / "data" / "dev"
START_TIMEOUT = 60.0  # seconds a server may take to come up (Virtuoso makes its database)
# Every named query without parameters, and each parameterised one with a value.
CASES: list[tuple[str, dict[str, str]]] = [
    *((name, {}) for name in sorted(named_queries())),
    ("signatories", {"pledge": "Seoul AI Business Pledge"}),
    ("signatory-people", {"pledge": "Frontier AI Safety Commitments"}),
    ("attendees", {"event": "AI Global Forum"}),
    ("quotes", {"person": "Andrew Ng"}),
    (
        "evidence",
        {
            "subject": "Samsung Electronics",
            "relation": "signed",
            "object": "Seoul AI Business Pledge",
        },
    ),
]


# --- the build, and what it holds ---------------------------------------------------------


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("push") / "out"
    write_build(build_graph([DEV]), out)
    return out


@pytest.fixture(scope="module")
def expected(build_dir: Path) -> dict[str, set[pyoxigraph.Triple]]:
    """Each graph a push should leave on the server: the articles' graphs and the union."""
    graphs: dict[str, set[pyoxigraph.Triple]] = {}
    for quad in pyoxigraph.parse(path=build_dir / "kg.nq"):
        name = quad.graph_name
        assert isinstance(name, pyoxigraph.NamedNode), name  # kg build writes named graphs only
        graphs.setdefault(name.value, set()).add(quad.triple)
    graphs[UNION_GRAPH] = {quad.triple for quad in pyoxigraph.parse(path=build_dir / "kg.ttl")}
    return graphs


@pytest.fixture(scope="module")
def local(build_dir: Path) -> Graph:
    return load_graph(build_dir / "kg.ttl")


def triples(body: bytes) -> set[pyoxigraph.Triple]:
    return {quad.triple for quad in pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES)}


def push(build_dir: Path, url: str, *extra: str) -> int:
    return main(["push", "--to", url, "--out", str(build_dir), "--quiet", *extra])


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("kg push: error: "), err
    return err


# --- a Graph Store on 127.0.0.1 that fails on purpose -------------------------------------


class FakeStore:
    """A Graph Store endpoint at ``/store`` in a thread, keeping each PUT's body by graph.

    Args:
        graphs: the stored graphs (shared with an earlier instance: a store that restarted).
        user: answer 401 (Basic) to a request without this user and `password`.
        limit: answer 413 to a body longer than this.
        delay: wait this long before answering.
        die_after: once this many graphs are stored, read half of the next body and hang up.
    """

    def __init__(
        self,
        graphs: dict[str, bytes] | None = None,
        *,
        user: str | None = None,
        password: str = "",
        limit: int | None = None,
        delay: float = 0.0,
        die_after: int | None = None,
    ) -> None:
        self.graphs = {} if graphs is None else graphs
        self.puts: list[tuple[str, str]] = []  # (graph, Content-Type) of every PUT received
        self.authorizations: list[str | None] = []  # the Authorization header of every PUT
        self.token = base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        self.limit, self.delay, self.die_after = limit, delay, die_after
        self.released = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_PUT(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
                graph = query["graph"][0] if "graph" in query else ""
                store.puts.append((graph, self.headers.get("Content-Type", "")))
                store.authorizations.append(self.headers.get("Authorization"))
                length = int(self.headers["Content-Length"])
                if store.delay:
                    store.released.wait(store.delay)
                if url.path != "/store":
                    return self.answer(404, length)
                if store.token and self.headers.get("Authorization") != f"Basic {store.token}":
                    return self.answer(401, length, {"WWW-Authenticate": 'Basic realm="kg"'})
                if store.limit is not None and length > store.limit:
                    return self.answer(413, length)
                if store.die_after is not None and len(store.graphs) >= store.die_after:
                    self.rfile.read(length // 2)
                    self.close_connection = True
                    return None  # no answer: the connection drops halfway through the graph
                body = self.rfile.read(length)
                created = graph not in store.graphs
                store.graphs[graph] = body
                return self.answer(201 if created else 204, 0)

            def answer(self, code: int, unread: int, headers: dict[str, str] | None = None) -> None:
                self.rfile.read(unread)
                self.send_response(code)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler


@pytest.fixture
def fake() -> Iterator[type[FakeStore]]:
    started: list[FakeStore] = []

    class Started(FakeStore):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            started.append(self)

    yield Started
    for store in started:
        store.close()


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_USER, raising=False)
    monkeypatch.delenv(ENV_PASSWORD, raising=False)


def test_each_article_graph_and_the_union_go_up_whole_as_n_triples(
    build_dir: Path,
    expected: dict[str, set[pyoxigraph.Triple]],
    fake: type[FakeStore],
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = fake()
    assert main(["push", "--to", store.url, "--out", str(build_dir)]) == 0
    assert {graph: triples(body) for graph, body in store.graphs.items()} == expected
    assert [graph for graph, _ in store.puts][-1] == UNION_GRAPH  # the union last
    assert {kind for _, kind in store.puts} == {"application/n-triples"}
    out = capsys.readouterr().out
    assert f"Pushed {len(expected)} graphs" in out and f"{store.url}/store" in out


def test_the_union_can_go_to_the_default_graph_or_be_left_out(
    build_dir: Path, expected: dict[str, set[pyoxigraph.Triple]], fake: type[FakeStore]
) -> None:
    store = fake()
    assert push(build_dir, store.url, "--union", "default") == 0
    assert triples(store.graphs.pop("")) == expected[UNION_GRAPH]
    assert set(store.graphs) == set(expected) - {UNION_GRAPH}
    skipped = fake()
    assert push(build_dir, skipped.url, "--union", "skip") == 0
    assert set(skipped.graphs) == set(expected) - {UNION_GRAPH}
    assert UNION_GRAPH.startswith(ID_BASE + "graph/")  # beside the articles' graphs


def test_a_server_that_is_down_is_named_and_nothing_is_claimed(
    build_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert push(build_dir, f"http://127.0.0.1:{port}/query") == 1
    captured = capsys.readouterr()
    err = one_line(captured.err)
    assert f"http://127.0.0.1:{port}/store" in err and "connection refused" in err
    assert "nothing was pushed" in err and captured.out == ""


def test_a_server_that_dies_halfway_is_finished_by_a_rerun(
    build_dir: Path,
    expected: dict[str, set[pyoxigraph.Triple]],
    fake: type[FakeStore],
    capsys: pytest.CaptureFixture[str],
) -> None:
    dying = fake(die_after=5)
    with pytest.raises(PushError) as failed:
        push_build(build_dir, dying.url)
    assert failed.value.report is not None and len(failed.value.report.pushed) == 5
    assert f"5 of {len(expected)} graphs were pushed" in str(failed.value)
    assert "run the same push again" in str(failed.value)
    # The sixth graph was cut off halfway: the server holds the five it confirmed, whole.
    assert len(dying.puts) == 6 and set(dying.graphs) == set(failed.value.report.pushed)
    assert all(triples(body) == expected[graph] for graph, body in dying.graphs.items())
    restarted = fake(dying.graphs)
    assert push(build_dir, restarted.url) == 0, capsys.readouterr().err
    assert {graph: triples(body) for graph, body in restarted.graphs.items()} == expected


def test_a_slow_server_is_given_up_on_after_the_timeout(
    build_dir: Path, fake: type[FakeStore], capsys: pytest.CaptureFixture[str]
) -> None:
    store = fake(delay=30)
    assert push(build_dir, store.url, "--timeout", "0.5") == 1
    err = one_line(capsys.readouterr().err)
    assert "no answer within 0.5 s" in err and "--timeout" in err
    assert "nothing was pushed" in err


def test_401_says_to_set_the_environment_variables(
    build_dir: Path,
    fake: type[FakeStore],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = fake(user="curator", password="s3cret-pw")
    assert push(build_dir, store.url) == 1
    err = one_line(capsys.readouterr().err)
    assert "401" in err and ENV_USER in err and ENV_PASSWORD in err and "set" in err
    monkeypatch.setenv(ENV_USER, "curator")
    monkeypatch.setenv(ENV_PASSWORD, "wrong")
    assert push(build_dir, store.url) == 1
    assert "refused the user name and password" in one_line(capsys.readouterr().err)
    monkeypatch.setenv(ENV_PASSWORD, "s3cret-pw")
    store.authorizations.clear()
    assert push(build_dir, store.url) == 0
    assert store.graphs
    # The password goes only once the server asked for it; then with every graph.
    assert store.authorizations[0] is None
    assert all(header and header.startswith("Basic ") for header in store.authorizations[1:])
    assert len(store.authorizations) == len(store.graphs) + 1


def test_413_names_the_graph_that_is_too_large(
    build_dir: Path,
    expected: dict[str, set[pyoxigraph.Triple]],
    fake: type[FakeStore],
    capsys: pytest.CaptureFixture[str],
) -> None:
    sizes = fake()
    assert push(build_dir, sizes.url) == 0
    largest_article = max(len(body) for graph, body in sizes.graphs.items() if graph != UNION_GRAPH)
    store = fake(limit=largest_article)
    assert push(build_dir, store.url) == 1
    err = one_line(capsys.readouterr().err)
    assert "413" in err and f"<{UNION_GRAPH}>" in err and "too large for the server" in err
    assert f"{len(expected) - 1} of {len(expected)} graphs were pushed" in err


def test_no_graph_store_at_the_url_suggests_graph_store(
    build_dir: Path, fake: type[FakeStore], capsys: pytest.CaptureFixture[str]
) -> None:
    store = fake()
    assert push(build_dir, store.url + "/ds/data/") == 1
    assert "404" in one_line(capsys.readouterr().err) and not store.graphs
    assert (
        push(build_dir, "http://ignored.invalid/query", "--graph-store", store.url + "/store") == 0
    )
    assert store.graphs


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "http://curator:s3cret-pw@127.0.0.1:9/query"], ENV_PASSWORD),
        (["--to", "ftp://127.0.0.1/store"], "not an http"),
    ],
)
def test_credentials_never_come_from_the_command_line(
    build_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["push", *args, "--out", str(build_dir)]) == 1
    err = one_line(capsys.readouterr().err)
    assert message in err and "s3cret-pw" not in err


def test_help_names_the_environment_variables_and_takes_no_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["push", "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert ENV_USER in text and ENV_PASSWORD in text and UNION_GRAPH in text
    assert "--password" not in text and "--user" not in text


def test_a_folder_without_a_build_says_to_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["push", "--to", "http://127.0.0.1:9/query", "--out", str(tmp_path)]) == 1
    assert "kg build --out" in one_line(capsys.readouterr().err)


# --- real servers -----------------------------------------------------------------------


def require(program: str, install: str) -> str:
    path = shutil.which(program)
    if path is None:
        reason = f"no {program} on PATH ({install})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the push tests against real stores: {reason}")
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A store's process on 127.0.0.1, started for one test and always killed after it."""

    def __init__(self, command: list[str], ready: str, cwd: Path) -> None:
        self.log = (cwd / "server.log").open("wb")
        self.process = subprocess.Popen(
            command, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(ready, timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        log = (cwd / "server.log").read_text(errors="replace")[-2000:]
        pytest.fail(f"{command[0]} did not come up at {ready}:\n{log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def oxigraph(location: Path, servers: list[Server]) -> str:
    binary = require("oxigraph", "pip install oxigraph")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    location.mkdir(exist_ok=True)
    servers.append(
        Server(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            f"{url}/query?query=ASK%7B%7D",
            location,
        )
    )
    return url


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def virtuoso(folder: Path, servers: list[Server]) -> str:
    binary = require("virtuoso-t", "apt-get install virtuoso-opensource")
    http = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=folder, sql=free_port(), http=http))
    url = f"http://127.0.0.1:{http}"
    servers.append(Server([binary, "-f", "-c", str(ini)], f"{url}/sparql?query=ASK%7B%7D", folder))
    return url


def with_values(text: str, bindings: dict[str, Identifier]) -> str:
    """The query with its parameters bound by a VALUES block at the head of its WHERE group,
    where they are in scope everywhere, as rdflib's initBindings are."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    head, where, rest = text.partition("WHERE {")
    assert where, text
    return f"{head}{where} VALUES ({names}) {{ ({values}) }}{rest}"


def bindings_for(graph: Graph, name: str, params: dict[str, str]) -> dict[str, Identifier]:
    query = named_queries()[name]
    kinds = {parameter.name: parameter.kind for parameter in query.parameters}
    bound: dict[str, Identifier] = {
        key: relation_property(value) if kinds[key] is ParamKind.RELATION else resolve(graph, value)
        for key, value in params.items()
    }
    return bound


# Oxigraph stores a literal of a type derived from xsd:integer (the evidence offsets are
# xsd:nonNegativeInteger) as xsd:integer: the same number, compared as such.
INTEGERS = {
    str(XSD[name])
    for name in (
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


def same_number(node: Node | None) -> Node | None:
    if isinstance(node, Literal) and str(node.datatype) in INTEGERS:
        return Literal(str(node), datatype=XSD.integer)
    return node


def same_numbers(found: set[pyoxigraph.Triple]) -> set[pyoxigraph.Triple]:
    integer = pyoxigraph.NamedNode(str(XSD.integer))
    return {
        pyoxigraph.Triple(
            t.subject, t.predicate, pyoxigraph.Literal(t.object.value, datatype=integer)
        )
        if isinstance(t.object, pyoxigraph.Literal) and t.object.datatype.value in INTEGERS
        else t
        for t in found
    }


def term(value: dict[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    datatype = value.get("datatype")
    if datatype == str(XSD.string):
        datatype = None
    return Literal(value["value"], lang=value.get("xml:lang"), datatype=datatype)


def remote_rows(
    endpoint: str, text: str, default_graph: str | None
) -> tuple[tuple[str, ...], Counter[tuple[Node | None, ...]]]:
    form = {"query": text} | ({"default-graph-uri": default_graph} if default_graph else {})
    request = urllib.request.Request(
        f"{endpoint}?{urllib.parse.urlencode(form)}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        result = json.load(response)
    variables = tuple(result["head"]["vars"])
    rows = Counter(
        tuple(term(b[v]) if v in b else None for v in variables)
        for b in result["results"]["bindings"]
    )
    return variables, rows


def assert_same_rows(endpoint: str, local: Graph, default_graph: str | None) -> None:
    """Every named query (with parameters where it takes them) gives the same rows from the
    server as `kg query` gives from kg.ttl."""
    for name, params in CASES:
        result = run_query(local, name, params=params, lang="en")
        bound = bindings_for(local, name, params)
        # The display language goes in as a constant: Virtuoso does not see a VALUES variable
        # in the FILTER of an OPTIONAL (attendees picks the title in ?lang with one).
        text = with_values(re.sub(r"[?$]lang\b", '"en"', named_queries()[name].text), bound)
        variables, rows = remote_rows(endpoint, text, default_graph)
        assert variables == result.variables, name
        assert len(result.rows) > 0, f"{name} {params}: no rows to compare"
        here = Counter(tuple(same_number(node) for node in row) for row in result.rows)
        there = Counter({tuple(same_number(node) for node in row): n for row, n in rows.items()})
        assert there == here, f"{name} {params}: the server's rows differ"


def graph_counts(endpoint: str) -> dict[str, int]:
    _, rows = remote_rows(
        endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", None
    )
    return {str(row[0]): int(str(row[1])) for row in rows}


def test_oxigraph_answers_every_named_query_as_kg_query_does(
    build_dir: Path,
    local: Graph,
    expected: dict[str, set[pyoxigraph.Triple]],
    servers: list[Server],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = oxigraph(tmp_path / "store", servers)
    assert push(build_dir, f"{url}/query") == 0, capsys.readouterr().err
    counts = {graph: len(found) for graph, found in expected.items()}
    assert graph_counts(f"{url}/query") == counts
    assert_same_rows(f"{url}/query", local, UNION_GRAPH)
    # A second push replaces every graph: nothing doubles. The union put in Oxigraph's own
    # default graph answers queries that name no graph.
    assert push(build_dir, url, "--union", "default") == 0, capsys.readouterr().err
    assert graph_counts(f"{url}/query") == counts
    assert_same_rows(f"{url}/query", local, None)


def test_oxigraph_killed_halfway_holds_whole_graphs_and_a_rerun_finishes(
    build_dir: Path,
    expected: dict[str, set[pyoxigraph.Triple]],
    servers: list[Server],
    tmp_path: Path,
) -> None:
    url = oxigraph(tmp_path / "store", servers)

    def kill_after_five(done: int, total: int, name: str) -> None:
        if done == 5:
            servers[0].process.kill()
            servers[0].process.wait(timeout=20)

    with pytest.raises(PushError) as failed:
        push_build(build_dir, url, progress=kill_after_five)
    assert failed.value.report is not None and failed.value.report.pushed[5:] == []
    assert "5 of" in str(failed.value)
    url = oxigraph(tmp_path / "store", servers)  # the same database, restarted
    counts = {graph: len(found) for graph, found in expected.items()}
    assert graph_counts(f"{url}/query") == {g: counts[g] for g in failed.value.report.pushed}
    report = push_build(build_dir, url)
    assert report.complete and graph_counts(f"{url}/query") == counts
    for graph, found in expected.items():
        with urllib.request.urlopen(
            urllib.request.Request(
                f"{url}/store?graph={urllib.parse.quote(graph, safe='')}",
                headers={"Accept": "application/n-triples"},
            ),
            timeout=60,
        ) as response:
            assert triples(response.read()) == same_numbers(found), graph


class CuttingProxy:
    """Passes requests on to a server; when a PUT names `graph`, passes half of its body,
    then calls `kill` (the server dies mid-upload) and hangs up."""

    def __init__(self, port: int, graph: str, kill: Callable[[], None]) -> None:
        self.port, self.graph, self.kill = port, urllib.parse.quote(graph, safe=""), kill
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):  # the listener closed
            while True:
                client, _ = self.listener.accept()
                with client:
                    self._relay(client)

    def _relay(self, client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            head += client.recv(65536)
        headers, _, body = head.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", headers)[1])  # type: ignore[index]
        while len(body) < length:
            body += client.recv(65536)
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as server:
            if self.graph.encode() in headers.split(b"\r\n", 1)[0]:
                server.sendall(headers + b"\r\n\r\n" + body[: length // 2])
                time.sleep(0.2)  # the server has read the first half
                self.kill()
                return
            server.sendall(headers + b"\r\n\r\n" + body)
            while chunk := server.recv(65536):  # urllib asks the server to close when done
                client.sendall(chunk)

    def close(self) -> None:
        self.listener.close()


def test_oxigraph_killed_mid_upload_keeps_the_graph_it_had(
    build_dir: Path,
    expected: dict[str, set[pyoxigraph.Triple]],
    servers: list[Server],
    tmp_path: Path,
) -> None:
    url = oxigraph(tmp_path / "store", servers)
    assert push_build(build_dir, url).complete
    port = int(url.rsplit(":", 1)[1])

    def kill() -> None:
        servers[0].process.kill()
        servers[0].process.wait(timeout=20)

    proxy = CuttingProxy(port, UNION_GRAPH, kill)
    try:
        with pytest.raises(PushError) as failed:
            push_build(build_dir, proxy.url + "/query")
    finally:
        proxy.close()
    assert failed.value.report is not None
    assert UNION_GRAPH not in failed.value.report.pushed
    assert "closed the connection before it confirmed the graph" in str(failed.value)
    assert len(failed.value.report.pushed) == len(expected) - 1
    # Restarted on the same database: the union the cut PUT was replacing is still whole.
    url = oxigraph(tmp_path / "store", servers)
    assert graph_counts(f"{url}/query") == {graph: len(found) for graph, found in expected.items()}


def test_virtuoso_answers_every_named_query_as_kg_query_does(
    build_dir: Path,
    local: Graph,
    expected: dict[str, set[pyoxigraph.Triple]],
    servers: list[Server],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = virtuoso(tmp_path, servers)
    monkeypatch.setenv(ENV_USER, "dba")
    monkeypatch.setenv(ENV_PASSWORD, "not-the-password")
    assert push(build_dir, f"{url}/sparql") == 1  # Digest, refused
    assert "refused the user name and password" in one_line(capsys.readouterr().err)
    monkeypatch.setenv(ENV_PASSWORD, "dba")  # a fresh database's administrator
    assert push(build_dir, f"{url}/sparql") == 0, capsys.readouterr().err
    ours = {
        graph: count
        for graph, count in graph_counts(f"{url}/sparql").items()
        if graph.startswith(ID_BASE)
    }
    assert ours == {graph: len(found) for graph, found in expected.items()}
    assert_same_rows(f"{url}/sparql", local, UNION_GRAPH)
