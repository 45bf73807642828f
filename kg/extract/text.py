"""Sentences and tokens with offsets into the article text, for Korean and English."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar, overload

from kg.catalogue import load_catalogue
from kg.loader import Article


class Token(NamedTuple):
    """A morpheme (Korean) or word (English) with absolute offsets.

    A named tuple: a long article has millions, and a tuple is made in half the time of a
    frozen dataclass.
    """

    form: str
    tag: str
    start: int
    end: int


class Tokens(Sequence[Token]):
    """A sentence's morphemes at their offsets in the article, made when a rule first
    reads them: a sentence said again is mostly read from its `Shape`, and would
    otherwise make its morphemes again, at the new offsets, for nothing. Reads, compares
    and prints as the tuple of them."""

    __slots__ = ("_base", "_made", "_morphemes")

    def __init__(self, morphemes: tuple[tuple[str, str, int, int], ...], base: int) -> None:
        self._morphemes = morphemes
        self._base = base
        self._made: tuple[Token, ...] | None = None

    def made(self) -> tuple[Token, ...]:
        """The morphemes, as a tuple."""
        if self._made is None:
            base = self._base
            self._made = tuple(
                [Token(form, tag, base + a, base + b) for form, tag, a, b in self._morphemes]
            )
        return self._made

    def __len__(self) -> int:
        return len(self._morphemes)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, index: int | slice) -> Token | tuple[Token, ...]:
        return self.made()[index]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.made())

    def __reversed__(self) -> Iterator[Token]:
        return reversed(self.made())

    def __eq__(self, other: object) -> bool:
        return self.made() == (other.made() if isinstance(other, Tokens) else other)

    def __hash__(self) -> int:
        return hash(self.made())

    def __repr__(self) -> str:
        return repr(self.made())


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body; `paragraph` counts body paragraphs.

    `tokens` are Kiwi's morphemes for Korean (`Tokens`, made when first read), and empty
    for English, whose rules read the text itself.
    """

    start: int
    end: int
    text: str
    tokens: Sequence[Token]
    paragraph: int
    shape: Shape | None = field(default=None, compare=False, repr=False)
    """Shared by every sentence of the same text and morphemes (a paragraph said again,
    at another offset); None where there is none (English, a headline, a long sentence's
    pieces)."""

    def recall(self, what: object, work: Callable[[], T]) -> T:
        """`work()`, for a result that depends on the sentence's words alone (its text and
        morphemes, offsets relative to its start), worked out once per `shape`; `what`
        names the result (a function, or a tuple of it and its other arguments)."""
        if self.shape is None:
            return work()
        kept = self.shape.kept
        result = kept.get(what, _NOT_YET)
        if result is _NOT_YET:
            result = kept[what] = work()
        return result  # type: ignore[no-any-return]

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """The matches of `pattern` in the sentence's text."""
        return self.recall(pattern, lambda: list(pattern.finditer(self.text)))


T = TypeVar("T")
_NOT_YET = object()


class Shape:
    """What the rules worked out from the words of a sentence that a long page says again
    and again (a page tens of megabytes long is mostly the same blocks): see
    `Sentence.recall`. The rules that depend on what came before still run each time.

    Shapes are made afresh for each article, so a result may also depend on what is fixed
    while one article is read (its catalogue), never on what the article said before. A
    result is shared by every sentence of the shape: callers never change it."""

    __slots__ = ("kept",)

    def __init__(self) -> None:
        self.kept: dict[object, Any] = {}


KIWI_CUTOFF = 5.0
"""Kiwi's beam cutoff (its default is 8): candidates scoring this far below the best are
dropped. At 5 it analyses about 15% faster, and on the 211 Korean articles of the test
data and the benchmark corpus its morphemes were the same as at 8 except in one weather
line of a broadcast transcript; at 3 they changed in more than half of the articles."""

FORKED = False
"""Set in a worker process forked from the one that loaded Kiwi (see `kg.build`)."""


@lru_cache(maxsize=1)
def korean_tokenizer() -> Any:
    """Kiwi, loaded once, with every Korean name of the catalogue as a user word.

    The typo and multi-word dictionaries stay off: names come from the catalogue.
    """
    from kiwipiepy import Kiwi

    kiwi = Kiwi(typos=None, load_multi_dict=False)
    kiwi.global_config.cutoff_threshold = KIWI_CUTOFF
    catalogue = load_catalogue()
    for word in catalogue.korean_words():
        kiwi.add_user_word(word, "NNP", 0.0)
    return kiwi


def release_korean() -> None:
    """Free Kiwi's model; it is loaded again when Korean text next needs it."""
    korean_tokenizer.cache_clear()


def warm_korean() -> None:
    """Load Kiwi and run its first analysis, which builds what it loads lazily.

    Done before forking worker processes, so that they share the model's memory.
    """
    korean_tokenizer().tokenize("서울에서 열린 회의.")


def split_sentences(article: Article) -> Iterator[Sentence]:
    """The body's sentences, split with Kiwi for Korean and by punctuation for English.

    Made as they are read, a few hundred paragraphs at a time: the morphemes of a long
    Korean article are never all held at once.
    """
    if article.language == "ko":
        memo = _Memo()
        for first in range(0, len(article.body), KIWI_BATCH):
            yield from _korean(article, first, memo)
    else:
        yield from _english(article)


KIWI_BATCH = 256
"""Paragraphs given to Kiwi at once (it analyses them in parallel on its threads). The
morphemes of a whole 4 MB article took 200 MiB."""

KIWI_MEMO = 200_000
"""Characters of distinct paragraphs whose analysis one article keeps (about 25 MiB of
morphemes), for the paragraphs a page says again: a very long page is mostly the same
blocks repeated, and Kiwi's analysis of a paragraph depends on its text alone."""

# a paragraph's sentences as Kiwi splits them, offsets relative to the paragraph:
# (start, end, text, morphemes as (form, tag, start, end), shape)
_Analysed = list[tuple[int, int, str, tuple[tuple[str, str, int, int], ...], Shape]]


class _Memo(dict[str, _Analysed]):
    """Kiwi's analysis of the paragraphs of one article, by text; the oldest go first when
    they hold more than `KIWI_MEMO` characters."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def keep(self, text: str, analysed: _Analysed) -> None:
        """Remember one paragraph's analysis."""
        self[text] = analysed
        self.size += len(text)
        while self.size > KIWI_MEMO and len(self) > 1:
            self.size -= len(oldest := next(iter(self)))
            del self[oldest]


def _analyse(texts: list[str], memo: _Memo) -> list[_Analysed]:
    """Kiwi's sentences and morphemes of each text; each distinct text not in `memo` is
    analysed once."""
    new = [t for t in dict.fromkeys(texts) if t not in memo]
    if new:
        kiwi = korean_tokenizer()
        options = {"return_tokens": True, "return_sub_sents": False}
        if FORKED:  # Kiwi's thread pool did not survive the fork: one text at a time
            results = [kiwi.split_into_sents(text, **options) for text in new]
        else:  # the paragraphs in parallel on Kiwi's threads
            results = kiwi.split_into_sents(new, **options)
        found: dict[str, _Analysed] = {}
        for text, sents in zip(new, results, strict=True):
            found[text] = [
                (
                    sent.start,
                    sent.end,
                    sent.text,
                    tuple((t.form, t.tag, t.start, t.start + t.len) for t in sent.tokens),
                    Shape(),
                )
                for sent in sents
            ]
        out = [found[t] if t in found else memo[t] for t in texts]
        for text, analysed in found.items():
            memo.keep(text, analysed)
        return out
    return [memo[t] for t in texts]


def _korean(article: Article, first: int, memo: _Memo) -> list[Sentence]:
    """The sentences of `KIWI_BATCH` paragraphs from the `first`."""
    spans = article.body[first : first + KIWI_BATCH]
    analysed = _analyse([span.text for span in spans], memo)
    sentences: list[Sentence] = []
    for index, (span, sents) in enumerate(zip(spans, analysed, strict=True), start=first):
        base = span.start
        for start, end, text, morphemes, shape in sents:
            tokens = Tokens(morphemes, base)
            sentence = Sentence(base + start, base + end, text, tokens, index, shape)
            sentences.extend(_bounded(sentence))
    return sentences


_ABBREV = (
    "".join(
        rf"(?<!\b{word}\.)"
        for word in (
            "Mr",
            "Ms",
            "Dr",
            "St",
            "Inc",
            "Co",
            "Corp",
            "Ltd",
            "No",
            "Jr",
            "vs",
            "Prof",
            "Mrs",
            "Gov",
            "Sen",
            "Rep",
        )
    )
    + r"(?<!\b[A-Z]\.)"
)
_EN_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?" + _ABBREV + r"\s+(?=[\"“‘(]?[A-Z0-9])")


def _english(article: Article) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, span in enumerate(article.body):
        cut = 0
        pieces = [m.end() for m in _EN_BOUNDARY.finditer(span.text)] + [len(span.text)]
        for end in pieces:
            raw = span.text[cut:end]
            lead = len(raw) - len(raw.lstrip())
            text = raw.strip()
            start = span.start + cut + lead
            cut = end
            if not text:
                continue
            # no tokens: the English rules read the text with regular expressions
            sentences.extend(_bounded(Sentence(start, start + len(text), text, (), index)))
    return sentences


MAX_SENTENCE = 1000
"""A "sentence" longer than this (the longest in the test data has 357 characters) is a
page without punctuation: it is read in pieces of at most this many characters, cut at
a space. Rules look at pairs of names and clauses within a sentence, so their cost grows
faster than its length; pieces keep reading time linear in the article's length, and
keep each piece of evidence short."""


def _bounded(sentence: Sentence) -> list[Sentence]:
    """The sentence, or, when longer than `MAX_SENTENCE`, its pieces cut at spaces."""
    text = sentence.text
    if len(text) <= MAX_SENTENCE:
        return [sentence]
    pieces: list[Sentence] = []
    cut = taken = 0
    while cut < len(text):
        end = len(text)
        if end - cut > MAX_SENTENCE:
            space = text.rfind(" ", cut + MAX_SENTENCE // 2, cut + MAX_SENTENCE)
            end = space if space > cut else cut + MAX_SENTENCE
        raw = text[cut:end]
        start = sentence.start + cut + len(raw) - len(raw.lstrip())
        piece = raw.strip()
        first = taken  # the tokens are in text order: those that start before the cut
        while taken < len(sentence.tokens) and sentence.tokens[taken].start < sentence.start + end:
            taken += 1
        if piece:
            tokens = sentence.tokens[first:taken]
            pieces.append(Sentence(start, start + len(piece), piece, tokens, sentence.paragraph))
        cut = end
    return pieces


def headline_sentence(article: Article) -> Sentence | None:
    """The headline as a sentence (for context only), if it appears in the text."""
    if not article.title:
        return None
    start = article.text.find(article.title)
    if start < 0:
        return None
    end = start + len(article.title)
    if article.language == "ko":
        tokens = tuple(
            Token(t.form, t.tag, start + t.start, start + t.start + t.len)
            for t in korean_tokenizer().tokenize(article.title)
        )
    else:
        tokens = ()
    return Sentence(start, end, article.title, tokens, -1)
