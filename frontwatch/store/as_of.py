"""The dataset as it stood at a past moment, for the CLI and the API: the moment, read from ISO text, and
the API's filters and sort orders applied in Python to the events ``queries.events_as_of`` rebuilds (the
SQL of ``search`` reads only the events as they are now)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from frontwatch.store.db import Store
from frontwatch.store.queries import versions_as_of, with_reports_as_of
from frontwatch.store.records import StoredEvent
from frontwatch.store.rows import utc_stamp
from frontwatch.store.search import BoundingBox, EventFilter, Sort, actors_by_side


def moment_of(text: str) -> datetime:
    """An aware UTC datetime from ISO ``text``: a date is the end of that day; no offset means UTC.

    ValueError saying what is expected when ``text`` is not ISO or lies outside the calendar in UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not an ISO date (2020-11-06) or date-time (2020-11-06T18:00)"
        ) from None
    if len(text) == len("2020-11-06"):
        moment = datetime.combine(moment.date(), time.max)
    try:
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{text!r} lies outside the years 1 to 9999 in UTC") from None


def selected_then(store: Store, moment: datetime, query: EventFilter) -> list[StoredEvent]:
    """The events ``query`` selects among those that stood at ``moment``, by date, without their reports
    (``queries.with_reports_as_of`` adds them: most of the cost) unless ``query`` names a claimant, whose
    reports decide. StoreError as ``queries.events_as_of``."""
    unclaimed = replace(query, claimant=None)
    events = [event for event in versions_as_of(store, moment) if selects(unclaimed, event)]
    if query.claimant is None:
        return events
    return [event for event in with_reports_as_of(store, moment, events) if query.claimant in event.claimants]


def selects(query: EventFilter, event: StoredEvent) -> bool:
    """Whether ``query`` selects ``event``, as ``search.where_clause`` would select its row, claimants
    taken from the event's own reports. ``query.text`` is not applied: full-text search needs the index,
    which holds the events as they are now."""
    killed = event.killed.best if event.killed else None
    last_day = event.date_latest or event.date_earliest
    return all(
        (
            not query.event_types or event.event_type in query.event_types,
            not query.sub_event_types or event.sub_event_type in query.sub_event_types,
            query.actor is None or query.actor in (event.actor1, event.actor2),
            query.side is None
            or not {event.actor1, event.actor2}.isdisjoint(actors_by_side().get(query.side, ())),
            query.claimant is None or query.claimant in event.claimants,
            query.status is None or event.status.label == query.status,
            query.min_killed is None or (killed is not None and killed >= query.min_killed),
            query.country is None or event.country == query.country,
            query.bbox is None or in_box(query.bbox, event.lat, event.lon),
            query.date_from is None or (last_day is not None and last_day >= query.date_from),
            query.date_to is None
            or (event.date_earliest is not None and event.date_earliest <= query.date_to),
            query.since is None or utc_stamp(event.updated_at) >= utc_stamp(query.since),
        )
    )


def in_box(box: BoundingBox, lat: float | None, lon: float | None) -> bool:
    """Whether a point lies in ``box`` (also one across the antimeridian); False without coordinates."""
    if lat is None or lon is None:
        return False
    within = box.west <= lon <= box.east if box.west <= box.east else (lon >= box.west or lon <= box.east)
    return box.south <= lat <= box.north and within


def in_order(events: list[StoredEvent], sort: Sort) -> list[StoredEvent]:
    """``events`` in ``sort`` order, as ``search.ORDER_BY`` orders rows (SQLite puts NULL first when
    ascending): by date, undated last; by date, latest first; by best killed estimate, highest first."""
    if sort == "-date":
        return sorted(
            events,
            key=lambda e: (e.date_earliest is not None, e.date_earliest or date.min, e.event_id),
            reverse=True,
        )
    if sort == "killed":
        return sorted(
            events,
            key=lambda e: (
                e.killed is None,
                -e.killed.best if e.killed else 0,
                e.date_earliest is not None,
                e.date_earliest or date.min,
                e.event_id,
            ),
        )
    return sorted(events, key=lambda e: (e.date_earliest is None, e.date_earliest or date.min, e.event_id))
