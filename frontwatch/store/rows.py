"""Rows as column → value dicts for each table, and the INSERT/UPDATE that write them."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, date, datetime

from frontwatch.model.candidate import public_geonames_id
from frontwatch.model.document import Document, Update
from frontwatch.model.event import Event, Tally
from frontwatch.model.mention import (
    ActorMention,
    AttributionMention,
    CasualtyMention,
    DateMention,
    Mention,
    WeaponMention,
)
from frontwatch.model.place import PlaceMention
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.merge.events import Change

MENTION_KINDS: dict[type, str] = {
    PlaceMention: "place",
    DateMention: "date",
    CasualtyMention: "casualty",
    ActorMention: "actor",
    WeaponMention: "weapon",
    AttributionMention: "attribution",
}


def insert(db: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    """INSERT one row given as column → value."""
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" * len(row))
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def update(db: sqlite3.Connection, table: str, row: dict[str, object], key: str) -> None:
    """UPDATE the row whose ``key`` column equals ``row[key]`` to the other values of ``row``."""
    columns = [column for column in row if column != key]
    assignments = ", ".join(f'"{column}" = ?' for column in columns)
    db.execute(
        f'UPDATE {table} SET {assignments} WHERE "{key}" = ?',
        (*(row[column] for column in columns), row[key]),
    )


def raw_row(raw: RawDocument) -> dict[str, object]:
    return {
        "sha256": raw.sha256,
        "content": raw.content,
        "media_type": raw.media_type,
        "source": raw.source,
        "url": raw.url,
        "external_id": raw.external_id,
        "fetched_at": iso(raw.fetched_at),
    }


def document_row(document: Document, raw: RawDocument, extractor_version: str) -> dict[str, object]:
    """The document's metadata, falling back to what the source said about the raw bytes."""
    return {
        "doc_id": document.doc_id,
        "text": document.text,
        "title": document.title if document.title is not None else raw.title,
        "published": iso(document.published if document.published is not None else raw.published),
        "language": document.language,
        "url": document.url or raw.url,
        "external_id": document.external_id or raw.external_id,
        "extractor_version": extractor_version,
    }


def update_row(doc_id: str, idx: int, update: Update) -> dict[str, object]:
    return {
        "doc_id": doc_id,
        "idx": idx,
        "start": update.span.start,
        "end": update.span.end,
        "published": iso(update.published),
        "heading": update.heading,
    }


def event_row(event: Event, created_at: str, updated_at: str) -> dict[str, object]:
    """A merged event's columns: consensus fields, reconciled tolls and status flags."""
    place = event.place
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_earliest": iso(event.date_earliest),
        "date_latest": iso(event.date_latest),
        "date_precision": str(event.date_precision) if event.date_precision else None,
        "place": place.name if place else location_text(event),
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonames_id": public_geonames_id(place),
        "geo_precision": int(event.geo_precision) if event.geo_precision else None,
        "actor1": event.actor1,
        "actor2": event.actor2,
        **tally_columns("killed", event.killed),
        **tally_columns("injured", event.injured),
        "civilian_targeting": event.civilian_targeting,
        "weapons": json.dumps(list(event.weapons)),
        "confidence": max(report.confidence for report in event.reports),
        "contested": event.status.contested,
        "corroborated": event.status.corroborated,
        "created_at": created_at,
        "updated_at": updated_at,
    }


def location_text(event: Event) -> str | None:
    """Where an unresolved event happened, as the first report that says so worded it."""
    return next((r.candidate.location_text for r in event.reports if r.candidate.location_text), None)


def tally_columns(prefix: str, tally: Tally | None) -> dict[str, int | None]:
    return {
        f"{prefix}_low": tally.low if tally else None,
        f"{prefix}_best": tally.best if tally else None,
        f"{prefix}_high": tally.high if tally else None,
    }


def history_row(change: Change, at: str, detail: dict[str, object]) -> dict[str, object]:
    return {
        "event_id": change.event_id,
        "kind": change.kind,
        "doc_id": change.doc_id,
        "successor": change.successor,
        "detail": json.dumps(detail, ensure_ascii=False),
        "at": at,
    }


def mention_row(doc_id: str, idx: int, mention: Mention) -> dict[str, object]:
    """A mention's kind, span and text, with every other field as JSON."""
    value = {k: v for k, v in dataclasses.asdict(mention).items() if k not in ("span", "text")}
    return {
        "doc_id": doc_id,
        "idx": idx,
        "kind": MENTION_KINDS[type(mention)],
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "value": json.dumps(value, default=iso, ensure_ascii=False),
    }


def utc_stamp(moment: datetime) -> str:
    """``moment`` as the store writes ``updated_at`` (UTC, seconds); naive moments are taken as UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds")


def iso(stamp: date | datetime | None) -> str | None:
    return stamp.isoformat() if stamp is not None else None


def json_or_null(value: object) -> str | None:
    return None if value is None else json.dumps(value)
