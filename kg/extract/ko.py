"""Rules for Korean news sentences: who signed, attended, holds what, and said what.

People are recognised from the text's own patterns (``NAME ORG TITLE``,
``ORG NAME TITLE``, ``NAME 국무총리``); organizations and events from the catalogue.
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
from kg.extract.mentions import Found, inside, quoted_spans
from kg.extract.reader import Reader
from kg.extract.text import Sentence, Token
from kg.model import EntityType, Quotation, Relation, Span, Title

SURNAMES = set(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주"
    " 우 구 민 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹"
    " 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 단 견".split()
)
DOUBLE_SURNAMES = {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"}
NOT_NAMES = set(
    "이날 이어 이번 이후 이는 이에 이와 한편 정부 국내 해외 주요 전문가 관계자 참석자 대표 기업 업계 조직 우리 지난"
    " 오전 오후 당시 현재 최근 올해 내년 작년 한국 세계 국제 공동 고위급 부문 분야 산업 기술 안전 서울 기자 특히"
    " 이상 이하 주최 주관 또한 이미 앞서 여기 지금 모두 각국 각사 정상 장관 총리 대통령 회장 위원 위원장 사장"
    " 국내외 해외에선 국내에선 가운데 중에는 이들 그는 그녀 양사 자사 동사 본사 지사 회사 직원 임원 책임자 담당자".split()
)
TITLE_HEADS = (
    "장관",
    "총리",
    "대통령",
    "교수",
    "회장",
    "사장",
    "대표",
    "대표이사",
    "책임자",
    "과학자",
    "창업자",
    "센터장",
    "연구원",
    "이사",
    "상무",
    "전무",
    "고문",
    "의장",
    "위원장",
    "원장",
    "국장",
    "실장",
    "본부장",
    "팀장",
    "소장",
    "CEO",
    "CTO",
    "CSO",
    "CAIO",
    "CFO",
    "COO",
    "부문장",
    "총괄",
    "리더",
    "위원",
    "차관",
    "처장",
    "청장",
    "단장",
    "부장",
    "기자",
    "특파원",
    "디렉터",
    "매니저",
    "총장",
    "학장",
    "의원",
    "대사",
    "비서관",
    "수석",
    "펠로",
    "과장",
    "사무관",
    "애널리스트",
    "연구위원",
    "변호사",
    "박사",
    "이사장",
    "부회장",
    "부사장",
    "대변인",
)
STOP_TAGS = ("J", "SP", "SF", "SS", "EC", "EF", "VV", "MA", "NNB", "SW", "VCP")
HEAD_OF_GOVERNMENT = ("국무총리", "총리", "대통령")
PARTICLE_AFTER = r"(?=[와과은는이가도의를에,\s]|$)"
ATTEND_CUES = re.compile(
    r"참석|참가|참여|기념\s?촬영|축사|연설|강연|개회사|환영사|폐회사|주재|좌장|발제|토론자|패널|발표자|연사|나서|"
    r"자리했|모였|연단|영상\s?메시지|화상|메시지를\s?보내|사회를\s?맡|"
    r"(?:포럼|회의|세션|개회식|라운드\s?테이블|행사)(?:에서|에서는)\s.*(?:말했|밝혔|강조했|설명했|소개했|당부했|지적했|역설했|제안했|촉구했|언급했)"
)
NOT_YET = re.compile(
    r"예정|계획|전망|불참|참석하지\s?않|참석할|참석한다|하기로\s?했|초청할|할\s?것으로|내일|모레|오는\s?\d{1,2}일|열릴|열립니다|진행될|않았|못했"
)
SIGN_CUES = re.compile(
    r"동참|서명|참여|체결|가입|합류|이름을\s?올|서약했|약속했|발표했|발표한|지지|포함|명단|기업은\s?다음"
)
NOT_SIGNED = re.compile(r"예정|계획|검토|불참|않았|않은|않기로|않는|빠졌|빠진|제외|거부|안\s?했")
ROLE_AFTER = re.compile(
    r"^\s*(?:의|가|이)?\s*(?:투자|파트너|협력사|고객|자회사|모회사|제품|서비스|모델|챗봇|플랫폼|칩|반도체|지분)"
)
ROLE_BEFORE = re.compile(
    r"(?:투자한|투자를 받은|협력하는|파트너인|손잡은|공급하는|인수한|경쟁사인?|고객사인?|지분을 투자한)\s*$"
)
COUNT = re.compile(
    r"(?<![\w.])(\d{1,3})\s*(?:개\s?사|곳|개(?=\s*(?:[가-힣A-Za-z]+\s+){0,3}?(?:기업|회사|업체|빅테크|기관|단체)))"
)
BOTH = re.compile(r"(?:두|양대|2개)\s*(?:약속|서약|협약)|양쪽\s*서약")
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
    people, used = _people(reader, sentence, found)
    if people:
        found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    reader.note(found)
    outside = blank_quotes(sentence, quotes)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = pick_event(reader, events, sentence)
    persons = list(
        dict.fromkeys(f.key for f in found if reader.type_of(f.key) is EntityType.PERSON)
    )
    if persons and event and ATTEND_CUES.search(outside) and not NOT_YET.search(outside):
        for person in persons:
            if person != reader.author:
                reader.attend(person, event, evidence(sentence))
    _signing(reader, sentence, found, used, outside)
    _pledge_and_declaration(reader, sentence, found, event, outside)
    _quotes(reader, sentence, found, quotes, event)
    reader.remember(found, sentence.paragraph)


def _is_name_word(sentence: Sentence, start: int, word: str) -> bool:
    if not re.fullmatch(r"[가-힣]{1,5}", word) or word in NOT_NAMES:
        return False
    tags = [t.tag for t in sentence.tokens if t.start < start + len(word) and t.end > start]
    return bool(tags) and all(t.startswith(("NN", "IC", "XR", "MM", "MAG", "NR")) for t in tags)


def _korean_name(word: str) -> bool:
    if len(word) == 3 and word[0] in SURNAMES and word not in NOT_NAMES:
        return True
    return len(word) == 4 and word[:2] in DOUBLE_SURNAMES


def _name_before(reader: Reader, sentence: Sentence, end: int) -> str | None:
    """The person's name written right before `end` (a Korean name or a two-word foreign one)."""
    left = sentence.text[: end - sentence.start].rstrip()
    words = [(m.group(0), sentence.start + m.start()) for m in re.finditer(r"\S+", left)]
    while words and (words[-1][0] in reader.catalogue.countries or words[-1][0] in ("/", "|", "-", ":")):
        words.pop()
    if not words:
        return None
    w1, s1 = words[-1]
    if not _is_name_word(sentence, s1, w1):
        return None
    if _korean_name(w1):
        return w1
    if len(words) >= 2:
        w2, s2 = words[-2]
        if _is_name_word(sentence, s2, w2) and len(w1 + w2) <= 10:
            return f"{w2} {w1}"
    return None


def _title_after(sentence: Sentence, start: int) -> str | None:
    """The title that follows `start`, up to the first particle or separator."""
    words: list[Token] = []
    for token in sentence.tokens:
        if token.start < start:
            continue
        if token.tag.startswith(STOP_TAGS) or token.form in ("및", "등"):
            break
        words.append(token)
    while words and not words[-1].tag.startswith(("NN", "SL", "XSN")):
        words.pop()
    if not words:
        return None
    text = sentence.text[words[0].start - sentence.start : words[-1].end - sentence.start]
    if not text.endswith(TITLE_HEADS) or len(text) > 30:
        return None
    return text


def _org_name_title(sentence: Sentence, item: Found, people: list[Found]) -> tuple[str, str] | None:
    """``ORG NAME TITLE``: a known person or a Korean name right after the organization."""
    rest = sentence.text[item.span.end - sentence.start :]
    gap = len(rest) - len(rest.lstrip())
    known = next((p for p in people if p.span.start == item.span.end + gap and gap), None)
    if known is not None:
        title = _title_after(sentence, known.span.end)
        return (known.span.text, title) if title else None
    match = re.match(r"\s+([가-힣]{3,4})\s+", rest)
    start = item.span.end + (match.start(1) if match else 0)
    if not match or not _korean_name(match.group(1)) or not _is_name_word(sentence, start, match.group(1)):
        return None
    title = _title_after(sentence, item.span.end + match.end())
    return (match.group(1), title) if title else None


def _people(reader: Reader, sentence: Sentence, found: list[Found]) -> tuple[list[str], set[int]]:
    """Recognise ``ORG NAME TITLE``, ``NAME ORG TITLE`` and ``NAME 총리``; record affiliations."""
    people: list[str] = []
    used: set[int] = set()
    persons = [f for f in found if reader.type_of(f.key) is EntityType.PERSON]
    for item in found:
        kind = reader.type_of(item.key)
        if not kind.is_organization or kind is EntityType.OUTLET:
            continue
        pair = _org_name_title(sentence, item, persons)
        if pair is None:
            name, title = (
                _name_before(reader, sentence, item.span.start),
                _title_after(sentence, item.span.end),
            )
            if name is None or title is None:
                continue
            pair = (name, title)
        if pair[1].endswith(("기자", "특파원")):
            continue
        person = reader.person(pair[0])
        reader.add(
            Relation.AFFILIATED_WITH, person, item.key, evidence(sentence), _title(reader, pair[1])
        )
        people.append(person)
        used.add(item.span.start)
    countries = "|".join(map(re.escape, reader.catalogue.countries))
    pattern = rf"(?:({countries})\s)?({'|'.join(HEAD_OF_GOVERNMENT)}){PARTICLE_AFTER}"
    for match in re.finditer(pattern, sentence.text):
        name = _name_before(reader, sentence, sentence.start + match.start())
        if name is None:
            continue
        person = reader.person(name)
        people.append(person)
        info = reader.catalogue.title(match.group(2))
        org = None if match.group(1) else (info.implies if info else None)
        if org is not None and not reader.foreign_official(person, org):
            reader.entities.setdefault(org, reader.catalogue.entities[org])
            reader.add(
                Relation.AFFILIATED_WITH,
                person,
                org,
                evidence(sentence),
                _title(reader, match.group(2)),
            )
    return people, used


def _title(reader: Reader, written: str) -> Title:
    info = reader.catalogue.title(written)
    return Title(written, "ko", info.english if info else None)


def _signing(
    reader: Reader, sentence: Sentence, found: list[Found], used: set[int], text: str
) -> None:
    listed = is_list_item(sentence) and reader.list_pledge is not None
    if is_list_intro(text) and SIGN_CUES.search(text):
        pledge = next((f.key for f in found if reader.type_of(f.key) is EntityType.PLEDGE), None)
        pledge = pledge or context_pledge(reader, sentence)
        reader.list_pledge = (pledge, sentence.paragraph) if pledge else None
        return
    if not listed:
        reader.list_pledge = None
        if not SIGN_CUES.search(text) or NOT_SIGNED.search(text):
            return
    pledges = [f for f in found if reader.type_of(f.key) is EntityType.PLEDGE]
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
                and not _korean_name(name) and name not in reader.catalogue.countries
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
