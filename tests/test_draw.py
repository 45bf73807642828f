"""The interactive page without a browser: what the network holds, and what the HTML may contain.

The page in a real browser is tested in `test_browser.py`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

import kg.draw
from kg.build import Build, summarize
from kg.draw import (
    OVERVIEW,
    OVERVIEW_HIDDEN,
    embed_json,
    render_html,
    to_iframe,
    to_network,
    write_html,
)
from kg.errors import DrawError, StoreError
from kg.why import explain

ID = "https://w3id.org/ai-seoul-summit/id/"
SAMSUNG = ID + "company/samsung-electronics"
BUSINESS_PLEDGE = ID + "pledge/seoul-ai-business-pledge"


class _Tags(HTMLParser):
    """Every start tag of a document with its attributes, and the text of each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def page_data(page: str) -> dict[str, Any]:
    """The JSON the page's script reads, parsed as the browser would."""
    parser = parse(page)
    index = [attrs.get("id") for tag, attrs in parser.tags if tag == "script"].index("kg-data")
    data: dict[str, Any] = json.loads(parser.scripts[index])
    return data


@pytest.fixture(scope="module")
def seed_page(seed_graph: Graph) -> str:
    return render_html(seed_graph)


def test_every_entity_of_the_seed_is_a_node_of_its_class(seed_build: Build) -> None:
    network = to_network(seed_build.graph)
    drawn = Counter(node["class"] for node in network.nodes)
    for cls, count in summarize(seed_build.graph)["entities"].items():
        assert drawn[cls] == count, cls
    assert drawn["Commitment"] == 3
    assert len({node["id"] for node in network.nodes}) == len(network.nodes)


def test_every_signed_fact_is_an_edge_with_its_evidence_and_offsets(seed_graph: Graph) -> None:
    network = to_network(seed_graph)
    signed = [edge for edge in network.edges if edge["relation"] == "signed"]
    assert len(signed) == 18
    edge = next(e for e in signed if (e["from"], e["to"]) == (SAMSUNG, BUSINESS_PLEDGE))
    reasons = explain(seed_graph, SAMSUNG, "signed", BUSINESS_PLEDGE)
    assert [(e["start"], e["end"], e["text"]) for e in edge["evidence"]] == [
        (r.start, r.end, r.text) for r in reasons]
    assert edge["evidence"][0]["start"] == 2438
    assert edge["evidence"][0]["article"] == "000_c6224cea8f581afb.txt"
    assert edge["label"] == "signed" and edge["arrows"] == "to" and not edge["dashes"]


def test_edges_are_labelled_by_relation_and_catalogue_links_are_dashed(seed_graph: Graph) -> None:
    edges = to_network(seed_graph).edges
    relations = Counter(edge["relation"] for edge in edges)
    # 15 stated in sentences, and the reporter's with the outlet, stated by the byline
    assert relations["attended"] == 18 and relations["affiliatedWith"] == 16
    assert relations["parentOrganization"] == 5 and relations["superEvent"] == 4
    assert "mentions" not in relations and "type" not in relations
    assert all(edge["dashes"] for edge in edges if edge["relation"] == "parentOrganization")
    speaker = next(edge for edge in edges if edge["relation"] == "speaker")
    assert speaker["evidence"] and not speaker["dashes"]


def test_an_affiliation_edge_carries_the_title_as_written(seed_graph: Graph) -> None:
    edges = to_network(seed_graph).edges
    kwon = next(e for e in edges if e["relation"] == "affiliatedWith"
                and e["from"].endswith("/person/jason-kwon"))
    assert "최고전략책임자" in kwon["titles"]


def test_node_look_and_details(seed_graph: Graph) -> None:
    nodes = {node["id"]: node for node in to_network(seed_graph).nodes}
    samsung, pledge = nodes[SAMSUNG], nodes[BUSINESS_PLEDGE]
    assert (samsung["shape"], samsung["class"]) == ("square", "Company")
    assert pledge["shape"] == "diamond" and pledge["color"] != samsung["color"]
    assert samsung["wikidata"] == "Q20718"
    assert samsung["labels"] == {"en": "Samsung Electronics", "ko": "삼성전자",
                                 "shown": "Samsung Electronics"}
    counts = [fact for fact in pledge["facts"] if fact["relation"] == "statedSignatoryCount"]
    assert counts and counts[0]["value"] == "14" and counts[0]["evidence"]


@pytest.mark.parametrize(("lang", "label"), [("en", "Samsung Electronics"), ("ko", "삼성전자")])
def test_labels_are_in_the_chosen_language(seed_graph: Graph, lang: str, label: str) -> None:
    nodes = {node["id"]: node for node in to_network(seed_graph, lang=lang).nodes}  # type: ignore[arg-type]
    assert nodes[SAMSUNG]["label"] == label


def test_a_missing_label_falls_back_to_the_other_language_and_long_ones_are_cut() -> None:
    graph = Graph().parse(format="turtle", data="""
        @prefix summit: <https://w3id.org/ai-seoul-summit/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/ai-seoul-summit/id/company/x> a summit:Company ; rdfs:label "엑스"@ko .
        <https://w3id.org/ai-seoul-summit/id/quotation/q> a summit:Quotation ;
            <https://schema.org/text> "a very long quotation that goes on and on"@en .
    """)
    nodes = {node["id"].rsplit("/", 1)[-1]: node for node in to_network(graph).nodes}
    assert nodes["x"]["label"] == "엑스" and nodes["x"]["labels"]["en"] is None
    assert nodes["q"]["label"] == "a very long quo…"
    assert nodes["q"]["labels"]["shown"] == "a very long quotation that goes on and on"


def test_physics_stabilizes_with_a_fixed_seed(seed_graph: Graph) -> None:
    options = to_network(seed_graph).options
    assert options["physics"]["stabilization"]["enabled"] is True
    assert isinstance(options["layout"]["randomSeed"], int)


def test_a_large_graph_is_laid_out_with_less_effort(seed_graph: Graph) -> None:
    graph = Graph().parse(format="turtle", data="@prefix summit: "
                          "<https://w3id.org/ai-seoul-summit/ontology#> .\n" + "".join(
                              f"<{ID}company/c{n}> a summit:Company .\n" for n in range(200)))
    small, large = to_network(seed_graph).options, to_network(graph).options
    assert large["physics"]["stabilization"]["iterations"] < small["physics"]["stabilization"][
        "iterations"]
    assert small["layout"]["improvedLayout"] and not large["layout"]["improvedLayout"]


def test_an_overview_hides_the_texts_and_sizes_the_entities_by_degree(seed_graph: Graph) -> None:
    network = to_network(seed_graph, overview=True)
    hidden = {node["id"] for node in network.nodes if node.get("hidden")}
    assert {node["class"] for node in network.nodes if node["id"] in hidden} == set(OVERVIEW_HIDDEN)
    assert all(node["physics"] is False for node in network.nodes if node["id"] in hidden)
    for edge in network.edges:  # an edge is drawn when both its ends are
        assert edge.get("hidden", False) == bool({edge["from"], edge["to"]} & hidden)
    degree = Counter(end for edge in network.edges if not edge.get("hidden")
                     for end in (edge["from"], edge["to"]))
    shown = sorted((degree[node["id"]], node["font"]["size"], node["size"], node["class"])
                   for node in network.nodes if node["id"] not in hidden)
    fonts = [font for _, font, _, _ in shown]
    assert fonts == sorted(fonts) and fonts[0] < fonts[-1]
    people = sorted((d, size) for d, _, size, cls in shown if cls == "Person")
    assert [size for _, size in people] == sorted(size for _, size in people)
    assert people[0][1] < people[-1][1]


def test_a_small_graph_opens_on_everything_a_large_one_on_its_entities(seed_graph: Graph) -> None:
    seed = to_network(seed_graph)
    assert len(seed.nodes) <= OVERVIEW
    assert not any(node.get("hidden") or "font" in node for node in seed.nodes)
    assert "scaling" not in seed.options["nodes"]
    data = page_data(render_html(seed_graph))
    assert data["hiddenClasses"] == [] and data["overview"] is False
    graph = Graph().parse(format="turtle", data="@prefix summit: "
                          "<https://w3id.org/ai-seoul-summit/ontology#> .\n" + "".join(
                              f"<{ID}company/c{n}> a summit:Company .\n" for n in range(90))
                          + "".join(f"<{ID}quotation/q{n}> a summit:Quotation .\n"
                                    for n in range(OVERVIEW + 1 - 90)))
    data = page_data(render_html(graph))
    assert data["hiddenClasses"] == ["Quotation"] and data["overview"] is True
    assert data["options"]["nodes"]["scaling"]["label"]["drawThreshold"] > 10
    assert all("font" in node for node in data["nodes"] if node["class"] == "Company")
    assert not page_data(render_html(graph, overview=False))["hiddenClasses"]


def test_the_page_says_how_to_mend_korean_drawn_as_boxes(seed_page: str) -> None:
    words = page_words(seed_page)
    assert 'data-ui="fonts"' in seed_page
    for lang in ("en", "ko"):
        assert "fonts-noto-cjk" in words[lang]["fonts"] and "Noto Sans CJK" in words[lang]["fonts"]


def test_the_page_loads_nothing_from_outside(seed_page: str) -> None:
    parser = parse(seed_page)
    linked = [(tag, attrs) for tag, attrs in parser.tags
              if {"src", "href"} & set(attrs) or tag in ("link", "iframe", "img")]
    assert linked == []
    assert [attrs.get("id") for tag, attrs in parser.tags if tag == "script"] == [
        "kg-words", "kg-data", None, None]
    assert "vis.Network" in parser.scripts[3] and len(parser.scripts[2]) > 100_000
    csp = next(attrs["content"] for tag, attrs in parser.tags
               if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp


def resolved(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The page's nodes and edges with each evidence number replaced by the item it names,
    as the page's script reads them."""

    def items(numbers: list[int]) -> list[dict[str, Any]]:
        rows = [data["evidence"][n] for n in numbers]
        return [{"article": a, "start": s, "end": e, "text": data["texts"][t]}
                for a, s, e, t in rows]

    nodes = [{**node, "evidence": items(node["evidence"]),
              "facts": [{**fact, "evidence": items(fact["evidence"])} for fact in node["facts"]]}
             for node in data["nodes"]]
    return nodes, [{**edge, "evidence": items(edge["evidence"])} for edge in data["edges"]]


def test_the_page_data_is_the_network(seed_graph: Graph, seed_page: str) -> None:
    network = to_network(seed_graph)
    data = page_data(seed_page)
    assert resolved(data) == (network.nodes, network.edges)
    assert data["lang"] == "en"
    assert {c["name"] for c in data["classes"]} == {n["class"] for n in network.nodes}


def test_render_is_deterministic(seed_graph: Graph, seed_page: str) -> None:
    assert render_html(seed_graph) == seed_page


def test_korean_page_has_korean_words(seed_graph: Graph) -> None:
    page = render_html(seed_graph, lang="ko")
    assert '<html lang="ko">' in page and "<title>AI 서울 정상회의 지식 그래프</title>" in page
    assert page_data(page)["lang"] == "ko"


def page_words(page: str) -> dict[str, dict[str, str]]:
    parser = parse(page)
    index = [attrs.get("id") for tag, attrs in parser.tags if tag == "script"].index("kg-words")
    words: dict[str, dict[str, str]] = json.loads(parser.scripts[index])
    return words


def test_the_page_has_every_word_it_uses_in_both_languages(seed_page: str) -> None:
    words = page_words(seed_page)
    template = parse(seed_page).scripts[3]
    used = set(re.findall(r"\bui\.(\w+)", template))
    used |= set(re.findall(r'data-ui="(\w+)"', seed_page))
    assert used and set(words["en"]) == set(words["ko"]) == used
    assert words["ko"]["search"] == "검색"


def test_unknown_language_is_an_error(seed_graph: Graph) -> None:
    with pytest.raises(DrawError, match="'fr': unknown language"):
        render_html(seed_graph, lang="fr")  # type: ignore[arg-type]


PROBES = ["</script><script>kgProbe=1</script>", "<img src=x onerror=alert(1)>", "<!--", "]]>"]


def test_article_text_cannot_end_the_data_script() -> None:
    text = embed_json({"text": "".join(PROBES), "line": "\u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"text": "".join(PROBES), "line": "\u2028"}


def test_a_probe_in_an_article_stays_data_in_the_page() -> None:
    graph = Graph().parse(format="turtle", data=f"""
        @prefix summit: <https://w3id.org/ai-seoul-summit/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/ai-seoul-summit/id/company/x> a summit:Company ;
            rdfs:label {json.dumps("".join(PROBES))}@en .
    """)
    page = render_html(graph)
    assert "<img" not in page and "kgProbe=1</script>" not in page
    assert len(parse(page).scripts) == 4
    assert page_data(page)["nodes"][0]["labels"]["en"] == "".join(PROBES)


def test_missing_vis_script_is_a_draw_error(seed_graph: Graph,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.draw, "_VIS_SCRIPT", "no-such-script.js")
    with pytest.raises(DrawError, match=r"no-such-script\.js not found"):
        render_html(seed_graph)


def test_write_html_writes_the_page(tmp_path: Path, seed_page: str) -> None:
    path = write_html(seed_page, tmp_path / "deep" / "graph.html")
    assert path.read_text(encoding="utf-8") == seed_page
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]


def test_write_html_into_a_file_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot write"):
        write_html("<p>", tmp_path / "file" / "graph.html")


def test_iframe_srcdoc_gives_back_the_page_exactly(seed_page: str) -> None:
    frame = to_iframe(seed_page, height=500)
    tags = parse(frame).tags
    assert [tag for tag, _ in tags] == ["div", "iframe"]
    assert tags[1][1]["srcdoc"] == seed_page
    assert "height:500px" in (tags[1][1]["style"] or "")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draw-cli")
    result = run("build", "--quiet", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_build_writes_the_page_beside_the_graph(built: Path, seed_page: str) -> None:
    assert (built / "out" / "graph.html").read_text(encoding="utf-8") == seed_page


def test_draw_writes_a_korean_page(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run("draw", "--graph", str(built / "out" / "kg.ttl"), "--out", str(out),
                 "--lang", "ko", cwd=built)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}"
    labels = {n["labels"]["shown"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert {"삼성전자", "서울 AI 기업 서약", "앤트로픽"} <= labels


def test_draw_defaults_to_out(built: Path) -> None:
    page = built / "out" / "graph.html"
    page.unlink()
    result = run("draw", cwd=built)
    assert result.returncode == 0, result.stderr
    assert page_data(page.read_text(encoding="utf-8"))["lang"] == "en"


def test_draw_without_a_graph_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("draw", "--graph", "nowhere.ttl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == ("kg draw: error: nowhere.ttl: no such graph file; "
                                     "run `kg build` first")
    assert not (tmp_path / "out").exists()


def test_draw_rejects_an_unknown_language(tmp_path: Path) -> None:
    result = run("draw", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'fr'" in result.stderr


def test_draw_help_names_its_options() -> None:
    result = run("draw", "--help", cwd=Path.cwd())
    assert result.returncode == 0
    assert all(option in result.stdout for option in ("--graph", "--out", "--lang"))


def test_failed_build_leaves_an_earlier_page_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.html").write_text("stale", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("build", str(tmp_path / "empty.txt"), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1
    # A failed build leaves what was there as it was (issue 11), a stale page included.
    assert list(out.iterdir()) == [out / "graph.html"]
    assert (out / "graph.html").read_text(encoding="utf-8") == "stale"


def test_an_articles_headline_is_in_the_page_once_not_once_per_evidence(tmp_path: Path) -> None:
    from kg.build import build_graph
    from kg.loader import seed_path

    text = seed_path().read_text(encoding="utf-8")
    headline = text.split("\n", 1)[0]
    long = headline + " " + " ".join(f"덧붙임{n}" for n in range(30))  # a long first line
    (tmp_path / "long.txt").write_text(text.replace(headline, long, 1), encoding="utf-8")
    graph = build_graph([tmp_path / "long.txt"]).graph
    page = render_html(graph)
    data = page_data(page)
    assert [h.endswith("덧붙임29") for h in data["headlines"].values()] == [True]
    evidence = [item for edge in resolved(data)[1] for item in edge["evidence"]]
    assert len(evidence) > 30 and not any("headline" in item for item in evidence)
    # The headline table and the article's own node (label, tooltip, values), whatever the
    # number of evidence items: before, each of them carried it too.
    assert page.count("덧붙임29") < 10 < len(evidence)


# One sentence that states sixteen signatures, a count and more: long, as lists of names are.
MANY_FACTS = (
    "[서울=테스트뉴스] 홍길동 기자 = 국내외 AI 기업 16곳이 '서울 AI 기업 서약'에 서명했다.\n\n"
    "과학기술정보통신부는 22일 서울에서 열린 'AI 글로벌 포럼'에서 삼성전자, 네이버, 카카오, "
    "LG AI연구원, SK텔레콤, KT, 구글, 오픈AI, 마이크로소프트, 앤트로픽, IBM, 세일즈포스, 코히어, "
    "어도비, 아마존, 메타 등 16개 기업이 책임 있는 AI 개발과 활용, 지속 가능한 발전과 혁신 추구, "
    "AI 혜택의 공정한 공유라는 세 가지 원칙을 담은 '서울 AI 기업 서약'에 서명했으며 기업들은 "
    "앞으로 안전 연구와 위험 평가 체계를 강화하고 그 결과를 정기적으로 공개하기로 했고 정부는 "
    "기업별 이행 상황을 점검할 별도 협의체를 꾸려 연말까지 첫 점검 결과를 내놓을 계획이라고 "
    "밝혔다.\n")
MANY_FACTS_MARK = "별도 협의체를 꾸려 연말까지"  # words of that sentence alone


def many_facts_graph(folder: Path) -> Graph:
    from kg.build import build_graph

    (folder / "many.txt").write_text(MANY_FACTS, encoding="utf-8")
    return build_graph([folder / "many.txt"]).graph


def test_a_sentence_that_states_many_facts_is_in_the_page_once(tmp_path: Path) -> None:
    graph = many_facts_graph(tmp_path)
    page = render_html(graph)
    nodes, edges = resolved(page_data(page))
    stated = [item["text"] for edge in edges for item in edge["evidence"]]
    stated += [item["text"] for node in nodes for fact in node["facts"]
               for item in fact["evidence"]]
    sentence = next(text for text in stated if MANY_FACTS_MARK in text)
    signed = [edge for edge in edges if edge["relation"] == "signed"]
    assert len(signed) == 16
    # Each fact still shows the whole sentence...
    assert all([item["text"] for item in edge["evidence"]] == [sentence] for edge in signed)
    assert stated.count(sentence) > 16
    # ... and the page holds it once (before, once per fact: 17 times).
    assert page.count(MANY_FACTS_MARK) == 1
    assert len(page_data(page)["texts"]) == len(set(stated))


def test_evidence_numbers_name_one_table_in_article_order(seed_page: str) -> None:
    data = page_data(seed_page)
    rows = [tuple(row) for row in data["evidence"]]
    assert rows == sorted(set(rows), key=lambda row: (row[0], row[1], row[2], data["texts"][row[3]]))
    assert sorted({row[3] for row in rows}) == list(range(len(data["texts"])))
    used = {n for edge in data["edges"] for n in edge["evidence"]}
    used |= {n for node in data["nodes"] for n in node["evidence"]}
    used |= {n for node in data["nodes"] for fact in node["facts"] for n in fact["evidence"]}
    assert used == set(range(len(rows)))
