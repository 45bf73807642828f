"""Who is who in English news: names next to titles, their organizations, surnames.

English writes a person with a title in a few ways: ``<title> <Name>`` ("Science Minister
Lee Jong-ho"), ``<Org> <title> <Name>``, ``<Name>, <title> at|of <Org>``, ``<Name>,
<Org>'s <title>``, ``<Name>, <Title>, <Org>`` (captions); a later bare surname ("Sunak
said") refers back to the person named before.
"""

from __future__ import annotations

import re

from kg.extract.common import evidence
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span, Title

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
    " Dr Mr Ms Mrs Programme Lunch Good Thanks Key Posts Share Comments Live Coverage"
    " Union Nations Commission Parliament Republic Kingdom States European United".split()
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
BRITISH = re.compile(r"(?:British|Britain's|UK|U\.K\.|the\s+UK's|United\s+Kingdom's)\s+$")
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
SUFFIX = re.compile(
    r"[\s,]+(?:Co\.?,?\s*Ltd\.?|Inc\.?|Corp\.?|Corporation|LLC|PBC|Ltd\.?|plc|AG|SA)\s*$"
)


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


def find_people(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> None:
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
        if (hit is None or hit[1] is None) and right.startswith(",") and left.rstrip().endswith(","):
            # in apposition: "The Technology Secretary, Michelle Donelan, said"
            hit = _left_title(reader, found, sentence, left.rstrip()[:-1] + " ") or hit
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
    plain = before
    before = before + " " + title.rsplit(" ", 2)[0] + " " if " " in title else before
    british = bool(BRITISH.search(plain) or BRITISH.search(before))
    foreign = bool(FOREIGN.search(plain) or FOREIGN.search(before))
    for key, org in IMPLIED.items():
        if lowered.endswith(key):
            if org == "government/korea" and (british or foreign):
                return "government/uk" if british else None
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
    led = _who_heads(reader, found, right, end) or _the_org_title(reader, found, right, end)
    if led is not None:
        return led
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


def _org_after(
    reader: Reader, found: list[Found], right: str, end: int, lead: str
) -> tuple[Found, str] | None:
    """The known organization standing right after `lead` at the start of `right` (the text
    after a name ending at `end`), and the text that follows it."""
    match = re.match(lead, right)
    if match is None:
        return None
    at = end + match.end()
    org = next((f for f in found if f.span.start == at and reader.type_of(f.key).is_organization), None)
    return (org, right[match.end() + len(org.span.text) :]) if org is not None else None


def _who_heads(
    reader: Reader, found: list[Found], right: str, end: int
) -> tuple[str, str | None] | None:
    """``<Name>, who heads KT's Responsible AI Center``: the head of a unit of the org."""
    lead = r"^,\s+who\s+(?:heads|leads|runs|directs|oversees)\s+(?:the\s+)?"
    hit = _org_after(reader, found, right, end, lead)
    if hit is None:
        return None
    org, tail = hit
    unit = re.match(r"^(?:'s|’s)\s+((?:[A-Z][\w&\-]*\s?){1,5})", tail)
    return (f"Head of {unit.group(1).strip()}" if unit else "Head"), org.key


def _the_org_title(
    reader: Reader, found: list[Found], right: str, end: int
) -> tuple[str, str | None] | None:
    """``<Name>, the Stanford professor,``: a known organization, then the title."""
    hit = _org_after(reader, found, right, end, r"^,\s+(?:the|an?)\s+")
    if hit is None:
        return None
    org, tail = hit
    title = re.match(rf"^(?:'s|’s)?\s+((?:[A-Za-z&\-]+\s+){{0,3}}?(?:{TITLE_HEADS}))\b", tail,
                     re.IGNORECASE)
    return (title.group(1), org.key) if title else None


def _strip_country(title: str) -> str:
    return re.sub(r"^(?:South\s+)?Korea(?:'s|’s)\s+", "", title)


def find_surnames(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> list[Found]:
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
