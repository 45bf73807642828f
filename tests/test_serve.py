"""`kg serve`: the build's store behind Oxigraph's server, with a front that forwards the
SPARQL protocols, refuses updates, keeps a time limit and serves an offline query page.

Every server binds 127.0.0.1 on a free port and is stopped in teardown; the tests check
that no Oxigraph process outlives them.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg import outdir
from kg.build import build_graph, write_build
from kg.cli import main
from kg.errors import ServeError
from kg.formats import STORE_DIR
from kg.query import format_result, named_queries, run_query
from kg.serve import Server
from kg.store import load_graph
from kg.triplestore import open_store, with_values
from kg.why import relation_property, resolve

DEV = Path(__file__).parent / "data" / "dev"
RESULTS_JSON = "application/sparql-results+json"
CASES: list[tuple[str, dict[str, str]]] = [
    *((name, {}) for name in sorted(named_queries())),
    ("signatories", {"pledge": "Seoul AI Business Pledge"}),
    ("attendees", {"event": "AI Global Forum"}),
    (
        "evidence",
        {
            "subject": "Samsung Electronics",
            "relation": "signed",
            "object": "Seoul AI Business Pledge",
        },
    ),
]
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
STREAMED_CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
IMG_PROBE = "<img src=x onerror=kgProbe=1>"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve") / "out"
    write_build(build_graph([DEV]), out)
    return out


@pytest.fixture(scope="module")
def local(build_dir: Path) -> Graph:
    return load_graph(build_dir)


@pytest.fixture(scope="module")
def server(build_dir: Path) -> Iterator[Server]:
    with Server(build_dir, bind="127.0.0.1:0", timeout=20) as started:
        child = started.child.pid  # type: ignore[union-attr]
        yield started
    assert not alive(child)


def oxigraph_children(parent: int | None = None) -> list[int]:
    """The Oxigraph processes whose parent is `parent` (this process by default)."""
    parent = os.getpid() if parent is None else parent
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent and b"oxigraph" in command:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def fetch(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 60,
) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def bound_text(graph: Graph, name: str, params: dict[str, str]) -> str:
    """A named query's text with its parameters bound in a VALUES row, as `kg query` binds
    them, and ?lang as English."""
    query = named_queries()[name]
    kinds = {p.name: p.kind.value for p in query.parameters}
    values = {
        key: relation_property(value) if kinds[key] == "relation" else resolve(graph, value)
        for key, value in params.items()
    }
    text = with_values(re.sub(r"[?$]lang\b", '"en"', query.text), values)
    assert text is not None, name
    return text


INTEGERS = {str(XSD[name]) for name in ("nonNegativeInteger", "positiveInteger", "int", "long")}


def same_number(node: Node | None) -> Node | None:
    """Oxigraph keeps every integer as xsd:integer: the same number, compared as such."""
    if isinstance(node, Literal) and str(node.datatype) in INTEGERS:
        return Literal(str(node), datatype=XSD.integer)
    return node


def term(value: dict[str, str]) -> Node:
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    datatype = value.get("datatype")
    return Literal(
        value["value"],
        lang=value.get("xml:lang"),
        datatype=None if datatype == str(XSD.string) else datatype,
    )


def json_rows(body: bytes) -> tuple[list[str], Counter[tuple[Node | None, ...]]]:
    document = json.loads(body)
    variables = document["head"]["vars"]
    return variables, Counter(
        tuple(same_number(term(b[v])) if v in b else None for v in variables)
        for b in document["results"]["bindings"]
    )


def expected_rows(
    local: Graph, name: str, params: dict[str, str]
) -> tuple[list[str], Counter[tuple[Node | None, ...]]]:
    result = run_query(local, name, params=params, lang="en")
    return list(result.variables), Counter(
        tuple(same_number(n) for n in row) for row in result.rows
    )


def plain(node: Node | None) -> str:
    return "" if node is None else str(node)


# --- the SPARQL protocol --------------------------------------------------------------------


def test_every_named_query_answers_through_the_protocol_as_kg_query(
    server: Server, local: Graph
) -> None:
    endpoint = f"{server.url}/query"
    for name, params in CASES:
        variables, expected = expected_rows(local, name, params)
        assert sum(expected.values()) > 0, f"{name} {params}: no rows to compare"
        text = bound_text(local, name, params)
        accept = {"Accept": RESULTS_JSON}
        answers = [
            fetch(f"{endpoint}?{urllib.parse.urlencode({'query': text})}", headers=accept),
            fetch(
                endpoint,
                data=text.encode(),
                headers={**accept, "Content-Type": "application/sparql-query"},
            ),
            fetch(
                endpoint,
                data=urllib.parse.urlencode({"query": text}).encode(),
                headers={**accept, "Content-Type": "application/x-www-form-urlencoded"},
            ),
        ]
        for status, content_type, body in answers:
            assert (status, content_type.split(";")[0]) == (200, RESULTS_JSON), (name, body[:200])
            assert json_rows(body) == (variables, expected), f"{name} {params}"
        # The same rows as CSV, TSV and XML, by the Accept header alone.
        flat = Counter(tuple(plain(node) for node in row) for row in expected.elements())
        status, content_type, body = fetch(
            endpoint,
            data=text.encode(),
            headers={"Accept": "text/csv", "Content-Type": "application/sparql-query"},
        )
        assert content_type.startswith("text/csv"), name
        lines = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        assert lines[0] == variables and Counter(map(tuple, lines[1:])) == flat, name
        status, content_type, body = fetch(
            endpoint,
            data=text.encode(),
            headers={
                "Accept": "text/tab-separated-values",
                "Content-Type": "application/sparql-query",
            },
        )
        assert content_type.startswith("text/tab-separated-values"), name
        assert body.decode("utf-8").splitlines()[0].split("\t") == [f"?{v}" for v in variables]
        assert len(body.decode("utf-8").splitlines()) == 1 + sum(expected.values()), name
        status, content_type, body = fetch(
            endpoint,
            data=text.encode(),
            headers={
                "Accept": "application/sparql-results+xml",
                "Content-Type": "application/sparql-query",
            },
        )
        assert content_type.startswith("application/sparql-results+xml"), name
        results = ET.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result")
        assert len(results) == sum(expected.values()), name


def test_a_result_larger_than_the_buffer_streams_whole(server: Server, build_dir: Path) -> None:
    from kg.serve_http import BUFFER

    text = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    held = len(list(open_store(build_dir / STORE_DIR).query(text)))
    url = f"{server.url}/query?{urllib.parse.urlencode({'query': text})}"
    request = urllib.request.Request(url, headers={"Accept": RESULTS_JSON})
    with urllib.request.urlopen(request, timeout=60) as response:
        chunked = response.headers["Transfer-Encoding"]
        body = response.read()
    assert len(body) > BUFFER and chunked == "chunked"
    assert len(json.loads(body)["results"]["bindings"]) == held


def test_a_malformed_query_gets_oxigraph_s_400(server: Server) -> None:
    status, _, body = fetch(f"{server.url}/query?query=SELECT%20WHERE")
    assert status == 400 and body


def test_the_named_query_endpoint_gives_kg_query_s_rows_and_labels(
    server: Server, local: Graph
) -> None:
    for name, params in CASES:
        query = urllib.parse.urlencode({**params, "lang": "ko"})
        status, content_type, body = fetch(f"{server.url}/named/{name}?{query}")
        assert status == 200 and content_type.startswith("application/json"), (name, body[:200])
        document = json.loads(body)
        result = run_query(local, name, params=params, lang="ko")
        assert document["results"] == json.loads(format_result(result, "json"))["results"], name
        for iri, label in document["labels"].items():
            assert label == result.display(URIRef(iri), "ko")
    assert '"삼성전자"' in fetch(f"{server.url}/named/signatories?lang=ko")[2].decode()
    # A name that matches nothing is the caller's mistake, said as kg query says it.
    status, _, body = fetch(f"{server.url}/named/signatories?pledge=No%20Such%20Pledge")
    assert status == 400 and b"No Such Pledge" in body
    assert fetch(f"{server.url}/named/no-such-query")[0] == 404


# --- the Graph Store Protocol ----------------------------------------------------------------


def test_graph_store_reads_one_article_s_graph_and_the_union(
    server: Server, build_dir: Path
) -> None:
    store = open_store(build_dir / STORE_DIR)
    graphs = sorted(graph.value for graph in store.named_graphs())
    assert len(graphs) > 3
    for iri in graphs[:3]:
        url = f"{server.url}/store?{urllib.parse.urlencode({'graph': iri})}"
        status, _, body = fetch(url, headers={"Accept": "application/n-triples"})
        assert status == 200
        served = {t.triple for t in pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES)}
        held = {
            q.triple for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(iri))
        }
        assert served == held and held
    status, _, body = fetch(f"{server.url}/store?default", headers={"Accept": "text/turtle"})
    union = {q.triple for q in pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE)}
    held = {q.triple for q in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())}
    assert status == 200 and union == held
    status, _, body = fetch(f"{server.url}/store?default", method="HEAD")
    assert (status, body) == (200, b"")
    missing = urllib.parse.urlencode({"graph": "https://example.org/none"})
    assert fetch(f"{server.url}/store?{missing}")[0] == 404


# --- refusals ----------------------------------------------------------------------------------


def count(url: str) -> int:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    body = fetch(
        f"{url}/query?{urllib.parse.urlencode({'query': text})}", headers={"Accept": RESULTS_JSON}
    )[2]
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


INSERT = b"INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"


def refusals(url: str) -> list[tuple[int, str, bytes]]:
    graph = urllib.parse.urlencode({"graph": "https://example.org/g"})
    turtle = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> ."
    return [
        fetch(f"{url}/update", data=INSERT, headers={"Content-Type": "application/sparql-update"}),
        fetch(f"{url}/update", data=urllib.parse.urlencode({"update": INSERT}).encode()),
        fetch(
            f"{url}/store?{graph}",
            data=turtle,
            method="PUT",
            headers={"Content-Type": "text/turtle"},
        ),
        fetch(
            f"{url}/store?{graph}",
            data=turtle,
            method="POST",
            headers={"Content-Type": "text/turtle"},
        ),
        fetch(f"{url}/store?default", method="DELETE"),
    ]


def test_updates_are_refused_with_403_and_change_nothing(server: Server) -> None:
    before = count(server.url)
    for status, content_type, body in refusals(server.url):
        assert status == 403 and content_type.startswith("text/plain"), body
        assert b"read-only" in body
    assert count(server.url) == before


def test_allow_updates_changes_a_scratch_copy_never_the_build(build_dir: Path) -> None:
    store = build_dir / STORE_DIR
    held = len(open_store(store))
    with Server(build_dir, bind="127.0.0.1:0", allow_updates=True) as server:
        before = count(server.url)
        child = server.child.pid  # type: ignore[union-attr]
        status, _, body = fetch(
            f"{server.url}/update",
            data=INSERT,
            headers={"Content-Type": "application/sparql-update"},
        )
        assert status == 204, body
        assert count(server.url) == before + 1
        assert fetch(f"{server.url}/store?default", method="DELETE")[0] == 204
        assert count(server.url) == 0
    assert len(open_store(store)) == held
    assert not alive(child)


# --- the time limit ----------------------------------------------------------------------------


def test_a_query_past_the_limit_is_stopped_with_an_error(build_dir: Path) -> None:
    limit = 2.0
    with Server(build_dir, bind="127.0.0.1:0", timeout=limit) as server:
        started = time.monotonic()
        status, _, body = fetch(
            f"{server.url}/query",
            data=urllib.parse.urlencode({"query": CROSS_JOIN}).encode(),
            headers={"Accept": RESULTS_JSON},
        )
        assert (status, time.monotonic() - started < limit + 10) == (503, True), body[:200]
        assert b"longer than 2 s" in body
        # Rows that stream past the limit are cut off: the client sees an error, not a
        # short result that looks whole.
        started = time.monotonic()
        request = urllib.request.Request(
            f"{server.url}/query",
            data=urllib.parse.urlencode({"query": STREAMED_CROSS_JOIN}).encode(),
            headers={"Accept": "text/csv"},
        )
        with (
            pytest.raises((http.client.IncompleteRead, urllib.error.HTTPError, OSError)),
            urllib.request.urlopen(request, timeout=60) as response,
        ):
            while response.read(1 << 20):
                pass
        assert time.monotonic() - started < limit + 10
        # The server still answers.
        assert count(server.url) > 0


# --- the query page --------------------------------------------------------------------------


def test_the_pages_are_served_with_a_policy_that_allows_no_other_host(server: Server) -> None:
    with urllib.request.urlopen(f"{server.url}/", timeout=30) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode("utf-8")
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    status, _, body = fetch(f"{server.url}/graph.html")
    assert status == 200 and body == (server.build / "graph.html").read_bytes()  # type: ignore[operator]
    assert fetch(f"{server.url}/nothing-here")[0] == 404


def test_a_request_naming_another_host_is_refused(server: Server) -> None:
    # What a page on another site that rebinds its name to 127.0.0.1 would send.
    status, _, _ = fetch(f"{server.url}/query?query=ASK%7B%7D", headers={"Host": "evil.example"})
    assert status == 403
    status, _, _ = fetch(
        f"{server.url}/query?query=ASK%7B%7D", headers={"Host": f"localhost:{server.port}"}
    )
    assert status == 200


# --- load -----------------------------------------------------------------------------------------


def test_many_queries_from_many_threads_all_answer(server: Server, local: Graph) -> None:
    text = bound_text(local, "signatories", {})
    variables, expected = expected_rows(local, "signatories", {})
    url = f"{server.url}/query?{urllib.parse.urlencode({'query': text})}"
    failures: list[str] = []

    def client() -> None:
        for _ in range(25):
            status, _, body = fetch(url, headers={"Accept": RESULTS_JSON}, timeout=30)
            if status != 200 or json_rows(body) != (variables, expected):
                failures.append(f"{status}: {body[:100]!r}")

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []


# --- start, stop, and the command --------------------------------------------------------------


def test_a_folder_without_a_build_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = oxigraph_children()
    assert main(["serve", "--out", str(tmp_path), "--bind", "127.0.0.1:0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"kg build --out {tmp_path}" in err
    assert oxigraph_children() == before


def held_readers(build_dir: Path) -> set[Path]:
    folder = build_dir / ".builds" / "current" / outdir.READERS
    return {path for path in folder.iterdir() if reader_held(path)} if folder.exists() else set()


def test_an_address_in_use_starts_no_oxigraph_and_holds_nothing(build_dir: Path) -> None:
    before, readers = oxigraph_children(), held_readers(build_dir)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(ServeError, match="cannot listen"):
            Server(build_dir, bind=f"127.0.0.1:{taken.getsockname()[1]}").start()
    assert oxigraph_children() == before
    assert held_readers(build_dir) == readers


def reader_held(path: Path) -> bool:
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def test_a_non_loopback_address_warns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kg.serve

    monkeypatch.setattr(kg.serve, "serve", lambda *args, **kwargs: None)
    assert main(["serve", "--bind", "0.0.0.0:7878"]) == 0
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err
    assert main(["serve", "--bind", "127.0.0.1:7878"]) == 0
    assert main(["serve", "--bind", "localhost:7878"]) == 0
    assert capsys.readouterr().err == ""


def start_command(build_dir: Path) -> tuple[subprocess.Popen[str], str, int]:
    """`kg serve` in its own process; its URL and its Oxigraph's pid."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "serve",
            "--out",
            str(build_dir),
            "--bind",
            "127.0.0.1:0",
            "--timeout",
            "10",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/ ", line)
        assert match, line + process.stderr.read() if process.stderr else line
        children = oxigraph_children(process.pid)
        assert len(children) == 1
    except BaseException:
        process.kill()
        process.wait(timeout=30)
        raise
    return process, match[1], children[0]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_the_command_stops_with_its_oxigraph(build_dir: Path, sig: signal.Signals) -> None:
    process, url, child = start_command(build_dir)
    try:
        assert count(url) > 0
        process.send_signal(sig)
        code = process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(child), f"Oxigraph {child} outlived kg serve ({sig.name})"
        assert code == (-9 if sig is signal.SIGKILL else 0)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        if alive(child):
            os.kill(child, signal.SIGKILL)


def test_a_later_build_does_not_delete_the_build_being_served(
    build_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_build(build_graph(), out)
    with Server(out, bind="127.0.0.1:0") as server:
        served = server.build
        before = count(server.url)
        write_build(build_graph([DEV / "01_kr_wire_full_list.txt"]), out)
        assert served is not None and served.is_dir()
        assert os.readlink(out / ".builds" / "current") != served.name
        assert count(server.url) == before  # still the build it started with
    write_build(build_graph(), out)  # the next build cleans it up
    assert not served.exists()


# --- the page in a browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def probe_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A build of the seed with markup in its signatory sentence, served."""
    from kg.loader import seed_path

    folder = tmp_path_factory.mktemp("probe")
    text = seed_path().read_text(encoding="utf-8")
    sentence = "총 14개 기업이 동참했다."
    assert text.count(sentence) == 1
    (folder / "probe.txt").write_text(
        text.replace(sentence, f"총 14개 {IMG_PROBE} 기업이 동참했다."), encoding="utf-8"
    )
    write_build(build_graph([folder / "probe.txt"]), folder / "out")
    with Server(folder / "out", bind="127.0.0.1:0") as started:
        yield started


def test_the_query_page_runs_named_queries_and_sparql_offline(
    browser: Any, probe_server: Server
) -> None:
    url = probe_server.url
    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{url}/")
        # (no wait_for_function: Playwright evaluates it as a string, which the page's
        # Content-Security-Policy forbids)
        page.wait_for_selector("#named option", state="attached")
        names = page.eval_on_selector_all("#named option", "options => options.map(o => o.value)")
        assert names == list(named_queries())
        # A named query with a parameter, by a Korean name, labels in Korean.
        page.select_option("#named", "signatories")
        page.fill("#param-pledge", "서울 기업 서약")
        page.select_option("#lang", "ko")
        page.click("#run-named")
        page.wait_for_selector("#results:not([hidden]) tbody tr")
        cells = page.eval_on_selector_all(
            "#results tbody tr td:nth-child(2)", "cells => cells.map(c => c.textContent)"
        )
        assert probe_server.build is not None
        expected = run_query(
            load_graph(probe_server.build),
            "signatories",
            params={"pledge": "서울 기업 서약"},
            lang="ko",
        ).records("ko")
        assert cells == [row["organization"] for row in expected] and "삼성전자" in cells
        # The evidence, whose sentence holds markup, shows it as the article's characters.
        page.select_option("#named", "evidence")
        page.click("#run-named")
        page.wait_for_selector("#results:not([hidden]) tbody tr")
        page.wait_for_timeout(300)  # time for an injected image to fail and fire onerror
        text = page.inner_text("#results")
        assert IMG_PROBE in text
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("typeof window.kgProbe") == "undefined" and dialogs == []
        # Free SPARQL, posted to /query.
        page.fill(
            "#sparql",
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            'SELECT ?label WHERE { ?x rdfs:label ?label FILTER(?label = "삼성전자"@ko) }',
        )
        page.click("#run-sparql")
        page.locator("#status", has_text="1 row (").wait_for()
        assert page.inner_text("#results tbody") == "삼성전자"
        assert all(request.startswith(url + "/") for request in requests), requests
    finally:
        context.close()
