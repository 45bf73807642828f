"""English extraction in general form: each family of phrasings real coverage uses, with a
counter-example that must stay silent. The sentences are written for these tests."""

from __future__ import annotations

import re

import pytest

from kg.errors import ExtractionError
from kg.evaluate import extracted_facts
from kg.extract import extract_facts
from kg.extract.en_lexicon import entries, lexicon, trigger
from kg.loader import parse_article

FRONTIER = "pledge/frontier-ai-safety-commitments"
BUSINESS = "pledge/seoul-ai-business-pledge"
FORUM = "event/ai-global-forum"
LEADERS = "event/ai-seoul-summit-leaders-session"

_HEAD = "AI firms in Seoul\n\nBy Jo Reader\n\nSEOUL, May 22 (Test Wire) - "


def _facts(body: str, relation: str) -> set[tuple[str, str]]:
    article = parse_article((_HEAD + body).encode("utf-8"), source="general.txt")
    try:
        return extracted_facts(extract_facts(article), relation)
    except ExtractionError:  # nothing about the summit at all: no facts
        return set()


def _signed(body: str) -> set[tuple[str, str]]:
    return _facts(body, "signed")


def _orgs(body: str) -> set[str]:
    return {org for org, _ in _signed(body)}


# The lexicon: every entry is matched by the example it came from.


@pytest.mark.parametrize(
    "name", [k for k, v in lexicon().items() if isinstance(v, list) and k != "countries"]
)
def test_every_lexicon_entry_matches_its_own_example(name: str) -> None:
    for entry in entries(name):
        pattern = re.compile(rf"(?:{entry['pattern']})", re.IGNORECASE)
        assert pattern.search(entry["example"]), (name, entry)
    assert not trigger(
        name, anchored=name.startswith(("signed_c", "signed_q", "signed_by", "attended_r"))
    ).search("zzz")


# Signing: verbs beyond sign and join, the passive, lists that run on.


_VERBS = [
    "unveiled",
    "adopted",
    "agreed to",
    "endorsed",
    "endorses",
    "backed",
    "are backing",
    "committed to",
    "subscribed to",
    "put their names to",
    "made",
    "are on board with",
]


def test_companies_as_subject_of_a_pledge_verb_sign_it() -> None:
    for verb in _VERBS:
        body = f"Naver and Cohere {verb} the Frontier AI Safety Commitments on Tuesday.\n"
        assert {("company/naver", FRONTIER), ("company/cohere", FRONTIER)} <= _signed(body), verb
        assert not _signed(body.replace("the Frontier AI Safety Commitments", "a new data centre"))


def test_a_passive_pledge_names_its_makers_after_a_dash() -> None:
    body = (
        "A new set of safety commitments was announced at the summit.\n\n"
        "The pledge was jointly made by 16 companies — Amazon, Cohere, Naver and Veltro Labs.\n"
    )
    signed = _signed(body)
    assert {("company/amazon", FRONTIER), ("company/naver", FRONTIER)} <= signed
    assert ("company/veltro-labs", FRONTIER) in signed  # unknown, but listed beside known ones
    assert not _signed(body.replace("was jointly made by", "was praised by analysts at"))


def test_signatories_include_and_such_as_keep_the_first_item() -> None:
    body = "Signatories of the Seoul AI Business Pledge include tech giants such as Adobe, Kakao and IBM.\n"
    assert {"company/adobe", "company/kakao", "company/ibm"} <= _orgs(body)
    customers = "Kakao counts customers such as Adobe, Naver and IBM; it signed the Seoul AI Business Pledge.\n"
    assert "company/adobe" not in _orgs(customers) and "company/kakao" in _orgs(customers)


@pytest.mark.parametrize(
    "fragment",
    ["In addition, Cohere and IBM.", "Plus Cohere and IBM.", "They are Cohere and IBM."],
)
def test_a_verbless_fragment_continues_the_list_before_it(fragment: str) -> None:
    body = f"Amazon and Naver signed the Frontier AI Safety Commitments on Tuesday. {fragment}\n"
    assert {("company/cohere", FRONTIER), ("company/ibm", FRONTIER)} <= _signed(body)
    alone = f"Amazon and Naver opened offices on Tuesday. {fragment}\n\nAmazon signed the Frontier AI Safety Commitments.\n"
    assert "company/cohere" not in _orgs(alone)


def test_a_question_heading_is_answered_by_the_list_under_it() -> None:
    body = (
        "The Seoul AI Business Pledge was presented at the AI Global Forum.\n\n"
        "Who signed?\n\n- Kakao\n- Hanbit Robotics\n"
    )
    assert {("company/kakao", BUSINESS), ("company/hanbit-robotics", BUSINESS)} <= _signed(body)
    heading = body.replace("Who signed?", "What it says")
    assert "company/kakao" not in _orgs(heading)
    prose = body.replace("- Kakao\n- Hanbit Robotics\n", "Kakao, Naver and Hanbit Robotics.\n")
    assert {("company/naver", BUSINESS), ("company/hanbit-robotics", BUSINESS)} <= _signed(prose)
    assert not _orgs(prose.replace("Who signed?", "What it says"))


def test_a_company_pledge_table_gives_one_signature_a_row() -> None:
    body = (
        "The Frontier AI Safety Commitments and the Seoul AI Business Pledge, side by side.\n\n"
        "Company | Pledge\nKakao | Business Pledge only\nAmazon | Frontier Commitments\n"
        "Naver | Both\nNvidia | Neither\n"
    )
    signed = _signed(body)
    assert {("company/kakao", BUSINESS), ("company/amazon", FRONTIER)} <= signed
    assert {("company/naver", BUSINESS), ("company/naver", FRONTIER)} <= signed
    assert "company/nvidia" not in {org for org, _ in signed}
    tabbed = body.replace(" | ", "\t")
    assert ("company/kakao", BUSINESS) in _signed(tabbed)
    links = (
        "Related: Who signed the Frontier AI Safety Commitments? | Timeline: Bletchley to Seoul\n"
    )
    assert not _signed("The summit closed on Wednesday.\n\n" + links)


def test_an_agreement_with_a_number_of_firms_states_the_count() -> None:
    body = "Britain and Korea reached an agreement with 16 firms on new safety commitments.\n"
    counts = _facts(body, "statedSignatoryCount")
    assert (FRONTIER, "16") in counts
    assert not _facts(
        "Britain and Korea said 16 firms had new safety commitments.\n", "statedSignatoryCount"
    ) - {(FRONTIER, "16")} and (FRONTIER, "16") not in _facts(
        "Britain and Korea praised 16 firms for new products.\n", "statedSignatoryCount"
    )


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("Our lab is one of sixteen signatories of the Frontier AI Safety Commitments.", "16"),
        (
            "Sixteen of the world's biggest AI developers signed the Frontier AI Safety Commitments.",
            "16",
        ),
        (
            "Sixteen firms from Europe, Asia and the US signed the Frontier AI Safety Commitments.",
            "16",
        ),
    ],
)
def test_a_total_is_the_count_of_the_whole_list_not_one_of_it(sentence: str, total: str) -> None:
    assert _facts(sentence + "\n", "statedSignatoryCount") == {(FRONTIER, total)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Frontier AI Safety Commitments list two Canadian companies among their signatories.",
        "Signatories of the Frontier AI Safety Commitments include three African firms.",
        "Two firms from the United Arab Emirates also signed the Frontier AI Safety Commitments.",
        "Only four signatories of the Frontier AI Safety Commitments are headquartered in Asia.",
    ],
)
def test_a_part_of_the_signatories_picked_by_origin_states_no_total(sentence: str) -> None:
    assert not _facts(sentence + "\n", "statedSignatoryCount")


def test_which_also_signed_signs_the_organization_it_hangs_from() -> None:
    body = "The Frontier AI Safety Commitments drew 16 firms. Jack Clark, a co-founder of Anthropic, which also signed, spoke.\n"
    assert ("company/anthropic", FRONTIER) in _signed(body)
    assert "company/anthropic" not in _orgs(body.replace("which also signed", "which did not sign"))


# Pledges named by description.


_DESCRIBED = [
    ("new safety commitments", FRONTIER),
    ("voluntary commitments on AI safety", FRONTIER),
    ("the frontier AI pledge", FRONTIER),
    ("the Seoul pledge", BUSINESS),
    ("a new business pledge", BUSINESS),
]


def test_a_pledge_named_by_its_words_is_that_pledge() -> None:
    for phrase, pledge in _DESCRIBED:
        signed = _signed(f"Naver and Kakao signed {phrase} on Wednesday.\n")
        assert signed == {("company/naver", pledge), ("company/kakao", pledge)}, phrase
    assert not _signed("Naver and Kakao signed new supply contracts on Wednesday.\n")


def test_a_bare_pledge_goes_by_the_stated_count() -> None:
    assert ("company/naver", FRONTIER) in _signed(
        "Naver was among 16 companies that signed the pledge.\n"
    )
    assert ("company/naver", BUSINESS) in _signed(
        "Naver was among 14 companies that signed the pledge.\n"
    )


def test_the_white_house_commitments_of_2023_are_not_a_seoul_pledge() -> None:
    body = (
        "Sixteen firms signed the Frontier AI Safety Commitments on Tuesday.\n\n"
        "Amazon and Google signed the White House commitments in July 2023.\n"
    )
    assert "company/amazon" not in _orgs(body)
    assert "company/amazon" in _orgs(
        body.replace("the White House commitments in July 2023", "them too")
    )


def test_regions_listed_near_a_pledge_are_not_signatories() -> None:
    body = "Firms from Europe, Asia and the Middle East, including Naver, Veltro Labs and Cohere, signed the Frontier AI Safety Commitments.\n"
    orgs = _orgs(body)
    assert {"company/naver", "company/veltro-labs"} <= orgs
    assert not orgs & {
        "company/europe",
        "company/asia",
        "company/the-middle-east",
        "company/middle-east",
    }
    places = "Delegates came from Europe, Asia and the Middle East to discuss the Frontier AI Safety Commitments.\n"
    assert not _orgs(places)
    table = "The Frontier AI Safety Commitments, by region.\n\nEurope | Frontier Commitments\nAsia | Frontier Commitments\n"
    assert not _orgs(table)
    assert ("company/naver", FRONTIER) in _signed(table.replace("Asia |", "Naver |"))
    listed = (
        "Sixteen firms signed on Tuesday.\n\n"
        "The signatories of the Frontier AI Safety Commitments are:\n\n- Naver\n- Europe\n- Veltro Labs\n"
    )
    assert _orgs(listed) == {"company/naver", "company/veltro-labs"}


def test_an_unknown_name_with_a_ticker_is_the_company_the_ticker_names() -> None:
    body = (
        "The Seoul AI Business Pledge was signed by 14 companies, including International Business"
        " Machines Corp. (IBM.N), Naver Corp. (035420.KS) and Kakao.\n"
    )
    orgs = _orgs(body)
    assert {"company/ibm", "company/naver", "company/kakao"} <= orgs
    assert "company/international-business-machines" not in orgs


# People and organizations the catalogue lacks.


def _affiliations(body: str) -> set[tuple[str, str]]:
    return _facts(body, "affiliatedWith")


@pytest.mark.parametrize(
    ("sentence", "person", "org"),
    [
        (
            "Mathias Cormann, Secretary-General of the OECD, spoke at the AI Global Forum.",
            "mathias-cormann",
            "company/oecd",
        ),
        (
            "Mathias Cormann, the OECD's secretary-general, spoke at the AI Global Forum.",
            "mathias-cormann",
            "company/oecd",
        ),
        (
            "UNESCO Director-General Audrey Azoulay spoke at the AI Global Forum.",
            "audrey-azoulay",
            "company/unesco",
        ),
        (
            "Oskar Lind, director of the Nordlicht Foundation, spoke at the AI Global Forum.",
            "oskar-lind",
            "company/nordlicht-foundation",
        ),
        (
            "Tomas Reyes, policy lead at the Lisbon start-up Fernwood AI, spoke at the AI Global Forum.",
            "tomas-reyes",
            "company/fernwood-ai",
        ),
    ],
)
def test_any_organization_next_to_a_title_is_the_employer(
    sentence: str, person: str, org: str
) -> None:
    assert (f"person/{person}", org) in _affiliations(sentence + "\n")
    untitled = re.sub(r",[^,]*,|^[A-Z]+ Director-General ", " ", sentence)
    assert not any(p == f"person/{person}" for p, _ in _affiliations(untitled + "\n"))


@pytest.mark.parametrize(
    ("sentence", "person", "government"),
    [
        (
            "French President Emmanuel Macron joined the leaders' session.",
            "emmanuel-macron",
            "government/france",
        ),
        (
            "Canadian Prime Minister Justin Trudeau joined the leaders’ session.",
            "justin-trudeau",
            "government/canada",
        ),
        (
            "Justin Trudeau, Canada's prime minister, joined the leaders' session.",
            "justin-trudeau",
            "government/canada",
        ),
        (
            "Leaders including Olaf Scholz of Germany joined the leaders' session.",
            "olaf-scholz",
            "government/germany",
        ),
    ],
)
def test_a_foreign_leader_belongs_to_that_country_s_government(
    sentence: str, person: str, government: str
) -> None:
    facts = _affiliations(sentence + "\n")
    assert (f"person/{person}", government) in facts
    assert not any(
        "french" in p or "canadian" in p for p, _ in facts
    )  # the country is no part of the name
    assert (f"person/{person}", LEADERS) in _facts(sentence + "\n", "attended")


def test_a_bare_prime_minister_goes_with_the_country_around_him() -> None:
    body = "Canada sent its leader to the virtual meeting. Prime Minister Justin Trudeau joined the leaders' session.\n"
    assert ("person/justin-trudeau", "government/canada") in _affiliations(body)
    assert ("person/justin-trudeau", "government/korea") not in _affiliations(body)
    korean = "Prime Minister Han Duck-soo opened the AI Global Forum.\n"
    assert ("person/han-duck-soo", "government/korea") in _affiliations(korean)


def test_a_former_post_is_an_affiliation_marked_former_and_no_part_of_the_name() -> None:
    for body in (
        "Former Google CEO Eric Schmidt attended the AI Global Forum.\n",
        "Eric Schmidt, former chief executive of Google, attended the AI Global Forum.\n",
        "Eric Schmidt, a former director at Google, attended the AI Global Forum.\n",
    ):
        article = parse_article((_HEAD + body).encode("utf-8"), source="general.txt")
        facts = extract_facts(article).facts
        titles = {
            (f.subject, f.object): f.title.written if f.title else ""
            for f in facts
            if f.relation.name == "AFFILIATED_WITH"
        }
        assert (
            titles.get(("person/eric-schmidt", "company/google"), "").lower().startswith("former")
        ), body
        assert ("person/eric-schmidt", FORUM) in _facts(body, "attended")
        assert not any("former" in str(f.subject) for f in facts)
    current = "Eric Schmidt, chief executive of Google, attended the AI Global Forum.\n"
    article = parse_article((_HEAD + current).encode("utf-8"), source="general.txt")
    titles = [
        f.title.written
        for f in extract_facts(article).facts
        if f.subject == "person/eric-schmidt" and f.title is not None
    ]
    assert titles and not any("former" in t.lower() for t in titles)


def test_a_subsidiary_written_with_a_space_is_the_subsidiary() -> None:
    body = "Demis Hassabis, co-founder of Google Deep Mind, spoke at the AI Global Forum.\n"
    facts = _affiliations(body)
    assert ("person/demis-hassabis", "company/google-deepmind") in facts
    assert ("person/demis-hassabis", "company/google") not in facts


def test_an_award_is_not_an_employer() -> None:
    body = "Yoshua Bengio, professor, Turing Award, spoke at the AI Global Forum.\n"  # a caption
    assert not any("turing" in org for _, org in _affiliations(body))
    employer = body.replace("Turing Award", "Nordlicht Foundation")
    assert any("nordlicht" in org for _, org in _affiliations(employer))


# Events and attendance.


def test_an_acronym_in_parentheses_names_the_event_later() -> None:
    body = (
        "The AI Global Forum (AIGF) opened at KIST on Wednesday.\n\n"
        "Coffee was served.\n\nLater, Ines Park, chief scientist at Hanbit Robotics, spoke at the AIGF.\n"
    )
    assert ("person/ines-park", FORUM) in _facts(body, "attended")
    assert ("person/ines-park", FORUM) not in _facts(body.replace(" (AIGF)", ""), "attended")


def test_at_the_event_refers_to_the_event_named_paragraphs_before() -> None:
    body = (
        "The AI Global Forum opened at KIST on Wednesday.\n\n"
        "Coffee was served.\n\nThe lobby was full.\n\n"
        "Ines Park, chief scientist at Hanbit Robotics, spoke at the event.\n"
    )
    assert ("person/ines-park", FORUM) in _facts(body, "attended")
    assert ("person/ines-park", FORUM) not in _facts(
        body.replace("at the event", "on the radio"), "attended"
    )


def test_a_key_attendees_roster_places_each_bullet_at_the_event() -> None:
    body = (
        "The AI Global Forum opened at KIST on Wednesday.\n\n"
        "Key attendees:\n• Mara Quist, chief executive of Veltro Labs\n"
        "• Oskar Lind, director of the Nordlicht Foundation\n"
    )
    attended = _facts(body, "attended")
    assert {("person/mara-quist", FORUM), ("person/oskar-lind", FORUM)} <= attended
    other = body.replace("Key attendees:", "Further reading:")
    assert not _facts(other, "attended")


@pytest.mark.parametrize("future", ["is expected to attend", "will attend", "will speak at"])
def test_a_future_appearance_is_not_attendance(future: str) -> None:
    body = f"Sam Altman, chief executive of OpenAI, {future} the AI Global Forum.\n"
    assert not _facts(body, "attended")
    assert ("person/sam-altman", FORUM) in _facts(body.replace(future, "spoke at"), "attended")


def test_a_lower_case_title_owned_by_a_country_gives_the_ministry() -> None:
    body = (
        "Britain's technology secretary, Michelle Donelan, met South Korea's science minister,"
        " Lee Jong-ho. Both were at the AI Seoul Summit.\n"
    )
    facts = _affiliations(body)
    assert ("person/michelle-donelan", "government/uk-dsit") in facts
    assert ("person/lee-jong-ho", "government/ministry-of-science-and-ict") in facts
    plain = "The firm's technology lead, Mara Quist, met Ines Park at the AI Global Forum.\n"
    assert not any(p == "person/mara-quist" for p, _ in _affiliations(plain))


def test_a_bare_prime_minister_known_to_be_british_is_in_the_uk_government() -> None:
    body = "The leaders' session was co-chaired by the Prime Minister, Rishi Sunak.\n"
    assert ("person/rishi-sunak", "government/uk") in _affiliations(body)
    assert ("person/rishi-sunak", "government/korea") not in _affiliations(body)


def test_a_heading_names_the_pledge_a_headless_count_belongs_to() -> None:
    body = (
        "Two pledges came out of the AI Seoul Summit.\n\n"
        "## The Frontier AI Safety Commitments\n\n"
        "Agreed on 21 May by 16 companies that build large models.\n\n"
        "## The Seoul AI Business Pledge\n\n"
        "Announced on 22 May at the AI Global Forum by 14 companies.\n"
    )
    counts = _facts(body, "statedSignatoryCount")
    assert {(FRONTIER, "16"), (BUSINESS, "14")} <= counts
    assert (FRONTIER, "14") not in counts
    unheaded = body.replace("## The Seoul AI Business Pledge\n\n", "")
    assert (BUSINESS, "14") not in _facts(unheaded, "statedSignatoryCount")


def test_an_n_member_group_states_the_count() -> None:
    body = (
        "Naver signed the Seoul AI Business Pledge, joining a 14-member group unveiled in Seoul.\n"
    )
    assert (BUSINESS, "14") in _facts(body, "statedSignatoryCount")
    other = body.replace("14-member group", "14-storey tower")
    assert not _facts(other, "statedSignatoryCount")


def test_a_surname_after_a_foreign_leader_is_the_leader() -> None:
    body = (
        "Canadian Prime Minister Justin Trudeau joined by video.\n\n"
        "Trudeau took part in the leaders' session from Ottawa.\n"
    )
    assert ("person/justin-trudeau", LEADERS) in _facts(body, "attended")
    unnamed = body.replace("Canadian Prime Minister Justin Trudeau", "A Canadian official")
    assert not _facts(unnamed, "attended")


_TRANSCRIPT = """THE TEST LINE - Episode 2

RUTH HALE (HOST): Welcome. My guest was at the AI Global Forum in Seoul.

INES OKORO: I sat on the expert session on the Wednesday.

RUTH HALE (HOST): Who else was there with you?

INES OKORO: Andrew Ng, the Stanford professor, gave the opening talk for our session.
"""


def test_a_guest_s_our_session_is_the_session_she_was_at() -> None:
    article = parse_article(_TRANSCRIPT.encode("utf-8"), source="transcript.txt")
    attended = extracted_facts(extract_facts(article), "attended")
    assert ("person/andrew-ng", "event/ai-global-forum-expert-session") in attended
    hosted = _TRANSCRIPT.replace("INES OKORO: Andrew", "RUTH HALE (HOST): Andrew")
    article = parse_article(hosted.encode("utf-8"), source="transcript.txt")
    assert not any(
        p == "person/andrew-ng" for p, _ in extracted_facts(extract_facts(article), "attended")
    )


def test_a_pledge_backed_by_companies_is_signed_by_them() -> None:
    body = "The Frontier AI Safety Commitments were also backed by Zhipu AI of China and G42.\n"
    assert {("company/zhipu-ai", FRONTIER), ("company/g42", FRONTIER)} <= _signed(body)
    investors = "Cohere, which is backed by Nvidia, signed the Frontier AI Safety Commitments.\n"
    assert _orgs(investors) == {"company/cohere"}


def test_an_organization_owning_a_name_is_the_employer() -> None:
    body = "Google's Kent Walker, president of global affairs, spoke at the AI Global Forum.\n"
    facts = _facts(body, "affiliatedWith")
    assert ("person/kent-walker", "company/google") in facts
    plain = "Kent Walker, a lawyer, praised Google's plans at the AI Global Forum.\n"
    assert not any(p == "person/kent-walker" for p, _ in _facts(plain, "affiliatedWith"))


@pytest.mark.parametrize(
    "written",
    [
        "Jane Roe, vice-president of Veltro Labs,",
        "Jane Roe, co-founder of Veltro Labs,",
        "Veltro Labs CEO Jane Roe",
        "Veltro Labs co-founder Jane Roe",
        "Veltro Labs Vice-President Jane Roe",
    ],
)
def test_title_words_before_or_after_a_name_with_an_unknown_company(written: str) -> None:
    body = f"{written} spoke at the AI Global Forum.\n"
    assert ("person/jane-roe", "company/veltro-labs") in _affiliations(body)
    friend = (
        body.replace("Veltro Labs", "her friends").replace("CEO ", "").replace("co-founder ", "")
    )
    assert not any(p == "person/jane-roe" for p, _ in _affiliations(friend))


def test_a_described_pledge_is_the_only_pledge_the_article_names() -> None:
    body = (
        "Kakao signed the Seoul AI Business Pledge. Naver backed the voluntary commitments too.\n"
    )
    assert ("company/naver", BUSINESS) in _signed(body)
    two = body.replace("Naver", "The Frontier AI Safety Commitments were named. Naver")
    assert ("company/naver", BUSINESS) not in _signed(two)


def test_a_commitment_to_do_something_else_is_no_pledge() -> None:
    body = (
        "The Seoul AI Business Pledge was presented at the AI Global Forum.\n\n"
        "Microsoft made new commitments to invest in Korean data centres.\n"
    )
    assert "company/microsoft" not in _orgs(body)
    assert "company/microsoft" in _orgs(body.replace(" to invest in Korean data centres", ""))


def test_a_president_with_no_country_in_sight_is_not_given_korea() -> None:
    body = "President Lila Brandt spoke at the AI Global Forum.\n"
    assert not any(p == "person/lila-brandt" for p, _ in _affiliations(body))
    placed = "Germany sent its head of state. President Lila Brandt spoke at the AI Global Forum.\n"
    assert ("person/lila-brandt", "government/germany") in _affiliations(placed)
    korean = "President Yoon Suk Yeol spoke at the AI Global Forum.\n"
    assert ("person/yoon-suk-yeol", "government/korea") in _affiliations(korean)


def test_a_line_of_links_is_no_heading() -> None:
    body = (
        "Ministers met on Wednesday.\n\n"
        "Related: AI Global Forum recap | Newsletter\n\n"
        "Jane Roe, chief executive of Veltro Labs, spoke at length.\n"
    )
    assert not _facts(body, "attended")
    heading = body.replace(
        "Related: AI Global Forum recap | Newsletter", "## At the AI Global Forum"
    )
    assert ("person/jane-roe", FORUM) in _facts(heading, "attended")


def test_a_semicolon_list_after_a_colon_is_one_list() -> None:
    body = "The 16 signatories of the Frontier AI Safety Commitments: Inflection AI; Meta; Mistral AI.\n"
    assert {"company/inflection-ai", "company/meta", "company/mistral-ai"} <= _orgs(body)
    clauses = "Inflection AI signed the Frontier AI Safety Commitments; Meta stayed away.\n"
    assert _orgs(clauses) == {"company/inflection-ai"}


def test_the_list_also_features_names_signatories() -> None:
    body = (
        "Amazon signed the Frontier AI Safety Commitments. The list also features OpenAI and xAI.\n"
    )
    assert {("company/openai", FRONTIER), ("company/xai", FRONTIER)} <= _signed(body)
    menu = (
        "Amazon signed the Frontier AI Safety Commitments. The menu also features OpenAI and xAI.\n"
    )
    assert "company/openai" not in _orgs(menu)


def test_a_portfolio_after_a_country_stays_in_the_title() -> None:
    body = "U.S. Commerce Secretary Gina Raimondo joined the leaders' session.\n"
    facts = _facts(body, "affiliatedWith")
    assert ("person/gina-raimondo", "government/united-states") in facts
    plain = "Commerce Secretary Gina Raimondo joined the leaders' session.\n"
    assert ("person/gina-raimondo", "government/united-states") not in _facts(
        plain, "affiliatedWith"
    )


def test_the_session_named_paragraphs_before_is_the_one_taken_part_in() -> None:
    body = (
        "Leaders met in a virtual session on Tuesday.\n\n"
        "The call ran for two hours.\n\n"
        "Trade was not discussed.\n\n"
        "Also taking part were Japanese Prime Minister Fumio Kishida and others.\n"
    )
    assert ("person/fumio-kishida", LEADERS) in _facts(body, "attended")
    later = body.replace("Also taking part were", "Next month, a trip is planned by")
    assert not _facts(later, "attended")


def test_an_honorific_and_co_hosts_after_the_name_do_not_hide_the_country() -> None:
    body = (
        "Ottawa, Canada - Today, the Prime Minister, the Right Honourable Justin Trudeau, joined"
        " the leaders' session co-hosted by Korea and the United Kingdom.\n"
    )
    facts = _affiliations(body)
    assert ("person/justin-trudeau", "government/canada") in facts
    assert (
        not {
            ("person/justin-trudeau", "government/uk"),
            ("person/justin-trudeau", "government/korea"),
        }
        & facts
    )
    bare = body.replace(", the Right Honourable Justin Trudeau,", " Justin Trudeau")
    assert ("person/justin-trudeau", "government/canada") in _affiliations(bare)


# Families found reading the fresh set's misses and extras (sentences written anew here).

ROUNDTABLE = "event/ai-global-forum-high-level-roundtable"
EXPERTS = "event/ai-global-forum-expert-session"


def _page(text: str, relation: str) -> set[tuple[str, str]]:
    """Facts of a whole page written out (masthead, byline, footer and all)."""
    try:
        return extracted_facts(
            extract_facts(parse_article(text.encode("utf-8"), source="page.txt")), relation
        )
    except ExtractionError:
        return set()


def test_a_sentence_adverb_opening_a_list_is_not_a_signatory() -> None:
    for adverb in ("Separately", "Additionally", "Meanwhile", "Notably"):
        body = f"{adverb}, Kakao and Veltro Labs signed the Seoul AI Business Pledge.\n"
        orgs = _orgs(body)
        assert {"company/kakao", "company/veltro-labs"} <= orgs, adverb
        assert f"company/{adverb.lower()}" not in orgs
    named = "Grammarly, Kakao and Veltro Labs signed the Seoul AI Business Pledge.\n"
    assert "company/grammarly" in _orgs(named)  # a company whose name ends in -ly stays


def test_a_text_cut_off_mid_word_does_not_sign_its_last_item() -> None:
    body = (
        "The Seoul AI Business Pledge was signed by 14 companies, such as Kakao, KT and Naver Clo"
    )
    orgs = _orgs(body)
    assert {"company/kakao", "company/kt"} <= orgs
    assert "company/naver" not in orgs  # "Naver Clo…" may be Naver Cloud
    assert "company/naver" in _orgs(body[:-4] + ".\n")  # a finished sentence keeps it


def test_a_leader_s_country_after_the_name_beats_the_one_before() -> None:
    body = (
        "Leaders including Chancellor Olaf Scholz of Germany and Prime Minister Anthony"
        " Albanese of Australia joined the leaders' session by video.\n"
    )
    facts = _affiliations(body)
    assert ("person/anthony-albanese", "government/australia") in facts
    assert ("person/anthony-albanese", "government/germany") not in facts
    plain = "Britain's Rishi Sunak co-chaired. President Joe Biden joined the leaders' session.\n"
    assert ("person/joe-biden", "government/united-states") not in _affiliations(plain)


def test_a_country_s_technology_secretary_is_in_its_technology_ministry() -> None:
    body = "Michelle Donelan, Britain's technology secretary, co-chaired the ministerial session.\n"
    assert ("person/michelle-donelan", "government/uk-dsit") in _affiliations(body)
    leader = "Rishi Sunak, Britain's prime minister, co-chaired the leaders' session.\n"
    assert ("person/rishi-sunak", "government/uk") in _affiliations(leader)


def test_the_fringes_of_a_session_are_the_event_around_it() -> None:
    body = (
        "In the expert session, Andrew Ng argued for open research.\n\n"
        "At the event, Jack Clark spent the coffee breaks answering questions.\n"
    )
    attended = _facts(body, "attended")
    assert ("person/jack-clark", FORUM) in attended
    assert ("person/jack-clark", EXPERTS) not in attended
    inside = body.replace("spent the coffee breaks answering", "answered")
    assert ("person/jack-clark", EXPERTS) in _facts(inside, "attended")


def test_a_verbless_continuation_may_describe_its_items() -> None:
    body = (
        "Amazon and Naver signed the Frontier AI Safety Commitments on Tuesday. In addition,"
        " Canada's Cohere, and G42 and Veltro Labs, both from the United Arab Emirates.\n"
    )
    signed = _signed(body)
    assert {("company/cohere", FRONTIER), ("company/g42", FRONTIER)} <= signed
    assert ("company/veltro-labs", FRONTIER) in signed
    assert not any("emirates" in org or "canada" in org for org, _ in signed)
    verb = body.replace("both from", "both of which opened offices in")
    assert "company/cohere" not in _orgs(verb)


def test_a_pledge_made_by_its_signers_in_a_reduced_relative_clause() -> None:
    body = (
        "The minister welcomed the Frontier AI Safety Commitments made today by 16 leading"
        " developers, such as Amazon, Cohere and Naver.\n"
    )
    assert {("company/amazon", FRONTIER), ("company/naver", FRONTIER)} <= _signed(body)
    assert (FRONTIER, "16") in _facts(body, "statedSignatoryCount")
    criticised = body.replace("made today by", "criticised today by")
    assert not _signed(criticised)


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (
            "The forum closed on Wednesday.\n\nFourteen companies signed the Seoul AI Business"
            " Pledge on 22 May:\n\n- Kakao\n- KT\n",
            (BUSINESS, "14"),
        ),
        (
            "Firms backed the Seoul AI Business Pledge. Fourteen companies are on it.\n",
            (BUSINESS, "14"),
        ),
        (
            "The backers of the Frontier AI Safety Commitments include Amazon. The full list runs"
            " to 16 firms.\n",
            (FRONTIER, "16"),
        ),
    ],
)
def test_a_pledge_s_total_stated_beside_a_list_or_after_it(
    body: str, count: tuple[str, str]
) -> None:
    assert count in _facts(body, "statedSignatoryCount")
    other = re.sub(r"(?i)fourteen companies|16 firms", "many firms", body)
    assert count not in _facts(other, "statedSignatoryCount")
    elsewhere = "Kakao hired 14 companies to build a data centre. The full list runs to 16 firms.\n"
    assert not _facts(elsewhere, "statedSignatoryCount")


def test_an_award_then_a_post_in_one_apposition() -> None:
    body = (
        "Dr Oskar Lind, a winner of the Hallam Medal for Robotics and a lecturer at the"
        " University of Bergen, spoke at the AI Global Forum.\n"
    )
    facts = _affiliations(body)
    assert ("person/oskar-lind", "company/university-of-bergen") in facts
    assert not any("hallam" in org for _, org in facts)
    award_only = body.replace(" and a lecturer at the University of Bergen", "")
    assert not any(p == "person/oskar-lind" for p, _ in _affiliations(award_only))


def test_a_ministry_of_a_country_is_the_ministry_not_the_country() -> None:
    body = (
        "Henrik Aalto, director of the Ministry for Foreign Affairs of Finland, spoke at the"
        " AI Global Forum.\n"
    )
    facts = _affiliations(body)
    assert ("person/henrik-aalto", "company/ministry-for-foreign-affairs-of-finland") in facts
    assert ("person/henrik-aalto", "company/finland") not in facts


def test_who_founded_names_a_second_organization() -> None:
    body = (
        "Andrew Ng, the Stanford adjunct professor who founded DeepLearning.AI, spoke at the"
        " AI Global Forum.\n"
    )
    facts = _affiliations(body)
    assert {
        ("person/andrew-ng", "company/deeplearning-ai"),
        ("person/andrew-ng", "university/stanford"),
    } <= facts
    admired = body.replace("who founded", "who admired")
    assert ("person/andrew-ng", "company/deeplearning-ai") not in _affiliations(admired)


_RELEASE = """Prime Minister of Canada
Home | News | Contact

MEDIA RELEASE
21 May 2024

Canada at the AI Seoul Summit

Tonight the Prime Minister joined the virtual leaders' session of the AI Seoul Summit.

The session was co-chaired by President Yoon Suk Yeol and by Rishi Sunak, the leader of the United Kingdom, and leaders of several like-minded economies took part from their capitals.

The Minister of Innovation, Science and Industry, Mark Ellison, spoke for the government at the ministerial session of the AI Seoul Summit.

Quotes attributable to Prime Minister Justin Trudeau:

"We are at the table."

Authorised by the Prime Minister of Canada.
"""


def test_a_government_page_s_own_officials_without_a_country() -> None:
    attended = _page(_RELEASE, "attended")
    assert ("person/justin-trudeau", LEADERS) in attended  # "the Prime Minister" of the page
    affiliations = _page(_RELEASE, "affiliatedWith")
    assert ("person/mark-ellison", "government/canada") in affiliations
    assert ("person/justin-trudeau", "government/canada") in affiliations
    news = _RELEASE.replace("Prime Minister of Canada\n", "The Daily Lantern\n").replace(
        "Authorised by the Prime Minister of Canada.", "(c) 2024 The Daily Lantern"
    )
    assert ("person/justin-trudeau", LEADERS) not in _page(news, "attended")
    assert ("person/mark-ellison", "government/canada") not in _page(news, "affiliatedWith")


def test_a_paragraph_opened_at_a_session_frames_its_later_sentences() -> None:
    body = (
        "The AI Global Forum opened on Wednesday.\n\n"
        "In the expert session, Andrew Ng argued for open research. Lee Honglak, chief AI"
        " scientist of LG AI Research, described how his team tests models.\n"
    )
    assert ("person/lee-honglak", EXPERTS) in _facts(body, "attended")
    opener = body.replace("In the expert session, Andrew Ng", "Andrew Ng, at the expert session,")
    assert ("person/lee-honglak", EXPERTS) not in _facts(opener, "attended")
    phoned = body.replace("described how", "said in a telephone interview how")
    assert ("person/lee-honglak", EXPERTS) not in _facts(phoned, "attended")
    quoted = body.replace("described how his team tests models", "said the session ran late")
    assert ("person/lee-honglak", EXPERTS) not in _facts(quoted, "attended")  # a comment only


def test_sitting_next_to_someone_at_a_roundtable() -> None:
    body = (
        "The high-level roundtable was the busiest room of the day. Jack Clark sat next to"
        " Natasha Crampton, and Rob Sherman rounded out the industry side of the table.\n"
    )
    attended = _facts(body, "attended")
    for person in ("jack-clark", "natasha-crampton", "rob-sherman"):
        assert (f"person/{person}", ROUNDTABLE) in attended, person
    waited = body.replace("sat next to", "waited for").replace("rounded out", "wrote about")
    assert not _facts(waited, "attended")


def test_his_company_signed_is_the_speaker_s_employer() -> None:
    body = (
        "Jack Clark, a co-founder of Anthropic, spoke at the AI Global Forum.\n\n"
        "Clark said the commitments his company signed the night before only mattered if checked.\n"
    )
    assert ("company/anthropic", FRONTIER) in _signed(body)
    unsigned = body.replace("his company signed", "his company studied")
    assert not _signed(unsigned)
    nobody = body.replace("Jack Clark, a co-founder of Anthropic,", "Jack Clark")
    assert not _signed(nobody)  # no employer known: nobody to sign for


def test_a_live_blog_s_present_tense_places_people_at_the_event() -> None:
    body = "Jack Clark of Anthropic is making the case for outside testing at the high-level roundtable.\n"
    assert ("person/jack-clark", ROUNDTABLE) in _facts(body, "attended")
    for plan in ("is heading to", "is flying in for"):
        later = body.replace("is making the case for outside testing at", plan)
        assert not _facts(later, "attended"), plan
    tomorrow = body.replace(".\n", " on Wednesday.\n")
    assert not _facts(tomorrow, "attended")


def test_the_place_based_firm_refers_back_to_the_company_named_before() -> None:
    body = (
        "Kakao presented its assistant at the AI Global Forum.\n\n"
        "The Seoul-based firm also signed the Seoul AI Business Pledge on Wednesday.\n"
    )
    assert ("company/kakao", BUSINESS) in _signed(body)
    person = body.replace("Seoul-based firm", "Seoul-based analyst")
    assert not _signed(person)
    named = body.replace("The Seoul-based firm also", "The French start-up Mistral AI")
    assert _orgs(named) == {"company/mistral-ai"}


_FOOT = "[ⓒ The Quillby Post (www.quillby.example), All rights reserved]\n"


@pytest.mark.parametrize(
    ("head", "foot", "outlet"),
    [
        (
            "THE QUILLBY POST\nWorld | Asia\n\nLeaders meet online for the AI Seoul Summit\n\n"
            "Mira Holt, Asia correspondent\nWednesday 22 May 2024\n\n",
            "",
            "company/the-quillby-post",
        ),
        (
            "The Fenwick Note — Issue #42\nWritten by Mira Holt · 22 May 2024 · Free preview\n\n"
            "Inside the AI Global Forum\n\n",
            "",
            "company/the-fenwick-note",
        ),
        (
            "Tech news\n\nLeaders meet online for the AI Seoul Summit\n\nBy Mira Holt\n\n",
            _FOOT,
            "company/the-quillby-post",
        ),
        (
            "Leaders meet online for the AI Seoul Summit\n\nBy MIRA HOLT Quillby Post\n\n",
            _FOOT,
            "company/the-quillby-post",
        ),
    ],
)
def test_a_byline_ties_the_reporter_to_the_outlet_however_the_page_names_both(
    head: str, foot: str, outlet: str
) -> None:
    page = (
        head
        + "President Yoon Suk Yeol hosted the leaders' session of the AI Seoul Summit.\n\n"
        + foot
    )
    facts = _page(page, "affiliatedWith")
    assert ("person/mira-holt", outlet) in facts
    assert not any("www" in org for _, org in facts)  # the address is no part of the name
    unsigned = re.sub(
        r"Mira Holt, Asia correspondent\n|Written by Mira Holt|By Mira Holt|By MIRA HOLT", "", page
    )
    assert not any(p == "person/mira-holt" for p, _ in _page(unsigned, "affiliatedWith"))


def test_a_topic_sentence_about_the_room_sets_the_scene() -> None:
    body = (
        "The AI Global Forum opened on Wednesday.\n\n"
        "The busiest room was the afternoon expert session. Lee Honglak, chief AI scientist of"
        " LG AI Research, argued for testing in Korean.\n"
    )
    assert ("person/lee-honglak", EXPERTS) in _facts(body, "attended")
    no_room = body.replace(
        "The busiest room was the afternoon expert session.", "The forum was busy."
    )
    assert ("person/lee-honglak", EXPERTS) not in _facts(no_room, "attended")


def test_a_live_blog_entry_s_present_tense_needs_no_place_in_the_sentence() -> None:
    page = (
        "AI Seoul Summit live\n\nBy Jo Reader\n\n"
        "10:40 KST – The AI Global Forum has opened at KIST.\n\n"
        "11:30 KST – High-level roundtable now. Jack Clark, Anthropic's co-founder, is making"
        " the case for shared testing.\n"
    )
    assert ("person/jack-clark", ROUNDTABLE) in _page(page, "attended")
    untimed = page.replace("11:30 KST – ", "")
    assert ("person/jack-clark", ROUNDTABLE) not in _page(untimed, "attended")
    travel = page.replace("is making the case for shared testing", "is flying in tonight")
    assert ("person/jack-clark", ROUNDTABLE) not in _page(travel, "attended")


def test_a_negated_announcement_places_no_pledge_at_the_event() -> None:
    from kg.model import Relation

    def announced(body: str) -> set[tuple[str, object]]:
        article = parse_article((_HEAD + body).encode("utf-8"), source="general.txt")
        facts = extract_facts(article).facts
        return {(f.subject, f.object) for f in facts if f.relation is Relation.ANNOUNCED_AT}

    first = "Sixteen firms signed the Frontier AI Safety Commitments at the AI Seoul Summit.\n\n"
    said = first + "The commitments announced this week belong to the summit.\n"
    assert (FRONTIER, "event/ai-seoul-summit") in announced(said)
    denied = first + "Not all commitments announced this week belong to the summit.\n"
    assert (FRONTIER, "event/ai-seoul-summit") not in announced(denied)


def test_a_list_that_is_the_signatories_after_a_pledge_sentence() -> None:
    body = (
        "The Seoul AI Business Pledge has 14 signatories. Kakao, KT and Veltro Labs are the"
        " Korean names we can confirm so far.\n"
    )
    assert {("company/kakao", BUSINESS), ("company/veltro-labs", BUSINESS)} <= _signed(body)
    watch = body.replace("names we can confirm so far", "names to watch this year")
    assert "company/kakao" not in _orgs(watch)


def test_a_signing_cue_inside_a_subclause_of_an_event_signs_nobody() -> None:
    body = (
        "Kakao and KT sent engineers to the AI Global Forum, which unveiled the Seoul AI"
        " Business Pledge.\n"
    )
    assert not _orgs(body)
    own = "Kakao and KT unveiled the Seoul AI Business Pledge at the AI Global Forum.\n"
    assert {"company/kakao", "company/kt"} <= _orgs(own)
    pledge_s = (
        "Compare the Frontier AI Safety Commitments, which 16 firms agreed to a day earlier.\n"
    )
    assert (FRONTIER, "16") in _facts(pledge_s, "statedSignatoryCount")


def test_a_hyphenated_title_before_a_name_is_still_a_title() -> None:
    body = (
        "The summit opened.\n\nVice-President Kamala Harris, who led the US delegation, joined"
        " the leaders' session of the AI Seoul Summit.\n"
    )
    assert ("person/kamala-harris", LEADERS) in _facts(body, "attended")
    org = (
        "The summit opened.\n\n- Farida Nasser, Secretary-General of the International Network"
        " for AI Assurance, joined the leaders' session of the AI Seoul Summit.\n"
    )
    people = {p for p, _ in _facts(org, "attended")}
    assert "person/farida-nasser" in people
    assert "person/international-network" not in people  # an organization's words, no name


def test_leaders_listed_with_their_country_s_possessive() -> None:
    body = (
        "Among the leaders who took part in the leaders' session were Italy's Giorgia Meloni"
        " and Japan's Fumio Kishida.\n"
    )
    facts = _affiliations(body)
    assert {
        ("person/giorgia-meloni", "government/italy"),
        ("person/fumio-kishida", "government/japan"),
    } <= facts
    assert ("person/giorgia-meloni", LEADERS) in _facts(body, "attended")
    scientist = (
        "Canada's Yoshua Bengio told ministers at the AI Global Forum that risks were real.\n"
    )
    assert not _affiliations(scientist) - {("person/jo-reader", "company/test-wire")}


def test_chief_and_a_long_portfolio_before_a_name() -> None:
    body = "Tesla and xAI chief Elon Musk joined the leaders' session by video.\n"
    assert ("person/elon-musk", "company/xai") in _affiliations(body)
    assert ("person/elon-musk", LEADERS) in _facts(body, "attended")
    portfolio = (
        "Others at the ministerial session included Singapore's Minister for Communications"
        " and Information Josephine Teo.\n"
    )
    assert ("person/josephine-teo", "government/singapore") in _affiliations(portfolio)
    assert ("person/josephine-teo", "event/ai-seoul-summit-ministerial-session") in _facts(
        portfolio, "attended"
    )
    assert not any("information" in p for p, _ in _affiliations(portfolio))
    absent = portfolio.replace("Others at the ministerial session included", "Absent was")
    assert not _facts(absent, "attended")


def test_a_pledge_in_a_where_clause_is_not_the_object_of_the_verb_before() -> None:
    body = (
        "Hanbit Robotics and Google announced a partnership at the AI Global Forum, where the"
        " Seoul AI Business Pledge was unveiled.\n"
    )
    assert not _orgs(body)
    own = (
        "Kakao and Naver unveiled the Seoul AI Business Pledge at the AI Global Forum, where"
        " ministers gathered.\n"
    )
    assert {"company/kakao", "company/naver"} <= _orgs(own)


def test_a_virtual_summit_is_the_leaders_session() -> None:
    body = (
        "The summit opened.\n\nPresident Yoon Suk Yeol co-chaired a virtual summit on"
        " artificial intelligence on Tuesday, the first day of the AI Seoul Summit.\n"
    )
    assert ("person/yoon-suk-yeol", LEADERS) in _facts(body, "attended")
    in_person = body.replace("a virtual summit", "a dinner")
    assert ("person/yoon-suk-yeol", LEADERS) not in _facts(in_person, "attended")


# Families found reading the sealed set's misses and extras (sentences written anew here).


def test_an_affiliate_said_not_to_sign_is_no_signatory() -> None:
    body = (
        "Fourteen companies signed the Seoul AI Business Pledge on Wednesday.\n\n"
        "Google DeepMind, the group's research lab, is not a signatory, and Naver Cloud sits "
        "under its parent's signature rather than its own.\n"
    )
    assert not {"company/google-deepmind", "company/naver-cloud"} & _orgs(body)
    said = "Fourteen companies signed the Seoul AI Business Pledge on Wednesday.\n\n"
    said += "Google DeepMind is a signatory of the pledge.\n"
    assert ("company/google-deepmind", BUSINESS) in _signed(said)


def test_which_was_among_the_companies_behind_a_pledge_signed_it() -> None:
    body = (
        "Amazon, which was among the developers behind the Frontier AI Safety Commitments, "
        "stayed away from the corporate pledge.\n"
    )
    assert _signed(body) == {("company/amazon", FRONTIER)}
    critic = body.replace("among the developers behind", "among the critics of")
    assert not _signed(critic)


def test_a_pledge_the_object_of_a_which_clause_is_signed_by_its_subjects() -> None:
    body = (
        "The corporate pledge announced on Wednesday, which Kakao and IBM backed with a dozen "
        "others, reads like a mission statement.\n"
    )
    assert {("company/kakao", BUSINESS), ("company/ibm", BUSINESS)} <= _signed(body)
    for verb in ("criticised", "did not back"):
        assert not _signed(body.replace("backed", verb)), verb


def test_the_frontier_text_names_the_commitments_not_the_pledge_named_before() -> None:
    before = "Kakao signed the Seoul AI Business Pledge on Wednesday.\n\n"
    body = (
        before
        + "Engineers helped draft parts of the frontier text, though the signature is Microsoft's.\n"
    )
    assert ("company/microsoft", FRONTIER) in _signed(body)
    assert ("company/microsoft", BUSINESS) not in _signed(body)
    count = before + "Sixteen companies signed the frontier document.\n"
    assert _facts(count, "statedSignatoryCount") == {(FRONTIER, "16")}
    bare = before + "Engineers read the text closely, and the safety document too.\n"
    assert _signed(bare) == {("company/kakao", BUSINESS)}


def test_a_list_carried_on_by_region_and_by_who_represents_a_country() -> None:
    body = (
        "Sixteen firms signed the Frontier AI Safety Commitments on Tuesday.\n\n"
        "Outside the United States the list takes in Mistral AI and Cohere. "
        "Korea is represented by Samsung Electronics and Naver.\n"
    )
    signed = _orgs(body)
    assert {"company/mistral-ai", "company/cohere", "company/samsung-electronics"} <= signed
    assert "company/naver" in signed
    alone = (
        "The Frontier AI Safety Commitments were debated on Tuesday.\n\n"
        "At the forum, Korea is represented by Samsung Electronics and Naver.\n"
    )
    assert not _signed(alone)
    outside = (
        "Sixteen firms signed the Frontier AI Safety Commitments. Apple stayed outside the list.\n"
    )
    assert "company/apple" not in _orgs(outside)


def test_it_after_a_comma_and_signs_the_second_pledge() -> None:
    body = (
        "On Tuesday Naver was one of the firms that committed to the Frontier AI Safety "
        "Commitments, and on Wednesday it also joined the Seoul AI Business Pledge.\n"
    )
    assert {("company/naver", FRONTIER), ("company/naver", BUSINESS)} <= _signed(body)
    reported = body.replace("on Wednesday it also joined", "analysts said it joined")
    assert ("company/naver", BUSINESS) not in _signed(reported)


@pytest.mark.parametrize(
    ("head", "foot", "outlet"),
    [
        (
            "Q&A: a floor, not a ceiling\n\nInterview by Mira Holt | 24 May 2024\n\n",
            _FOOT,
            "company/the-quillby-post",
        ),
        (
            "The week in policy | Issue 9\n\nCompiled by Mira Holt\n\n",
            _FOOT,
            "company/the-quillby-post",
        ),
        (
            "QUILLBY | Policy\n\nMira Holt, Senior Editor  |  May 22, 2024\n\n",
            "© 2024 Quillby Media Ltd. All rights reserved.\n",
            "company/quillby",
        ),
        ("Opinion\n\nBy Mira Holt\n\n", "© The Quillby Post 2024\n", "company/the-quillby-post"),
    ],
)
def test_bylines_of_interviews_roundups_and_signed_editors(
    head: str, foot: str, outlet: str
) -> None:
    page = (
        head
        + "President Yoon Suk Yeol hosted the leaders' session of the AI Seoul Summit.\n\n"
        + foot
    )
    facts = _page(page, "affiliatedWith")
    assert ("person/mira-holt", outlet) in facts
    assert not any(re.search(r"2024|media", org) for _, org in facts)


def test_a_publisher_the_page_never_names_shorter_keeps_its_name() -> None:
    page = (
        "Policy\n\nBy Mira Holt\n\n"
        "President Yoon Suk Yeol hosted the leaders' session of the AI Seoul Summit.\n\n"
        "© 2024 Quillby Media Ltd. All rights reserved.\n"
    )
    assert ("person/mira-holt", "company/quillby-media") in _page(page, "affiliatedWith")


def _affiliated(body: str) -> set[tuple[str, str]]:
    return _facts(body, "affiliatedWith") - {("person/jo-reader", "company/test-wire")}


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        (
            "Ines Valcourt is vice-president of public affairs at Kakao.",
            ("person/ines-valcourt", "company/kakao"),
        ),
        (
            "At the roundtable, Ines Valcourt (chief trust and safety officer, Kakao) spoke first.",
            ("person/ines-valcourt", "company/kakao"),
        ),
        (
            "I sat next to Ines Valcourt from Kakao at the roundtable.",
            ("person/ines-valcourt", "company/kakao"),
        ),
        (
            "Ines Valcourt, a vice-minister at the Ministry of Digital Affairs, spoke too.",
            ("person/ines-valcourt", "company/ministry-of-digital-affairs"),
        ),
        (
            "Ines Valcourt, secretary-general of the Open Model Alliance, spoke too.",
            ("person/ines-valcourt", "company/open-model-alliance"),
        ),
        (
            "Ines Valcourt is a former deputy director of the Centre for Model Audits.",
            ("person/ines-valcourt", "company/centre-for-model-audits"),
        ),
        (
            "Ines Valcourt, a partner at the Lisbon law firm Barros & Pinto, was unconvinced.",
            ("person/ines-valcourt", "company/barros-pinto"),
        ),
    ],
)
def test_a_post_given_by_a_copula_a_parenthesis_or_from(
    sentence: str, fact: tuple[str, str]
) -> None:
    body = "The AI Global Forum opened on Wednesday.\n\n" + sentence + "\n"
    assert fact in _affiliated(body)


def test_from_a_place_and_a_copula_mid_sentence_tie_nobody() -> None:
    for sentence in (
        "I sat next to Ines Valcourt from Lisbon at the roundtable.",
        "Analysts said Ines Valcourt is happy at Kakao.",
        "Ines Valcourt is flying to Kakao headquarters next week.",
        "At the roundtable, Ines Valcourt (who had flown in, Kakao said) spoke first.",
        "Ines Valcourt, a partner at a Lisbon law firm, was unconvinced.",
    ):
        body = "The AI Global Forum opened on Wednesday.\n\n" + sentence + "\n"
        assert not _affiliated(body), sentence


def test_two_people_joined_by_and_before_who_chaired_both_attended() -> None:
    body = (
        "Yoon Suk Yeol and Rishi Sunak, who co-chaired the AI Seoul Summit leaders' session "
        "on 21 May, deserve credit.\n"
    )
    attended = {p for p, e in _facts(body, "attended") if e == LEADERS}
    assert attended == {"person/yoon-suk-yeol", "person/rishi-sunak"}
    apart = body.replace(" and Rishi Sunak,", " praised Rishi Sunak,")
    assert {p for p, e in _facts(apart, "attended") if e == LEADERS} == {"person/rishi-sunak"}


def test_sat_through_a_summit_is_attending_it() -> None:
    body = (
        "Science Minister Lee Jong-ho sat through the ministerial session of the AI Seoul Summit.\n"
    )
    assert ("person/lee-jong-ho", "event/ai-seoul-summit-ministerial-session") in _facts(
        body, "attended"
    )
    planned = body.replace("sat through", "will not sit through")
    assert not _facts(planned, "attended")


def test_a_wire_credit_line_adds_the_second_reporter() -> None:
    page = (
        "Leaders meet online\n\nBy Mira Holt\n\n"
        "SEOUL, May 21 (Quillby Wire) - President Yoon Suk Yeol hosted the leaders' session of "
        "the AI Seoul Summit.\n\n"
        "(Reporting by Mira Holt in Seoul and Tom Bell in London; Editing by Ada Crane)\n"
    )
    facts = _page(page, "affiliatedWith")
    assert {
        ("person/mira-holt", "company/quillby-wire"),
        ("person/tom-bell", "company/quillby-wire"),
    } <= facts
    assert not any(p == "person/ada-crane" for p, _ in facts)  # an editor is no reporter
    other = page.replace("Reporting by Mira Holt in Seoul and", "Reporting by")
    assert not any(p == "person/tom-bell" for p, _ in _page(other, "affiliatedWith"))


def test_sitting_between_two_people_at_a_session_places_all_three() -> None:
    body = (
        "At the ministerial session of the AI Seoul Summit, Science Minister Lee Jong-ho sat "
        "between Rishi Sunak and Michelle Donelan.\n"
    )
    attended = {p for p, _ in _facts(body, "attended")}
    assert {"person/lee-jong-ho", "person/rishi-sunak", "person/michelle-donelan"} <= attended
    elsewhere = body.replace("At the ministerial session of the AI Seoul Summit, ", "").replace(
        "Donelan.", "Donelan in a photo of the ministerial session of the AI Seoul Summit."
    )
    assert not {
        p for p, _ in _facts(elsewhere.replace("sat between", "was pictured between"), "attended")
    }


# Attendance written in the first person, by the writer of a blog or a post.

EXPERT = "event/ai-global-forum-expert-session"


def _attended_raw(text: str) -> set[tuple[str, str]]:
    article = parse_article(text.encode("utf-8"), source="post.txt")
    return extracted_facts(extract_facts(article), "attended")


def test_a_blog_author_s_first_person_attendance_is_hers() -> None:
    blog = (
        "Our view on Seoul\n\nPosted by Ada Quill, Policy Lead, Nordlicht\n\n"
        "I sat in the expert session of the AI Global Forum this afternoon.\n"
    )
    assert ("person/ada-quill", EXPERT) in _attended_raw(blog)
    assert ("person/ada-quill", FORUM) in _attended_raw(blog)
    planned = blog.replace("I sat in", "I will not sit in")
    assert not _attended_raw(planned)


def test_a_post_s_header_names_the_first_person_even_before_a_colon_list() -> None:
    post = (
        "Ada Quill • 2nd\nPolicy Lead at Nordlicht\n\n"
        "Home again. I spent the day at the AI Global Forum and sat in the expert session. "
        "Three notes:\n\n1. The room was full.\n"
    )
    assert ("person/ada-quill", EXPERT) in _attended_raw(post)
    watched = post.replace("I spent the day at", "I read the live blog of").replace(
        " and sat in the expert session", ""
    )
    assert ("person/ada-quill", FORUM) not in _attended_raw(watched)


def test_a_chat_between_sessions_of_a_forum_is_at_the_forum_not_the_summit() -> None:
    body = (
        "The AI Global Forum opened at KIST.\n\n"
        "Ada Quill of Nordlicht chatted between sessions at the forum with delegates.\n"
    )
    attended = _facts(body, "attended")
    assert ("person/ada-quill", FORUM) in attended
    assert ("person/ada-quill", "event/ai-seoul-summit") not in attended


@pytest.mark.parametrize("verb", ["addressing", "addressed"])
def test_addressing_an_opening_ceremony_is_attending_it(verb: str) -> None:
    body = f"Minister Ada Quill, {verb} the AI Global Forum opening ceremony, praised the pledge.\n"
    assert ("person/ada-quill", FORUM) in _facts(body, "attended")
    later = body.replace(f"{verb} the", "who will address the")
    assert ("person/ada-quill", FORUM) not in _facts(later, "attended")


MINISTERIAL = "event/ai-seoul-summit-ministerial-session"


def test_each_event_of_a_sentence_goes_with_its_own_verb() -> None:
    body = (
        "Ada Quill, Nordlicht's policy lead, had attended the Bletchley summit in 2023 and "
        "chaired the AI Seoul Summit ministerial session.\n"
    )
    attended = _facts(body, "attended")
    assert ("person/ada-quill", MINISTERIAL) in attended
    assert ("person/ada-quill", "event/ai-safety-summit-2023") in attended
    declined = body.replace("had attended", "had declined to attend")
    assert {e for _, e in _facts(declined, "attended")} <= {MINISTERIAL, "event/ai-seoul-summit"}


def test_a_co_chair_named_after_with_attended_too() -> None:
    body = (
        "Minister Ada Quill, who co-chaired the AI Seoul Summit ministerial session with "
        "Britain's Technology Secretary Bo Lind, said the talks went well.\n"
    )
    assert ("person/bo-lind", MINISTERIAL) in _facts(body, "attended")
    planned = body.replace("who co-chaired", "who will co-chair")
    assert ("person/bo-lind", MINISTERIAL) not in _facts(planned, "attended")


def test_that_panel_sets_the_scene_for_the_people_after_it() -> None:
    body = (
        "I sat in the AI Global Forum expert session all afternoon.\n\n"
        "1. The sharpest exchange was on that panel. Ada Quill, Nordlicht's policy lead, and "
        "Bo Lind, a professor at Lindberg University, disagreed about disclosure.\n"
    )
    assert ("person/ada-quill", EXPERT) in _facts(body, "attended")
    elsewhere = body.replace("was on that panel", "was in the newspapers")
    assert ("person/ada-quill", EXPERT) not in _facts(elsewhere, "attended")


# Signatories written by ellipsis, by a pledge as a place, and after a cut abbreviation.


def test_the_foreign_ones_are_signatories_after_a_signing_clause() -> None:
    body = (
        "Naver and Kakao were among the Korean signatories of the Seoul AI Business Pledge, "
        "while IBM and Adobe were among the foreign ones.\n"
    )
    assert {"company/ibm", "company/adobe"} <= _orgs(body)
    unsigned = (
        "Naver and Kakao reported results on the day of the Seoul AI Business Pledge, "
        "while IBM and Adobe were among the foreign ones.\n"
    )
    assert not {"company/ibm", "company/adobe"} & _orgs(unsigned)


def test_a_company_on_the_pledge_signed_it() -> None:
    body = "IBM and Adobe were also on the Seoul AI Business Pledge.\n"
    assert {"company/ibm", "company/adobe"} <= _orgs(body)
    assert not _orgs("IBM and Adobe were also on the panel about the Seoul AI Business Pledge.\n")


def test_names_after_a_sentence_cut_at_incl_continue_the_list() -> None:
    body = (
        "Big day: 14 companies signed the Seoul AI Business Pledge, incl.\n"
        "Naver, Kakao & IBM 👏 It's voluntary.\n"
    ).replace("incl.\n", "incl. ")
    assert {"company/naver", "company/kakao", "company/ibm"} <= _orgs(body)
    read = body.replace("signed", "read about")
    assert not {"company/naver", "company/kakao", "company/ibm"} & _orgs(read)


def test_a_semicolon_list_keeps_a_name_that_opens_in_lower_case() -> None:
    body = (
        "Frontier AI Safety Commitments, 21 May. Signatories (16): Amazon; Naver; xAI; Zhipu AI.\n"
    )
    assert {"company/xai", "company/zhipu-ai"} <= _orgs(body)
    clause = "Signatories of the Frontier AI Safety Commitments include Amazon; xAI is not one.\n"
    assert "company/xai" not in _orgs(clause)


def _affiliated_raw(text: str) -> set[tuple[str, str]]:
    article = parse_article(text.encode("utf-8"), source="post.txt")
    return extracted_facts(extract_facts(article), "affiliatedWith")


def test_a_blog_byline_with_title_and_organization_is_an_affiliation() -> None:
    blog = (
        "Our view on Seoul\n\nPosted by Ada Quill, Director of Policy, Nordlicht\n\n"
        "Nordlicht signed the Seoul AI Business Pledge today at the AI Global Forum.\n"
    )
    assert any(p == "person/ada-quill" and "nordlicht" in o for p, o in _affiliated_raw(blog))
    untitled = blog.replace("Director of Policy", "Seoul, Korea")
    assert not any(p == "person/ada-quill" for p, _ in _affiliated_raw(untitled))


def test_a_post_header_role_at_an_organization_is_an_affiliation() -> None:
    post = (
        "Ada Quill • 2nd\nHead of Policy at Nordlicht | evals\n\n"
        "Nordlicht signed the Seoul AI Business Pledge today at the AI Global Forum.\n"
    )
    assert any(p == "person/ada-quill" and "nordlicht" in o for p, o in _affiliated_raw(post))
    hobby = post.replace("Head of Policy at Nordlicht", "Runner at weekends in Nordlicht")
    assert not any(p == "person/ada-quill" for p, _ in _affiliated_raw(hobby))


def test_an_organization_introduced_beside_a_title_is_found_again_later() -> None:
    intro = "Bo Lind, chief executive of Quorvane, said the forum was useful. "
    later = "Quorvane has, however, signed the Seoul AI Business Pledge.\n"
    assert "company/quorvane" in _orgs(intro + later)
    assert "company/quorvane" not in _orgs(later)  # one capitalised word alone: not a name
    praised = intro + "Quorvane has, however, praised the Seoul AI Business Pledge.\n"
    assert "company/quorvane" not in _orgs(praised)


# Lists and continuations that name the signatories by reference (issue 9, §2)


def test_a_participle_list_introduction_names_the_signatories_under_it() -> None:
    intro = (
        "The forum opened today.\n\nThe firms subscribing to the Seoul AI Business Pledge are:"
        "\n\n- Kakao\n- KT\n- Adobe\n"
    )
    assert {("company/kakao", BUSINESS), ("company/kt", BUSINESS)} <= _signed(intro)
    assert ("company/adobe", BUSINESS) in _signed(intro.replace("subscribing", "committing"))
    critics = intro.replace("subscribing to", "criticising")
    assert not _orgs(critics) & {"company/kakao", "company/kt", "company/adobe"}


def test_both_lists_signs_every_pledge_the_article_names() -> None:
    body = (
        "Two texts came out of Seoul: the Frontier AI Safety Commitments on Tuesday and the "
        "Seoul AI Business Pledge a day later. Three firms sit on both lists: Naver, IBM and Cohere."
    )
    want = {(org, p) for org in ("company/naver", "company/ibm") for p in (FRONTIER, BUSINESS)}
    assert want <= _signed(body)
    assert {("company/kakao", FRONTIER), ("company/kakao", BUSINESS)} <= _signed(
        body.replace("Three firms sit on both lists: Naver, IBM and Cohere.", "Kakao signed both.")
    )
    for silent in (
        "No firm sits on both lists: Naver, IBM and Cohere.",
        "Reporters compared both lists: Naver, IBM and Cohere.",
    ):
        quiet = body.replace("Three firms sit on both lists: Naver, IBM and Cohere.", silent)
        assert not _orgs(quiet) & {"company/naver", "company/ibm", "company/cohere"}


@pytest.mark.parametrize("follow", ["Meta did the same.", "Meta followed suit."])
def test_did_the_same_continues_the_signing_before_it(follow: str) -> None:
    body = f"Amazon signed the Frontier AI Safety Commitments on Tuesday. {follow}"
    assert ("company/meta", FRONTIER) in _signed(body)
    declined = body.replace("signed", "declined to comment on")
    assert "company/meta" not in _orgs(declined)


@pytest.mark.parametrize(
    "writer", ["Ada Quill\nTech Correspondent", "Ada Quill, Senior Fellow, Digital Programme"]
)
def test_a_writer_line_with_a_title_above_the_body_is_the_outlet_s(writer: str) -> None:
    page = (
        "THE HARBOUR TIMES  |  Singapore  |  Thursday, May 23, 2024\n\n"
        "Seoul pledge leaves local firms out\n\n"
        f"{writer}\n\n"
        "SINGAPORE - Fourteen companies signed the Seoul AI Business Pledge at the AI Global "
        "Forum this week.\n"
    )
    article = parse_article(page.encode("utf-8"), source="page.txt")
    outlet = article.outlet
    facts = _affiliated_raw(page)
    assert outlet and any(p == "person/ada-quill" for p, _ in facts), (outlet, facts)
    plain = page.replace(writer, "Ada Quill\nSingapore, Korea")
    assert not any(p == "person/ada-quill" for p, _ in _affiliated_raw(plain))


def test_a_writer_s_past_post_in_the_first_person_is_a_former_affiliation() -> None:
    post = (
        "Ada Quill • 2nd\nHead of Policy at Nordlicht | evals\n\n"
        "Nordlicht signed the Seoul AI Business Pledge today at the AI Global Forum. "
        "I spent six years as a policy manager at Microsoft before founding Nordlicht.\n"
    )
    article = parse_article(post.encode("utf-8"), source="post.txt")
    titles = {
        f.object: f.title.written
        for f in extract_facts(article).facts
        if f.subject == "person/ada-quill" and f.title is not None
    }
    assert titles.get("company/microsoft") == "Former policy manager"
    customer = post.replace("as a policy manager at", "as a loyal customer at")
    assert ("person/ada-quill", "company/microsoft") not in _affiliated_raw(customer)
