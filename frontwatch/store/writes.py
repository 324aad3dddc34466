"""Writing one document with everything extracted from it, in one transaction."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime

from frontwatch.model.candidate import EventCandidate, candidate_to_contract, count_to_json
from frontwatch.model.document import Document, Update
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
from frontwatch.model.span import Span
from frontwatch.store.db import Store
from frontwatch.store.queries import document_exists

MENTION_KINDS: dict[type, str] = {
    PlaceMention: "place",
    DateMention: "date",
    CasualtyMention: "casualty",
    ActorMention: "actor",
    WeaponMention: "weapon",
    AttributionMention: "attribution",
}


def event_id_for(doc_id: str, index: int, evidence: Sequence[Span]) -> str:
    """A stable id for the ``index``-th candidate of a document, from its document and evidence."""
    spans = ",".join(f"{span.start}-{span.end}" for span in evidence)
    return "fw-" + hashlib.sha256(f"{doc_id}:{index}:{spans}".encode()).hexdigest()[:16]


def write_document(
    store: Store,
    raw: RawDocument,
    document: Document,
    candidates: Sequence[EventCandidate],
    extractor_version: str,
    mentions: Sequence[Mention] = (),
) -> bool:
    """Store a document, its raw bytes, updates, mentions and events atomically.

    Returns False, writing nothing, when the document is already stored (re-ingest is a no-op).
    Any failure rolls back this document's writes only and raises StoreError.
    """
    with store.transaction() as db:
        if document_exists(db, document.doc_id):
            return False
        insert(db, "raw_documents", raw_row(raw))
        insert(db, "documents", document_row(document, raw, extractor_version))
        for idx, update in enumerate(document.updates):
            insert(db, "updates", update_row(document.doc_id, idx, update))
        for idx, mention in enumerate(mentions):
            insert(db, "mentions", mention_row(document.doc_id, idx, mention))
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        for index, candidate in enumerate(candidates):
            event_id = event_id_for(document.doc_id, index, candidate.evidence)
            insert(db, "events", event_row(event_id, candidate, created_at))
            insert(db, "event_sources", source_row(event_id, document, index, candidate))
        return True


def insert(db: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    """INSERT one row given as column → value."""
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" * len(row))
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


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


_CONTRACT_COLUMNS = (
    "event_type", "sub_event_type", "date_earliest", "date_latest", "date_precision", "place", "country",
    "admin1", "lat", "lon", "geonames_id", "geo_precision", "actor1", "actor2", "civilian_targeting",
)


def event_row(event_id: str, candidate: EventCandidate, created_at: str) -> dict[str, object]:
    """One candidate becomes one event (merging across reports comes later)."""
    contract = candidate_to_contract(candidate)
    killed, injured = candidate.killed, candidate.injured
    return {
        "event_id": event_id,
        **{column: contract[column] for column in _CONTRACT_COLUMNS},
        "killed_min": killed.minimum if killed else None,
        "killed_max": killed.maximum if killed else None,
        "injured_min": injured.minimum if injured else None,
        "injured_max": injured.maximum if injured else None,
        "weapons": json.dumps(list(candidate.weapons)),
        "confidence": candidate.confidence,
        "created_at": created_at,
    }


def source_row(event_id: str, document: Document, index: int, candidate: EventCandidate) -> dict[str, object]:
    """The document's account of the event, with the quoted text of each evidence span."""
    evidence = [{**span.to_json(), "text": span.text_of(document.text)} for span in candidate.evidence]
    return {
        "doc_id": document.doc_id,
        "candidate_idx": index,
        "event_id": event_id,
        "claimed_by": candidate.claimed_by,
        "stance": str(candidate.stance),
        "partisan": candidate.partisan,
        "killed": json_or_null(count_to_json(candidate.killed)),
        "injured": json_or_null(count_to_json(candidate.injured)),
        "evidence": json.dumps(evidence, ensure_ascii=False),
        "confidence": candidate.confidence,
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


def iso(stamp: date | datetime | None) -> str | None:
    return stamp.isoformat() if stamp is not None else None


def json_or_null(value: object) -> str | None:
    return None if value is None else json.dumps(value)
