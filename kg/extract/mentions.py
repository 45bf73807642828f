"""Find the catalogue's names in a sentence, and resolve short names from context.

A name counts only where it stands as a word of its own: in Korean it must end where
a morpheme ends and a particle or the end of the word follows (삼성전자부터 is
삼성전자 + 부터, but 메타버스 is not 메타), so particles never stick to a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.catalogue import Catalogue, normalize_name
from kg.extract.text import Sentence
from kg.model import EntityType, Span

# tags Kiwi gives to what may follow a name: particles, suffixes, copula, endings
_FOLLOWERS = ("J", "XSN", "VCP", "E", "SP", "SF", "SS", "SW", "SO", "SN", "SL")


@dataclass(frozen=True)
class Found:
    """A name found in a sentence: the entity it refers to and where it stands."""

    key: str
    span: Span
    short: bool = False


@dataclass
class Context:
    """What the article has mentioned so far, for resolving short names."""

    order: dict[str, int] = field(default_factory=dict)
    clock: int = 0

    def saw(self, key: str) -> None:
        """Record that an entity was just mentioned."""
        self.clock += 1
        self.order[key] = self.clock

    def last(self, keys: tuple[str, ...] | list[str]) -> str | None:
        """The most recently mentioned of `keys`, or None if none was mentioned."""
        seen = [k for k in keys if k in self.order]
        return max(seen, key=self.order.__getitem__) if seen else None


def _right_ok(sentence: Sentence, end: int, korean: bool) -> bool:
    rel = end - sentence.start
    if rel >= len(sentence.text) or not sentence.text[rel].isalnum():
        return True
    if not korean:
        return False
    for index, token in enumerate(sentence.tokens):
        if token.start >= end:
            prev = sentence.tokens[index - 1] if index else None
            return bool(prev and prev.end == end and token.tag.startswith(_FOLLOWERS))
    return False


def _left_ok(sentence: Sentence, start: int) -> bool:
    rel = start - sentence.start
    return rel == 0 or not sentence.text[rel - 1].isalnum()


def find_names(sentence: Sentence, catalogue: Catalogue, context: Context) -> list[Found]:
    """Every catalogue name standing as a word in the sentence, short names resolved.

    A short name (포럼, 서약, "the summit") refers to the most recently mentioned entity
    that goes by it, or to a sub-event whose parent was mentioned; otherwise it is dropped.
    """
    spots = sentence.recall(_spots, lambda: _spots(sentence, catalogue))
    found: list[Found] = []
    for first, last, folded in spots:
        span = Span(sentence.start + first, sentence.start + last, sentence.text[first:last])
        key = catalogue.by_name.get(folded)
        if key is not None:
            found.append(Found(key, span))
            continue
        candidates = catalogue.by_short.get(folded, ())
        resolved = context.last(candidates) or _by_parent(candidates, catalogue, context)
        if resolved is not None:
            found.append(Found(resolved, span, short=True))
    return found


def _spots(sentence: Sentence, catalogue: Catalogue) -> list[tuple[int, int, str]]:
    """Where catalogue names stand as words in the sentence, as offsets into its text,
    each with the name folded for lookup."""
    korean = any(t.tag.startswith("N") for t in sentence.tokens)
    spots: list[tuple[int, int, str]] = []
    for first, last in catalogue.scan(sentence.text):
        start, end = sentence.start + first, sentence.start + last
        if _left_ok(sentence, start) and _right_ok(sentence, end, korean):
            spots.append((first, last, normalize_name(sentence.text[first:last])))
    return spots


def _by_parent(candidates: tuple[str, ...], catalogue: Catalogue, context: Context) -> str | None:
    """A sub-event of an event already named, or of the event a named session belongs to
    ("the opening ceremony" after "the expert session"), or the event that one already
    named is part of."""
    named_parents = {
        catalogue.entities[k].super_event for k in context.order if k in catalogue.entities
    }
    for key in candidates:
        parent = catalogue.entities[key].super_event
        if (parent is not None and (parent in context.order or parent in named_parents)) or (
            key in named_parents
        ):
            return key
    return None


_QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")


def quoted_spans(sentence: Sentence) -> list[Span]:
    """The spans inside double quotes (the quoted words, without the marks).

    A quote that is only a name (`the "Seoul AI Business Pledge"`, a known name or a
    pledge's) is not quoted speech: it is left out, so the name counts as a mention.
    """
    quoted = sentence.recall(quoted_spans, lambda: _quoted(sentence.text))
    return [
        Span(sentence.start + at, sentence.start + at + len(words), words) for at, words in quoted
    ]


def _quoted(text: str) -> list[tuple[int, str]]:
    spans = []
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        words = match.group(group)
        if not _is_name(words):
            spans.append((match.start(group), words))
    return spans


def _is_name(words: str) -> bool:
    from kg.catalogue import load_catalogue

    plain = words.strip(" ,.")
    return load_catalogue().lookup(plain) is not None or bool(_QUOTED_HEAD.fullmatch(plain))


# Pledges, declarations and events the catalogue lacks, named in the text: "the Hanbit
# Robotics Pledge", "the Global AI Ethics Forum" (capitalised words after "the", ending in a
# pledge's or an event's word), '한빛로보틱스 윤리 서약', "Responsible Robotics Charter" (a
# quoted name ending in one).
PLEDGE_HEADS_EN = ("Pledge", "Commitments", "Declaration", "Accord", "Charter")
PLEDGE_HEADS_KO = ("서약", "선언", "약속", "협약", "헌장")
EVENT_HEADS_EN = ("Summit", "Forum", "Conference", "Roundtable", "Symposium", "Dialogue", "Expo")
EVENT_HEADS_KO = ("포럼", "정상회의", "서밋", "콘퍼런스", "컨퍼런스", "심포지엄", "박람회")
_HEADS_EN = "|".join((*PLEDGE_HEADS_EN, *EVENT_HEADS_EN))
_HEADS_KO = "|".join((*PLEDGE_HEADS_KO, *EVENT_HEADS_KO))
_LINK = r"(?:of|for|on|and|to|in|the|&)"
_CAP = r"[A-Z0-9][\w&'’.\-]*"
_EN_NAMED = re.compile(
    rf"\b[Tt]he\s+(?P<name>(?:{_CAP}\s+(?:{_LINK}\s+){{0,2}}){{1,6}}(?:{_HEADS_EN}))\b"
)
_QUOTED_HEAD = re.compile(
    rf"[A-Z0-9가-힣][^\"“”'‘’「」『』\n]{{1,60}}?"
    rf"(?:\s(?i:{_HEADS_EN}|compact|promise)|\s?(?:{_HEADS_KO}))"
)
_QUOTED_NAME = re.compile(rf"['‘\"“「『](?P<name>{_QUOTED_HEAD.pattern})['’\"”」』]")
_NOT_FIRST = set(
    "A An This That These Its Their Under After Before Both New Signing Signed While With By In"
    " On At For And But Of To As The Our Your His Her Same Whole Full Last Next".split()
)
_EVENT_END = re.compile(rf"(?i:{'|'.join(EVENT_HEADS_EN)})$|(?:{'|'.join(EVENT_HEADS_KO)})$")


@dataclass(frozen=True)
class Named:
    """A pledge, declaration or event named in a text, as found there."""

    start: int
    end: int
    name: str
    kind: EntityType


def named_things(text: str) -> list[Named]:
    """Names of pledges, declarations and events in `text` that read as names (see the
    patterns above), in text order; whether the catalogue knows them is the caller's
    question."""
    found: list[Named] = []
    for pattern in (_EN_NAMED, _QUOTED_NAME):
        for match in pattern.finditer(text):
            start, name = match.start("name"), match.group("name").strip()
            words = name.split()
            while len(words) > 1 and words[0] in _NOT_FIRST:
                start = text.index(words[1], start + len(words[0]))
                words.pop(0)
            if not 2 <= len(words) <= 7:
                continue
            name = text[start : match.end("name")].strip()
            if any(n.start <= start < n.end for n in found):
                continue
            if _EVENT_END.search(name):
                kind = EntityType.EVENT
            elif name.lower().endswith(("declaration", "선언")):
                kind = EntityType.DECLARATION
            else:
                kind = EntityType.PLEDGE
            found.append(Named(start, start + len(name), name, kind))
    return sorted(found, key=lambda n: n.start)


def inside(span: Span, spans: list[Span]) -> bool:
    """True when `span` lies within one of `spans`."""
    return any(s.start <= span.start and span.end <= s.end for s in spans)
