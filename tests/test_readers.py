"""Every reader refuses bad input in one line naming it, and none of them reaches the network.

A local server records every connection made to it and answers each with a valid JSON-LD
context, so that a fetch would not only be seen but would also let the load succeed.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import kg.store
from kg.analysis import stats_report, to_networkx
from kg.errors import QueryError, StoreError
from kg.formats import Format
from kg.query import run_query
from kg.store import load_graph, serialize

CONTEXT = b'{"@context": {"name": "http://example.org/name"}}'
REPLY = (b"HTTP/1.0 200 OK\r\nContent-Type: application/ld+json\r\nContent-Length: "
         + str(len(CONTEXT)).encode() + b"\r\n\r\n" + CONTEXT)


@dataclass
class Listener:
    """A TCP server on localhost that counts the connections made to it."""

    url: str
    connections: list[bytes] = field(default_factory=list)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    found = Listener(f"http://127.0.0.1:{server.getsockname()[1]}/context.jsonld")
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                continue
            with client:
                client.settimeout(2)
                try:
                    found.connections.append(client.recv(4096))
                    client.sendall(REPLY)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield found
    stop.set()
    thread.join()
    server.close()


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, check=False, timeout=120)


def one_line_naming(message: str, path: Path | str) -> None:
    assert "\n" not in message.strip(), message
    assert str(path) in message, message
    assert "Traceback" not in message


# --- JSON-LD: a context is never fetched -----------------------------------------------------

def remote_documents(url: str) -> dict[str, object]:
    """Every place rdflib would fetch a context from: the families of a remote @context."""
    node = {"@id": "http://example.org/a", "name": "A"}
    return {
        "top": {"@context": url, **node},
        "in-a-list": {"@context": [{"ex": "http://example.org/"}, url], **node},
        "import": {"@context": {"@import": url}, **node},
        "scoped": {"@context": {"knows": {"@id": "http://example.org/knows", "@context": url}},
                   "@id": "http://example.org/a", "knows": {"@id": "http://example.org/b"}},
        "nested-node": {"@graph": [{"@context": url, **node}]},
        "top-list": [{"@context": url, **node}],
    }


@pytest.mark.parametrize("case", sorted(remote_documents("")))
def test_remote_context_is_refused_without_a_request(case: str, tmp_path: Path,
                                                     listener: Listener) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(remote_documents(listener.url)[case]), encoding="utf-8")
    with pytest.raises(StoreError) as error:
        load_graph(path)
    one_line_naming(str(error.value), path)
    assert "context" in str(error.value).lower() or "@import" in str(error.value)
    assert listener.connections == []


def test_network_is_refused_while_loading_even_past_the_check(
        tmp_path: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the document check, rdflib itself would fetch: the guard at urllib stops it.
    monkeypatch.setattr(kg.store, "_jsonld_problem", lambda document: None)
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(remote_documents(listener.url)["top"]), encoding="utf-8")
    with pytest.raises(StoreError, match="refused to reach the network"):
        load_graph(path)
    assert listener.connections == []


def test_network_guard_acts_only_inside_its_block(listener: Listener) -> None:
    address = ("127.0.0.1", int(listener.url.split(":")[2].split("/")[0]))
    with kg.store.offline("x.jsonld"), pytest.raises(StoreError, match=r"x\.jsonld"):
        socket.create_connection(address)
    with socket.create_connection(address) as connection:  # outside, it goes through
        connection.sendall(b"GET / HTTP/1.0\r\n\r\n")
        connection.recv(10)
    assert len(listener.connections) == 1


def write_inline(folder: Path) -> Path:
    path = folder / "inline.jsonld"
    path.write_text(json.dumps({"@context": {"name": "http://example.org/name"},
                                "@id": "http://example.org/a", "name": "A"}), encoding="utf-8")
    return path


def test_inline_context_loads(tmp_path: Path) -> None:
    graph = load_graph(write_inline(tmp_path))
    assert (URIRef("http://example.org/a"), URIRef("http://example.org/name"), Literal("A")) in graph


def test_the_json_ld_kg_build_writes_loads_back_whole(seed_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "kg.jsonld"
    path.write_bytes(serialize(seed_graph, Format.JSONLD))
    assert len(load_graph(path)) == len(seed_graph)


def test_kg_query_on_a_remote_context_is_one_line_and_no_request(tmp_path: Path,
                                                                 listener: Listener) -> None:
    path = tmp_path / "kg.jsonld"
    path.write_text(json.dumps(remote_documents(listener.url)["top"]), encoding="utf-8")
    done = run("query", "signatories", "--graph", str(path))
    assert done.returncode == 1
    one_line_naming(done.stderr, path)
    assert listener.connections == []


# --- JSON-LD and the other readers: malformed input is one line ------------------------------

MALFORMED = {
    "a-string": '"str"',
    "a-number": "5",
    "base-not-text": '{"@context": {"@base": 5}}',
    "vocab-not-text": '{"@context": {"@vocab": ["x"]}, "@id": "http://example.org/a"}',
    "context-a-number": '{"@context": 5}',
    "not-json": '{"@context": ',
    "nested-too-deep": "[" * 100_000 + "]" * 100_000,
    "language-a-number": '{"@id": "http://e/a", "http://e/p": {"@value": "x", "@language": 5}}',
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_json_ld_is_one_line(case: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonld"
    path.write_text(MALFORMED[case], encoding="utf-8")
    with pytest.raises(StoreError) as error:
        load_graph(path)
    one_line_naming(str(error.value), path)


def test_json_ld_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonld"
    path.write_bytes(b'{"@context": {"n": "\xff"}}')
    with pytest.raises(StoreError, match="UTF-8") as error:
        load_graph(path)
    one_line_naming(str(error.value), path)


def test_turtle_syntax_error_is_one_line_without_the_file_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text('@prefix ex: <http://e/> .\nex:a ex:b "open .\nex:c ex:d ex:e .\n',
                    encoding="utf-8")
    with pytest.raises(StoreError) as error:
        load_graph(path)
    one_line_naming(str(error.value), path)
    assert "line 2" in str(error.value) and "ex:c" not in str(error.value)


def test_turtle_nested_too_deep_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.ttl"
    path.write_text("@prefix : <http://e/> .\n:a :p " + "[ :p " * 5000 + ":b" + " ]" * 5000 + " .",
                    encoding="utf-8")
    with pytest.raises(StoreError) as error:
        load_graph(path)
    one_line_naming(str(error.value), path)


def test_graph_that_is_a_folder_without_a_build_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(StoreError, match=r"is a folder with neither a store/ nor a kg\.ttl") as error:
        load_graph(folder)
    one_line_naming(str(error.value), folder)
    (folder / "kg.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 .", encoding="utf-8")
    assert len(load_graph(folder)) == 1  # an older build's folder: its Turtle is read


def test_kg_stats_on_a_folder_is_one_line(tmp_path: Path) -> None:
    done = run("stats", "--graph", str(tmp_path))
    assert done.returncode == 1
    one_line_naming(done.stderr, tmp_path)
    assert "is a folder" in done.stderr


# --- stats on an empty graph -----------------------------------------------------------------

def test_stats_of_an_empty_graph_is_a_report() -> None:
    report = stats_report(to_networkx(Graph()))
    assert report.splitlines()[0] == "0 entities, 0 relations"
    assert "Co-signatures" in report and "(none)" in report


def test_kg_stats_on_an_empty_graph_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.ttl"
    path.write_text("", encoding="utf-8")
    done = run("stats", "--graph", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 entities, 0 relations")


# --- SPARQL: SERVICE and FROM are refused before anything is sent ----------------------------

def service_queries(url: str) -> dict[str, str]:
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "silent-optional": f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}> "
                           "{ ?s ?p ?x } } }",
        "in-exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> "
                     "{ ?s ?p ?x } } }",
        "lowercase-ask": f"ask {{ service <{url}> {{ ?s ?p ?o }} }}",
        "variable": "SELECT * WHERE { VALUES ?e { <" + url + "> } SERVICE ?e { ?s ?p ?o } }",
    }


@pytest.fixture
def small_graph() -> Graph:
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/says"),
               Literal("SERVICE <http://example.org/>")))
    return graph


@pytest.mark.parametrize("case", sorted(service_queries("")))
def test_service_is_refused_without_a_request(case: str, small_graph: Graph,
                                              listener: Listener) -> None:
    with pytest.raises(QueryError, match="SERVICE") as error:
        run_query(small_graph, service_queries(listener.url)[case])
    assert "\n" not in str(error.value)
    assert listener.connections == []


def test_from_is_refused_without_a_request(small_graph: Graph, listener: Listener) -> None:
    for clause in ("FROM", "FROM NAMED"):
        with pytest.raises(QueryError, match="FROM"):
            run_query(small_graph, f"SELECT * {clause} <{listener.url}> WHERE {{ ?s ?p ?o }}")
    assert listener.connections == []


def test_the_word_service_elsewhere_is_no_reason_to_refuse(small_graph: Graph) -> None:
    query = ("# a query that does not use SERVICE <http://example.org/>\n"
             "SELECT ?service WHERE { ?service ?p ?o FILTER(CONTAINS(?o, 'SERVICE <')) }")
    assert len(run_query(small_graph, query)) == 1


def test_kg_query_with_service_is_one_line_and_no_request(tmp_path: Path,
                                                          listener: Listener) -> None:
    path = tmp_path / "kg.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    done = run("query", service_queries(listener.url)["plain"], "--graph", str(path))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "SERVICE" in done.stderr
    assert listener.connections == []
