"""Signatories in Korean lists: names the catalogue lacks standing between list marks,
and names whose role in the sentence is another (an investor, a customer, a product).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.common import evidence, signer_kinds
from kg.extract.ko_frames import lexicon
from kg.extract.ko_names import NOT_NAMES, korean_name
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span

ROLE_AFTER = re.compile(
    r"^\s*(?:의|가|이)?\s*(?:투자|파트너|협력사|고객|자회사|모회사|제품|서비스|모델|챗봇|플랫폼|칩|반도체|지분)"
    r"|^\s*의\s+[^,.\s]+(?:\s+[^,.\s]+){0,2}?인\s"  # "㈜LG의 AI 싱크탱크인 LG AI연구원": describes another
)
# "고객사인 카카오는 … 서명했다" is apposition: the name is still the clause's subject.
ROLE_BEFORE = re.compile(
    r"(?:투자한|투자를 받은|협력하는|파트너인|손잡은|공급하는|인수한|경쟁사|고객사|지분을 투자한)\s*$"
)


_GENERIC = {
    "AI",
    "IT",
    "ICT",
    "SW",
    "HW",
    "LLM",
    "GPU",
    "CEO",
    "CTO",
    "API",
    "R&D",
    "UAE",
    "G7",
    "UN",
    "EU",
}
_LIST_MARKS = {
    (",", "SP"),
    ("△", "SW"),
    ("·", "SP"),
    ("·", "SW"),
    ("등", "NNB"),
    ("까지", "JX"),
    ("부터", "JX"),
    ("와", "JC"),
    ("과", "JC"),
    ("및", "MAG"),
    ("및", "MAJ"),
}


_BULLETS = frozenset({"△", "▲", "•"})


def _bullet(token: tuple[str, str] | None) -> bool:
    """True for a bullet mark that opens each item of a one-line list ("▲A ▲B")."""
    return token is not None and token[0] in _BULLETS


def unknown_listed(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """Proper nouns standing in a list of signatories that the catalogue does not know."""
    known = [(f.span.start, f.span.end) for f in found]
    out: list[Found] = []
    countries = reader.catalogue.countries
    for first, last, name in sentence.recall(unknown_listed, lambda: _listed(sentence, countries)):
        start, end = sentence.start + first, sentence.start + last
        if not any(s < end and start < e for s, e in known):
            out.append(Found(reader.organization(name), Span(start, end, name)))
    return out


def _listed(sentence: Sentence, countries: Collection[str]) -> list[tuple[int, int, str]]:
    """The proper nouns standing in a list, with their offsets in the sentence's text,
    that may name an organization (not a person, a country, a region, …)."""
    tokens = sentence.tokens
    out: list[tuple[int, int, str]] = []
    index = 0
    while index < len(tokens):
        bulleted = index > 0 and tokens[index - 1].form in _BULLETS
        heads = ("NNP", "SL", "NNG") if bulleted else ("NNP", "SL")
        if not tokens[index].tag.startswith(heads):
            index += 1
            continue
        stop = index
        while (
            stop + 1 < len(tokens)
            and tokens[stop + 1].tag.startswith((*heads, "SN"))
            and tokens[stop + 1].start == tokens[stop].end
        ):
            stop += 1

        start, end = tokens[index].start, tokens[stop].end
        before = (tokens[index - 1].form, tokens[index - 1].tag) if index else None
        after = (tokens[stop + 1].form, tokens[stop + 1].tag) if stop + 1 < len(tokens) else None
        name = sentence.text[start - sentence.start : end - sentence.start]
        opens = index == 0 or before in _LIST_MARKS or _bullet(before)
        closes = after is None or after in _LIST_MARKS or _bullet(after) or after[1].startswith("J")
        listed = (
            opens and closes and (before in _LIST_MARKS or after in _LIST_MARKS or _bullet(after))
        )
        if tokens[index].tag.startswith("NNG") or tokens[stop].tag.startswith("NNG"):
            listed = bulleted and (after is None or after in _LIST_MARKS or _bullet(after))
        if (
            listed
            and len(name) >= 2
            and not korean_name(name)
            and name not in countries
            and name not in lexicon().regions
            and name not in NOT_NAMES
            and name.upper() not in _GENERIC
        ):
            out.append((start - sentence.start, end - sentence.start, name))
        index = stop + 1
    return out


def other_role(sentence: Sentence, item: Found) -> bool:
    after = sentence.text[item.span.end - sentence.start :]
    before = sentence.text[: item.span.start - sentence.start]
    return bool(ROLE_AFTER.match(after) or ROLE_BEFORE.search(before))


# A table of who signed what: a header row naming the companies and their pledges
# ("기업 | 참여 서약"), then one row per company ("카카오 | 기업 서약", "구글 | 둘 다");
# or a column per pledge ("기업 | 프런티어 서약 | 기업 서약") with a mark in each row
# ("구글 | O | O", "카카오 | X | O").
_HEADER_ORG = re.compile(r"^\s*(?:기업|회사|업체|기업명|회사명|기관|참여\s?기업)\s*$")
_HEADER_PLEDGE = re.compile(r"서약|약속|공약|참여|서명")
_BOTH_CELL = re.compile(
    r"^\s*(?:둘\s?다|모두|양쪽(?:\s?모두)?|두\s?서약\s?(?:모두)?|2개\s?모두|both)\s*$", re.I
)
_YES_CELL = re.compile(r"^\s*(?:[Oo○●◎✓✔√V]|참여|서명|동참)\s*$")
_FRONTIER_WORDS = re.compile(r"프런티어|프론티어|첨단|고성능|안전")
_BUSINESS_WORDS = re.compile(r"기업|비즈니스")
_PLEDGE_WORD = re.compile(r"서약|약속|공약|협약")
_SEPARATOR = re.compile(r"\s*[|\t]\s*")
_ROWS = 80  # a table's rows are read from the lines under its header, at most this many


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _SEPARATOR.split(line.strip().strip("|"))]


def is_table(sentence: Sentence) -> bool:
    """True for a sentence made of table rows: every line has short cells between
    separators (a line of a page's menu or date, "입력 … | 수정 …", runs on as prose)."""
    lines = [ln for ln in sentence.text.split("\n") if ln.strip()]
    return bool(lines) and all(_row_like(ln) for ln in lines)


def _row_like(line: str) -> bool:
    cells = _cells(line)
    return (
        len(cells) >= 2
        and bool(_SEPARATOR.search(line.strip()))
        and all(len(c.split()) <= 6 and not re.search(r"[.:?!]\s*$|[.?!]\s", c) for c in cells)
    )


def _header(reader: Reader, cells: list[str]) -> list[str | None] | None:
    """What each column of a header row holds: None for the pledges a cell names ("참여
    서약"), or the pledge the column is about ("프런티어 서약"); None when the row is no
    header of a table of signatories."""
    if len(cells) < 2 or not _HEADER_ORG.match(cells[0]):
        return None
    if len(cells) == 2 and _HEADER_PLEDGE.search(cells[1]) and not _one_pledge(reader, cells[1]):
        return [None]
    columns = [_one_pledge(reader, c) for c in cells[1:]]
    return columns if any(columns) else None


def read_table(reader: Reader, sentence: Sentence) -> None:
    """Read a table of signatories whose header row is in `sentence`: each row under it
    signs the pledges its cells name ("둘 다" every pledge; "-" none) or mark ("O"). The
    rows are taken from the article's text, so lines the body left out are read too."""
    offset = sentence.start
    for line in sentence.text.split("\n"):
        columns = _header(reader, _cells(line))
        if columns is not None:
            _rows(reader, offset + len(line), columns, sentence.paragraph)
            return
        offset += len(line) + 1


def read_gap(reader: Reader, sentence: Sentence) -> None:
    """After a paragraph's last sentence, find a table header among the lines the body
    left out before the next paragraph (a table of short rows is not prose), and read it."""
    body = reader.article.body
    index = sentence.paragraph
    if index < 0 or index >= len(body) or sentence.end < body[index].end:
        return
    text = reader.article.text
    stop = body[index + 1].start if index + 1 < len(body) else len(text)
    at = body[index].end
    offset = at
    for line in text[at : min(stop, at + _GAP)].split("\n"):
        if "|" in line or "\t" in line:
            columns = _header(reader, _cells(line))
            if columns is not None:
                _rows(reader, offset + len(line), columns, index)
                return
        offset += len(line) + 1


_GAP = 4000  # how far past a paragraph a header is looked for


def _rows(reader: Reader, at: int, columns: list[str | None], paragraph: int) -> None:
    """Read the rows from the line after offset `at` (the end of the header row)."""
    text = reader.article.text
    at = text.find("\n", at)
    for _ in range(_ROWS):
        if at < 0:
            break
        end = text.find("\n", at + 1)
        line = text[at + 1 : end if end >= 0 else len(text)]
        start, at = at + 1, end
        if not line.strip() or re.fullmatch(r"[\s|:\-]+", line):  # a blank or a rule line
            continue
        cells = _cells(line)
        if not _SEPARATOR.search(line.strip()) or len(cells) != len(columns) + 1:
            break
        key = reader.catalogue.lookup(_TICKER.sub("", cells[0]))
        if key is None or not signer_kinds(reader, key):
            continue
        pledges: list[str] = []
        for column, cell in zip(columns, cells[1:], strict=True):
            if column is None:
                pledges += _pledge_cell(reader, cell)
            elif _YES_CELL.match(cell):
                pledges.append(column)
        row = evidence(Sentence(start, start + len(line), line, (), paragraph))
        for pledge in dict.fromkeys(pledges):
            reader.declare(key)
            reader.declare(pledge)
            reader.add(Relation.SIGNED, key, pledge, row)


_TICKER = re.compile(r"\s?\(\d{6}\)")


def _one_pledge(reader: Reader, cell: str) -> str | None:
    """The one pledge a cell names, by its name or its words ("기업 서약")."""
    key = reader.catalogue.lookup(cell)
    if key is not None and reader.type_of(key) is EntityType.PLEDGE:
        return key
    if not _PLEDGE_WORD.search(cell):
        return None
    frontier, business = _FRONTIER_WORDS.search(cell), _BUSINESS_WORDS.search(cell)
    if bool(frontier) == bool(business):
        return None
    return FRONTIER if frontier else BUSINESS


def _pledge_cell(reader: Reader, cell: str) -> list[str]:
    """The pledges a cell names: both, one by its name or its words, or none ("-")."""
    if _BOTH_CELL.match(cell):
        named = list(reader.seen(EntityType.PLEDGE))
        return named if len(named) > 1 else [FRONTIER, BUSINESS]
    one = _one_pledge(reader, cell)
    return [one] if one else []


FRONTIER = "pledge/frontier-ai-safety-commitments"
BUSINESS = "pledge/seoul-ai-business-pledge"
