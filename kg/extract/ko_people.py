"""Who is who in Korean news: names, titles and organizations from the text's own patterns.

Korean writes a person with a position as ``NAME ORG TITLE`` (하정우 네이버클라우드
AI이노베이션센터장), ``ORG NAME TITLE`` (카카오 정신아 대표) or ``NAME TITLE`` for heads of
government (한덕수 국무총리); names are Hangul words of a surname and a given name, or two
words for a foreign name, and titles end where Kiwi finds a particle or a separator.
"""

from __future__ import annotations

import re

from kg.extract.common import evidence
from kg.extract.ko_names import (
    DOUBLE_SURNAMES,
    LIST_MARK,
    NOT_NAMES,
    SURNAMES,
    TITLE_HEADS,
    is_name_word,
    korean_name,
    name_before,
    proper,
    surname,
    title_of,
)
from kg.extract.ko_officials import foreign_branch, officials, short_references
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence, Token
from kg.model import EntityType, Relation, Span, Title

__all__ = [
    "DOUBLE_SURNAMES",
    "NOT_NAMES",
    "SURNAMES",
    "TITLE_HEADS",
    "find_people",
    "korean_name",
    "short_references",
]

STOP_TAGS = ("J", "SP", "SF", "SS", "EC", "EF", "VV", "MA", "NNB", "SW", "VCP")


_PARENTHESES = re.compile(r"\s?\([A-Za-z][^()]{0,40}\)")


def _title_after(sentence: Sentence, start: int) -> str | None:
    """The title that follows `start`, up to the first particle or separator; an acronym
    or an English name in parentheses before it is skipped ("(WDCO) 사무총장")."""
    at = start - sentence.start
    return sentence.recall((_title_after, at), lambda: _read_title(sentence, start))


def _read_title(sentence: Sentence, start: int) -> str | None:
    skip = _PARENTHESES.match(sentence.text, start - sentence.start)
    start += skip.end() - skip.start() if skip else 0
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
    lead = re.match(r"(?:의)?\s+", rest)  # "오픈AI의 제이슨 권 최고전략책임자"
    gap = lead.end() if lead else 0
    known = next((p for p in people if p.span.start == item.span.end + gap and gap), None)
    if known is not None:
        title = _title_after(sentence, known.span.end)
        return (known.span.text, title) if title else None
    head = _HEAD_IN_PARENS.match(rest)  # "과학기술정보통신부(장관 이종호)"
    if head and korean_name(head.group(2)):
        return head.group(2), head.group(1)
    at = item.span.end - sentence.start
    pair = sentence.recall((_foreign_pair, at), lambda: _foreign_pair(sentence, item, rest))
    if pair is not None:
        return pair
    match = re.match(rf"(?:의)?\s+(?:{_DEPARTMENT.pattern}\s+)?([가-힣]{{3,4}})\s+", rest)
    start = item.span.end + (match.start(1) if match else 0)
    if (
        not match
        or not korean_name(match.group(1))
        or not is_name_word(sentence, start, match.group(1))
    ):
        return None
    title = _title_after(sentence, item.span.end + match.end())
    return (match.group(1), title) if title else None


_HEAD_IN_PARENS = re.compile(
    rf"^\(\s*((?:[가-힣]{{1,6}}\s)?[가-힣]{{0,6}}?(?:{'|'.join(TITLE_HEADS)}))\s+([가-힣]{{3,4}})\s*\)"
)
_FOREIGN_PAIR = re.compile(r"(?:의)?\s+([가-힣]{1,5})\s([가-힣]{2,5})\s+")
# words a company's name goes on with ("구글 클라우드 코리아"), never a person's
ORG_LOANWORDS = frozenset(
    "코리아 클라우드 랩스 테크 리서치 그룹 파트너스 재팬 인터내셔널 글로벌 코퍼레이션 홀딩스 솔루션"
    " 솔루션즈 벤처스 캐피털 디지털 시스템즈 네트웍스 모바일 커머스 페이 뱅크 헬스케어"
    " 엔터프라이즈 스튜디오 아시아 재단 연구소 센터".split()
)


def _foreign_pair(sentence: Sentence, item: Found, rest: str) -> tuple[str, str] | None:
    """``ORG NAME NAME TITLE`` with a foreign name of two proper nouns and no English
    gloss ("구글 딥마인드 엘런 파이크 정책담당 이사"); words that go on a company's name
    ("구글 클라우드 코리아 대표") are not a name."""
    match = _FOREIGN_PAIR.match(rest)
    if match is None:
        return None
    words = [(match.group(i), item.span.end + match.start(i)) for i in (1, 2)]
    if any(
        w in ORG_LOANWORDS or not is_name_word(sentence, at, w) or not proper(sentence, at, w)
        for w, at in words
    ) or korean_name(words[0][0]):
        return None
    title = _title_after(sentence, item.span.end + match.end())
    return (f"{words[0][0]} {words[1][0]}", title) if title else None


_ORG_WORD = re.compile(
    r"[가-힣A-Za-z0-9·]{2,16}(?:증권|은행|연구원|연구소|대학교|대학|재단|협회|센터|그룹|투자|자산운용|보험|학회|"
    r"위원회|기구|기관|연합|연맹|사무국|협의회|연구회|연합회|네트워크|포럼|연대|랩스|랩|파트너스|硏|"
    r"기술원|과학원|진흥원|테크)"
)
# words for an industry, not a company ("핀테크 김민 대표": a fintech's head, name unknown)
_SECTORS = frozenset("빅테크 핀테크 에듀테크 헬스테크 딥테크 푸드테크 프롭테크 하이테크".split())
# "캐나다 혁신과학경제개발부 차관": a ministry or agency, only right after its country
_MINISTRY = re.compile(r"[가-힣]{2,14}(?:부|처|청)")
_ACRONYM = re.compile(r"\([A-Z][A-Za-z0-9&]{1,9}\)$")
_GLOSS_GAP = re.compile(r"\s?(?:\([A-Za-z][^()]{0,40}\))?\s")
_COLLEGE = re.compile(
    r"[가-힣]{1,6}대"
)  # "동해대 교수": a university, only before an academic title
_ACADEMIC = ("교수", "총장", "학장", "부총장", "명예교수")
# "청람대 AI융합학과 윤재경 교수": a department between a university and its member
_DEPARTMENT = re.compile(r"[가-힣A-Za-z0-9·]{1,12}(?:학과|학부|전공|대학원)")


def _unknown_orgs(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """Organizations the catalogue does not know, where a name and a title stand next to
    them: ``한결투자증권 박지원 연구원``, ``김도현 한국AI정책연구원 연구위원``."""
    relative, candidates = sentence.recall(_words, lambda: _words(sentence.text))
    if not candidates:
        return []
    taken = [(f.span.start, f.span.end) for f in found]
    persons = [f for f in found if reader.type_of(f.key) is EntityType.PERSON]
    words = [(w, sentence.start + at) for w, at in relative]
    out: list[Found] = []
    for index in candidates:
        written, start = words[index]
        # "세계디지털협력기구(WDCO)", "아시아AI윤리재단의 리나 토마스": the name without
        # its acronym, or without 의 before a person
        word = _ACRONYM.sub("", written)
        owner = word.endswith("의") and any(p.span.start == start + len(word) + 1 for p in persons)
        # "스타트업 미르테크의 한소망 대표": 의, then a Korean name and a title
        next_two = [w for w, _ in words[index + 1 : index + 3]]
        owner = owner or (
            word.endswith("의")
            and len(next_two) == 2
            and korean_name(next_two[0])
            and is_name_word(sentence, words[index + 1][1], next_two[0])
            and _titled(next_two[1])
        )
        word = word[:-1] if owner else word
        end = start + len(word)
        after = [w for w, _ in words[index + 1 : index + 3]]
        department = bool(after) and bool(_DEPARTMENT.fullmatch(after[0]))
        if department:
            after = [w for w, _ in words[index + 2 : index + 4]]
        college = (
            bool(_COLLEGE.fullmatch(word))
            and bool(after)
            and (
                after[0].startswith(_ACADEMIC)
                or (department and len(after) == 2 and after[1].startswith(_ACADEMIC))
            )
        )
        ministry = (
            index > 0
            and words[index - 1][0] in reader.catalogue.countries
            and bool(_MINISTRY.fullmatch(word))
        )
        if (
            word in _SECTORS
            or not (_ORG_WORD.fullmatch(word) or college or ministry)
            or any(s < end and start < e for s, e in taken)
        ):
            continue
        # "영국 AI안전연구소": a country's body, named with its country
        first = index - 1 if index and words[index - 1][0] in reader.catalogue.countries else index
        # "송다빈 / 한국AI안전연구회 연구위원": a speaker label's slash stands between them
        back = first - 2 if first and words[first - 1][0] in ("/", "|") else first - 1
        before = words[back][0] if back >= 0 else ""
        name_then_title = len(after) == 2 and korean_name(after[0]) and _titled(after[1])
        titled_after_name = bool(after) and korean_name(before) and _titled(after[0])
        # "도린 보그단마틴 국제전기통신연합 사무총장": a foreign name of two proper nouns
        foreign = (
            first >= 2
            and bool(after)
            and _titled(after[0])
            and all(
                re.fullmatch(r"[가-힣]{1,6}", w) and proper(sentence, at, w)
                for w, at in words[first - 2 : first]
            )
        )
        # "마르타 린드(Marta Lind) 세계디지털협력기구 사무총장": a person found just before
        person_before = (
            bool(after)
            and _titled(after[0])
            and any(
                _GLOSS_GAP.fullmatch(
                    sentence.text[p.span.end - sentence.start : words[first][1] - sentence.start]
                )
                for p in persons
                if p.span.end <= words[first][1]
            )
        )
        # "▲ 한국AI신뢰협회 회장 유하린": the title, then the name
        title_then_name = (
            len(after) == 2
            and _titled(after[0])
            and korean_name(
                re.sub(r"(?:은|는|이|가|도|의)$", "", after[1].split("(")[0]).rstrip(",.")
            )
        )
        if not (
            name_then_title
            or titled_after_name
            or foreign
            or person_before
            or owner
            or title_then_name
        ):
            continue
        kind = (
            EntityType.UNIVERSITY
            if word.endswith(("대학교", "대학")) or college
            else EntityType.COMPANY
            if word.endswith(("증권", "은행", "투자", "자산운용", "보험", "그룹"))
            else EntityType.ORGANIZATION
        )
        if first < index:
            start, word = words[first][1], f"{words[first][0]} {word}"
        out.append(Found(reader.organization(word, kind=kind), Span(start, end, word)))
    return out


_WORD = re.compile(rf"({LIST_MARK})?(\S+)")
_MAYBE_ORG = re.compile(rf"(?:{_ORG_WORD.pattern}|{_COLLEGE.pattern}|{_MINISTRY.pattern})의?")


def _words(text: str) -> tuple[list[tuple[str, int]], list[int]]:
    """The words of a text (without a list mark glued before one) with their offsets, and
    which of them may name an organization, a university or a ministry, with or without 의
    after it (the others are never one)."""
    words = [(m.group(2), m.start(2)) for m in _WORD.finditer(text)]
    maybe = [i for i, (w, _) in enumerate(words) if _MAYBE_ORG.fullmatch(_ACRONYM.sub("", w))]
    return words, maybe


def _titled(word: str) -> bool:
    """A title, maybe with a field in parentheses and a particle after it ("연구원은",
    "교수(과학기술정책)는")."""
    return bool(_TITLED.fullmatch(_FIELD.sub("", word).rstrip(",.")))


_FIELD = re.compile(r"\([^()]*\)")
_TITLED = re.compile(rf"[가-힣]{{0,4}}?(?:{'|'.join(TITLE_HEADS)})(?:은|는|이|가|도|의|과|와)?")


def find_people(
    reader: Reader, sentence: Sentence, found: list[Found]
) -> tuple[list[str], set[int]]:
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
                name_before(reader, sentence, item.span.start),
                _title_after(sentence, item.span.end),
            )
            pair = (name, title) if name and title else _org_title_name(reader, sentence, item)
            if pair is None:
                continue
        if pair[1].endswith(("기자", "특파원")):
            continue
        person = reader.person(pair[0])
        surname(reader, pair[0], person)
        org = foreign_branch(reader, sentence, item)
        reader.add(
            Relation.AFFILIATED_WITH, person, org, evidence(sentence), title_of(reader, pair[1])
        )
        people.append(person)
        used.add(item.span.start)
    people += officials(reader, sentence)
    people += _appositive(reader, sentence, found)
    people += _fused(reader, sentence, found)
    people += _former(reader, sentence, found)
    people += _same_company(reader, sentence)
    return people, used


_SAME = re.compile(
    r"(?:^|\s)(?:같은|동)\s?(?:회사|기업|업체|기관|단체)\s+([가-힣]{2,4})\s+"
    rf"((?:[가-힣A-Za-z]+\s?){{0,2}}?(?:{'|'.join(TITLE_HEADS)}))(?=[\s(,.]|은|는|이|가|도|의)"
)


def _same_company(reader: Reader, sentence: Sentence) -> list[str]:
    """``같은 회사 NAME TITLE``: the person works where the person named last with a present
    post works ("A사 대표 B(전 C사 상무)는 … 같은 회사 D 최고재무책임자는")."""
    people: list[str] = []
    for match in sentence.matches(_SAME):
        name, written = match.group(1), match.group(2)
        at = sentence.start + match.start(1)
        if not korean_name(name) or not is_name_word(sentence, at, name):
            continue
        org = next(
            (
                key[2]
                for key in reversed(reader.facts)
                if key[0] is Relation.AFFILIATED_WITH
                and isinstance(key[2], str)
                and not reader.titles.get(key, Title("", "ko")).written.startswith("전 ")
                and reader.type_of(key[2]) is not EntityType.OUTLET
                and key[1] != reader.author
            ),
            None,
        )
        if org is None:
            continue
        person = reader.person(name)
        reader.add(
            Relation.AFFILIATED_WITH, person, org, evidence(sentence), title_of(reader, written)
        )
        people.append(person)
    return people


_FORMER = re.compile(r"(?<![가-힣])([가-힣]{2,4})\(전\s")


def _former(reader: Reader, sentence: Sentence, found: list[Found]) -> list[str]:
    """A former post in parentheses after a name ("남궁민(전 삼성전자 상무)은"): the person
    was affiliated with that organization, with the title marked 전 (former)."""
    people: list[str] = []
    for match in sentence.matches(_FORMER):
        name = match.group(1)
        at = sentence.start + match.start(1)
        org_at = sentence.start + match.end()
        org = next((f for f in found if f.span.start == org_at), None)
        if (
            org is None
            or not reader.type_of(org.key).is_organization
            or not korean_name(name)
            or not is_name_word(sentence, at, name)
        ):
            continue
        rest = sentence.text[org.span.end - sentence.start :]
        title = re.match(r"\s([가-힣A-Za-z]{1,12})\)", rest)
        if title is None or not _titled(title.group(1)):
            continue
        person = reader.person(name)
        reader.add(
            Relation.AFFILIATED_WITH,
            person,
            org.key,
            evidence(sentence),
            title_of(reader, "전 " + title.group(1)),
        )
        people.append(person)
    return people


_FUSED_HEADS = {
    "센터": "센터장",
    "연구소": "소장",
    "연구원": "원장",
    "기술원": "원장",
    "협회": "회장",
}
_FUSED = re.compile(
    r"(?<![가-힣])([가-힣]{2,4})\s+([가-힣A-Za-z0-9·]{2,16}?(센터|연구소|연구원|기술원|협회))장"
    r"(?=\(|\s|[,.]|(?:은|는|이|가|도|의|과|와)[\s,.])"
)


def _fused(reader: Reader, sentence: Sentence, found: list[Found]) -> list[str]:
    """``NAME ORG장`` with the title fused to the organization ("박민 한빛AI센터장(가운데)이"):
    the person heads that organization."""
    people: list[str] = []
    for match in sentence.matches(_FUSED):
        name, org = match.group(1), match.group(2)
        at = sentence.start + match.start(1)
        org_at = sentence.start + match.start(2)
        if not korean_name(name) or not is_name_word(sentence, at, name):
            continue
        if any(f.span.start < org_at + len(org) and org_at < f.span.end for f in found):
            continue  # a known organization or person: read by the other patterns
        if any(
            reader.type_of(f.key).is_organization
            and f.span.end <= at
            and not sentence.text[f.span.end - sentence.start : at - sentence.start].strip()
            for f in found
        ):
            continue  # "KT 배순민 책임AI센터장": ORG NAME TITLE, the centre is part of the title
        person = reader.person(name)
        key = reader.organization(org, kind=EntityType.ORGANIZATION)
        title = title_of(reader, _FUSED_HEADS[match.group(3)])
        reader.add(Relation.AFFILIATED_WITH, person, key, evidence(sentence), title)
        people.append(person)
    return people


_CLASSIFIER = r"(?:스타트업|벤처|기업|회사|업체|재단|단체|연구소|기관|법인|협회)"
_APPOSITIVE = re.compile(
    rf"(?:({_CLASSIFIER})\s+)?([가-힣A-Za-z0-9]{{2,16}})의\s+"
    rf"((?:[가-힣]{{1,6}}\s)?[가-힣]{{0,6}}?(?:{'|'.join(TITLE_HEADS)}))인\s+([가-힣]{{3,4}})"
    r"(?=\s|은\s|는\s|이\s|가\s|도\s)"
)


def _appositive(reader: Reader, sentence: Sentence, found: list[Found]) -> list[str]:
    """``ORG의 TITLE인 NAME`` ("스타트업 하늘코드의 창립자인 문지호 대표"): the person holds
    the title at the organization, when the organization is known, a proper noun or
    introduced by what it is (스타트업, 재단, …)."""
    people: list[str] = []
    for match in sentence.matches(_APPOSITIVE):
        org, title, name = match.group(2), match.group(3), match.group(4)
        at = sentence.start + match.start(4)
        if (
            not korean_name(name)
            or not is_name_word(sentence, at, name)
            or org in NOT_NAMES
            or korean_name(org)  # "김민수의 보좌관인 …": a person's, not an organization's
        ):
            continue
        org_at = sentence.start + match.start(2)
        known = next((f.key for f in found if f.span.start == org_at), None)
        if known is not None and not reader.type_of(known).is_organization:
            continue
        if known is None and not (match.group(1) or proper(sentence, org_at, org)):
            continue
        key = known or reader.organization(org)
        person = reader.person(name)
        reader.add(
            Relation.AFFILIATED_WITH, person, key, evidence(sentence), title_of(reader, title)
        )
        people.append(person)
    return people


_AFTER_TITLE = re.compile(
    rf"^\s*((?:[가-힣A-Za-z]+\s?){{0,3}}?(?:{'|'.join(TITLE_HEADS)}))(?:\([A-Za-z]+\))?\s+"
    r"([가-힣]{1,6}?(?:\s[가-힣]{2,6}?)?)(?:은|는|이|가|도|의|와|과)?(?=[\s,.]|\(전\s|$)"
)


def _org_title_name(reader: Reader, sentence: Sentence, item: Found) -> tuple[str, str] | None:
    """``ORG TITLE NAME`` ("오픈AI 최고경영자 샘 올트먼은"): a Korean name, or a foreign one of
    proper nouns, right after a title that follows the organization."""
    rest = sentence.text[item.span.end - sentence.start :]
    match = _AFTER_TITLE.match(rest)
    if match is None:
        return None
    name = match.group(2)
    start = item.span.end + match.start(2)
    words = name.split()
    if len(words) == 2 and _titled(words[1]):  # "KT 책임감있는AI센터장 배순민 상무는"
        name, words = words[0], words[:1]
    if len(words) == 1 and not (korean_name(name) and is_name_word(sentence, start, name)):
        return None
    if len(words) == 2 and not all(proper(sentence, start + name.index(w), w) for w in words):
        return None
    return name, match.group(1).strip()
