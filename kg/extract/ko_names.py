"""Names of people in Korean text: Korean names, transliterated foreign names, and the
English form an article gives beside them.

A Korean name is a surname and a given name in one word (하정우); a foreign name is two
or three transliterated words (에마뉘엘 마크롱), and a word like 전 (former) or a country
before a title is never part of it. "샘 올트먼(Sam Altman)" links the transliteration to
the English name, and from then on the last word alone (올트먼) is the same person.
"""

from __future__ import annotations

import re

from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import Entity, EntityType, Title

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


def is_name_word(sentence: Sentence, start: int, word: str) -> bool:
    """True when `word`, at `start`, may be a name or part of one: one to five Hangul
    syllables, not a common word, all of whose morphemes are nouns (or words Kiwi mistakes
    a name for)."""
    if not _HANGUL_WORD.fullmatch(word) or word in NOT_NAMES:
        return False
    return sentence.recall(
        (is_name_word, start - sentence.start, word),
        lambda: _tagged(sentence, start, word, ("NN", "IC", "XR", "MM", "MAG", "NR")),
    )


_HANGUL_WORD = re.compile(r"[가-힣]{1,5}")


def _tagged(sentence: Sentence, start: int, word: str, tags: tuple[str, ...]) -> bool:
    """True when the word at `start` has morphemes, each with one of `tags`."""
    found = [t.tag for t in sentence.tokens if t.start < start + len(word) and t.end > start]
    return bool(found) and all(t.startswith(tags) for t in found)


def korean_name(word: str) -> bool:
    """True for a word shaped like a Korean name (a surname and a one- or two-syllable given name)."""
    if len(word) == 3 and word[0] in SURNAMES and word not in NOT_NAMES:
        return True
    return len(word) == 4 and word[:2] in DOUBLE_SURNAMES


LIST_MARK = r"[▲△•·\-*■□○◇▶►]+"
"""Marks that open a list item and may stand glued to the name after them ("▲송재희")."""
MODIFIERS = frozenset({"전", "前", "현", "당시", "차기", "신임", "초대", "현직", "전직"})
"""Words before a title that describe the person's standing, not their name ("전 총리")."""
_GLOSS = re.compile(r"\s?\((?:[A-Z][\w.'’-]*\s?){1,4}\)$")


def name_before(
    reader: Reader, sentence: Sentence, end: int, *, single: bool = False
) -> str | None:
    """The person's name written right before `end`: a Korean name, or a foreign one of
    two words (with `single`, one proper noun will do: "밴스 미국 부통령"; initials are
    kept: "JD 밴스"), skipping a country word, a modifier such as 전 (former) and an
    English gloss in parentheses."""
    return sentence.recall(
        (_name_before, end - sentence.start, single),
        lambda: _name_before(reader, sentence, end, single),
    )


def _name_before(reader: Reader, sentence: Sentence, end: int, single: bool) -> str | None:
    left = _GLOSS.sub("", sentence.text[: end - sentence.start].rstrip())
    words = [
        (m.group(2), sentence.start + m.start(2))
        for m in re.finditer(rf"({LIST_MARK})?(\S+)", left)
    ]
    skip = (*reader.catalogue.countries, *MODIFIERS, "/", "|", "-", ":")
    while words and words[-1][0] in skip:
        words.pop()
    if not words:
        return None
    w1, s1 = words[-1]
    if not is_name_word(sentence, s1, w1):
        return None
    w2, s2 = words[-2] if len(words) >= 2 else ("", 0)
    pair = bool(w2) and is_name_word(sentence, s2, w2) and len(w1 + w2) <= 10
    foreign = pair and proper(sentence, s2, w2) and not korean_name(w2) and len(w2) >= 2
    if korean_name(w1) and not foreign:
        return w1
    if pair:
        return f"{w2} {w1}"
    if (
        single
        and len(w1) >= 2
        and proper(sentence, s1, w1)
        and w1 not in reader.catalogue.countries
    ):
        return f"{w2} {w1}" if re.fullmatch(r"[A-Z]{1,3}\.?", w2) else w1
    return None


def proper(sentence: Sentence, start: int, word: str) -> bool:
    """True when every morpheme of the word is a proper noun."""
    return sentence.recall(
        (proper, start - sentence.start, word), lambda: _tagged(sentence, start, word, ("NNP",))
    )


def former(sentence: Sentence, end: int) -> bool:
    """True when 전 (former) stands among the words just before `end`."""
    words = sentence.text[: end - sentence.start].split()[-3:]
    return any(w in ("전", "前", "전직") for w in words)


_GLOSSED = re.compile(
    r"([가-힣]{1,6}(?:\s[가-힣]{1,6}){1,2})\s?\(([A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3})\)"
)


def english_glosses(reader: Reader, sentence: Sentence) -> None:
    """Register "데미스 허사비스(Demis Hassabis)": the person keyed by the English name,
    found by the Korean one and by its last word from here on."""
    from kg.extract.reader import person_slug

    if "(" not in sentence.text:
        return  # the expression tries each Hangul word; most sentences have no gloss
    for match in sentence.matches(_GLOSSED):
        korean, english = match.group(1), match.group(2)
        words = korean.split()
        at = sentence.start + match.start(1)
        while words and (
            words[0] in reader.catalogue.countries
            or words[0] in MODIFIERS
            or (len(words) > 2 and not proper(sentence, at, words[0]))  # "세션에는 에마뉘엘 마크롱"
        ):
            at += len(words.pop(0)) + 1
        if len(words) < 2 or reader.catalogue.lookup(english):
            continue
        korean = " ".join(words)
        key = "person/" + person_slug(english)
        reader.entities.setdefault(
            key, Entity(key, EntityType.PERSON, name_ko=korean, name_en=english)
        )
        reader.discovered.setdefault(korean, key)
        surname(reader, korean, key)


def surname(reader: Reader, name: str, key: str) -> None:
    """Let the last word of a foreign name ("마크롱" of "에마뉘엘 마크롱") stand for the person."""
    words = name.split()
    last = words[-1] if len(words) >= 2 else ""
    known = last in NOT_NAMES or last in reader.catalogue.countries
    if len(last) >= 2 and re.fullmatch(r"[가-힣]+", last) and not known:
        reader.discovered.setdefault(last, key)


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
    "부통령",
    "부총리",
    "경영자",
    "창립자",
    "설립자",
    "총재",
    "공동대표",
    "차장",
    "정책관",
    "심의관",
    "담당관",
    "조정관",
    "협력관",
)
HEAD_OF_GOVERNMENT = ("국무총리", "총리", "대통령", "부통령", "부총리")
# titles that, after a country word, place a person in that country's government
GOVERNMENT_TITLES = r"[가-힣]{0,6}(?:장관|차관|대사|특사|국왕|수상)"
PARTICLE_AFTER = r"(?=[와과은는이가도의를에,\s]|$)"


def title_of(reader: Reader, written: str) -> Title:
    """A title as written, with its English form where the catalogue knows it."""
    info = reader.catalogue.title(written)
    return Title(written, "ko", info.english if info else None)
