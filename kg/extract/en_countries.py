"""Countries in English titles: whose government a leader belongs to, and titles held no more.

"French President Emmanuel Macron", "Justin Trudeau, Canada's prime minister": the country
word before or owning a state title names the government (the lexicon's countries); a bare
"Prime Minister" goes with the country named nearest to the person, unless the name reads
as Korean; "former" or "ex-" marks a title held no more.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.en_lexicon import country_words, government_of
from kg.extract.reader import Reader
from kg.extract.text import Sentence

STATE_TITLE = re.compile(
    r"\b(?:president|prime\s+minister|chancellor|minister|secretary|premier|ambassador|envoy|"
    r"commissioner|vice-president|head\s+of\s+(?:state|government))\b",
    re.IGNORECASE,
)


def country_before(before: str) -> str | None:
    """The government of a country named right before a title ("French", "Canada's")."""
    match = re.search(rf"(?:^|[\s(])(?:the\s+)?({country_words()})(?:'s|’s)?\s+$", before)
    return government_of(match.group(1)) if match else None


def former(left: str, title: str) -> bool:
    """True for a title held no more ("former CEO", "ex-minister")."""
    former = re.compile(r"\b(?:former|ex-)", re.IGNORECASE)
    return bool(former.search(title)) or bool(
        re.search(r"\b(?:former|ex-)\s*(?:[\w&'’.-]+\s+){0,4}$", left[-60:], re.IGNORECASE)
    )


KOREAN_SURNAMES = set(
    "Kim Lee Park Choi Jung Jeong Kang Cho Jo Yoon Yun Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song "
    "Yoo Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Noh Ha Kwak Sung Cha Joo Woo Min Ryu Na Jin".split()
)


def reads_korean(name: str) -> bool:
    """True for a name written the Korean way ("Lee Jong-ho", "Kim Ji-won")."""
    return name.split()[0] in KOREAN_SURNAMES or bool(re.search(r"\b[A-Z][a-z]+-[a-z]+\b", name))


def country_around(
    reader: Reader, sentence: Sentence, person: str, name: str, title: str
) -> str | None:
    """For a bare "Prime Minister"/"President": the government of the country the text names
    nearest before the person (else nearest after, in the sentence); "" when it names none (no
    affiliation rather than a guess); None to keep Korea, when the name reads as Korean."""
    if not STATE_TITLE.search(title) or reader.entity(person).name_ko:
        return None
    if reads_korean(name):
        return None
    at = sentence.text.find(name)
    window = (
        reader.article.text[max(0, sentence.start - 300) : sentence.start] + " " + sentence.text
    )
    anchor = len(window) - len(sentence.text) + max(at, 0)
    best: tuple[bool, int, str] | None = None  # a country before the name beats one after it
    for match in re.finditer(rf"\b(?:{country_words()})\b", window):
        key = government_of(match.group(0))
        rank = (match.start() > anchor, abs(match.start() - anchor), key or "")
        if key is not None and (best is None or rank < best):
            best = rank
    return best[2] if best else ""


def strip_country(title: str) -> str:
    return re.sub(rf"^(?:the\s+)?(?:{country_words()})(?:'s|’s)?\s+", "", title)


_PLACE = r"[A-Z][a-z]+(?:[ \t](?:of[ \t])?[A-Z][a-z]+)*"


# a page's own government: "Prime Minister of Australia" on the masthead, "Government of
# Canada", "Authorised by the Prime Minister of Australia" in the footer
_HOME = re.compile(
    rf"\b(?:Government|Prime[ \t]+Minister|President|Chancellor|Premier)[ \t]+of[ \t]+((?:the[ \t]+)?{_PLACE})"
)
_EDGE = 400  # how far into the page the masthead, and from its end the footer, may be


@lru_cache(maxsize=16)
def _home(text: str) -> str | None:
    edges = text[:_EDGE] + "\n" + text[-_EDGE:]
    homes = {government_of(m.group(1)) for m in _HOME.finditer(edges)} - {None}
    return homes.pop() if len(homes) == 1 else None


def home_government(reader: Reader) -> str | None:
    """The government whose page this is, from the masthead or footer ("Prime Minister of
    Australia"); None for a news outlet's page or a page naming more than one."""
    return _home(reader.article.text)


_BARE = re.compile(
    r"\bthe\s+(Prime\s+Minister|President|Chancellor|Premier)\b(?!\s+(?:of\b|[A-Z]))"
)
_HOLDER = re.compile(
    r"\b(Prime\s+Minister|President|Chancellor|Premier)\s+((?:[A-Z][a-z'’\-]+\s){1,2}[A-Z][a-z'’\-]+)"
    rf"(?:[ \t]+of[ \t]+((?:the[ \t]+)?{_PLACE}))?"
)


@lru_cache(maxsize=16)
def _holders(text: str, home: str | None) -> dict[str, str]:
    """Each state title the page gives a named holder of its own country ("Prime Minister
    Anthony Albanese" on an Australian page), when only one such holder has it."""
    seen: dict[str, set[str]] = {}
    for m in _HOLDER.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        country = (
            (government_of(m.group(3)) or "elsewhere") if m.group(3) else country_before(before)
        )
        if country is None and (home is not None or m.group(2).split()[0] in KOREAN_SURNAMES):
            country = home or "government/korea"
        if country is not None and country == (home or country):
            seen.setdefault(re.sub(r"\s+", " ", m.group(1)), set()).add(m.group(2))
    return {title: next(iter(names)) for title, names in seen.items() if len(names) == 1}


def bare_title_holder(reader: Reader, text: str) -> list[tuple[int, int, str]]:
    """ "Tonight the Prime Minister joined …" on a government's page: the page's own Prime
    Minister, as the page names him elsewhere (before or after). Only on a page with a home
    government, so a news story's "the Prime Minister" stays unread."""
    home = home_government(reader)
    if home is None or _BARE.search(text) is None:
        return []
    holders = _holders(reader.article.text, home)
    out = []
    for m in _BARE.finditer(text):
        name = holders.get(re.sub(r"\s+", " ", m.group(1)))
        if name is not None:
            out.append((m.start(), m.end(), name))
    return out
