"""Builders for store, pipeline, export and web tests: documents and candidates written by us."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import strategies as st

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.document import Document
from frontwatch.model.mention import Count, Mention
from frontwatch.model.place import Place
from frontwatch.model.raw import RawDocument
from frontwatch.model.span import Span
from frontwatch.model.vocab import ACLED_TAXONOMY, DatePrecision, GeoPrecision, Stance, WeaponCategory
from frontwatch.pipeline.events.assemble import Extraction
from frontwatch.store import Store
from frontwatch.store.writes import store_document

GANJA = Place(587084, "Ganja", 40.6828, 46.3606, "AZ", "Ganja", "PPLA", 335600)
STEPANAKERT = Place(174875, "Stepanakert", 39.8153, 46.7519, "AZ", "Xankandi", "PPLA", 55200)

WIRE_TEXT = (
    "GANJA, Azerbaijan, Oct 4 (Wire) - Artillery shells hit apartment blocks in Ganja on Sunday, "
    "killing at least 3 civilians, Azerbaijan's defence ministry said. "
    "Armenia's defence ministry denied targeting civilian areas."
)


def make_raw(text: str = WIRE_TEXT, source: str = "wire-ganja.txt", **hints: object) -> RawDocument:
    return RawDocument(
        content=text.encode(),
        media_type="text/plain",
        source=source,
        fetched_at=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
        **hints,  # type: ignore[arg-type]
    )


def make_document(raw: RawDocument, title: str | None = "Shells hit Ganja") -> Document:
    return Document(
        doc_id=raw.sha256,
        text=raw.content.decode(),
        title=title,
        published=date(2020, 10, 4),
        language="en",
        url=raw.url,
        external_id=raw.external_id,
        source=raw.source,
    )


def make_candidate(document: Document, evidence: Span | None = None, **changes: object) -> EventCandidate:
    """A shelling of Ganja as claimed by Azerbaijan's ministry, evidenced by the document's first sentence."""
    first_sentence = Span(0, document.text.find(". ") + 1 or len(document.text))
    candidate = EventCandidate(
        doc_id=document.doc_id,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date_earliest=date(2020, 10, 4),
        date_latest=date(2020, 10, 4),
        date_precision=DatePrecision.DAY,
        place=GANJA,
        geo_precision=GeoPrecision.TOWN,
        actor1="Military Forces of Armenia",
        actor2="Civilians (Azerbaijan)",
        killed=Count(3, None),
        injured=None,
        civilian_targeting=True,
        weapons=("artillery",),
        claimed_by="Azerbaijan Defence Ministry",
        stance=Stance.CLAIMS,
        evidence=(evidence or first_sentence,),
        confidence=0.8,
        partisan=True,
    )
    return replace(candidate, **changes)  # type: ignore[arg-type]


def extracted(*candidates: EventCandidate, mentions: tuple[Mention, ...] = ()) -> Extraction:
    """What a stand-in extractor found: these candidates and mentions."""
    return Extraction(mentions=mentions, events=list(candidates))


def killed_sentence_extraction(document: Document, gazetteer: object) -> Extraction:
    """A stand-in extractor: one candidate per sentence that says someone was killed, no mentions."""
    events = [
        make_candidate(document, Span(match.start(), match.end()))
        for match in re.finditer(r"[^.\s][^.]*\bkill\w*[^.]*\.", document.text)
    ]
    return Extraction(mentions=(), events=events)


texts = st.text(min_size=1, max_size=40)
counts = st.builds(
    lambda low, extra: Count(low, None if extra is None else low + extra),
    st.integers(0, 100_000),
    st.none() | st.integers(0, 1_000),
)
places = st.builds(
    Place,
    geonames_id=st.integers(1, 2**40),
    name=texts,
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
    country=st.sampled_from(["AZ", "AM", "UA", "RU", "SD"]),
    admin1=st.none() | texts,
    feature_code=st.sampled_from(["PPL", "PPLA", "ADM1", "PCLI"]),
)
type_pairs = st.sampled_from([(t, sub) for t, subs in ACLED_TAXONOMY.items() for sub in subs])


@st.composite
def candidates_for(draw: st.DrawFn, document: Document) -> EventCandidate:
    """Any candidate the extractor could emit for ``document``, evidence inside its text."""
    event_type, sub_event_type = draw(type_pairs)
    earliest = draw(st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31)))
    latest = None if earliest is None else draw(st.dates(earliest, date(2031, 12, 31)))
    place = draw(st.none() | places)
    offsets = st.integers(0, len(document.text))
    evidence = draw(st.lists(st.tuples(offsets, offsets).map(lambda ab: Span(min(ab), max(ab))), max_size=3))
    return EventCandidate(
        doc_id=document.doc_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date_earliest=earliest,
        date_latest=latest,
        date_precision=draw(st.none() | st.sampled_from(DatePrecision)),
        place=place,
        geo_precision=draw(st.none() | st.sampled_from(GeoPrecision)),
        actor1=draw(st.none() | texts),
        actor2=draw(st.none() | texts),
        killed=draw(st.none() | counts),
        injured=draw(st.none() | counts),
        civilian_targeting=draw(st.booleans()),
        weapons=tuple(draw(st.lists(st.sampled_from([str(w) for w in WeaponCategory]), max_size=3))),
        claimed_by=draw(texts),
        stance=draw(st.sampled_from(Stance)),
        evidence=tuple(evidence),
        confidence=draw(st.floats(0, 1)),
        partisan=draw(st.booleans()),
        location_text=None if place else draw(st.none() | texts),
    )


ReportParts = tuple[RawDocument, Document, list[EventCandidate]]


def seed_store(path: Path, *documents: ReportParts) -> None:
    """A store holding the given documents and their candidates."""
    with Store.open(path) as store:
        for raw, document, candidates in documents:
            store_document(store, raw, document, extracted(*candidates), "0.1.0")


def ganja_report(title: str | None = "Shells hit Ganja") -> ReportParts:
    """The wire story on Ganja with its one candidate."""
    raw = make_raw(external_id="wire-0042", url="https://example.org/ganja")
    document = make_document(raw, title=title)
    return raw, document, [make_candidate(document)]


STEPANAKERT_TEXT = (
    "STEPANAKERT, Oct 4 (Wire) - Rockets struck the centre of Stepanakert overnight, killing 2 people and "
    "wounding 11, officials in Artsakh said."
)


def stepanakert_report() -> ReportParts:
    """A rocket strike on Stepanakert overnight into Oct 4, as Artsakh officials tell it."""
    raw = make_raw(STEPANAKERT_TEXT, source="wire-stepanakert.txt", external_id="wire-0043")
    document = make_document(raw, title="Rockets hit Stepanakert")
    candidate = make_candidate(
        document,
        date_earliest=date(2020, 10, 3),
        place=STEPANAKERT,
        actor1="Military Forces of Azerbaijan",
        actor2="Civilians (Azerbaijan)",
        killed=Count(2, 2),
        injured=Count(11, 11),
        weapons=("rockets",),
        claimed_by="Artsakh officials",
        confidence=0.7,
    )
    return raw, document, [candidate]
