"""The Oxigraph store a build writes (``DIR/store``): what it holds, and every reader opening it.

A corpus of test articles is built once; each named query then runs on the store and on the
parsed ``kg.ttl``, and the rows must be the same. The readers are shown to read the store by
deleting the build's files and reading on.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.query import named_queries, run_query
from kg.store import load_graph
from kg.triplestore import named_graph_iris, open_store, oxigraph_of, store_path, with_values

DATA = Path(__file__).parent / "data"
SETS = ("dev", "heldout")
EXAMPLES: dict[str, list[dict[str, str]]] = {
    "signatories": [{"pledge": "서울 AI 기업 서약"}, {"pledge": "Frontier AI Safety Commitments"}],
    "attendees": [{"event": "AI Global Forum"}, {"event": "AI Seoul Summit"}],
    "signatory-people": [{"pledge": "Frontier AI Safety Commitments"}],
    "quotes": [{"person": "Han Duck-soo"}],
    "evidence": [{"subject": "Anthropic", "relation": "signed",
                  "object": "Seoul AI Business Pledge"}],
}


def kg(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, check=False, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("store") / "out"
    done = kg("build", *(DATA / name for name in SETS), "--out", out, "-q")
    assert done.returncode in (0, 3), done.stderr
    return out


def value(node: Node | None) -> object:
    """A term as a reader sees it: Oxigraph keeps every integer type as xsd:integer."""
    if isinstance(node, Literal) and node.datatype and str(node.datatype).endswith("nteger"):
        return ("integer", int(node))
    return node


def rows(graph: Graph, name: str, params: dict[str, str], lang: str) -> list[tuple[object, ...]]:
    result = run_query(graph, name, params=params, lang=lang)  # type: ignore[arg-type]
    return [tuple(value(node) for node in row) for row in result.rows]


def test_a_build_writes_its_store_beside_the_files_of_the_same_build(built: Path) -> None:
    store = store_path(built)
    assert store is not None
    # one build folder holds the files and the store: a reader never sees two builds mixed
    assert Path(os.path.realpath(store)).parent == Path(os.path.realpath(built / "kg.ttl")).parent
    opened = open_store(store)
    quads = Dataset().parse(built / "kg.nq", format="nquads")
    named = {URIRef(g.identifier) for g in quads.graphs() if len(g)}
    assert set(named_graph_iris(opened)) == named and len(named) > 10
    for iri in sorted(named)[:5]:
        assert sum(1 for _ in opened.quads_for_pattern(None, None, None, _ox(iri))) == len(
            quads.graph(iri))
    union = Graph().parse(built / "kg.ttl")
    from_store = load_graph(built)
    assert len(from_store) == len(union)
    assert {tuple(map(value, t)) for t in from_store} == {tuple(map(value, t)) for t in union}


def _ox(iri: URIRef) -> object:
    import pyoxigraph

    return pyoxigraph.NamedNode(str(iri))


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_gives_the_same_rows_from_the_store_and_from_the_file(
        built: Path, name: str) -> None:
    store, parsed = load_graph(built), load_graph(built / "kg.ttl")
    assert oxigraph_of(store) is not None and oxigraph_of(parsed) is None
    for params in [{}, *EXAMPLES.get(name, [])]:
        for lang in ("en", "ko"):
            expected = rows(parsed, name, params, lang)
            assert rows(store, name, params, lang) == expected, (params, lang)
            shown = run_query(store, name, params=params, lang=lang).records(lang)  # type: ignore[arg-type]
            assert shown == run_query(parsed, name, params=params, lang=lang).records(lang)  # type: ignore[arg-type]
    assert rows(parsed, name, {}, "en"), f"{name} found nothing in the corpus: compares nothing"


def test_a_query_of_ones_own_runs_on_the_store_with_its_values_bound(built: Path) -> None:
    store, parsed = load_graph(built), load_graph(built / "kg.ttl")
    text = ("SELECT ?org WHERE { ?org summit:signed ?pledge } ORDER BY ?org")
    params = {"pledge": "Seoul AI Business Pledge"}
    found = run_query(store, text, params=params)
    assert found.rows == run_query(parsed, text, params=params).rows
    everything = run_query(store, text)
    assert 0 < len(found) < len(everything)


def test_service_is_refused_on_the_store_before_any_request(built: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    try:
        with pytest.raises(QueryError, match="SERVICE"):
            run_query(load_graph(built),
                      f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?s ?p ?o }} }}")
        with pytest.raises(OSError):  # nobody knocked
            server.accept()
    finally:
        server.close()


def test_values_go_after_the_where_outside_comments() -> None:
    bound = {"x": URIRef("https://e.org/x")}
    text = "# WHERE { in a comment\nSELECT ?y WHERE {\n  ?x ?p ?y }"
    assert with_values(text, bound) == (
        "# WHERE { in a comment\nSELECT ?y WHERE { VALUES (?x) { (<https://e.org/x>) }\n  ?x ?p ?y }")
    assert with_values("SELECT * { ?s ?p ?o }", bound) is None
    assert with_values("SELECT * { ?s ?p ?o }", {}) == "SELECT * { ?s ?p ?o }"


def test_the_store_graph_is_read_only(built: Path) -> None:
    graph = load_graph(built)
    with pytest.raises(StoreError, match="read-only"):
        graph.add((URIRef("https://e.org/a"), URIRef("https://e.org/b"), Literal("c")))
    assert (URIRef("https://e.org/a"), None, None) not in graph


def test_every_reader_reads_the_store_when_the_files_are_gone(built: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    commands = {
        "query": ["query", "signatories", "--param", "pledge=서울 AI 기업 서약", "--format", "csv"],
        "why": ["why", "Anthropic", "signed", "Seoul AI Business Pledge"],
        "stats": ["stats", "--top", "5"],
    }
    from_file = {name: kg(*args, "--graph", out / "kg.ttl") for name, args in commands.items()}
    for done in from_file.values():
        assert done.returncode == 0, done.stderr
    for name in ("kg.ttl", "kg.jsonld", "kg.trig", "kg.nq"):
        os.unlink(os.path.realpath(out / name))
    for name, args in commands.items():
        done = kg(*args, "--graph", out)
        assert done.returncode == 0, done.stderr
        assert done.stdout == from_file[name].stdout, name
    # the default --graph is ./out: the store, from the folder a user builds in
    default = kg(*commands["why"], cwd=tmp_path)
    assert default.returncode == 0 and default.stdout == from_file["why"].stdout
    exported = kg("export", "--out", tmp_path / "net.graphml", "--graph", out)
    drawn = kg("draw", "--out", tmp_path / "page.html", "--graph", out)
    assert exported.returncode == 0 and drawn.returncode == 0, exported.stderr + drawn.stderr
    assert "Anthropic" in (tmp_path / "net.graphml").read_text(encoding="utf-8")
    assert "Anthropic" in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_a_folder_of_an_older_build_without_a_store_is_read_from_its_turtle(
        built: Path, tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_bytes((built / "kg.ttl").read_bytes())
    assert len(load_graph(tmp_path)) == len(Graph().parse(built / "kg.ttl"))
    assert oxigraph_of(load_graph(tmp_path)) is None


def test_a_store_that_is_not_one_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError) as error:
        load_graph(tmp_path)
    assert "\n" not in str(error.value) and str(tmp_path / "store") in str(error.value)


def test_the_union_read_whole_has_every_term_as_a_pattern_reads_it(tmp_path: Path) -> None:
    """`union_triples` parses Oxigraph's N-Triples itself: every kind of term, and literals
    with what N-Triples escapes, come back as `rdflib_term` makes them."""
    import pyoxigraph as ox
    from rdflib import BNode
    from rdflib.namespace import XSD

    from kg.triplestore import oxigraph_term, rdflib_term, union_triples

    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    values: list[Node] = [
        URIRef("https://example.org/é?q=1#x"), BNode("b0"), Literal("plain"),
        Literal('a "quote" and a \\ backslash'), Literal("two\nlines\r\tand a tab"),
        Literal("ends with a dot .\n and more"), Literal("서울 선언", lang="ko"),
        Literal("Seoul", lang="en-GB"), Literal("7", datatype=XSD.integer),
        Literal("2024-05-21", datatype=XSD.date), Literal("x", datatype=XSD.string),
        Literal("\u2028 \x07 bell"),
    ]
    store = ox.Store(str(tmp_path / "store"))
    store.extend(ox.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(v),  # type: ignore[arg-type]
                         ox.DefaultGraph()) for v in values)
    store.add(ox.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(values[2]),  # type: ignore[arg-type]
                      ox.NamedNode("https://example.org/g")))  # not in the union
    by_pattern = [tuple(rdflib_term(t) for t in (q.subject, q.predicate, q.object))
                  for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    assert list(union_triples(store)) == by_pattern
    assert {o for _, _, o in union_triples(store)} == set(values) - {Literal("x", datatype=XSD.string)} | {Literal("x")}
