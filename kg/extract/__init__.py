"""From an `Article` to the facts it states, each with the spans that state it.

`extract_facts` reads the body sentence by sentence with the rules of the article's
language (`kg.extract.ko`, `kg.extract.en`); `kg.extract.reader` gathers the facts.
"""

from __future__ import annotations

import re

from kg.catalogue import Catalogue, load_catalogue
from kg.errors import ExtractionError
from kg.extract.reader import Reader
from kg.extract.text import Sentence, headline_sentence, split_sentences
from kg.loader import Article
from kg.model import EntityType, Extraction, Relation, Title

__all__ = ["extract_facts"]

_ABOUT_SUMMIT = (EntityType.EVENT, EntityType.PLEDGE, EntityType.DECLARATION)


def extract_facts(article: Article, *, catalogue: Catalogue | None = None) -> Extraction:
    """Extract entities, facts and quotations from one article.

    Args:
        article: an article from `kg.loader.read_article`.
        catalogue: the known entities; the bundled one by default.

    Returns:
        The `Extraction`, every fact with its evidence spans.

    Raises:
        ExtractionError: the article mentions no summit event, pledge or declaration.

    >>> from kg.loader import read_article, seed_path
    >>> facts = extract_facts(read_article(seed_path())).facts
    >>> sum(f.relation.value == "signed" for f in facts)
    18
    """
    catalogue = catalogue or load_catalogue()
    reader = Reader(article, catalogue)
    _read_byline(reader, article)
    if article.language == "ko":
        from kg.extract.ko import read_sentence
    else:
        from kg.extract.en import read_sentence
    reader.sole_pledge = _sole_pledge(article, catalogue)
    reader.speakers = _speakers(article)
    headline = headline_sentence(article)
    if headline is not None:
        _read_headline(reader, headline)
    for sentence in split_sentences(article):
        read_sentence(reader, sentence)
    if not any(reader.type_of(m.entity) in _ABOUT_SUMMIT for m in reader.mentions):
        raise ExtractionError(
            f"{article.source}: nothing about a summit event, pledge or declaration in the text"
        )
    return reader.finish()


_REPORTER_TITLES = {"기자": "Reporter", "특파원": "Correspondent", "논설위원": "Editorial Writer"}


def _read_byline(reader: Reader, article: Article) -> None:
    """The outlet, and the reporters the byline names: each a person affiliated with the
    outlet as its reporter, the byline the evidence ("By Jane Doe", "홍길동 기자")."""
    if article.outlet:
        known = reader.catalogue.lookup(article.outlet)
        if known is None:
            reader.outlet = reader.organization(article.outlet, EntityType.OUTLET)
        elif reader.type_of(known) is EntityType.OUTLET and reader.declare(known):
            reader.outlet = known
    reader.authors = [reader.person(name) for name in article.authors]
    reader.author = reader.authors[0] if reader.authors else None
    if reader.outlet is None or article.byline is None:
        return
    written = next((t for t in _REPORTER_TITLES if article.byline.text.endswith(t)), None)
    title = (
        Title(written, "ko", _REPORTER_TITLES[written])
        if written
        else Title("Reporter", "en", "Reporter")
    )
    for person in reader.authors:
        reader.add(Relation.AFFILIATED_WITH, person, reader.outlet, article.byline, title)


def _read_headline(reader: Reader, headline: Sentence) -> None:
    """Let the headline's events and pledges stand as context for the body's short names."""
    for found in reader.names_in(headline):
        kind = reader.type_of(found.key)
        if kind in (EntityType.EVENT, EntityType.PLEDGE):
            reader.context.saw(found.key)
        if kind is EntityType.PLEDGE:
            reader.last_pledge = (found.key, 0)
        elif kind is EntityType.EVENT:
            reader.last_event = (found.key, 0)


_SPEAKER = re.compile(
    r"^\s*(?:(?P<mark>[◇◆])\s*(?P<ko>[가-힣]{2,4})\s*[>:：]"
    r"|(?P<en>[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){1,2})\s*(?P<role>\([^)]{1,20}\))?\s*:)\s*\S"
)
_HOST = re.compile(r"host|anchor|presenter|moderator", re.IGNORECASE)


def _speakers(article: Article) -> dict[int, str]:
    """The guest speaking in each paragraph of a transcript, by its speaker label: a Korean
    interview's ◆ (◇ marks the host) or an English label in capitals ("INES OKORO:"; one
    marked "(HOST)" is the host). First-person words in that paragraph are the guest's."""
    from kg.extract.ko_people import korean_name

    speakers: dict[int, str] = {}
    for index, span in enumerate(article.body):
        match = _SPEAKER.match(span.text)
        if match is None:
            continue
        if match.group("ko"):
            if match.group("mark") == "◆" and korean_name(match.group("ko")):
                speakers[index] = match.group("ko")
        elif not (match.group("role") and _HOST.search(match.group("role"))):
            speakers[index] = match.group("en").title()
    return speakers


def _sole_pledge(article: Article, catalogue: Catalogue) -> str | None:
    """The first pledge the body names in full: what a lede's "signed a pledge" means
    before the next sentence names it ("… signed a voluntary pledge on Wednesday. The
    Seoul AI Business Pledge, presented at …")."""
    for span in article.body:
        for start, end in catalogue.scan(span.text):
            key = catalogue.lookup(span.text[start:end])
            if key is not None and catalogue.entities[key].type is EntityType.PLEDGE:
                return key
    return None
