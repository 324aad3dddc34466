"""Storing one extracted document in one transaction: its bytes, text, mentions, and its reports merged
into the events they tell (or, for a copy of a stored document, only a link to that original)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from frontwatch.model.document import Document
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.events.assemble import Extraction
from frontwatch.pipeline.merge.coreference import candidate_key
from frontwatch.pipeline.merge.events import merge_into
from frontwatch.store.db import Store
from frontwatch.store.duplicates import find_original, fingerprint, save_fingerprint
from frontwatch.store.ledger import MergeCounts, joinable_events, save_merge
from frontwatch.store.queries import document_exists
from frontwatch.store.rows import document_row, insert, mention_row, raw_row, update_row


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
    store: Store, raw: RawDocument, document: Document, extraction: Extraction, extractor_version: str
) -> StoredOutcome:
    """Store a document with its mentions and merge its event candidates into the known events, atomically.

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
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_rows = {candidate_key(candidate): index for index, candidate in enumerate(candidates)}
        counts: MergeCounts = save_merge(db, result, known, document, new_rows, now)
        return StoredOutcome(
            document.doc_id, True, None, len(candidates), counts.created, counts.updated, counts.merged
        )
