"""A long Korean page that says the same paragraphs again: Kiwi analyses each distinct
paragraph once, and what a sentence's words alone tell is worked out once per distinct
sentence, while every rule that depends on what came before still reads each time. The
facts, and their evidence at their own offsets, are those of reading it all.

Speed itself is measured by ``benchmarks/bench_large.py``, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.catalogue import Catalogue
from kg.extract import extract_facts, text
from kg.loader import Article, _before_list, parse_article, read_article
from kg.model import Relation

DATA = Path(__file__).parent / "data"
KO_ARTICLE = DATA / "dev" / "01_kr_wire_full_list.txt"


def _repeated(times: int) -> Article:
    """The article's headline over its body paragraphs said `times` times."""
    article = read_article(KO_ARTICLE)
    body = "\n\n".join(span.text for span in article.body)
    page = "\n\n".join([str(article.title)] + [body] * times) + "\n"
    return parse_article(page.encode(), source="ko.txt")


def test_kiwi_analyses_each_distinct_paragraph_once(kiwi_calls: list[int]) -> None:
    analysed = kiwi_calls  # in batches of 16: repeats in later batches are found too
    article = _repeated(8)
    sentences = list(text.split_sentences(article))
    distinct = {span.text for span in article.body}
    assert sum(analysed) == len(distinct) < len(article.body)
    assert sentences[-1].paragraph == len(article.body) - 1


def test_a_paragraph_said_again_has_its_morphemes_at_its_own_offsets() -> None:
    article = _repeated(3)
    first: dict[str, text.Sentence] = {}
    again = 0
    for sentence in text.split_sentences(article):
        assert article.text[sentence.start : sentence.end] == sentence.text
        before = first.setdefault(sentence.text, sentence)
        if before is sentence:
            continue
        again += 1
        shift = sentence.start - before.start
        assert sentence.shape is before.shape is not None
        assert [(t.form, t.tag, t.start - shift, t.end - shift) for t in sentence.tokens] == [
            tuple(t) for t in before.tokens
        ]
    assert again


def test_names_are_looked_for_once_per_distinct_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned = [0]
    scan = Catalogue.scan

    def counting(self: Catalogue, words: str) -> list[tuple[int, int]]:
        scanned[0] += 1
        return scan(self, words)

    monkeypatch.setattr(Catalogue, "scan", counting)
    counts, facts = [], []
    for times in (3, 12):
        scanned[0] = 0
        extraction = extract_facts(_repeated(times))
        counts.append(scanned[0])
        facts.append({(f.relation, f.subject, f.object) for f in extraction.facts})
    assert counts[0] == counts[1]
    assert facts[0] == facts[1] and any(r is Relation.SIGNED for r, _, _ in facts[0])


def test_a_sentence_said_again_follows_its_new_context() -> None:
    # the same words, after another pledge is named: "이 서약" is now that pledge
    page = (
        "AI 서울 정상회의 소식\n\n"
        "[서울=한빛뉴스] 김서연 기자 = 서울 AI 기업 서약이 21일 발표됐다.\n\n"
        "카카오와 네이버는 이 서약에 서명했다.\n\n"
        "프론티어 AI 안전 서약도 같은 날 공개됐다.\n\n"
        "카카오와 네이버는 이 서약에 서명했다.\n"
    )
    article = parse_article(page.encode(), source="ko.txt")
    said = [s for s in text.split_sentences(article) if s.text.startswith("카카오와")]
    assert len(said) == 2 and said[0].shape is said[1].shape is not None
    signed = {
        (f.subject, f.object, f.evidence[0].start)
        for f in extract_facts(article).facts
        if f.relation is Relation.SIGNED
    }
    business, frontier = "pledge/seoul-ai-business-pledge", "pledge/frontier-ai-safety-commitments"
    assert signed == {
        (company, pledge, sentence.start)
        for company in ("company/kakao", "company/naver")
        for pledge, sentence in ((business, said[0]), (frontier, said[1]))
    }


def test_a_line_before_a_list_looks_at_the_next_line_only() -> None:
    # a page of 100,000 lines: finding the next line with text must not copy the rest
    class Counting(list[str]):
        read = 0

        def __getitem__(self, index: Any) -> Any:
            got = super().__getitem__(index)
            Counting.read += len(got) if isinstance(index, slice) else 1
            return got

    lines = Counting(
        ["참여 기업(14개사)\n", "\n", "- 국내: 네이버, 삼성전자, LG\n"] + ["본문\n"] * 100_000
    )
    assert _before_list(lines, 0)
    assert Counting.read <= 2
    assert not _before_list(lines, 3)
