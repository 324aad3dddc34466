"""Filtered, sorted, paginated reads over the store for the web API: events, map rows, counts, facets,
documents.

Every filter is a SQL condition on ``events`` with bound parameters; user text reaches FTS5 only as
quoted terms, so no input can be an FTS5 syntax error.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from frontwatch.model.event import EventStatus
from frontwatch.pipeline.mentions.actors import default_dictionaries
from frontwatch.pipeline.merge.sides import actor_side
from frontwatch.store.db import Store
from frontwatch.store.queries import (
    EVENT_COLUMNS,
    REPORT_COLUMNS,
    REPORT_ORDER,
    event_from_row,
    report_from_row,
)
from frontwatch.store.records import StoredEvent, StoredReport
from frontwatch.store.rows import utc_stamp

Sort = Literal["date", "-date", "killed"]
BATCH = 500

ORDER_BY: dict[str, str] = {
    "date": "date_earliest IS NULL, date_earliest, event_id",
    "-date": "date_earliest IS NULL, date_earliest DESC, event_id DESC",
    "killed": "killed_best IS NULL, killed_best DESC, date_earliest, event_id",
}

STATUS_SQL = {
    "contested": "contested = 1",
    "corroborated": "contested = 0 AND corroborated = 1",
    "reported": "contested = 0 AND corroborated = 0",
}


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """West, south, east, north in degrees; west > east means the box crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; an empty field does not filter. Values within one field are alternatives."""

    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor: str | None = None
    side: str | None = None
    claimant: str | None = None
    status: str | None = None
    min_killed: int | None = None
    country: str | None = None
    text: str | None = None
    bbox: BoundingBox | None = None
    date_from: date | None = None
    date_to: date | None = None
    since: datetime | None = None


@cache
def actors_by_side() -> dict[str, tuple[str, ...]]:
    """Every actor name the conflict dictionaries give a side, grouped by that side."""
    names = {entry.name for dictionary in default_dictionaries() for entry in dictionary.entries}
    sides: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        side = actor_side(name)
        if side is not None:
            sides[side].append(name)
    return {side: tuple(actors) for side, actors in sorted(sides.items())}


def fts_query(text: str) -> str | None:
    """``text`` as an FTS5 query matching every word in it (each quoted); None when it has no word."""
    words = re.findall(r"\w+", text)
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) or None


def marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def where_clause(query: EventFilter) -> tuple[str, list[object]]:
    """The SQL condition on ``events`` selecting ``query``'s events, and its parameters."""
    conditions: list[str] = []
    params: list[object] = []

    def add(condition: str, *values: object) -> None:
        conditions.append(condition)
        params.extend(values)

    if query.event_types:
        add(f"event_type IN ({marks(query.event_types)})", *query.event_types)
    if query.sub_event_types:
        add(f"sub_event_type IN ({marks(query.sub_event_types)})", *query.sub_event_types)
    if query.actor is not None:
        add("(actor1 = ? OR actor2 = ?)", query.actor, query.actor)
    if query.side is not None:
        actors = actors_by_side().get(query.side, ())
        add(f"(actor1 IN ({marks(actors)}) OR actor2 IN ({marks(actors)}))", *actors, *actors)
    if query.claimant is not None:
        add("event_id IN (SELECT event_id FROM event_sources WHERE claimed_by = ?)", query.claimant)
    if query.status is not None:
        add(STATUS_SQL[query.status])
    if query.min_killed is not None:
        add("killed_best >= ?", query.min_killed)
    if query.country is not None:
        add("country = ?", query.country)
    if query.text is not None:
        match = fts_query(query.text)
        if match is None:
            add("0")
        else:
            add("rowid IN (SELECT rowid FROM event_fts WHERE event_fts MATCH ?)", match)
    if query.bbox is not None:
        box = query.bbox
        add("lat BETWEEN ? AND ?", box.south, box.north)
        if box.west <= box.east:
            add("lon BETWEEN ? AND ?", box.west, box.east)
        else:
            add("(lon >= ? OR lon <= ?)", box.west, box.east)
    if query.date_from is not None:
        add("coalesce(date_latest, date_earliest) >= ?", query.date_from.isoformat())
    if query.date_to is not None:
        add("date_earliest <= ?", query.date_to.isoformat())
    if query.since is not None:
        add("updated_at >= ?", utc_stamp(query.since))
    return " AND ".join(conditions) or "1", params


def count_events(store: Store, query: EventFilter) -> int:
    where, params = where_clause(query)
    return int(store.connection.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0])


def find_event_ids(
    store: Store, query: EventFilter, sort: Sort = "date", limit: int | None = None, offset: int = 0
) -> list[str]:
    """The ids of ``query``'s events in ``sort`` order, ``limit`` of them (all when None) from ``offset``."""
    where, params = where_clause(query)
    sql = f"SELECT event_id FROM events WHERE {where} ORDER BY {ORDER_BY[sort]} LIMIT ? OFFSET ?"
    rows = store.connection.execute(sql, [*params, -1 if limit is None else limit, offset])
    return [row[0] for row in rows]


def find_events(
    store: Store, query: EventFilter, sort: Sort = "date", limit: int | None = None, offset: int = 0
) -> list[StoredEvent]:
    """``query``'s events with their reports, in ``sort`` order, one page of them."""
    return events_by_id(store, find_event_ids(store, query, sort, limit, offset))


def iter_events(store: Store, query: EventFilter, sort: Sort = "date") -> Iterator[StoredEvent]:
    """Every event ``query`` selects, loaded a batch at a time (for streaming exports)."""
    ids = find_event_ids(store, query, sort)
    for start in range(0, len(ids), BATCH):
        yield from events_by_id(store, ids[start : start + BATCH])


def events_by_id(store: Store, event_ids: Sequence[str]) -> list[StoredEvent]:
    """The events with these ids, with their reports, in the order given (unknown ids are skipped).

    Reports take their documents' metadata from the documents_cover index, never reading the text.
    """
    if not event_ids:
        return []
    reports: dict[str, list[StoredReport]] = defaultdict(list)
    report_rows = store.connection.execute(
        f"SELECT {REPORT_COLUMNS} FROM event_sources AS s"
        " JOIN documents AS d INDEXED BY documents_cover ON d.doc_id = s.doc_id"
        f" WHERE s.event_id IN ({marks(event_ids)})"
        f" ORDER BY {REPORT_ORDER}",
        list(event_ids),
    )
    for row in report_rows:
        reports[row[0]].append(report_from_row(row[1:]))
    rows = store.connection.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE event_id IN ({marks(event_ids)})", list(event_ids)
    )
    by_id = {row[0]: event_from_row(row, tuple(reports[row[0]])) for row in rows}
    return [by_id[event_id] for event_id in event_ids if event_id in by_id]


MAP_COLUMNS = (
    "event_id",
    "lat",
    "lon",
    "event_type",
    "sub_event_type",
    "geo_precision",
    "date_earliest",
    "killed",
    "status",
    "means",
)
"""The fields of a map row, in order: ``killed`` is the best estimate, ``means`` what the ``means``
function given to :func:`map_rows` makes of the event's weapons (stored JSON list) and sub-type."""

MAP_SELECT = """
SELECT json_array(event_id, round(lat, 5), round(lon, 5), event_type, sub_event_type, geo_precision,
date_earliest, killed_best, CASE WHEN contested THEN 'contested' WHEN corroborated THEN 'corroborated'
ELSE 'reported' END, means(weapons, sub_event_type)) FROM events"""

Means = Callable[[str, str], str | None]


@dataclass(frozen=True, slots=True)
class MapPage:
    """The map's rows, each a JSON array of MAP_COLUMNS: ``total`` events match (located or not);
    ``truncated``: more located ones than ``rows`` holds."""

    total: int
    rows: list[str]
    truncated: bool


def map_rows(store: Store, query: EventFilter, limit: int, means: Means) -> MapPage:
    """The newest ``limit`` of ``query``'s located events as JSON arrays of MAP_COLUMNS, made by SQLite
    (no Python object per value) with ``means(weapons, sub_event_type)``, and read from no report.

    When more than ``limit`` events match (counted from an index) the rows are read down the
    newest-first covering index ``events_newest`` until ``limit`` qualify, instead of sorting every match.
    """
    where, params = where_clause(query)
    total = count_events(store, query)
    index = "INDEXED BY events_newest" if total > limit else ""
    store.connection.create_function("means", 2, means, deterministic=True)
    rows = store.connection.execute(
        f"{MAP_SELECT} {index} WHERE lat IS NOT NULL AND lon IS NOT NULL AND {where}"
        f" ORDER BY {ORDER_BY['-date']} LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    return MapPage(total, [row for (row,) in rows[:limit]], len(rows) > limit)


def timeline(store: Store, query: EventFilter) -> list[dict[str, object]]:
    """Events per earliest day and type, for every filter of ``query`` but its dates (undated left out)."""
    where, params = where_clause(replace(query, date_from=None, date_to=None))
    rows = store.connection.execute(
        f"SELECT date_earliest, event_type, count(*) FROM events WHERE {where} AND date_earliest IS NOT NULL"
        " GROUP BY date_earliest, event_type ORDER BY date_earliest, event_type",
        params,
    )
    return [{"date": day, "event_type": event_type, "count": n} for day, event_type, n in rows]


FACET_FILTERS: dict[str, dict[str, Any]] = {
    "event_type": {"event_types": ()},
    "sub_event_type": {"sub_event_types": ()},
    "actor": {"actor": None},
    "side": {"side": None},
    "claimant": {"claimant": None},
    "status": {"status": None},
    "country": {"country": None},
}
"""Each facet counts under every filter but its own, so a menu still offers the other choices."""

Counts = dict[str, int]
Group = tuple[Any, ...]
GROUPED = ("event_type", "sub_event_type", "country", "contested", "corroborated", "actor1", "actor2")
"""The columns of the one grouped count every facet but the claimant's is summed from."""


def facets(store: Store, query: EventFilter) -> dict[str, list[dict[str, object]]]:
    """For each facet, its values with how many of the selected events have each, most frequent first."""
    groups = cache(lambda query: grouped_counts(store, query))
    counters: dict[str, Callable[[EventFilter], Counts]] = {
        "event_type": lambda query: column_counts(groups(query), "event_type"),
        "sub_event_type": lambda query: column_counts(groups(query), "sub_event_type"),
        "actor": lambda query: actor_counts(groups(query)),
        "side": lambda query: side_counts(groups(query)),
        "claimant": lambda query: claimant_counts(store, query),
        "status": lambda query: status_counts(groups(query)),
        "country": lambda query: column_counts(groups(query), "country"),
    }
    return {
        name: [
            {"value": value, "count": n}
            for value, n in sorted(count(replace(query, **FACET_FILTERS[name])).items(), key=by_count)
        ]
        for name, count in counters.items()
    }


def by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def grouped_counts(store: Store, query: EventFilter) -> list[dict[str, Any]]:
    """``query``'s events counted (as ``n``) per combination of the GROUPED columns."""
    where, params = where_clause(query)
    columns = ", ".join(GROUPED)
    sql = f"SELECT {columns}, count(*) FROM events WHERE {where} GROUP BY {columns}"
    return [
        {**dict(zip(GROUPED, row[:-1], strict=True)), "n": row[-1]}
        for row in store.connection.execute(sql, params)
    ]


def tally(pairs: Iterable[tuple[str | None, int]]) -> Counts:
    """Sums per value, values that are None left out."""
    counts: Counts = defaultdict(int)
    for value, n in pairs:
        if value is not None:
            counts[value] += n
    return dict(counts)


def column_counts(groups: list[dict[str, Any]], column: str) -> Counts:
    return tally((group[column], group["n"]) for group in groups)


def actor_counts(groups: list[dict[str, Any]]) -> Counts:
    """Events per actor, as actor 1 or actor 2 (an event naming one actor twice counts once)."""
    return tally((actor, g["n"]) for g in groups for actor in dict.fromkeys((g["actor1"], g["actor2"])))


def side_counts(groups: list[dict[str, Any]]) -> Counts:
    """Events per side fighting in them (through actor 1 or actor 2, once per event)."""
    sides = ((dict.fromkeys((actor_side(g["actor1"]), actor_side(g["actor2"]))), g["n"]) for g in groups)
    return tally((side, n) for both, n in sides for side in both)


def status_counts(groups: list[dict[str, Any]]) -> Counts:
    """Events per status label: contested wins over corroborated; reported = neither."""
    return tally((EventStatus(bool(g["contested"]), bool(g["corroborated"])).label, g["n"]) for g in groups)


def claimant_counts(store: Store, query: EventFilter) -> Counts:
    """Events per claimant among ``query``'s events."""
    where, params = where_clause(query)
    selected = "" if where == "1" else f"WHERE event_id IN (SELECT event_id FROM events WHERE {where})"
    sql = f"SELECT claimed_by, count(DISTINCT event_id) FROM event_sources {selected} GROUP BY claimed_by"
    return dict(store.connection.execute(sql, params).fetchall())


def stats(store: Store) -> dict[str, object]:
    """How much the store holds: events, documents, reports, events by type, date range, last update."""
    db = store.connection
    first, last, updated = db.execute(
        "SELECT min(date_earliest), max(coalesce(date_latest, date_earliest)), max(updated_at) FROM events"
    ).fetchone()
    by_type = db.execute("SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY 2 DESC, 1")
    return {
        "events": scalar(db, "SELECT count(*) FROM events"),
        "documents": scalar(db, "SELECT count(*) FROM documents"),
        "reports": scalar(db, "SELECT count(*) FROM event_sources"),
        "by_event_type": dict(by_type.fetchall()),
        "date_earliest": first,
        "date_latest": last,
        "last_update": updated,
    }


def scalar(db: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> int:
    return int(db.execute(sql, params).fetchone()[0])


def sources(store: Store) -> list[dict[str, object]]:
    """Every claimant with its reports, the events they tell of, and whether it is a party to the conflict."""
    rows = store.connection.execute(
        "SELECT claimed_by, count(*), count(DISTINCT event_id), max(partisan) FROM event_sources"
        " GROUP BY claimed_by ORDER BY 2 DESC, 1"
    )
    return [
        {"claimed_by": claimant, "reports": reports, "events": events, "partisan": bool(partisan)}
        for claimant, reports, events, partisan in rows
    ]


DOCUMENT_COLUMNS = "doc_id, title, url, published, language, external_id, retracted_at, retraction"


def list_documents(store: Store, limit: int, offset: int) -> list[dict[str, object]]:
    """One page of documents' metadata, newest first (undated last)."""
    rows = store.connection.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY published IS NULL, published DESC, doc_id"
        " LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [document_json(row) for row in rows]


def count_documents(store: Store) -> int:
    return scalar(store.connection, "SELECT count(*) FROM documents")


def document_summary(store: Store, doc_id: str) -> dict[str, object] | None:
    """A document's metadata (as in ``list_documents``); None if unknown."""
    row = store.connection.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)
    ).fetchone()
    return None if row is None else document_json(row)


def document_detail(store: Store, doc_id: str) -> dict[str, object] | None:
    """A document's metadata, text, live-blog updates and the events it supports; None if unknown."""
    db = store.connection
    row = db.execute(f"SELECT {DOCUMENT_COLUMNS}, text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    updates = db.execute(
        'SELECT start, "end", published, heading FROM updates WHERE doc_id = ? ORDER BY idx', (doc_id,)
    )
    events = db.execute(
        "SELECT DISTINCT event_id FROM event_sources WHERE doc_id = ? ORDER BY event_id", (doc_id,)
    )
    return {
        **document_json(row[:-1]),
        "text": row[-1],
        "updates": [
            {"start": start, "end": end, "published": published, "heading": heading}
            for start, end, published, heading in updates
        ],
        "event_ids": [event_id for (event_id,) in events],
    }


def document_json(row: Sequence[Any]) -> dict[str, object]:
    doc_id, title, url, published, language, external_id, retracted_at, retraction = row
    return {
        "doc_id": doc_id,
        "title": title,
        "url": url,
        "published": published,
        "language": language,
        "external_id": external_id,
        "retracted": None if retracted_at is None else {"at": retracted_at, "reason": retraction},
    }
