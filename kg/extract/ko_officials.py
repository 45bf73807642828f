"""Officials and short references in Korean text.

``NAME (COUNTRY) 대통령|총리`` and ``NAME COUNTRY 장관`` place a person in a country's
government; a bare title takes the country around the name; "프랑스 외교부" is France's
ministry, not Korea's; "한 총리" is the person this article already called 총리.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.common import evidence
from kg.extract.ko_names import (
    GOVERNMENT_TITLES,
    HEAD_OF_GOVERNMENT,
    PARTICLE_AFTER,
    TITLE_HEADS,
    former,
    korean_name,
    name_before,
    surname,
    title_of,
)
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span


def officials(reader: Reader, sentence: Sentence) -> list[str]:
    """``NAME (COUNTRY) 대통령|총리`` and ``NAME COUNTRY 장관``: a head of government or an
    official, in the government of the country written before the title; a bare title in
    the government of the country around the name, or Korea's for a Korean name."""
    people: list[str] = []
    pattern = _official_pattern(tuple(reader.catalogue.countries))
    for match in sentence.matches(pattern):
        at = sentence.start + match.start()
        name = name_before(reader, sentence, at, single=bool(match.group(1) or match.group(3)))
        if name is None:
            continue
        person = reader.person(name)
        surname(reader, name, person)
        people.append(person)
        country, title = (
            (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(4))
        )
        if country:  # "영국 총리": the country's government, where the catalogue knows it
            org = reader.catalogue.countries.get(country)
        else:
            org = _country_around(reader, sentence, at, name, person)
        if (
            org is not None
            and not reader.foreign_official(person, org)
            and not former(sentence, at)
        ):
            reader.entities.setdefault(org, reader.catalogue.entities[org])
            reader.add(
                Relation.AFFILIATED_WITH, person, org, evidence(sentence), title_of(reader, title)
            )
    return people


@lru_cache(maxsize=4)
def _official_pattern(countries: tuple[str, ...]) -> re.Pattern[str]:
    """``(COUNTRY) 대통령|총리`` or ``COUNTRY 장관``, compiled once for the catalogue's countries."""
    names = "|".join(map(re.escape, countries))
    heads = "|".join(HEAD_OF_GOVERNMENT)
    return re.compile(
        rf"(?:({names})\s)?({heads}){PARTICLE_AFTER}|({names})\s({GOVERNMENT_TITLES}){PARTICLE_AFTER}"
    )


def _country_around(
    reader: Reader, sentence: Sentence, at: int, name: str, person: str
) -> str | None:
    """The government a bare 대통령 or 총리 belongs to: the one this article already placed
    the person in, else a country word just before the name ("프랑스의 마크롱 대통령"), else
    Korea's where the title implies it and the name is Korean."""
    for relation, subject, obj in reader.facts:
        if (
            relation is Relation.AFFILIATED_WITH
            and subject == person
            and str(obj).startswith("government/")
            and reader.entity(str(obj)).parent is None
        ):
            return str(obj)
    start = sentence.text.rfind(name, 0, at - sentence.start)
    before = sentence.text[max(0, start - 12) : max(0, start)]
    for country, org in reader.catalogue.countries.items():
        if org is not None and re.search(rf"{re.escape(country)}(?:의|\s측)?\s*$", before):
            return org
    info = reader.catalogue.title(
        sentence.text[at - sentence.start :].split()[0].rstrip("은는이가도의와과,")
    )
    entity = reader.entity(person)
    glossed = person not in reader.catalogue.entities and entity.name_en is not None
    # "마크롱 대통령" after "에마뉘엘 마크롱(Emmanuel Macron)": a foreigner, whatever the shape
    return info.implies if info and korean_name(name) and not glossed else None


def foreign_branch(reader: Reader, sentence: Sentence, item: Found) -> str:
    """A Korean ministry's name after another country's name is that country's ministry
    ("프랑스 외교부" is not Korea's 외교부)."""
    entity = reader.entity(item.key)
    if item.key != "government/korea" and entity.parent != "government/korea":
        return item.key
    words = sentence.text[: item.span.start - sentence.start].split()
    country = words[-1] if words else ""
    if reader.catalogue.countries.get(country, "government/korea") == "government/korea":
        return item.key
    return reader.organization(f"{country} {item.span.text}", kind=EntityType.GOVERNMENT)


_SHORT = re.compile(
    rf"(?<![가-힣])([가-힣])\s?((?:{'|'.join(TITLE_HEADS)}))(?=[은는이가도의와과께,\s]|$)"
)


def short_references(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """A surname and a title ("한 총리", "이 장관"): the person of that surname this
    article has already given that title."""
    taken = [(f.span.start, f.span.end) for f in found]
    out: list[Found] = []
    for match in sentence.matches(_SHORT):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if any(s < end and start < e for s, e in taken):
            continue
        surname_, head = match.group(1), match.group(2)
        people = {
            subject
            for (relation, subject, _), title in reader.titles.items()
            if relation is Relation.AFFILIATED_WITH
            and title.written.endswith(head)
            and (reader.entity(subject).name_ko or "").startswith(surname_)
        }
        if len(people) == 1:
            out.append(Found(people.pop(), Span(start, end, match.group(0))))
    return out
