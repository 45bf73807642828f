"""English mentions the catalogue's literal names miss: pledges named by description
("new safety commitments", "the Seoul pledge"), names written with other spacing
("Google Deep Mind"), and acronyms an article introduces in parentheses ("(AIGF)").

The words of a pledge phrase decide which pledge it is (frontier, safety: the Frontier AI
Safety Commitments; business, Seoul … pledge: the Seoul AI Business Pledge); a phrase with
neither goes by the article (a count of 16 or 14 in the sentence, else the one pledge it has
named). A phrase about another pledge (the White House commitments of 2023) is none of them.
"""

from __future__ import annotations

import re

from kg.catalogue import normalize_name
from kg.extract.common import signer_kinds
from kg.extract.en_lexicon import country_words, trigger
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Span

FRONTIER = "pledge/frontier-ai-safety-commitments"
BUSINESS = "pledge/seoul-ai-business-pledge"
_BY_COUNT = {16: FRONTIER, 14: BUSINESS}
_COUNT_WORDS = {"sixteen": 16, "fourteen": 14, "16": 16, "14": 14}
_COUNT = re.compile(
    r"\b(16|14|sixteen|fourteen)\s+(?:[\w-]+\s+){0,3}?(?:companies|firms|signatories|developers|businesses|organi[sz]ations)\b",
    re.IGNORECASE,
)


def _phrase() -> re.Pattern[str]:
    mods = trigger("pledge_modifiers").pattern[2:-2]
    heads = trigger("pledge_heads").pattern[2:-2]
    return re.compile(
        rf"\b(?:(?:{mods})\s+){{1,6}}(?:{heads})\b"
        r"(?:\s+(?:on|for)\s+(?:(?:frontier|the|responsible)\s+)?(?:AI\s+)?(?:safety|business))?",
        re.IGNORECASE,
    )


_PHRASE: list[re.Pattern[str]] = []


def pledge_phrases(text: str) -> list[re.Match[str]]:
    """Phrases that name a pledge by description ("the new safety commitments")."""
    if not _PHRASE:
        _PHRASE.append(_phrase())
    return list(_PHRASE[0].finditer(text))


def elsewhere(text: str, start: int, end: int) -> bool:
    """True when the words around a pledge phrase place it outside the summit
    ("the White House commitments of 2023", "last year's pledge")."""
    window = text[max(0, start - 40) : min(len(text), end + 25)]
    return bool(trigger("pledge_not_seoul").search(window))


def pledge_by_words(words: str) -> str | None:
    lowered = words.lower()
    if "frontier" in lowered:
        return FRONTIER
    if re.search(r"\b(?:business|corporate)\b", lowered):
        return BUSINESS
    if "safety" in lowered:
        return FRONTIER
    if "seoul" in lowered and re.search(r"\bpledges?\b", lowered):
        return BUSINESS
    return None


def _by_article(reader: Reader, sentence: Sentence, text: str, phrase: str) -> str | None:
    count = _COUNT.search(text)
    if count is not None:
        return _BY_COUNT[_COUNT_WORDS[count.group(1).lower()]]
    named = reader.seen(EntityType.PLEDGE)
    if len(named) == 1:
        return named[0]
    if not named and re.search(r"\bcommitments$", phrase, re.IGNORECASE):
        return FRONTIER  # before any pledge is named, "the commitments" are the Commitments
    if not named:
        return reader.sole_pledge
    recent = reader.last_pledge
    return recent[0] if recent and recent[1] >= sentence.paragraph - 1 else None


_OTHER_PURPOSE = re.compile(r"\s+(?:to|of|worth|totall?ing)\b", re.IGNORECASE)


def find_pledges(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> list[Found]:
    """Pledges the sentence names by description, where no catalogue name stands."""
    taken = [
        (f.span.start, f.span.end) for f in found if reader.type_of(f.key) is not EntityType.PLACE
    ]
    out = []
    for match in pledge_phrases(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if any(s < end and start < e for s, e in taken) or elsewhere(
            text, match.start(), match.end()
        ):
            continue
        if re.match(r"(?:an?\s+)?(?:pledges?|commitments?)\b", match.group(0), re.IGNORECASE):
            continue
        if re.match(r"^\s+to\b", text[match.end() :]) and "pledge" in match.group(0).lower():
            continue  # "they pledge to …" is a verb
        key = pledge_by_words(match.group(0))
        if key is None and _OTHER_PURPOSE.match(text, match.end()):
            continue  # "new commitments to invest $1bn", "a pledge of $10bn"
        key = key or _by_article(reader, sentence, text, match.group(0))
        if key is not None:
            out.append(Found(key, Span(start, end, match.group(0)), short=True))
    for match in _DOCUMENT.finditer(text):  # "the frontier text", "the business document"
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if any(s < end and start < e for s, e in taken) or elsewhere(
            text, match.start(), match.end()
        ):
            continue
        key = pledge_by_words(match.group(0))
        if key is not None:
            out.append(Found(key, Span(start, end, match.group(0)), short=True))
    return out


# a pledge named by its kind and the word for its text: only with a pledge's own word
# (frontier, business), so "the text" or "a safety document" alone names nothing
_DOCUMENT = re.compile(
    r"\bthe\s+(?:frontier|business)\s+(?:AI\s+)?(?:text|document|wording)\b", re.IGNORECASE
)


def drop_elsewhere(
    reader: Reader, found: list[Found], sentence: Sentence, text: str
) -> list[Found]:
    """Short pledge names ("the commitments") said of another pledge are not the summit's;
    a place inside a pledge's description ("the Seoul pledge") is no mention of the place."""
    pledges = [f.span for f in found if reader.type_of(f.key) is EntityType.PLEDGE]
    return [
        f
        for f in found
        if not (
            f.short
            and reader.type_of(f.key) is EntityType.PLEDGE
            and elsewhere(text, f.span.start - sentence.start, f.span.end - sentence.start)
        )
        and not (
            reader.type_of(f.key) is EntityType.PLACE
            and any(p.start <= f.span.start and f.span.end <= p.end for p in pledges)
        )
    ]


_CAPS = re.compile(r"[A-Z][\w&.]*(?:[ \-][A-Z][\w&.]*){1,3}")


def find_respaced(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> list[Found]:
    """Catalogue names written with other spaces or hyphens ("Google Deep Mind", "Sales-force"),
    longest first; they replace a shorter name found inside them ("Google")."""
    out = list(found)
    spans = [(f.span.start - sentence.start, f.span.end - sentence.start) for f in found]
    for run in _CAPS.finditer(text):
        if any(a <= run.start() and run.end() <= b for a, b in spans):
            continue  # one name already covers the whole run
        words = list(re.finditer(r"[^ \-]+", run.group(0)))
        for size in range(len(words), 1, -1):
            hit = None
            for first in range(0, len(words) - size + 1):
                a, b = words[first].start(), words[first + size - 1].end()
                key = reader.catalogue.lookup(run.group(0)[a:b])
                if key is not None:
                    hit = (run.start() + a, run.start() + b, key)
                    break
            if hit is None:
                continue
            start, end = sentence.start + hit[0], sentence.start + hit[1]
            inner = [f for f in out if start <= f.span.start and f.span.end <= end]
            if any(s.span.start < end and start < s.span.end for s in out if s not in inner):
                break
            if any(f.span.start == start and f.span.end == end for f in inner):
                break
            out = [f for f in out if f not in inner]
            out.append(Found(hit[2], Span(start, end, sentence.text[hit[0] : hit[1]])))
            break
    return out


_ACRONYM = re.compile(r"\s\(([A-Z][A-Za-z0-9&]{1,9})\)")


def learn_acronyms(reader: Reader, found: list[Found], sentence: Sentence) -> None:
    """An acronym in parentheses right after a known name ("the AI Global Forum (AIGF)")
    names that entity for the rest of the article."""
    for item in found:
        rel = item.span.end - sentence.start
        match = _ACRONYM.match(sentence.text, rel)
        if match is None or reader.type_of(item.key) is EntityType.PERSON:
            continue
        acronym = match.group(1)
        if (
            normalize_name(acronym) != normalize_name(item.span.text)
            and acronym not in reader.discovered
        ):
            reader.discovered[acronym] = item.key


_DESCRIPTION = (
    r"(?:firm|company|group|start-?up|developer|lab|giant|chipmaker|conglomerate|unicorn)"
)


def _description() -> re.Pattern[str]:
    return re.compile(
        rf"\b[Tt]he\s+(?:[A-Z][\w.]*(?:[\s-][A-Z][\w.]*)?-based|(?:{country_words()}))\s+"
        rf"(?:(?:AI|tech|technology|internet|search|software|chip|telecoms?|electronics)\s+)?{_DESCRIPTION}\b"
    )


_DESCRIBED_AS: list[re.Pattern[str]] = []


def find_descriptions(
    reader: Reader, sentence: Sentence, found: list[Found], text: str
) -> list[Found]:
    """ "The Seoul-based firm", "the French start-up": the company the article named last,
    when one was named before and none stands where the phrase is."""
    if "he " not in text:
        return []
    if not _DESCRIBED_AS:
        _DESCRIBED_AS.append(_description())
    out = []
    for match in _DESCRIBED_AS[0].finditer(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if re.match(r"\s+(?:[A-Z]|\()", text[match.end() :]):
            continue  # "the French start-up Mistral AI": the name follows, no reference back
        if any(
            f.span.start < end
            and start < f.span.end
            and reader.type_of(f.key) is not EntityType.PLACE
            for f in found
        ):
            continue
        before = [f.key for f in found if f.span.end <= start and signer_kinds(reader, f.key)]
        key = (
            before[-1]
            if before
            else reader.context.last([k for k in reader.context.order if signer_kinds(reader, k)])
        )
        if key is not None:
            out.append(Found(key, Span(start, end, match.group(0)), short=True))
    return out
