"""Who is who in English news: names next to titles, their organizations, surnames.

English writes a person with a title in a few ways: ``<title> <Name>`` ("Science Minister
Lee Jong-ho"), ``<Org> <title> <Name>``, ``<Name>, <title> at|of <Org>``, ``<Name>,
<Org>'s <title>``, ``<Name>, <Title>, <Org>`` (captions); a later bare surname ("Sunak
said") refers back to the person named before.
"""

from __future__ import annotations

import functools
import re

from kg.extract.common import evidence, signer_kinds
from kg.extract.en_countries import (
    STATE_TITLE,
    bare_title_holder,
    country_around,
    country_before,
    former,
    home_government,
    reads_korean,
    strip_country,
)
from kg.extract.en_lexicon import country_words, government_of
from kg.extract.en_orgs import NEW_ORG_BEFORE, NOT_NAME_WORDS, kind_of, org_at
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span, Title

_CAP = r"[A-ZÀ-Ý][a-zß-ÿ'’]+(?:-[A-ZÀ-Ýa-zß-ÿ][a-zß-ÿ]+)?"
_PARTICLE = r"(?:(?:von|van|der|den|de|da|del|di|du|bin|al|el)\s)"  # "Ursula von der Leyen"
NAME = re.compile(
    rf"(?<![\w-])(?:(?:Dr|Mr|Ms|Mrs|Prof)\.?\s)?"
    rf"({_CAP}(?:\s{_PARTICLE}{{0,2}}(?:[A-Z]\.\s)?{_CAP}){{1,2}})(?![\w-])"
)
TITLE_HEADS = (
    r"secretary-general|director-general|vice-president|vice-chair|chief\s+executive|vice-minister|"
    r"chairman|chairwoman|chairperson|chair|president|minister|secretary|professor|co-?founder|founder|"
    r"officer|ceo|cto|cfo|coo|cso|head|director|analyst|researcher|scientist|manager|executive|"
    r"spokesperson|spokesman|spokeswoman|counsel|lead|leader|fellow|adviser|advisor|ambassador|"
    r"commissioner|dean|economist|engineer|strategist|premier|chancellor|partner|editor|vp|lecturer|chief"
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
    "technology minister": "government/uk-dsit",
    "science secretary": "government/uk-dsit",
    "science, innovation and technology": "government/uk-dsit",
}


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
        if any(s < end and start < e for s, e in taken) or any(
            s == start for s, _, _ in candidates
        ):
            continue
        candidates.append((start, end, name))
    for start, end, name in candidates:
        left = _HONORIFIC.sub(lambda m: " " * len(m.group(0)), text[: start - sentence.start])
        right = text[end - sentence.start :]
        hit = _left_title(reader, found, sentence, left)
        if (
            (hit is None or hit[1] is None)
            and re.match(r"^(?:,|[.;]?\s*$)", right)
            and left.rstrip().endswith(",")
        ):
            # in apposition: "The Technology Secretary, Michelle Donelan, said"
            hit = _left_title(reader, found, sentence, left.rstrip()[:-1] + " ") or hit
        if hit is None or hit[1] is None:
            more = _right_title(reader, found, sentence, _as_apposition(left, right), end)
            if more is not None:
                hit = (hit[0] if hit else more[0], more[1])
        if hit is None or hit[1] is None:
            owner = _owner_before(reader, found, sentence, left)  # "Google's Kent Walker"
            if owner is None and hit is None:
                owner = _leader_of(left, name)  # "leaders including Italy's Giorgia Meloni"
            if owner is not None:
                titled = _TITLE_AFTER.match(right)
                hit = (hit[0] if hit else titled.group(1) if titled else "", owner)
        _founded(reader, found, sentence, name, right, end)
        if hit is None:
            continue
        title, org = hit
        person = reader.person(name)
        if former(left, title) and not re.search(r"\b(?:former|ex-)", title, re.IGNORECASE):
            title = f"Former {title}".strip()  # "former Google CEO Eric Schmidt": a post once held
        if org == "government/korea" and not KOREAN_ADJ.search(left[-40:]):
            of = re.match(rf"^\s+of\s+((?:the\s+)?(?:{country_words()}))\b", right)
            # "President Emmanuel Macron of France": the country after the name
            home = home_government(reader)
            if of is not None:
                around: str | None = government_of(of.group(1))
            elif home not in (None, "government/korea") and not (
                reader.entity(person).country or reads_korean(name)
            ):
                around = home  # "Prime Minister Justin Trudeau" on his own government's page
            else:
                around = country_around(reader, sentence, person, name, title)
            org = org if around is None else around or None
        if org is None and STATE_TITLE.search(title) and not reads_korean(name):
            home = home_government(reader)  # a foreign name on Korea's own page stays unread
            org = (
                home if home != "government/korea" else None
            )  # "The Minister for Industry and Science, Ed Husic"
        if org == "government/korea" and reader.foreign_official(person, org):
            org = government_of(
                reader.entity(person).country or ""
            )  # "the Prime Minister, Rishi Sunak"
        if org is not None and not reader.foreign_official(person, org):
            reader.entities.setdefault(org, reader.entity(org))
            reader.add(
                Relation.AFFILIATED_WITH, person, org, evidence(sentence), Title(title, "en", title)
            )


# "Andrew Ng, the Stanford adjunct professor who founded DeepLearning.AI": a second tie
_WHO_FOUNDED = re.compile(
    r"^,\s+[^,;:\"()]{0,80}?\bwho\s+(?:also\s+)?(co-?founded|founded|set\s+up|started)"
    r"\s+(?:the\s+)?(?=[A-Z])",
    re.IGNORECASE,
)


def _founded(
    reader: Reader, found: list[Found], sentence: Sentence, name: str, right: str, end: int
) -> None:
    """The organization a relative clause in the apposition says the person founded."""
    match = _WHO_FOUNDED.match(right)
    if match is None:
        return
    verb = match.group(1).lower()
    org = org_at(reader, found, sentence, end + match.end())
    if org is None or not reader.type_of(org.key).is_organization:
        return
    title = "Co-founder" if verb.startswith("co") else "Founder"
    reader.add(
        Relation.AFFILIATED_WITH,
        reader.person(name),
        org.key,
        evidence(sentence),
        Title(title, "en", title),
    )


_TITLE_AFTER = re.compile(
    rf"^,\s+(?:the\s+|its\s+)?((?:[A-Za-z&\-]+\s+){{0,3}}?(?:{TITLE_HEADS})"
    r"(?:\s+(?:of|for)\s+[a-z][\w&\s-]{0,40}?)?)\s*(?:,|\.|$)",
    re.IGNORECASE,
)


# an honorific between a title and the name ("…, the Honourable François-Philippe Champagne")
_HONORIFIC = re.compile(
    r"(?:the\s+)?(?:Rt\.?\s+|Right\s+)?(?:Honourable|Honorable|Hon\.?)\s+$", re.IGNORECASE
)


def _owner_before(reader: Reader, found: list[Found], sentence: Sentence, left: str) -> str | None:
    """A known organization owning the name ("Google's Kent Walker", "Meta’s Nick Clegg")."""
    match = re.search(r"(?:'s|’s)\s+$", left)
    if match is None:
        return None
    end = sentence.start + match.start()
    return next(
        (f.key for f in found if f.span.end == end and reader.type_of(f.key).is_organization),
        None,
    )


# a sentence about leaders or ministers, where "Italy's Giorgia Meloni" is Italy's leader
_LEADERS = re.compile(
    r"\b(?:leaders?|heads?\s+of\s+(?:state|government)|ministers?|presidents?|prime\s+ministers?|"
    r"delegations?|counterparts?)\b",
    re.IGNORECASE,
)
_ORG_WORD = re.compile(
    r"\b(?:Labs?|AI|Systems|Group|Technolog(?:y|ies)|Robotics|Cloud|Research|Motors|Electronics|"
    r"Bank|Capital|Ventures|Partners|Holdings|Media|News|Times|Post|Telecom|Networks?)$"
)


def _leader_of(left: str, name: str) -> str | None:
    """The government of a country owning a name listed after leaders or ministers ("Leaders
    including Italy's Giorgia Meloni"); None elsewhere ("Canada's Yoshua Bengio told
    ministers …", "France's Mistral Labs")."""
    match = re.search(rf"(?:^|[\s(])(?:the\s+)?({country_words()})(?:'s|’s)\s+$", left)
    if match is None or _ORG_WORD.search(name) or not _LEADERS.search(left):
        return None
    return government_of(match.group(1))


def _name_candidates(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Capitalised two- or three-word names, with leading title words dropped
    ("Vice President Baek Hyun-woo" gives "Baek Hyun-woo")."""
    out = []
    position = 0
    while (match := NAME.search(text, position)) is not None:
        words = list(re.finditer(r"\S+", match.group(1)))
        while words and (
            words[0].group(0).strip(".") in NOT_NAME_WORDS
            or re.fullmatch(TITLE_HEADS, words[0].group(0), re.IGNORECASE)
            or words[0].group(0).endswith(("'s", "’s"))  # "Google's Kent Walker"
        ):
            words.pop(0)
        if len(words) < 2 or any(w.group(0).strip(".") in NOT_NAME_WORDS for w in words):
            first = match.group(1).split()[0]
            position = match.start(1) + (words[0].start() if words else len(first))
            if position <= match.start(1):
                position = match.start(1) + len(first)
            continue
        if len(words) == 3 and re.search(r"\b(?:and|of|for|&)\s$", text[: match.start(1)]):
            words.pop(0)  # "Minister for Communications and Information Josephine Teo"
        start = match.start(1) + words[0].start()
        end = match.start(1) + words[-1].end()
        out.append((offset + start, offset + end, text[start:end]))
        position = match.end(1)
    return out


def _left_title(
    reader: Reader, found: list[Found], sentence: Sentence, left: str
) -> tuple[str, str | None] | None:
    match = TITLE_LEFT.search(left)
    if not match or re.search(r"\s(?:of|for|the|at)$", match.group(1), re.IGNORECASE):
        return None  # "Secretary-General of the International Network …": no name follows
    words = [(m.group(0), match.start(1) + m.start()) for m in re.finditer(r"\S+", match.group(1))]
    while words:
        if words[0][0].lower() in _JOINS:
            words.pop(0)  # "… Olaf Scholz of Germany and Prime Minister …": Germany is not his
            continue
        title = " ".join(w for w, _ in words)
        org = _org_ending(reader, found, sentence, left[: words[0][1]])
        if org is not None:
            return title, org
        if (
            words[0][0].lower() in _TITLE_WORDS
            or re.fullmatch(TITLE_HEADS, words[0][0], re.IGNORECASE)  # "Vice-President"
            or country_before(left[: words[0][1]])
        ):
            break  # a portfolio after a country stays in the title: "U.S. Commerce Secretary"
        words.pop(0)
    if not words or not (words[0][0][0].isupper() or country_before(left[: words[0][1]])):
        return None  # lower case only after a country: "Britain's technology secretary"
    title = " ".join(w for w, _ in words)
    return title, _implied_org(title, left[: words[0][1]])


_JOINS = {"and", "or", "as", "while", "but", "with", "by", "to"}


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
    unknown = NEW_ORG_BEFORE.search(before[:end])
    if unknown is None or government_of(unknown.group(1)) or unknown.group(1) in NOT_NAME_WORDS:
        return None
    if any(
        f.span.start < sentence.start + end and sentence.start + unknown.start(1) < f.span.end
        for f in found
    ):
        return None  # a name the catalogue knows covers part of it
    name = re.sub(r"^the\s+", "", unknown.group(1))
    return reader.organization(name, kind=kind_of(name))


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
    country = country_before(plain)
    if country not in (None, "government/korea", "government/uk") and STATE_TITLE.search(title):
        return country  # "French President", "Canadian Minister of Innovation"
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


# "Ana Ruiz is vice-president of policy at X" (the name opening the sentence) and
# "Ana Ruiz (chief scientist, X)" read as the apposition "Ana Ruiz, vice-president …"
_COPULA = re.compile(r"^\s+(?:is|was)(?=\s+(?:(?:a|an|the)\s+)?(?:former\s+)?[\w-]+)")
_PARENTHESIS = re.compile(r"^\s+\((?=[a-z][^()]{2,80},\s+[A-Z][^()]{1,60}\))")


def _as_apposition(left: str, right: str) -> str:
    """The text after a name, with a copula or an opening parenthesis that introduces the
    person's post made a comma (same length, so offsets hold)."""
    copula = _COPULA.match(right) if not left.strip() else None
    if copula is not None:
        return "," + " " * (copula.end() - 1) + right[copula.end() :]
    paren = _PARENTHESIS.match(right)
    if paren is not None:
        return "," + " " * (paren.end() - 1) + right[paren.end() :]
    return right


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
    owner = re.match(
        rf"^,\s+(?:the\s+)?([A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){{0,4}})(?:'s|’s)\s+"
        rf"((?:[A-Za-z&\-]+\s+){{0,5}}?(?:{TITLE_HEADS}))\b",
        right,
    )
    if owner is not None and re.search(TITLE_HEADS, owner.group(2), re.IGNORECASE):
        org = org_at(reader, found, sentence, end + owner.start(1))
        if org is not None and org.span.end == end + owner.end(1):
            implied = _implied_org(owner.group(2), owner.group(1) + "'s ")
            if government_of(owner.group(1)) and implied not in (None, "government/korea"):
                return owner.group(2), implied  # "Britain's technology secretary": DSIT
            return owner.group(2), org.key  # "Justin Trudeau, Canada's prime minister"
    led = _who_heads(reader, found, right, end) or _the_org_title(reader, found, right, end)
    if led is not None:
        return led
    of_org = re.match(r"^\s+(of|from)\s+(?:the\s+)?", right)
    if of_org:
        if of_org.group(1) == "of":
            org = org_at(reader, found, sentence, end + of_org.end())
        else:  # "Ana Ruiz from Naver Cloud": a known company, not "Ana Ruiz from Lisbon"
            org = next(
                (
                    f
                    for f in found
                    if f.span.start == end + of_org.end() and signer_kinds(reader, f.key)
                ),
                None,
            )
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
            return strip_country(title), implied
    plain = RIGHT_TITLE.match(clause.group(0).rstrip(" ."))
    if plain and _implied(plain.group(1)):
        return strip_country(plain.group(1)), _implied_org(plain.group(1), "")
    options: list[tuple[bool, str, str]] = []
    covered: list[tuple[int, int]] = []  # the org names found so far ("Ministry … of Finland")
    for cut in re.finditer(
        r"\s(?:who\s+heads|who\s+leads|at|of|for|with|from)\s+(?:the\s+)?(?=[A-Z])", clause.group(0)
    ):
        match = RIGHT_TITLE.match(clause.group(0)[: cut.end()])
        joined = clause.group(0).rfind(" and ", 0, cut.start())
        if match is None and joined > 0:  # "…, a winner of the X Prize and a professor at Y"
            match = RIGHT_TITLE.match(", " + clause.group(0)[joined + 5 : cut.end()])
        known = next(
            (
                f
                for f in found
                if f.span.start == end + cut.end() and reader.type_of(f.key).is_organization
            ),
            None,
        )
        if any(a < end + cut.end() < b for a, b in covered):
            continue  # "of Finland" inside "the Ministry for Foreign Affairs of Finland"
        if match and known is not None:
            options.append((True, match.group(1).strip(), known.key))
            covered.append((known.span.start, known.span.end))
        elif match:
            org = org_at(reader, found, sentence, end + cut.end())
            if org is not None:
                options.append((False, match.group(1).strip(), org.key))
                covered.append((org.span.start, org.span.end))
    caption = re.match(
        rf"^,\s+((?:[A-Za-z&\-]+\s+){{0,4}}?(?:{TITLE_HEADS})),\s+(?:the\s+)?(?=[A-Z])",
        right,
        re.IGNORECASE,
    )
    if caption and not options:
        org = org_at(reader, found, sentence, end + caption.end())
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
    org = next(
        (f for f in found if f.span.start == at and reader.type_of(f.key).is_organization), None
    )
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
    title = re.match(
        rf"^(?:'s|’s)?\s+((?:[A-Za-z&\-]+\s+){{0,3}}?(?:{TITLE_HEADS}))\b", tail, re.IGNORECASE
    )
    return (title.group(1), org.key) if title else None


def find_surnames(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> list[Found]:
    """Bare surnames ("Sunak said") of people already named in the article."""
    taken = [(f.span.start, f.span.end) for f in found]
    people = reader.seen(EntityType.PERSON)
    extra = []
    for key in people:
        surname = _surname(reader, key)
        if not surname or surname not in text:  # most sentences name nobody known
            continue
        for match in re.finditer(rf"\b{re.escape(surname)}\b(?![\s-][A-Z])", text):
            start = sentence.start + match.start()
            if any(s <= start < e for s, e in taken):
                continue
            if reader.context.last([k for k in people if _surname(reader, k) == surname]) == key:
                extra.append(Found(key, Span(start, start + len(surname), surname)))
    return extra


def _surname(reader: Reader, key: str) -> str | None:
    return _surname_of(reader.entity(key).name_en)


@functools.lru_cache(maxsize=4096)
def _surname_of(name: str | None) -> str | None:
    if not name:
        return None
    parts = name.split()
    return parts[0] if reads_korean(name) else parts[-1]


def find_title_holders(
    reader: Reader, sentence: Sentence, found: list[Found], text: str
) -> list[Found]:
    """ "Tonight the Prime Minister joined …" on a government's own page: the holder of the
    title the page names elsewhere ("Prime Minister Anthony Albanese")."""
    taken = [(f.span.start, f.span.end) for f in found]
    out = []
    for a, b, name in bare_title_holder(reader, text):
        start, end = sentence.start + a, sentence.start + b
        if not any(s < end and start < e for s, e in taken):
            out.append(Found(reader.person(name), Span(start, end, sentence.text[a:b])))
    return out
