"""Rules for English news sentences: who signed, attended, and said what.

The English rules come in three layers, each a module:

- mentions: catalogue names (`kg.extract.mentions`), the same names respaced ("Google Deep
  Mind"), acronyms and pledges named by description (`en_mentions`), people beside titles and
  their organizations (`en_people`, `en_orgs`, `en_countries`);
- frames, per clause: a trigger from the lexicon (`kg/data/lexicon_en.json`, compiled by
  `en_lexicon`) sets up a relation, unless negated or put in the future (`en_frames`); the
  signing frame is `en_signing`, attendance and quotations are here;
- document context (`en_lists`): list blocks and verbless continuations, question headings,
  tables, rosters, headings the body left out, and events named paragraphs before.
"""

from __future__ import annotations

import re

from kg.extract.common import (
    blank_quotes,
    evidence,
    pick_event,
)
from kg.extract.en_frames import NOT_YET, SUBCLAUSE, happened
from kg.extract.en_lexicon import trigger
from kg.extract.en_lists import (
    read_gap,
    roster_event,
)
from kg.extract.en_mentions import (
    drop_elsewhere,
    find_descriptions,
    find_pledges,
    find_respaced,
    learn_acronyms,
)
from kg.extract.en_orgs import kind_of
from kg.extract.en_people import find_people, find_surnames, find_title_holders
from kg.extract.en_signing import read_signing
from kg.extract.mentions import Found, inside, quoted_spans
from kg.extract.reader import Reader
from kg.extract.text import Sentence
from kg.model import EntityType, Quotation, Relation, Span, Title

ATTEND = re.compile(
    r"\b(?:attend(?:ed|ing|s)?|spoke|speaking|speaks|addressed|address(?:es|ing)?|remarks|speech|keynote|"
    r"co-?chair(?:ed|s)?|chaired|moderat(?:ed|es|ing)|hosted|took\s+part|take\s+part|taking\s+part|participat(?:ed|ing)|"
    r"participants|present|podium|opens|opened|panel|panelist|told\s+the|met\s+(?:foreign|delegates)|"
    r"joined\s+(?:from|the\s+(?:forum|summit|session|roundtable|ceremony))|video|welcome|was\s+there|"
    r"first\s+up|followed\s+by|took\s+the\s+stage|on\s+stage|present(?:ed|ing)|talk|lecture|"
    r"sat\s+on|sat\s+through|sat\s+(?:next\s+to|beside|between|alongside|opposite|across\s+from)|"
    r"at\s+the\s+(?:[\w'’-]+\s+){0,4}?(?:session|forum|summit|roundtable|ceremony|meeting)\s+"
    r"(?:included|include|were|was|are)|"
    r"rounded\s+out\s+the\s+(?:[\w-]+\s+){0,4}?(?:table|panel|line-?up|stage|session|roundtable)|came\s+to|in\s+attendance|delegates?|visited|said\s+at|told\s+(?:reporters|delegates)\s+at|sat\s+in|drew|attracted|joined\s+by|in\s+the\s+room|"
    r"joined\s+(?:\w+['’]s\s+|the\s+)(?:[\w'’-]+\s+){0,3}(?:forum|summit|session|roundtable|ceremony|meeting))\b|"
    r"^\s*(?:at|in|during|on\s+the\s+sidelines\s+of)\s+the\b",
    re.IGNORECASE,
)
SPEECH = re.compile(
    r"\b(?:said|says|say|told|added|noted|stressed|wrote|argued|warned|according\s+to)\b"
)
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d)\b")
PRONOUN = re.compile(r"\b(?:he|she)\s+(?:said|says|added|told|noted|wrote)\b", re.IGNORECASE)


def read_sentence(reader: Reader, sentence: Sentence) -> None:
    """Apply every English rule to one sentence."""
    if reader.article.body and sentence.start == reader.article.body[0].start:
        _byline_post(reader)
    quotes = quoted_spans(sentence)
    text = blank_quotes(sentence, quotes)
    known = len(reader.discovered)
    named = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
    respaced = find_respaced(reader, sentence, named, text)
    find_people(reader, sentence, respaced, text)
    if len(reader.discovered) != known:  # new people: find them too, keep the respaced names
        dropped = set(named) - set(respaced)
        added = [f for f in respaced if f not in named]
        again = [f for f in reader.names_in(sentence) if not inside(f.span, quotes)]
        respaced = [f for f in again if f not in dropped] + added
    found = respaced
    found += find_surnames(reader, sentence, found, text)
    found += find_title_holders(reader, sentence, found, text)
    found += find_pledges(reader, sentence, found, text)
    found += find_descriptions(reader, sentence, found, text)
    found = drop_elsewhere(reader, found, sentence, text)
    found.sort(key=lambda f: f.span.start)
    reader.note(found)
    learn_acronyms(reader, found, sentence)
    events = [f for f in found if reader.type_of(f.key) is EntityType.EVENT]
    event = pick_event(reader, events, sentence)
    if event is None and reader.last_event and trigger("attended_anaphor").search(text):
        event = reader.last_event[0]  # "at the event", "there": the event named before
    if (
        event is not None
        and trigger("attended_fringe").search(text)
        and reader.entity(event).session
    ):
        event = reader.entity(event).super_event or event  # the coffee breaks of a session
    if event is None and _OUR_SESSION.search(text):
        event = _speaker_event(reader, sentence)  # a guest's "our session": the one she was at
    roster = roster_event(reader, sentence)
    if roster is not None:  # a bullet under "Key attendees:"
        for item in found:
            if reader.type_of(item.key) is EntityType.PERSON:
                reader.attend(item.key, roster, evidence(sentence))
    persons = list(
        dict.fromkeys(f.key for f in found if reader.type_of(f.key) is EntityType.PERSON)
    )
    if persons and event:
        _attendance(reader, sentence, found, persons, event, text)
        _each_event(reader, sentence, found, events, event, text)
        if (
            event == _scene(reader, sentence)
            and happened(text, trigger("attended_scene"), NOT_YET)
            and not trigger("attended_remote").search(text)  # quoted by phone: not in the room
        ):
            for person in persons:  # "In the expert session, A argued … B described …"
                if person != reader.author:
                    reader.attend(person, event, evidence(sentence))
    elif event and FIRST_PERSON.search(text) and not text.rstrip().endswith("?"):
        speaker = reader.speakers.get(sentence.paragraph)  # "I sat on the expert session."
        if happened(text, ATTEND, NOT_YET):
            who = (
                reader.person(speaker)
                if speaker is not None
                else None
                if reader.speakers
                else _writer(reader)  # a blog's or a post's "I"
            )
            for each in dict.fromkeys([event, *(e.key for e in events)]) if who else ():
                reader.attend(who, each, evidence(sentence))  # type: ignore[arg-type]
    if FIRST_PERSON.search(text):
        _own_past_post(reader, sentence, text)
    read_signing(reader, sentence, found, text)
    _declaration(reader, found, event, sentence, text)
    _quotes(reader, sentence, found, quotes, event, text)
    reader.remember(found, sentence.paragraph)
    read_gap(reader, sentence)


# "Posted by Jane Doe, Head of Policy, Acme": the writer's title and organization on the
# byline's own line
_BYLINE_POST = re.compile(r",\s*([A-Za-z][^,\n]{2,60}?),\s*([A-Z][\w&.\- ]{1,50}?)\s*$", re.M)


_POST_ROLE = re.compile(
    r"[^\n]*\n([A-Z][^\n|•@]{2,60}?)\s+at\s+([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})"
    r"\s*(?:[|•·]|\n|$)"
)


def _byline_post(reader: Reader) -> None:
    """The writer's post: "Posted by Jane Doe, Head of Policy, Acme", or a social post's
    header "Jane Doe • 1st / Head of Policy at Acme | …"."""
    header = _POST_HEADER.match(reader.article.text)
    role = _POST_ROLE.match(reader.article.text) if header and reader.author is None else None
    if role is not None and re.search(_TITLE_WORDS, role.group(1), re.IGNORECASE):
        writer = _writer(reader)
        org = reader.organization(role.group(2), kind_of(role.group(2)))
        span = Span(role.start(1), role.end(2), reader.article.text[role.start(1) : role.end(2)])
        title = role.group(1).strip()
        reader.add(Relation.AFFILIATED_WITH, writer, org, span, Title(title, "en", title))  # type: ignore[arg-type]
        return
    if reader.author is None and reader.outlet is not None:
        _writer_line(reader, reader.outlet)
    byline, author = reader.article.byline, reader.author
    if byline is None or author is None or len(reader.authors) != 1:
        return
    line_end = reader.article.text.find("\n", byline.end)
    rest = reader.article.text[byline.end : line_end if line_end >= 0 else None]
    match = _BYLINE_POST.fullmatch(rest.rstrip())
    if match is None or not re.search(_TITLE_WORDS, match.group(1), re.IGNORECASE):
        return
    org = reader.organization(match.group(2).strip(), kind_of(match.group(2)))
    span = Span(byline.start, byline.end + len(rest.rstrip()), byline.text + rest.rstrip())
    title = match.group(1).strip()
    reader.add(Relation.AFFILIATED_WITH, author, org, span, Title(title, "en", title))


# a writer's line above the body, with no "By": "Jane Doe\nTech Correspondent" or
# "Jane Doe, Senior Fellow, Policy Programme"
_WRITER_LINE = re.compile(
    r"^([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3})(?:,[ \t]*|[ \t]*\n[ \t]*)([A-Z][^\n]{2,80})$",
    re.MULTILINE,
)


def _writer_line(reader: Reader, outlet: str) -> None:
    """The writer named on a line of her own above the body, her title beside or under the
    name: affiliated with the outlet that publishes the piece."""
    head = reader.article.text[: reader.article.body[0].start]
    for line in _WRITER_LINE.finditer(head):
        title = line.group(2).split(",")[0].strip()
        if not re.match(rf"(?:[\w-]+\s+){{0,3}}{_TITLE_WORDS}", title, re.IGNORECASE):
            continue
        known = reader.catalogue.lookup(line.group(1))
        if known is not None and reader.type_of(known) is not EntityType.PERSON:
            continue  # "Google DeepMind\nResearch Lead": not a person
        person = reader.person(line.group(1))
        span = Span(line.start(), line.end(), line.group(0))
        reader.add(Relation.AFFILIATED_WITH, person, outlet, span, Title(title, "en", title))
        return


# "I spent six years as a policy manager at Acme", "I worked as an engineer at Acme"
_PAST_POST = re.compile(
    r"\bI\s+(?:spent\s+(?:[\w-]+\s+){1,2}(?:years?|months?)\s+as|worked\s+as|was\s+once|"
    r"used\s+to\s+be)\s+(?:an?\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+at\s+"
    r"([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})"
)


def _own_past_post(reader: Reader, sentence: Sentence, text: str) -> None:
    """The writer's former post, told in the first person: affiliated, marked "Former"."""
    match = _PAST_POST.search(text)
    if match is None or not re.search(_TITLE_WORDS, match.group(1), re.IGNORECASE):
        return
    if reader.speakers:
        return  # a transcript's "I" is the guest's, not the writer's
    writer = _writer(reader)
    if writer is None:
        return
    org = reader.organization(match.group(2), kind_of(match.group(2)))
    title = f"Former {match.group(1)}"
    reader.add(Relation.AFFILIATED_WITH, writer, org, evidence(sentence), Title(title, "en", title))


_TITLE_WORDS = (
    r"\b(?:head|director|manager|lead|officer|chief|president|fellow|editor|analyst|"
    r"counsel|scientist|researcher|engineer|correspondent|founder|partner|professor)\b"
)


# a social post's header: "Jane Doe • 1st", "Jane Doe • Founder at Acme"
_POST_HEADER = re.compile(r"\s*([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\s+•\s")


def _writer(reader: Reader) -> str | None:
    """Whoever writes in the first person outside quotes: the byline's author, else the name
    heading a social post."""
    if reader.author is not None:
        return reader.author
    header = _POST_HEADER.match(reader.article.text)
    return reader.person(header.group(1)) if header else None


# a paragraph set in an event: "In the afternoon expert session, …", or a topic sentence about
# the room ("The most crowded room was the afternoon expert session.")
_SCENE_OPENER = re.compile(
    r"\s*(?:\d\ufe0f?\u20e3\s*|\d{1,2}[.)]\s+)?"  # a numbered paragraph ("1️⃣", "2.")
    r"(?:(?:in|at|during)\s+the\s+([^,.;]{3,60}),"
    r"|the\s+([^.;!?]{3,80}?)\s+(?:was|is)\s+([^.;!?]{3,80})[.!?])",
    re.IGNORECASE,
)
_ROOM = re.compile(r"\b(?:room|session|roundtable|panel|stage|hall|table)\b", re.IGNORECASE)


def _scene(reader: Reader, sentence: Sentence) -> str | None:
    """The event a paragraph opens in: it is the scene of the paragraph's later sentences
    too. None for the opening sentence itself."""
    if not 0 <= sentence.paragraph < len(reader.article.body):
        return None
    paragraph = reader.article.body[sentence.paragraph]
    if sentence.start <= paragraph.start:
        return None
    opener = _SCENE_OPENER.match(reader.article.text, paragraph.start, paragraph.end)
    if opener is None:
        return None
    words = opener.group(1) or f"{opener.group(2)} {opener.group(3)}"
    if opener.group(1) is None and not _ROOM.search(words):
        return None  # "The forum was held at KIST." sets no scene
    keys = [reader.catalogue.lookup(words[a:b]) for a, b in reader.catalogue.scan(words)]
    events = [k for k in keys if k is not None and reader.type_of(k) is EntityType.EVENT]
    if not events and _THAT_ROOM.search(words) and reader.last_event is not None:
        last = reader.last_event[0]  # "The best exchange was on that panel.": the one named before
        return last if reader.entity(last).session else None
    return events[-1] if events else None


_THAT_ROOM = re.compile(r"\b(?:on|in|at)\s+(?:that|this)\s+(?:panel|session|roundtable)\b", re.I)


# a present progressive about later ("is hosting the session tomorrow") is a plan
_LATER = re.compile(
    r"\b(?:tomorrow|next\s+(?:week|month|year)|later\s+this\s+(?:week|month)|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"\s*\d{1,2}[:.]\d{2}\b")


def _live_entry(reader: Reader, sentence: Sentence) -> bool:
    """True inside a live blog's timestamped entry ("11:30 KST – High-level roundtable now.")."""
    if not 0 <= sentence.paragraph < len(reader.article.body):
        return False
    start = reader.article.body[sentence.paragraph].start
    return bool(_TIMESTAMP.match(reader.article.text, start))


_OUR_SESSION = re.compile(r"\b(?:our|my)\s+(?:session|panel|roundtable|table)\b", re.IGNORECASE)


def _speaker_event(reader: Reader, sentence: Sentence) -> str | None:
    """The event the guest speaking in this paragraph of a transcript was placed at."""
    speaker = reader.speakers.get(sentence.paragraph)
    key = reader.discovered.get(speaker) if speaker else None
    return reader.person_event.get(key) if key else None


def _attendance(
    reader: Reader,
    sentence: Sentence,
    found: list[Found],
    persons: list[str],
    event: str,
    text: str,
) -> None:
    """People placed at the event: by the main clause, or by their own "who attended …" clause."""
    main = text
    for clause in SUBCLAUSE.finditer(text):
        main = main[: clause.start()] + " " * (clause.end() - clause.start()) + main[clause.end() :]
        if not happened(clause.group(0), ATTEND, NOT_YET):
            continue
        before = [
            f
            for f in found
            if f.span.end <= sentence.start + clause.start()
            and reader.type_of(f.key) is EntityType.PERSON
        ]
        if before:
            reader.attend(before[-1].key, event, evidence(sentence))
            for first, second in zip(before[-2::-1], before[:0:-1], strict=False):
                gap = text[first.span.end - sentence.start : second.span.start - sentence.start]
                if not _AND.fullmatch(gap):
                    break  # "Yoon and Sunak, who co-chaired …": both chaired
                reader.attend(first.key, event, evidence(sentence))
    live = (
        happened(main, trigger("attended_live"), NOT_YET)
        or (_live_entry(reader, sentence) and happened(main, trigger("attended_now"), NOT_YET))
    ) and not _LATER.search(main)
    if happened(main, ATTEND, NOT_YET) or live:
        for person in persons:  # a live blog's "X is making the case at the roundtable" too
            if person != reader.author:
                reader.attend(person, event, evidence(sentence))


# "had attended the Bletchley summit and co-chaired the Seoul session": a verb of attending
# right before an event; "co-chaired it with B": B too
_VERB_BEFORE = re.compile(
    r"\b(?:attended|addressed|co-?chaired|chaired|co-?hosted|spoke\s+at|took\s+part\s+in)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_CO_WITH = re.compile(
    r"\bco-?(?:chair|host)ed\s+(?:[\w'’-]+\s+){0,8}?with\s+[^,;.]*", re.IGNORECASE
)


def _each_event(
    reader: Reader,
    sentence: Sentence,
    found: list[Found],
    events: list[Found],
    event: str,
    text: str,
) -> None:
    """Each event of a sentence its own verb attends: the person named last before the verb
    attended it (not "will attend", not "did not attend"), and one named after the verb's
    "with" ("co-chaired the session with B") co-hosted it."""
    people = [f for f in found if reader.type_of(f.key) is EntityType.PERSON]
    for item in events:
        at = item.span.start - sentence.start
        verb = _VERB_BEFORE.search(text, 0, at)
        if verb is None or not happened(text[: verb.end()], ATTEND, NOT_YET):
            continue
        before = [
            p
            for p in people
            if p.span.end - sentence.start <= verb.start()
            and not any(p.span.end <= e.span.start < item.span.start for e in events if e != item)
        ]
        if before and before[-1].key != reader.author:
            reader.attend(before[-1].key, item.key, evidence(sentence))
    for co in _CO_WITH.finditer(text):
        if NOT_YET.search(text[max(0, co.start() - 60) : co.start()]):
            continue  # "had not co-chaired"
        with_at = sentence.start + co.start() + co.group(0).rfind("with")
        target = next(
            (e.key for e in events if sentence.start + co.start() <= e.span.start < with_at),
            event,
        )
        for p in people:
            if with_at < p.span.start <= sentence.start + co.end():
                reader.attend(p.key, target, evidence(sentence))


_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")

_ADOPTED = re.compile(r"\b(?:adopt|endors)")
_ANNOUNCED = re.compile(r"\b(?:unveiled|announced|launched)\b")


def _declaration(
    reader: Reader, found: list[Found], event: str | None, sentence: Sentence, text: str
) -> None:
    for item in found:
        kind = reader.type_of(item.key)
        if kind is EntityType.DECLARATION and event and happened(text, _ADOPTED, NOT_YET):
            reader.add(Relation.ADOPTED_AT, item.key, event, evidence(sentence))
        if (
            kind is EntityType.PLEDGE
            and event
            and happened(text, _ANNOUNCED, NOT_YET)  # not "Not all commitments announced …"
        ):
            reader.add(Relation.ANNOUNCED_AT, item.key, event, evidence(sentence))


def _quotes(
    reader: Reader,
    sentence: Sentence,
    found: list[Found],
    quotes: list[Span],
    event: str | None,
    text: str,
) -> None:
    if not quotes or not SPEECH.search(text):
        return
    speaker = next((f.key for f in found if reader.type_of(f.key) is EntityType.PERSON), None)
    if speaker is None and PRONOUN.search(text) and reader.last_speaker:
        speaker = reader.last_speaker[0]
    if speaker is None:
        people = list(reader.seen(EntityType.PERSON))
        speaker = reader.context.last(people) if PRONOUN.search(text) else None
    if speaker is None:
        return
    where = next((f.key for f in found if reader.type_of(f.key) is EntityType.EVENT), None)
    where = where or reader.person_event.get(speaker) or event
    for quote in quotes:
        if len(quote.text.split()) >= 3:
            reader.quotations.append(Quotation(speaker, quote, "en", (evidence(sentence),), where))
    reader.last_speaker = (speaker, sentence.paragraph)
