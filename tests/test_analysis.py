"""The graph as a networkx network: attributes, views, measures, bridges and Gephi files."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from kg.analysis import (
    bipartite_view,
    bridges,
    centrality,
    co_signatures,
    network_view,
    to_networkx,
    write_network,
)
from kg.cli import main
from kg.graph import ID

PREFIXES = """
@prefix summit: <https://w3id.org/ai-seoul-summit/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix event: <https://w3id.org/ai-seoul-summit/id/event/> .
@prefix person: <https://w3id.org/ai-seoul-summit/id/person/> .
@prefix company: <https://w3id.org/ai-seoul-summit/id/company/> .
"""


@pytest.fixture(scope="module")
def network(seed_graph: Graph) -> nx.MultiDiGraph:
    return to_networkx(seed_graph)


def english(network: nx.Graph, nodes: Any) -> set[str]:
    return {network.nodes[node]["label_en"] for node in nodes}


def test_nodes_carry_class_labels_and_wikidata(network: nx.MultiDiGraph) -> None:
    google = network.nodes[str(ID["company/google"])]
    assert google == {"class": "Company", "label_ko": "구글", "label_en": "Google",
                      "wikidata": "Q95"}
    assert network.nodes[str(ID["company/lg-ai-research"])]["class"] == "ResearchInstitute"
    for _, data in network.nodes(data=True):
        assert set(data) == {"class", "label_ko", "label_en", "wikidata"}
        assert data["label_en"] or data["label_ko"]
    assert not any(str(node).startswith(str(ID["evidence/"])) for node in network)


def test_edges_are_relations_with_their_evidence_count(network: nx.MultiDiGraph) -> None:
    samsung = str(ID["company/samsung-electronics"])
    frontier = str(ID["pledge/frontier-ai-safety-commitments"])
    edge = network.edges[samsung, frontier, "signed"]
    assert edge["predicate"] == "https://w3id.org/ai-seoul-summit/ontology#signed"
    assert edge["evidence"] == 1
    naver_cloud, naver = str(ID["company/naver-cloud"]), str(ID["company/naver"])
    assert network.edges[naver_cloud, naver, "parentOrganization"]["evidence"] == 0


def test_bipartite_views_are_the_gold_signatures_and_attendance(
        network: nx.MultiDiGraph, seed_gold: dict[str, Any]) -> None:
    signed = bipartite_view(network, "signed")
    edges = [sorted(edge, key=lambda node: signed.nodes[node]["bipartite"])
             for edge in signed.edges()]
    assert {(signed.nodes[org]["label_en"], signed.nodes[pledge]["label_en"])
            for org, pledge in edges} == {(item["org"], item["pledge"]) for item in seed_gold["signed"]}
    organizations = [n for n, side in signed.nodes(data="bipartite") if side == 0]
    assert english(signed, organizations) == {item["org"] for item in seed_gold["signed"]}
    attended = bipartite_view(network, "attended")
    people = [n for n, side in attended.nodes(data="bipartite") if side == 0]
    events = [n for n, side in attended.nodes(data="bipartite") if side == 1]
    assert english(attended, people) == {item["person"] for item in seed_gold["attended"]}
    assert english(attended, events) == {item["event"] for item in seed_gold["attended"]}
    assert attended.number_of_edges() == len(seed_gold["attended"])


def test_co_signature_weights_are_shared_pledges(network: nx.MultiDiGraph,
                                                 seed_gold: dict[str, Any]) -> None:
    pairs = co_signatures(network)
    samsung, google = str(ID["company/samsung-electronics"]), str(ID["company/google"])
    assert pairs.edges[samsung, google]["weight"] == 2
    pledges: dict[str, set[str]] = {}
    for item in seed_gold["signed"]:
        pledges.setdefault(item["org"], set()).add(item["pledge"])
    want = {frozenset((a, b)): len(pledges[a] & pledges[b])
            for a, b in combinations(pledges, 2) if pledges[a] & pledges[b]}
    found = {frozenset((pairs.nodes[u]["label_en"], pairs.nodes[v]["label_en"])): weight
             for u, v, weight in pairs.edges(data="weight")}
    assert found == want


def test_centrality(network: nx.MultiDiGraph) -> None:
    ranked = centrality(network)
    assert network.nodes[ranked[0].node]["label_en"] == "AI Global Forum"
    assert len(ranked) == network.number_of_nodes()
    simple = nx.Graph(network.to_undirected())
    for row in ranked:
        assert row.degree == len(set(simple[row.node]))
        assert row.degree_centrality == pytest.approx(row.degree / (len(simple) - 1))
        if row.degree <= 1:
            assert row.betweenness == 0


def test_bridges_between_the_pledges(network: nx.MultiDiGraph) -> None:
    found = {network.nodes[b.node]["label_en"]: english(network, b.via)
             for b in bridges(network, "Pledge")}
    assert found == {"Samsung Electronics": set(), "Google": set(), "Microsoft": set(),
                     "Lee Jae-yong": {"Samsung Electronics"}, "Natasha Crampton": {"Microsoft"},
                     "Tom Lue": {"Google"}}
    for bridge in bridges(network, "Pledge"):
        assert english(network, bridge.links) == {"Seoul AI Business Pledge",
                                                  "Frontier AI Safety Commitments"}


def test_no_bridge_between_an_event_and_its_parts_on_the_seed(network: nx.MultiDiGraph) -> None:
    assert bridges(network, "Event") == []


def test_bridges_between_events_that_are_not_parts_of_each_other() -> None:
    graph = Graph().parse(format="turtle", data=PREFIXES + """
        event:summit a summit:Event ; rdfs:label "Summit"@en .
        event:forum a summit:Event ; rdfs:label "Forum"@en ; schema:superEvent event:summit .
        event:ceremony a summit:Event ; rdfs:label "Ceremony"@en ;
            schema:superEvent event:forum .
        event:session a summit:Event ; rdfs:label "Session"@en ;
            schema:superEvent event:summit .
        person:kim a summit:Person ; rdfs:label "Kim"@en ;
            summit:attended event:forum, event:ceremony ; summit:affiliatedWith company:x .
        person:lee a summit:Person ; rdfs:label "Lee"@en ;
            summit:attended event:session ; summit:affiliatedWith company:x .
        person:park a summit:Person ; rdfs:label "Park"@en ;
            summit:attended event:ceremony, event:session .
        company:x a summit:Company ; rdfs:label "X"@en .
    """)
    network = to_networkx(graph)
    found = {network.nodes[b.node]["label_en"]:
             (english(network, b.links), english(network, b.via))
             for b in bridges(network, "Event")}
    assert found == {"Park": ({"Ceremony", "Session"}, set()),
                     "X": ({"Ceremony", "Session"}, {"Kim", "Lee"})}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("view", ["entities", "co-signatures"])
def test_exported_files_read_back_the_same(network: nx.MultiDiGraph, tmp_path: Path,
                                           fmt: str, view: str) -> None:
    original = network_view(network, view)
    path = write_network(original, tmp_path / f"kg.{fmt}", fmt)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == original.number_of_nodes()
    assert back.number_of_edges() == original.number_of_edges()
    samsung = str(ID["company/samsung-electronics"])
    assert back.nodes[samsung]["label_ko"] == "삼성전자"
    assert back.nodes[samsung]["label"] == "Samsung Electronics"
    if view == "co-signatures":
        assert int(back.edges[samsung, str(ID["company/google"])]["weight"]) == 2
    else:
        assert back.nodes[samsung]["wikidata"] == "Q20718"
        assert back.nodes[str(ID["company/adobe"])]["wikidata"] == ""  # None, made GraphML-safe


def test_stats_command_prints_the_tables(seed_graph: Graph, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    graph_file = tmp_path / "kg.ttl"
    seed_graph.serialize(graph_file, format="turtle")
    assert main(["stats", "--graph", str(graph_file), "--top", "3"]) == 0
    out = capsys.readouterr().out
    for section in ("Most central entities", "Co-signatures", "Bridges between pledges",
                    "Bridges between events"):
        assert section in out
    assert "Natasha Crampton" in out.split("Bridges between pledges")[1]
    assert main(["stats", "--graph", str(graph_file), "--lang", "ko"]) == 0
    assert "나타샤 크램튼" in capsys.readouterr().out


def test_export_command_writes_a_file_gephi_opens(seed_graph: Graph, tmp_path: Path,
                                                  seed_gold: dict[str, Any],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    graph_file = tmp_path / "kg.ttl"
    seed_graph.serialize(graph_file, format="turtle")
    out = tmp_path / "net" / "signed.gexf"
    assert main(["export", "--graph", str(graph_file), "--format", "gexf", "--view", "signed",
                 "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    signers = {item["org"] for item in seed_gold["signed"]}
    pledges = {item["pledge"] for item in seed_gold["signed"]}
    assert nx.read_gexf(out).number_of_nodes() == len(signers) + len(pledges)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert main(["export", "--graph", str(graph_file), "--out", str(blocked / "kg.graphml")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
