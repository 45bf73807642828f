"""Facts come from the sentences: edit the article and the facts change with it."""

from __future__ import annotations

from kg.evaluate import extracted_facts
from kg.extract import extract_facts
from kg.loader import Article, parse_article


def _edited(article: Article, old: str, new: str) -> Article:
    assert article.text.count(old) == 1, old
    return parse_article(article.text.replace(old, new).encode("utf-8"), source="edited.txt")


def test_removing_a_signatory_loses_exactly_that_fact(seed_article: Article) -> None:
    before = extracted_facts(extract_facts(seed_article), "signed")
    after = extracted_facts(extract_facts(_edited(seed_article, " △세일즈포스", "")), "signed")
    assert before - after == {("company/salesforce", "pledge/seoul-ai-business-pledge")}
    assert after <= before


def test_a_new_attendee_in_the_list_is_gained(seed_article: Article) -> None:
    edited = _edited(
        seed_article,
        "최경진 가천대 AI 빅데이터 정책연구센터장 등이다",
        "최경진 가천대 AI 빅데이터 정책연구센터장, 박서준 카카오 최고기술책임자 등이다",
    )
    extraction = extract_facts(edited)
    person = next(e for e in extraction.entities if e.name_ko == "박서준")
    assert (person.key, "event/ai-global-forum") in extracted_facts(extraction, "attended")
    affiliation = next(
        f
        for f in extraction.facts
        if f.subject == person.key and f.relation.value == "affiliatedWith"
    )
    assert affiliation.object == "company/kakao"
    assert affiliation.title is not None and affiliation.title.written == "최고기술책임자"
    assert affiliation.title.english == "Chief Technology Officer"
    before = extracted_facts(extract_facts(seed_article), "attended")
    assert extracted_facts(extraction, "attended") - before == {
        (person.key, "event/ai-global-forum")
    }


def test_expected_attendance_is_not_attendance(seed_article: Article) -> None:
    edited = _edited(
        seed_article,
        "잭 클락 앤트로픽 공동창업자 등이 참석했다",
        "잭 클락 앤트로픽 공동창업자 등이 참석할 예정이다",
    )
    attended = extracted_facts(extract_facts(edited), "attended")
    assert ("person/jack-clark", "event/ai-global-forum") not in attended
    assert ("person/ha-jung-woo", "event/ai-global-forum") in attended


def test_changing_the_pledge_moves_the_signatures(seed_article: Article) -> None:
    edited = _edited(
        seed_article, "'프론티어 AI 안전 서약'을 체결하고", "'서울 AI 기업 서약'을 체결하고"
    )
    signed = extracted_facts(extract_facts(edited), "signed")
    assert ("company/meta", "pledge/seoul-ai-business-pledge") in signed
    assert not any(pledge == "pledge/frontier-ai-safety-commitments" for _, pledge in signed)


def test_page_noise_yields_no_fact(seed_article: Article) -> None:
    noisy = _edited(
        seed_article,
        "댓글 0",
        "댓글 0\n삼성전자와 메타가 '서울 AI 기업 서약'에 동참했다는 소식입니다.\n",
    )
    weather = _edited(
        seed_article, "흐림백령도17.7℃", "흐림백령도17.7℃ 메타 '서울 AI 기업 서약' 동참"
    )

    def facts(article: Article) -> set[tuple[object, ...]]:
        return {
            (f.relation, f.subject, getattr(f.object, "text", f.object))
            for f in extract_facts(article).facts
        }

    base = facts(seed_article)
    for article in (noisy, weather):
        assert facts(article) == base


def test_offsets_follow_edits_before_the_body(seed_article: Article) -> None:
    edited = _edited(seed_article, "  • 2025.09.20 (토)", "  • 2025.09.20 (토) — 추가된 머리글 줄")
    shift = len(" — 추가된 머리글 줄")
    before = {f.subject: f.evidence[0].start for f in extract_facts(seed_article).facts}
    after = {f.subject: f.evidence[0].start for f in extract_facts(edited).facts}
    assert all(after[k] == v + shift for k, v in before.items())


def test_an_unknown_company_in_the_list_becomes_a_signatory(seed_article: Article) -> None:
    extraction = extract_facts(_edited(seed_article, "△세일즈포스", "△업스테이지"))
    company = next(e for e in extraction.entities if e.name_ko == "업스테이지")
    signed = extracted_facts(extraction, "signed")
    assert (company.key, "pledge/seoul-ai-business-pledge") in signed
    assert ("company/salesforce", "pledge/seoul-ai-business-pledge") not in signed


# English prose, as wire and analysis pieces write it (third session).

_PROSE = """Who signed in Seoul

By Jo Reader

SEOUL, May 21 (Test Wire) - Sixteen companies signed the Frontier AI Safety Commitments on Tuesday, as the AI Seoul Summit opened.

Start with Europe. The debate there was loud.

Critics said the wording was loose.

Inflection AI signed too, even though most of its founders had left.

They were joined by eight international companies, including Google, OpenAI and Microsoft.

Is Google DeepMind on the list?

The Technology Secretary, Michelle Donelan, said the rules would follow.
"""


def _facts(text: str, relation: str) -> set[tuple[str, str]]:
    article = parse_article(text.encode("utf-8"), source="prose.txt")
    return extracted_facts(extract_facts(article), relation)


def test_a_bare_signed_goes_with_the_only_pledge_named_so_far() -> None:
    pledge = "pledge/frontier-ai-safety-commitments"
    assert ("company/inflection-ai", pledge) in _facts(_PROSE, "signed")
    unsigned = _PROSE.replace("Inflection AI signed too", "Inflection AI stayed out")
    assert ("company/inflection-ai", pledge) not in _facts(unsigned, "signed")


def test_a_question_signs_no_one() -> None:
    assert not any(org == "company/google-deepmind" for org, _ in _facts(_PROSE, "signed"))
    asserted = _PROSE.replace("Is Google DeepMind on the list?", "Google DeepMind is on the list.")
    assert any(org == "company/google-deepmind" for org, _ in _facts(asserted, "signed"))


def test_a_count_of_some_signatories_is_not_the_stated_total() -> None:
    counts = {count for _, count in _facts(_PROSE, "statedSignatoryCount")}
    assert counts == {"16"}
    total = _PROSE.replace("eight international companies", "eight companies")
    assert "8" in {count for _, count in _facts(total, "statedSignatoryCount")}


def test_a_title_in_apposition_gives_the_affiliation() -> None:
    donelan = ("person/michelle-donelan", "government/uk-dsit")
    assert donelan in _facts(_PROSE, "affiliatedWith")
    bare = _PROSE.replace("The Technology Secretary, Michelle Donelan,", "Michelle Donelan")
    assert donelan not in _facts(bare, "affiliatedWith")


_KO_RELEASE = """정부, 서울 AI 기업 서약 발표

한빛일보 = 오세린 기자

22일 서울에서 열린 AI 글로벌 포럼에서 국내외 14개 기업이 '서울 AI 기업 서약'을 발표하였다.

한결투자증권 박지원 연구원은 "시장에 미칠 영향은 제한적"이라고 말했다.

붙임 1. 「서울 AI 기업 서약」 참여 기업(14개사, 가나다순)

 - 국내(6개사): 네이버, 삼성전자, 카카오
 - 해외(8개사): 구글, 어도비
"""


def test_a_heading_above_a_list_of_signatories_introduces_it() -> None:
    pledge = "pledge/seoul-ai-business-pledge"
    signed = _facts(_KO_RELEASE, "signed")
    assert {("company/kakao", pledge), ("company/adobe", pledge)} <= signed
    headless = _KO_RELEASE.replace("붙임 1. 「서울 AI 기업 서약」 참여 기업(14개사, 가나다순)\n", "")
    assert not {org for org, _ in _facts(headless, "signed")} & {"company/kakao", "company/adobe"}


def test_a_part_of_the_signatories_is_not_their_number() -> None:
    assert {count for _, count in _facts(_KO_RELEASE, "statedSignatoryCount")} == {"14"}


def test_an_unknown_organization_before_a_name_and_title_is_the_employer() -> None:
    employer = {org for person, org in _facts(_KO_RELEASE, "affiliatedWith") if "ji-won" in person}
    assert employer == {"company/han-gyeol-tu-ja-jeung-gwon"}
    plain = _KO_RELEASE.replace("한결투자증권 박지원 연구원은", "박지원 씨는")
    assert not any("ji-won" in person for person, _ in _facts(plain, "affiliatedWith"))


_KO_CARDS = """[카드뉴스] 숫자로 보는 AI 서울 정상회의

2/8
21일 밤, 윤석열 대통령과 리시 수낵 영국 총리가
화상 정상 세션을 공동 주재했다.

3/8
같은 날 16개 AI 기업이 '프런티어 AI 안전 약속'에 서명했다.
서명 기업: 아마존, 앤트로픽, 코히어, 구글,
미스트랄AI, 네이버
"""


def test_a_sentence_wrapped_over_two_lines_is_read_whole() -> None:
    session = ("person/yoon-suk-yeol", "event/ai-seoul-summit-leaders-session")
    assert session in _facts(_KO_CARDS, "attended")
    broken = _KO_CARDS.replace("총리가\n화상", "총리가\n\n화상")  # two paragraphs: no sentence
    assert session not in _facts(broken, "attended")


def test_a_labelled_inline_list_gives_signatories_even_when_wrapped() -> None:
    pledge = "pledge/frontier-ai-safety-commitments"
    signed = _facts(_KO_CARDS, "signed")
    assert {("company/cohere", pledge), ("company/mistral-ai", pledge), ("company/naver", pledge)} <= signed
    unlabelled = _KO_CARDS.replace("서명 기업: ", "")
    assert ("company/cohere", pledge) not in _facts(unlabelled, "signed")


_EN_LIVE = """LIVE: AI Seoul Summit day two

Last updated 17:40 KST

16:55 KST – Correction: an earlier post said xAI had signed the Seoul AI Business Pledge. It had not.

13:05 KST – The expert session has started downstairs.

10:15 KST – Foreign Minister Cho Tae-yul takes the podium at the opening ceremony.

09:00 KST – Naver Corp. and Samsung Electronics Co. signed a voluntary pledge on Wednesday, a forum organiser said.

08:55 KST – The Seoul AI Business Pledge will be presented at the AI Global Forum.
"""


def test_a_corrected_report_signs_no_one() -> None:
    xai = ("company/xai", "pledge/seoul-ai-business-pledge")
    assert xai not in _facts(_EN_LIVE, "signed")
    assert xai in _facts(_EN_LIVE.replace("Correction: an earlier post said xAI had", "xAI has"), "signed")


def test_a_short_session_name_goes_with_the_event_a_named_session_belongs_to() -> None:
    ceremony = ("person/cho-tae-yul", "event/ai-global-forum-opening-ceremony")
    assert ceremony in _facts(_EN_LIVE, "attended")
    alone = _EN_LIVE.replace("The expert session has started downstairs.", "Coffee is served.")
    assert ceremony not in _facts(alone, "attended")


_EN_LEDE = """Korean groups sign up

By Jo Reader

SEOUL, May 22 (Test Wire) - Naver Corp. and Samsung Electronics Co. signed a voluntary pledge on responsible AI on Wednesday.

The Seoul AI Business Pledge was presented at the AI Global Forum.

A day earlier, the Frontier AI Safety Commitments drew other developers.
"""


def test_a_pledge_named_after_the_lede_is_the_one_the_lede_meant() -> None:
    business, frontier = "pledge/seoul-ai-business-pledge", "pledge/frontier-ai-safety-commitments"
    assert ("company/naver", business) in _facts(_EN_LEDE, "signed")
    lines = _EN_LEDE.split("\n\n")
    swapped = "\n\n".join([*lines[:3], lines[4], lines[3]])  # the other pledge named first
    signed = _facts(swapped, "signed")
    assert ("company/naver", frontier) in signed and ("company/naver", business) not in signed


def test_who_heads_and_the_org_title_give_affiliations() -> None:
    text = _EN_LEDE + (
        "\nBae Soon-min, who heads KT's Responsible AI Center, spoke at the expert session.\n"
        "\nAndrew Ng, the Stanford professor, gave a talk at the expert session.\n"
    )
    found = _facts(text, "affiliatedWith")
    assert {("person/bae-soon-min", "company/kt"), ("person/andrew-ng", "university/stanford")} <= found
    plain = text.replace(", who heads KT's Responsible AI Center,", "").replace(", the Stanford professor,", "")
    assert not {p for p, _ in _facts(plain, "affiliatedWith")} & {"person/bae-soon-min", "person/andrew-ng"}


def test_an_opening_address_at_the_forum_is_given_at_its_opening_ceremony() -> None:
    text = _EN_LEDE + "\nPrime Minister Han Duck-soo said in his opening address at the AI Global Forum that safety matters.\n"
    ceremony = ("person/han-duck-soo", "event/ai-global-forum-opening-ceremony")
    assert ceremony in _facts(text, "attended")
    closing = text.replace("opening address", "closing address")
    assert ceremony not in _facts(closing, "attended")
    assert ("person/han-duck-soo", "event/ai-global-forum") in _facts(closing, "attended")


_EN_PODCAST = """THE TEST LINE - Episode 1

MARCUS DELL (HOST): Welcome back. My guest has just come back from the AI Global Forum in Seoul.

INES OKORO: Thanks. I sat on the expert session on the Wednesday.
"""

_KO_RADIO = """[인터뷰] AI 서울 정상회의 현장

◇손미경> 어제 현장에 계셨죠?

◆최은영> 네. 어제 오전 KIST에서 열린 AI 글로벌 포럼 전문가 세션에 토론자로 참석했습니다.
"""


def test_a_guest_in_a_transcript_attends_in_her_own_words() -> None:
    session = "event/ai-global-forum-expert-session"
    assert ("person/ines-okoro", session) in _facts(_EN_PODCAST, "attended")
    hosted = _EN_PODCAST.replace("INES OKORO:", "INES OKORO (HOST):")
    assert not any(p == "person/ines-okoro" for p, _ in _facts(hosted, "attended"))
    guest = {p for p, e in _facts(_KO_RADIO, "attended") if e == session}
    assert guest == {"person/choe-eun-yeong"}
    assert not _facts(_KO_RADIO.replace("◆최은영>", "◇최은영>"), "attended")


_KO_TWO = """두 서약, 다른 명단

한빛일보 = 오세린 기자

21일에는 16개 기업이 '프런티어 AI 안전 서약'에 서명했다.

22일 발표된 '서울 AI 기업 서약'은 범위가 더 넓다. 카카오처럼 프런티어 서약에는 없던 국내 기업이 이 서약에 새로 합류했다.
"""


def test_the_pledge_a_company_is_said_not_to_be_in_is_not_the_one_it_joined() -> None:
    business, frontier = "pledge/seoul-ai-business-pledge", "pledge/frontier-ai-safety-commitments"
    signed = _facts(_KO_TWO, "signed")
    assert ("company/kakao", business) in signed and ("company/kakao", frontier) not in signed
    joined = _KO_TWO.replace("프런티어 서약에는 없던 국내 기업이 이 서약에", "국내 기업이 프런티어 서약에")
    assert ("company/kakao", frontier) in _facts(joined, "signed")


def test_a_capitalised_label_is_no_person_until_its_words_place_someone() -> None:
    text = _EN_LEDE + "\nBREAKING NEWS: Naver Corp. said the pledge was a first step.\n"
    article = parse_article(text.encode("utf-8"), source="label.txt")
    assert "person/breaking-news" not in {e.key for e in extract_facts(article).entities}
