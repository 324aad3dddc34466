"""Storing one extracted document in one transaction: its bytes, text, mentions, and its reports merged
into the events they tell (or, for a copy of a stored document, only a link to that original)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime

from frontwatch.errors import InputError
from frontwatch.model.document import Document
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.events.assemble import Extraction
from frontwatch.pipeline.merge.coreference import candidate_key
from frontwatch.pipeline.merge.events import merge_into, revise, withdraw
from frontwatch.store.db import Store
from frontwatch.store.duplicates import find_original, fingerprint, save_fingerprint
from frontwatch.store.ledger import MergeCounts, joinable_events, load_events, save_merge, source_row
from frontwatch.store.queries import document_exists
from frontwatch.store.rows import document_row, insert, mention_row, raw_row, update_row, utc_stamp


@dataclass(frozen=True, slots=True)
class StoredOutcome:
    """What storing a document did. ``stored`` is False when it was already stored (nothing written);
    ``duplicate_of`` names the original of a copy, whose reports were then not added as evidence;
    ``reports`` counts the reports added to the ledger; the rest are the event ids it touched."""

    doc_id: str
    stored: bool
    duplicate_of: str | None = None
    reports: int = 0
    created: tuple[str, ...] = field(default=())
    updated: tuple[str, ...] = field(default=())
    merged: tuple[str, ...] = field(default=())


def store_document(
    store: Store,
    raw: RawDocument,
    document: Document,
    extraction: Extraction,
    extractor_version: str,
    at: datetime | None = None,
) -> StoredOutcome:
    """Store a document with its mentions and merge its event candidates into the known events, atomically;
    the changes it makes are recorded as made ``at`` (an aware datetime; now by default).

    Writes nothing when the document is already stored (re-ingest is a no-op). A copy of a stored
    document (same text or canonical URL, or a near-duplicate) is stored and linked to its original.
    Any failure rolls back this document's writes only and raises StoreError.
    """
    with store.transaction() as db:
        if document_exists(db, document.doc_id):
            return StoredOutcome(document.doc_id, stored=False)
        identity = fingerprint(document)
        original = find_original(db, identity)
        insert(db, "raw_documents", raw_row(raw))
        insert(
            db,
            "documents",
            {
                **document_row(document, raw, extractor_version),
                "duplicate_of": original,
                "text_sha256": identity.text_sha256,
                "canonical_url": identity.canonical_url,
            },
        )
        save_fingerprint(db, document.doc_id, identity)
        for idx, update in enumerate(document.updates):
            insert(db, "updates", update_row(document.doc_id, idx, update))
        for idx, mention in enumerate(extraction.mentions):
            insert(db, "mentions", mention_row(document.doc_id, idx, mention))
        if original is not None:
            return StoredOutcome(document.doc_id, stored=True, duplicate_of=original)
        candidates = list(dict.fromkeys(extraction.events))
        known = joinable_events(db, candidates)
        result = merge_into([known_event.event for known_event in known.values()], candidates)
        now = utc_stamp(at or datetime.now(UTC))
        new_rows = {
            candidate_key(candidate): source_row(document, index, candidate)
            for index, candidate in enumerate(candidates)
        }
        counts: MergeCounts = save_merge(db, result, known, document.doc_id, new_rows, now)
        return StoredOutcome(
            document.doc_id, True, None, len(candidates), counts.created, counts.updated, counts.merged
        )


def retract_document(store: Store, reference: str, reason: str, at: datetime | None = None) -> MergeCounts:
    """Withdraw a stored document's reports from the events they support, atomically, as if it had never
    been stored (see ``merge.events.withdraw``): its ledger rows move to ``retracted_sources``, the
    document records when and why, and every change is in the history with the document as its cause.

    ``reference`` is a document id or an external id. InputError when it names no document, several, or
    one already retracted; nothing is written then.
    """
    if not reason.strip():
        raise InputError("give the reason for the retraction (e.g. 'the outlet withdrew the story')")
    with store.transaction() as db:
        doc_id = document_id(db, reference)
        now = utc_stamp(at or datetime.now(UTC))
        touched = load_events(db, (row[0] for row in db.execute(TOUCHED_SQL, (doc_id,))))
        kept = [r.candidate for known in touched.values() for r in known.event.reports if r.doc_id != doc_id]
        known = {**joinable_events(db, kept), **touched}
        result = withdraw([known_event.event for known_event in known.values()], doc_id)
        db.execute("INSERT INTO retracted_sources SELECT * FROM event_sources WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM event_sources WHERE doc_id = ?", (doc_id,))
        db.execute(
            "UPDATE documents SET retracted_at = ?, retraction = ? WHERE doc_id = ?",
            (now, reason.strip(), doc_id),
        )
        return save_merge(db, result, known, doc_id, {}, now)


TOUCHED_SQL = "SELECT DISTINCT event_id FROM event_sources WHERE doc_id = ?"


def revise_document(
    store: Store,
    document: Document,
    extraction: Extraction,
    extractor_version: str,
    at: datetime | None = None,
) -> MergeCounts:
    """Replace a stored document's mentions and reports with ``extraction``, its extraction by the
    current rules, atomically (see ``merge.events.revise``): events keep their ids where the document's
    new report stands where an old one stood, and every change is in the history with the document as
    its cause. A document whose reports come out the same, or a copy of another (it adds no reports),
    changes no event. InputError when the document is not stored or was retracted."""
    with store.transaction() as db:
        doc_id = document_id(db, document.doc_id)
        db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        for idx, mention in enumerate(extraction.mentions):
            insert(db, "mentions", mention_row(doc_id, idx, mention))
        db.execute("UPDATE documents SET extractor_version = ? WHERE doc_id = ?", (extractor_version, doc_id))
        candidates = list(dict.fromkeys(extraction.events))
        touched = load_events(db, (row[0] for row in db.execute(TOUCHED_SQL, (doc_id,))))
        reports = [report for known in touched.values() for report in known.event.reports]
        old = {candidate_key(r.candidate) for r in reports if r.doc_id == doc_id}
        if is_copy(db, doc_id) or old == {candidate_key(candidate) for candidate in candidates}:
            return MergeCounts((), (), ())
        kept = [report.candidate for report in reports if report.doc_id != doc_id]
        known = {**joinable_events(db, kept + candidates), **touched}
        result = revise([known_event.event for known_event in known.values()], doc_id, candidates)
        db.execute("DELETE FROM event_sources WHERE doc_id = ?", (doc_id,))
        new_rows = {
            candidate_key(candidate): source_row(document, index, candidate)
            for index, candidate in enumerate(candidates)
        }
        return save_merge(db, result, known, doc_id, new_rows, utc_stamp(at or datetime.now(UTC)))


def is_copy(db: sqlite3.Connection, doc_id: str) -> bool:
    """True for a document stored as a copy of another (its reports are the original's)."""
    row = db.execute("SELECT duplicate_of FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return row is not None and row[0] is not None


def document_id(db: sqlite3.Connection, reference: str) -> str:
    """The id of the one unretracted document whose id or external id is ``reference``; InputError if none."""
    rows = db.execute(
        "SELECT doc_id, retracted_at FROM documents WHERE doc_id = ? OR external_id = ?",
        (reference, reference),
    ).fetchall()
    if not rows:
        raise InputError(f"no stored document has the id or external id {reference!r}")
    if len(rows) > 1:
        choices = ", ".join(doc_id for doc_id, _ in rows)
        raise InputError(f"{len(rows)} documents have the external id {reference!r}; name one: {choices}")
    ((doc_id, retracted_at),) = rows
    if retracted_at is not None:
        raise InputError(f"document {doc_id} was already retracted at {retracted_at}")
    return str(doc_id)
