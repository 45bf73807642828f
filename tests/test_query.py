"""Named SPARQL queries: right rows on the seed (against the hand-written gold), every output
format read back, parameters bound as values, and one-line errors for what users get wrong."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.cli import main
from kg.errors import QueryError
from kg.graph import ID
from kg.loader import Article
from kg.query import (
    ResultFormat,
    format_result,
    named_queries,
    parse_query,
    read_query,
    run_query,
    text_table,
)
from kg.why import explain
from ontology import SUMMIT

BUSINESS, FRONTIER = "Seoul AI Business Pledge", "Frontier AI Safety Commitments"
# The catalogue's parent links among the gold's organizations (a person there counts
# for the parent's signatures).
PARENTS = {"Naver Cloud": "Naver", "Google DeepMind": "Google"}


def rows(graph: Graph, query: str, lang: str = "en", **params: str) -> list[dict[str, str]]:
    return run_query(graph, query, params=params, lang=lang).records(lang)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def graph_file(seed_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("query") / "kg.ttl"
    seed_graph.serialize(path, format="turtle")
    return str(path)


def kg_query(graph_file: str, capsys: pytest.CaptureFixture[str],
             *args: str) -> tuple[int, str, str]:
    code = main(["query", *args, "--graph", graph_file])
    out, err = capsys.readouterr()
    return code, out, err


# --- every named query against the gold ----------------------------------------------------

def test_every_named_query_is_described_runs_and_declares_real_variables(seed_graph: Graph) -> None:
    queries = named_queries()
    assert {"signatories", "signed-both", "attendees", "signatory-people", "quotes", "events",
            "evidence"} <= set(queries)
    for name, query in queries.items():
        assert query.description and not query.description.startswith("#"), name
        for parameter in query.parameters:
            assert re.search(rf"\?{parameter.name}\b", query.text), (name, parameter.name)
        assert len(run_query(seed_graph, name)) > 0, name


@pytest.mark.parametrize("pledge, name", [
    (BUSINESS, BUSINESS), ("서울 AI 기업 서약", BUSINESS), ("서울기업서약", BUSINESS),
    (FRONTIER, FRONTIER), ("프론티어 AI 안전 서약", FRONTIER),
    (str(ID["pledge/frontier-ai-safety-commitments"]), FRONTIER),
])
def test_signatories_are_the_gold_signatories(seed_graph: Graph, seed_gold: dict[str, Any],
                                              pledge: str, name: str) -> None:
    found = rows(seed_graph, "signatories", pledge=pledge)
    assert {row["pledge"] for row in found} == {name}
    want = sorted(item["org"] for item in seed_gold["signed"] if item["pledge"] == name)
    assert sorted(row["organization"] for row in found) == want


def test_signatories_of_every_pledge(seed_graph: Graph, seed_gold: dict[str, Any]) -> None:
    found = {(row["organization"], row["pledge"]) for row in rows(seed_graph, "signatories")}
    assert found == {(item["org"], item["pledge"]) for item in seed_gold["signed"]}


def test_signed_both(seed_graph: Graph, seed_gold: dict[str, Any]) -> None:
    found = rows(seed_graph, "signed-both")
    by_pledge = {p: {i["org"] for i in seed_gold["signed"] if i["pledge"] == p}
                 for p in (BUSINESS, FRONTIER)}
    assert [row["organization"] for row in found] == ["Google", "Microsoft", "Samsung Electronics"]
    assert {row["organization"] for row in found} == by_pledge[BUSINESS] & by_pledge[FRONTIER]
    assert {row["pledges"] for row in found} == {"2"}


@pytest.mark.parametrize("event", ["AI Global Forum", "AI Global Forum opening ceremony",
                                   "AI Seoul Summit"])
def test_attendees_with_organization_and_title_are_the_gold(
        seed_graph: Graph, seed_gold: dict[str, Any], event: str) -> None:
    affiliation = {item["person"]: (item["org"], item["title"])
                   for item in seed_gold["affiliation"]}
    want = {(item["person"], *affiliation[item["person"]]) for item in seed_gold["attended"]
            if item["event"] == event}
    found = rows(seed_graph, "attendees", event=event)
    assert {(r["person"], r["organization"], r["title"]) for r in found} == want
    assert {r["event"] for r in found} == {event}


def test_attendees_are_not_inherited_from_sub_events_or_passed_up(seed_graph: Graph) -> None:
    forum = {r["person"] for r in rows(seed_graph, "attendees", event="AI Global Forum")}
    ceremony = {r["person"] for r in rows(seed_graph, "attendees", event="포럼 개회식")}
    summit = {r["person"] for r in rows(seed_graph, "attendees", event="AI Seoul Summit")}
    assert ceremony == {"Han Duck-soo", "Lee Jong-ho", "Cho Tae-yul"} and ceremony < forum
    assert summit == {"Lee Jae-yong"}


def test_attendees_in_korean_show_the_title_as_written(seed_graph: Graph) -> None:
    found = rows(seed_graph, "attendees", lang="ko", event="AI 글로벌 포럼 개회식")
    assert {(r["person"], r["organization"], r["title"]) for r in found} == {
        ("한덕수", "대한민국 정부", "국무총리"), ("이종호", "과학기술정보통신부", "장관"),
        ("조태열", "외교부", "장관")}


def test_signatory_people(seed_graph: Graph, seed_gold: dict[str, Any]) -> None:
    signed: dict[str, set[str]] = {}
    for item in seed_gold["signed"]:
        signed.setdefault(item["org"], set()).add(item["pledge"])
    want = set()
    for item in seed_gold["affiliation"]:
        signatory = item["org"] if item["org"] in signed else PARENTS.get(item["org"])
        for pledge in signed.get(signatory or "", ()):
            want.add((item["person"], item["org"], signatory, pledge))
    found = {(r["person"], r["organization"], r["signatory"], r["pledge"])
             for r in rows(seed_graph, "signatory-people")}
    assert found == want
    assert ("Tom Lue", "Google DeepMind", "Google", FRONTIER) in found
    frontier = {r["person"] for r in rows(seed_graph, "signatory-people", pledge=FRONTIER)}
    assert frontier == {"Lee Jae-yong", "Natasha Crampton", "Rob Sherman", "Tom Lue"}


def test_quotes_of_han_duck_soo_with_their_sentences(seed_graph: Graph,
                                                    seed_article: Article) -> None:
    found = rows(seed_graph, "quotes", person="한덕수")
    assert len(found) == 3
    assert found[0]["quote"].startswith("안전한 기능이 글로벌 시장에서")
    assert found[1]["quote"].startswith("다양한 국가와 이해관계자")
    for row in found:
        assert row["person"] == "Han Duck-soo" and row["event"] == "AI Global Forum"
        assert row["quote"] in row["sentence"]
        assert seed_article.text[int(row["start"]):int(row["end"])] == row["sentence"]
        assert row["article"] == Path(seed_article.source).name


def test_events_with_dates_places_and_sub_events(seed_graph: Graph) -> None:
    events = {r["event"]: r for r in rows(seed_graph, "events")}
    forum = events["AI Global Forum"]
    assert (forum["start"], forum["end"]) == ("2024-05-22", "2024-05-22")
    assert "KIST" in forum["place"] and forum["partOf"] == "AI Seoul Summit"
    assert events["AI Global Forum opening ceremony"]["partOf"] == "AI Global Forum"
    summit = events["AI Seoul Summit"]
    assert (summit["start"], summit["end"]) == ("2024-05-21", "2024-05-22")
    assert summit["place"] == "Seoul"
    assert next(iter(events)) == "AI Seoul Summit"  # earliest first


@pytest.mark.parametrize("subject, relation, obj", [
    ("엔트로픽", "signed", BUSINESS),
    ("Samsung Electronics", "signed", FRONTIER),
    ("Han Duck-soo", "attended", "AI Global Forum"),
    ("Jason Kwon", "affiliatedWith", "OpenAI"),
    (BUSINESS, "statedSignatoryCount", "14"),
])
def test_evidence_is_what_kg_why_gives(seed_graph: Graph, subject: str, relation: str,
                                       obj: str) -> None:
    found = rows(seed_graph, "evidence", subject=subject, relation=relation, object=obj)
    reasons = explain(seed_graph, subject, relation, obj)
    assert reasons
    assert [(int(r["start"]), int(r["end"]), r["sentence"]) for r in found] == [
        (reason.start, reason.end, reason.text) for reason in reasons]


def test_pledges_keep_stated_and_named_counts_apart(seed_graph: Graph,
                                                    seed_gold: dict[str, Any]) -> None:
    found = {r["pledge"]: (r["stated"], r["named"]) for r in rows(seed_graph, "pledges")}
    named = {item["pledge"]: 0 for item in seed_gold["stated_counts"]}
    for item in seed_gold["signed"]:
        named[item["pledge"]] += 1
    want = {item["pledge"]: (str(item["count"]), str(named[item["pledge"]]))
            for item in seed_gold["stated_counts"]}
    assert found == want


# --- output formats ------------------------------------------------------------------------

def test_csv_and_tsv_read_back(seed_graph: Graph) -> None:
    result = run_query(seed_graph, "attendees")
    records = result.records()
    parsed = list(csv.DictReader(io.StringIO(format_result(result, "csv"))))
    assert parsed == records
    lines = format_result(result, "tsv").splitlines()
    assert lines[0].split("\t") == list(result.variables)
    cells = [line.split("\t") for line in lines[1:]]
    assert [dict(zip(result.variables, row, strict=True)) for row in cells] == records


def test_json_is_sparql_results_json(seed_graph: Graph) -> None:
    result = run_query(seed_graph, "quotes", params={"person": "Han Duck-soo"})
    document = json.loads(format_result(result, ResultFormat.JSON))
    assert document["head"]["vars"] == ["person", "quote", "event", "article", "start", "end",
                                        "sentence"]
    bindings = document["results"]["bindings"]
    assert len(bindings) == 3
    assert bindings[0]["person"] == {"type": "uri", "value": str(ID["person/han-duck-soo"])}
    assert bindings[0]["quote"]["xml:lang"] == "ko"
    assert bindings[0]["start"]["datatype"].endswith("#nonNegativeInteger")
    ask = json.loads(format_result(run_query(seed_graph, "ASK { ?s summit:signed ?o }"), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_construct_gives_turtle_and_json_ld(seed_graph: Graph) -> None:
    result = run_query(seed_graph, "CONSTRUCT { ?o summit:signed ?p } WHERE { ?o summit:signed ?p }")
    turtle = Graph().parse(data=format_result(result, "table"), format="turtle")
    assert len(turtle) == len(list(seed_graph.triples((None, SUMMIT.signed, None))))
    document = json.loads(format_result(result, "json"))  # JSON-LD, expanded
    assert sum(len(node.get(str(SUMMIT.signed), [])) for node in document) == len(turtle)


def test_markdown_table(seed_graph: Graph) -> None:
    text = format_result(run_query(seed_graph, "signed-both"), "markdown")
    assert text.splitlines() == [
        "| organization | pledges |", "| --- | --- |",
        "| Google | 2 |", "| Microsoft | 2 |", "| Samsung Electronics | 2 |"]


def test_table_lines_up_korean_columns(seed_graph: Graph) -> None:
    text = format_result(run_query(seed_graph, "signed-both", lang="ko"), "table", lang="ko")
    lines = text.splitlines()
    assert lines[-1] == "(3 rows)"

    def column_of(line: str, cell: str) -> int:
        before = line[:line.index(cell)]
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in before)

    assert {column_of(line, "2") for line in lines[2:-1]} == {column_of(lines[0], "pledges")}
    assert text_table(["a"], []) == "a\n-"


def test_lang_ko_shows_korean_labels(graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = kg_query(graph_file, capsys, "signatories", "--lang", "ko", "--format", "csv",
                            "-p", f"pledge={FRONTIER}")
    assert code == 0
    assert [row["organization"] for row in csv.DictReader(io.StringIO(out))] == [
        "구글", "메타", "마이크로소프트", "삼성전자"]
    assert "Google" not in out and "프론티어 AI 안전 서약" in out
    _, english, _ = kg_query(graph_file, capsys, "signatories", "-p", f"pledge={FRONTIER}")
    assert "Google" in english and "구글" not in english


# --- where a query comes from, and what goes wrong ----------------------------------------

def test_list_shows_every_named_query_with_its_description(
        graph_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "--list"])
    out = capsys.readouterr().out
    assert code == 0
    for name, query in named_queries().items():
        line = next(line for line in out.splitlines() if line.startswith(name + " "))
        assert query.description in line
        assert all(parameter.name in line for parameter in query.parameters)


def test_query_from_file_stdin_and_text(graph_file: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("# Who signed a pledge.\n# param pledge (entity): the pledge\n"
            "SELECT ?org WHERE { ?org summit:signed ?pledge } ORDER BY ?org\n")
    path = tmp_path / "who.rq"
    path.write_text(text, encoding="utf-8")
    assert read_query(path).description == "Who signed a pledge."
    code, out, err = kg_query(graph_file, capsys, str(path), "-p", f"pledge={FRONTIER}",
                              "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == ["org", "Google", "Meta", "Microsoft", "Samsung Electronics"]
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    options = ("-p", f"pledge={FRONTIER}", "--format", "csv")
    assert kg_query(graph_file, capsys, "-", *options)[1] == out
    assert kg_query(graph_file, capsys, text, *options)[1] == out


def test_unknown_query_name_lists_the_names(graph_file: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = kg_query(graph_file, capsys, "signed-bot")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "signed-bot" in err
    assert all(name in err for name in named_queries())


BAD_SPARQL = [
    ("SELECT ?x WHERE {\n  ?x summit:signed ?y .\n  FILTER(?x = )\n}", "line 3, column 3"),
    ("SELECT ?x WHERE { ?x summit:signed ?y } LIMIT ten", "line 1, column 41"),
    ("SELECT ?x WHERE {\n  ?x nope:signed ?y\n}", "line 2, column 6"),
    ("SELEC ?x WHERE { ?x ?p ?y }", "line 1, column 1"),
]


@pytest.mark.parametrize("text, where", BAD_SPARQL)
def test_bad_sparql_is_one_line_with_line_and_column(
        graph_file: str, capsys: pytest.CaptureFixture[str], text: str, where: str) -> None:
    code, out, err = kg_query(graph_file, capsys, text)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and where in err and "Traceback" not in err


@pytest.mark.parametrize("params, message", [
    ({"pledge": "Nobody's Pledge"}, "no entity with that name"),
    ({"event": "AI Global Forum"}, "it takes pledge"),
])
def test_bad_parameter_is_an_error_naming_it(seed_graph: Graph, params: dict[str, str],
                                             message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(seed_graph, "signatories", params=params)


INJECTIONS = [
    'x" } UNION { ?organization ?p ?pledge } #',
    'Meta" || "a" = "a',
    "x' } ?organization ?p ?pledge { '",
    '"}} SELECT * WHERE {{ ?s ?p ?o',
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_parameter_cannot_change_the_query(seed_graph: Graph, graph_file: str,
                                             capsys: pytest.CaptureFixture[str],
                                             value: str) -> None:
    code, out, err = kg_query(graph_file, capsys, "signatories", "-p", f"pledge={value}")
    assert code == 1 and out == "" and "no entity with that name" in err
    by_text = parse_query("# Things with this English name.\n# param name (text): the name\n"
                          "SELECT ?thing WHERE { ?thing rdfs:label ?label "
                          'FILTER(STR(?label) = ?name && lang(?label) = "en") }')
    meta = run_query(seed_graph, by_text, params={"name": "Meta"})
    assert [row["thing"] for row in meta.records()] == ["Meta"]
    assert len(run_query(seed_graph, by_text, params={"name": value})) == 0


def test_a_parameter_value_may_contain_equals_signs(graph_file: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = kg_query(graph_file, capsys, "SELECT ?v WHERE { BIND(?x AS ?v) }", "-p", "x=a=b",
                            "--format", "csv")
    assert code == 0 and out.split() == ["v", "a=b"]


def test_missing_query_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["query"])
    assert exit_.value.code == 2
