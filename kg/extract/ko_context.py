"""Document context for the Korean rules: what a sentence means by where it stands.

A verbless fragment continues the signing before it ("또한 메타와 아마존도."); a list
closed by a count ("… 이렇게 여섯 곳이다") names the signatories the text was counting;
a question heading ("어떤 기업이 참여했나?") is answered by the list under it; "이 자리에서"
refers back to the event named last; a roster under a "주요 참석자:" label lists people
who attended the event named above it; a caption's roll call ("왼쪽부터 A, B 관계자") names
who is doing what the caption before it says.
"""

from __future__ import annotations

import re

from kg.extract.common import is_list_item
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import Relation

_VERBS = ("VV", "XSV", "VX")
_CONTINUES = re.compile(
    r"^\s*(?:또한|또|아울러|이\s?밖에|이밖에|그\s?밖에|그밖에|여기에|이와\s?함께|이\s?외에|이외에)\s"
)
_NUMBER = r"(?:\d{1,2}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두|열세|열네|열다섯|열여섯|열일곱|열여덟)"
_CLOSED = re.compile(
    rf"(?:이렇게|모두|총|등)\s*{_NUMBER}\s*(?:곳|개\s?사|개\s?기업|개\s?회사|개)\s*(?:이다|입니다|이었다|였다|이며|으로|이고요|이고|이에요|예요|이죠)?\s*[.]?\s*$"
)
# "코히어·어도비 등 해외 8개사, 네이버 등 국내 6개사다": the signatories, by parts
_PARTS = re.compile(
    rf"등\s*(?:국내|해외|국외|외국|미국|중국|유럽|중동|아시아)\s*(?:기업\s*)?{_NUMBER}\s*(?:곳|개\s?사|개\s?기업)"
)
_REFERS_BACK = re.compile(
    r"이\s?자리에(?:서|선|는\s|도\s)|이날\s?행사에서|이번\s?행사에서|같은\s?(?:자리|세션|행사|회의)에서|행사\s?현장에서"
    r"|(?:이날|이번|해당)\s?(?:세션|행사|회의|포럼|라운드\s?테이블)(?:에는|에서는|에서|에)\s"
)
# a heading that asks without a question mark ("■ 어떤 기업이 참여했나"): a question word
# and an interrogative ending
_ASKING = re.compile(r"(?:어떤|어느|몇)\s?(?:기업|회사|업체|곳|개\s?사)|(?:^|\s)(?:누가|누구|어디)")
_ASKS_END = re.compile(r"(?:나|까|니|는가|나요|까요|을까|는지|어디|누구)\s*$")
_ROSTER = re.compile(
    r"(?:주요\s?)?참석자(?:\s?명단)?\s*(?:\([^()]*\))?\s*[:：]?\s*$|^\s*(?:주요\s?)?참석자\s*[:：]"
)
_NOT_YET_ROSTER = re.compile(r"예정|참석\s?예정자|초청")
# a paragraph that ends as a sentence ("… 제안하였다."): the roster above it has ended
_STATEMENT = re.compile(r"(?:다|요|죠)[.!]?[\"'”’]?\s*$")


def verbless(sentence: Sentence) -> bool:
    """True when the sentence has no verb of its own (a fragment, a list, a copula)."""
    return sentence.recall(
        verbless, lambda: not any(t.tag.startswith(_VERBS) for t in sentence.tokens)
    )


def list_line(sentence: Sentence) -> bool:
    """A verbless line of names separated by commas ("구글, 오픈AI, 메타")."""
    return verbless(sentence) and ("," in sentence.text or "·" in sentence.text)


def last_signing(reader: Reader, sentence: Sentence) -> str | None:
    """The pledge of the signing (or count of signatories) recorded last, if in this or
    the previous paragraph."""
    body = reader.article.body
    floor = body[max(0, sentence.paragraph - 1)].start if body else 0
    for key in reversed(reader.facts):
        if key[0] in (Relation.SIGNED, Relation.STATED_SIGNATORY_COUNT):
            spans = reader.facts[key]
            pledge = key[2] if key[0] is Relation.SIGNED else key[1]
            return str(pledge) if spans and floor <= spans[-1].start < sentence.start else None
    return None


def carried_pledge(reader: Reader, sentence: Sentence) -> str | None:
    """The pledge a verbless sentence goes on signing: "또한 A와 B도." after a signing, a
    list closed by a count ("A, B, C 이렇게 세 곳이다") or counted by parts ("A·B 등 해외
    8개사") after one."""
    if not verbless(sentence):
        return _joins_previous(reader, sentence)
    text = sentence.text.rstrip()
    continued = bool(_CONTINUES.match(text)) and bool(re.search(r"도\s*[.]?$", text))
    if not (continued or _CLOSED.search(text) or _PARTS.search(text)):
        return None
    return last_signing(reader, sentence)


def _joins_previous(reader: Reader, sentence: Sentence) -> str | None:
    """ "해외 8곳이 뜻을 같이했다", "여기에 A와 B가 더해졌다": a verb that joins the
    signatories of the signing just before (its pledge), unless negated."""
    from kg.extract.ko_frames import lexicon

    signed = lexicon()
    if not signed.cue("signed", "joins_previous").search(sentence.text):
        return None
    if signed.cue("signed", "negations").search(sentence.text):
        return None
    pledge = last_signing(reader, sentence)
    if pledge is not None:
        _drop_part_count(reader, sentence, pledge)
    return pledge


def _drop_part_count(reader: Reader, sentence: Sentence, pledge: str) -> None:
    """ "… 등 9곳이다. 여기에 A와 B가 더해졌다": more signatories join the list just
    counted, so its count was of a part. It is dropped when the article states another
    count for the pledge (the total), never when it is the only one."""
    body = reader.article.body
    floor = body[sentence.paragraph].start if 0 <= sentence.paragraph < len(body) else 0
    counts = [
        key
        for key in reader.facts
        if key[0] is Relation.STATED_SIGNATORY_COUNT and key[1] == pledge
    ]
    for key in counts:
        spans = reader.facts[key]
        others = {other[2] for other in counts if other[2] != key[2]}
        if others and spans and all(floor <= s.start < sentence.start for s in spans):
            del reader.facts[key]
            counts = [c for c in counts if c != key]


def question_heading(reader: Reader, sentence: Sentence, cue: re.Pattern[str]) -> bool:
    """A paragraph that is one question about signing ("어떤 기업이 참여했나?"), answered
    by the list under it."""
    body = reader.article.body
    paragraph = body[sentence.paragraph].text.strip() if 0 <= sentence.paragraph < len(body) else ""
    text = sentence.text.strip()
    asks = text.endswith("?") or bool(_ASKING.search(text) and _ASKS_END.search(text))
    return asks and paragraph == text and len(text) <= 40 and bool(cue.search(text))


def refers_back(reader: Reader, text: str) -> str | None:
    """The event "이 자리에서" (at this occasion) refers to: the event named last."""
    if reader.last_event is not None and _REFERS_BACK.search(text):
        return reader.last_event[0]
    return None


def roster_event(reader: Reader, sentence: Sentence) -> str | None:
    """The event a roster item attended: a list item under a label such as "주요 참석자:"
    (the items between them all list items), with the event named above the label."""
    if not is_list_item(sentence) or not verbless(sentence) or reader.last_event is None:
        return None  # "□ 이 장관은 … 말했다": a paragraph of a release, not a roster's name
    body = reader.article.body
    index = sentence.paragraph - 1
    while (
        index >= 0
        and is_list_item(_as_sentence(body[index].text))
        and not _STATEMENT.search(body[index].text)
    ):
        index -= 1
    if index < 0:
        return None
    label = body[index].text.strip()
    if len(label) > 40 or not _ROSTER.search(label) or _NOT_YET_ROSTER.search(label):
        return None
    return reader.last_event[0]


# a photo caption's roll call ("왼쪽부터 A, B, C 관계자", "앞줄 왼쪽부터 …")
_ROLL = re.compile(
    r"^\s*(?:(?:앞|뒷|가운데|첫|둘째|셋째)\s?줄\s?)?(?:왼쪽|오른쪽|좌측|우측)(?:에서)?\s?부터\s"
)


def roll_call(reader: Reader, sentence: Sentence) -> str | None:
    """For a caption's roll call, the text of the caption before it in the same paragraph
    (what the people or companies in the picture are doing); None for any other sentence."""
    body = reader.article.body
    if not _ROLL.match(sentence.text) or not 0 <= sentence.paragraph < len(body):
        return None
    before = reader.article.text[body[sentence.paragraph].start : sentence.start].strip()
    return before or None


def _as_sentence(text: str) -> Sentence:
    return Sentence(0, len(text), text, (), 0)
