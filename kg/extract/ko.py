"""Rules for Korean news sentences: who signed, attended, holds what, and said what.

People are recognised from the text's own patterns (``NAME ORG TITLE``,
``ORG NAME TITLE``, ``NAME 국무총리``), organizations and events from the catalogue.
"""

from __future__ import annotations

import re

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
    " 이상 이하 주최 주관 또한 이미 앞서 여기 지금 모두 각국 각사 정상 장관 총리 대통령 회장 위원 위원장 사장".split()
)
TITLE_HEADS = (
    "장관", "총리", "대통령", "교수", "회장", "사장", "대표", "대표이사", "책임자", "과학자", "창업자", "센터장",
    "연구원", "이사", "상무", "전무", "고문", "의장", "위원장", "원장", "국장", "실장", "본부장", "팀장", "소장",
    "CEO", "CTO", "CSO", "CAIO", "부문장", "총괄", "리더", "위원", "차관", "처장", "청장", "단장", "부장", "기자",
    "특파원", "디렉터", "매니저", "총장", "학장", "의원", "대사", "비서관", "수석", "본부장", "펠로", "연구위원",
)
STOP_TAGS = ("J", "SP", "SF", "SS", "EC", "EF", "VV", "MA", "NNB", "SW", "VCP")
HEAD_OF_GOVERNMENT = ("국무총리", "총리", "대통령")
ATTEND_CUES = re.compile(
    r"참석|참가|기념\s?촬영|축사|연설|기조\s?연설|강연|개회사|환영사|폐회사|주재|좌장|발제|토론자|패널로|자리했|모였|연단"
)
NOT_YET = re.compile(r"예정|계획|전망|불참|참석하지\s?않|참석할|참석한다|하기로\s?했|초청할|할\s?것으로")
SIGN_CUES = re.compile(r"동참|서명|참여했|참여한|참여하|체결|가입|합류|이름을\s?올|서약했|약속했|발표했|발표한|지지")
NOT_SIGNED = re.compile(r"예정|계획|검토|불참|서명하지\s?않|참여하지\s?않|거부")
ROLE_WORDS = re.compile(r"^\s*의?\s*(투자|파트너|협력사|고객|자회사|모회사|제품|서비스|모델|챗봇|플랫폼|기술|칩|반도체)")
ROLE_BEFORE = re.compile(r"(투자한|투자를 받은|협력하는|파트너인|손잡은|공급하는|인수한|경쟁사인?)\s*$")
COUNT = re.compile(
    r"(?:총|모두|전체)?\s*(\d{1,3})\s*(?:개|곳|개사)?\s*(?:의\s*)?(?:[가-힣A-Za-z]+\s+){0,3}?"
    r"(?:기업|회사|업체|빅테크|기관|개사)|(?:기업|회사|업체)\s*(\d{1,3})\s*(?:곳|개사|개)"
)
ADOPT_CUES = re.compile(r"채택|승인|합의")
ANNOUNCE_CUES = re.compile(r"발표|공개|선보")
SPEECH = re.compile(r"(?:라|이라|다|고)\s*(?:며|면서|고)|밝혔|말했|설명했|강조했|덧붙였|전했|했다|언급했|당부했|주장했")
ORGANIZER = re.compile(r"주도(?:하에|로|해)|주최(?:로|하고|한|했)|주관(?:으로|하고|한|했)")
SHORT_REF = re.compile(r"(?:^|[\s\"'])([가-힣])\s?(" + "|".join(TITLE_HEADS) + r")(?:은|는|이|가|도)\s")
SEPARATORS = re.compile(r",|，|\s및\s|\s그리고\s|비롯해|비롯한|△|▲|ㆍ")


def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Apply every Korean rule to one sentence, in the order they depend on each other."""
    found = reader.names_in(sentence)
    quotes = quoted_spans(sentence)
    found = [f for f in found if not inside(f.span, quotes)]
    people, used_orgs = _people(reader, sentence, found)
    found = reader.names_in(sentence) if people else found
    found = [f for f in found if not inside(f.span, quotes)]
    reader.note(found)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = _pick_event(reader, events, sentence)
    persons = list(dict.fromkeys(f.key for f in found if reader.type_of(f.key) is EntityType.PERSON))
    outside = _outside_quotes(sentence, quotes)
    if persons and event and ATTEND_CUES.search(outside) and not NOT_YET.search(outside):
        for person in persons:
            if person != reader.author:
                reader.attend(person, event, _evidence(sentence))
    _signing(reader, sentence, found, used_orgs, outside)
    _pledge_and_declaration(reader, sentence, found, event, outside)
    _quotes(reader, sentence, found, quotes, event)
    if events:
        reader.last_event = (events[-1].key, sentence.paragraph)
    pledges = [f for f in found if reader.type_of(f.key) is EntityType.PLEDGE]
    if pledges:
        reader.last_pledge = (pledges[-1].key, sentence.paragraph)


def _evidence(sentence: Sentence) -> Span:
    return Span(sentence.start, sentence.end, sentence.text)


def _outside_quotes(sentence: Sentence, quotes: list[Span]) -> str:
    text = sentence.text
    for quote in reversed(quotes):
        a, b = quote.start - sentence.start, quote.end - sentence.start
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _pick_event(reader: Reader, events: list[Found], sentence: Sentence) -> str | None:
    if events:
        sessions = [e for e in events if reader.entity(e.key).session]
        return (sessions or events)[0].key
    if reader.last_event and reader.last_event[1] >= sentence.paragraph - 1:
        return reader.last_event[0]
    return None


def _tokens_between(sentence: Sentence, start: int, end: int) -> list[Token]:
    return [t for t in sentence.tokens if t.start >= start and t.end <= end]


def _is_name_word(sentence: Sentence, start: int, word: str) -> bool:
    if not re.fullmatch(r"[가-힣]{1,5}", word) or word in NOT_NAMES:
        return False
    tags = [t.tag for t in sentence.tokens if t.start < start + len(word) and t.end > start]
    return bool(tags) and all(t.startswith(("NN", "IC", "XR", "MM", "MAG", "NR")) for t in tags)


def _korean_name(word: str) -> bool:
    if len(word) == 3 and word[0] in SURNAMES:
        return True
    return len(word) == 4 and word[:2] in DOUBLE_SURNAMES


def _name_before(reader: Reader, sentence: Sentence, end: int) -> tuple[str, int] | None:
    """The person's name written right before `end` (a Korean name or a two-word foreign one)."""
    left = sentence.text[: end - sentence.start].rstrip()
    words = [(m.group(0), sentence.start + m.start()) for m in re.finditer(r"\S+", left)]
    if words and words[-1][0] in reader.catalogue.countries:
        words.pop()
    if not words:
        return None
    w1, s1 = words[-1]
    if not _is_name_word(sentence, s1, w1):
        return None
    if _korean_name(w1):
        return w1, s1
    if len(words) >= 2:
        w2, s2 = words[-2]
        if _is_name_word(sentence, s2, w2) and len(w1 + w2) <= 10:
            return f"{w2} {w1}", s2
    return None


def _title_after(sentence: Sentence, start: int) -> tuple[str, int] | None:
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
    return text, words[0].start


def _people(reader: Reader, sentence: Sentence, found: list[Found]) -> tuple[list[str], set[int]]:
    """Recognise ``NAME ORG TITLE``, ``ORG NAME TITLE`` and ``NAME 총리`` and record affiliations."""
    people: list[str] = []
    used: set[int] = set()
    for item in found:
        kind = reader.type_of(item.key)
        if not kind.is_organization or kind is EntityType.OUTLET:
            continue
        name = _name_before(reader, sentence, item.span.start)
        title = _title_after(sentence, item.span.end)
        if name is None and title is None:
            after = _org_name_title(reader, sentence, item)
            if after is not None:
                name, title = after
        if name is None or title is None or title[0].endswith(("기자", "특파원")):
            continue
        person = reader.person(name[0])
        reader.add(Relation.AFFILIATED_WITH, person, item.key, _evidence(sentence),
                   _make_title(reader, title[0]))
        people.append(person)
        used.add(item.span.start)
    for match in re.finditer(r"(?:(" + "|".join(reader.catalogue.countries) + r")\s)?("
                             + "|".join(HEAD_OF_GOVERNMENT) + r")(?![가-힣])", sentence.text):
        name = _name_before(reader, sentence, sentence.start + match.start())
        if name is None:
            continue
        country = match.group(1)
        org = reader.catalogue.countries.get(country) if country else None
        info = reader.catalogue.title(match.group(2))
        org = org or (info.implies if info else None)
        person = reader.person(name[0])
        people.append(person)
        if org is not None:
            reader.entities.setdefault(org, reader.catalogue.entities[org])
            reader.add(Relation.AFFILIATED_WITH, person, org, _evidence(sentence),
                       _make_title(reader, match.group(2)))
    return people, used


def _org_name_title(reader: Reader, sentence: Sentence, item: Found) -> tuple[tuple[str, int], tuple[str, int]] | None:
    rest = sentence.text[item.span.end - sentence.start :]
    match = re.match(r"\s+([가-힣]{3,4})\s+", rest)
    if not match or not _korean_name(match.group(1)) or match.group(1) in NOT_NAMES:
        return None
    start = item.span.end + match.start(1)
    title = _title_after(sentence, item.span.end + match.end())
    return ((match.group(1), start), title) if title else None


def _make_title(reader: Reader, written: str) -> Title:
    info = reader.catalogue.title(written)
    return Title(written, "ko", info.english if info else None)


def _signing(reader: Reader, sentence: Sentence, found: list[Found], used: set[int], text: str) -> None:
    if not SIGN_CUES.search(text) or NOT_SIGNED.search(text):
        return
    pledges = [f for f in found if reader.type_of(f.key) is EntityType.PLEDGE]
    if not pledges:
        if reader.last_pledge is None or reader.last_pledge[1] < sentence.paragraph - 1:
            return
    evidence = _evidence(sentence)
    for item in found:
        kind = reader.type_of(item.key)
        if not kind.is_organization or kind in (EntityType.GOVERNMENT, EntityType.OUTLET,
                                                 EntityType.UNIVERSITY):
            continue
        if item.span.start in used or _other_role(sentence, item):
            continue
        pledge = _nearest(pledges, item.span) if pledges else reader.last_pledge[0]  # type: ignore[index]
        reader.add(Relation.SIGNED, item.key, pledge, evidence)
    for count, where in _counts(sentence):
        pledge = _nearest(pledges, where) if pledges else reader.last_pledge[0]  # type: ignore[index]
        reader.add(Relation.STATED_SIGNATORY_COUNT, pledge, count, evidence)


def _other_role(sentence: Sentence, item: Found) -> bool:
    after = sentence.text[item.span.end - sentence.start :]
    before = sentence.text[: item.span.start - sentence.start]
    return bool(ROLE_WORDS.match(after) or ROLE_BEFORE.search(before))


def _nearest(candidates: list[Found], span: Span) -> str:
    """The candidate in the same clause, else the closest one."""
    return min(candidates, key=lambda c: abs(c.span.start - span.start)).key


def _counts(sentence: Sentence) -> list[tuple[int, Span]]:
    out = []
    for match in COUNT.finditer(sentence.text):
        number = match.group(1) or match.group(2)
        start = sentence.start + match.start()
        out.append((int(number), Span(start, start + len(match.group(0)), match.group(0))))
    return out


def _pledge_and_declaration(reader: Reader, sentence: Sentence, found: list[Found],
                            event: str | None, text: str) -> None:
    evidence = _evidence(sentence)
    for item in found:
        kind = reader.type_of(item.key)
        if kind is EntityType.DECLARATION and event and ADOPT_CUES.search(text):
            reader.add(Relation.ADOPTED_AT, item.key, event, evidence)
        if kind is EntityType.PLEDGE and event and ANNOUNCE_CUES.search(text):
            reader.add(Relation.ANNOUNCED_AT, item.key, event, evidence)
        if kind is EntityType.EVENT and ORGANIZER.search(text):
            for org in found:
                if reader.type_of(org.key) is EntityType.GOVERNMENT or (
                    reader.type_of(org.key).is_organization and org.span.end < sentence.end
                    and ORGANIZER.match(sentence.text[org.span.end - sentence.start :].lstrip())
                ):
                    reader.add(Relation.ORGANIZED_BY, item.key, org.key, evidence)
    if reader.last_pledge and reader.last_pledge[1] == sentence.paragraph and not any(
        reader.type_of(f.key) is EntityType.PLEDGE for f in found
    ):
        match = re.match(r"(.+?)\s등\s.*(?:담았|담겼|담고|포함|골자|약속)", sentence.text)
        if match and match.group(1).count(",") >= 1:
            offset = sentence.start
            for part in re.finditer(r"[^,]+", match.group(1)):
                piece = part.group(0).strip()
                start = offset + part.start() + part.group(0).index(piece)
                reader.add(Relation.HAS_COMMITMENT, reader.last_pledge[0],
                           Span(start, start + len(piece), piece), evidence)


def _quotes(reader: Reader, sentence: Sentence, found: list[Found], quotes: list[Span],
            event: str | None) -> None:
    if not quotes:
        return
    outside = _outside_quotes(sentence, quotes)
    if not SPEECH.search(outside):
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
        reader.quotations.append(Quotation(speaker, quote, "ko", (_evidence(sentence),), where))
    reader.last_speaker = (speaker, sentence.paragraph)


def _by_surname(reader: Reader, surname: str) -> str | None:
    people = [k for k in reader.context.order if reader.type_of(k) is EntityType.PERSON
              and (reader.entity(k).name_ko or "").startswith(surname)]
    return reader.context.last(people)
