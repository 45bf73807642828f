"""The interactive page in real headless Chromium (Debian's, driven by Playwright).

Without a browser these tests skip locally and fail under CI (the environment variable CI
set), where `.ci/run` installs Debian's chromium. A screenshot of the seed page is kept in
``test-artifacts/graph.png``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.build import build_graph
from kg.draw import LABEL_PX, OVERVIEW, OVERVIEW_HIDDEN, render_html, write_html
from kg.loader import seed_path

from .test_draw import MANY_FACTS_MARK, many_facts_graph

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/ai-seoul-summit/id/"
SAMSUNG = ID + "company/samsung-electronics"
IMG_PROBE = "<img src=x onerror=alert(1)>"
SCRIPT_PROBE = "</script><script>kgProbe=1</script>"


@dataclass
class Opened:
    """A page as loaded, with everything it asked for and everything that went wrong."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def nodes(self) -> list[dict[str, Any]]:
        return self.page.evaluate("kgGraph.nodes.get()")  # type: ignore[no-any-return]

    def point(self, iri: str) -> tuple[float, float]:
        """Where the node's centre is on the page."""
        point = self.page.evaluate(
            "id => kgGraph.network.canvasToDOM(kgGraph.network.getPosition(id))", iri)
        box = self.page.locator("#graph").bounding_box()
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_node(self, iri: str) -> None:
        """A real mouse click on the node's centre, as a user would make it."""
        self.page.mouse.click(*self.point(iri))

    def drawn(self) -> set[str]:
        """The ids of the nodes the network draws (a hidden node is not in it)."""
        return set(self.page.evaluate("Object.keys(kgGraph.network.getPositions())"))

    def next_frame(self) -> None:
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                           "requestAnimationFrame(done)))")

    def details(self) -> str:
        return self.page.locator("#details").inner_text()  # type: ignore[no-any-return]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_(path: Path, width: int = 1400) -> Opened:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        opened = Opened(context.new_page())
        opened.page.on("request", lambda request: opened.requests.append(request.url))
        opened.page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message),
                                                 dialog.dismiss()))
        opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
        opened.page.on("console", lambda message: message.type == "error"
                       and opened.errors.append(message.text))
        opened.page.goto(path.as_uri())
        # Settled means stabilization finished and physics was switched off.
        opened.page.wait_for_selector("body[data-settled=true]", state="attached",
                                      timeout=30_000)
        return opened

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def seed_page(seed_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(render_html(seed_graph), tmp_path_factory.mktemp("page") / "graph.html")


def _labels(graph: Graph, cls: str) -> set[str]:
    rows = graph.query(
        "SELECT ?label WHERE { ?x a ?cls ; rdfs:label ?label FILTER(lang(?label) = 'en') }",
        initBindings={"cls": graph.namespace_manager.expand_curie(f"summit:{cls}")})
    return {str(row[0]) for row in rows}  # type: ignore[index]


def test_the_page_makes_no_request_beyond_its_own_file(open_page: Any, seed_page: Path) -> None:
    opened = open_page(seed_page)
    assert opened.requests[0] == seed_page.as_uri()
    assert [url for url in opened.requests if not url.startswith(("file:", "data:"))] == []
    assert opened.errors == [] and opened.dialogs == []


def test_the_dataset_holds_the_companies_people_pledges_and_events(
        open_page: Any, seed_page: Path, seed_graph: Graph) -> None:
    nodes = open_page(seed_page).nodes()
    for cls in ("Company", "Person", "Pledge", "Event"):
        shown = {node["labels"]["en"] for node in nodes if node["class"] == cls}
        assert shown == _labels(seed_graph, cls), cls
    names = {node["label"] for node in nodes}
    assert {"Samsung Electronics", "Anthropic", "Han Duck-soo", "Seoul AI Business Pledge",
            "Frontier AI Safety Commitments", "AI Global Forum"} <= names


def test_clicking_a_signatory_shows_its_evidence_sentence(open_page: Any,
                                                          seed_page: Path) -> None:
    opened = open_page(seed_page)
    opened.click_node(SAMSUNG)
    assert opened.page.locator("#details h3").inner_text() == "Samsung Electronics"
    details = opened.details()
    assert "서약에는 삼성전자부터 △네이버" in details
    assert "000_c6224cea8f581afb.txt [2438:2550]" in details
    assert "[3140:3242]" in details  # the Frontier AI Safety Commitments sentence


def test_clicking_an_edge_shows_that_fact(open_page: Any, seed_page: Path) -> None:
    opened = open_page(seed_page)
    edge = opened.page.evaluate(
        "kgGraph.edges.get({filter: e => e.relation === 'signed'"
        " && e.from.endsWith('/company/anthropic')})[0].id")
    point = opened.page.evaluate(
        # A point on the drawn curve, a third of the way from the company.
        "id => kgGraph.network.canvasToDOM(kgGraph.network.body.edges[id].edgeType.getPoint(0.3))",
        edge)
    box = opened.page.locator("#graph").bounding_box()
    opened.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert opened.page.locator("#details h3").inner_text() == (
        "Anthropic signed Seoul AI Business Pledge")
    assert "[2438:2550]" in opened.details()


def test_physics_stops_once_the_layout_has_settled(open_page: Any, seed_page: Path) -> None:
    opened = open_page(seed_page)
    before = opened.page.evaluate("kgGraph.network.getPositions()")
    opened.page.wait_for_timeout(700)
    assert opened.page.evaluate("kgGraph.network.getPositions()") == before
    assert opened.page.evaluate("kgGraph.settledAt") > 0


def test_search_finds_a_korean_spelling_and_shows_the_entity(open_page: Any,
                                                             seed_page: Path) -> None:
    opened = open_page(seed_page)
    opened.page.fill("#search", "엔트로픽")
    assert opened.page.locator("#matches button").all_inner_texts() == ["Anthropic"]
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#details h3").inner_text() == "Anthropic"
    assert opened.page.evaluate("kgGraph.network.getSelectedNodes()") == [ID + "company/anthropic"]


def test_filters_by_class_and_by_pledge(open_page: Any, seed_page: Path) -> None:
    opened = open_page(seed_page)
    opened.page.locator("#legend input[value=Person]").uncheck()
    hidden = {node["class"] for node in opened.nodes() if node.get("hidden")}
    assert hidden == {"Person"}
    opened.page.locator("#legend input[value=Person]").check()
    opened.page.select_option("#focus", ID + "pledge/frontier-ai-safety-commitments")
    shown = {node["label"] for node in opened.nodes() if not node.get("hidden")}
    assert "Meta" in shown and "Samsung Electronics" in shown
    assert "Kakao" not in shown and "Seoul AI Business Pledge" not in shown
    opened.page.select_option("#focus", "")
    assert not any(node.get("hidden") for node in opened.nodes())


def test_the_korean_page_speaks_korean(open_page: Any, seed_graph: Graph, tmp_path: Path) -> None:
    opened = open_page(write_html(render_html(seed_graph, lang="ko"), tmp_path / "ko.html"))
    assert opened.page.locator("[data-ui=search]").inner_text() == "검색"
    opened.click_node(SAMSUNG)
    assert opened.page.locator("#details h3").inner_text() == "삼성전자"


@pytest.fixture(scope="module")
def probe_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed with script probes in the signatory sentence and in the headline."""
    folder = tmp_path_factory.mktemp("probe")
    text = seed_path().read_text(encoding="utf-8")
    sentence = "총 14개 기업이 동참했다."
    headline = text.split("\n", 1)[0]
    assert text.count(sentence) == 1
    text = text.replace(sentence, f"총 14개 {SCRIPT_PROBE}{IMG_PROBE} 기업이 동참했다.")
    text = text.replace(headline, f"{headline} {IMG_PROBE}", 1)
    (folder / "probe.txt").write_text(text, encoding="utf-8")
    page = render_html(build_graph([folder / "probe.txt"]).graph)
    return write_html(page, folder / "graph.html")


def test_script_in_an_article_runs_no_script(open_page: Any, probe_page: Path) -> None:
    opened = open_page(probe_page)
    # The probes really are in the page's data, so the test proves something.
    evidence = opened.page.evaluate(
        "(() => { const data = JSON.parse(document.getElementById('kg-data').textContent);"
        " return kgGraph.edges.get().flatMap(e => e.evidence.map(n => kgGraph.evidence[n]))"
        ".map(x => x.text + ' ' + data.headlines[x.article]); })()")
    assert any(SCRIPT_PROBE + IMG_PROBE in text for text in evidence)
    assert any(text.endswith(IMG_PROBE) for text in evidence)
    opened.click_node(SAMSUNG)
    opened.page.wait_for_timeout(300)  # time for an injected image to fail and fire onerror
    assert opened.dialogs == []
    assert opened.page.evaluate("typeof window.kgProbe") == "undefined"
    assert opened.page.evaluate("document.querySelectorAll('img').length") == 0
    assert opened.page.evaluate("document.scripts.length") == 4
    assert [url for url in opened.requests if url != probe_page.as_uri()] == []
    # The panel shows the probe as the characters the article wrote.
    assert SCRIPT_PROBE + IMG_PROBE in opened.details()


def test_screenshot_shows_the_graph(open_page: Any, seed_page: Path) -> None:
    opened = open_page(seed_page)
    opened.click_node(SAMSUNG)
    # A blank canvas would be one colour; a drawn graph has many coloured pixels.
    coloured = opened.page.evaluate("""() => {
        const canvas = document.querySelector('#graph canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200)) count++;
        }
        return count;
    }""")
    assert coloured > 20_000
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 50_000


def test_the_tooltip_gives_way_to_the_panel_after_a_click(open_page: Any,
                                                          seed_page: Path) -> None:
    opened = open_page(seed_page)
    tooltip = opened.page.locator(".vis-tooltip")
    x, y = opened.point(SAMSUNG)
    opened.page.mouse.move(x, y)
    tooltip.wait_for(state="visible")
    assert "Samsung Electronics" in tooltip.inner_text()
    opened.page.mouse.click(x, y)
    opened.page.mouse.move(x + 1, y + 1)  # still on the node
    opened.page.wait_for_timeout(600)  # three times the tooltip's delay
    assert not tooltip.is_visible()
    assert opened.page.locator("#details h3").inner_text() == "Samsung Electronics"
    # Off the node and onto another, tooltips work as before.
    box = opened.page.locator("#graph").bounding_box()
    opened.page.mouse.move(box["x"] + 3, box["y"] + 3)
    opened.page.mouse.move(*opened.point(ID + "company/anthropic"))
    tooltip.wait_for(state="visible")
    assert "Anthropic" in tooltip.inner_text()


def test_the_seed_page_draws_every_class(open_page: Any, seed_page: Path) -> None:
    opened = open_page(seed_page)
    assert opened.drawn() == {node["id"] for node in opened.nodes()}
    assert opened.page.locator("#legend input:not(:checked)").count() == 0
    assert not opened.page.locator("#overview").is_visible()


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's dev and held-out test articles in one page."""
    articles = sorted((DATA / "dev").glob("*.txt")) + sorted((DATA / "heldout").glob("*.txt"))
    page = render_html(build_graph(articles).graph)
    return write_html(page, tmp_path_factory.mktemp("corpus") / "graph.html")


def test_a_corpus_page_opens_on_the_entity_network(open_page: Any, corpus_page: Path) -> None:
    opened = open_page(corpus_page)
    nodes = {node["id"]: node for node in opened.nodes()}
    assert len(nodes) > OVERVIEW
    drawn = {nodes[iri]["class"] for iri in opened.drawn()}
    left_out = {node["class"] for iri, node in nodes.items() if iri not in opened.drawn()}
    assert {"Company", "Person", "Pledge", "Event"} <= drawn
    assert not drawn & set(OVERVIEW_HIDDEN)
    assert {"Quotation", "Article", "NewsOutlet"} <= left_out <= set(OVERVIEW_HIDDEN)
    unticked = opened.page.locator("#legend input:not(:checked)")
    assert set(unticked.evaluate_all("boxes => boxes.map(box => box.value)")) == left_out
    assert opened.page.locator("#overview").is_visible()
    # Ticking a class draws it again.
    opened.page.locator("#legend input[value=Quotation]").check()
    assert "Quotation" in {nodes[iri]["class"] for iri in opened.drawn()}


def test_corpus_labels_at_the_first_view_are_readable(open_page: Any, corpus_page: Path) -> None:
    opened = open_page(corpus_page)
    opened.next_frame()
    labels = opened.page.evaluate("""() => {
        const network = kgGraph.network, scale = network.getScale();
        return Object.keys(network.getPositions()).map(id => {
            const label = network.body.nodes[id].labelModule;
            return {id, drawn: label.visible(), px: label.fontOptions.size * scale,
                    cls: kgGraph.nodes.get(id).class};
        });
    }""")
    drawn = [label for label in labels if label["drawn"]]
    assert len(drawn) >= 8
    assert min(label["px"] for label in drawn) >= LABEL_PX
    assert {"Pledge", "Event"} <= {label["cls"] for label in drawn}
    edge_labels = "Object.values(kgGraph.network.body.edges).filter(e => e.labelModule.visible()).length"
    assert opened.page.evaluate(edge_labels) == 0
    # Under the pointer, an edge's label shows: the middle of the longest edge clear of nodes.
    edge = opened.page.evaluate("""() => {
        const network = kgGraph.network, at = id => network.getPosition(id);
        const length = e => Math.hypot(at(e.fromId).x - at(e.toId).x, at(e.fromId).y - at(e.toId).y);
        return Object.values(network.body.edges).sort((a, b) => length(b) - length(a))
            .map(e => ({id: e.id, point: network.canvasToDOM(e.edgeType.getPoint(0.5))}))
            .find(e => network.getNodeAt(e.point) === undefined && network.getEdgeAt(e.point) === e.id);
    }""")
    box = opened.page.locator("#graph").bounding_box()
    opened.page.mouse.move(box["x"] + edge["point"]["x"], box["y"] + edge["point"]["y"])
    opened.next_frame()
    shown = "id => kgGraph.network.body.edges[id].labelModule.visible()"
    assert opened.page.evaluate(shown, edge["id"])
    opened.page.mouse.move(box["x"] + 2, box["y"] + 2)
    opened.next_frame()
    assert not opened.page.evaluate(shown, edge["id"])
    # Zoomed in, the smaller labels and the edges' appear.
    opened.page.evaluate("kgGraph.network.moveTo({scale: 2})")
    opened.next_frame()
    assert opened.page.evaluate(edge_labels) > 0


def test_search_finds_a_hidden_quotation_and_draws_it_beside_its_speaker(
        open_page: Any, corpus_page: Path) -> None:
    opened = open_page(corpus_page)
    quotes = opened.page.evaluate("kgGraph.nodes.get({filter: n => n.class === 'Quotation'})")
    texts = [node["labels"]["shown"] for node in opened.nodes()]
    # A stretch of its words that no other node has.
    quote = next(q for q in quotes if sum(q["labels"]["shown"][5:40] in t for t in texts) == 1)
    assert quote["hidden"] and quote["id"] not in opened.drawn()
    opened.page.fill("#search", quote["labels"]["shown"][5:40])
    first = opened.page.locator("#matches button").first
    assert first.inner_text() == quote["labels"]["shown"]
    first.click()
    assert opened.page.locator("#details h3").inner_text() == quote["labels"]["shown"]
    drawn = opened.drawn()
    assert quote["id"] in drawn
    assert [q["id"] for q in quotes if q["id"] in drawn] == [quote["id"]]  # not the whole class
    assert opened.page.evaluate("kgGraph.network.getSelectedNodes()") == [quote["id"]]
    x, y = opened.point(quote["id"])
    box = opened.page.locator("#graph").bounding_box()
    assert box["x"] < x < box["x"] + box["width"] and box["y"] < y < box["y"] + box["height"]
    speaker = opened.page.evaluate(
        "id => kgGraph.edges.get({filter: e => e.from === id && e.relation === 'speaker'})[0].to",
        quote["id"])
    here, there = (opened.page.evaluate("id => kgGraph.network.getPosition(id)", iri)
                   for iri in (quote["id"], speaker))
    assert math.dist((here["x"], here["y"]), (there["x"], there["y"])) < 150


def test_search_finds_a_hidden_article_by_its_headline(open_page: Any,
                                                       corpus_page: Path) -> None:
    opened = open_page(corpus_page)
    article = opened.page.evaluate("kgGraph.nodes.get({filter: n => n.class === 'Article'})[0]")
    opened.page.fill("#search", article["labels"]["shown"])
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#details h3").inner_text() == article["labels"]["shown"]
    assert article["id"] in opened.drawn()


def test_a_person_lists_the_quotations_the_view_hides(open_page: Any, corpus_page: Path) -> None:
    opened = open_page(corpus_page)
    speaker = opened.page.evaluate(
        "kgGraph.nodes.get(kgGraph.edges.get({filter: e => e.relation === 'speaker'})[0].to)")
    assert speaker["id"] in opened.drawn()
    opened.page.fill("#search", speaker["labels"]["shown"])
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#details h3").inner_text() == speaker["labels"]["shown"]
    assert "speaker" in opened.details()


def test_at_1024_px_the_panel_leaves_the_graph_two_thirds(open_page: Any,
                                                          corpus_page: Path) -> None:
    opened = open_page(corpus_page, width=1024)
    panel = opened.page.locator("aside").bounding_box()
    graph = opened.page.locator("#graph").bounding_box()
    assert panel["width"] < 1024 / 3
    assert graph["width"] > 1024 * 2 / 3


def test_a_sentence_in_the_page_once_is_shown_for_every_fact_it_states(
        open_page: Any, tmp_path: Path) -> None:
    page = render_html(many_facts_graph(tmp_path))
    assert page.count(MANY_FACTS_MARK) == 1
    opened = open_page(write_html(page, tmp_path / "graph.html"))
    pledge = ID + "pledge/seoul-ai-business-pledge"
    signed = opened.page.evaluate(
        "id => kgGraph.edges.get({filter: e => e.to === id && e.relation === 'signed'}).length",
        pledge)
    assert signed == 16
    opened.click_node(pledge)
    assert opened.page.locator("#details h3").inner_text() == "Seoul AI Business Pledge"
    quotes = opened.page.locator("#details blockquote.evidence").all_inner_texts()
    stating = [quote for quote in quotes if MANY_FACTS_MARK in quote]
    # Each signature, and the count of signatories, with the whole sentence and where it is.
    assert len(stating) == signed + 1
    assert all(quote.startswith("과학기술정보통신부는 22일") and "계획이라고 밝혔다." in quote
               and "many.txt [" in quote for quote in stating)
