"""The Korean trigger lexicon and the mention steps that come before relation frames.

`kg/data/lexicon_ko.json` lists, per relation, the words that say it holds (triggers),
the words that hold only with a pledge named beside them, and the words that cancel a
clause (negation, modality, future); each entry carries the phrase it was written for.
This module compiles it once and adds the mentions the catalogue alone misses: pledges
named by description ("첨단 AI 안전 공약") and names with a stock code inside them
("LG(003550) AI연구원").
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Span


@dataclass(frozen=True)
class Lexicon:
    """The compiled lexicon: one regular expression per relation and part."""

    raw: dict[str, Any]
    compiled: dict[tuple[str, str], re.Pattern[str]]
    descriptions: tuple[tuple[re.Pattern[str], str | None], ...]
    counts: dict[int, str]
    regions: frozenset[str]

    def cue(self, relation: str, part: str) -> re.Pattern[str]:
        """The expression matching any entry of `relation`'s `part` ("triggers", …)."""
        return self.compiled[(relation, part)]

    def entries(self) -> list[tuple[str, str, str, str]]:
        """Every (relation, part, pattern, example) of the lexicon."""
        rows = []
        for relation in ("signed", "attended"):
            for part, items in self.raw[relation].items():
                rows += [(relation, part, i["pattern"], i["example"]) for i in items]
        rows += [
            ("pledge", "description", d["pattern"], d["example"])
            for d in self.raw["pledge_descriptions"]
        ]
        return rows


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    """Compile a lexicon given as the parsed JSON document."""
    compiled = {
        (relation, part): re.compile("|".join(f"(?:{i['pattern']})" for i in items))
        for relation in ("signed", "attended")
        for part, items in raw[relation].items()
    }
    descriptions = tuple(
        (re.compile(d["pattern"]), d["pledge"]) for d in raw["pledge_descriptions"]
    )
    counts = {int(k): v for k, v in raw["pledge_counts"].items()}
    return Lexicon(raw, compiled, descriptions, counts, frozenset(raw["regions"]))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled Korean lexicon, read once."""
    text = (resources.files("kg") / "data" / "lexicon_ko.json").read_text(encoding="utf-8")
    return build_lexicon(json.loads(text))


_COUNT = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:개\s?사|곳|개\s?(?:기업|회사|업체)|개의\s?기업)")


def described_pledges(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """Pledges named by what they are rather than by name: by their words (프런티어, 첨단,
    고성능 + 안전 is the frontier safety pledge; 기업 or 비즈니스 + 서약 the business
    pledge), and where the words do not tell, by the article: the only pledge it has
    named so far, else the number of signatories the sentence states."""
    taken = [
        (f.span.start, f.span.end)
        for f in found
        if reader.type_of(f.key) is not EntityType.PLACE and not _described(reader, f)
    ]
    out: list[Found] = []
    for match, pledge in sentence.recall(_descriptions, lambda: _descriptions(sentence.text)):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if any(s < end and start < e for s, e in taken):
            continue
        key = pledge or _by_article(reader, sentence)
        if key is None or key not in reader.catalogue.entities:
            continue
        taken.append((start, end))
        out.append(Found(key, Span(start, end, match.group(0))))
    return out + _both_sides(reader, sentence, taken)


def _descriptions(text: str) -> list[tuple[re.Match[str], str | None]]:
    """The lexicon's pledge descriptions in a text, each with the pledge it names (None:
    the article tells), pattern by pattern."""
    return [
        (match, pledge)
        for pattern, pledge in lexicon().descriptions
        for match in pattern.finditer(text)
    ]


def _both_sides(reader: Reader, sentence: Sentence, taken: list[tuple[int, int]]) -> list[Found]:
    """ "양쪽에 다" (on both sides) stands for every pledge the article has named, when it
    has named two or more: one mention of each, on the same words."""
    named = reader.seen(EntityType.PLEDGE)
    if len(named) < 2:
        return []
    out: list[Found] = []
    for match in sentence.matches(lexicon().cue("signed", "both")):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not any(s < end and start < e for s, e in taken):
            out += [Found(key, Span(start, end, match.group(0))) for key in named]
    return out


def _described(reader: Reader, item: Found) -> bool:
    """True for a pledge new to this article whose whole name is a description the
    lexicon resolves ("고성능 AI 안전 서약"): it is dropped, to be read as the pledge it
    describes. A name with more words than a description ("한빛 AI 안전 서약") stays."""
    name = item.span.text
    if reader.pledge_names.get(name) != item.key:
        return False
    if not any(pattern.fullmatch(name) for pattern, _ in lexicon().descriptions):
        return False
    del reader.pledge_names[name]
    reader.entities.pop(item.key, None)
    return True


def _by_article(reader: Reader, sentence: Sentence) -> str | None:
    named = reader.seen(EntityType.PLEDGE)
    if len(named) == 1:
        return named[0]
    if named:
        return None
    counts = {lexicon().counts.get(int(m.group(1))) for m in _COUNT.finditer(sentence.text)}
    counts.discard(None)
    return counts.pop() if len(counts) == 1 else None


_TICKER = re.compile(r"\(\d{6}\)\s?")


def ticker_names(reader: Reader, sentence: Sentence, found: list[Found]) -> list[Found]:
    """Names a stock code interrupts ("LG(003550) AI연구원" is LG AI Research, not LG):
    the name found before the code, joined with the words after it, when the catalogue
    knows the whole. Returns `found` with such names made whole."""
    text = sentence.text
    for match in sentence.matches(_TICKER):
        before = next((f for f in found if f.span.end == sentence.start + match.start()), None)
        if before is None:
            continue
        after = [t for t in sentence.tokens if t.start >= sentence.start + match.end()]
        words: list[int] = []
        for token in after:
            if not token.tag.startswith(("SL", "NN", "SN")) or (
                words and token.start > words[-1] + 1
            ):
                break
            words.append(token.end)
        for end in reversed(words):
            tail = text[match.end() : end - sentence.start]
            key = reader.catalogue.lookup(before.span.text + " " + tail)
            if key is not None and key != before.key:
                span = Span(
                    before.span.start,
                    end,
                    text[before.span.start - sentence.start : end - sentence.start],
                )
                found = [
                    f
                    for f in found
                    if f is not before and not (span.start <= f.span.start < span.end)
                ]
                found.append(Found(key, span))
                break
    return sorted(found, key=lambda f: f.span.start)


def pledge_verb(text: str, pledges: list[Found], sentence: Sentence) -> bool:
    """A verb that signs only with a pledge as its object, right after the pledge
    ("기업 서약으로 화답했다", "안전 공약을 공개했다") or right before it as the pledge's
    modifier ("함께 마련한 서약")."""
    cue = lexicon().cue("signed", "with_pledge")
    for pledge in pledges:
        a, b = pledge.span.start - sentence.start, pledge.span.end - sentence.start
        if cue.search(text[b : b + 16]) or cue.search(text[max(0, a - 7) : a]):
            return True
    return False


_CONNECTIVES = frozenset(
    {"고", "며", "으며", "지만", "으나", "나", "는데", "은데", "면서", "으면서"}
)


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """The sentence's clauses, as offsets into its text: it is cut after a connective
    ending followed by a comma or a space ("참여하지 않았고, … 이름을 올렸다")."""
    return sentence.recall(clauses, lambda: _clauses(sentence))


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    cuts = [0]
    tokens = sentence.tokens
    for index, token in enumerate(tokens[:-1]):
        after = tokens[index + 1]
        if (
            token.tag == "EC"
            and token.form in _CONNECTIVES
            and (after.form == "," or after.start > token.end)
        ):
            cuts.append((after.end if after.form == "," else token.end) - sentence.start)
    cuts.append(len(sentence.text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def positive_clauses(sentence: Sentence, text: str, pledges: list[Found]) -> list[tuple[int, int]]:
    """In a sentence that both signs and denies ("카카오는 프론티어 서약에 참여하지 않았고,
    '서울 AI 기업 서약'에만 이름을 올렸다"), the clauses that sign and deny nothing."""
    lex = lexicon()
    out = []
    cuts = clauses(sentence)
    for a, b in cuts:
        part = text[a:b]
        inner = [p for p in pledges if a <= p.span.start - sentence.start < b]
        signs = lex.cue("signed", "triggers").search(part) or pledge_verb(text, inner, sentence)
        if signs and not lex.cue("signed", "negations").search(part):
            out.append((a, b))
    return out if len(out) < len(cuts) else []


_AND = re.compile(r"^['’\"」』]?\s*(?:과|와|및|,|·)\s*['‘\"「『]?$")
_ALL = re.compile(r"^['’\"」』]?\s*(?:에|을|를)?\s*(?:모두|다|함께|동시에|나란히)(?!\s?(?:않|빠))")


def joint_pledges(sentence: Sentence, pledges: list[Found]) -> list[Found]:
    """Pledges joined by 과/와/및 and followed by 모두 ("'프론티어 AI 안전 서약'과 '서울
    AI 기업 서약'에 모두 이름을 올렸다"): every signer of the clause signed each of them."""
    text = sentence.text
    shared: dict[tuple[int, int], dict[str, Found]] = {}
    for pledge in pledges:  # "양쪽에 다": one phrase that stands for several pledges
        shared.setdefault((pledge.span.start, pledge.span.end), {})[pledge.key] = pledge
    several = next((list(group.values()) for group in shared.values() if len(group) > 1), None)
    if several:
        return several
    ordered = sorted(pledges, key=lambda p: p.span.start)
    for first in range(len(ordered) - 1):
        run = [ordered[first]]
        for item in ordered[first + 1 :]:
            gap = text[run[-1].span.end - sentence.start : item.span.start - sentence.start]
            if not _AND.match(gap):
                break
            run.append(item)
        if len(run) >= 2 and _ALL.match(text[run[-1].span.end - sentence.start :]):
            return list({p.key: p for p in run}.values())
    return []


_BEFORE_BOTH = re.compile(r"^\s*(?:이|가|은|는|도)?\s*$")


def listed_before(sentence: Sentence, signers: list[Found], both: list[Span]) -> list[Found]:
    """The signers of the list that runs up to "both pledges" ("구글, 오픈AI, …, 네이버가 두
    서약에 모두 서명했다"): a list joined by commas, 과/와, 및 or · ends right before the
    words, and each of its items signed both. A clause in between ("A는 한 서약에만
    서명했고, B는 두 서약에 모두") ends the list."""
    text = sentence.text
    ordered = sorted(signers, key=lambda f: f.span.start)
    chain: list[Found] = []
    for mark in both:
        last = next(
            (
                i
                for i in range(len(ordered) - 1, -1, -1)
                if ordered[i].span.end <= mark.start
                and _BEFORE_BOTH.match(
                    text[ordered[i].span.end - sentence.start : mark.start - sentence.start]
                )
            ),
            None,
        )
        if last is None:
            continue
        first = last
        while first > 0:
            gap_start = ordered[first - 1].span.end - sentence.start
            if not _AND.match(text[gap_start : ordered[first].span.start - sentence.start]):
                break
            first -= 1
        chain += [f for f in ordered[first : last + 1] if f not in chain]
    return chain


def signing_clause(
    sentence: Sentence, text: str, pledges: list[Found], found: list[Found]
) -> tuple[int, int, set[int]] | None:
    """The one clause of a sentence that signs where another denies, as absolute offsets,
    with the start of the sentence's topic ("카카오는 …") when the clause names none of
    the signers in `found`.
    With no pledge named in the sentence ("애플은 명단에 없고, 구글은 서명했다"), the
    clause signs the pledge of the context."""
    windows = positive_clauses(sentence, text, pledges)
    if len(windows) != 1:
        return None
    a, b = sentence.start + windows[0][0], sentence.start + windows[0][1]
    own = any(a <= f.span.start < b for f in found)
    topic = {  # only for a clause without a name of its own ("…않았고, B 서약에 올렸다")
        f.span.start
        for f in found
        if not own
        and f.span.start < a
        and re.match(r"(?:은|는)\s", text[f.span.end - sentence.start :])
    }
    if pledges and not any(b > p.span.start >= a for p in pledges):
        return None  # the pledge named is in another clause: this one signs something else
    return a, b, topic


_PRESENT = frozenset({"는다", "ᆫ다", "ㄴ다", "ᆸ니다", "습니다"})


def announces(sentence: Sentence) -> bool:
    """True when the sentence ends in a plain present-tense verb, with no past marker
    ("의장을 맡는다", "참석한다", "열립니다"): in news, what is still to come."""
    last = list(
        itertools.islice((t for t in reversed(sentence.tokens) if not t.tag.startswith("S")), 2)
    )
    if len(last) < 2 or last[0].tag != "EF" or last[0].form not in _PRESENT:
        return False
    return last[1].tag in ("VV", "XSV")
