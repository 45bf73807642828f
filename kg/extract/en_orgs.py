"""Organizations English names beside a person's title, found or new to the article.

`org_at` reads the name standing at an offset: a catalogue name, a country (its government:
"Olaf Scholz of Germany"), or a capitalised name the catalogue lacks, which becomes a new
organization of the kind its words say (University, Ministry, Foundation …). A place before
a description ("the Lisbon start-up Fernwood AI") gives way to the name after it; an award
("the Turing Award") is no employer.
"""

from __future__ import annotations

import re

from kg.extract.en_lexicon import government_of, trigger
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Span

NOT_NAME_WORDS = set(
    "The A An And Of In On At For By With From To As But Or If This That These Those It Its He She They We"
    " Prime Minister President Chairman Chairwoman Chair Secretary Science Technology Foreign South North"
    " Korean Korea British Britain French France American Chinese Japanese Seoul London Paris Tuesday"
    " Wednesday Thursday Monday Friday Saturday Sunday May June April AI Global Forum Summit Session"
    " Ministry Department University Institute Council Bank Center Centre Group Corp Inc Co Ltd Chief"
    " Vice Head Director Professor Minister's Leaders Officials Executives Companies Analysis Related"
    " Earlier Later Under Some Not Both One Two Three Its Their His Her Reporting Editing Additional"
    " Dr Mr Ms Mrs Programme Lunch Good Thanks Key Posts Share Comments Live Coverage"
    " Union Nations Commission Parliament Republic Kingdom States European United Former Ex Late"
    " Canadian German Italian Indian Australian Emirati Singaporean Chancellor Premier Honourable"
    " Honorable Hon".split()
)
SUFFIX = re.compile(
    r"[\s,]+(?:Co\.?,?\s*Ltd\.?|Inc\.?|Corp\.?|Corporation|LLC|PBC|Ltd\.?|plc|AG|SA)\s*$"
)


def org_at(reader: Reader, found: list[Found], sentence: Sentence, start: int) -> Found | None:
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
    name = re.split(r"\s+and\s+(?=[A-Z][a-z]+\s[A-Z])", name)[0]  # "Italy and Olaf Scholz …"
    described = _DESCRIBED.match(rest, len(name))
    if described is not None and (
        government_of(name) or trigger("regions").fullmatch(name) or _PLACE.fullmatch(name)
    ):
        return org_at(
            reader, found, sentence, start + described.end()
        )  # "the Lisbon start-up Fernwood AI"
    government = government_of(name)
    if government is not None:  # "Olaf Scholz of Germany"
        reader.entities.setdefault(government, reader.entity(government))
        return Found(government, Span(start, start + len(name), name))
    institution = len(name.split()) > 1 and (  # "European Commission", "Ministry for …"
        _INSTITUTION.search(name) or _INSTITUTION_HEAD.match(name)
    )
    if len(name) < 3 or (
        name.split()[0] in NOT_NAME_WORDS - {"Korea", "Seoul"} and not institution
    ):
        return None
    if trigger("not_employer").search(name) or trigger("regions").fullmatch(name):
        return None  # "winner of the Turing Award" names no employer
    key = reader.organization(name, kind=kind_of(name))
    return Found(key, Span(start, start + len(name), name))


_DESCRIBED = re.compile(
    r"(?:-based)?\s+(?:AI\s+|(?:law|software|consulting|consultancy|research|investment|"
    r"venture|robotics|chip|cloud|media|security|data)\s+)?"
    r"(?:start-?up|company|firm|lab|group|think\s+tank|non-?profit|charity|"
    r"developer|unicorn|chipmaker|institute)\s+(?=[A-Z])"
)
_PLACE = re.compile(r"[A-Z][a-z]+")  # a one-word name followed by "start-up <Org>" is a place


_INSTITUTION = re.compile(
    r"\b(?:Commission|Union|Parliament|Council|Bank|Institute|Organi[sz]ation|Agency|Ministry|"
    r"Department|Foundation|Fund|Forum|Office|Nations|Alliance|Association|Federation|Consortium|"
    r"Centre|Center)$"
)


_INSTITUTION_HEAD = re.compile(
    r"(?:Ministry|Department|Office|Agency|Commission|Council|Institute|Organi[sz]ation|University|"
    r"College|School|Academy|Centre|Center|Alliance)\s+(?:of|for)\s+[A-Z]"
)


def kind_of(name: str) -> EntityType:
    if re.search(r"Universit|College", name):
        return EntityType.UNIVERSITY
    if re.search(r"Ministry|Department|Government|Agency|Office", name):
        return EntityType.GOVERNMENT
    if re.search(
        r"Institute|Council|Association|Foundation|Center|Centre|Society|Forum|Lab|Commission|"
        r"Union|Nations|Organi[sz]ation|Fund|Alliance|Federation|Consortium",
        name,
    ):
        return EntityType.ORGANIZATION
    return EntityType.COMPANY


# an organization the catalogue lacks, right before a title: an acronym ("UNESCO
# Director-General …") or a name ending in an organization word ("Hanbit Foundation chair …")
NEW_ORG_BEFORE = re.compile(
    r"(?:^|[\s(])((?:the\s+)?[A-Z]{2,8}|(?:[A-Z][\w&.\-]*\s+){0,3}(?:Foundation|Institute|Agency|"
    r"Ministry|Council|Commission|Organi[sz]ation|Association|Fund|Labs?|Forum|Society|Centre|"
    r"Center|Authority|Office))$"
)
