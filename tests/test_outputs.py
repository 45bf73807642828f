"""Outputs are safe to open in the tools people use: spreadsheets, Gephi and other XML
readers, and byte-for-byte comparisons of two builds."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg import serialize as fast
from kg.analysis import network_view, to_networkx, write_network
from kg.graph import ID
from kg.query import format_result, run_query
from kg.results import QueryResult
from kg.store import JSONLD_CONTEXT
from ontology import SUMMIT

from .conftest import DEV

# --- CSV and TSV: no cell runs as a formula --------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.org/x","Samsung")', "+1+2", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1"]
PLAIN = ["Samsung Electronics", "삼성전자", "a-b", "e-mail", "14", "x=1", " =1"]


def result_of(cells: list[str]) -> QueryResult:
    return QueryResult(("value",), tuple((Literal(cell),) for cell in cells))


def csv_cells(text: str, delimiter: str = ",") -> list[str]:
    return [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)][1:]


@pytest.mark.parametrize("cell", FORMULAS)
def test_csv_cell_that_starts_a_formula_starts_with_a_quote(cell: str) -> None:
    [written] = csv_cells(format_result(result_of([cell]), "csv"))
    assert written == "'" + cell


@pytest.mark.parametrize("cell", FORMULAS)
def test_tsv_cell_that_starts_a_formula_starts_with_a_quote(cell: str) -> None:
    written = format_result(result_of([cell]), "tsv").split("\n")[1]
    assert written == "'" + re.sub(r"[\t\r\n]+", " ", cell)  # a tab in a cell would split it


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ordinary_cells_are_written_as_they_are(fmt: str) -> None:
    text = format_result(result_of(PLAIN), fmt)
    assert csv_cells(text, "," if fmt == "csv" else "\t") == PLAIN


def test_json_and_table_keep_the_value_as_it_is() -> None:
    result = result_of(FORMULAS[:1])
    document = json.loads(format_result(result, "json"))
    assert document["results"]["bindings"][0]["value"]["value"] == FORMULAS[0]
    assert FORMULAS[0] in format_result(result, "table")


def test_kg_query_csv_of_a_headline_formula(tmp_path: Path) -> None:
    graph = Graph()
    article = URIRef(ID + "article/x")
    graph.add((article, RDFS.label, Literal('=HYPERLINK("http://evil.example/","Read")')))
    path = tmp_path / "kg.ttl"
    graph.serialize(path, format="turtle")
    done = subprocess.run([sys.executable, "-m", "kg", "query", "--format", "csv", "--graph",
                           str(path), "SELECT ?headline WHERE { ?a rdfs:label ?headline }"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert csv_cells(done.stdout) == ['\'=HYPERLINK("http://evil.example/","Read")']


# --- GraphML and GEXF: well-formed XML whatever a name holds ---------------------------------

@pytest.fixture
def controlled() -> Graph:
    graph = Graph()
    company = URIRef(ID + "company/evil-corp")
    pledge = URIRef(ID + "pledge/some-pledge")
    graph.add((company, RDF.type, SUMMIT.Company))
    graph.add((company, RDFS.label, Literal("Evil\x0bCorp\x1f", lang="en")))
    graph.add((company, RDFS.label, Literal("이블\x08코프", lang="ko")))
    graph.add((pledge, RDF.type, SUMMIT.Pledge))
    graph.add((pledge, RDFS.label, Literal("Some\x00 Pledge", lang="en")))
    graph.add((company, SUMMIT.signed, pledge))
    return graph


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("view", ["entities", "signed"])
def test_network_file_is_well_formed_xml_with_a_control_character_in_a_name(
        fmt: str, view: str, controlled: Graph, tmp_path: Path) -> None:
    network = network_view(to_networkx(controlled), view)
    path = write_network(network, tmp_path / f"kg.{fmt}", fmt)
    text = ET.tostring(ET.parse(path).getroot(), encoding="unicode")
    assert "Evil Corp" in text and "이블코프" in text and "Some Pledge" in text
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert read.number_of_nodes() == 2 and read.number_of_edges() == 1


def test_network_file_keeps_tabs_and_newlines(tmp_path: Path) -> None:
    network = nx.Graph()
    network.add_node("a", label_en="two\tparts\nand lines")
    path = write_network(network, tmp_path / "kg.graphml")
    assert "two\tparts\nand lines" in path.read_text(encoding="utf-8")


# --- two builds of the same input are the same bytes ----------------------------------------

def test_writers_do_not_depend_on_the_order_of_the_triples() -> None:
    graph = Graph()
    for number in range(30):
        subject = URIRef(f"{ID}company/c{number % 3}")
        graph.add((subject, RDFS.label, Literal(f"name {number}", lang="en")))
        graph.add((subject, SUMMIT.signed, URIRef(f"{ID}pledge/p{number}")))
        graph.add((subject, RDF.type, SUMMIT.Company))
    triples = sorted(graph)
    name = URIRef(ID + "graph/one")
    one = ("".join(fast.iter_jsonld(triples, JSONLD_CONTEXT)), fast.nquads({name: triples}),
           fast.turtle(triples, JSONLD_CONTEXT), fast.trig({name: triples}, JSONLD_CONTEXT))
    triples.reverse()
    other = ("".join(fast.iter_jsonld(triples, JSONLD_CONTEXT)), fast.nquads({name: triples}),
             fast.turtle(triples, JSONLD_CONTEXT), fast.trig({name: triples}, JSONLD_CONTEXT))
    assert one == other


def test_two_builds_write_the_same_bytes(tmp_path: Path) -> None:
    articles = [str(path) for path in sorted(DEV.glob("*.txt"))[:4] + sorted(DEV.glob("*.txt"))[-4:]]
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "kg", "build", *articles, "--out", str(out),
                               "--quiet", "--workers", "1"],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(out)
    for name in ("kg.jsonld", "kg.nq", "kg.ttl", "kg.trig"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name
    assert run_query(Graph().parse(outputs[0] / "kg.ttl"), "signatories").rows
