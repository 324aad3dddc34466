"""The daily briefing: the day's events grouped by area, one cited sentence per event.

Deterministic: the same store gives the same briefing. Areas are ordered by their deadliest
development, events inside an area by deaths (best estimate), then contested first, then by how many
reports tell them. References are the documents cited, numbered in order of first citation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import yaml

from frontwatch.export.acled_csv import countries
from frontwatch.geo.gazetteer import DATA_DIR, haversine_km
from frontwatch.model.event import Tally
from frontwatch.model.mention import Count
from frontwatch.model.vocab import OUTLET, Stance
from frontwatch.store.db import Store
from frontwatch.store.records import StoredEvent, StoredReport
from frontwatch.store.search import EventFilter, iter_events

STANCE_PHRASES = {
    Stance.CLAIMS: "said so",
    Stance.REPORTS: "reported it",
    Stance.CONFIRMS: "confirmed it",
    Stance.CORROBORATES: "corroborated it",
    Stance.DENIES: "denied it",
    Stance.DISPUTES: "disputed it",
}
"""How each stance reads in a sentence, in the order the briefing lists them."""

GEO_PREPOSITION = {1: "in", 2: "near", 3: "in the area of"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
UNLOCATED = "Location not reported"


@dataclass(frozen=True, slots=True)
class Reference:
    """A cited document: its number in the briefing, title, link and who speaks in it."""

    number: int
    doc_id: str
    title: str | None
    url: str | None
    claimants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One development, in words, with the numbers of the references it cites."""

    event_id: str
    text: str
    citations: tuple[int, ...]
    status: str


@dataclass(frozen=True, slots=True)
class Section:
    """The developments in one area (first-level division and country)."""

    area: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Briefing:
    """A day's briefing, optionally restricted to one area."""

    day: date
    area: str | None
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]

    @property
    def title(self) -> str:
        where = f" — {self.area}" if self.area else ""
        return f"Briefing for {long_date(self.day)}{where}"

    @property
    def empty_statement(self) -> str:
        where = f" matching {self.area!r}" if self.area else ""
        return f"No events{where} are recorded for {long_date(self.day)}."


def build_briefing(store: Store, day: date, area: str | None = None) -> Briefing:
    """The briefing for ``day`` from the store's events of that day (see :func:`compose_briefing`)."""
    return compose_briefing(iter_events(store, EventFilter(date_from=day, date_to=day)), day, area)


def compose_briefing(events: Iterable[StoredEvent], day: date, area: str | None = None) -> Briefing:
    """The briefing of the events whose date interval contains ``day``, in ``area`` when given.

    ``area`` matches, case-insensitively, an event's country code or name, first-level division or place,
    or names a curated region of the gazetteer (Nagorno-Karabakh, Donbas…) whose circle holds the event.
    """
    events = [event for event in events if happened_on(event, day) and (area is None or in_area(event, area))]
    by_area: dict[str, list[StoredEvent]] = {}
    for event in sorted(events, key=importance):
        by_area.setdefault(area_label(event), []).append(event)
    ordered_areas = sorted(by_area.items(), key=lambda item: (importance(item[1][0]), item[0]))
    numbers: dict[str, int] = {}
    sections = tuple(
        Section(label, tuple(sentence(event, numbers) for event in area_events))
        for label, area_events in ordered_areas
    )
    return Briefing(day, area, sections, references(numbers, events))


def happened_on(event: StoredEvent, day: date) -> bool:
    """True when the event's closed date interval contains ``day`` (undated events never do)."""
    if event.date_earliest is None:
        return False
    return event.date_earliest <= day <= (event.date_latest or event.date_earliest)


def in_area(event: StoredEvent, area: str) -> bool:
    """True when ``area`` names the event's country, division or place, or a curated region holding it."""
    wanted = area.strip().casefold()
    names = (event.country, country_name(event.country), event.admin1, event.place)
    if any(name is not None and name.casefold() == wanted for name in names):
        return True
    region = named_regions().get(wanted)
    if region is None or event.lat is None or event.lon is None:
        return False
    lat, lon, radius_km = region
    return haversine_km(lat, lon, event.lat, event.lon) <= radius_km


@cache
def named_regions() -> dict[str, tuple[float, float, float]]:
    """The gazetteer's curated regions (Nagorno-Karabakh, Donbas…) by name and alias: centre and radius."""
    supplement = yaml.safe_load((DATA_DIR / "supplement.yaml").read_text(encoding="utf-8"))
    return {
        name.casefold(): (float(region["lat"]), float(region["lon"]), float(region["radius_km"]))
        for region in supplement["regions"]
        for name in (region["name"], *region["names"])
    }


def country_name(code: str | None) -> str | None:
    if code is None:
        return None
    name = countries().get(code, {}).get("name")
    return str(name) if name else code


def area_label(event: StoredEvent) -> str:
    """ "Ganja, Azerbaijan"; the country alone without a division; a fixed label when unlocated."""
    parts = [part for part in (event.admin1, country_name(event.country)) if part]
    return ", ".join(dict.fromkeys(parts)) or UNLOCATED


def importance(event: StoredEvent) -> tuple[int, bool, int, str]:
    """Sort key, most important first: deaths (best estimate), contested, reports, then id."""
    killed = event.killed.best if event.killed else -1
    return (-killed, not event.status.contested, -len(event.reports), event.event_id)


def sentence(event: StoredEvent, numbers: dict[str, int]) -> Sentence:
    """The event in words; cites each of its documents, numbering new ones as they are first cited."""
    for report in event.reports:
        numbers.setdefault(report.doc_id, len(numbers) + 1)
    citations = tuple(sorted({numbers[report.doc_id] for report in event.reports}))
    return Sentence(event.event_id, describe(event), citations, event.status.label)


def describe(event: StoredEvent) -> str:
    """What happened, where, the tolls as ranges, who says so and whether it is contested or corroborated."""
    clauses = [what_happened(event), tolls(event), attribution(event.reports), status_note(event)]
    return " ".join(clause for clause in clauses if clause)


def what_happened(event: StoredEvent) -> str:
    """ "Shelling/artillery/missile attack in Ganja by Military Forces of Armenia against Civilians (…)." """
    where = (
        f" {GEO_PREPOSITION.get(event.geo_precision or 3, 'in')} {event.place}"
        if event.place
        else " at an unreported location"
    )
    doer = f" by {event.actor1}" if event.actor1 else ""
    target = f" against {event.actor2}" if event.actor2 and event.actor2 != event.actor1 else ""
    return f"{event.sub_event_type}{where}{period(event)}{doer}{target}."


def period(event: StoredEvent) -> str:
    earliest, latest = event.date_earliest, event.date_latest
    if earliest is None or latest is None or latest == earliest:
        return ""
    return f" between {long_date(earliest)} and {long_date(latest)}"


def tolls(event: StoredEvent) -> str:
    asserting = [report for report in event.reports if Stance(report.stance).asserts]
    killed = people(event.killed, [r.killed for r in asserting], "killed")
    injured = people(event.injured, [r.injured for r in asserting], "injured")
    said = " and ".join(part for part in (killed, injured) if part)
    return f"{said[0].upper()}{said[1:]}." if said else ""


def people(tally: Tally | None, counts: Iterable[Count | None], outcome: str) -> str:
    """ "between 3 and 7 people were killed", "at least 3 …" when the top figure is open-ended."""
    if tally is None:
        return ""
    open_ended = not any(count is not None and count.maximum == tally.high for count in counts)
    if tally.low == tally.high:
        amount = f"at least {tally.low}" if open_ended else str(tally.low)
    else:
        amount = f"between {tally.low} and {tally.high}{' or more' if open_ended else ''}"
    singular = tally.low == tally.high == 1 and not open_ended
    return f"{amount} {'person was' if singular else 'people were'} {outcome}"


def attribution(reports: Sequence[StoredReport]) -> str:
    """Who says what: "Azerbaijan Defence Ministry said so; Armenia Defence Ministry denied it." """
    groups = []
    for stance, phrase in STANCE_PHRASES.items():
        claimants = sorted({claimant_name(r.claimed_by) for r in reports if r.stance == stance})
        if claimants:
            groups.append(f"{join_names(claimants)} {phrase}")
    return f"{'; '.join(groups)}." if groups else ""


def claimant_name(claimed_by: str) -> str:
    return "news reports" if claimed_by == OUTLET else claimed_by


def join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def status_note(event: StoredEvent) -> str:
    if event.status.contested:
        return "The account is contested."
    return "Independent sources corroborate it." if event.status.corroborated else ""


def references(numbers: dict[str, int], events: Iterable[StoredEvent]) -> tuple[Reference, ...]:
    """The cited documents in citation order, each with every claimant speaking in it."""
    reports: dict[str, list[StoredReport]] = {}
    for event in events:
        for report in event.reports:
            reports.setdefault(report.doc_id, []).append(report)
    return tuple(
        Reference(
            number,
            doc_id,
            reports[doc_id][0].title,
            reports[doc_id][0].url,
            tuple(sorted({claimant_name(r.claimed_by) for r in reports[doc_id]})),
        )
        for doc_id, number in sorted(numbers.items(), key=lambda item: item[1])
    )


def long_date(day: date) -> str:
    """ "6 November 2020"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
