"""Korean constructions of real coverage, each as a family with a counter-example.

The sentences are written for these tests; each test edits one article so that the
rule's cue is there, then takes it away and checks that the fact goes with it.
"""

from __future__ import annotations

import re

import pytest

from kg.evaluate import extracted_facts
from kg.extract import extract_facts
from kg.extract.ko_frames import build_lexicon, lexicon
from kg.loader import parse_article

FRONTIER = "pledge/frontier-ai-safety-commitments"
BUSINESS = "pledge/seoul-ai-business-pledge"
FORUM = "event/ai-global-forum"


LEDE = "22일 서울 홍릉에서 인공지능의 안전과 혁신을 주제로 한 행사가 이틀째 이어졌다."


def _article(body: str, title: str = "AI 안전 논의, 서울에서 이어져") -> str:
    return f"{title}\n\n한빛일보 = 오세린 기자\n\n{LEDE}\n\n{body.strip()}\n"


def _facts(
    body: str, relation: str, title: str = "AI 안전 논의, 서울에서 이어져"
) -> set[tuple[str, str]]:
    article = parse_article(_article(body, title).encode("utf-8"), source="ko_general.txt")
    return extracted_facts(extract_facts(article), relation)


def _signed(body: str) -> set[tuple[str, str]]:
    return _facts(body, "signed")


# Signing: verbs beyond 서명/참여, with the pledge as their object


@pytest.mark.parametrize(
    ("sentence", "silent"),
    [
        (
            "네이버와 카카오는 '서울 AI 기업 서약'으로 화답했다.",
            "네이버와 카카오는 '서울 AI 기업 서약'을 두고 고민했다.",
        ),
        (
            "네이버와 카카오는 '서울 AI 기업 서약'을 공개했다.",
            "네이버와 카카오가 공개한 모델은 '서울 AI 기업 서약'과 무관하다.",
        ),
        (
            "네이버와 카카오가 '서울 AI 기업 서약'을 채택했다.",
            "네이버와 카카오는 '서울 AI 기업 서약'을 비판했다.",
        ),
        (
            "네이버와 카카오가 함께 마련한 '서울 AI 기업 서약'이 나왔다.",
            "네이버와 카카오가 '서울 AI 기업 서약'을 읽었다.",
        ),
        (
            "네이버와 카카오는 '서울 AI 기업 서약'에 동의했다.",
            "네이버와 카카오는 '서울 AI 기업 서약'에 동의하지 않았다.",
        ),
    ],
)
def test_a_verb_with_the_pledge_as_object_signs(sentence: str, silent: str) -> None:
    body = "22일 AI 글로벌 포럼이 열렸다.\n\n" + sentence
    assert {("company/naver", BUSINESS), ("company/kakao", BUSINESS)} <= _signed(body)
    assert not _signed("22일 AI 글로벌 포럼이 열렸다.\n\n" + silent)


def test_an_adnominal_clause_names_the_signatories() -> None:
    body = "'서울 AI 기업 서약'이 발표됐다.\n\n이 서약에 이름을 올린 곳은 코히어와 어도비다."
    assert {("company/cohere", BUSINESS), ("company/adobe", BUSINESS)} <= _signed(body)
    other = body.replace("이 서약에 이름을 올린 곳은", "이 서약을 비판한 곳은")
    assert not {org for org, _ in _signed(other)} & {"company/cohere", "company/adobe"}


def test_a_verbless_fragment_continues_the_signing_before_it() -> None:
    body = "삼성전자가 '프론티어 AI 안전 서약'에 서명했다. 또한 메타와 아마존도."
    assert {("company/meta", FRONTIER), ("company/amazon", FRONTIER)} <= _signed(body)
    unsigned = body.replace("서명했다", "반대했다")
    assert not _signed(unsigned)
    far = "삼성전자가 '프론티어 AI 안전 서약'에 서명했다.\n\n오늘 서울의 날씨는 하루 종일 맑았다.\n\n낮 기온은 25도까지 크게 올랐다.\n\n또한 메타와 아마존도."
    assert ("company/meta", FRONTIER) not in _signed(far)


def test_a_question_heading_is_answered_by_the_list_under_it() -> None:
    body = (
        "'프론티어 AI 안전 서약'에 16개 기업이 서명했다.\n\n어떤 기업이 참여했나?\n\n"
        "- 마이크로소프트\n\n- IBM\n\n코히어, xAI, 아마존."
    )
    signed = _signed(body)
    assert {
        ("company/microsoft", FRONTIER),
        ("company/ibm", FRONTIER),
        ("company/xai", FRONTIER),
    } <= signed
    statement = body.replace("어떤 기업이 참여했나?", "어떤 기업이 빠졌을까.")
    assert not {org for org, _ in _signed(statement)} & {
        "company/microsoft",
        "company/ibm",
        "company/xai",
    }


def test_a_list_closed_by_a_count_names_signatories() -> None:
    body = "'서울 AI 기업 서약'에 14개 기업이 참여했다. 엔비디아, 코히어, 어도비 이렇게 세 곳이다."
    assert {("company/cohere", BUSINESS), ("company/nvidia", BUSINESS)} <= _signed(body)
    assert {c for _, c in _facts(body, "statedSignatoryCount")} == {"14"}
    assert not _signed(body.replace("참여했다", "반대했다"))


def test_a_list_closed_by_a_count_in_speech() -> None:
    body = (
        "'서울 AI 기업 서약'에는 모두 14개 기업이 참여했습니다. "
        "국내에서는 삼성전자, 네이버, 카카오 이렇게 세 곳이고요."
    )
    assert ("company/kakao", BUSINESS) in _signed(body)
    assert {c for _, c in _facts(body, "statedSignatoryCount")} == {"14"}


def test_a_count_in_a_clause_about_part_of_the_signatories_is_not_the_total() -> None:
    body = "'서울 AI 기업 서약'에는 14개사가 참여했다. 해외에서는 구글, 오픈AI 등 8곳이 서명했다."
    assert {c for _, c in _facts(body, "statedSignatoryCount")} == {"14"}
    total = "'서울 AI 기업 서약'에는 구글, 오픈AI 등 14곳이 서명했고, 해외 기업도 많다."
    assert {c for _, c in _facts(total, "statedSignatoryCount")} == {"14"}


def test_an_agreement_with_sixteen_companies_states_the_count() -> None:
    body = "영국 정부는 16개 기업과 '프론티어 AI 안전 약속'에 합의했다."
    assert ("pledge/frontier-ai-safety-commitments", "16") in _facts(body, "statedSignatoryCount")
    assert not _facts(body.replace("합의했다", "관해 논의했다"), "statedSignatoryCount")


def test_pledges_joined_and_followed_by_both_are_each_signed() -> None:
    body = "삼성전자는 '프론티어 AI 안전 서약'과 '서울 AI 기업 서약'에 모두 이름을 올렸다."
    assert {
        ("company/samsung-electronics", FRONTIER),
        ("company/samsung-electronics", BUSINESS),
    } <= _signed(body)
    one = body.replace("에 모두 이름을", "에 각각 다른 방식으로 이름을")
    assert len({p for org, p in _signed(one) if org == "company/samsung-electronics"}) == 1


def test_a_clause_that_signs_beside_a_clause_that_denies() -> None:
    body = "코히어는 '프론티어 AI 안전 서약'에 참여하지 않았고, 이튿날 '서울 AI 기업 서약'에만 이름을 올렸다."
    signed = _signed(body)
    assert ("company/cohere", BUSINESS) in signed
    assert ("company/cohere", FRONTIER) not in signed
    both_denied = body.replace(
        "'서울 AI 기업 서약'에만 이름을 올렸다", "'서울 AI 기업 서약'에도 이름을 올리지 않았다"
    )
    assert not _signed(both_denied)


# Pledges named by description


@pytest.mark.parametrize(
    "name", ["첨단 AI 안전 공약", "고성능 AI 안전 서약", "최첨단 인공지능 안전 약속"]
)
def test_a_frontier_safety_pledge_by_its_words(name: str) -> None:
    body = f"오픈AI와 구글이 '{name}'에 서명했다."
    assert {("company/openai", FRONTIER), ("company/google", FRONTIER)} <= _signed(body)


def test_a_business_pledge_by_its_words() -> None:
    body = "22일 서울에서 AI 글로벌 포럼이 열렸다.\n\n네이버와 카카오가 '서울 AI 비즈니스 약속'에 서명했다."
    assert ("company/naver", BUSINESS) in _signed(body)
    assert not _signed(body.replace("비즈니스 약속", "비즈니스 모델"))


def test_a_plain_safety_pledge_by_the_article() -> None:
    only = "'프론티어 AI 안전 서약'이 나왔다.\n\n오픈AI와 구글이 이 AI 안전 공약에 서명했다."
    assert ("company/openai", FRONTIER) in _signed(only)
    counted = "16개 기업이 AI 안전 공약에 서명했다. 오픈AI와 구글도 포함됐다."
    assert ("company/google", FRONTIER) in _signed(counted)
    two = (
        "'프론티어 AI 안전 서약'과 '서울 AI 기업 서약'이 나왔다.\n\n오늘 서울의 날씨는 하루 종일 맑았다.\n\n낮 기온은 25도까지 크게 올랐다.\n\n"
        "오픈AI가 AI 안전 공약에 서명했다."
    )
    assert not any(org == "company/openai" for org, _ in _signed(two))


def test_a_region_listed_near_a_pledge_is_not_a_signatory() -> None:
    body = "미국, 유럽, 아시아의 16개 기업이 '프론티어 AI 안전 서약'에 서명했다. 구글, 유럽, 오픈AI 등이 참여했다."
    signed = {org for org, _ in _signed(body)}
    assert {"company/google", "company/openai"} <= signed
    assert not any("yu-reop" in org or "a-si-a" in org for org in signed)


def test_a_stock_code_inside_a_name_keeps_the_name_whole() -> None:
    body = "LG(003550) AI연구원과 삼성전자(005930)도 '서울 AI 기업 서약'에 참여했다."
    signed = _signed(body)
    assert {
        ("company/lg-ai-research", BUSINESS),
        ("company/samsung-electronics", BUSINESS),
    } <= signed
    assert ("company/lg", BUSINESS) not in signed
    plain = body.replace("LG(003550) AI연구원과", "LG(003550)와")
    assert ("company/lg", BUSINESS) in _signed(plain)


def test_a_subsidiary_written_with_a_space_is_the_subsidiary() -> None:
    body = "구글 딥 마인드와 메타가 '프론티어 AI 안전 서약'에 서명했다."
    signed = _signed(body)
    assert ("company/google-deepmind", FRONTIER) in signed
    assert ("company/google", FRONTIER) not in signed


def test_a_list_with_deung_or_gateun_keeps_its_first_item() -> None:
    for body in (
        "네이버, 카카오 등 국내 기업도 '서울 AI 기업 서약'에 동참했다.",
        "네이버, 카카오 같은 국내 기업도 '서울 AI 기업 서약'에 동참했다.",
    ):
        assert {("company/naver", BUSINESS), ("company/kakao", BUSINESS)} <= _signed(body)


# People and organizations the catalogue lacks


FORUM_BODY = "22일 서울에서 AI 글로벌 포럼이 열렸다.\n\n"


def _affiliations(body: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for person, org in _facts(FORUM_BODY + body, "affiliatedWith"):
        out.setdefault(person, set()).add(org)
    return out


def test_a_foreign_leader_is_in_the_government_of_the_country_before_the_title() -> None:
    aff = _affiliations("에마뉘엘 마크롱 프랑스 대통령은 포럼에서 연설했다.")
    person = next(p for p in aff if "ma-keu-rong" in p)
    assert aff[person] == {"government/france"}
    assert "peu-rang-seu" not in person  # the country word is not part of the name
    bare = _affiliations("에마뉘엘 마크롱 대통령은 포럼에서 연설했다.")
    assert not any("government/korea" in orgs for orgs in bare.values())


def test_a_korean_head_of_government_still_defaults_to_korea() -> None:
    aff = _affiliations("한덕수 국무총리와 윤석열 대통령이 포럼에 참석했다.")
    assert aff["person/yoon-suk-yeol"] == {"government/korea"}


def test_a_bare_title_takes_the_country_around_the_name() -> None:
    aff = _affiliations("프랑스의 에마뉘엘 마크롱 대통령은 포럼에 참석했다.")
    assert {"government/france"} in aff.values()
    later = _affiliations(
        "에마뉘엘 마크롱 프랑스 대통령이 왔다. 마크롱 대통령은 포럼에서 연설했다."
    )
    assert all(orgs == {"government/france"} for orgs in later.values())


def test_a_vice_president_and_a_foreign_minister() -> None:
    aff = _affiliations("JD 밴스 미국 부통령과 장노엘 바로 프랑스 외무장관이 포럼에 참석했다.")
    assert {"government/united-states"} in aff.values()
    assert {"government/france"} in aff.values()


def test_former_is_a_modifier_not_a_name_and_not_a_current_post() -> None:
    aff = _affiliations("리시 수낵 전 영국 총리가 포럼에서 연설했다.")
    assert not aff.get("person/rishi-sunak")
    extraction = extract_facts(
        parse_article(
            _article(FORUM_BODY + "리시 수낵 전 영국 총리가 포럼에서 연설했다.").encode(),
            source="x.txt",
        )
    )
    assert not any(e.name_ko and e.name_ko.endswith(" 전") for e in extraction.entities)
    current = _affiliations("리시 수낵 영국 총리가 포럼에서 연설했다.")
    assert current["person/rishi-sunak"] == {"government/uk"}


@pytest.mark.parametrize(
    ("sentence", "org"),
    [
        ("샘 올트먼 오픈AI 최고경영자가 포럼에서 연설했다.", "company/openai"),
        ("오픈AI 최고경영자 샘 올트먼은 포럼에서 연설했다.", "company/openai"),
        ("데미스 허사비스 구글 딥 마인드 공동창업자가 포럼에 참석했다.", "company/google-deepmind"),
        (
            "도린 보그단마틴 국제전기통신연합 사무총장이 포럼에 참석했다.",
            "company/guk-je-jeon-gi-tong-sin-yeon-hap",
        ),
        ("박서연 미래기술재단 이사장이 포럼에 참석했다.", "company/mi-rae-gi-sul-jae-dan"),
    ],
)
def test_name_org_title_with_any_organization(sentence: str, org: str) -> None:
    aff = _affiliations(sentence)
    assert {org} in aff.values()
    untitled = re.sub(r"(최고경영자|공동창업자|사무총장|이사장)(가|는|이|은)", r"\2", sentence)
    untitled = re.sub(r"최고경영자 ", "", untitled)
    assert {org} not in _affiliations(untitled).values()


def test_a_genitive_organization_before_a_name_and_title() -> None:
    aff = _affiliations("오픈AI의 제이슨 권 최고전략책임자(CSO)는 포럼에서 답했다.")
    assert aff["person/jason-kwon"] == {"company/openai"}
    partner = _affiliations("오픈AI의 투자사 제이슨 권 최고전략책임자는 포럼에서 답했다.")
    assert "company/openai" not in partner.get("person/jason-kwon", set())


@pytest.mark.parametrize(
    ("sentence", "org"),
    [
        ("이서진 동해대 교수(정보정책)는 포럼에서 말했다.", "company/dong-hae-dae"),
        (
            "김하린 시민AI감시네트워크 정책팀장은 포럼에서 말했다.",
            "company/si-min-a-i-gam-si-ne-teu-wo-keu",
        ),
        (
            "최다온 한국디지털정책포럼 연구위원은 포럼에서 말했다.",
            "company/han-guk-di-ji-teol-jeong-chaek-po-reom",
        ),
    ],
)
def test_an_unknown_organization_between_a_name_and_a_title(sentence: str, org: str) -> None:
    assert {org} in _affiliations(sentence).values()
    no_title = re.sub(r" (교수\(정보정책\)|정책팀장|연구위원)", "", sentence)
    assert {org} not in _affiliations(no_title).values()


def test_a_college_is_an_employer_only_before_an_academic_title() -> None:
    aff = _affiliations("이서진 동해대 교수는 포럼에서 말했다. 김하린 시대 전문가는 포럼에 왔다.")
    assert {"company/dong-hae-dae"} in aff.values()
    assert not any("si-dae" in org for orgs in aff.values() for org in orgs)


def test_leaders_listed_with_their_countries_attend_and_belong_to_their_governments() -> None:
    body = (
        "AI 서울 정상회의 정상 세션에는 에마뉘엘 마크롱 프랑스 대통령, 올라프 숄츠 독일 총리 "
        "등 정상들이 화상으로 참석했다."
    )
    session = "event/ai-seoul-summit-leaders-session"
    attended = {p for p, e in _facts(body, "attended") if e == session}
    assert {"person/e-ma-nwi-el-ma-keu-rong", "person/ol-ra-peu-syol-cheu"} <= attended
    aff = _facts(body, "affiliatedWith")
    assert ("person/ol-ra-peu-syol-cheu", "government/germany") in aff
    assert not _facts(body.replace("참석했다", "참석한다"), "attended")


def test_an_award_is_not_an_employer() -> None:
    aff = _affiliations("요슈아 벤지오 튜링상 수상자와 김민수 국제AI어워드 대표가 포럼에 왔다.")
    assert not aff
    foundation = _affiliations("김민수 국제AI재단 대표가 포럼에 왔다.")
    assert {"company/guk-je-a-i-jae-dan"} in foundation.values()


def test_a_founder_title() -> None:
    aff = _affiliations("아서 멘쉬 미스트랄 AI 창립자가 포럼에 참석했다.")
    assert {"company/mistral-ai"} in aff.values()


def test_another_countrys_foreign_ministry_is_not_koreas() -> None:
    aff = _affiliations("김도윤 외교부 차관과 클라라 베버 독일 외교부 대변인이 포럼에 참석했다.")
    orgs = set().union(*aff.values())
    assert "government/ministry-of-foreign-affairs" in orgs
    weber = next(p for p in aff if "beo" in p and "gim" not in p)
    assert "government/ministry-of-foreign-affairs" not in aff[weber]


def test_a_transliteration_is_linked_to_the_english_name_and_the_surname() -> None:
    body = "데미스 허사비스(Demis Hassabis) 구글 딥마인드 최고경영자가 왔다.\n\n허사비스는 포럼에 참석했다."
    attended = _facts(FORUM_BODY + body, "attended")
    assert ("person/demis-hassabis", FORUM) in attended
    assert ("person/demis-hassabis", "company/google-deepmind") in _facts(
        FORUM_BODY + body, "affiliatedWith"
    )
    unlinked = body.replace("(Demis Hassabis)", "")
    assert ("person/demis-hassabis", FORUM) not in _facts(FORUM_BODY + unlinked, "attended")


# Events and attendance


def test_a_surname_and_title_refers_to_the_person_given_that_title() -> None:
    body = (
        "한덕수 국무총리는 전날 기자들과 만났다.\n\n"
        "한 총리는 22일 AI 글로벌 포럼 개회식에서 개회사를 했다."
    )
    assert ("person/han-duck-soo", FORUM) in _facts(body, "attended")
    other = body.replace("한 총리는", "박 총리는")
    assert ("person/han-duck-soo", FORUM) not in _facts(other, "attended")


def test_presenting_at_the_same_session_is_attendance() -> None:
    body = (
        "AI 글로벌 포럼 전문가 세션에서 안전 체계가 소개됐다. "
        "하정우 네이버클라우드 센터장은 같은 세션에서 평가 절차를 발표했다."
    )
    attended = _facts(body, "attended")
    assert ("person/ha-jung-woo", "event/ai-global-forum-expert-session") in attended
    planned = body.replace("발표했다", "발표할 예정이다")
    assert ("person/ha-jung-woo", "event/ai-global-forum-expert-session") not in _facts(
        planned, "attended"
    )


def test_at_this_occasion_refers_to_the_event_named_before() -> None:
    body = (
        "22일 AI 글로벌 포럼이 개막했다.\n\n주최 측은 무엇보다 안전을 강조했다.\n\n오늘 서울의 날씨는 하루 종일 맑았다.\n\n"
        "이 자리에서 하정우 네이버클라우드 센터장은 협력을 강조했다."
    )
    assert ("person/ha-jung-woo", FORUM) in _facts(body, "attended")
    plain = body.replace("이 자리에서 ", "")
    assert ("person/ha-jung-woo", FORUM) not in _facts(plain, "attended")


@pytest.mark.parametrize(
    ("heading", "label"),
    [("■ AI 글로벌 포럼 개막\n\n", "주요 참석자:"), ("", "[AI 글로벌 포럼] 주요 참석자:")],
)
def test_a_roster_under_a_label_attended_the_event_above(heading: str, label: str) -> None:
    body = heading + label + "\n\n▲하정우 네이버클라우드 센터장\n\n• 잭 클락 앤트로픽 공동창업자"
    attended = _facts(body, "attended")
    assert {("person/ha-jung-woo", FORUM), ("person/jack-clark", FORUM)} <= attended
    expected = body.replace("주요 참석자:", "참석 예정자:")
    assert not _facts(expected, "attended")
    unlabelled = body.replace("주요 참석자:", "함께 읽을 기사:")
    assert not _facts(unlabelled, "attended")


def test_co_chairing_a_session_is_attendance() -> None:
    body = (
        "오후에는 AI 서울 정상회의 장관 세션이 열렸다. 이종호 과기정통부 장관과 "
        "미셸 도넬런 영국 과학혁신기술부 장관이 공동 의장을 맡았다."
    )
    session = "event/ai-seoul-summit-ministerial-session"
    assert {("person/lee-jong-ho", session), ("person/michelle-donelan", session)} <= _facts(
        body, "attended"
    )
    assert not _facts(body.replace("공동 의장을 맡았다", "공동 의장을 맡을 예정이다"), "attended")


@pytest.mark.parametrize("verb", ["참석한다", "참여한다", "참석할 예정이다"])
def test_a_present_tense_announcement_is_not_attendance(verb: str) -> None:
    body = f"AI 글로벌 포럼은 22일 서울에서 열린다. 하정우 네이버클라우드 센터장이 포럼에 {verb}."
    assert not _facts(body, "attended")
    past = body.replace("열린다", "열렸다").replace(verb, "참석했다")
    assert ("person/ha-jung-woo", FORUM) in _facts(past, "attended")


# The lexicon


def test_every_lexicon_entry_matches_its_example() -> None:
    for relation, part, pattern, example in lexicon().entries():
        assert re.search(pattern, example), (relation, part, pattern, example)


def test_a_lexicon_entry_drives_the_rule() -> None:
    raw = lexicon().raw
    trimmed = {
        **raw,
        "signed": {
            **raw["signed"],
            "with_pledge": [e for e in raw["signed"]["with_pledge"] if "화답" not in e["pattern"]],
        },
    }
    assert not build_lexicon(trimmed).cue("signed", "with_pledge").search("서약으로 화답했다")
    assert lexicon().cue("signed", "with_pledge").search("서약으로 화답했다")


# Families found on a blind set of new Korean articles (each with its own sentences here)


def test_a_company_said_to_be_absent_from_the_list_has_not_signed() -> None:
    body = "'서울 AI 기업 서약'에는 14개 기업이 참여했다.\n\n메타와 엔비디아는 이번 명단에 없다."
    assert not {org for org, _ in _signed(body)} & {"company/meta", "company/nvidia"}
    present = body.replace("이번 명단에 없다", "이번 명단에 들어 있다")
    assert {("company/meta", BUSINESS), ("company/nvidia", BUSINESS)} <= _signed(present)


def test_a_question_heading_without_a_question_mark_is_answered_by_the_bullets() -> None:
    body = (
        "'프론티어 AI 안전 서약'에 16개 기업이 이름을 올렸다.\n\n■ 어느 회사가 서명했나\n\n"
        "▲코히어 ▲xAI ▲아마존\n\n▲IBM ▲메타"
    )
    assert {("company/cohere", FRONTIER), ("company/ibm", FRONTIER)} <= _signed(body)
    for heading in ("■ 무엇을 약속했나", "■ 남은 숙제"):  # not a question about who signed
        other = _signed(body.replace("■ 어느 회사가 서명했나", heading))
        assert not {org for org, _ in other} & {"company/cohere", "company/ibm"}


TABLE = (
    "두 서약의 참여 기업을 표로 묶었다.\n\n기업 | 참여 서약\nKT | 기업 서약\n"
    "메타 | 프런티어 서약\n코히어 | 둘 다\n엔비디아 | -\n(자료: 각 사)"
)


def test_a_company_pledge_table_signs_each_row() -> None:
    body = "'프론티어 AI 안전 서약'과 '서울 AI 기업 서약'이 각각 발표됐다.\n\n" + TABLE
    signed = _signed(body)
    assert {
        ("company/kt", BUSINESS),
        ("company/meta", FRONTIER),
        ("company/cohere", FRONTIER),
        ("company/cohere", BUSINESS),
    } <= signed
    assert ("company/kt", FRONTIER) not in signed
    assert not {org for org, _ in signed} & {"company/nvidia"}  # "-": neither
    other = body.replace("기업 | 참여 서약", "기업 | 올해 매출")  # not a table of pledges
    assert not {org for org, _ in _signed(other)} & {"company/kt", "company/meta"}


def test_a_table_with_a_column_per_pledge_signs_the_marked_ones() -> None:
    body = (
        "22일 AI 글로벌 포럼에서 두 서약이 나왔다.\n\n기업 | 프런티어 서약 | 기업 서약\n"
        "아마존 | O | X\nKT | X | ○\n엔비디아 | X | X\n\n표는 각 사 자료를 정리한 것이다."
    )
    signed = _signed(body)
    assert {("company/amazon", FRONTIER), ("company/kt", BUSINESS)} <= signed
    assert not {("company/amazon", BUSINESS), ("company/kt", FRONTIER)} & signed
    assert "company/nvidia" not in {org for org, _ in signed}
    other = body.replace("프런티어 서약 | 기업 서약", "올해 흑자 | 해외 진출")
    assert not _signed(other)


def test_a_list_describing_the_make_up_of_the_signatories_signs() -> None:
    body = (
        "'서울 AI 기업 서약'에는 모두 14개 기업이 참여했다. "
        "어도비, 세일즈포스, IBM 등 미국 기업이 절반을 넘었다."
    )
    assert {("company/adobe", BUSINESS), ("company/ibm", BUSINESS)} <= _signed(body)
    market = "어도비, 세일즈포스, IBM 등 미국 기업이 시장의 다수를 차지했다."
    assert not _signed("AI 글로벌 포럼이 열렸다.\n\n" + market)


def test_this_session_refers_back_to_the_session_named_before() -> None:
    body = (
        "AI 서울 정상회의 정상 세션이 21일 밤 화상으로 열렸다.\n\n조약돌 관련 논의가 길어졌다.\n\n"
        "이번 세션에는 민간 인사들도 참여했다. 하정우 네이버클라우드 센터장은 화상으로 참여해 의견을 냈다."
    )
    session = "event/ai-seoul-summit-leaders-session"
    assert ("person/ha-jung-woo", session) in _facts(body, "attended")
    plain = body.replace("이번 세션에는", "온라인에서는")
    assert ("person/ha-jung-woo", session) not in _facts(plain, "attended")


def test_the_chair_of_a_session_described_paragraphs_before_attended_it() -> None:
    session = "event/ai-global-forum-expert-session"
    body = (
        "22일 AI 글로벌 포럼 전문가 세션에서는 평가 도구가 논의됐다.\n\n"
        "참석자들은 공개 기준의 필요성에 공감했다.\n\n좌장은 하정우 네이버클라우드 센터장이 맡았다."
    )
    assert ("person/ha-jung-woo", session) in _facts(body, "attended")
    forum_only = body.replace("AI 글로벌 포럼 전문가 세션에서는", "AI 글로벌 포럼에서는")
    assert ("person/ha-jung-woo", FORUM) not in _facts(forum_only, "attended")


def test_joining_the_opening_ceremony_is_attendance() -> None:
    body = "22일 AI 글로벌 포럼 개회식에는 하정우 네이버클라우드 센터장이 함께했다."
    assert ("person/ha-jung-woo", FORUM) in _facts(body, "attended")
    assert ("person/ha-jung-woo", FORUM) not in _facts(
        body.replace("함께했다", "함께할 예정이다"), "attended"
    )


def test_a_name_and_an_unknown_body_with_its_acronym_and_a_title() -> None:
    aff = _affiliations("▲오가람 동북아AI표준기구(NAASO) 사무차장도 포럼에 참석했다.")
    assert aff.get("person/o-ga-ram") == {"company/dong-buk-a-a-i-pyo-jun-gi-gu"}
    untitled = _affiliations("▲오가람은 동북아AI표준기구(NAASO) 설립을 제안했다.")
    assert "person/o-ga-ram" not in untitled


def test_a_glossed_foreign_name_before_or_after_an_unknown_body() -> None:
    before = _affiliations("한스 베커(Hans Becker) 유럽AI감사연맹 사무총장은 포럼에서 발언했다.")
    assert before.get("person/hans-becker") == {"company/yu-reop-a-i-gam-sa-yeon-maeng"}
    after = _affiliations("▲북해데이터재단의 소피 얀선(Sofie Jansen) 이사장")
    assert after.get("person/sofie-jansen") == {"company/buk-hae-de-i-teo-jae-dan"}
    no_title = _affiliations("한스 베커(Hans Becker) 유럽AI감사연맹 보고서를 인용했다.")
    assert "person/hans-becker" not in no_title


def test_a_head_named_in_parentheses_after_the_ministry() -> None:
    aff = _affiliations("외교부(장관 조태열)는 포럼 참가국에 감사를 전했다.")
    assert "government/ministry-of-foreign-affairs" in aff.get("person/cho-tae-yul", set())
    assert "person/cho-tae-yul" not in _affiliations("외교부(장관 주재)는 포럼을 후원했다.")


def test_a_foreign_name_of_two_proper_nouns_between_company_and_title() -> None:
    aff = _affiliations("메타 리사 모건 정책담당 이사는 포럼에서 발언했다.")
    assert aff.get("person/ri-sa-mo-geon") == {"company/meta"}
    branch = _affiliations("구글 클라우드 코리아 대표는 포럼에서 발언했다.")
    assert not any("keul-ra-u-deu" in p for p in branch)


def test_a_founder_introduced_by_the_company_he_founded() -> None:
    aff = _affiliations("국내 스타트업 바람솔루션의 창립자인 남궁석 대표는 포럼에서 발언했다.")
    assert aff.get("person/nam-gung-seok") == {"company/ba-ram-sol-ru-syeon"}
    vague = _affiliations("업계의 대표인 남궁석 씨는 포럼에서 발언했다.")
    assert "person/nam-gung-seok" not in vague
    aide = _affiliations("김민수의 보좌관인 박영희 비서관은 포럼에서 발언했다.")
    assert not any("gim-min-su" in org for orgs in aide.values() for org in orgs)


def test_a_surname_after_a_glossed_foreign_name_is_not_korean() -> None:
    body = "포럼에서 세르주 마르탱(Serge Martin)이 연설했다. 마르탱 대통령은 협력을 당부했다."
    assert ("person/serge-martin", "government/korea") not in _facts(
        FORUM_BODY + body, "affiliatedWith"
    )
    korean = "포럼에서 마상철 대통령은 협력을 당부했다."
    assert ("person/ma-sang-cheol", "government/korea") in _facts(
        FORUM_BODY + korean, "affiliatedWith"
    )


def test_a_glossed_name_does_not_take_the_word_before_it() -> None:
    body = "이번 포럼에는 바실 모로(Basile Moreau) 프랑스 대사가 참석했다."
    attended = {p for p, e in _facts(FORUM_BODY + body, "attended") if e == FORUM}
    assert attended == {"person/basile-moreau"}
    assert ("person/basile-moreau", "government/france") in _facts(
        FORUM_BODY + body, "affiliatedWith"
    )


def test_a_sentence_after_a_roster_is_not_one_of_its_names() -> None:
    body = (
        "■ AI 글로벌 포럼 전문가 세션\n\n주요 참석자:\n\n▲하정우 네이버클라우드 센터장\n\n"
        "□ 조태열 외교부 장관은 같은 날 별도 일정을 소화했다."
    )
    attended = _facts(body, "attended")
    assert ("person/ha-jung-woo", FORUM) in attended
    assert ("person/cho-tae-yul", FORUM) not in attended


@pytest.mark.parametrize(
    "verb", ["좌장을 맡는다", "발표자로 나선다", "축사를 한다", "모두발언을 합니다"]
)
def test_a_plain_present_tense_role_is_an_announcement(verb: str) -> None:
    body = f"22일 AI 글로벌 포럼 전문가 세션에서 하정우 네이버클라우드 센터장이 {verb}."
    session = "event/ai-global-forum-expert-session"
    assert ("person/ha-jung-woo", session) not in _facts(body, "attended")
    past = {"는다": "았다", "선다": "섰다", "한다": "했다", "합니다": "했습니다"}
    done = next(body.replace(k, v) for k, v in past.items() if k in body)
    assert ("person/ha-jung-woo", session) in _facts(done, "attended")


def test_the_words_a_leader_opens_a_session_with_are_attendance() -> None:
    body = "AI 서울 정상회의 정상 세션 모두발언에서 윤석열 대통령은 협력을 강조했다."
    session = "event/ai-seoul-summit-leaders-session"
    assert ("person/yoon-suk-yeol", session) in _facts(body, "attended")
    report = body.replace("정상 세션 모두발언에서", "정상 세션 결과 보고서를 두고")
    assert ("person/yoon-suk-yeol", session) not in _facts(report, "attended")


def test_the_clause_that_signs_beside_one_that_denies_takes_the_pledge_of_the_context() -> None:
    lede = "22일 AI 글로벌 포럼에서 서울 AI 기업 서약이 발표됐다.\n\n"
    for body in (
        "엔비디아는 명단에 없고, 어도비는 서명했다.",
        "어도비는 서명했지만 엔비디아는 명단에 없다.",
    ):
        signed = _signed(lede + body)
        assert ("company/adobe", BUSINESS) in signed
        assert not any(org == "company/nvidia" for org, _ in signed)
    assert not _signed(lede + "어도비는 서명하지 않았고, 엔비디아는 명단에 없다.")


@pytest.mark.parametrize(
    ("heading", "make_up"),
    [("■ 참여 기업은 어디", "주를 이뤘다"), ("■ 누가 서명했나", "절반 이상을 차지했다")],
)
def test_more_ways_to_ask_who_signed_and_to_describe_the_signatories(
    heading: str, make_up: str
) -> None:
    body = (
        f"'서울 AI 기업 서약'에는 모두 14개 기업이 참여했다.\n\n{heading}\n\n▲어도비 ▲IBM\n\n"
        f"세일즈포스, 코히어 등 북미 기업이 {make_up}."
    )
    signed = _signed(body)
    assert {("company/adobe", BUSINESS), ("company/salesforce", BUSINESS)} <= signed
    plain = body.replace(heading, "■ 남은 과제").replace(make_up, "시장을 이끈다")
    assert not {org for org, _ in _signed(plain)} & {"company/adobe", "company/salesforce"}


def test_the_moderator_named_paragraphs_later_attended_the_session() -> None:
    session = "event/ai-global-forum-expert-session"
    body = (
        "22일 AI 글로벌 포럼 전문가 세션에서는 평가 도구가 논의됐다.\n\n"
        "참석자들은 공개 기준의 필요성에 공감했다.\n\n사회는 하정우 네이버클라우드 센터장이 맡았다."
    )
    assert ("person/ha-jung-woo", session) in _facts(body, "attended")
    society = body.replace(
        "사회는 하정우 네이버클라우드 센터장이 맡았다.",
        "하정우 네이버클라우드 센터장은 사회 문제를 다뤘다.",
    )
    assert ("person/ha-jung-woo", session) not in _facts(society, "attended")


def test_other_spellings_of_signatories_are_known() -> None:
    body = "즈푸와 앤쓰로픽도 '프론티어 AI 안전 서약'에 서명했다."
    assert {("company/zhipu-ai", FRONTIER), ("company/anthropic", FRONTIER)} <= _signed(body)


def test_names_and_unknown_bodies_in_a_list_with_commas_after_the_titles() -> None:
    body = "행사에는 남하늘 다솜AI연구소 소장, 표지우 새빛정책재단 이사장 등이 참석했다."
    aff = _affiliations(body)
    assert aff.get("person/nam-ha-neul") == {"company/da-som-a-i-yeon-gu-so"}
    assert aff.get("person/pyo-ji-u") == {"company/sae-bit-jeong-chaek-jae-dan"}
    untitled = _affiliations("행사에는 남하늘, 다솜AI연구소, 표지우 등이 참석했다.")
    assert "person/nam-ha-neul" not in untitled


def test_an_unknown_body_after_a_country_is_that_country_s() -> None:
    aff = _affiliations("올리버 그랜트 영국 AI평가연구소 연구원은 포럼에서 발표했다.")
    assert aff.get("person/ol-ri-beo-geu-raen-teu") == {
        "company/yeong-guk-a-i-pyeong-ga-yeon-gu-so"
    }


def test_at_this_occasion_with_a_topic_particle_refers_back() -> None:
    body = (
        "22일 AI 글로벌 포럼이 KIST에서 열렸다.\n\n홍릉 일대는 아침부터 붐볐다.\n\n"
        "이 자리에는 하정우 네이버클라우드 센터장이 참석했다."
    )
    assert ("person/ha-jung-woo", FORUM) in _facts(body, "attended")
    elsewhere = body.replace("이 자리에는", "다른 간담회에는")
    assert ("person/ha-jung-woo", FORUM) not in _facts(elsewhere, "attended")


def test_a_fragment_counting_the_signatories_by_part_continues_the_signing() -> None:
    body = (
        "'서울 AI 기업 서약'이 나왔다. 14개 기업 참여. "
        "코히어·어도비 등 해외 8개사, 네이버 등 국내 6개사다."
    )
    signed = _signed(body)
    assert {("company/cohere", BUSINESS), ("company/naver", BUSINESS)} <= signed
    assert {c for _, c in _facts(body, "statedSignatoryCount")} == {"14"}  # parts are no total
    market = "22일 AI 글로벌 포럼이 열렸다. 코히어·어도비 등 해외 8개사, 네이버 등 국내 6개사다."
    assert not _signed(market)


# Partial lists "A, B 등 N개 기업은 … 서약을 내놨다" and "…이 서약에 힘을 보탰다"


def test_companies_putting_out_a_pledge_sign_it_with_its_count() -> None:
    body = (
        "네이버, 카카오, KT 등 14개 기업은 이날 '서울 AI 기업 서약'을 내놨다. "
        "해외에서는 IBM과 어도비가 서약에 힘을 보탰다."
    )
    signed = _signed(body)
    assert {("company/naver", BUSINESS), ("company/kt", BUSINESS)} <= signed
    assert {("company/ibm", BUSINESS), ("company/adobe", BUSINESS)} <= signed
    assert {c for _, c in _facts(body, "statedSignatoryCount")} == {"14"}


def test_an_opinion_put_out_about_a_pledge_signs_nothing() -> None:
    body = (
        "네이버와 카카오는 '서울 AI 기업 서약'에 대한 평가를 내놨다. "
        "IBM과 어도비는 서약에 대한 비판에 힘을 보탰다."
    )
    assert not _signed(body)


def test_a_subsidiary_signing_through_its_parent_is_no_signatory() -> None:
    body = (
        "16개 기업이 '프런티어 AI 안전 서약'에 서명했다. "
        "딥마인드의 경우 별도 서명 없이 모회사 구글이 서명 주체가 됐다."
    )
    assert not {org for org, _ in _signed(body)} & {"company/google-deepmind"}
    assert ("company/google-deepmind", FRONTIER) in _signed(
        body.replace("별도 서명 없이 모회사 구글이 서명 주체가 됐다", "구글과 함께 서명에 참여했다")
    )


def test_a_customer_named_in_apposition_still_signs() -> None:
    body = "이 회사의 주요 고객사인 카카오와 네이버는 '서울 AI 기업 서약'에 이름을 올렸다."
    assert {("company/kakao", BUSINESS), ("company/naver", BUSINESS)} <= _signed(body)
    assert not _signed(body.replace("이름을 올렸다", "이름을 올리지 않았다"))


# A caption's roll call ("왼쪽부터 A, B 관계자") names who does what the caption says


def test_a_roll_call_under_a_signing_caption_names_signatories() -> None:
    body = (
        "▲ '서울 AI 기업 서약'에 참여한 기업 대표들이 무대에서 사진을 찍고 있다. "
        "왼쪽부터 삼성전자, LG AI연구원, 코히어 관계자."
    )
    assert {("company/samsung-electronics", BUSINESS), ("company/cohere", BUSINESS)} <= _signed(
        body
    )
    other = body.replace(
        "'서울 AI 기업 서약'에 참여한 기업 대표들이 무대에서", "기업 관계자들이 전시장에서"
    )
    assert not _signed("'서울 AI 기업 서약'이 나왔다.\n\n" + other)


def test_a_roll_call_under_an_attendance_caption_names_attendees() -> None:
    body = (
        "▲ 22일 열린 AI 글로벌 포럼 전문가 세션에 참석한 연구자들이 기념 촬영을 하고 있다. "
        "앞줄 왼쪽부터 잭 클락 앤트로픽 공동창업자, 이홍락 LG AI연구원 최고AI과학자."
    )
    assert ("person/jack-clark", "event/ai-global-forum-expert-session") in _facts(body, "attended")
    to_come = body.replace("22일 열린", "다음 달 열릴").replace("참석한", "참석할")
    assert not _facts(to_come, "attended")
    unnamed = body.replace("앞줄 왼쪽부터", "사진 속 인물은")
    assert ("person/jack-clark", "event/ai-global-forum-expert-session") not in _facts(
        unnamed, "attended"
    )


# A release's attachment: a heading naming the signatories, a "국내(3): …" line under it


_ATTACHMENT = (
    "□ 이어 국내외 기업 14곳은 「서울 AI 기업 서약」을 발표하였다. (참여 기업: 붙임 1)\n\n"
    "□ 과기정통부는 서약 이행 상황을 매년 점검할 계획이다.\n\n"
    "붙임 1. 「서울 AI 기업 서약」 참여 기업 (14개사, 가나다순)\n\n"
    "  국내(3): 네이버, 카카오, 케이티(KT)\n"
    "  해외(2): 구글, 세일즈포스\n"
)


def test_an_attachment_heading_lists_the_signatories_under_it() -> None:
    signed = _signed(_ATTACHMENT)
    assert {("company/kakao", BUSINESS), ("company/kt", BUSINESS)} <= signed
    assert {("company/google", BUSINESS), ("company/salesforce", BUSINESS)} <= signed
    assert {c for _, c in _facts(_ATTACHMENT, "statedSignatoryCount")} == {"14"}


@pytest.mark.parametrize("heading", ["「서울 AI 기업 서약」 미참여 기업", "행사 후원 기업"])
def test_an_attachment_of_non_signers_or_sponsors_signs_nothing(heading: str) -> None:
    body = _ATTACHMENT.replace("「서울 AI 기업 서약」 참여 기업 (14개사, 가나다순)", heading)
    assert not {org for org, _ in _signed(body)} & {"company/kakao", "company/salesforce"}


# People the catalogue lacks, in the orders Korean writes them


_OPENING = "'서울 AI 기업 서약'이 나왔다.\n\n"


def _affiliated(body: str) -> set[tuple[str, str]]:
    return _facts(_OPENING + body, "affiliatedWith")


def test_org_title_name_title() -> None:
    body = '네이버 책임있는AI센터장 김도윤 상무는 서면 답변에서 "점검하겠다"고 밝혔다.'
    assert ("person/gim-do-yun", "company/naver") in _affiliated(body)
    assert not {p for p, _ in _affiliated(body.replace("김도윤 상무는", "도움을 요청했다고"))} & {
        "person/gim-do-yun"
    }


def test_a_roster_line_in_org_title_name_order() -> None:
    body = "▲ 미래AI윤리협회 회장 문지호\n\n▲ 한결과학기술원 교수 김하늘"
    affiliated = _affiliated(body)
    assert ("person/mun-ji-ho", "company/mi-rae-a-i-yun-ri-hyeop-hoe") in affiliated
    assert ("person/gim-ha-neul", "company/han-gyeol-gwa-hak-gi-sul-won") in affiliated
    assert not _affiliated("▲ 미래AI윤리협회 회장 선거 일정")


def test_a_foreign_official_of_a_ministry_after_the_country() -> None:
    body = "이 자리에는 아론 벨(Aaron Bell) 호주 산업과학자원부 차관이 참석했다."
    assert ("person/aaron-bell", "company/ho-ju-san-eop-gwa-hak-ja-won-bu") in _affiliated(body)
    assert not _affiliated(body.replace("호주 산업과학자원부", "산업과학자원부"))


def test_a_title_fused_to_the_organization_and_a_session_chair() -> None:
    body = (
        "▲ 윤서진 미래AI안전센터장(오른쪽)이 22일 열린 AI 글로벌 포럼 전문가 세션에서 "
        "발언하고 있다. 이 세션의 좌장은 김나래 한결과학기술원 교수가 맡았다."
    )
    affiliated = _affiliated(body)
    assert ("person/yun-seo-jin", "company/mi-rae-a-i-an-jeon-sen-teo") in affiliated
    assert ("person/gim-na-rae", "company/han-gyeol-gwa-hak-gi-sul-won") in affiliated
    attended = _facts(_OPENING + body, "attended")
    assert ("person/yun-seo-jin", "event/ai-global-forum-expert-session") in attended
    assert ("person/gim-na-rae", "event/ai-global-forum-expert-session") in attended


def test_a_centre_after_a_known_company_stays_in_the_title() -> None:
    body = "KT 윤서진 책임AI센터장은 포럼에 참석해 위험 관리 체계를 소개했다."
    affiliated = _affiliated(body)
    assert ("person/yun-seo-jin", "company/kt") in affiliated
    assert {o for p, o in affiliated if p == "person/yun-seo-jin"} == {"company/kt"}


def test_a_former_post_in_parentheses_and_the_same_company() -> None:
    body = (
        '한결테크 대표 남궁민(전 네이버 상무)은 "수주가 늘었다"고 말했다.\n\n'
        '같은 회사 오세진 최고재무책임자(CFO)는 "수익성을 지키겠다"고 밝혔다.'
    )
    affiliated = _affiliated(body)
    assert ("person/nam-gung-min", "company/han-gyeol-te-keu") in affiliated
    assert ("person/nam-gung-min", "company/naver") in affiliated
    assert ("person/o-se-jin", "company/han-gyeol-te-keu") in affiliated
    other = body.replace("같은 회사 오세진", "업계의 오세진")
    assert not {o for p, o in _affiliated(other) if p == "person/o-se-jin"}
    unnamed = body.replace("(전 네이버 상무)", "(전 직장 없음)")
    assert ("person/nam-gung-min", "company/naver") not in _affiliated(unnamed)


def test_appearing_on_screen_at_a_session_is_attendance() -> None:
    body = (
        "윤석열 대통령과 리시 수낵 영국 총리가 21일 밤 화상으로 열린 AI 서울 정상회의 정상 세션을 "
        "공동 주재했다. 재계에서는 구광모 LG 회장이 화면에 모습을 드러냈다."
    )
    session = ("person/gu-gwang-mo", "event/ai-seoul-summit-leaders-session")
    assert session in _facts(body, "attended")
    watching = body.replace("화면에 모습을 드러냈다", "방송 화면에 비친 회의 모습을 지켜봤다")
    assert session not in _facts(watching, "attended")


def test_an_industry_word_before_a_name_is_no_organization() -> None:
    body = '한결테크 대표 남궁민은 "수주가 늘었다"고 말했다.'
    assert ("person/nam-gung-min", "company/han-gyeol-te-keu") in _affiliated(body)
    assert not _affiliated(body.replace("한결테크", "에듀테크"))


BOTH_LEDE = (
    "'프런티어 AI 안전 서약'에는 16개 기업이, '서울 AI 기업 서약'에는 14개 기업이 참여했다.\n\n"
)


def test_every_item_of_a_list_before_both_pledges_signed_both() -> None:
    body = BOTH_LEDE + (
        "명단을 보면 메타, 아마존, 마이크로소프트, 오픈AI, 코히어, 앤트로픽과 네이버가 두 서약에 "
        "모두 서명했다."
    )
    signed = _signed(body)
    for company in ("meta", "amazon", "microsoft", "openai", "cohere", "anthropic", "naver"):
        assert (f"company/{company}", FRONTIER) in signed
        assert (f"company/{company}", BUSINESS) in signed
    # a clause in between ends the list: the first ones signed one pledge only
    split = BOTH_LEDE + (
        "메타와 아마존은 프런티어 서약에만 서명했고, 코히어, 앤트로픽, 네이버는 두 서약에 모두 서명했다."
    )
    signed = _signed(split)
    assert ("company/meta", BUSINESS) not in signed
    assert ("company/amazon", BUSINESS) not in signed
    assert ("company/cohere", BUSINESS) in signed


def test_a_department_between_a_university_and_its_professor() -> None:
    body = (
        "동해대 인공지능학과 서지안 교수는 22일 서울에서 열린 'AI 글로벌 포럼' 전문가 세션에 "
        "토론자로 참석했다.\n\n전문가 세션 좌장은 한지원 남강대 법학과 교수가 맡았다."
    )
    affiliated = _affiliated(body)
    assert ("person/seo-ji-an", "company/dong-hae-dae") in affiliated
    assert ("person/han-ji-won", "company/nam-gang-dae") in affiliated
    assert ("person/seo-ji-an", "event/ai-global-forum-expert-session") in _facts(body, "attended")
    # a student is no member with a title: nothing is read
    student = body.replace("서지안 교수는", "서지안 학생은").replace(
        "법학과 교수가", "법학과 학생이"
    )
    assert not _affiliated(student)


def test_a_ministry_official_titled_by_office() -> None:
    lede = "'서울 AI 기업 서약'에는 14개 기업이 참여했다.\n\n"
    body = lede + (
        '남도현 전 과학기술정보통신부 디지털질서정책관은 "첫걸음일 뿐"이라고 말했다.\n\n'
        '오세진 과학기술정보통신부 국제협력담당관은 "점검하겠다"고 말했다.'
    )
    affiliated = _affiliated(body)
    assert ("person/nam-do-hyeon", "government/ministry-of-science-and-ict") in affiliated
    assert ("person/o-se-jin", "government/ministry-of-science-and-ict") in affiliated
    # an unnamed official is no person
    unnamed = lede + '과학기술정보통신부 관계자는 "점검하겠다"고 말했다.'
    assert not _affiliated(unnamed)


def test_an_organization_with_of_before_a_name_and_title() -> None:
    lede = "'서울 AI 기업 서약'에는 14개 기업이 참여했다.\n\n"
    body = lede + '지역 AI 스타트업 한울테크의 오세진 대표는 통화에서 "가지 못했다"고 했다.'
    assert ("person/o-se-jin", "company/han-ul-te-keu") in _affiliated(body)
    # 씨 is no title: nothing is read
    assert not _affiliated(body.replace("오세진 대표는", "오세진 씨는"))


STAGE_LEDE = "22일 서울에서 'AI 글로벌 포럼'이 열렸다.\n\n"


def test_taking_the_stage_at_an_event_is_attendance() -> None:
    body = STAGE_LEDE + "AI 글로벌 포럼 개회식 단상에 오세진 한빛테크 대표가 올랐습니다."
    attended = _facts(body, "attended")
    assert ("person/o-se-jin", "event/ai-global-forum-opening-ceremony") in attended
    later = body.replace("올랐습니다", "오를 예정입니다")
    assert not _facts(later, "attended")


def test_a_speaker_label_with_a_slash_names_the_organization() -> None:
    body = STAGE_LEDE + '[인터뷰] 오세진 / 한빛AI정책연구회 연구위원\n\n"점검이 중요합니다."'
    assert ("person/o-se-jin", "company/han-bit-a-i-jeong-chaek-yeon-gu-hoe") in _affiliated(body)
    untitled = body.replace("연구위원", "회원들")
    assert not _affiliated(untitled)


def _broadcast(body: str) -> set[tuple[str, str]]:
    text = (
        f"한빛방송 뉴스9 | 2024.05.22 (수) 21:04\n\nAI 포럼 이틀째\n\n{body}\n\n"
        "Copyright ⓒ 한빛방송. 무단 전재 및 재배포 금지.\n"
    )
    article = parse_article(text.encode("utf-8"), source="ko_broadcast.txt")
    return extracted_facts(extract_facts(article), "affiliatedWith")


def test_a_broadcast_sign_off_names_the_outlets_reporter() -> None:
    body = "[앵커]\n오늘 AI 글로벌 포럼에 각국 대표가 모였습니다.\n\n한빛방송 남도현입니다."
    reporter = ("person/nam-do-hyeon", "company/han-bit-bang-song")
    assert reporter in _broadcast(body)
    # another outlet's name is no sign-off of this one
    other = body.replace("한빛방송 남도현입니다.", "다온방송 남도현입니다.")
    assert not {p for p, _ in _broadcast(other) if p == "person/nam-do-hyeon"}


def test_taking_part_in_a_debate_is_attendance() -> None:
    body = STAGE_LEDE + "이 포럼에서 오세진 한빛테크 대표는 토론에 나섰다."
    assert ("person/o-se-jin", FORUM) in _facts(body, "attended")
    other = STAGE_LEDE + "이 포럼 이후 오세진 한빛테크 대표는 규제 정비에 나섰다."
    assert not _facts(other, "attended")


def test_this_forum_after_a_clause_naming_the_summit_is_the_forum() -> None:
    body = STAGE_LEDE + (
        "AI 서울 정상회의 둘째 날 행사로 마련된 이 포럼에서 오세진 한빛테크 대표는 토론에 나섰다."
    )
    attended = _facts(body, "attended")
    assert ("person/o-se-jin", FORUM) in attended
    assert ("person/o-se-jin", "event/ai-seoul-summit") not in attended


def _release(header: str) -> set[tuple[str, str]]:
    text = (
        f"보도자료\n\n{header}\n\n국내외 기업, 'AI 글로벌 포럼'에서 서약 발표\n\n"
        "□ 22일 서울에서 'AI 글로벌 포럼'이 열렸다.\n"
    )
    article = parse_article(text.encode("utf-8"), source="ko_release.txt")
    return extracted_facts(extract_facts(article), "affiliatedWith")


def test_a_press_releases_contacts_work_for_its_department() -> None:
    header = (
        "배포일시: 2024. 5. 22.(수) 10:00\n"
        "담당부서: 과학기술정보통신부 디지털질서정책과\n"
        "책임자: 과장 남도현 (044-000-0000)\n"
        "담당자: 오세진 사무관 (044-000-0001)"
    )
    affiliated = _release(header)
    ministry = "government/ministry-of-science-and-ict"
    assert ("person/nam-do-hyeon", ministry) in affiliated
    assert ("person/o-se-jin", ministry) in affiliated
    # no department line: whose contacts they are is not said
    assert not _release(header.replace("담당부서: 과학기술정보통신부 디지털질서정책과\n", ""))
    # a desk, not a person
    assert not _release(
        header.replace("과장 남도현", "홍보팀 대표번호").replace("오세진 사무관", "대표 메일")
    )


# Lists named by reference: both sides, and verbs that join the signing before (issue 9, §2)

_TWO = "'프런티어 AI 안전 서약'과 '서울 AI 기업 서약'이 잇달아 나왔다. 카카오는 기업 서약에만 참여했다."


def test_both_sides_signs_every_pledge_the_article_names() -> None:
    body = f"{_TWO} 네이버와 삼성전자도 양쪽에 모두 들어갔다."
    want = {
        (o, p)
        for o in ("company/naver", "company/samsung-electronics")
        for p in (FRONTIER, BUSINESS)
    }
    assert want <= _signed(body)
    meeting = f"{_TWO} 네이버와 삼성전자도 양쪽 회의에 다 들어갔다."
    assert not {o for o, _ in _signed(meeting)} & {"company/naver", "company/samsung-electronics"}
    one = "'서울 AI 기업 서약'이 나왔다. 네이버도 양쪽에 모두 들어갔다."
    assert ("company/naver", FRONTIER) not in _signed(one)


@pytest.mark.parametrize(
    "follow",
    ["해외에서는 어도비와 세일즈포스가 뜻을 같이했다.", "여기에 어도비와 세일즈포스가 더해졌다."],
)
def test_a_verb_that_joins_continues_the_signing_before_it(follow: str) -> None:
    body = f"네이버와 카카오가 '서울 AI 기업 서약'에 서명했다. {follow}"
    assert {("company/adobe", BUSINESS), ("company/salesforce", BUSINESS)} <= _signed(body)
    unsigned = f"네이버와 카카오가 '서울 AI 기업 서약'을 비판했다. {follow}"
    assert not {o for o, _ in _signed(unsigned)} & {"company/adobe", "company/salesforce"}


def test_a_count_of_a_list_that_more_signatories_join_is_a_part() -> None:
    total = "'프런티어 AI 안전 서약'에는 16개 기업이 서명했다.\n\n"
    part = "서약에 이름을 올린 곳은 미국의 아마존, 메타, 구글 등 7곳이다."
    joined = total + part + " 여기에 코히어와 네이버가 더해졌다."
    counts = _facts(joined, "statedSignatoryCount")
    assert (FRONTIER, "16") in counts and (FRONTIER, "7") not in counts
    assert ("company/cohere", FRONTIER) in _signed(joined)
    alone = "'프런티어 AI 안전 서약'에 16개 기업이 서명했다. 여기에 코히어가 더해졌다."
    assert (FRONTIER, "16") in _facts(alone, "statedSignatoryCount")  # the only count stays
