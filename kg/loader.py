"""Read an article file into an `Article`: decoded text, body, title, outlet, author, date.

The text is kept exactly as decoded from the file, so every offset the extractor
records points into what a reader of the file sees. Only the metadata is parsed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from kg.errors import ArticleError
from kg.model import Span

SEED_NAME = "000_c6224cea8f581afb.txt"
ARTICLE_SUFFIXES = (".txt",)
KST = timezone(timedelta(hours=9), "KST")
MAX_SIZE = 20_000_000
"""The largest article file read by default, in bytes (20 MB: a thousand times a long
news article). Reading grows linearly with size; the limit keeps a stray dump or log
from holding a build for minutes."""
_MIN_BODY_LINE = 25
_HANGUL_RUNS = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_RUNS = re.compile(r"[A-Za-z]+")
_MIN_SHORT_LINE = 12
_LIST_LINE = re.compile(r"^(?:[-–•*·△▲○□◇■▶►]|\d{1,2}[.)])\s*\S")
_INTRO = re.compile(r"[:：]\s*$")


@dataclass(frozen=True)
class Article:
    """One news article as read from its file.

    Attributes:
        text: the whole decoded text; all offsets point into it.
        source: the name used in messages (the path as given).
        id: a short hash of the file's bytes, stable across runs and machines.
        language: ``"ko"`` or ``"en"``.
        body: the paragraphs judged to be the article itself (not page noise).
        outlet: the outlet the page names (copyright line, wire dateline, masthead, or
            the word before a Korean byline), as written.
        author: the first reporter the byline names ("By Jane Doe", "홍길동 기자"); a
            dateline after it ("SEOUL, May 22 (Yonhap) --") is never part of the name.
        published: when the article was published, with its zone (Korean time for a
            Korean page that gives none); None when the zone cannot be placed.
    """

    text: str
    source: str
    id: str
    language: str
    body: tuple[Span, ...]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    """Every reporter the byline names (``author`` is the first)."""
    byline: Span | None = None
    """Where the text names the reporters ("By Jane Doe", "홍길동 기자"), for evidence."""
    published_date: date | None = None
    """The day of publication as written, also when the page gives no time zone (then
    ``published`` is None: a time that cannot be placed is not made up)."""

    @property
    def seoul_date(self) -> date | None:
        """The day of publication in Seoul (the summit's dates are Seoul dates)."""
        if self.published is not None:
            return self.published.astimezone(KST).date()
        return self.published_date


def read_article(
    path: str | Path, *, encoding: str | None = None, max_size: int | None = MAX_SIZE
) -> Article:
    """Read one article file.

    Args:
        path: a UTF-8 text file (EUC-KR/CP949 is decoded when that is certain; UTF-16
            and UTF-32 when a byte order mark says so).
        encoding: the encoding of a file that is not UTF-8 (UTF-8 files still decode).
        max_size: refuse a file larger than this many bytes; None for no limit.

    Returns:
        The `Article`.

    Raises:
        ArticleError: the file is missing, not a regular file (a named pipe, a device),
            too large, empty, binary, or not in a known encoding.

    >>> read_article(seed_path()).published.isoformat()
    '2024-05-22T14:00:30+09:00'
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ArticleError(f"{path}: is a folder, not an article file")
        if not stat.S_ISREG(mode):  # opening a named pipe would wait for a writer
            raise ArticleError(f"{path}: {_kind(mode)}, not a regular file; not read")
        with path.open("rb") as file:
            data = file.read(-1 if max_size is None else max_size + 1)
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from exc
    return parse_article(data, source=str(path), encoding=encoding, max_size=max_size)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"


def parse_article(
    data: bytes,
    *,
    source: str = "<bytes>",
    encoding: str | None = None,
    max_size: int | None = MAX_SIZE,
) -> Article:
    """Parse an article from its raw bytes; see `read_article`."""
    if max_size is not None and len(data) > max_size:
        limit = f"{max_size / 1e6:g} MB" if max_size >= 100_000 else f"{max_size:,} bytes"
        raise ArticleError(
            f"{source}: too large (over {limit}; pass --max-size to raise the limit)"
        )
    text = _decode(data, source, encoding)
    if not text.strip():
        raise ArticleError(f"{source}: empty (no text in the file)")
    language = detect_language(text, source)
    body = find_body(text)
    title, masthead = _title_and_outlet(text)
    if title is None and body:  # every line was page furniture (a one-line page is one line)
        title = _short(_fold_space(body[0].text))
    authors, byline, beside = _byline(text, language)
    published, published_date = _published(text, language)
    return Article(
        text=text,
        source=source,
        id=hashlib.sha256(data).hexdigest()[:16],
        language=language,
        body=body,
        title=title,
        outlet=_outlet_from_footer(text) or _outlet_from_dateline(text) or masthead or beside,
        author=authors[0] if authors else None,
        published=published,
        url=_url(text),
        authors=authors,
        byline=byline,
        published_date=published_date,
    )


def seed_path() -> Path:
    """The bundled seed article (a Korean page of 22 May 2024; see ``kg/data/README.md``)."""
    with resources.as_file(resources.files("kg") / "data" / SEED_NAME) as path:
        return Path(path)


def iter_article_paths(inputs: list[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article files, in a stable order.

    Raises:
        ArticleError: an input does not exist, or a folder holds no article.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in ARTICLE_SUFFIXES)
            if not found:
                raise ArticleError(f"{path}: folder has no article files (*.txt)")
            yield from found
        elif path.exists():
            yield path
        else:
            raise ArticleError(f"{path}: no such file or folder")


# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    """The text of an article's bytes: by its byte order mark, else as UTF-8, else in
    `encoding` (so that one build reads UTF-8 and CP949 articles alike), else as CP949
    when that gives Korean."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ArticleError(f"{source}: unknown encoding {encoding!r}") from None
    marked = next((name for mark, name in _BYTE_ORDER_MARKS if data.startswith(mark)), None)
    if marked is not None:
        try:
            return data.decode(marked)
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{source}: not valid {marked.upper()} (byte {exc.start})") from None
    binary, first_bad = _looks_binary(data), 0
    if binary and encoding is None:
        raise ArticleError(f"{source}: binary file, not text")
    if not binary:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            first_bad = exc.start
    if encoding is not None:
        return _decode_as(data, source, encoding)
    for guess in ("cp949",):
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            continue
        if _mostly_hangul(text):
            return text
    raise ArticleError(
        f"{source}: not UTF-8 (bad byte at offset {first_bad}); "
        "pass --encoding (for example cp949, euc-kr or latin-1)"
    )


def _decode_as(data: bytes, source: str, encoding: str) -> str:
    """The bytes in the encoding the user named; NUL characters are still binary (a
    one-byte encoding such as latin-1 decodes any bytes at all)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{source}: neither UTF-8 nor valid {encoding} (byte {exc.start})"
        ) from None
    if "\x00" in text:
        raise ArticleError(f"{source}: binary file, not text (not {encoding} either)")
    return text


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.05


def _mostly_hangul(text: str) -> bool:
    wide = [c for c in text if ord(c) > 127]
    hangul = sum(1 for c in wide if "\uac00" <= c <= "\ud7a3")
    return bool(wide) and hangul >= 0.9 * len(wide)


def detect_language(text: str, source: str = "<text>") -> str:
    """``"ko"`` when Hangul makes up a fair share of the letters, else ``"en"``.

    Raises:
        ArticleError: the text has no Korean or English letters at all.
    """
    hangul = sum(map(len, _HANGUL_RUNS.findall(text)))
    latin = sum(map(len, _LATIN_RUNS.findall(text)))
    if hangul + latin == 0:
        raise ArticleError(f"{source}: no Korean or English text")
    return "ko" if hangul >= 0.2 * (hangul + latin) else "en"


_NOISE = re.compile(
    r"℃|°C|^\s*\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\.?\s*(\([^)]*\))?\s*$|@\w+\.\w+"
    r"|^\s*(사진|그래픽|자료)\s*="
)
_FOOTER = re.compile(
    r"저작권자|무단\s*전재|재배포\s*금지|ⓒ|©|All rights reserved|^\s*(관련\s*기사|관련기사|기자의 인기기사"
    r"|최신기사|뉴스댓글|댓글\s*\d*\s*$|Related (articles|stories|news)|Comments?\s*(\(\d+\))?\s*$"
    r"|About [A-Z][\w.&\- ]{1,40}\s*$|Media contact|Contact:)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。]['\"’”)]?\s*$|다\s*$|니다\s*$")


def find_body(text: str) -> tuple[Span, ...]:
    """The lines that read as the article's own sentences, up to the page footer.

    Noise (weather tickers, capture dates, bullets, reporter links, comment boxes,
    copyright lines) is left out; photo captions (lines starting with ▲) are kept.
    """
    spans: list[Span] = []
    offset = 0
    lines = _logical_lines(text)
    last = _last_text_line(lines)
    for number, line in enumerate(lines):
        start, stripped = offset, line.rstrip("\r\n")
        offset += len(line)
        content = stripped.strip()
        if not content:
            continue
        if spans and _FOOTER.search(content):
            break
        if _NOISE.search(content):
            continue
        caption = content.startswith(("▲", "△사진", "[사진")) or (
            bool(spans) and content.startswith("[")
        )
        listed = bool(spans) and bool(_LIST_LINE.match(content))
        # "I spent the day at the forum. A few takeaways:": prose closing on a list intro
        intro = _INTRO.search(content) and _INNER_END.search(content)
        sentence = (_SENTENCE_END.search(content) or intro) and (
            len(content) >= _MIN_BODY_LINE or (spans and len(content) >= _MIN_SHORT_LINE)
        )
        if (
            caption
            or listed
            or sentence
            or (spans and (_INTRO.search(content) or _INLINE_LIST.match(content)))
            or (spans and len(content) <= _MAX_HEADER and _before_list(lines, number))
            or (number == last and len(content) >= _MIN_BODY_LINE)  # a page cut off mid-sentence
        ):
            lead = len(stripped) - len(stripped.lstrip())
            begin = start + lead
            spans.append(Span(begin, begin + len(content), content))
    return tuple(spans)


_INNER_END = re.compile(r"[a-z][.!?]\s+[A-Z]")
_PROSE_END = re.compile(r"^[\"'‘“(]?[\w가-힣][^|@©ⓒ]*[\w가-힣,]$")


def _last_text_line(lines: list[str]) -> int:
    """The number of the page's last line with text when it breaks off mid-sentence (an
    excerpt, a page cut short): prose that ends on a word, nothing after it; else -1."""
    for number in range(len(lines) - 1, -1, -1):
        content = lines[number].strip()
        if content:
            prose = _PROSE_END.match(content) and len(content.split()) >= 4
            return number if prose and not content.startswith("(") else -1
    return -1


_MAX_HEADER = 100
# "서명 기업: 아마존, 앤트로픽, 코히어, …": a short label, a colon, three or more items
_INLINE_LIST = re.compile(r"[^:：\n]{1,60}[:：][^,\n]+(?:,[^,]+){2,}")
_MIN_WRAPPED = 10


LONG_LINE = 600
"""A line longer than this that holds most of the page is a page that lost its line
breaks: it is read as one line per sentence, so that a byline, a footer or an e-mail in
it cuts or drops only its own part."""
# after a sentence's end mark (and a closing quote), before the next sentence's first letter
_SPLIT = re.compile(r"(?<=[.!?。])[\"'’”)\]]*[ \t]+(?=[\"'‘“(\[]?[A-Z0-9가-힣△▲■□○◇◆•\-])")


def _logical_lines(text: str) -> list[str]:
    """The text's lines, a sentence wrapped over several lines joined into one (with its
    line breaks: the pieces still add up to the text)."""
    # pieces gathered and joined once: adding each to a growing string would copy it
    # again for every line, and a page hard-wrapped with no full stop is one sentence
    groups: list[list[str]] = []
    for line in _split_long(text.splitlines(keepends=True), len(text)):
        if groups and _continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return ["".join(group) for group in groups]


def _split_long(lines: list[str], size: int) -> list[str]:
    """A line longer than `LONG_LINE` that is most of the page (`size` characters) cut
    after each sentence (the pieces add up to it)."""
    out: list[str] = []
    for line in lines:
        if len(line) <= LONG_LINE or len(line) < 0.6 * size:
            out.append(line)
            continue
        cut = 0
        for match in _SPLIT.finditer(line):
            out.append(line[cut : match.end()])
            cut = match.end()
        out.append(line[cut:])
    return out


def _continues(previous: str, line: str) -> bool:
    """True when `line` carries on the sentence `previous` left open: the text is
    hard-wrapped ("…리시 수낵 영국 총리가" / "화상 정상 세션을 공동 주재했다."), not a new
    line of its own (a list item, a caption, an empty line, a footer)."""
    last = previous.rstrip("\r\n").rsplit("\n", 1)[-1].strip()
    now = line.strip()
    if len(last) < _MIN_WRAPPED or not now:
        return False
    if _SENTENCE_END.search(last) or _INTRO.search(last) or _LIST_LINE.match(now):
        return False
    if now.startswith(("▲", "△사진", "[사진", "[")) or _FOOTER.search(now) or _NOISE.search(now):
        return False
    return not _NOISE.search(last) and not _FOOTER.search(last)


def _before_list(lines: list[str], number: int) -> bool:
    """True when the next line with text is a list line: this one heads the list
    ("붙임 1. 참여 기업(14개사)" above "- 국내: 네이버, 삼성전자, …" or "국내(6): 네이버, …")."""
    for index in range(number + 1, len(lines)):  # no copy of the rest of a long page
        line = lines[index]
        if line.strip():
            return bool(_LIST_LINE.match(line.strip()) or _INLINE_LIST.match(line.strip()))
    return False


_TITLE_PREFIX = re.compile(r"^(?P<outlet>[^\n]{2,60}?)\s+[-|–]\s+(?P<title>.{4,})$")
MAX_TITLE = 300
"""A headline longer than this is not a headline (a page on one line): its first
sentence, or its first words, stand for it."""
# "SEOUL, May 22 (Yonhap) --": a dateline, never an outlet's name or a title's prefix
_DATELINE = re.compile(
    r"(?:^[ \t]*[A-Z][A-Za-z .'\-]{1,30}|(?<=\s)[A-Z]{3,}(?:[ \t][A-Z]{3,}){0,2})"
    r"(?:,[ \t]*[A-Za-z0-9 .]{2,30})?[ \t]+"
    r"\((?P<outlet>[A-Z][\w .&'\-]{1,40})\)[ \t]*(?:--|[-—–])",
    re.MULTILINE,
)
_KO_DATELINE = re.compile(r"[\[(][가-힣]{1,6}[ \t]*=[ \t]*(?P<outlet>[^\]\)=\n]{2,30}?)[ \t]*[\])]")
# "THE SEOUL LEDGER", "HARBORVIEW REVIEW | Analysis": an outlet's name in capitals above it all
_MASTHEAD = re.compile(
    r"^(?P<name>[A-Z0-9][A-Z0-9.&'\-]*(?:[ \t][A-Z0-9][A-Z0-9.&'\-]*){0,4})(?:[ \t]+[|>][^\n]*)?$"
)
_ISSUE = re.compile(
    r"^(?P<outlet>[A-Z][^\n]{1,58}?)[ \t]+[—–-][ \t]+(?:Issue|No\.|Vol\.|Edition)[ \t]*#?\d+$"
)
_MENU = re.compile(r"[|>]|^\[[^\]]*\]$")


def _title_and_outlet(text: str) -> tuple[str | None, str | None]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for number, line in enumerate(lines[:20]):
        if _NOISE.search(line) or (line.startswith("[") and line.endswith("]") and number < 3):
            continue
        dateline = _DATELINE.match(line)
        if dateline is not None:  # a wire story with no headline: its lede after the dateline
            return _short(line[dateline.end() :].strip()), None
        issue = _ISSUE.match(line)  # a newsletter's "The Bellmoor Letter — Issue #118"
        if issue is not None:
            return _headline(lines[number + 1 :]) or line, issue.group("outlet")
        match = _TITLE_PREFIX.match(line)
        if match and len(match.group("outlet")) < len(match.group("title")):
            title, outlet = match.group("title"), match.group("outlet")
            plain = _fold_quotes(title)
            again = next((ln for ln in lines if ln != line and _fold_quotes(ln) == plain), None)
            return _short(again or title), outlet
        masthead = _MASTHEAD.match(line)
        if masthead is not None:
            return _headline(lines[number + 1 :]) or line, masthead.group("name")
        return _short(line), None
    return None, None


def _headline(lines: list[str]) -> str | None:
    """The first line after a masthead that reads as a headline: not a menu ("News |
    Tech", "Home > Policy"), of four words or more."""
    for line in lines[:6]:
        if _EN_BYLINE.match(line):
            continue  # "Written by Owen Marsh · 22 May 2024"
        if not _NOISE.search(line) and not _MENU.search(line) and len(line.split()) >= 4:
            return _short(line)
    return None


def _short(line: str) -> str:
    """The line, or, when it is too long for a headline, its first sentence or words."""
    if len(line) <= MAX_TITLE:
        return line
    cut = _SPLIT.search(line, 0, MAX_TITLE)
    if cut is not None and cut.start() > 20:
        return line[: cut.start()].rstrip()
    return line[: line.rfind(" ", 0, MAX_TITLE) if " " in line[:MAX_TITLE] else MAX_TITLE]


def _fold_space(text: str) -> str:
    return " ".join(text.split())


def _fold_quotes(line: str) -> str:
    folded = unicodedata.normalize("NFKC", line)
    return re.sub(r"[′‘’`´]", "'", folded)


_COPYRIGHT = re.compile(
    r"(?:(?:저작권자|Copyright)[ \t]*(?:[ⓒ©]|\([cC]\))?|[ⓒ©])[ \t]*(?:\d{4}[ \t]*)?"
    r"(?P<name>[^\s,<>\[\]|:][^\n,<>\[\]|:]{1,59}?)"
    r"(?=[ \t]*(?:[,.][ \t]|\.?[ \t]*$|[\]>]|무단|All\s+[Rr]ights))",
    re.MULTILINE,
)
_COMPANY_SUFFIX = re.compile(r"[ \t,]+(?:L\.?P|Inc|Ltd|LLC|Co|Corp)\.?$")


def _outlet_from_footer(text: str) -> str | None:
    """The outlet a copyright line names ("ⓒ 새아침경제. 무단전재", "Copyright 2024 Meridian Press.")."""
    for match in _COPYRIGHT.finditer(text):
        name = _COMPANY_SUFFIX.sub("", match.group("name").strip())
        name = re.sub(r"[ \t]*\((?:https?://|www\.)[^()]*\)$", "", name)  # "(www.x.example)"
        name = re.sub(r"[ \t,]+(?:19|20)\d\d(?:[ \t]*[-–][ \t]*(?:19|20)?\d\d)?$", "", name)
        if len(name) >= 2 and not name[0].isdigit():
            return _publication(text, name)
    return None


_PUBLISHER = re.compile(r"^(?P<title>.{2,40}?)[ \t]+(?:Media|Publishing|Publications|Holdings)$")


def _publication(text: str, holder: str) -> str:
    """The publication a publisher's copyright line stands for: "© Stackwise Media Ltd." on
    a page whose text calls itself "Stackwise" (its masthead, "writes for Stackwise") is
    Stackwise; a holder the text never names shorter stays as written."""
    short = _PUBLISHER.match(holder)
    if short is None:
        return holder
    title = short.group("title")
    alone = re.compile(rf"\b{re.escape(title)}\b(?![ \t]+(?:Media|Publishing|Publications))")
    return title if alone.search(text) or alone.search(text.title()) else holder


def _outlet_from_dateline(text: str) -> str | None:
    """The outlet a wire story names in its dateline ("SEOUL, May 22 (Meridian Wire) -",
    "[서울=한빛뉴스]", "(서울=한빛통신)")."""
    for pattern in (_DATELINE, _KO_DATELINE):
        match = pattern.search(text)
        if match is not None:
            return match.group("outlet").strip()
    return None


# A byline names people, never a dateline after it: "[ \t]", not "\s", between the words.
_EN_NAME = r"[A-Z][A-Za-z'’\-]*[a-zA-Z](?:\.)?(?:[ \t]+[A-Z][A-Za-z'’\-]*[a-zA-Z]){1,3}"
_EN_BYLINE = re.compile(
    rf"^[ \t]*(?:\(?(?:Additional[ \t]+)?[Rr]eporting[ \t]+by|(?:(?P<beside>[^\n|]{{2,40}}?)[ \t]*\|[ \t]*)?"
    rf"(?:By|BY|Posted[ \t]+by|Written[ \t]+by|Words[ \t]+by|(?:Live[ \t]+)?[Cc]overage[ \t]+by|"
    rf"Interview(?:ed)?[ \t]+by|Compiled[ \t]+by|Reported[ \t]+by))[ \t]+"
    rf"(?P<names>{_EN_NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)(?!Staff\b|Reporter\b){_EN_NAME})*)"
    rf"(?=[ \t]*(?:$|[|·,;(—–\-]|in[ \t]))",
    re.MULTILINE,
)
# a page that lost its line breaks: "… pledge By Laura Pennington SEOUL, May 22 (Wire) -"
_EN_BYLINE_INLINE = re.compile(
    rf"(?<=\s)By[ \t]+(?P<names>{_EN_NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+)(?!Staff\b){_EN_NAME})*)"
    rf"(?=[ \t]*[|·—–]|[ \t]+[A-Z]{{3,}}\b)"
)
_TRAILING = re.compile(
    r"(?:[ \t]+(?:[A-Z]{2,}|January|February|March|April|May|June|July|August|September|October"
    r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Published|Updated|Posted))+$"
)
_EN_SIGNED = re.compile(
    rf"^[ \t]*(?P<names>{_EN_NAME}),[ \t]+(?:Staff[ \t]+|Senior[ \t]+|[A-Z][a-z]+[ \t]+)?"
    r"(?:[Rr]eporter|[Cc]orrespondent|[Ww]riter|(?:[Ee]ditor(?=[ \t]*\|)))\b",  # "Grace Okonjo, Asia correspondent"
    re.MULTILINE,
)
_KO_AUTHOR = re.compile(
    r"(?:^|(?<=[\s\[(=|/]))(?P<name>[가-힣]{2,4})[ \t]*(?P<title>기자|특파원|논설위원)"
    r"(?=[ \t]*(?:[=/|(\]·]|$|[\w.+\-]+@))",
    re.MULTILINE,
)
_CREDIT = re.compile(r"(?:사진|영상|그래픽|촬영|편집)\s*[=:/]?\s*[\[(]?$")
_NOT_REPORTER = {"사진", "영상", "취재", "편집", "그래픽", "본지", "온라인", "디지털", "뉴스"}
_NOT_PERSON = {"Staff", "Reporter", "Correspondent", "Editor", "Editors", "News", "Desk"}


def _byline(text: str, language: str) -> tuple[tuple[str, ...], Span | None, str | None]:
    """The reporters a byline names, the byline's span, and the outlet written beside a
    Korean byline ("테크인사이트 정다은 기자"), if any."""
    if language == "en":
        for pattern in (_EN_BYLINE, _EN_SIGNED, _EN_BYLINE_INLINE):
            match = pattern.search(text, 0, 600 if pattern is _EN_BYLINE_INLINE else len(text))
            if match is None:
                continue
            parts = re.split(r",[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*", match["names"])
            names = tuple(_name_case(_strip_dateline(n)) for n in parts)
            names = tuple(
                n for n in names if len(n.split()) >= 2 and not set(n.split()) & _NOT_PERSON
            )
            if names:
                line = match.group(0).strip().lstrip("(")
                start = text.index(line, match.start())
                beside = match.groupdict().get("beside")
                wider = _wire_credit(text, names)
                if wider is not None:  # the credit line names the byline's reporter and more
                    return wider[0], wider[1], beside
                return names, Span(start, start + len(line), line), beside
    for match in _KO_AUTHOR.finditer(text):
        if match["name"] in _NOT_REPORTER or _CREDIT.search(
            text, max(0, match.start() - 8), match.start()
        ):
            continue  # "[사진=홍길동 기자]" credits a photograph, not the story
        start, end = match.start("name"), match.end("title")
        before = text[text.rfind("\n", 0, start) + 1 : start].split()
        beside = before[-1].lstrip("[(") if before else None
        if beside is not None and not re.fullmatch(r"[가-힣A-Za-z][가-힣A-Za-z0-9]{1,19}", beside):
            beside = None
        return (
            (match["name"],),
            Span(start, end, text[start:end]),
            beside if beside != "글" else None,
        )
    return (), None, None


# a wire story's closing credit: "(Reporting by Ana Ruiz in Seoul and Tom Bell in London;
# Editing by …)": the reporters, each with the city they filed from
_WIRE_CREDIT = re.compile(
    rf"^[ \t]*\((?:Reporting|Writing)[ \t]+by[ \t]+(?P<names>{_EN_NAME}"
    rf"(?:[ \t]+in[ \t]+[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)?"
    rf"(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_EN_NAME}"
    rf"(?:[ \t]+in[ \t]+[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)?)+)(?=[ \t]*[;)])",
    re.MULTILINE,
)


def _wire_credit(text: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], Span] | None:
    """The reporters of a wire credit line that names every reporter of the byline and more,
    with the credit's span; None otherwise."""
    match = _WIRE_CREDIT.search(text)
    if match is None:
        return None
    parts = re.split(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+", match["names"])
    credited = tuple(_name_case(re.sub(r"[ \t]+in[ \t]+.*$", "", p)) for p in parts)
    if not set(names) < set(credited):
        return None
    ordered = names + tuple(n for n in credited if n not in names)
    start = text.rfind("(", 0, match.start("names")) + 1
    return ordered, Span(start, match.end(), text[start : match.end()])


def _strip_dateline(name: str) -> str:
    """A name without a dateline or date run into it ("Laura Pennington SEOUL" is Laura
    Pennington; "Sofia Marchetti May" is Sofia Marchetti); a name all in capitals keeps
    its words ("DANIELLE FERRIS"), and drops the outlet written after it in other case
    ("KIM TONG-HYUNG Associated Press" is KIM TONG-HYUNG)."""
    if name.isupper():
        return name
    capitals = re.match(r"(?:[A-Z][A-Z'’\-]+[ \t]+){1,3}[A-Z][A-Z'’\-]+(?=[ \t]+[A-Z][a-z])", name)
    if capitals is not None:
        return capitals.group(0)
    return _TRAILING.sub("", name)


def _name_case(name: str) -> str:
    """A name in capitals as a name ("KIM MIN-SEO" is "Kim Min-seo"); others as written."""
    return " ".join(w[0] + w[1:].lower() if w.isupper() and len(w) > 1 else w for w in name.split())


_ZONE_PATTERN = (
    r"(?P<zone>(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?|[+\-−]\d{2}:?\d{2}(?![\d.])|Z(?![\w])"
    r"|\(?(?:KST|JST|EDT|EST|PDT|PST|CEST|CET|BST|GMT|UTC)\)?(?![\w])|\(한국\s?시간\))?"
)
_ZONES = {
    "KST": KST,
    "JST": timezone(timedelta(hours=9), "JST"),
    "GMT": timezone.utc,
    "UTC": timezone.utc,
    "Z": timezone.utc,
    "BST": timezone(timedelta(hours=1), "BST"),
    "CET": timezone(timedelta(hours=1), "CET"),
    "CEST": timezone(timedelta(hours=2), "CEST"),
    "EST": timezone(timedelta(hours=-5), "EST"),
    "EDT": timezone(timedelta(hours=-4), "EDT"),
    "PST": timezone(timedelta(hours=-8), "PST"),
    "PDT": timezone(timedelta(hours=-7), "PDT"),
    "한국시간": KST,
}
_TIME = (
    r"(?:(?P<ko_ampm>오전|오후)[ \t]?)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:[ \t]*(?P<ampm>[AaPp]\.?[Mm]\.?))?[ \t]*" + _ZONE_PATTERN
)
_STAMP = re.compile(
    r"(?<![\d.])(?P<y>20\d\d)(?:[.\-/][ \t]?|년[ \t]?)(?P<m>\d{1,2})(?:[.\-/][ \t]?|월[ \t]?)"
    r"(?P<d>\d{1,2})(?:일|\.)?(?:[ \t]?\([월화수목금토일]\))?(?![\d])"
    r"(?:(?:[ \t]+|T|[ \t]*[,|·][ \t]*)" + _TIME + ")?"
)
# A stamp's label ("입력 2024.05.22 10:00") is looked for just before it: one pattern that
# tried the label at every position of the page cost more than the rest of the reading.
_STAMP_LABEL = re.compile(
    r"(기사승인|승인|입력|등록|발행일?|게재|송고시간|Published|Posted|Updated|Date)\s*:?\s*$",
    re.IGNORECASE,
)
_MONTHS = {
    m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}
_MONTH = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EN_DATE = re.compile(
    rf"(?:{_MONTH}[ \t]+(?P<d>\d{{1,2}}),?|(?P<d2>\d{{1,2}})[ \t]+{_MONTH.replace('mon', 'mon2')},?)"
    rf"[ \t]+(?P<y>20\d\d)(?![\d])(?:(?:[ \t]*[,·|][ \t]*|[ \t]+(?:at[ \t]+)?|[ \t]+-[ \t]+)"
    + _TIME
    + ")?",
    re.IGNORECASE,
)


_HEAD_CHARS = 2000
"""How far into the page an unlabelled date may stand to be taken as the publication's."""


def _published(text: str, language: str) -> tuple[datetime | None, date | None]:
    """When the article was published, and the day as written.

    A time whose zone the page does not give is placed in Korean time for a Korean
    article (the convention of Korean pages); an English page's unplaced time, or a day
    with no time, gives the day only.
    """
    default_zone = KST if language == "ko" else None
    stamps = list(_STAMP.finditer(text))
    labelled = {
        m.start() for m in stamps if _STAMP_LABEL.search(text, max(0, m.start() - 16), m.start())
    }
    written = list(_EN_DATE.finditer(text))
    # a labelled stamp with a time first, then any with a time, then a day alone; a date
    # without a label deep in the story is what it tells, not when it was published
    ordered = sorted(
        (m for m in [*stamps, *written] if m.start() in labelled or m.start() < _HEAD_CHARS),
        key=lambda m: (m["H"] is None, m.start() not in labelled, m.re is _EN_DATE, m.start()),
    )
    for match in ordered:
        month = match["m"] if "m" in match.groupdict() else None
        if month is None:
            name = match["mon"] or match["mon2"]
            month, day = _MONTHS[name[:3].lower()], match["d"] or match["d2"]
        else:
            day = match["d"]
        try:
            day_ = date(int(match["y"]), int(month), int(day))
        except ValueError:
            continue
        zone = _zone(match["zone"]) or default_zone
        if match["H"] is None or zone is None:
            return None, day_
        try:
            stamp = datetime(
                day_.year,
                day_.month,
                day_.day,
                _hour(match),
                int(match["M"]),
                int(match["S"] or 0),
                tzinfo=zone,
            )
        except ValueError:
            return None, day_
        return stamp, day_
    return None, None


def _hour(match: re.Match[str]) -> int:
    hour = int(match["H"])
    pm = (match["ampm"] or "").lower().startswith("p") or match["ko_ampm"] == "오후"
    am = (match["ampm"] or "").lower().startswith("a") or match["ko_ampm"] == "오전"
    if pm and hour < 12:
        return hour + 12
    return 0 if am and hour == 12 else hour


def _zone(written: str | None) -> timezone | None:
    """The zone a stamp names: an abbreviation, an offset ("+09:00", "GMT+1"), or 한국시간."""
    if not written:
        return None
    plain = re.sub(r"[()\s]", "", written).replace("−", "-").upper()
    if plain in _ZONES or written.strip("()").replace(" ", "") in _ZONES:
        return _ZONES.get(plain) or _ZONES[written.strip("()").replace(" ", "")]
    offset = re.fullmatch(r"(?:UTC|GMT)?([+\-])(\d{1,2}):?(\d{2})?", plain)
    if offset is None:
        return None
    hours, minutes = int(offset[2]), int(offset[3] or 0)
    if hours > 14 or minutes >= 60:
        return None
    sign = -1 if offset[1] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_URL = re.compile(r"https?://[^\s<>\"']+")


def _url(text: str) -> str | None:
    match = _URL.search(text)
    return match.group(0) if match else None
