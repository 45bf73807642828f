"""Rules for English news sentences: who signed, attended, holds what, and said what.

People are recognised from how English news writes them: ``<title> <Name>``
("Science Minister Lee Jong-ho"), ``<Org> <title> <Name>``, ``<Name>, <title> at|of
<Org>``, ``<Name>, <Org>'s <title>``; a later bare surname ("Sunak said") refers back.
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
from kg.extract.text import Sentence
from kg.model import EntityType, Quotation, Relation, Span, Title

_CAP = r"[A-Z][a-z'’]+(?:-[A-Za-z][a-z]+)?"
NAME = re.compile(
    rf"(?<![\w-])(?:(?:Dr|Mr|Ms|Mrs|Prof)\.?\s)?({_CAP}(?:\s(?:[A-Z]\.\s)?{_CAP}){{1,2}})(?![\w-])"
)
NOT_NAME_WORDS = set(
    "The A An And Of In On At For By With From To As But Or If This That These Those It Its He She They We"
    " Prime Minister President Chairman Chairwoman Chair Secretary Science Technology Foreign South North"
    " Korean Korea British Britain French France American Chinese Japanese Seoul London Paris Tuesday"
    " Wednesday Thursday Monday Friday Saturday Sunday May June April AI Global Forum Summit Session"
    " Ministry Department University Institute Council Bank Center Centre Group Corp Inc Co Ltd Chief"
    " Vice Head Director Professor Minister's Leaders Officials Executives Companies Analysis Related"
    " Earlier Later Under Some Not Both One Two Three Its Their His Her Reporting Editing Additional"
    " Dr Mr Ms Mrs Programme Lunch Good Thanks Key Posts Share Comments Live Coverage".split()
)
TITLE_HEADS = (
    r"chairman|chairwoman|chairperson|chair|president|minister|secretary|professor|co-?founder|founder|"
    r""
    r"officer|ceo|cto|cfo|coo|cso|head|director|analyst|researcher|scientist|manager|executive|"
    r"spokesperson|spokesman|spokeswoman|counsel|lead|leader|fellow|adviser|advisor|ambassador|"
    r"commissioner|dean|economist|engineer|strategist|premier|chancellor|partner|editor|vp"
)
TITLE_LEFT = re.compile(
    rf"(?:^|[\s(])((?:[A-Za-z][A-Za-z&\-]*\s){{0,4}}?(?:{TITLE_HEADS})(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w&,\- ]*?)?)\s+$",
    re.IGNORECASE,
)
RIGHT_TITLE = re.compile(
    rf"^,?\s+(?:a|an|the|its|his|her)?\s*((?:[A-Za-z&'’\-]+\s+){{0,6}}?(?:{TITLE_HEADS})"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Za-z&\-]+\s+){{0,4}}?[A-Za-z&\-]+)??)"
    rf"(?:\s+(?:who\s+heads|who\s+leads|at|of|for|with|from)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
FOREIGN = re.compile(
    r"(?:British|UK|U\.K\.|French|U\.S\.|US|American|Japanese|Chinese|German|"
    r"Canadian|Indian|Italian|Australian|Singaporean)\s+$"
)
KOREAN_ADJ = re.compile(r"(?:South\s+Korean|Korean|South\s+Korea's|Korea's)\s+$")
IMPLIED = {
    "science minister": "government/ministry-of-science-and-ict",
    "minister of science and ict": "government/ministry-of-science-and-ict",
    "ict minister": "government/ministry-of-science-and-ict",
    "foreign minister": "government/ministry-of-foreign-affairs",
    "minister of foreign affairs": "government/ministry-of-foreign-affairs",
    "prime minister": "government/korea",
    "president": "government/korea",
    "technology secretary": "government/uk-dsit",
    "science secretary": "government/uk-dsit",
    "science, innovation and technology": "government/uk-dsit",
}
ATTEND = re.compile(
    r"\b(?:attend(?:ed|ing|s)?|spoke|speaking|speaks|addressed|address(?:es)?|remarks|speech|keynote|"
    r"co-?chair(?:ed|s)?|chaired|moderat(?:ed|es|ing)|hosted|took\s+part|take\s+part|participat(?:ed|ing)|"
    r"participants|present|podium|opens|opened|panel|panelist|told\s+the|met\s+(?:foreign|delegates)|"
    r"joined\s+(?:from|the\s+(?:forum|summit|session|roundtable|ceremony))|video|welcome|was\s+there|"
    r"first\s+up|followed\s+by|took\s+the\s+stage|on\s+stage|present(?:ed|ing)|talk|lecture|"
    r"sat\s+on|came\s+to|in\s+attendance|delegates?|visited|said\s+at|told\s+(?:reporters|delegates)\s+at|sat\s+in|drew|attracted|joined\s+by|in\s+the\s+room)\b|^\s*(?:at|on\s+the\s+sidelines\s+of)\s+the\b",
    re.IGNORECASE,
)
NOT_YET = re.compile(
    r"\b(?:will|would|expected\s+to|scheduled\s+to|due\s+to|plans?\s+to|planning\s+to|set\s+to|is\s+to|"
    r"are\s+to|not|n't|never|declined\s+to|refused\s+to|yet\s+to|invited\s+to|hopes?\s+to)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
SIGN = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|signator(?:y|ies)|join(?:ed|s)?|endorsed?|committed|commit|among\s+(?:them|its)|"
    r"pledged|made\s+(?:the\s+)?(?:voluntary\s+)?commitments?|"
    r"on\s+the\s+list|includ(?:e|es|ed|ing)|listed|put\s+(?:their|its)\s+names?|agreed|backed\s+the|"
    r"adopted|made\s+the\s+commitments?|are\s*:)\b",
    re.IGNORECASE,
)
NOT_SIGNED = re.compile(r"\b(?:not\s+among|none\s+of|neither|outside\s+the)\b", re.IGNORECASE)
ROLE_BEFORE = re.compile(
    r"\b(?:backed\s+by|backers?|investors?|invested\s+in|funded\s+by|owned\s+by|partners?(?:\s+with)?|"
    r"customers?|clients?|lenders?|suppliers?|rivals?|competitors?|such\s+as|counts|sells|unit\s+of|"
    r"subsidiary\s+of|parent|acquired|products?|chips?)\b[^.;]*$",
    re.IGNORECASE,
)
ROLE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:investors?|backers?|chips?|products?|models?|platform|cloud|"
    r"chatbot|itself\s+did\s+not)\b",
    re.IGNORECASE,
)
SUBCLAUSE = re.compile(r",\s*(?:which|whose|who)\b[^,]*(?:,|$)")
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
    r"(?:companies|firms|businesses|organi[sz]ations|developers|signatories|tech\s+companies|makers)\b",
    re.IGNORECASE,
)
SPEECH = re.compile(
    r"\b(?:said|says|say|told|added|noted|stressed|wrote|argued|warned|according\s+to)\b"
)
PRONOUN = re.compile(r"\b(?:he|she)\s+(?:said|says|added|told|noted|wrote)\b", re.IGNORECASE)
SUFFIX = re.compile(
    r"[\s,]+(?:Co\.?,?\s*Ltd\.?|Inc\.?|Corp\.?|Corporation|LLC|PBC|Ltd\.?|plc|AG|SA)\s*$"
)


def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Apply every English rule to one sentence."""
    quotes = quoted_spans(sentence)
    text = blank_quotes(sentence, quotes)
    found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    _people(reader, sentence, found, text)
    found = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    found += _surnames(reader, sentence, found, text)
    found.sort(key=lambda f: f.span.start)
    reader.note(found)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = pick_event(reader, events, sentence)
    persons = list(
        dict.fromkeys(f.key for f in found if reader.type_of(f.key) is EntityType.PERSON)
    )
    if persons and event:
        _attendance(reader, sentence, found, persons, event, text)
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


def _org_at(reader: Reader, found: list[Found], sentence: Sentence, start: int) -> Found | None:
    """The organization named at `start`: from the catalogue, else a capitalised name."""
    for item in found:
        if item.span.start == start and reader.type_of(item.key).is_organization:
            return item
    rest = sentence.text[start - sentence.start :]
    match = re.match(r"(?:[A-Z][\w&.\-]*(?:\s+(?:for|of|and|&)\s+|\s+)?){1,7}", rest)
    if not match:
        return None
    name = SUFFIX.sub("", match.group(0).strip().rstrip(".,"))
    name = re.sub(r"\s+(?:for|of|and|&)$", "", name)
    if len(name) < 3 or name.split()[0] in NOT_NAME_WORDS - {"Korea", "Seoul"}:
        return None
    key = reader.organization(name, kind=_kind_of(name))
    return Found(key, Span(start, start + len(name), name))


def _kind_of(name: str) -> EntityType:
    if re.search(r"Universit|College", name):
        return EntityType.UNIVERSITY
    if re.search(r"Ministry|Department|Government|Agency|Office", name):
        return EntityType.GOVERNMENT
    if re.search(r"Institute|Council|Association|Foundation|Center|Centre|Society|Forum|Lab", name):
        return EntityType.ORGANIZATION
    return EntityType.COMPANY


def _people(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> None:
    """Find people next to a title and record their affiliations."""
    taken = [
        (f.span.start, f.span.end) for f in found if reader.type_of(f.key) is not EntityType.PERSON
    ]
    candidates: list[tuple[int, int, str]] = [
        (f.span.start, f.span.end, f.span.text)
        for f in found
        if reader.type_of(f.key) is EntityType.PERSON
    ]
    for start, end, name in _name_candidates(text, sentence.start):
        if any(s < end and start < e for s, e in taken) or any(s == start for s, _, _ in candidates):
            continue
        candidates.append((start, end, name))
    for start, end, name in candidates:
        left = text[: start - sentence.start]
        right = text[end - sentence.start :]
        hit = _left_title(reader, found, sentence, left)
        if hit is None or hit[1] is None:
            more = _right_title(reader, found, sentence, right, end)
            if more is not None:
                hit = (hit[0] if hit else more[0], more[1])
        if hit is None:
            continue
        title, org = hit
        person = reader.person(name)
        if org is not None and not reader.foreign_official(person, org):
            reader.entities.setdefault(org, reader.entity(org))
            reader.add(
                Relation.AFFILIATED_WITH, person, org, evidence(sentence), Title(title, "en", title)
            )


def _name_candidates(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Capitalised two- or three-word names, with leading title words dropped
    ("Vice President Baek Hyun-woo" gives "Baek Hyun-woo")."""
    out = []
    position = 0
    while (match := NAME.search(text, position)) is not None:
        words = list(re.finditer(r"\S+", match.group(1)))
        while words and words[0].group(0).strip(".") in NOT_NAME_WORDS:
            words.pop(0)
        if len(words) < 2 or any(w.group(0).strip(".") in NOT_NAME_WORDS for w in words):
            first = match.group(1).split()[0]
            position = match.start(1) + (words[0].start() if words else len(first))
            if position <= match.start(1):
                position = match.start(1) + len(first)
            continue
        start = match.start(1) + words[0].start()
        end = match.start(1) + words[-1].end()
        out.append((offset + start, offset + end, text[start:end]))
        position = match.end(1)
    return out


def _left_title(
    reader: Reader, found: list[Found], sentence: Sentence, left: str
) -> tuple[str, str | None] | None:
    match = TITLE_LEFT.search(left)
    if not match:
        return None
    words = [(m.group(0), match.start(1) + m.start()) for m in re.finditer(r"\S+", match.group(1))]
    while words:
        title = " ".join(w for w, _ in words)
        org = _org_ending(reader, found, sentence, left[: words[0][1]])
        if org is not None:
            return title, org
        if words[0][0].lower() in _TITLE_WORDS:
            break
        words.pop(0)
    if not words or not words[0][0][0].isupper():
        return None
    title = " ".join(w for w, _ in words)
    return title, _implied_org(title, left[: words[0][1]])


def _org_ending(reader: Reader, found: list[Found], sentence: Sentence, before: str) -> str | None:
    """The organization named right before a title ("Samsung Electronics Chairman",
    "OpenAI's chief …", "the Department …, led by Secretary …")."""
    led = re.search(r",\s+(?:led|headed|run)\s+by\s+$", before)
    end = len(before[: led.start()]) if led else len(before.rstrip())
    if before[:end].endswith(("'s", "’s")):
        end -= 2
    for item in found:
        if reader.type_of(item.key).is_organization and item.span.end == sentence.start + end:
            return item.key
    return None


_TITLE_WORDS = set(re.sub(r"[?()\\-]", " ", TITLE_HEADS.replace("|", " ")).split()) | {
    "vice",
    "chief",
    "senior",
    "executive",
    "deputy",
    "general",
    "global",
    "technology",
    "science",
    "foreign",
    "prime",
    "adjunct",
    "research",
    "law",
    "managing",
    "principal",
}


def _possessive(before: str) -> int:
    return 2 if before.rstrip().endswith(("'s", "’s")) else 0


def _implied(title: str) -> bool:
    return any(title.lower().endswith(k) for k in IMPLIED)


def _implied_org(title: str, before: str) -> str | None:
    lowered = title.lower()
    before = before + " " + title.rsplit(" ", 2)[0] + " " if " " in title else before
    for key, org in IMPLIED.items():
        if lowered.endswith(key):
            if org == "government/korea" and FOREIGN.search(before):
                return None
            if org == "government/korea" and not (
                KOREAN_ADJ.search(before) or key == "prime minister" or key == "president"
            ):
                return None
            return org
    return None


def _right_title(
    reader: Reader, found: list[Found], sentence: Sentence, right: str, end: int
) -> tuple[str, str | None] | None:
    possessive = re.match(r"^,\s+", right)
    if possessive:
        for item in found:
            offset = item.span.start - end
            if reader.type_of(item.key).is_organization and offset == possessive.end():
                tail = right[offset + len(item.span.text) :]
                match = re.match(
                    rf"^(?:'s|’s)\s+((?:[A-Za-z&\-]+\s+){{0,5}}?(?:{TITLE_HEADS}))\b",
                    tail,
                    re.IGNORECASE,
                )
                if match:
                    return match.group(1), item.key
    of_org = re.match(r"^\s+of\s+(?:the\s+)?", right)
    if of_org:
        org = _org_at(reader, found, sentence, end + of_org.end())
        if org is not None:
            return "", org.key
    clause = re.match(r"^,\s+[^,;:\"]{2,120}", right)
    if not clause:
        return None
    wide = re.match(r"^,\s+(?:[^,;:\"]|,\s+(?=[A-Z]))+", right)
    lowered = wide.group(0).lower() if wide else ""
    for key, implied in IMPLIED.items():
        if implied != "government/korea" and key in lowered and re.search(TITLE_HEADS, lowered):
            title = wide.group(0)[2:].strip() if wide else key
            return _strip_country(title), implied
    plain = RIGHT_TITLE.match(clause.group(0).rstrip(" ."))
    if plain and _implied(plain.group(1)):
        return _strip_country(plain.group(1)), _implied_org(plain.group(1), "")
    options: list[tuple[bool, str, str]] = []
    for cut in re.finditer(
        r"\s(?:who\s+heads|who\s+leads|at|of|for|with|from)\s+(?:the\s+)?(?=[A-Z])", clause.group(0)
    ):
        match = RIGHT_TITLE.match(clause.group(0)[: cut.end()])
        known = next(
            (
                f
                for f in found
                if f.span.start == end + cut.end() and reader.type_of(f.key).is_organization
            ),
            None,
        )
        if match and known is not None:
            options.append((True, match.group(1).strip(), known.key))
        elif match:
            org = _org_at(reader, found, sentence, end + cut.end())
            if org is not None:
                options.append((False, match.group(1).strip(), org.key))
    caption = re.match(
        rf"^,\s+((?:[A-Za-z&\-]+\s+){{0,4}}?(?:{TITLE_HEADS})),\s+(?:the\s+)?(?=[A-Z])",
        right,
        re.IGNORECASE,
    )
    if caption and not options:
        org = _org_at(reader, found, sentence, end + caption.end())
        if org is not None:
            options.append((False, caption.group(1), org.key))
    if not options:
        return None
    best = max(options, key=lambda o: (o[0], len(o[1])))
    return best[1], best[2]


def _strip_country(title: str) -> str:
    return re.sub(r"^(?:South\s+)?Korea(?:'s|’s)\s+", "", title)


def _surnames(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> list[Found]:
    """Bare surnames ("Sunak said") of people already named in the article."""
    taken = [(f.span.start, f.span.end) for f in found]
    people = [k for k in reader.context.order if reader.type_of(k) is EntityType.PERSON]
    extra = []
    for key in people:
        name = reader.entity(key).name_en
        if not name:
            continue
        parts = name.split()
        surname = parts[0] if "-" in parts[-1] or reader.entity(key).name_ko else parts[-1]
        for match in re.finditer(rf"\b{re.escape(surname)}\b(?![\s-][A-Z])", text):
            start = sentence.start + match.start()
            if any(s <= start < e for s, e in taken):
                continue
            if reader.context.last([k for k in people if _surname(reader, k) == surname]) == key:
                extra.append(Found(key, Span(start, start + len(surname), surname)))
    return extra


def _surname(reader: Reader, key: str) -> str | None:
    name = reader.entity(key).name_en
    if not name:
        return None
    parts = name.split()
    return parts[0] if "-" in parts[-1] or reader.entity(key).name_ko else parts[-1]


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
    employers = {obj for (rel, _, obj), spans in reader.facts.items()
                 if rel is Relation.AFFILIATED_WITH and evidence(sentence) in spans}
    excluded = [(m.start(), m.end()) for m in SUBCLAUSE.finditer(text)]
    offset = 0
    for clause in CLAUSES.split(text):
        begin = text.find(clause, offset)
        offset = begin + len(clause)
        if not _happened(clause, SIGN, NOT_YET) or NOT_SIGNED.search(clause):
            continue
        lo, hi = sentence.start + begin, sentence.start + offset
        inside_clause = [f for f in found if lo <= f.span.start < hi]
        pledges = [f for f in inside_clause if reader.type_of(f.key) is EntityType.PLEDGE]
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
