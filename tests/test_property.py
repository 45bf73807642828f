"""Arbitrary text raises nothing but the project's own errors, and offsets stay valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.extract import extract_facts
from kg.loader import parse_article, seed_path

SEED_LINES = seed_path().read_text(encoding="utf-8").splitlines(keepends=True)
WORDS = [
    "삼성전자",
    "서약",
    "포럼",
    "참석했다",
    "동참했다",
    "장관",
    '"',
    "△",
    ",",
    " 등 ",
    "AI 글로벌 포럼",
    "Samsung",
    "signed",
    "the AI Seoul Summit",
    "said",
    "14개 기업",
    "기자",
    "\n",
    "℃",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=60).map("".join),
    st.lists(st.sampled_from(SEED_LINES), max_size=40).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_arbitrary_text_raises_only_kg_errors_and_offsets_stay_valid(text: str) -> None:
    try:
        article = parse_article(text.encode("utf-8"), source="generated.txt")
        extraction = extract_facts(article)
    except KGError:
        return
    for fact in extraction.facts:
        for span in fact.evidence:
            assert article.text[span.start : span.end] == span.text
        if hasattr(fact.object, "start"):
            assert article.text[fact.object.start : fact.object.end] == fact.object.text
    for mention in extraction.mentions:
        assert article.text[mention.span.start : mention.span.end] == mention.span.text
    for quote in extraction.quotations:
        assert article.text[quote.text.start : quote.text.end] == quote.text.text
