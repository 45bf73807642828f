"""Read an article file into an `Article`: decoded text, body, title, outlet, author, date.

The text is kept exactly as decoded from the file, so every offset the extractor
records points into what a reader of the file sees. Only the metadata is parsed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from kg.errors import ArticleError
from kg.model import Span

SEED_NAME = "000_c6224cea8f581afb.txt"
ARTICLE_SUFFIXES = (".txt",)
KST = timezone(timedelta(hours=9), "KST")
_ZONES = {"KST": KST, "GMT": timezone.utc, "UTC": timezone.utc, "BST": timezone(timedelta(hours=1))}
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


def read_article(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one article file.

    Args:
        path: a UTF-8 text file (EUC-KR/CP949 is decoded when that is certain).
        encoding: force this encoding instead of detecting one.

    Returns:
        The `Article`.

    Raises:
        ArticleError: the file is missing, empty, binary, or not in a known encoding.

    >>> read_article(seed_path()).published.isoformat()
    '2024-05-22T14:00:30+09:00'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder, not an article file") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from exc
    return parse_article(data, source=str(path), encoding=encoding)


def parse_article(data: bytes, *, source: str = "<bytes>", encoding: str | None = None) -> Article:
    """Parse an article from its raw bytes; see `read_article`."""
    text = _decode(data, source, encoding)
    if not text.strip():
        raise ArticleError(f"{source}: empty (no text in the file)")
    language = detect_language(text, source)
    body = find_body(text)
    title, outlet = _title_and_outlet(text)
    return Article(
        text=text,
        source=source,
        id=hashlib.sha256(data).hexdigest()[:16],
        language=language,
        body=body,
        title=title,
        outlet=outlet or _outlet_from_footer(text),
        author=_author(text, language),
        published=_published(text, language),
        url=_url(text),
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


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError:
            raise ArticleError(f"{source}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{source}: not valid {encoding} (byte {exc.start})") from None
    if _looks_binary(data):
        raise ArticleError(f"{source}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
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
        caption = content.startswith(("▲", "△사진", "[사진")) or (bool(spans) and content.startswith("["))
        listed = bool(spans) and bool(_LIST_LINE.match(content))
        sentence = _SENTENCE_END.search(content) and (
            len(content) >= _MIN_BODY_LINE or (spans and len(content) >= _MIN_SHORT_LINE)
        )
        if (
            caption
            or listed
            or sentence
            or (spans and (_INTRO.search(content) or _INLINE_LIST.match(content)))
            or (spans and len(content) <= _MAX_HEADER and _before_list(lines, number))
        ):
            lead = len(stripped) - len(stripped.lstrip())
            begin = start + lead
            spans.append(Span(begin, begin + len(content), content))
    return tuple(spans)


_MAX_HEADER = 100
# "서명 기업: 아마존, 앤트로픽, 코히어, …": a short label, a colon, three or more items
_INLINE_LIST = re.compile(r"[^:：\n]{1,60}[:：][^,\n]+(?:,[^,]+){2,}")
_MIN_WRAPPED = 10


def _logical_lines(text: str) -> list[str]:
    """The text's lines, a sentence wrapped over several lines joined into one (with its
    line breaks: the pieces still add up to the text)."""
    lines: list[str] = []
    for line in text.splitlines(keepends=True):
        if lines and _continues(lines[-1], line):
            lines[-1] += line
        else:
            lines.append(line)
    return lines


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
    ("붙임 1. 참여 기업(14개사)" above "- 국내: 네이버, 삼성전자, …")."""
    for line in lines[number + 1 :]:
        if line.strip():
            return bool(_LIST_LINE.match(line.strip()))
    return False


_TITLE_PREFIX = re.compile(r"^(?P<outlet>[^\n]{2,60}?)\s+[-|–]\s+(?P<title>.{4,})$")


def _title_and_outlet(text: str) -> tuple[str | None, str | None]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:20]:
        if _NOISE.search(line):
            continue
        match = _TITLE_PREFIX.match(line)
        if match and len(match.group("outlet")) < len(match.group("title")):
            title, outlet = match.group("title"), match.group("outlet")
            plain = _fold_quotes(title)
            again = next((ln for ln in lines if ln != line and _fold_quotes(ln) == plain), None)
            return again or title, outlet
        return line, None
    return None, None


def _fold_quotes(line: str) -> str:
    folded = unicodedata.normalize("NFKC", line)
    return re.sub(r"[′‘’`´]", "'", folded)


_COPYRIGHT = re.compile(r"(?:저작권자\s*[ⓒ©]?|[ⓒ©]\s*(?:\d{4}\s*)?)\s*([^\].,\n]{2,40}?)\s*[.\]]")


def _outlet_from_footer(text: str) -> str | None:
    match = _COPYRIGHT.search(text)
    return match.group(1).strip() if match else None


_KO_AUTHOR = re.compile(
    r"(?:^|[\s\[=])([가-힣]{2,4})\s*(?:기자|특파원)(?:\s*[=/]|\s*$|\])", re.MULTILINE
)
_EN_AUTHOR = re.compile(r"^\s*By\s+([A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})", re.MULTILINE)


def _author(text: str, language: str) -> str | None:
    match = (_KO_AUTHOR if language == "ko" else _EN_AUTHOR).search(text)
    if match is None and language == "en":
        match = _KO_AUTHOR.search(text)
    return match.group(1) if match else None


_STAMP = re.compile(
    r"(?<!\d)(?P<y>20\d\d)[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})\.?\s+"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<zone>KST|GMT|UTC|BST)?",
    re.IGNORECASE,
)
# A stamp's label ("입력 2024.05.22 10:00") is looked for just before it: one pattern that
# tried the label at every position of the page cost more than the rest of the reading.
_STAMP_LABEL = re.compile(
    r"(기사승인|승인|입력|등록|발행|게재|Published|Posted|Updated|Date)\s*:?\s*$", re.IGNORECASE
)
_MONTHS = {
    m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}
_EN_DATE = re.compile(
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+"
    r"(?P<y>20\d\d)(?:[,\s]+(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>KST|GMT|UTC|BST)?)?",
    re.IGNORECASE,
)


def _published(text: str, language: str) -> datetime | None:
    default_zone = KST if language == "ko" else None
    stamps = list(_STAMP.finditer(text))
    labelled = [m for m in stamps if _STAMP_LABEL.search(text, max(0, m.start() - 16), m.start())]
    for match in labelled or stamps:
        zone = _ZONES.get((match.group("zone") or "").upper(), default_zone)
        try:
            return datetime(
                int(match["y"]),
                int(match["m"]),
                int(match["d"]),
                int(match["H"]),
                int(match["M"]),
                int(match["S"] or 0),
                tzinfo=zone,
            )
        except ValueError:
            continue
    for match in _EN_DATE.finditer(text):
        hour = int(match["H"] or 0)
        if match["ampm"] and match["ampm"].lower().startswith("p") and hour < 12:
            hour += 12
        zone = _ZONES.get((match.group("zone") or "").upper(), default_zone or KST)
        try:
            return datetime(
                int(match["y"]),
                _MONTHS[match["mon"][:3].lower()],
                int(match["d"]),
                hour,
                int(match["M"] or 0),
                tzinfo=zone,
            )
        except ValueError:
            continue
    return None


_URL = re.compile(r"https?://[^\s<>\"']+")


def _url(text: str) -> str | None:
    match = _URL.search(text)
    return match.group(0) if match else None
