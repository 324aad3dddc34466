"""The claims ledger in SQLite: each source's whole candidate, the events it could join, merges written back.

Every row of ``event_sources`` keeps its candidate whole, so an event can be rebuilt from its rows and
re-clustered with new reports. A new document's candidates are merged against the known events they could
join only: those with a report that ``same_event`` matches, found by an indexed lookup on country, the
event types compatible with the candidate's and a date window, and then, in turn, the events matching
their reports, until no new event turns up. Clustering one such connected group gives what clustering the
whole store would, so the result does not depend on the order documents arrive in. Reports whose date
interval is longer than ``REACH_DAYS`` are only found from reports that start at most that many days
after them.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from frontwatch.model.candidate import EventCandidate, count_to_json
from frontwatch.model.document import Document
from frontwatch.model.event import Event, Report, Tally
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision, GeoPrecision, Stance
from frontwatch.pipeline.merge.coreference import (
    NEAR_KM,
    CandidateKey,
    candidate_key,
    compatible_event_types,
    date_interval,
    is_regional,
    same_event,
)
from frontwatch.pipeline.merge.events import Change, MergeResult
from frontwatch.pipeline.merge.ledger import event_from_reports, report_of
from frontwatch.store.queries import EVENT_COLUMNS, count_from_json, parse_day
from frontwatch.store.rows import event_row, history_row, insert, iso, json_or_null, update

REACH_DAYS = 31
"""How many days before a report's interval a joinable report may start (a month-precision interval)."""

CANDIDATE_COLUMNS = (
    "doc_id", "event_type", "sub_event_type", "date_earliest", "date_latest", "date_precision", "geonames_id",
    "place", "lat", "lon", "country", "admin1", "feature_code", "population", "geo_precision", "actor1",
    "actor2", "killed", "injured", "civilian_targeting", "weapons", "claimed_by", "stance", "evidence",
    "confidence", "partisan", "location_text", "extras",
)  # fmt: skip
SELECT_SOURCES = f"SELECT event_id, candidate_idx, {', '.join(CANDIDATE_COLUMNS)} FROM event_sources"
_IN_WINDOW = (
    "event_type IN (SELECT value FROM json_each(:event_types))"
    " AND date_earliest BETWEEN :reach AND :latest AND date_latest >= :earliest"
)
NEIGHBOURS_SQL = f"""{SELECT_SOURCES}
WHERE rowid IN (
  SELECT rowid FROM event_sources WHERE geonames_id = :geonames_id AND {_IN_WINDOW}
  UNION ALL
  SELECT rowid FROM event_sources WHERE country = :country AND admin1 = :admin1 AND {_IN_WINDOW}
    AND (:regional OR geo_precision = 3 OR feature_code NOT LIKE 'PPL%')
  UNION ALL
  SELECT rowid FROM event_sources WHERE country = :country AND lat BETWEEN :south AND :north
    AND lon BETWEEN :west AND :east AND {_IN_WINDOW} AND (:near OR geo_precision = 2)
)
"""
"""Reports of a type compatible with the candidate's (``event_types``, a JSON list) in its date window at
a place that could coincide with its place: the same place, a region and a place in it (same country and
admin1), or a "near" place in a box around it in the same country (a superset of ``places_coincide``,
which is applied after). Each branch is one range of an index (event_sources_place, _region, _near) whose
columns hold every term it tests."""

BATCH = 500


@dataclass(frozen=True, slots=True)
class KnownEvent:
    """A stored event rebuilt from its ledger, with where each report's rows are and when it was created
    (a store migrated from version 1 may hold one candidate twice)."""

    event: Event
    rows: Mapping[CandidateKey, tuple[tuple[str, int], ...]]
    created_at: str


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """Event ids created, updated (new reports, moved reports or new figures), merged away, and removed
    (left with no report by a retraction)."""

    created: tuple[str, ...]
    updated: tuple[str, ...]
    merged: tuple[str, ...]
    removed: tuple[str, ...] = ()


def source_row(document: Document, index: int, candidate: EventCandidate) -> dict[str, object]:
    """The document's account of an event (the event's id aside): its whole candidate, with the quoted
    text of each evidence span."""
    place = candidate.place
    evidence = [{**span.to_json(), "text": span.text_of(document.text)} for span in candidate.evidence]
    return {
        "doc_id": document.doc_id,
        "candidate_idx": index,
        "event_type": candidate.event_type,
        "sub_event_type": candidate.sub_event_type,
        "date_earliest": iso(candidate.date_earliest),
        "date_latest": iso(candidate.date_latest),
        "date_precision": str(candidate.date_precision) if candidate.date_precision else None,
        "geonames_id": place.geonames_id if place else None,
        "place": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "feature_code": place.feature_code if place else None,
        "population": place.population if place else None,
        "geo_precision": int(candidate.geo_precision) if candidate.geo_precision else None,
        "actor1": candidate.actor1,
        "actor2": candidate.actor2,
        "killed": json_or_null(count_to_json(candidate.killed)),
        "injured": json_or_null(count_to_json(candidate.injured)),
        "civilian_targeting": candidate.civilian_targeting,
        "weapons": json.dumps(list(candidate.weapons), ensure_ascii=False),
        "claimed_by": candidate.claimed_by,
        "stance": str(candidate.stance),
        "evidence": json.dumps(evidence, ensure_ascii=False),
        "confidence": candidate.confidence,
        "partisan": candidate.partisan,
        "location_text": candidate.location_text,
        "extras": json.dumps([list(pair) for pair in candidate.extras], ensure_ascii=False),
    }


def candidate_from_row(row: Sequence[Any]) -> EventCandidate:
    """The candidate a source row was written from (columns in ``CANDIDATE_COLUMNS`` order)."""
    (doc_id, event_type, sub_event_type, earliest, latest, date_precision, geonames_id, place, lat, lon,
     country, admin1, feature_code, population, geo_precision, actor1, actor2, killed, injured,
     civilian_targeting, weapons, claimed_by, stance, evidence, confidence, partisan, location_text,
     extras) = row  # fmt: skip
    return EventCandidate(
        doc_id=doc_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date_earliest=parse_day(earliest),
        date_latest=parse_day(latest),
        date_precision=DatePrecision(date_precision) if date_precision else None,
        place=None
        if geonames_id is None
        else Place(geonames_id, place, lat, lon, country, admin1, feature_code, population or 0),
        geo_precision=GeoPrecision(geo_precision) if geo_precision else None,
        actor1=actor1,
        actor2=actor2,
        killed=count_from_json(killed),
        injured=count_from_json(injured),
        civilian_targeting=bool(civilian_targeting),
        weapons=tuple(json.loads(weapons)),
        claimed_by=claimed_by,
        stance=Stance(stance),
        evidence=tuple(Span(e["start"], e["end"]) for e in json.loads(evidence)),
        confidence=confidence,
        partisan=bool(partisan),
        location_text=location_text,
        extras=tuple((key, value) for key, value in json.loads(extras)),
    )


def load_events(db: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, KnownEvent]:
    """The stored events with these ids, each rebuilt from its ledger rows."""
    ids = sorted(set(event_ids))
    members: defaultdict[str, dict[CandidateKey, EventCandidate]] = defaultdict(dict)
    rows: defaultdict[str, defaultdict[CandidateKey, list[tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    created: dict[str, str] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(f"{SELECT_SOURCES} WHERE event_id IN ({marks})", chunk):
            candidate = candidate_from_row(row[2:])
            members[row[0]][candidate_key(candidate)] = candidate
            rows[row[0]][candidate_key(candidate)].append((candidate.doc_id, row[1]))
        created.update(
            db.execute(f"SELECT event_id, created_at FROM events WHERE event_id IN ({marks})", chunk)
        )
    return {
        event_id: KnownEvent(
            event_from_reports(event_id, [report_of(candidate) for candidate in candidates.values()]),
            {key: tuple(where) for key, where in rows[event_id].items()},
            created[event_id],
        )
        for event_id, candidates in members.items()
    }


def neighbours(db: sqlite3.Connection, candidate: EventCandidate) -> list[tuple[str, EventCandidate]]:
    """Stored reports (with their event ids) that could tell the same event as ``candidate``."""
    interval = date_interval(candidate)
    if candidate.place is None or interval is None:
        return []
    earliest, latest = interval
    place = candidate.place
    degrees_north = NEAR_KM / 111.0 * 1.01
    degrees_east = degrees_north / max(math.cos(math.radians(place.lat)), 0.01)
    parameters = {
        "country": place.country, "event_types": json.dumps(compatible_event_types(candidate)),
        "reach": iso(earliest - timedelta(days=REACH_DAYS)), "latest": iso(latest), "earliest": iso(earliest),
        "geonames_id": place.geonames_id, "admin1": place.admin1, "regional": is_regional(candidate),
        "near": candidate.geo_precision == GeoPrecision.NEAR_TOWN,
        "south": place.lat - degrees_north, "north": place.lat + degrees_north,
        "west": place.lon - degrees_east, "east": place.lon + degrees_east,
    }  # fmt: skip
    matches = ((row[0], candidate_from_row(row[2:])) for row in db.execute(NEIGHBOURS_SQL, parameters))
    return [(event_id, member) for event_id, member in matches if same_event(candidate, member)]


def joinable_events(db: sqlite3.Connection, candidates: Iterable[EventCandidate]) -> dict[str, KnownEvent]:
    """The known events connected to ``candidates`` by chains of matching reports (see the module doc)."""
    found: dict[str, KnownEvent] = {}
    frontier = list(candidates)
    while frontier:
        fresh = {event_id for candidate in frontier for event_id, _ in neighbours(db, candidate)} - set(found)
        loaded = load_events(db, fresh)
        found.update(loaded)
        frontier = [report.candidate for known in loaded.values() for report in known.event.reports]
    return found


def save_merge(
    db: sqlite3.Connection,
    result: MergeResult,
    known: Mapping[str, KnownEvent],
    doc_id: str,
    new_rows: Mapping[CandidateKey, Mapping[str, object]],
    now: str,
) -> MergeCounts:
    """Write what document ``doc_id`` did: events inserted or updated, sources added (from ``new_rows``,
    their ``source_row``) or moved, merged ids aliased and deleted, known events left with no report
    deleted, every change recorded in the history with its detail and a version of every event touched."""
    owner = {key: event_id for event_id, k in known.items() for key in k.rows}
    created, updated = [], []
    for event in result.events:
        before = known.get(event.event_id)
        if before is None:
            db.execute("DELETE FROM event_aliases WHERE event_id = ?", (event.event_id,))
            insert(db, "events", event_row(event, now, now))
            created.append(event.event_id)
        elif event != before.event:
            update(db, "events", changed_columns(event, before, now), "event_id")
            updated.append(event.event_id)
    for event in result.events:
        for report in event.reports:
            key = candidate_key(report.candidate)
            if key in new_rows:
                insert(db, "event_sources", {**new_rows[key], "event_id": event.event_id})
            elif owner[key] != event.event_id:
                db.executemany(
                    "UPDATE event_sources SET event_id = ? WHERE doc_id = ? AND candidate_idx = ?",
                    [(event.event_id, doc_id, index) for doc_id, index in known[owner[key]].rows[key]],
                )
    successors = result.successors()
    emptied = set(known) - {event.event_id for event in result.events} - set(successors)
    db.executemany("DELETE FROM events WHERE event_id = ?", [(event_id,) for event_id in sorted(emptied)])
    for old_id, successor in successors.items():
        db.execute("DELETE FROM events WHERE event_id = ?", (old_id,))
        db.execute("UPDATE event_aliases SET successor = ? WHERE successor = ?", (successor, old_id))
        db.execute(
            "INSERT OR REPLACE INTO event_aliases (event_id, successor) VALUES (?, ?)", (old_id, successor)
        )
    after = {event.event_id: event for event in result.events}
    for change in result.changes:
        previous = known.get(change.event_id)
        detail = change_detail(
            change,
            after.get(change.successor or change.event_id),
            previous.event if previous else None,
            owner,
        )
        insert(
            db,
            "event_history",
            history_row(replace(change, doc_id=change.doc_id or doc_id), now, detail),
        )
    record_versions(db, [*created, *updated], [*successors, *sorted(emptied)], doc_id, now)
    return MergeCounts(tuple(created), tuple(updated), tuple(successors), tuple(sorted(emptied)))


VERSION_SQL = f"""
INSERT INTO event_versions (event_id, at, doc_id, row, reports)
SELECT event_id, :at, :doc_id, json_array({EVENT_COLUMNS}),
    (SELECT json_group_array(json_array(s.doc_id, s.candidate_idx)) FROM event_sources AS s
     WHERE s.event_id = e.event_id)
FROM events AS e WHERE e.event_id = :event_id
"""
"""An event's version as it is now stored: its columns and the keys of its reports."""


def record_versions(
    db: sqlite3.Connection, changed: Iterable[str], merged_away: Iterable[str], doc_id: str, now: str
) -> None:
    """A version of each event a document created or changed, and a NULL one of each it merged away."""
    db.executemany(VERSION_SQL, [{"at": now, "doc_id": doc_id, "event_id": event_id} for event_id in changed])
    db.executemany(
        "INSERT INTO event_versions (event_id, at, doc_id) VALUES (?, ?, ?)",
        [(event_id, now, doc_id) for event_id in merged_away],
    )


def changed_columns(event: Event, before: KnownEvent, now: str) -> dict[str, object]:
    """The event's id, update time and the columns whose values changed: an UPDATE that names no other
    column leaves the events indexes and full-text row alone."""
    row, old = event_row(event, before.created_at, now), event_row(before.event, before.created_at, now)
    return {
        column: value
        for column, value in row.items()
        if column in ("event_id", "updated_at") or value != old[column]
    }


def change_detail(
    change: Change, after: Event | None, before: Event | None, owner: Mapping[CandidateKey, str]
) -> dict[str, object]:
    """What a change did: the document's reports added (or revised, with those they replaced), the old
    and new tolls, the reports merged, the events a split-off event's reports came from, or the reports
    that left an event split."""
    if change.kind == "split" and before is not None and after is not None:
        return {
            "left": [
                {"doc_id": report.doc_id, **report_detail(report)}
                for report in before.reports
                if report not in after.reports
            ]
        }
    if change.kind == "split" and after is not None:
        return {"from": sorted({owner[candidate_key(report.candidate)] for report in after.reports})}
    if change.kind == "toll_changed":
        return {
            kind: {"old": tally_json(getattr(before, kind, None)), "new": tally_json(getattr(after, kind))}
            for kind in ("killed", "injured")
        }
    if change.kind == "retracted" and before is not None:
        withdrawn = [report for report in before.reports if report.doc_id == change.doc_id]
        return {"reports": [report_detail(report) for report in withdrawn]}
    if change.kind == "merged":
        return {"successor": change.successor, "reports": len(before.reports) if before else 0}
    reports = [report for report in after.reports if report.doc_id == change.doc_id] if after else []
    if change.kind == "revised":  # its reports now (none when no longer reported) and before
        replaced = [report for report in before.reports if report.doc_id == change.doc_id] if before else []
        return {
            "reports": [report_detail(report) for report in reports],
            "replaced": [report_detail(report) for report in replaced],
        }
    return {"reports": [report_detail(report) for report in reports]}


def report_detail(report: Report) -> dict[str, object]:
    return {
        "claimed_by": report.claimed_by,
        "stance": str(report.stance),
        "killed": count_to_json(report.killed),
        "injured": count_to_json(report.injured),
    }


def tally_json(tally: Tally | None) -> dict[str, int] | None:
    return None if tally is None else tally.to_json()
