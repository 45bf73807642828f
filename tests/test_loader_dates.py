"""When an article was published: every common dateline form gets its zone, and a time the
loader cannot place is kept as a plain day, never an invalid literal (issue 11, "Zones")."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import XSD
from rdflib.namespace import DCTERMS

from kg.extract import extract_facts
from kg.graph import SCHEMA, article_iri, to_graph
from kg.loader import parse_article
from ontology import validate

BODY_EN = "Naver signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday."
BODY_KO = "네이버는 22일 AI 글로벌 포럼에서 '서울 AI 기업 서약'에 서명했다."


@pytest.mark.parametrize(
    ("language", "stamp", "expected"),
    [
        ("en", "Posted 2024-05-22 16:37 EDT", "2024-05-22T16:37:00-04:00"),
        ("en", "Updated May 22, 2024 4:37 p.m. EST", "2024-05-22T16:37:00-05:00"),
        ("en", "Published May 22, 2024 at 16:37 PDT", "2024-05-22T16:37:00-07:00"),
        ("en", "Posted 2024-05-22 16:37 PST", "2024-05-22T16:37:00-08:00"),
        ("en", "22 May 2024, 16:37 CET", "2024-05-22T16:37:00+01:00"),
        ("en", "22 May 2024, 16:37 CEST", "2024-05-22T16:37:00+02:00"),
        ("en", "2024-05-22T16:37:53+09:00", "2024-05-22T16:37:53+09:00"),
        ("en", "Updated 2024.05.22 16:37 KST", "2024-05-22T16:37:00+09:00"),
        ("en", "22 May 2024, 06:41 GMT+1", "2024-05-22T06:41:00+01:00"),
        ("en", "Broadcast: 21 May 2024, 22:00 GMT", "2024-05-21T22:00:00+00:00"),
        ("en", "Posted 2024-05-22 07:37 UTC", "2024-05-22T07:37:00+00:00"),
        ("ko", "입력 2024.05.22 16:37", "2024-05-22T16:37:00+09:00"),
        ("ko", "입력 2024.05.22 16:37(한국시간)", "2024-05-22T16:37:00+09:00"),
        ("ko", "기사입력 2024-05-22 오후 4:37", "2024-05-22T16:37:00+09:00"),
        ("ko", "등록 2024년 5월 22일 16:37", "2024-05-22T16:37:00+09:00"),
        ("ko", "송고시간 2024-05-22 16:37 KST", "2024-05-22T16:37:00+09:00"),
        ("ko", "[뉴스9] 2024.05.21 (화) 21:14", "2024-05-21T21:14:00+09:00"),
    ],
)
def test_dateline_forms_get_their_zone(language: str, stamp: str, expected: str) -> None:
    body = BODY_EN if language == "en" else BODY_KO
    article = parse_article(f"Title of the page\n{stamp}\n\n{body}\n".encode())
    assert article.published is not None
    assert article.published.isoformat() == expected


@pytest.mark.parametrize(
    "stamp",
    [
        "Posted : 2024-05-22 16:37:53",  # a time, no zone, in an English article
        "Updated 2024.05.22 16:37",
        "May 22, 2024",  # a day with no time
        "Published 2024-05-22 16:37 ET",  # a zone that is not one offset
    ],
)
def test_an_unplaced_time_is_kept_as_a_plain_date_that_conforms(stamp: str) -> None:
    article = parse_article(f"Title of the page\n{stamp}\n\n{BODY_EN}\n".encode())
    assert article.published is None
    assert article.published_date == date(2024, 5, 22)
    graph = to_graph(article, extract_facts(article))
    node = article_iri(article)
    assert graph.value(node, SCHEMA.datePublished) is None
    day = graph.value(node, DCTERMS.date)
    assert day is not None and (str(day), day.datatype) == ("2024-05-22", XSD.date)
    conforms, report = validate(graph)
    assert conforms, report


def test_a_korean_time_without_a_zone_is_korean_time() -> None:
    article = parse_article(f"제목\n2024.05.22 16:37\n\n{BODY_KO}\n".encode())
    assert (
        article.published is not None
        and article.published.isoformat() == "2024-05-22T16:37:00+09:00"
    )


def test_the_seoul_day_of_a_stamp_in_another_zone() -> None:
    article = parse_article(f"Title\nPosted 2024-05-21 20:30 EDT\n\n{BODY_EN}\n".encode())
    assert article.published_date == date(2024, 5, 21)
    assert article.seoul_date == date(2024, 5, 22)  # 09:30 the next morning in Seoul


def test_a_labelled_time_wins_over_a_date_in_the_text() -> None:
    text = f"Title\nMay 20, 2024\nUpdated 2024-05-22 16:37 KST\n\n{BODY_EN}\n"
    article = parse_article(text.encode())
    assert (
        article.published is not None
        and article.published.isoformat() == "2024-05-22T16:37:00+09:00"
    )


def test_a_date_deep_in_the_story_is_not_when_it_was_published() -> None:
    filler = " ".join([BODY_EN] * 30)  # more than the page's head
    text = f"Title\n\n{filler}\n\nOn May 20, 2024, officials had announced the forum.\n"
    article = parse_article(text.encode())
    assert article.published is None and article.published_date is None
    labelled = text + "\nUpdated 2024-05-23 10:00 KST\n"
    assert parse_article(labelled.encode()).published_date == date(2024, 5, 23)
