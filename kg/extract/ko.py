"""Rules for Korean news sentences: who signed, attended, and said what.

People and their titles are found by `kg.extract.ko_people`; organizations and events come
from the catalogue; this module reads what each sentence says they did.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.common import (
    blank_quotes,
    context_pledge,
    evidence,
    is_list_intro,
    is_list_item,
    pick_event,
    record_signatures,
    signer_kinds,
)
from kg.extract.ko_context import (
    carried_pledge,
    last_signing,
    list_line,
    question_heading,
    refers_back,
    roll_call,
    roster_event,
)
from kg.extract.ko_frames import (
    announces,
    clauses,
    described_pledges,
    joint_pledges,
    lexicon,
    listed_before,
    pledge_verb,
    signing_clause,
    ticker_names,
)
from kg.extract.ko_lists import is_table, other_role, read_gap, read_table, unknown_listed
from kg.extract.ko_names import english_glosses, is_name_word, korean_name, title_of
from kg.extract.ko_people import TITLE_HEADS, find_people, short_references
from kg.extract.mentions import Found, inside, quoted_spans
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Quotation, Relation, Span

_LEXICON = lexicon()
ATTEND_CUES = _LEXICON.cue("attended", "triggers")
NOT_YET = _LEXICON.cue("attended", "not_yet")
SESSION_ROLE = _LEXICON.cue("attended", "session_roles")
SIGN_CUES = _LEXICON.cue("signed", "triggers")
NOT_SIGNED = _LEXICON.cue("signed", "negations")
COMPOSITION = _LEXICON.cue("signed", "composition")
COUNT = re.compile(
    r"(?<![\w.])(\d{1,3})\s*(?:개\s?사|곳|개(?=\s*(?:[가-힣A-Za-z]+\s+){0,3}?(?:기업|회사|업체|빅테크|기관|단체)))"
)
# "국내 기업은 6곳", "해외 8개사": a part of the signatories, not their number ("국내외" is all).
SUBSET = re.compile(
    r"(?<!국내)(?:국내|해외|국외|외국|국내\s?기업|해외\s?기업)(?!외)\s*(?:\(|은|는|이|가|도)?\s*$"
)
PART_TOPIC = re.compile(
    r"^\s*(?:이\s?중\s?)?(?:국내|해외|국외|외국)(?:\s?(?:기업|업체|회사))?(?:에서는|에선|에서|은|는|중에서는|중에선)\s"
)
BOTH = re.compile(
    r"(?:두|양대|2개)\s*(?:약속|서약|협약)|양쪽\s*서약|(?:약속|서약|협약)\s*(?:두|2)\s*(?:개|건|가지)"
)
NOT_IN = re.compile(
    r"['’\"」』]?\s*(?:에는|에선|에서는|엔|에)\s*(?:없던|없었던|빠진|빠졌던|불참한|참여하지\s?않은|"
    r"이름을\s?올리지\s?않은|서명하지\s?않은)"
)
# In a guest's words with no subject: honorifics speak of someone else ("참여하셨고요"), and
# "못 했다" says it did not happen.
OTHER_OR_NOT = re.compile(r"셨|께서|하시|시고|시며|못\s?해|못\s?하|못\s?했|않")
ADOPT_CUES = re.compile(r"채택|승인|합의")
ANNOUNCE_CUES = re.compile(r"발표|공개|선보")
SPEECH = re.compile(
    r"(?:라|이라|다|고)\s*(?:며|면서|고)|밝혔|말했|설명했|강조했|덧붙였|전했|했다|언급했|당부했|주장했|평가했"
)
ORGANIZER = re.compile(r"주도(?:하에|로|해)|주최(?:로|하고|한|했)|주관(?:으로|하고|한|했)")
SHORT_REF = re.compile(
    r"(?:^|[\s\"'])([가-힣])\s?(" + "|".join(TITLE_HEADS) + r")(?:은|는|이|가|도)\s"
)


# "…로 마련된 이 포럼에서": a demonstrative after a clause that names another event
THIS_EVENT = re.compile(
    r"(?:된|한|인|열린)\s이\s?(?:포럼|행사|세션|회의)(?:에서|에선|에서는|에는|에)\s"
)
# a broadcast reporter's sign-off: "한결방송 최민재입니다", "지금까지 한결방송 최민재 기자였습니다"
SIGN_OFF = re.compile(
    r"^\s*(?:지금까지\s)?(\S{2,12})\s([가-힣]{2,4})(?:\s?기자)?(?:입니다|였습니다|이었습니다)[.!]?\s*$"
)


def _sign_off(reader: Reader, sentence: Sentence) -> None:
    """The reporter who signs off with the article's outlet works for it."""
    match = SIGN_OFF.match(sentence.text)
    outlet = reader.article.outlet or ""
    if match is None or reader.outlet is None or outlet.split()[0] != match.group(1):
        return  # the outlet as the header names it, maybe with its programme ("한결방송 뉴스9")
    name = match.group(2)
    if not korean_name(name) or not is_name_word(sentence, sentence.start + match.start(2), name):
        return
    person = reader.person(name)
    reader.add(
        Relation.AFFILIATED_WITH,
        person,
        reader.outlet,
        evidence(sentence),
        title_of(reader, "기자"),
    )


# a press release's contact block: "담당부서: 과학기술정보통신부 인공지능정책과" over
# "책임자: 과장 김민재 (044-000-0000)" (or the name before the title)
CONTACT_UNIT = re.compile(r"^\s*담당\s?부서\s*[:：]\s*(\S+)", re.MULTILINE)
CONTACT = re.compile(
    r"^\s*(?:책임자|담당자|문의)\s*[:：]\s*([가-힣]{1,8})\s([가-힣]{1,8})\s*(?:\(|$)", re.MULTILINE
)
CONTACT_TITLE = re.compile(rf"[가-힣]{{0,6}}(?:{'|'.join(TITLE_HEADS)})")


def _contacts(reader: Reader, sentence: Sentence) -> None:
    """The officials a press release names as its contacts work for the organization its
    department belongs to. Read once, from the header above the first paragraph."""
    body = reader.article.body
    if not body or sentence.start != body[0].start:
        return
    header = reader.article.text[: body[0].start]
    unit = CONTACT_UNIT.search(header)
    org = reader.catalogue.lookup(unit.group(1)) if unit else None
    if org is None or not reader.type_of(org).is_organization:
        return
    for match in CONTACT.finditer(header):
        first, second = match.group(1), match.group(2)
        if CONTACT_TITLE.fullmatch(first) and korean_name(second):
            title, name = first, second
        elif CONTACT_TITLE.fullmatch(second) and korean_name(first):
            name, title = first, second
        else:
            continue
        line = Span(match.start(), match.end(), match.group(0))
        reader.add(
            Relation.AFFILIATED_WITH, reader.person(name), org, line, title_of(reader, title)
        )


def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Apply every Korean rule to one sentence, in the order they depend on each other."""
    _sign_off(reader, sentence)
    _contacts(reader, sentence)
    quotes = quoted_spans(sentence)
    english_glosses(reader, sentence)  # "데미스 허사비스(Demis Hassabis)"
    found = _mentions(reader, sentence, quotes)
    people, used = find_people(reader, sentence, found)
    if people:
        found = _mentions(reader, sentence, quotes)
    reader.note(found)
    outside = blank_quotes(sentence, quotes)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = pick_event(reader, events, sentence)
    last = reader.last_event
    this = THIS_EVENT.search(outside)
    if (
        this is not None
        and events
        and last is not None
        and last[1] >= sentence.paragraph - 1
        and events[0].span.end - sentence.start <= this.start()
    ):  # "정상회의 둘째 날 행사로 마련된 이 포럼에서": the forum, not the summit named before it
        named = [e for e in events if e.span.start - sentence.start >= this.start()]
        event = named[0].key if named else last[0]
    if event is None and last and reader.entity(last[0]).session and SESSION_ROLE.search(outside):
        event = last[0]  # "좌장은 …이 맡았다", paragraphs after the session was described
    if not events:  # "이 자리에서" after the event; a roster under "주요 참석자:"
        back = refers_back(reader, outside)
        if back is not None:
            event = back
            reader.last_event = (back, sentence.paragraph)
        roster = roster_event(reader, sentence)
        if roster is not None:
            event = roster
            outside += " 참석"
        caption = roll_call(reader, sentence)  # "… 참석한 대표들이 기념 촬영을 … 왼쪽부터 A, B"
        last = reader.last_event
        if (
            caption is not None
            and last is not None
            and last[1] == sentence.paragraph
            and ATTEND_CUES.search(caption)
            and not NOT_YET.search(caption)
        ):
            event = last[0]
            outside += " 참석"
    speaker = reader.speakers.get(sentence.paragraph)
    persons = list(
        dict.fromkeys(
            f.key
            for f in found
            if reader.type_of(f.key) is EntityType.PERSON
            and not (f.span.text == speaker and f.span.start - sentence.start <= 2)  # "◆최은영>"
        )
    )
    # "… 의장을 맡는다": a plain present tense announces, unless the article is dated after
    # the event (then it reads as a narrative present)
    later = NOT_YET.search(outside) or (
        sentence.recall(announces, lambda: announces(sentence)) and not _reported(reader, event)
    )
    if persons and event and ATTEND_CUES.search(outside) and not later:
        for person in persons:
            if person != reader.author:
                reader.attend(person, event, evidence(sentence))
    if (
        speaker is not None
        and not persons
        and event
        and ATTEND_CUES.search(outside)
        and not later
        and not OTHER_OR_NOT.search(outside)
        and not outside.rstrip().endswith("?")
    ):
        reader.attend(reader.person(speaker), event, evidence(sentence))  # "…에 참석했습니다"
    table = sentence.recall(is_table, lambda: is_table(sentence))
    if table:  # "기업 | 참여 서약": the rows say who signed what
        read_table(reader, sentence)
    else:
        _signing(reader, sentence, found, used, outside)
    _pledge_and_declaration(reader, sentence, found, event, outside)
    _quotes(reader, sentence, found, quotes, event)
    reader.remember(found, sentence.paragraph)
    read_gap(reader, sentence)  # a table the body left out, under this paragraph


def _reported(reader: Reader, event: str | None) -> bool:
    """True when the article is dated after the day `event` began."""
    day = reader.article.seoul_date
    start = reader.entity(event).start_date if event else None
    return day is not None and start is not None and day > date.fromisoformat(start)


def _part_of(sentence: Sentence, text: str, where: Span) -> bool:
    """True when the clause stating a count is about a part of the signatories."""
    at = where.start - sentence.start
    return any(a <= at < b and PART_TOPIC.match(text[a:b]) for a, b in clauses(sentence))


def _mentions(reader: Reader, sentence: Sentence, quotes: list[Span]) -> list[Found]:
    """Catalogue names (made whole across a stock code) and pledges named by description."""
    found = ticker_names(reader, sentence, reader.names_in(sentence))
    found = [f for f in found if not inside(f.span, quotes)]
    described = described_pledges(reader, sentence, found)
    if described:  # a description replaces a pledge new to the article, or a place, it spells out
        found = [
            f
            for f in found
            if (f.key in reader.entities or f.key in reader.catalogue.entities)
            and not any(d.span.start <= f.span.start < d.span.end for d in described)
        ]
    found = [*found, *described]
    return sorted([*found, *short_references(reader, sentence, found)], key=lambda f: f.span.start)


def _signing(
    reader: Reader, sentence: Sentence, found: list[Found], used: set[int], text: str
) -> None:
    listed = (is_list_item(sentence) or list_line(sentence)) and reader.list_pledge is not None
    if (
        is_list_intro(text) and SIGN_CUES.search(text) and not NOT_SIGNED.search(text)
    ) or question_heading(reader, sentence, SIGN_CUES):
        pledge = next((f.key for f in found if reader.type_of(f.key) is EntityType.PLEDGE), None)
        pledge = pledge or context_pledge(reader, sentence) or last_signing(reader, sentence)
        reader.list_pledge = (pledge, sentence.paragraph) if pledge else None
        return
    # "프런티어 서약에는 없던 국내 기업이 이 서약에 합류했다": the pledge they are not in is
    # not the one they signed, and its negation does not negate the sentence.
    negated = [
        f
        for f in found
        if reader.type_of(f.key) is EntityType.PLEDGE
        and NOT_IN.match(sentence.text[f.span.end - sentence.start :])
    ]
    rest = text
    for item in negated:
        a, b = item.span.start - sentence.start, item.span.end - sentence.start
        tail = NOT_IN.match(text[b:])
        b += tail.end() if tail else 0
        rest = rest[:a] + " " * (b - a) + rest[b:]
    pledges = [f for f in found if reader.type_of(f.key) is EntityType.PLEDGE and f not in negated]
    carried, window = None, None
    if not listed:
        reader.list_pledge = None
        cue = SIGN_CUES.search(rest) or pledge_verb(rest, pledges, sentence)
        if not cue or NOT_SIGNED.search(rest):
            names = [f for f in found if signer_kinds(reader, f.key)]
            window = signing_clause(sentence, rest, pledges, names)
            carried = None if window else carried_pledge(reader, sentence)  # "또한 A와 B도."
            if carried is None and window is None and COMPOSITION.search(rest):
                carried = _composed(reader, sentence, found)  # "A, B 등 … 다수를 차지했다"
            if carried is None and window is None:
                carried = _pictured(reader, sentence)  # "… 서명한 기업 관계자들. 왼쪽부터 A, B"
            if carried is None and window is None:
                return
    if window is not None:  # only what the signing clause names, and the sentence's topic
        pledges = [p for p in pledges if window[0] <= p.span.start < window[1]]
        found = [
            f for f in found if window[0] <= f.span.start < window[1] or f.span.start in window[2]
        ]
    if listed and not pledges:
        reader.last_pledge = (reader.list_pledge[0], sentence.paragraph)  # type: ignore[index]
    if carried is not None and not pledges:
        reader.last_pledge = (carried, sentence.paragraph)
    signers = [
        f
        for f in found
        if signer_kinds(reader, f.key) and f.span.start not in used and not other_role(sentence, f)
    ]
    signers += unknown_listed(reader, sentence, found)
    both = [
        Span(sentence.start + m.start(), sentence.start + m.end(), m.group(0))
        for m in BOTH.finditer(text)
    ]
    pledges = [p for p in pledges if not any(b.start <= p.span.start < b.end for b in both)]
    counts = [
        (int(m.group(1)), Span(sentence.start + m.start(), sentence.start + m.end(), m.group(0)))
        for m in COUNT.finditer(text)
    ]
    if both:  # "두 서약에 모두 참여한 기업은 8곳" counts the overlap, not a pledge's signatories
        counts = [(n, where) for n, where in counts if where.start < both[0].start]
    if listed or carried:  # "- 국내(6개사): …", "국내 기업은 A, B 이렇게 두 곳": a part
        counts = []
    counts = [
        (n, where)
        for n, where in counts
        if not SUBSET.search(text[: where.start - sentence.start][-12:])
        and not _part_of(sentence, text, where)  # "해외에서는 구글, …, 어도비 8곳이 서명했다"
    ]
    if window is not None:
        signers = [
            f for f in signers if window[0] <= f.span.start < window[1] or f.span.start in window[2]
        ]
    chain = listed_before(sentence, signers, both)  # "A, B, …, H가 두 서약에 모두": each of them
    signers = [f for f in signers if f not in chain]
    joint = joint_pledges(sentence, pledges)  # "A와 B에 모두 이름을 올렸다": each signed both
    for group in [[item] for item in joint] or [pledges]:
        record_signatures(reader, sentence, signers, group, [] if joint else counts, both)
    for item in chain:
        mark = Span(item.span.end, item.span.end, "")
        record_signatures(reader, sentence, [item], pledges, [], [mark])


def _composed(reader: Reader, sentence: Sentence, found: list[Found]) -> str | None:
    """The pledge whose signatories a sentence describes by their make-up ("오픈AI, 구글 등
    미국 기업이 다수를 차지했다"): the signing reported just before, when the sentence lists
    two or more signers ahead of 등."""
    cut = sentence.text.find(" 등 ")
    listed = [
        f for f in found if signer_kinds(reader, f.key) and 0 <= f.span.start - sentence.start < cut
    ]
    return last_signing(reader, sentence) if len(listed) >= 2 else None


def _pictured(reader: Reader, sentence: Sentence) -> str | None:
    """The pledge a caption's roll call of companies signed: the one the caption before it
    says its people signed ("서약에 서명한 기업 관계자들이 … 왼쪽부터 A, B 관계자")."""
    caption = roll_call(reader, sentence)
    if caption is None or not SIGN_CUES.search(caption) or NOT_SIGNED.search(caption):
        return None
    return context_pledge(reader, sentence)


def _pledge_and_declaration(
    reader: Reader, sentence: Sentence, found: list[Found], event: str | None, text: str
) -> None:
    span = evidence(sentence)
    for item in found:
        kind = reader.type_of(item.key)
        if kind is EntityType.DECLARATION and event and ADOPT_CUES.search(text):
            reader.add(Relation.ADOPTED_AT, item.key, event, span)
        if (
            kind is EntityType.PLEDGE
            and event
            and ANNOUNCE_CUES.search(text)
            and not NOT_YET.search(text)
        ):
            reader.add(Relation.ANNOUNCED_AT, item.key, event, span)
        if kind is EntityType.EVENT and ORGANIZER.search(text):
            for org in found:
                if reader.type_of(org.key) is EntityType.GOVERNMENT:
                    reader.add(Relation.ORGANIZED_BY, item.key, org.key, span)
    pledge = reader.last_pledge
    if (
        pledge
        and pledge[1] == sentence.paragraph
        and not any(reader.type_of(f.key) is EntityType.PLEDGE for f in found)
    ):
        match = re.match(r"(.+?)\s등\s.*(?:담았|담겼|담고|포함|골자|약속)", sentence.text)
        if match and match.group(1).count(",") >= 1:
            for part in re.finditer(r"[^,]+", match.group(1)):
                piece = part.group(0).strip()
                start = sentence.start + part.start() + part.group(0).index(piece)
                reader.add(
                    Relation.HAS_COMMITMENT, pledge[0], Span(start, start + len(piece), piece), span
                )


def _quotes(
    reader: Reader, sentence: Sentence, found: list[Found], quotes: list[Span], event: str | None
) -> None:
    outside = blank_quotes(sentence, quotes)
    if not quotes or not SPEECH.search(outside):
        return
    speaker = next((f.key for f in found if reader.type_of(f.key) is EntityType.PERSON), None)
    if speaker is None:
        match = SHORT_REF.search(outside)
        if match:
            speaker = _by_surname(reader, match.group(1))
    if speaker is None and reader.last_speaker and reader.last_speaker[1] >= sentence.paragraph - 1:
        speaker = reader.last_speaker[0]
    if speaker is None:
        return
    where = next((f.key for f in found if reader.type_of(f.key) is EntityType.EVENT), None)
    where = where or reader.person_event.get(speaker) or event
    for quote in quotes:
        reader.quotations.append(Quotation(speaker, quote, "ko", (evidence(sentence),), where))
    reader.last_speaker = (speaker, sentence.paragraph)


def _by_surname(reader: Reader, surname: str) -> str | None:
    people = [
        k
        for k in reader.context.order
        if reader.type_of(k) is EntityType.PERSON
        and (reader.entity(k).name_ko or "").startswith(surname)
    ]
    return reader.context.last(people)
