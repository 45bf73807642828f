"""Nothing lost or invented at the edges of an article (issue 9, §1 and the bylines).

Every entity a fact uses is declared with its class; a pledge the catalogue lacks is its
own pledge; a page cut off mid-sentence or run onto one line is still read; the byline's
reporters work for the outlet, and a dateline is never part of a name; a preview dated
before an event puts nobody at it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS
from rdflib.namespace import ORG

from kg.build import build_graph
from kg.catalogue import load_catalogue
from kg.errors import ExtractionError
from kg.extract import extract_facts
from kg.extract.reader import Reader
from kg.graph import ID, SCHEMA, to_graph
from kg.loader import find_body, parse_article, read_article, seed_path
from kg.model import EntityType, Extraction, Fact, Relation, Span
from ontology import SUMMIT

from .conftest import DATA

SETS = ("dev", "heldout", "unseen", "blind")
ARTICLES = [seed_path(), *(p for name in SETS for p in sorted((DATA / name).glob("*.txt")))]


def _pairs(extraction: Extraction, relation: Relation) -> set[tuple[str, object]]:
    return {(f.subject, f.object) for f in extraction.facts if f.relation is relation}


def _facts(extraction: Extraction) -> set[tuple[str, str, str]]:
    wanted = (Relation.SIGNED, Relation.ATTENDED, Relation.AFFILIATED_WITH)
    return {
        (f.relation.value, f.subject, str(f.object))
        for f in extraction.facts
        if f.relation in wanted
    }


def _write(tmp_path: Path, text: str, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. every entity a fact uses is declared with its class --------------------------


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_fact_uses_declared_entities_of_the_right_class(path: Path) -> None:
    extraction = extract_facts(read_article(path))
    assert extraction.rejected == (), f"rules made facts that do not fit: {extraction.rejected}"
    declared = {e.key: e for e in extraction.entities}
    for fact in extraction.facts:
        for key in (fact.subject, fact.object):
            if isinstance(key, str):
                assert key in declared and declared[key].label != key, (fact, key)
    for quote in extraction.quotations:
        assert declared[quote.speaker].type is EntityType.PERSON
        assert quote.event is None or declared[quote.event].type is EntityType.EVENT


QUOTED_PLEDGE = """Seoul pledge draws new names

By Test Writer

SEOUL, May 22 (Test Wire) - Naver and Kakao signed the "Seoul AI Business Pledge" at the AI Global Forum on Wednesday, the ministry said.
"""


def test_pledge_named_only_in_quotes_is_declared_and_the_build_conforms(tmp_path: Path) -> None:
    build = build_graph([_write(tmp_path, QUOTED_PLEDGE)])  # raises if the shapes fail
    pledge = ID["pledge/seoul-ai-business-pledge"]
    assert (pledge, RDF.type, SUMMIT.Pledge) in build.graph
    assert (ID["company/naver"], SUMMIT.signed, pledge) in build.graph
    # the quoted name is a name, not words someone said
    assert not list(build.graph.subjects(RDF.type, SUMMIT.Quotation))


def test_finish_declares_what_a_fact_uses_and_rejects_what_cannot_be() -> None:
    article = read_article(seed_path())
    reader = Reader(article, load_catalogue())
    span = Span(0, 1, article.text[0])
    reader.add(Relation.SIGNED, "company/naver", "pledge/seoul-ai-business-pledge", span)
    reader.add(Relation.SIGNED, "company/naver", "event/ai-global-forum", span)  # not a pledge
    reader.add(Relation.SIGNED, "company/naver", "pledge/no-such-pledge", span)  # known nowhere
    extraction = reader.finish()
    assert {e.key for e in extraction.entities} >= {
        "company/naver",
        "pledge/seoul-ai-business-pledge",
    }
    assert _pairs(extraction, Relation.SIGNED) == {
        ("company/naver", "pledge/seoul-ai-business-pledge")
    }
    assert {f.object for f in extraction.rejected} == {
        "event/ai-global-forum",
        "pledge/no-such-pledge",
    }


def test_graph_refuses_a_fact_about_an_undeclared_entity() -> None:
    article = read_article(seed_path())
    span = Span(0, 1, article.text[0])
    bad = Extraction(
        entities=(), mentions=(), facts=(Fact(Relation.SIGNED, "company/x", "pledge/y", (span,)),)
    )
    with pytest.raises(ExtractionError, match="undeclared"):
        to_graph(article, bad)


# --- 2. a pledge the catalogue lacks is its own pledge --------------------------------


HANBIT_EN = """Robotics makers add their own promise

SEOUL, May 22 (Test Wire) - On the sidelines of the AI Seoul Summit, IBM and Hanbit Robotics signed the Hanbit Robotics Pledge on Wednesday.

Naver signed the Seoul AI Business Pledge at the AI Global Forum. Two more firms joined the pledge later.
"""
HANBIT_KO = """[서울=테스트통신] 홍길동 기자 = AI 서울 정상회의 기간인 22일 IBM과 한빛로보틱스는 '한빛로보틱스 윤리 서약'에 서명했다.

네이버는 같은 날 AI 글로벌 포럼에서 '서울 AI 기업 서약'에 서명했다.
"""


def test_unknown_english_pledge_is_signed_not_a_catalogue_one() -> None:
    extraction = extract_facts(parse_article(HANBIT_EN.encode()))
    signed = _pairs(extraction, Relation.SIGNED)
    assert ("company/ibm", "pledge/hanbit-robotics-pledge") in signed
    assert ("company/ibm", "pledge/seoul-ai-business-pledge") not in signed
    assert ("company/naver", "pledge/seoul-ai-business-pledge") in signed  # the known one still
    pledge = next(e for e in extraction.entities if e.key == "pledge/hanbit-robotics-pledge")
    assert (pledge.type, pledge.name_en) == (EntityType.PLEDGE, "Hanbit Robotics Pledge")


def test_unknown_korean_pledge_is_signed_not_a_catalogue_one() -> None:
    extraction = extract_facts(parse_article(HANBIT_KO.encode()))
    by_name = {e.name_ko: e.key for e in extraction.entities if e.type is EntityType.PLEDGE}
    assert "한빛로보틱스 윤리 서약" in by_name
    signed = _pairs(extraction, Relation.SIGNED)
    assert ("company/ibm", by_name["한빛로보틱스 윤리 서약"]) in signed
    assert ("company/ibm", "pledge/seoul-ai-business-pledge") not in signed
    assert ("company/naver", "pledge/seoul-ai-business-pledge") in signed


@pytest.mark.parametrize(
    "sentence",
    [
        "Naver signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.",
        "Naver joined the Business Pledge at the AI Global Forum on Wednesday.",  # a known alias
        "Naver signed the AI Pledge at the AI Global Forum on Wednesday.",  # a description
        "Naver backed the pledge at the AI Global Forum on Wednesday, the Seoul AI Business Pledge.",
    ],
)
def test_known_pledges_and_descriptions_make_no_new_pledge(sentence: str) -> None:
    extraction = extract_facts(parse_article(f"Forum day\n\n{sentence}\n".encode()))
    assert {e.key for e in extraction.entities if e.type is EntityType.PLEDGE} <= {
        "pledge/seoul-ai-business-pledge",
        "pledge/frontier-ai-safety-commitments",
    }


def test_unknown_declaration_is_a_declaration_that_nobody_signs() -> None:
    text = (
        "Summit opens\n\nAt the AI Seoul Summit, Samsung Electronics signed the Bletchley "
        "Declaration, officials said on Tuesday.\n"
    )
    extraction = extract_facts(parse_article(text.encode()))
    declaration = next(e for e in extraction.entities if e.name_en == "Bletchley Declaration")
    assert declaration.type is EntityType.DECLARATION
    assert not any(f.object == declaration.key for f in extraction.facts)  # signing is for pledges


OTHER_EVENT = """Seoul summit closes

Leaders met at the AI Seoul Summit on Tuesday, chaired by President Yoon Suk Yeol.

Science Minister Lee Jong-ho attended the Global AI Ethics Forum in Geneva last year, where he spoke on safety.

Kim Min-su, a researcher at Hanil University, attended the Seoul AI Forum on Wednesday.
"""


def test_unknown_event_is_its_own_event_and_a_description_is_the_known_one() -> None:
    extraction = extract_facts(parse_article(OTHER_EVENT.encode()))
    attended = _pairs(extraction, Relation.ATTENDED)
    assert ("person/lee-jong-ho", "event/global-ai-ethics-forum") in attended
    assert ("person/lee-jong-ho", "event/ai-global-forum") not in attended
    event = next(e for e in extraction.entities if e.key == "event/global-ai-ethics-forum")
    assert (event.type, event.name_en) == (EntityType.EVENT, "Global AI Ethics Forum")
    # "the Seoul AI Forum" uses only words of the catalogue's events and Seoul: the known forum
    assert ("person/kim-min-su", "event/ai-global-forum") in attended


# --- 3. a page cut off mid-sentence, a page on one line --------------------------------


CUT_OFF = """Forum wraps up in Seoul

SEOUL, May 22 (Test Wire) - Naver and Kakao signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.

Microsoft and IBM also signed the Seoul AI Business Pledge at the forum, while the companies"""


def test_the_last_sentence_of_a_cut_off_page_is_read() -> None:
    extraction = extract_facts(parse_article(CUT_OFF.encode()))
    assert ("company/ibm", "pledge/seoul-ai-business-pledge") in _pairs(extraction, Relation.SIGNED)


@pytest.mark.parametrize(
    "last", ["(c) 2024 Test Wire", "Share | Print | Comments", "press@wire.example"]
)
def test_a_page_that_ends_in_chrome_is_not_cut_off_prose(last: str) -> None:
    text = CUT_OFF.rsplit("\n", 1)[0] + "\n" + last
    assert last not in [span.text for span in find_body(text)]


@pytest.mark.parametrize(
    "name",
    [
        "01_kr_wire_full_list",
        "02_kr_econ_partial_list",
        "03_kr_both_pledges",
        "06_kr_portal_comments",
        "08_en_wire_partial",
        "12_en_leaders_session",
    ],
)
def test_an_article_on_one_line_gives_the_same_facts(name: str) -> None:
    text = (DATA / "dev" / f"{name}.txt").read_text(encoding="utf-8")
    one_line = " ".join(line.strip() for line in text.splitlines() if line.strip())
    assert "\n" not in one_line
    lines = extract_facts(parse_article(text.encode()))
    joined = extract_facts(parse_article(one_line.encode()))
    assert _facts(joined) == _facts(lines)


# --- 4. bylines and datelines ----------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_person_is_named_with_a_dateline_or_a_line_break(path: Path) -> None:
    extraction = extract_facts(read_article(path))
    for entity in extraction.entities:
        if entity.type is EntityType.PERSON:
            words = entity.label.split()
            assert "\n" not in entity.label and len(words) <= 4, entity.label
            assert not {"SEOUL", "Seoul", "May", "Published", "Updated"} & set(words[1:]), (
                entity.label
            )


def test_reporter_is_affiliated_with_the_outlet_by_the_byline() -> None:
    article = read_article(DATA / "dev" / "08_en_wire_partial.txt")
    extraction = extract_facts(article)
    fact = next(f for f in extraction.facts if f.subject == "person/laura-pennington")
    assert (fact.relation, fact.object) == (Relation.AFFILIATED_WITH, "company/meridian-wire")
    assert fact.evidence == (article.byline,) and article.byline is not None
    assert article.byline.text == "By Laura Pennington"
    assert fact.title is not None and fact.title.english == "Reporter"
    outlet = next(e for e in extraction.entities if e.key == "company/meridian-wire")
    assert outlet.type is EntityType.OUTLET
    assert not any(
        f.relation is Relation.ATTENDED for f in extraction.facts if f.subject == fact.subject
    )


def test_korean_reporter_and_the_publisher_are_one_outlet() -> None:
    article = read_article(DATA / "dev" / "01_kr_wire_full_list.txt")
    graph = to_graph(article, extract_facts(article))
    reporter, outlet = ID["person/gim-seo-yeon"], ID["company/han-bit-nyu-seu"]
    assert (reporter, SUMMIT.affiliatedWith, outlet) in graph
    publisher = next(graph.objects(None, SCHEMA.publisher))
    assert publisher == outlet and (outlet, RDF.type, SUMMIT.NewsOutlet) in graph
    membership = next(graph.subjects(ORG.member, reporter))
    titles = {str(t) for t in graph.objects(membership, SUMMIT.title)}
    assert titles == {"기자", "Reporter"}
    assert "한빛뉴스" in {str(o) for o in graph.objects(outlet, RDFS.label)}


def test_a_byline_without_a_known_outlet_makes_no_affiliation() -> None:
    text = "Forum day\n\nBy Jane Doe\n\nNaver signed the Seoul AI Business Pledge at the AI Global Forum.\n"
    extraction = extract_facts(parse_article(text.encode()))
    assert extraction.author == "person/jane-doe"
    assert not _pairs(extraction, Relation.AFFILIATED_WITH)


@pytest.mark.parametrize(
    ("text", "names", "byline"),
    [
        (
            "Title here\n\nBy Jane Doe\n\nSEOUL, May 22 (Yonhap) -- Body.",
            ("Jane Doe",),
            "By Jane Doe",
        ),
        (
            "Title here\n\nBy Sofia Marchetti\nMay 24, 2024\n\nBody.",
            ("Sofia Marchetti",),
            "By Sofia Marchetti",
        ),
        ("Title\n\nBy Grace Whitaker, Staff Reporter\n\nBody.", ("Grace Whitaker",), None),
        (
            "Title\n\nBy DANIELLE FERRIS and KIM MIN-SEO\n\nBody.",
            ("Danielle Ferris", "Kim Min-seo"),
            None,
        ),
        ("Title\n\nJane Doe, Reporter\n\nBody.", ("Jane Doe",), None),
        (
            "Headline words By Laura Pennington SEOUL, May 22 (Wire) - Body.",
            ("Laura Pennington",),
            "By Laura Pennington",
        ),
        ("제목\n\n홍길동 기자\n\n본문이다.", ("홍길동",), "홍길동 기자"),
        ("[서울=한빛뉴스] 홍길동 기자 = 본문이다.", ("홍길동",), "홍길동 기자"),
        ("제목\n\n본문이다.\n\n홍길동 기자 gildong@news.example", ("홍길동",), "홍길동 기자"),
        ("제목\n\n본문이다. 그는 기자들과 만나 말했다.", (), None),
        (
            "제목\n\n[사진=김철수 기자] 본문이다.\n\n홍길동 기자 a@b.example",
            ("홍길동",),
            "홍길동 기자",
        ),
        ("Title\n\nBy the end of the day, Naver had signed.", (), None),
    ],
)
def test_bylines(text: str, names: tuple[str, ...], byline: str | None) -> None:
    article = parse_article(text.encode())
    assert article.authors == names
    if byline is not None:
        assert article.byline is not None and article.byline.text == byline
        assert article.text[article.byline.start : article.byline.end] == byline


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Title\n\nSEOUL, May 22 (Meridian Wire) - Body text here.", "Meridian Wire"),
        ("[서울=한빛뉴스] 홍길동 기자 = 본문이다.", "한빛뉴스"),
        ("제목\n\n본문이다.\n\n<저작권자(c) 한빛통신, 무단 전재 및 재배포 금지>", "한빛통신"),
        (
            "Title\n\nBody.\n\n©2024 Tidewater Business News L.P. All Rights Reserved.",
            "Tidewater Business News",
        ),
        (
            "THE SEOUL LEDGER\nNational | Business\n\nKorean firms sign a pledge today\n\nBody.",
            "THE SEOUL LEDGER",
        ),
    ],
)
def test_outlets(text: str, outlet: str) -> None:
    assert parse_article(text.encode()).outlet == outlet


def test_a_dateline_is_not_an_outlet_or_a_headline_prefix() -> None:
    article = parse_article(
        b"SEOUL, May 22 (Meridian Wire) - Fourteen companies signed a pledge.\n"
    )
    assert article.outlet == "Meridian Wire"
    assert article.title == "Fourteen companies signed a pledge."


# --- 5. a preview dated before an event puts nobody at it ------------------------------


PREVIEW_EN = """Seoul readies for its AI summit

Posted 2024-05-{day:02d} 09:00 KST

British Prime Minister Rishi Sunak hosted the AI Safety Summit at Bletchley Park in November.

Prime Minister Han Duck-soo opens the AI Global Forum at the Korea Institute of Science and Technology on Wednesday.
"""
PREVIEW_KO = """AI 글로벌 포럼 22일 개막

입력 2024.05.{day:02d} 09:00

리시 수낵 영국 총리는 지난해 11월 AI 안전성 정상회의를 주재했다.

한덕수 국무총리는 AI 글로벌 포럼 개회식에서 개회사를 한다.
"""


@pytest.mark.parametrize("template", [PREVIEW_EN, PREVIEW_KO], ids=["en", "ko"])
def test_a_preview_does_not_attend_the_event_it_announces(template: str) -> None:
    before = _pairs(
        extract_facts(parse_article(template.format(day=20).encode())), Relation.ATTENDED
    )
    after = _pairs(
        extract_facts(parse_article(template.format(day=23).encode())), Relation.ATTENDED
    )
    forum = ("person/han-duck-soo", "event/ai-global-forum")
    assert forum in after and forum not in before
    # a sentence in the past tense about an event before the article still holds
    assert ("person/rishi-sunak", "event/ai-safety-summit-2023") in before
