"""Sentences and tokens with offsets into the article text, for Korean and English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.catalogue import load_catalogue
from kg.loader import Article


@dataclass(frozen=True, slots=True)
class Token:
    """A morpheme (Korean) or word (English) with absolute offsets."""

    form: str
    tag: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body; `paragraph` counts body paragraphs.

    `tokens` are Kiwi's morphemes for Korean, and empty for English, whose rules read
    the text itself.
    """

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    paragraph: int


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
        for first in range(0, len(article.body), KIWI_BATCH):
            yield from _korean(article, first)
    else:
        yield from _english(article)


KIWI_BATCH = 256
"""Paragraphs given to Kiwi at once (it analyses them in parallel on its threads). The
morphemes of a whole 4 MB article took 200 MiB."""


def _korean(article: Article, first: int) -> list[Sentence]:
    """The sentences of `KIWI_BATCH` paragraphs from the `first`."""
    kiwi = korean_tokenizer()
    spans = article.body[first : first + KIWI_BATCH]
    texts = [span.text for span in spans]
    if FORKED:  # Kiwi's thread pool did not survive the fork: one text at a time
        analysed = [kiwi.split_into_sents(text, return_tokens=True) for text in texts]
    else:  # the paragraphs in parallel on Kiwi's threads
        analysed = kiwi.split_into_sents(texts, return_tokens=True)
    sentences: list[Sentence] = []
    for index, (span, sents) in enumerate(zip(spans, analysed, strict=True), start=first):
        for sent in sents:
            base = span.start
            tokens = tuple(
                Token(t.form, t.tag, base + t.start, base + t.start + t.len) for t in sent.tokens
            )
            sentence = Sentence(base + sent.start, base + sent.end, sent.text, tokens, index)
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
