"""Named read queries over the store."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from frontwatch.errors import StoreError
from frontwatch.model.event import EventStatus, Tally
from frontwatch.model.mention import Count
from frontwatch.store.db import Store
from frontwatch.store.records import Evidence, GoneEvent, StoredChange, StoredEvent, StoredReport
from frontwatch.store.rows import utc_stamp

TABLES = (
    "raw_documents",
    "documents",
    "updates",
    "mentions",
    "events",
    "event_sources",
    "event_history",
    "event_aliases",
    "document_signatures",
    "document_bands",
    "event_versions",
    "retracted_sources",
)

EVENT_COLUMNS = """
event_id, event_type, sub_event_type, date_earliest, date_latest, date_precision, place, country, admin1,
lat, lon, geonames_id, geo_precision, actor1, actor2, killed_low, killed_best, killed_high, injured_low,
injured_best, injured_high, civilian_targeting, weapons, confidence, contested, corroborated, created_at,
updated_at
"""
"""The events columns ``event_from_row`` reads, in its order."""

REPORT_FIELDS = """
s.doc_id, d.external_id, d.title, d.url, d.published, s.claimed_by, s.stance, s.partisan, s.killed, s.injured,
s.evidence, s.confidence
"""
"""The columns ``report_from_row`` reads (``s`` = event_sources, ``d`` = documents)."""

REPORT_COLUMNS = f"s.event_id, {REPORT_FIELDS}"
"""The event id, then REPORT_FIELDS."""

REPORT_SEQUENCE = "d.published IS NULL, d.published, s.doc_id, s.candidate_idx"
"""An event's reports in the order they are listed: by publication (undated last), then document order."""

REPORT_ORDER = f"s.event_id, {REPORT_SEQUENCE}"

EVENTS_SQL = f"SELECT {EVENT_COLUMNS} FROM events ORDER BY date_earliest IS NULL, date_earliest, event_id"

REPORTS_SQL = (
    f"SELECT {REPORT_COLUMNS} FROM event_sources AS s JOIN documents AS d ON d.doc_id = s.doc_id"
    f" ORDER BY {REPORT_ORDER}"
)


def document_exists(db: sqlite3.Connection, doc_id: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None


def list_events(store: Store) -> list[StoredEvent]:
    """Every event with its reports, by earliest date (undated last), then id."""
    reports: dict[str, list[StoredReport]] = defaultdict(list)
    for row in store.connection.execute(REPORTS_SQL):
        reports[row[0]].append(report_from_row(row[1:]))
    return [event_from_row(row, tuple(reports[row[0]])) for row in store.connection.execute(EVENTS_SQL)]


LATEST_VERSIONS_SQL = (
    "SELECT event_id, row, reports, max(seq) FROM event_versions WHERE at <= :at GROUP BY event_id"
)
"""Each event's last version recorded at or before ``:at`` (a NULL row: merged away by then)."""


def _reports_of(table: str) -> str:
    return f"""
    SELECT keys.event_id, {REPORT_FIELDS}, d.published IS NULL AS undated, d.published AS day,
           s.candidate_idx AS idx
    FROM keys JOIN {table} AS s ON s.doc_id = keys.doc_id AND s.candidate_idx = keys.idx
    JOIN documents AS d ON d.doc_id = s.doc_id"""


REPORTS_AS_OF_SQL = f"""
WITH latest AS ({LATEST_VERSIONS_SQL}),
keys AS (
    SELECT latest.event_id, json_extract(key.value, '$[0]') AS doc_id, json_extract(key.value, '$[1]') AS idx
    FROM latest, json_each(latest.reports) AS key
    WHERE latest.row IS NOT NULL
      AND (:events IS NULL OR latest.event_id IN (SELECT value FROM json_each(:events)))
)
SELECT event_id, doc_id, external_id, title, url, published, claimed_by, stance, partisan, killed, injured,
    evidence, confidence
FROM ({_reports_of("event_sources")} UNION ALL {_reports_of("retracted_sources")})
ORDER BY event_id, undated, day, doc_id, idx
"""
"""The reports each event had at ``:at`` (a ledger row may since have been retracted), of the events in
the JSON list ``:events`` or, when it is NULL, of every event; through the ledgers' primary keys."""


LAST_ROW = """(SELECT v.row FROM event_versions AS v WHERE v.event_id = h.event_id AND v.row IS NOT NULL
        ORDER BY v.seq DESC LIMIT 1)"""
"""An event's columns as it last stood (``h.event_id``), through the versions-by-event index."""

REMOVED_SQL = f"""
SELECT h.event_id, {LAST_ROW} FROM event_history AS h
WHERE h.seq > ? AND h.kind IN ('retracted', 'revised')
  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.event_id = h.event_id)
"""


def removed_events(store: Store, after_seq: int) -> list[StoredEvent]:
    """Events a retraction (or a document's extraction by newer rules) removed after history entry
    ``after_seq``, as they last stood (their reports left out: those were withdrawn)."""
    last_rows = dict(store.connection.execute(REMOVED_SQL, (after_seq,)))  # one per event
    return [
        event_from_row(tuple(json.loads(last_rows[event_id])), ())
        for event_id in sorted(last_rows)
        if last_rows[event_id] is not None
    ]


GONE_SQL = f"""
SELECT {LAST_ROW}, h.at, a.successor, d.retraction
FROM event_history AS h
LEFT JOIN event_aliases AS a ON a.event_id = h.event_id
LEFT JOIN documents AS d ON d.doc_id = h.doc_id
WHERE h.kind IN ('merged', 'retracted', 'revised')
  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.event_id = h.event_id)
  AND NOT EXISTS (SELECT 1 FROM event_history AS l WHERE l.event_id = h.event_id AND l.seq > h.seq)
ORDER BY h.seq DESC LIMIT ?
"""


def gone_events(store: Store, limit: int) -> list[GoneEvent]:
    """The ``limit`` events that most recently left the dataset (merged into another, or removed by a
    retraction), most recent first, each as it last stood."""
    return [
        GoneEvent(event_from_row(tuple(json.loads(row)), ()), datetime.fromisoformat(at), successor, reason)
        for row, at, successor, reason in store.connection.execute(GONE_SQL, (limit,))
        if row is not None
    ]


def events_as_of(store: Store, moment: datetime) -> list[StoredEvent]:
    """Every event as it stood at ``moment`` (an aware datetime), ordered as ``list_events`` orders them:
    each event's last recorded version by then, with the reports it had then.

    StoreError when the store was upgraded to keep versions after ``moment`` (see ``versions_since``)."""
    return with_reports_as_of(store, moment, versions_as_of(store, moment))


def versions_as_of(store: Store, moment: datetime) -> list[StoredEvent]:
    """``events_as_of`` without the reports (``with_reports_as_of`` adds them): reading the reports is
    most of the cost, and a page of events needs only its own. StoreError as ``events_as_of``."""
    since = versions_since(store)
    if since is not None and moment < since:
        raise StoreError(
            f"{store.path} keeps complete event versions since {since.isoformat()} (it was upgraded); "
            f"the dataset as of {moment.isoformat()} cannot be rebuilt"
        )
    events = [
        event_from_row(tuple(json.loads(row)), ())
        for _, row, _, _ in store.connection.execute(LATEST_VERSIONS_SQL, {"at": utc_stamp(moment)})
        if row is not None
    ]
    return sorted(events, key=lambda e: (e.date_earliest is None, e.date_earliest or date.min, e.event_id))


ALL_REPORTS_ABOVE = 1_000
"""Above this many events, every event's reports are read in one pass rather than looked up by event."""


def with_reports_as_of(store: Store, moment: datetime, events: Sequence[StoredEvent]) -> list[StoredEvent]:
    """``events`` (as ``versions_as_of`` gives them) with the reports they had at ``moment``."""
    wanted = None if len(events) > ALL_REPORTS_ABOVE else json.dumps([event.event_id for event in events])
    reports: dict[str, list[StoredReport]] = defaultdict(list)
    for row in store.connection.execute(REPORTS_AS_OF_SQL, {"at": utc_stamp(moment), "events": wanted}):
        reports[row[0]].append(report_from_row(row[1:]))
    return [replace(event, reports=tuple(reports[event.event_id])) for event in events]


def versions_since(store: Store) -> datetime | None:
    """From when the store's versions are complete, if it held events before it began keeping versions
    (their one version, as upgraded, counts from their last update); None when they cover its history."""
    (since,) = store.connection.execute("SELECT max(at) FROM event_versions WHERE doc_id IS NULL").fetchone()
    return None if since is None else datetime.fromisoformat(since)


def event_history(store: Store, event_id: str) -> list[StoredChange]:
    """Every recorded change to an event, oldest first."""
    rows = store.connection.execute(
        "SELECT seq, event_id, kind, doc_id, successor, detail, at FROM event_history"
        " WHERE event_id = ? ORDER BY seq",
        (event_id,),
    )
    return [
        StoredChange(seq, event, kind, doc_id, successor, detail, datetime.fromisoformat(at))
        for seq, event, kind, doc_id, successor, detail, at in rows
    ]


def resolve_event_id(store: Store, event_id: str) -> str | None:
    """The id an event lives under now, following merged-away ids to their successor; None if unknown."""
    seen: set[str] = set()
    while event_id not in seen:
        seen.add(event_id)
        if store.connection.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone():
            return event_id
        row = store.connection.execute(
            "SELECT successor FROM event_aliases WHERE event_id = ?", (event_id,)
        ).fetchone()
        if row is None:
            return None
        event_id = row[0]
    return None


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table."""
    return {
        table: store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
    }


def dump_tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order: two equal dumps mean equal stores."""
    return {
        table: store.connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in TABLES
    }


def event_from_row(row: tuple[Any, ...], reports: tuple[StoredReport, ...]) -> StoredEvent:
    (event_id, event_type, sub_event_type, earliest, latest, precision, place, country, admin1, lat, lon,
     geonames_id, geo_precision, actor1, actor2, killed_low, killed_best, killed_high, injured_low,
     injured_best, injured_high, civilian_targeting, weapons, confidence, contested, corroborated,
     created_at, updated_at) = row  # fmt: skip
    return StoredEvent(
        event_id=event_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date_earliest=parse_day(earliest),
        date_latest=parse_day(latest),
        date_precision=precision,
        place=place,
        country=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        geonames_id=geonames_id,
        geo_precision=geo_precision,
        actor1=actor1,
        actor2=actor2,
        killed=tally_from_columns(killed_low, killed_best, killed_high),
        injured=tally_from_columns(injured_low, injured_best, injured_high),
        civilian_targeting=bool(civilian_targeting),
        weapons=tuple(json.loads(weapons)),
        confidence=confidence,
        status=EventStatus(bool(contested), bool(corroborated)),
        created_at=datetime.fromisoformat(created_at),
        updated_at=datetime.fromisoformat(updated_at),
        reports=reports,
    )


def report_from_row(row: tuple[Any, ...]) -> StoredReport:
    (doc_id, external_id, title, url, published, claimed_by, stance, partisan, killed, injured, evidence,
     confidence) = row  # fmt: skip
    return StoredReport(
        doc_id=doc_id,
        external_id=external_id,
        title=title,
        url=url,
        published=parse_stamp(published),
        claimed_by=claimed_by,
        stance=stance,
        partisan=bool(partisan),
        killed=count_from_json(killed),
        injured=count_from_json(injured),
        evidence=tuple(Evidence(e["start"], e["end"], e["text"]) for e in json.loads(evidence)),
        confidence=confidence,
    )


def tally_from_columns(low: int | None, best: int | None, high: int | None) -> Tally | None:
    return None if low is None or best is None or high is None else Tally(low, best, high)


def count_from_json(value: str | None) -> Count | None:
    if value is None:
        return None
    parsed = json.loads(value)
    return Count(parsed["min"], parsed["max"])


def parse_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def parse_stamp(value: str | None) -> date | datetime | None:
    """An ISO date or date-time as written by the store."""
    if value is None:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
