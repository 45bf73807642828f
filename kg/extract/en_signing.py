"""The English signing frame: who signed which pledge, and the count stated.

Per clause: a signing cue (SIGN, or a pledge verb of the lexicon when the clause names a
pledge), not negated or put in the future; its signers are the organizations of the clause
that play no other role in it (investors, customers, parents), and organizations the
catalogue lacks listed beside them. Document context continues it: list items under an
introduction, verbless fragments, tables, "…, which also signed".
"""

from __future__ import annotations

import re

from kg.extract.common import (
    context_pledge,
    evidence,
    is_list_intro,
    is_list_item,
    record_signatures,
    signer_kinds,
)
from kg.extract.en_frames import NOT_YET, SUBCLAUSE, happened
from kg.extract.en_lexicon import country_words, trigger
from kg.extract.en_lists import (
    continuation,
    is_region,
    signed_just_before,
    table_row,
    unknown_items,
)
from kg.extract.en_mentions import (
    elsewhere,
)
from kg.extract.en_orgs import NOT_NAME_WORDS, SUFFIX
from kg.extract.mentions import Found
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Relation, Span

SIGN = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|signatures?|signator(?:y|ies)|join(?:ed|s)?|endorsed?|committed|commit|among\s+(?:them|its)|"
    r"pledged|made\s+(?:the\s+)?(?:voluntary\s+)?commitments?|"
    r"on\s+the\s+list|includ(?:e|es|ed|ing)|listed|put\s+(?:their|its)\s+names?|agreed|backed\s+the|"
    r"adopted|made\s+the\s+commitments?|are\s*:|among\s+the\s+(?:\d{1,3}|[a-z]+teen)|"
    r"bears?\s+the\s+names?|complete\s+the\s+list|the\s+list\s+(?:had|has|featured|features)|"
    r"(?:was|were|is|are)\s+on\s+(?:that|this)\s+(?:one|list)|"
    # "Salesforce and Adobe were also on the business pledge"
    r"(?:was|were|is|are)\s+(?:also\s+)?on\s+the\s+(?:[\w-]+\s+){0,4}(?:pledge|commitments))\b",
    re.IGNORECASE,
)
# "14 companies announced the pledge": a signing only when the clause names the pledge.
SIGN_WITH_PLEDGE = re.compile(
    r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s|ing)|launch(?:ed|es)|(?:companies|firms)\s+behind|"
    r"list\s+of\s+(?:the\s+)?(?:\d{1,3}\s+|[a-z]+teen\s+)?(?:companies|firms|signatories))\b",
    re.IGNORECASE,
)
NOT_SIGNED = re.compile(
    r"\b(?:not\s+among|none\s+of|neither|correction|wrongly|incorrectly|mistakenly|"
    # "outside the list", not "Outside the United States the list takes in …"
    r"(?-i:[Oo]utside\s+the\s+(?![A-Z]))|"
    r"erroneously|earlier\s+(?:post|report|story|version)\s+said|"
    # "X is not a signatory", "Y sits under its parent's signature rather than its own"
    r"not\s+(?:a\s+|one\s+of\s+the\s+)?signator(?:y|ies)|(?:parent|group)['’]s\s+signature|"
    r"rather\s+than\s+(?:its|their)\s+own)\b",
    re.IGNORECASE,
)
ROLE_BEFORE = re.compile(
    r"\b(?:backed\s+by|backers?|investors?|invested\s+in|funded\s+by|owned\s+by|partners?(?:\s+with)?|"
    r"customers?|clients?|lenders?|suppliers?|rivals?|competitors?|counts|sells|unit\s+of|"
    r"subsidiary\s+of|parent|acquired|products?|chips?|holding\s+company|(?:think\s+tank|arm|affiliate|"
    r"division)\s+of)\b[^.;]*$",
    re.IGNORECASE,
)
ROLE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:investors?|backers?|chips?|products?|models?|platform|cloud|parent|owner|"
    r"unit|subsidiary|arm|lab|"
    r"chatbot|itself\s+did\s+not)\b",
    re.IGNORECASE,
)
CLAUSES = re.compile(
    # a clause starts at the first space of a run, so a long run of spaces (blanked quotes)
    # is not tried from each of its spaces
    r"(?:,|(?<![\s,]))\s+(?:although|though|while|whereas|but)\s+|;\s+|,\s+and\s+(?=none|not|neither)"
    r"|,\s+and\s+(?=(?:[A-Za-z][\w-]*\s+){0,4}?(?:it|they)\s)"  # ", and the next day it also joined"
)
NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
COUNT = re.compile(
    # "one of fourteen signatories" counts fourteen, "sixteen of the world's leading developers"
    # sixteen: no "of" between a number and its noun except the world's
    r"\b(\d{1,3}|" + "|".join(NUMBERS) + r")(?:\s+(?:of\s+the\s+world['’]s\s+)?"
    r"(?:(?!of\b)[A-Za-z\-]+\s+){0,3}?"
    r"(?:companies|firms|businesses|organi[sz]ations|developers|signatories|signatures|tech\s+companies|"
    r"makers)|-(?:member|company|firm|strong)\s+(?:group|list|coalition|club|roster))\b",
    re.IGNORECASE,
)
# "eight international companies", "six of the Korean firms": a part of the signatories.
SUBSET = re.compile(
    r"\b(?:international|foreign|overseas|domestic|local|korean|american|u\.?s\.?|chinese|european|"
    r"british|japanese|other|more|additional|further|new|of\s+the|of\s+them)\b",
    re.IGNORECASE,
)


def read_signing(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> None:
    listed = is_list_item(sentence) and reader.list_pledge is not None
    if is_list_intro(text):
        pledge = next((f.key for f in found if reader.type_of(f.key) is EntityType.PLEDGE), None)
        pledge = pledge or context_pledge(reader, sentence)
        cue = SIGN.search(text) or (_named_pledge(reader, found) and _INTRO_CUE.search(text))
        reader.list_pledge = (pledge, sentence.paragraph) if pledge and cue else None
        if reader.list_pledge is not None:  # "Sixteen developers signed … on 21 May:"
            pledges = [f for f in found if reader.type_of(f.key) is EntityType.PLEDGE]
            record_signatures(reader, sentence, [], pledges, _counts(sentence, 0, text))
        return
    if listed:
        reader.last_pledge = (reader.list_pledge[0], sentence.paragraph)  # type: ignore[index]
        items = [f for f in found if signer_kinds(reader, f.key)]
        unknown = _list_org(reader, sentence) if not items else None
        record_signatures(reader, sentence, [*items, *([unknown] if unknown else [])], [], [])
        return
    if table_row(reader, sentence):
        return
    reader.list_pledge = None
    if sentence.text.rstrip().endswith("?"):
        if trigger("signed_question", anchored=True).match(text.strip()):  # "Who signed?"
            pledge = context_pledge(reader, sentence)
            reader.list_pledge = (pledge, sentence.paragraph) if pledge else None
        return  # a question asserts nothing ("Is Google DeepMind on the list?")
    pledge = continuation(reader, sentence, text, found)
    if pledge is not None:  # "In addition, Cohere and IBM."
        reader.last_pledge = (pledge, sentence.paragraph)
        known = [f for f in found if signer_kinds(reader, f.key)]
        extra = unknown_items(reader, sentence, text, (0, len(text)), found, known)
        record_signatures(reader, sentence, [*known, *extra], [], [])
        return
    if _both_lists(reader, sentence, found, text):
        return
    # "Japan is represented by NEC and Fujitsu.": a signing only right after one
    after = trigger("signed_after_signing").search(text) and signed_just_before(reader, sentence)
    employers = {
        obj for rel, _, obj in reader.stated_in(evidence(sentence))
        if rel is Relation.AFFILIATED_WITH
    }
    excluded = [(m.start(), m.end()) for m in SUBCLAUSE.finditer(text)]
    _signing_subclauses(reader, sentence, found, text)
    text = _NAME_SEMICOLON.sub(", ", text)  # "Inflection AI; Meta; Microsoft": one list
    offset = 0
    signing_before = False
    for clause in CLAUSES.split(text):
        begin = text.find(clause, offset)
        offset = begin + len(clause)
        lo, hi = sentence.start + begin, sentence.start + offset
        inside_clause = [f for f in found if lo <= f.span.start < hi]
        pledges = [f for f in inside_clause if reader.type_of(f.key) is EntityType.PLEDGE]
        # a cue inside "…, which unveiled the pledge," is the subclause's, not its signers',
        # unless the subclause is the pledge's own ("the Commitments, which 16 firms agreed to")
        main = _own_subclauses(clause, {p.span.end - sentence.start - begin for p in pledges})
        # "… announced a partnership at the forum, where the pledge was unveiled": the pledge
        # stands in a clause of its own, not as the object of the verb before it
        setting = [(m.start(), m.end()) for m in _SETTING.finditer(clause)]
        objects = [
            p
            for p in pledges
            if not any(a <= p.span.start - sentence.start - begin < b for a, b in setting)
        ]
        signs = (
            happened(main, SIGN, NOT_YET)
            or happened(main, trigger("signed_list_cue"), NOT_YET)
            or (bool(objects) and happened(main, SIGN_WITH_PLEDGE, NOT_YET))
            or (bool(objects) and happened(main, trigger("signed_with_pledge"), NOT_YET))
            or bool(trigger("signed_by_count", anchored=True).match(clause.lstrip()))
            or (bool(after) and happened(main, trigger("signed_after_signing"), NOT_YET))
        )
        # "A and B were among the Korean signatories, while C and D were among the foreign
        # ones": "ones" stands for the signatories of the clause before
        signs = signs or (signing_before and bool(_ONES.search(main)))
        signing_before = signing_before or signs
        if not signs or NOT_SIGNED.search(SUBCLAUSE.sub(",", clause)):
            continue
        if not pledges and _other_pledge(clause):
            continue  # "… signed the White House commitments in 2023"
        signers = [
            f
            for f in inside_clause
            if signer_kinds(reader, f.key)
            and not any(s <= f.span.start - sentence.start < e for s, e in excluded)
            and f.key not in employers
            and not _other_role(text, f, sentence)
        ]
        signers += _unknown_listed(reader, sentence, begin, clause, inside_clause)
        signers += [
            f
            for f in unknown_items(reader, sentence, text, (begin, offset), inside_clause, signers)
            if f.key not in {s.key for s in signers} and not _other_role(text, f, sentence)
        ]
        signers = [f for f in signers if not _cut_off(reader, sentence, f)]
        if not signers:  # "the commitments his company signed": the speaker's employer
            signers = _own_company(reader, sentence, found, clause, begin)
        if not signers and _PRONOUN_SUBJECT.match(clause):
            signers = [f for f in found if f.span.start < lo and signer_kinds(reader, f.key)][:1]
        # "…, neither of which had taken part in the frontier document": a subclause's pledge
        # is not the one the main clause signs
        pledges = [
            p
            for p in pledges
            if not any(a <= p.span.start - sentence.start < b for a, b in excluded)
        ] or pledges
        if not pledges:  # "… drafted the frontier text, though the signature is Google's"
            pledges = [
                f for f in found if f.span.end <= lo and reader.type_of(f.key) is EntityType.PLEDGE
            ][-1:]
        record_signatures(reader, sentence, signers, pledges, _counts(sentence, begin, clause))


# "The companies agreeing to the commitments are:", "Firms backing the pledge include:": a
# participle phrase naming the signatories of the pledge the introduction names
_INTRO_CUE = re.compile(
    r"\b(?:agreeing|committing|subscribing|signing\s+up|joining|endorsing|backing|adopting)\b"
    r"(?:\s+(?:on\s+)?to)?\s+(?:[\w'’-]+\s+){0,8}?(?:are|were|include|included)\s*:\s*$",
    re.IGNORECASE,
)


def _named_pledge(reader: Reader, found: list[Found]) -> bool:
    return any(reader.type_of(f.key) is EntityType.PLEDGE for f in found)


_NO_BOTH = re.compile(r"\b(?:no|none|neither|not|never|n't)\b", re.IGNORECASE)


def _both_lists(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> bool:
    """ "Five names appear on both lists: A, B, …", "Kakao signed both pledges": the
    organizations of the sentence signed every pledge the article names (two or more);
    True when the sentence was read so."""
    both = trigger("signed_both").search(text)
    if both is None:
        return False
    every = list(reader.seen(EntityType.PLEDGE))
    if len(every) < 2 or _NO_BOTH.search(text) or NOT_SIGNED.search(text):
        return False  # "No company is on both lists", "Apple is on neither"
    known = [f for f in found if signer_kinds(reader, f.key) and not _other_role(text, f, sentence)]
    signers = known + unknown_items(reader, sentence, text, (0, len(text)), found, known)
    span = evidence(sentence)
    for item in signers:
        reader.entities.setdefault(item.key, reader.entity(item.key))
        for pledge in every:
            reader.add(Relation.SIGNED, item.key, pledge, span)
    return bool(signers)


# "it also joined", "the next day it also joined": the clause's subject is the pronoun
# (not "analysts said it signed": a reported clause's "it" is someone else's)
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:(?!(?:said|says|say|told|added|noted|thinks?|believes?)\b)[A-Za-z][\w-]*\s+){0,4}?"
    r"(?:[Ii]t|[Tt]hey)\b"
)


def _counts(sentence: Sentence, begin: int, clause: str) -> list[tuple[int, Span]]:
    """The signatory totals a clause states ("16 firms", "Fourteen companies"), not a part
    of them ("eight international companies")."""
    return [
        (
            int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1).lower()],
            Span(sentence.start + begin + m.start(), sentence.start + begin + m.end(), m.group(0)),
        )
        for m in COUNT.finditer(clause)
        if (
            not SUBSET.search(m.group(0).replace("of the world", ""))
            or re.search(r"\band\b", m.group(0))  # "domestic and foreign"
        )
        and not _PART_BEFORE.search(clause, 0, m.start())
        and not _PART_AFTER.match(clause, m.end())
        and not _from_one_place(clause[m.end() :])
        and not re.search(rf"\b(?:{_REGIONS}|{country_words()})\b", m.group(0))
    ]


# "three Asian companies", "two firms from the UAE", "only three signatories … are
# headquartered outside Europe": a part of the signatories picked by where they are from
_REGIONS = r"(?:Asian|African|European|Middle\s+Eastern|Latin\s+American|North\s+American|Gulf)"
_PART_BEFORE = re.compile(r"\b(?:another|the\s+other)\s+$", re.IGNORECASE)
_PART_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,6}?(?:are|were|is)\s+(?:headquartered|based)\b", re.IGNORECASE
)


def _from_one_place(after: str) -> bool:
    """True for "… firms from the UAE, G42 and TII": one place of origin, a part of the list;
    not "from South Korea and abroad", "from the US, Europe and Asia" (the whole list)."""
    places = rf"(?:the\s+)?(?:{_REGIONS}|{country_words()}|Europe|Asia|Africa|the\s+Middle\s+East)"
    one = re.match(rf"\s+from\s+{places}\b", after)
    if one is None:
        return False
    more = rf"\s*(?:,|\band\b|\bor\b)\s*(?:and\s+)?(?:{places}|abroad|elsewhere|overseas)\b"
    return re.match(more, after[one.end() :]) is None


_OWN = re.compile(
    r"\b(?:his|her|their)\s+(?:own\s+)?(?:company|firm|lab|start-?up|employer)\b", re.IGNORECASE
)


_ONES = re.compile(r"\bamong\s+the\s+(?:[\w-]+\s+){0,2}ones\b", re.IGNORECASE)
_SETTING = re.compile(r",\s*(?:where|when|after|before|while|as)\b[^,;]*")


def _own_subclauses(clause: str, pledge_ends: set[int]) -> str:
    """The clause with its subclauses blanked, except those hanging from a pledge."""
    return SUBCLAUSE.sub(
        lambda m: (
            m.group(0) if m.start() in pledge_ends else "," + " " * (len(m.group(0)) - 2) + ","
        ),
        clause,
    )


def _own_company(
    reader: Reader, sentence: Sentence, found: list[Found], clause: str, begin: int
) -> list[Found]:
    """ "Clark said the commitments his company signed …": the one company the person named
    before the phrase in the sentence works for."""
    own = _OWN.search(clause)
    if own is None:
        return []
    at = sentence.start + begin + own.start()
    people = [f for f in found if f.span.end <= at and reader.type_of(f.key) is EntityType.PERSON]
    if not people:
        return []
    employers = {
        obj
        for (rel, subject, obj) in reader.facts
        if rel is Relation.AFFILIATED_WITH
        and subject == people[-1].key
        and isinstance(obj, str)
        and signer_kinds(reader, obj)
    }
    if len(employers) != 1:
        return []
    return [Found(employers.pop(), Span(at, sentence.start + begin + own.end(), own.group(0)))]


def _cut_off(reader: Reader, sentence: Sentence, item: Found) -> bool:
    """True for a name in the last item of a text that stops mid-sentence ("… Kakao and
    LG AI Re"): the item may be cut short, so the name it starts with may not be the one meant."""
    text = reader.article.text
    end = len(text)
    while end > sentence.end and text[end - 1].isspace():
        end -= 1
    if sentence.end < end or re.search(r"[.!?\"'”’)\]]$", text[sentence.start : end]):
        return False
    last = max(
        text.rfind(",", sentence.start, end),
        text.rfind(" and ", sentence.start, end),
        text.rfind(";", sentence.start, end),
        sentence.start,
    )
    return item.span.start > last


# a semicolon between two short names is a list separator, not a clause break
_NAME_SEMICOLON = re.compile(
    # (a name may open in lower case: "xAI", "iFlytek")
    r"(?<=[\w.)]);\s(?=(?:and\s)?(?:[A-Z]|[a-z]{1,2}[A-Z])[\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}"
    r"(?:\s\([^()]*\))?\s*(?:[;.]|$))"
)


_WHICH_SIGNED = re.compile(
    r",\s*(?:which|who)\s+(?:also\s+|too\s+|has\s+|had\s+)*(?:signed|joined|"
    r"(?:was|were|is|are)\s+(?:also\s+)?among\s+the\s+(?:[\w-]+\s+){0,2}?"
    r"(?:companies|firms|developers|signatories|labs)\s+(?:behind|that\s+signed))\b[^,]*"
)


def _signing_subclauses(reader: Reader, sentence: Sentence, found: list[Found], text: str) -> None:
    """ "Anthropic, which also signed, …": the organization the clause hangs from signed."""
    for item in found:
        rel = item.span.end - sentence.start
        clause = _WHICH_SIGNED.match(text, rel)
        if (
            clause is None
            or not signer_kinds(reader, item.key)
            or NOT_SIGNED.search(clause.group(0))
        ):
            continue
        if NOT_YET.search(clause.group(0)) or re.search(r"\b(?:not|never)\b", clause.group(0)):
            continue
        pledges = [
            f
            for f in found
            if reader.type_of(f.key) is EntityType.PLEDGE
            and rel <= f.span.start - sentence.start < clause.end()
        ]
        record_signatures(reader, sentence, [item], pledges, [])
    _pledge_object_clauses(reader, sentence, found, text)


# "the business pledge, which Salesforce and Adobe backed alongside a dozen others": the
# pledge is the object of a relative clause whose subjects signed it
_WHICH_THEY_SIGNED = re.compile(
    r"[^,.;]{0,40}?,\s*(?:which|that)\s+(?P<who>[^,;]{2,80}?)\s+(?:also\s+|both\s+|all\s+)?"
    r"(?:signed|backed|endorsed|joined|adopted|made|put\s+(?:their|its)\s+names?\s+to)\b"
)


def _pledge_object_clauses(
    reader: Reader, sentence: Sentence, found: list[Found], text: str
) -> None:
    for pledge in found:
        if reader.type_of(pledge.key) is not EntityType.PLEDGE:
            continue
        rel = pledge.span.end - sentence.start
        clause = _WHICH_THEY_SIGNED.match(text, rel)
        if clause is None or re.search(r"\b(?:not|never|n't)\b", clause.group("who")):
            continue
        lo, hi = sentence.start + clause.start("who"), sentence.start + clause.end("who")
        signers = [f for f in found if lo <= f.span.start < hi and signer_kinds(reader, f.key)]
        if signers:
            record_signatures(reader, sentence, signers, [pledge], [])


_ITEM = r"[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}(?:\s\([^)]{1,20}\))?"
_INCLUDING = re.compile(rf"\bincluding\s+((?:{_ITEM},\s+)*{_ITEM},?\s+and\s+{_ITEM})")


def _unknown_listed(
    reader: Reader, sentence: Sentence, begin: int, clause: str, known: list[Found]
) -> list[Found]:
    """Organizations in an "including A, B and C" list that the catalogue does not know."""
    found = []
    for listing in _INCLUDING.finditer(clause):
        for item in re.finditer(_ITEM, listing.group(1)):
            start = sentence.start + begin + listing.start(1) + item.start()
            end = start + len(item.group(0))
            if any(k.span.start < end and start < k.span.end for k in known):
                continue
            name = SUFFIX.sub("", re.sub(r"\s\([^)]*\)$", "", item.group(0)))
            if name.split()[0] in NOT_NAME_WORDS:
                continue
            found.append(Found(reader.organization(name), Span(start, start + len(name), name)))
    return found


def _list_org(reader: Reader, sentence: Sentence) -> Found | None:
    body = re.sub(r"^\s*(?:[-–•*·△▲○□◇■▶►]|\d{1,2}[.)])\s*", "", sentence.text)
    name = SUFFIX.sub("", body.strip().rstrip(".,;"))
    if not name or len(name) > 60 or not name[0].isupper() or is_region(name.rstrip(":")):
        return None  # "- Europe": a region heading, not a signatory
    start = sentence.start + sentence.text.index(name)
    return Found(reader.organization(name), Span(start, start + len(name), name))


_OTHER_PLEDGE = re.compile(r"\b(?:commitments?|pledges?|accord|agreement)\b", re.IGNORECASE)


def _other_pledge(clause: str) -> bool:
    """True when the clause's pledge is another one (the White House's, last year's)."""
    return any(elsewhere(clause, m.start(), m.end()) for m in _OTHER_PLEDGE.finditer(clause))


# the items of a list before this one ("such as Amazon, Meta and"): a role word before
# the list covers every item, and "such as" alone is no role
_LIST_BEFORE = re.compile(
    r"(?:[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*)*(?:\s\([^()]*\))?,?\s+(?:and\s+)?)+$"
)


def _other_role(text: str, item: Found, sentence: Sentence) -> bool:
    start, end = item.span.start - sentence.start, item.span.end - sentence.start
    before = text[:start]
    listed = _LIST_BEFORE.search(before)
    if listed is not None:
        before = before[: listed.start()]
    clause_start = max(before.rfind(","), before.rfind(";"), 0)
    if _PLEDGE_BACKED_BY.search(before[clause_start:]):
        return bool(ROLE_AFTER.match(text[end:]))  # "the commitments were backed by Zhipu AI"
    return bool(ROLE_BEFORE.search(before[clause_start:]) or ROLE_AFTER.match(text[end:]))


# a pledge backed by its signers, not a company backed by investors
_PLEDGE_BACKED_BY = re.compile(
    r"\b(?:commitments?|pledges?|accord)\s+(?:was|were|is|are|has\s+been|have\s+been)\s+"
    r"(?:also\s+|\w+ly\s+)?(?:backed|supported|endorsed)\s+by\b",
    re.IGNORECASE,
)
