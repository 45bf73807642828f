"""Rules for English news sentences: who signed, attended, and said what.

People and their titles are found by `kg.extract.en_people`; this module reads what the
sentence says they and the organizations did.
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
from kg.extract.en_people import NOT_NAME_WORDS, SUFFIX, find_people, find_surnames
from kg.extract.mentions import Found, inside, quoted_spans
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Quotation, Relation, Span

ATTEND = re.compile(
    r"\b(?:attend(?:ed|ing|s)?|spoke|speaking|speaks|addressed|address(?:es)?|remarks|speech|keynote|"
    r"co-?chair(?:ed|s)?|chaired|moderat(?:ed|es|ing)|hosted|took\s+part|take\s+part|participat(?:ed|ing)|"
    r"participants|present|podium|opens|opened|panel|panelist|told\s+the|met\s+(?:foreign|delegates)|"
    r"joined\s+(?:from|the\s+(?:forum|summit|session|roundtable|ceremony))|video|welcome|was\s+there|"
    r"first\s+up|followed\s+by|took\s+the\s+stage|on\s+stage|present(?:ed|ing)|talk|lecture|"
    r"sat\s+on|came\s+to|in\s+attendance|delegates?|visited|said\s+at|told\s+(?:reporters|delegates)\s+at|sat\s+in|drew|attracted|joined\s+by|in\s+the\s+room|"
    r"joined\s+(?:\w+['’]s\s+|the\s+)(?:[\w'’-]+\s+){0,3}(?:forum|summit|session|roundtable|ceremony|meeting))\b|"
    r"^\s*(?:at|in|during|on\s+the\s+sidelines\s+of)\s+the\b",
    re.IGNORECASE,
)
NOT_YET = re.compile(
    r"\b(?:will|would|expected\s+to|scheduled\s+to|due\s+to|plans?\s+to|planning\s+to|set\s+to|is\s+to|"
    r"whether\s+to|weigh(?:ed|ing)?|consider(?:ed|ing)?|"
    r"are\s+to|not|n't|never|declined\s+to|refused\s+to|yet\s+to|invited\s+to|hopes?\s+to)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
SIGN = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|signatures?|signator(?:y|ies)|join(?:ed|s)?|endorsed?|committed|commit|among\s+(?:them|its)|"
    r"pledged|made\s+(?:the\s+)?(?:voluntary\s+)?commitments?|"
    r"on\s+the\s+list|includ(?:e|es|ed|ing)|listed|put\s+(?:their|its)\s+names?|agreed|backed\s+the|"
    r"adopted|made\s+the\s+commitments?|are\s*:|among\s+the\s+(?:\d{1,3}|[a-z]+teen)|"
    r"bears?\s+the\s+names?|complete\s+the\s+list|the\s+list\s+(?:had|has|featured|features)|"
    r"(?:was|were|is|are)\s+on\s+(?:that|this)\s+(?:one|list))\b",
    re.IGNORECASE,
)
# "14 companies announced the pledge": a signing only when the clause names the pledge.
SIGN_WITH_PLEDGE = re.compile(
    r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s|ing)|launch(?:ed|es)|(?:companies|firms)\s+behind|"
    r"list\s+of\s+(?:the\s+)?(?:\d{1,3}\s+|[a-z]+teen\s+)?(?:companies|firms|signatories))\b",
    re.IGNORECASE,
)
NOT_SIGNED = re.compile(
    r"\b(?:not\s+among|none\s+of|neither|outside\s+the|correction|wrongly|incorrectly|mistakenly|"
    r"erroneously|earlier\s+(?:post|report|story|version)\s+said)\b",
    re.IGNORECASE,
)
ROLE_BEFORE = re.compile(
    r"\b(?:backed\s+by|backers?|investors?|invested\s+in|funded\s+by|owned\s+by|partners?(?:\s+with)?|"
    r"customers?|clients?|lenders?|suppliers?|rivals?|competitors?|such\s+as|counts|sells|unit\s+of|"
    r"subsidiary\s+of|parent|acquired|products?|chips?|holding\s+company|(?:think\s+tank|arm|affiliate|"
    r"division)\s+of)\b[^.;]*$",
    re.IGNORECASE,
)
ROLE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:investors?|backers?|chips?|products?|models?|platform|cloud|parent|owner|"
    r"unit|subsidiary|arm|lab|"
    r"chatbot|itself\s+did\s+not)\b",
    re.IGNORECASE,
)
SUBCLAUSE = re.compile(
    r",\s*(?:which|whose|who|(?:neither|none|both|all|one|each)\s+of\s+(?:which|whom))\b[^,]*(?:,|$)"
)
CLAUSES = re.compile(
    r",?\s+(?:although|though|while|whereas|but)\s+|;\s+|,\s+and\s+(?=none|not|neither)"
)
NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
COUNT = re.compile(
    r"\b(\d{1,3}|" + "|".join(NUMBERS) + r")\s+(?:[A-Za-z\-]+\s+){0,3}?"
    r"(?:companies|firms|businesses|organi[sz]ations|developers|signatories|signatures|tech\s+companies|"
    r"makers)\b",
    re.IGNORECASE,
)
# "eight international companies", "six of the Korean firms": a part of the signatories.
SUBSET = re.compile(
    r"\b(?:international|foreign|overseas|domestic|local|korean|american|u\.?s\.?|chinese|european|"
    r"british|japanese|other|more|additional|further|new|of\s+the|of\s+them)\b",
    re.IGNORECASE,
)
SPEECH = re.compile(
    r"\b(?:said|says|say|told|added|noted|stressed|wrote|argued|warned|according\s+to)\b"
)
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d)\b")
PRONOUN = re.compile(r"\b(?:he|she)\s+(?:said|says|added|told|noted|wrote)\b", re.IGNORECASE)


def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Apply every English rule to one sentence."""
    quotes = quoted_spans(sentence)
    text = blank_quotes(sentence, quotes)
    found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    find_people(reader, sentence, found, text)
    found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    found += find_surnames(reader, sentence, found, text)
    found.sort(key=lambda f: f.span.start)
    reader.note(found)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = pick_event(reader, events, sentence)
    persons = list(
        dict.fromkeys(f.key for f in found if reader.type_of(f.key) is EntityType.PERSON)
    )
    if persons and event:
        _attendance(reader, sentence, found, persons, event, text)
    elif event and FIRST_PERSON.search(text) and not text.rstrip().endswith("?"):
        speaker = reader.speakers.get(sentence.paragraph)  # "I sat on the expert session."
        if speaker is not None and _happened(text, ATTEND, NOT_YET):
            reader.attend(reader.person(speaker), event, evidence(sentence))
    _signing(reader, sentence, found, text)
    _declaration(reader, found, event, sentence, text)
    _quotes(reader, sentence, found, quotes, event, text)
    reader.remember(found, sentence.paragraph)


def _happened(text: str, pattern: re.Pattern[str], negation: re.Pattern[str]) -> bool:
    """True when some cue of `pattern` is not put in the future or negated just before it."""
    return any(
        not negation.search(text[max(0, m.start() - 60) : m.start()])
        for m in pattern.finditer(text)
    )


def _attendance(
    reader: Reader,
    sentence: Sentence,
    found: list[Found],
    persons: list[str],
    event: str,
    text: str,
) -> None:
    """People placed at the event: by the main clause, or by their own "who attended …" clause."""
    main = text
    for clause in SUBCLAUSE.finditer(text):
        main = main[: clause.start()] + " " * (clause.end() - clause.start()) + main[clause.end() :]
        if not _happened(clause.group(0), ATTEND, NOT_YET):
            continue
        before = [
            f
            for f in found
            if f.span.end <= sentence.start + clause.start()
            and reader.type_of(f.key) is EntityType.PERSON
        ]
        if before:
            reader.attend(before[-1].key, event, evidence(sentence))
    if _happened(main, ATTEND, NOT_YET):
        for person in persons:
            if person != reader.author:
                reader.attend(person, event, evidence(sentence))


def _signing(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> None:
    listed = is_list_item(sentence) and reader.list_pledge is not None
    if is_list_intro(text):
        pledge = next((f.key for f in found if reader.type_of(f.key) is EntityType.PLEDGE), None)
        pledge = pledge or context_pledge(reader, sentence)
        reader.list_pledge = (pledge, sentence.paragraph) if pledge and SIGN.search(text) else None
        return
    if listed:
        reader.last_pledge = (reader.list_pledge[0], sentence.paragraph)  # type: ignore[index]
        items = [f for f in found if signer_kinds(reader, f.key)]
        unknown = _list_org(reader, sentence) if not items else None
        record_signatures(reader, sentence, [*items, *([unknown] if unknown else [])], [], [])
        return
    reader.list_pledge = None
    if sentence.text.rstrip().endswith("?"):
        return  # a question asserts nothing ("Is Google DeepMind on the list?")
    employers = {obj for (rel, _, obj), spans in reader.facts.items()
                 if rel is Relation.AFFILIATED_WITH and evidence(sentence) in spans}
    excluded = [(m.start(), m.end()) for m in SUBCLAUSE.finditer(text)]
    offset = 0
    for clause in CLAUSES.split(text):
        begin = text.find(clause, offset)
        offset = begin + len(clause)
        lo, hi = sentence.start + begin, sentence.start + offset
        inside_clause = [f for f in found if lo <= f.span.start < hi]
        pledges = [f for f in inside_clause if reader.type_of(f.key) is EntityType.PLEDGE]
        cue = _happened(clause, SIGN, NOT_YET) or (
            bool(pledges) and _happened(clause, SIGN_WITH_PLEDGE, NOT_YET)
        )
        if not cue or NOT_SIGNED.search(SUBCLAUSE.sub(",", clause)):
            continue
        signers = [
            f
            for f in inside_clause
            if signer_kinds(reader, f.key)
            and not any(s <= f.span.start - sentence.start < e for s, e in excluded)
            and f.key not in employers
            and not _other_role(text, f, sentence)
        ]
        signers += _unknown_listed(reader, sentence, begin, clause, inside_clause)
        if not signers and re.match(r"^\s*(?:it|they)\b", clause, re.IGNORECASE):
            signers = [f for f in found if f.span.start < lo and signer_kinds(reader, f.key)][:1]
        counts = [
            (
                int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1).lower()],
                Span(
                    sentence.start + begin + m.start(), sentence.start + begin + m.end(), m.group(0)
                ),
            )
            for m in COUNT.finditer(clause)
            if not SUBSET.search(m.group(0)) or re.search(r"\band\b", m.group(0))  # "domestic and foreign"
        ]
        record_signatures(reader, sentence, signers, pledges, counts)


_ITEM = r"[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}(?:\s\([^)]{1,20}\))?"
_INCLUDING = re.compile(rf"\bincluding\s+((?:{_ITEM},\s+)*{_ITEM},?\s+and\s+{_ITEM})")


def _unknown_listed(reader: Reader, sentence: Sentence, begin: int, clause: str,
                    known: list[Found]) -> list[Found]:
    """Organizations in an "including A, B and C" list that the catalogue does not know."""
    found = []
    for listing in _INCLUDING.finditer(clause):
        for item in re.finditer(_ITEM, listing.group(1)):
            start = sentence.start + begin + listing.start(1) + item.start()
            end = start + len(item.group(0))
            if any(k.span.start < end and start < k.span.end for k in known):
                continue
            name = SUFFIX.sub("", re.sub(r"\s\([^)]*\)$", "", item.group(0)))
            if name.split()[0] in NOT_NAME_WORDS:
                continue
            found.append(Found(reader.organization(name), Span(start, start + len(name), name)))
    return found


def _list_org(reader: Reader, sentence: Sentence) -> Found | None:
    body = re.sub(r"^\s*(?:[-–•*·△▲○□◇■▶►]|\d{1,2}[.)])\s*", "", sentence.text)
    name = SUFFIX.sub("", body.strip().rstrip(".,;"))
    if not name or len(name) > 60 or not name[0].isupper():
        return None
    start = sentence.start + sentence.text.index(name)
    return Found(reader.organization(name), Span(start, start + len(name), name))


def _other_role(text: str, item: Found, sentence: Sentence) -> bool:
    start, end = item.span.start - sentence.start, item.span.end - sentence.start
    before = text[:start]
    clause_start = max(before.rfind(","), before.rfind(";"), 0)
    return bool(ROLE_BEFORE.search(before[clause_start:]) or ROLE_AFTER.match(text[end:]))


def _declaration(
    reader: Reader, found: list[Found], event: str | None, sentence: Sentence, text: str
) -> None:
    for item in found:
        kind = reader.type_of(item.key)
        if kind is EntityType.DECLARATION and event and re.search(r"\b(?:adopt|endors)", text):
            reader.add(Relation.ADOPTED_AT, item.key, event, evidence(sentence))
        if (
            kind is EntityType.PLEDGE
            and event
            and re.search(r"\b(?:unveiled|announced|launched)\b", text)
        ):
            reader.add(Relation.ANNOUNCED_AT, item.key, event, evidence(sentence))


def _quotes(
    reader: Reader,
    sentence: Sentence,
    found: list[Found],
    quotes: list[Span],
    event: str | None,
    text: str,
) -> None:
    if not quotes or not SPEECH.search(text):
        return
    speaker = next((f.key for f in found if reader.type_of(f.key) is EntityType.PERSON), None)
    if speaker is None and PRONOUN.search(text) and reader.last_speaker:
        speaker = reader.last_speaker[0]
    if speaker is None:
        people = [k for k in reader.context.order if reader.type_of(k) is EntityType.PERSON]
        speaker = reader.context.last(people) if PRONOUN.search(text) else None
    if speaker is None:
        return
    where = next((f.key for f in found if reader.type_of(f.key) is EntityType.EVENT), None)
    where = where or reader.person_event.get(speaker) or event
    for quote in quotes:
        if len(quote.text.split()) >= 3:
            reader.quotations.append(Quotation(speaker, quote, "en", (evidence(sentence),), where))
    reader.last_speaker = (speaker, sentence.paragraph)
