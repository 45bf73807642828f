"""English document context: lists that run on past the sentence with the verb.

- a verbless fragment continues the signatories of the sentence before it ("In addition,
  Cohere and IBM.", "Also on the list: …", "Others include …"), or answers a question
  heading ("Who signed?") above it;
- a table of ``Company | Pledge`` rows (pipes or tabs), read from the lines between body
  paragraphs as well as from the body;
- a roster of bullets under a "Key attendees:" label places each person at the event named
  in the heading above it;
- unknown organizations in a list ("including Amazon, Hanbit Robotics and Naver") are
  signatories only beside a known one, and never a region ("Europe", "the Middle East").

Only a bounded stretch of text before a sentence is read (the line or lines above it).
"""

from __future__ import annotations

import re

from kg.catalogue import normalize_name
from kg.extract.common import is_list_item, signer_kinds
from kg.extract.en_lexicon import government_of, trigger
from kg.extract.en_mentions import BUSINESS, FRONTIER, elsewhere, pledge_by_words
from kg.extract.en_orgs import NOT_NAME_WORDS
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span

_WORD = r"[A-Z0-9][\w&.'’\-]*"
ITEM = re.compile(rf"{_WORD}(?:\s(?:{_WORD}|of|for|&|de|la)){{0,4}}(?:\s\([^()]{{1,24}}\))?")
_LIST = re.compile(rf"{ITEM.pattern}(?:\s*,\s*(?:and\s+)?{ITEM.pattern}|\s+and\s+{ITEM.pattern})+")
_NAME_SUFFIX = re.compile(
    r"[\s,]+(?:Co\.?,?\s*Ltd\.?|Inc\.?|Corp\.?|Corporation|LLC|PBC|Ltd\.?|plc|AG|SA)\s*$"
)
_FILLER = {
    "and",
    "or",
    "as",
    "well",
    "also",
    "too",
    "both",
    "the",
    "list",
    "on",
    "plus",
    "of",
    "in",
    "addition",
    "its",
    "their",
    "others",
    "include",
    "included",
    "are",
    "were",
    "they",
    "rest",
    "signatories",
    "other",
    "companies",
    "firms",
    "a",
    "an",
    "among",
    "them",
    "to",
    "from",  # "… and G42, both from the United Arab Emirates."
    "each",
    "all",
}
_BULLET = re.compile(r"^\s*(?:[-–•*·△▲○□◇■▶►]|\d{1,2}[.)])\s*")


def is_region(name: str) -> bool:
    """True for a region or a country, which never signs a company pledge."""
    return bool(trigger("regions").fullmatch(name) or government_of(name))


def unknown_items(
    reader: Reader,
    sentence: Sentence,
    text: str,
    span: tuple[int, int],
    known: list[Found],
    signers: list[Found],
) -> list[Found]:
    """Organizations the catalogue lacks, in a list within `span` of `text`, when the same
    list names one of `signers` (so a list of places or of investors is silent). A name
    the catalogue knows by its ticker ("International Business Machines Corp. (IBM.N)")
    is that entity."""
    out: list[Found] = []
    for listing in _LIST.finditer(text, *span):
        a, b = sentence.start + listing.start(), sentence.start + listing.end()
        if not any(a <= k.span.start < b for k in signers):
            continue
        for item in ITEM.finditer(listing.group(0)):
            start = a + item.start()
            name = _NAME_SUFFIX.sub("", re.sub(r"\s\([^()]*\)$", "", item.group(0))).strip(" .")
            end = start + len(name)
            if any(k.span.start < end and start < k.span.end for k in known) or len(name) < 2:
                continue
            if name.split()[0] in NOT_NAME_WORDS or is_region(name) or name.lower() in _FILLER:
                continue
            if (
                item.start() == 0
                and re.search(r"(?:^|[-–—:;.]\s)\s*$", text[: listing.start()])
                and _ADVERB.match(listing.group(0))
            ):
                continue  # "Separately, IBM and …": a sentence adverb, capitalised by position
            if name.endswith(("'s", "’s")) or trigger("not_employer").search(name):
                continue
            key = ticker_entity(reader, item.group(0)) or reader.catalogue.lookup(name)
            if key is None:
                key = reader.organization(name)
            elif not signer_kinds(reader, key):
                continue
            out.append(Found(key, Span(start, end, name)))
    return out


# a word opening a sentence before a comma that reads as an adverb ("Separately,", "Meanwhile,"),
# not a company ("Grammarly, Naver and …")
_ADVERB = re.compile(
    r"(?:[A-Z][a-z]+(?:ate|al|ous|ive|ed|ing|ful|ent|ant|ight|ast|ew|ain|ure|ear|ick|ct)ly|[A-Z][a-z]+[ai]bly|"
    r"Similarly|Meanwhile|However|Instead|Elsewhere|Nonetheless|Nevertheless|Moreover|"
    r"Furthermore|Besides|Still|Today|Tonight|Now|Overall|Likewise|Again|Together),"
)


_TICKER = re.compile(r"\((?:[A-Z]+:\s*)?([A-Z]{2,6})(?:\.[A-Z]{1,2})?\)$")


def ticker_entity(reader: Reader, item: str) -> str | None:
    """The catalogue entity a ticker in parentheses names ("(IBM.N)", "(NASDAQ: MSFT)")."""
    match = _TICKER.search(item)
    key = reader.catalogue.lookup(match.group(1)) if match else None
    if key is not None:
        reader.entities.setdefault(key, reader.entity(key))
    return key


def previous_text(reader: Reader, sentence: Sentence) -> tuple[int, str]:
    """The sentence or line just before this one in the article (its start, its text),
    whether or not the body kept it (a bare "Who signed?" heading)."""
    window = reader.article.text[max(0, sentence.start - 400) : sentence.start].rstrip()
    line = window.rsplit("\n", 1)[-1]
    last = re.split(r"(?<=[.!?])\s+(?=\S)", line.strip())[-1] if line.strip() else ""
    start = (
        sentence.start - 400 + window.rfind(last) if sentence.start >= 400 else window.rfind(last)
    )
    return start, last


def signed_just_before(reader: Reader, sentence: Sentence) -> str | None:
    """The pledge signed in the sentence just before, if that sentence recorded signatures."""
    start, last = previous_text(reader, sentence)
    if not last:
        return None
    for (relation, _, obj), spans in reader.facts.items():
        if relation is Relation.SIGNED and any(
            s.start <= start < s.end or s.start == start for s in spans
        ):
            return str(obj)
    return None


def verbless(text: str, names: list[Found], sentence: Sentence) -> bool:
    """True when, names aside, the sentence holds only list words ("In addition, A and B.")."""
    rest = text
    for item in sorted(names, key=lambda f: -f.span.start):
        a, b = item.span.start - sentence.start, item.span.end - sentence.start
        rest = rest[:a] + " " + rest[b:]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    words = re.findall(r"[A-Za-z][\w'’\-]*", rest)
    return all(w.lower() in _FILLER or w[0].isupper() for w in words)


# "14 companies signed the pledge, incl. | Naver, Kakao, IBM & Salesforce 👏 …": the
# sentence split after an abbreviation that opens a list
_CUT_LIST = re.compile(r"(?:,|\s)\s*(?:incl|e\.g|esp|viz)\.$", re.IGNORECASE)
_SIGNED_VERB = re.compile(r"\b(?:signed|joined|backed|endorsed|signatories)\b", re.IGNORECASE)


def _leads_with_name(found: list[Found], sentence: Sentence) -> bool:
    return bool(found) and found[0].span.start - sentence.start <= 2


def continuation(reader: Reader, sentence: Sentence, text: str, found: list[Found]) -> str | None:
    """The pledge a verbless fragment continues the signatories of, or None; also the
    names a sentence split after "incl." / "e.g." go on listing."""
    if not verbless(text, found, sentence):
        _, last = previous_text(reader, sentence)
        if (
            _CUT_LIST.search(last)
            and _SIGNED_VERB.search(last)
            and _leads_with_name(found, sentence)
        ):
            from kg.extract.common import context_pledge

            return context_pledge(reader, sentence)
        return None
    body = _BULLET.sub("", text).lstrip()
    if trigger("signed_continuation", anchored=True).match(body):
        return signed_just_before(reader, sentence)
    _, last = previous_text(reader, sentence)
    if trigger("signed_question", anchored=True).match(last.strip()):
        from kg.extract.common import context_pledge

        return context_pledge(reader, sentence)
    return None


def table_row(reader: Reader, sentence: Sentence) -> bool:
    """Read ``Company | Pledge`` rows (pipes or tabs; a body line may hold several rows);
    True when the text is a table."""
    if "\n" not in sentence.text:
        return _row(reader, sentence)
    rows = False
    offset = sentence.start
    for line in sentence.text.split("\n"):
        content = line.strip()
        if content:
            begin = offset + line.index(content)
            rows = (
                _row(reader, Sentence(begin, begin + len(content), content, (), sentence.paragraph))
                or rows
            )
        offset += len(line) + 1
    return rows


def _row(reader: Reader, sentence: Sentence) -> bool:
    cells = [c for c in re.split(r"\s*[|\t]\s*", sentence.text.strip().strip("|")) if c.strip()]
    if len(cells) < 2 or not re.search(r"[|\t]", sentence.text):
        return False
    if any(len(c.split()) > 6 or re.search(r"[:?!]", c) for c in cells):
        return False  # a line of links ("Related: Who signed …? | Timeline: …"), not a row
    pledges = list(dict.fromkeys(p for c in cells[1:] for p in _pledge_cell(reader, c)))
    if not pledges:
        return True
    from kg.extract.common import evidence

    name = cells[0].strip(" .*")
    key = reader.catalogue.lookup(name)
    if key is None:
        if not name[:1].isupper() or name.split()[0] in NOT_NAME_WORDS or is_region(name):
            return True
        if normalize_name(name) in {
            "company",
            "companies",
            "organization",
            "organisation",
            "signatory",
        }:
            return True
        key = reader.organization(name)
    if signer_kinds(reader, key):
        reader.entities.setdefault(key, reader.entity(key))
        for pledge in pledges:
            reader.entities.setdefault(pledge, reader.entity(pledge))
            reader.add(Relation.SIGNED, key, pledge, evidence(sentence))
    return True


_CELL_TAIL = re.compile(r"\s*(?:\(s\)|only|signed|\(signed\)|✓|✔)\s*$", re.IGNORECASE)


def _pledge_cell(reader: Reader, cell: str) -> list[str]:
    """The pledges a table cell names: a pledge's name or description ("Business Pledge
    only"), or "Both" for every pledge the article has named; "Neither" names none."""
    text = cell.strip(" .*")
    while _CELL_TAIL.search(text):
        text = _CELL_TAIL.sub("", text)
    if re.fullmatch(r"both(?:\s+pledges)?", text, re.IGNORECASE):
        named = list(reader.seen(EntityType.PLEDGE))
        return named if len(named) > 1 else [FRONTIER, BUSINESS]
    key = reader.catalogue.lookup(text)
    if key is not None and reader.type_of(key) is EntityType.PLEDGE:
        return [key]
    if re.fullmatch(r"[\w\s'’-]*\b(?:pledges?|commitments?)", text, re.IGNORECASE):
        found = None if elsewhere(text, 0, len(text)) else pledge_by_words(text)
        return [found] if found else []
    return []


def read_gap(reader: Reader, sentence: Sentence) -> None:
    """After a paragraph's last sentence, read the lines the body left out before the next
    paragraph: table rows, and a question heading that introduces a list of signatories."""
    body = reader.article.body
    index = sentence.paragraph
    if index < 0 or index >= len(body) or sentence.end < body[index].end:
        return
    stop = body[index + 1].start if index + 1 < len(body) else len(reader.article.text)
    at = body[index].end
    gap = reader.article.text[at : min(stop, at + 4000)]
    offset = at
    for line in gap.splitlines(keepends=True):
        content = line.strip()
        if content:
            begin = offset + line.index(content)
            row = Sentence(begin, begin + len(content), content, (), index)
            if table_row(reader, row):
                pass
            elif trigger("signed_question", anchored=True).match(content):
                from kg.extract.common import context_pledge

                pledge = context_pledge(reader, sentence)
                reader.list_pledge = (pledge, index + 1) if pledge else None
            else:
                _heading(reader, row, index + 1)
        offset += len(line)


def _heading(reader: Reader, row: Sentence, paragraph: int) -> None:
    """A heading the body left out ("## The Seoul AI Business Pledge") that names one pledge
    or event mentions it, and makes it the context of the paragraphs under it."""
    line = row.text
    words = line.lstrip("#").strip()
    if (
        len(words.split()) > 12
        or re.search(r"[|:]", words)
        or line.rstrip().endswith((".", "?", "!"))
    ):
        return  # a sentence, or a line of links ("Related: … | …"), is no heading
    names = {
        key: Found(key, Span(row.start + a, row.start + b, line[a:b]))
        for a, b in reader.catalogue.scan(line)
        if (key := reader.catalogue.lookup(line[a:b])) is not None
    }
    for kind in (EntityType.PLEDGE, EntityType.EVENT):
        named = [k for k in names if reader.type_of(k) is kind]
        if len(named) != 1:
            continue
        reader.note([names[named[0]]])
        if kind is EntityType.PLEDGE:
            reader.last_pledge = (named[0], paragraph)
        else:
            reader.last_event = (named[0], paragraph)


def roster_event(reader: Reader, sentence: Sentence) -> str | None:
    """For a bullet under a "Key attendees:" label, the event of the heading above the
    label (or the last event named); None for any other line."""
    if not is_list_item(sentence):
        return None
    before = reader.article.text[max(0, sentence.start - 3000) : sentence.start]
    lines = [ln.strip() for ln in before.splitlines() if ln.strip()]
    while lines and _BULLET.match(lines[-1]):
        lines.pop()
    if not lines or not trigger("attended_roster", anchored=True).match(lines[-1]):
        return None
    for heading in reversed(lines[-4:-1]):
        for start, end in reader.catalogue.scan(heading):
            key = reader.catalogue.lookup(heading[start:end])
            if key is not None and reader.type_of(key) is EntityType.EVENT:
                reader.entities.setdefault(key, reader.entity(key))
                return key
    return reader.last_event[0] if reader.last_event else None
