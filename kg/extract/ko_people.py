"""Who is who in Korean news: names, titles and organizations from the text's own patterns.

Korean writes a person with a position as ``NAME ORG TITLE`` (하정우 네이버클라우드
AI이노베이션센터장), ``ORG NAME TITLE`` (카카오 정신아 대표) or ``NAME TITLE`` for heads of
government (한덕수 국무총리); names are Hangul words of a surname and a given name, or two
words for a foreign name, and titles end where Kiwi finds a particle or a separator.
"""

from __future__ import annotations

import re

from kg.extract.common import evidence
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence, Token
from kg.model import EntityType, Relation, Span, Title

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


def _is_name_word(sentence: Sentence, start: int, word: str) -> bool:
    if not re.fullmatch(r"[가-힣]{1,5}", word) or word in NOT_NAMES:
        return False
    tags = [t.tag for t in sentence.tokens if t.start < start + len(word) and t.end > start]
    return bool(tags) and all(t.startswith(("NN", "IC", "XR", "MM", "MAG", "NR")) for t in tags)


def korean_name(word: str) -> bool:
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
    if korean_name(w1):
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
    if not match or not korean_name(match.group(1)) or not _is_name_word(sentence, start, match.group(1)):
        return None
    title = _title_after(sentence, item.span.end + match.end())
    return (match.group(1), title) if title else None


_ORG_WORD = re.compile(
    r"[가-힣A-Za-z0-9·]{2,16}(?:증권|은행|연구원|연구소|대학교|대학|재단|협회|센터|그룹|투자|자산운용|보험|학회|"
    r"위원회|硏)"
)


def _unknown_orgs(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """Organizations the catalogue does not know, where a name and a title stand next to
    them: ``한결투자증권 박지원 연구원``, ``김도현 한국AI정책연구원 연구위원``."""
    taken = [(f.span.start, f.span.end) for f in found]
    words = [(m.group(0), sentence.start + m.start()) for m in re.finditer(r"\S+", sentence.text)]
    out: list[Found] = []
    for index, (word, start) in enumerate(words):
        end = start + len(word)
        if not _ORG_WORD.fullmatch(word) or any(s < end and start < e for s, e in taken):
            continue
        after = [w for w, _ in words[index + 1 : index + 3]]
        before = words[index - 1][0] if index else ""
        name_then_title = len(after) == 2 and korean_name(after[0]) and _titled(after[1])
        titled_after_name = bool(after) and korean_name(before) and _titled(after[0])
        if not (name_then_title or titled_after_name):
            continue
        kind = (EntityType.UNIVERSITY if word.endswith(("대학교", "대학"))
                else EntityType.COMPANY if word.endswith(("증권", "은행", "투자", "자산운용", "보험", "그룹"))
                else EntityType.ORGANIZATION)
        out.append(Found(reader.organization(word, kind=kind), Span(start, end, word)))
    return out


def _titled(word: str) -> bool:
    """A title, maybe with a particle after it ("연구원은")."""
    return bool(re.fullmatch(rf"(?:{'|'.join(TITLE_HEADS)})(?:은|는|이|가|도|의|과|와)?", word))


def find_people(reader: Reader, sentence: Sentence, found: list[Found]) -> tuple[list[str], set[int]]:
    """Recognise ``ORG NAME TITLE``, ``NAME ORG TITLE`` and ``NAME 총리``; record affiliations."""
    people: list[str] = []
    used: set[int] = set()
    persons = [f for f in found if reader.type_of(f.key) is EntityType.PERSON]
    for item in [*found, *_unknown_orgs(reader, sentence, found)]:
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
        if match.group(1):  # "영국 총리": the country's government, where the catalogue knows it
            org = reader.catalogue.countries.get(match.group(1))
        else:
            org = info.implies if info else None
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
