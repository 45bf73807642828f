"""Steps both languages share: evidence spans, quotes, picking the event or pledge meant."""

from __future__ import annotations

import re

from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span

_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·△▲○□◇■▶►]|\d{1,2}[.)])\s*")
_LIST_INTRO = re.compile(
    r"(?:[:：]\s*$|다음과\s*같다\.?\s*$|다음과\s*같습니다\.?\s*$|as follows\.?\s*$"
    # a heading that names the signatories ("참여 기업(14개사, 가나다순)", "Signatories")
    r"|(?:(?:참여|서명|동참)\s*(?:기업|회사|기관|사)|signatories|signing companies|participating companies)"
    r"(?:\s*명단)?\s*(?:\([^()]*\))?\s*$)",
    re.IGNORECASE,
)


def evidence(sentence: Sentence) -> Span:
    """The whole sentence as an evidence span."""
    return Span(sentence.start, sentence.end, sentence.text)


def blank_quotes(sentence: Sentence, quotes: list[Span]) -> str:
    """The sentence with quoted words blanked out (same length, so offsets still hold)."""
    text = sentence.text
    for quote in reversed(quotes):
        a, b = quote.start - sentence.start, quote.end - sentence.start
        text = text[:a] + " " * (b - a) + text[b:]
    return text


_OPENING = re.compile(r"opening\s+(?:address|speech|remarks)|개회사|개막\s?연설", re.IGNORECASE)


def pick_event(reader: Reader, events: list[Found], sentence: Sentence) -> str | None:
    """The event a sentence is about: a session named in it, else any event named in it,
    else the last event named in this or the previous paragraph. An opening address
    (개회사) given at an event is given at its opening ceremony, where it has one."""
    event = None
    if events:
        sessions = [e for e in events if reader.entity(e.key).session]
        event = (sessions or events)[0].key
    elif reader.last_event and reader.last_event[1] >= sentence.paragraph - 1:
        event = reader.last_event[0]
    if event is not None and not reader.entity(event).session and _OPENING.search(sentence.text):
        return _opening_of(reader, event) or event
    return event


def _opening_of(reader: Reader, event: str) -> str | None:
    for key, entity in reader.catalogue.entities.items():
        if entity.super_event == event and entity.session and "opening" in (entity.name_en or ""):
            return key
    return None


def nearest(candidates: list[Found], span: Span) -> str:
    """The candidate named closest to `span`."""
    return min(candidates, key=lambda c: abs(c.span.start - span.start)).key


def is_list_item(sentence: Sentence) -> bool:
    """True for a line of a bulleted or numbered list."""
    return bool(_LIST_ITEM.match(sentence.text))


def is_list_intro(text: str) -> bool:
    """True for a sentence that announces a list ("The signatories are:", "…다음과 같다.")."""
    return bool(_LIST_INTRO.search(text))


def context_pledge(reader: Reader, sentence: Sentence) -> str | None:
    """The pledge named last in this or the previous paragraph; before any pledge is named,
    the only pledge the article names at all (a lede often names it a sentence later);
    further on, the pledge named so far if there is only one."""
    if reader.last_pledge and reader.last_pledge[1] >= sentence.paragraph - 1:
        return reader.last_pledge[0]
    if reader.last_pledge is None:
        return reader.sole_pledge
    named = reader.seen(EntityType.PLEDGE)
    return named[0] if len(named) == 1 else None  # the only pledge named so far


def record_signatures(
    reader: Reader,
    sentence: Sentence,
    signers: list[Found],
    pledges: list[Found],
    counts: list[tuple[int, Span]],
    both: list[Span] | None = None,
) -> None:
    """Record who signed which pledge: each signer goes with the pledge named nearest to it.

    A signer named next to "both pledges" (두 약속, both pledges) signed every pledge
    the article has named so far.
    """
    fallback = context_pledge(reader, sentence)
    if not pledges and fallback is None:
        return
    every = list(reader.seen(EntityType.PLEDGE))
    span = evidence(sentence)
    for item in signers:
        if both and any(abs(b.start - item.span.end) < 25 for b in both) and len(every) > 1:
            targets = every
        else:
            targets = [nearest(pledges, item.span) if pledges else fallback]  # type: ignore[list-item]
        for pledge in targets:
            reader.add(Relation.SIGNED, item.key, pledge, span)
    for count, where in counts:
        stated = nearest(pledges, where) if pledges else fallback
        if stated is not None:
            reader.add(Relation.STATED_SIGNATORY_COUNT, stated, count, span)


def signer_kinds(reader: Reader, key: str) -> bool:
    """True for organizations that can sign a pledge (not governments, outlets, universities)."""
    kind = reader.type_of(key)
    return kind.is_organization and kind not in (
        EntityType.GOVERNMENT,
        EntityType.OUTLET,
        EntityType.UNIVERSITY,
    )
