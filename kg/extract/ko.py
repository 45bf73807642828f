"""Rules for Korean news sentences: who signed, attended, and said what.

People and their titles are found by `kg.extract.ko_people`; organizations and events come
from the catalogue; this module reads what each sentence says they did.
"""

from __future__ import annotations

import re

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
from kg.extract.ko_people import NOT_NAMES, TITLE_HEADS, find_people, korean_name
from kg.extract.mentions import Found, inside, quoted_spans
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Quotation, Relation, Span

ATTEND_CUES = re.compile(
    r"참석|참가|참여|기념\s?촬영|축사|연설|강연|개회사|환영사|폐회사|주재|좌장|발제|토론자|패널|발표자|연사|나서|"
    r"자리했|모였|연단|영상\s?메시지|화상|메시지를\s?보내|사회를\s?맡|"
    r"(?:포럼|회의|세션|개회식|라운드\s?테이블|행사)(?:에서|에서는)\s.*(?:말했|밝혔|강조했|설명했|소개했|당부했|지적했|역설했|제안했|촉구했|언급했|발언)"
)
NOT_YET = re.compile(
    r"예정|계획|전망|불참|참석하지\s?않|참석할|참석한다|하기로\s?했|초청할|할\s?것으로|내일|모레|오는\s?\d{1,2}일|열릴|열립니다|진행될|않았|못했"
)
SIGN_CUES = re.compile(
    r"동참|서명|참여|체결|가입|합류|이름을\s?올|서약했|약속했|발표했|발표한|발표하였|지지|포함|명단|기업은\s?다음|"
    r"함께\s?했|함께\s?한"
)
NOT_SIGNED = re.compile(r"예정|계획|검토|불참|않았|않은|않기로|않는|빠졌|빠진|제외|거부|안\s?했")
ROLE_AFTER = re.compile(
    r"^\s*(?:의|가|이)?\s*(?:투자|파트너|협력사|고객|자회사|모회사|제품|서비스|모델|챗봇|플랫폼|칩|반도체|지분)"
    r"|^\s*의\s+[^,.\s]+(?:\s+[^,.\s]+){0,2}?인\s"  # "㈜LG의 AI 싱크탱크인 LG AI연구원": describes another
)
ROLE_BEFORE = re.compile(
    r"(?:투자한|투자를 받은|협력하는|파트너인|손잡은|공급하는|인수한|경쟁사인?|고객사인?|지분을 투자한)\s*$"
)
COUNT = re.compile(
    r"(?<![\w.])(\d{1,3})\s*(?:개\s?사|곳|개(?=\s*(?:[가-힣A-Za-z]+\s+){0,3}?(?:기업|회사|업체|빅테크|기관|단체)))"
)
# "국내 기업은 6곳", "해외 8개사": a part of the signatories, not their number ("국내외" is all).
SUBSET = re.compile(r"(?<!국내)(?:국내|해외|국외|외국|국내\s?기업|해외\s?기업)(?!외)\s*(?:\(|은|는|이|가|도)?\s*$")
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




def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Apply every Korean rule to one sentence, in the order they depend on each other."""
    quotes = quoted_spans(sentence)
    found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    people, used = find_people(reader, sentence, found)
    if people:
        found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    reader.note(found)
    outside = blank_quotes(sentence, quotes)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = pick_event(reader, events, sentence)
    speaker = reader.speakers.get(sentence.paragraph)
    persons = list(
        dict.fromkeys(
            f.key
            for f in found
            if reader.type_of(f.key) is EntityType.PERSON
            and not (f.span.text == speaker and f.span.start - sentence.start <= 2)  # "◆최은영>"
        )
    )
    if persons and event and ATTEND_CUES.search(outside) and not NOT_YET.search(outside):
        for person in persons:
            if person != reader.author:
                reader.attend(person, event, evidence(sentence))
    if (speaker is not None and not persons and event and ATTEND_CUES.search(outside)
            and not NOT_YET.search(outside) and not OTHER_OR_NOT.search(outside)
            and not outside.rstrip().endswith("?")):
        reader.attend(reader.person(speaker), event, evidence(sentence))  # "…에 참석했습니다"
    _signing(reader, sentence, found, used, outside)
    _pledge_and_declaration(reader, sentence, found, event, outside)
    _quotes(reader, sentence, found, quotes, event)
    reader.remember(found, sentence.paragraph)


def _signing(
    reader: Reader, sentence: Sentence, found: list[Found], used: set[int], text: str
) -> None:
    listed = is_list_item(sentence) and reader.list_pledge is not None
    if is_list_intro(text) and SIGN_CUES.search(text):
        pledge = next((f.key for f in found if reader.type_of(f.key) is EntityType.PLEDGE), None)
        pledge = pledge or context_pledge(reader, sentence)
        reader.list_pledge = (pledge, sentence.paragraph) if pledge else None
        return
    # "프런티어 서약에는 없던 국내 기업이 이 서약에 합류했다": the pledge they are not in is
    # not the one they signed, and its negation does not negate the sentence.
    negated = [
        f for f in found
        if reader.type_of(f.key) is EntityType.PLEDGE
        and NOT_IN.match(sentence.text[f.span.end - sentence.start :])
    ]
    rest = text
    for item in negated:
        a, b = item.span.start - sentence.start, item.span.end - sentence.start
        tail = NOT_IN.match(text[b:])
        b += tail.end() if tail else 0
        rest = rest[:a] + " " * (b - a) + rest[b:]
    if not listed:
        reader.list_pledge = None
        if not SIGN_CUES.search(rest) or NOT_SIGNED.search(rest):
            return
    pledges = [f for f in found if reader.type_of(f.key) is EntityType.PLEDGE and f not in negated]
    if listed and not pledges:
        reader.last_pledge = (reader.list_pledge[0], sentence.paragraph)  # type: ignore[index]
    signers = [
        f
        for f in found
        if signer_kinds(reader, f.key) and f.span.start not in used and not _other_role(sentence, f)
    ]
    signers += _unknown_listed(reader, sentence, found)
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
    if listed:  # "- 국내(6개사): 네이버, …": a part of the list
        counts = []
    counts = [(n, where) for n, where in counts
              if not SUBSET.search(text[: where.start - sentence.start][-12:])]
    record_signatures(reader, sentence, signers, pledges, counts, both)


_GENERIC = {"AI", "IT", "ICT", "SW", "HW", "LLM", "GPU", "CEO", "CTO", "API", "R&D", "UAE", "G7", "UN", "EU"}
_LIST_MARKS = {(",", "SP"), ("△", "SW"), ("·", "SP"), ("·", "SW"), ("등", "NNB"), ("까지", "JX"),
               ("부터", "JX"), ("와", "JC"), ("과", "JC"), ("및", "MAG"), ("및", "MAJ")}


def _unknown_listed(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """Proper nouns standing in a list of signatories that the catalogue does not know."""
    tokens = sentence.tokens
    known = [(f.span.start, f.span.end) for f in found]
    out: list[Found] = []
    index = 0
    while index < len(tokens):
        bulleted = index > 0 and tokens[index - 1].form == "△"
        heads = ("NNP", "SL", "NNG") if bulleted else ("NNP", "SL")
        if not tokens[index].tag.startswith(heads):
            index += 1
            continue
        stop = index
        while (
            stop + 1 < len(tokens)
            and tokens[stop + 1].tag.startswith((*heads, "SN"))
            and tokens[stop + 1].start == tokens[stop].end
        ):
            stop += 1

        start, end = tokens[index].start, tokens[stop].end
        before = (tokens[index - 1].form, tokens[index - 1].tag) if index else None
        after = (tokens[stop + 1].form, tokens[stop + 1].tag) if stop + 1 < len(tokens) else None
        name = sentence.text[start - sentence.start:end - sentence.start]
        opens = index == 0 or before in _LIST_MARKS or before == ("△", "SW")
        closes = after is None or after in _LIST_MARKS or after == ("△", "SW") or after[1].startswith("J")
        listed = opens and closes and (before in _LIST_MARKS or after in _LIST_MARKS or after == ("△", "SW"))
        if tokens[index].tag.startswith("NNG") or tokens[stop].tag.startswith("NNG"):
            listed = bulleted and (after is None or after in _LIST_MARKS or after == ("△", "SW"))
        if (listed and not any(s < end and start < e for s, e in known) and len(name) >= 2
                and not korean_name(name) and name not in reader.catalogue.countries
                and name not in NOT_NAMES and name.upper() not in _GENERIC):
            out.append(Found(reader.organization(name), Span(start, end, name)))
        index = stop + 1
    return out


def _other_role(sentence: Sentence, item: Found) -> bool:
    after = sentence.text[item.span.end - sentence.start :]
    before = sentence.text[: item.span.start - sentence.start]
    return bool(ROLE_AFTER.match(after) or ROLE_BEFORE.search(before))


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
