"""Random small corpora through the whole `kg build`: what a build promises holds for any mix.

Each corpus is a few of the project's articles, some left as they are ("good") and some
mutated the way real pages go wrong: dates in other forms, names spelt another way, an
ending cut off, markup injected, a line thousands of characters long, the line breaks
lost, an empty file. Whatever the mix, `kg build` exits 0 or 3, every good article's
facts are in the union (as when it is built alone), the union conforms to the shapes,
every piece of evidence quotes the article's text at its offsets, and the output folder
holds one complete build.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from kg.build import OUTPUTS, build_graph
from kg.cli import main
from kg.errors import KGError
from kg.graph import OA, PREDICATE_OF, article_iri
from kg.loader import read_article
from ontology import validate

DATA = Path(__file__).parent / "data"
SOURCES = [
    DATA / "dev" / name
    for name in (
        "01_kr_wire_full_list.txt",
        "03_kr_both_pledges.txt",
        "08_en_wire_partial.txt",
        "12_en_leaders_session.txt",
        "13_en_analysis_investors.txt",
    )
]
FACT_PREDICATES = set(PREDICATE_OF.values())

_DATE = re.compile(r"20\d\d[.\-/]\d{1,2}[.\-/]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
DATES = [
    "Posted : 2024-05-22 16:37:53",
    "Updated 2024.05.22 16:37",
    "May 21, 2024 9:05 p.m. EDT",
    "2024-05-22T16:37:00+09:00",
    "입력 2024.05.22 16:37",
    "2024.05.22 16:37 (한국시간)",
    "22 May 2024 08:15 CET",
    "2024-13-45 25:61",
]
SPELLINGS = [
    ("-", " "),
    ("Samsung Electronics", "SAMSUNG ELECTRONICS"),
    ("OpenAI", "Open AI"),
    ("Seoul", "Seoul,"),
    ("삼성전자", "삼성 전자"),
    ("네이버", "NAVER"),
]
MARKUP = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert("x")</script>',
    "<svg/onload=alert(1)>",
    '=HYPERLINK("http://example.invalid","x")',
    "\u202eevil\u202c",
]


def _mutate(text: str, kind: str, draw: st.DrawFn) -> str:
    if kind == "date":
        stamp = draw(st.sampled_from(DATES))
        return _DATE.sub(stamp, text, count=1) if _DATE.search(text) else f"{stamp}\n{text}"
    if kind == "spelling":
        old, new = draw(st.sampled_from(SPELLINGS))
        return text.replace(old, new)
    if kind == "cut":
        return text[: draw(st.integers(1, max(1, len(text) - 1)))]
    if kind == "markup":
        lines = text.splitlines(keepends=True)
        at = draw(st.integers(0, len(lines)))
        return "".join([*lines[:at], draw(st.sampled_from(MARKUP)) + "\n", *lines[at:]])
    if kind == "long_line":
        words = text.split()[:40] or ["word"]
        line = " ".join(words * (6000 // (len(" ".join(words)) + 1) + 1))
        return f"{text}\n{line}\n"
    if kind == "one_line":
        return " ".join(text.split()) + "\n"
    return draw(st.sampled_from(["", "\n\n", "   \t\n"]))  # empty


KINDS = ["date", "spelling", "cut", "markup", "long_line", "one_line", "empty"]


@st.composite
def corpora(draw: st.DrawFn) -> list[tuple[str, bytes, bool]]:
    """(file name, bytes, good) for two to four articles, at least one of them good."""
    files = []
    count = draw(st.integers(2, 4))
    for number in range(count):
        source = draw(st.sampled_from(SOURCES))
        text = source.read_text(encoding="utf-8")
        kinds = [] if number == 0 else draw(st.lists(st.sampled_from(KINDS), max_size=2))
        for kind in kinds:
            text = _mutate(text, kind, draw)
        files.append((f"{number:02d}_{source.stem}.txt", text.encode("utf-8"), not kinds))
    return files


@cache
def _facts_alone(name: str, data: bytes) -> frozenset[tuple[object, object, object]]:
    """The fact triples of one article built on its own."""
    with tempfile.TemporaryDirectory(prefix="kg-alone-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        graph = build_graph([path]).graph
    return frozenset(t for t in graph if t[1] in FACT_PREDICATES)


def _quotes(graph: Graph) -> list[tuple[URIRef, int, int, str]]:
    """(article, start, end, exact) of every piece of evidence."""
    quotes = []
    for evidence, source in graph.subject_objects(OA.hasSource):
        assert isinstance(source, URIRef)
        selectors = list(graph.objects(evidence, OA.hasSelector))
        starts = [graph.value(s, OA.start) for s in selectors if (s, OA.start, None) in graph]
        ends = [graph.value(s, OA.end) for s in selectors if (s, OA.end, None) in graph]
        exacts = [graph.value(s, OA.exact) for s in selectors if (s, OA.exact, None) in graph]
        assert len(starts) == len(ends) == len(exacts) == 1, evidence
        quotes.append((source, int(str(starts[0])), int(str(ends[0])), str(exacts[0])))
    return quotes


def _one_complete_build(out: Path) -> Graph:
    """The outputs all resolve into one build folder whose manifest they match; its graph."""
    folders = {(out / name).resolve().parent for name in OUTPUTS}
    assert len(folders) == 1, folders
    (folder,) = folders
    manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) >= set(OUTPUTS)
    for name, entry in manifest["files"].items():
        data = (folder / name).read_bytes()
        assert len(data) == entry["bytes"] and hashlib.sha256(data).hexdigest() == entry["sha256"]
    graph = Graph().parse(out / "kg.ttl")
    assert len(graph) == manifest["triples"]
    return graph


@pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(corpus=corpora())
def test_any_mix_of_good_and_mutated_articles_builds(corpus: list[tuple[str, bytes, bool]]) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-property-") as work:
        articles, out = Path(work) / "articles", Path(work) / "out"
        articles.mkdir()
        for name, data, _ in corpus:
            (articles / name).write_bytes(data)

        code = main(["build", str(articles), "--out", str(out), "--quiet"])

        assert code in (0, 3)
        graph = _one_complete_build(out)
        texts = {}
        for name, _, _ in corpus:
            try:
                article = read_article(articles / name)
            except KGError:  # refused (empty, say): it has nothing in the graph
                continue
            texts[article_iri(article)] = article.text
    conforms, report = validate(graph)
    assert conforms, report
    for name, data, good in corpus:
        if good:
            missing = _facts_alone(name, data) - set(graph)
            assert not missing, (name, sorted(missing)[:3])
    for source, start, end, exact in _quotes(graph):
        assert texts[source][start:end] == exact
