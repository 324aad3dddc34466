"""A batch ingest: read sources, normalize, extract events, store — one document at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from frontwatch import __version__
from frontwatch.errors import FrontwatchError
from frontwatch.model.document import Document
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.events.assemble import EXTRACTABLE_LANGUAGES, Extraction, extract_document
from frontwatch.pipeline.ingest import IngestFailure, read_sources
from frontwatch.pipeline.normalize import normalize
from frontwatch.store.db import Store
from frontwatch.store.documents import load_document, unretracted_documents
from frontwatch.store.ledger import MergeCounts
from frontwatch.store.queries import document_exists
from frontwatch.store.writes import StoredOutcome, document_id, revise_document, store_document

if TYPE_CHECKING:
    from frontwatch.geo.gazetteer import Gazetteer

EXTRACTOR_VERSION = __version__
"""Recorded with every document so documents extracted by older rules can be found and redone."""


@dataclass
class BatchTotals:
    """What a batch over documents did to events (created, updated, merged away), the documents not
    extracted by language, and the failures."""

    created: int = 0
    updated: int = 0
    merged: int = 0
    unextracted: Counter[str] = field(default_factory=Counter)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass
class IngestReport(BatchTotals):
    """Running totals of a batch: raw documents read, how many were new (``copies`` of them linked to a
    stored original; ``unextracted`` of them, by language, stored without extraction), already stored
    or failed; reports added and events created, updated, merged away."""

    read: int = 0
    new: int = 0
    copies: int = 0
    duplicates: int = 0
    reports: int = 0

    def count(self, outcome: StoredOutcome) -> None:
        """Add what storing one document did."""
        if not outcome.stored:
            self.duplicates += 1
            return
        self.new += 1
        self.copies += outcome.duplicate_of is not None
        self.reports += outcome.reports
        self.created += len(outcome.created)
        self.updated += len(outcome.updated)
        self.merged += len(outcome.merged)

    def summary(self) -> str:
        """One line, e.g. "read 12 documents: 10 new (1 a copy; 2 not extracted: ru 2), 1 already stored,
        1 failed; events: 20 created, 4 updated, 1 merged"."""
        notes = []
        if self.copies:
            notes.append(f"{self.copies} {'a copy' if self.copies == 1 else 'copies'}")
        if self.unextracted:
            languages = ", ".join(f"{code} {count}" for code, count in sorted(self.unextracted.items()))
            notes.append(f"{self.unextracted.total()} not extracted: {languages}")
        copies = f" ({'; '.join(notes)})" if notes else ""
        events = f"{self.created} created, {self.updated} updated, {self.merged} merged"
        return (
            f"read {plural(self.read, 'document')}: {self.new} new{copies}, "
            f"{self.duplicates} already stored, {self.failed} failed; events: {events}"
        )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    gazetteer: Gazetteer,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; a source that fails is recorded and the batch goes on.

    The store's own files are skipped (``frontwatch ingest .`` next to ./frontwatch.db).
    ``progress`` is called with the running report after each source item.
    """
    report = IngestReport()
    own_files = store.files()
    for item in read_sources(paths):
        if Path(item.source).resolve() in own_files:
            continue
        if isinstance(item, IngestFailure):
            report.failures.append(item)
        else:
            report.read += 1
            ingest_raw(item, store, gazetteer, report)
        if progress is not None:
            progress(report)
    return report


def ingest_raw(raw: RawDocument, store: Store, gazetteer: Gazetteer, report: IngestReport) -> None:
    """Normalize, extract and store one raw document, counting the outcome in ``report``."""
    if document_exists(store.connection, raw.sha256):
        report.duplicates += 1
        return
    try:
        document = normalize(raw)
        extraction = extraction_of(document, gazetteer, report.unextracted)
        outcome = store_document(store, raw, document, extraction, EXTRACTOR_VERSION)
    except Exception as exc:  # one bad document must not stop the batch; it is reported instead
        report.failures.append(IngestFailure(raw.source, failure_message(exc)))
        return
    report.count(outcome)


def extraction_of(document: Document, gazetteer: Gazetteer, unextracted: Counter[str]) -> Extraction:
    """The events of ``document``; none for a language the extractor does not read yet: the document is
    still stored (searchable, and kept for a later extractor) and counted in ``unextracted``."""
    if document.language in EXTRACTABLE_LANGUAGES:
        return extract_document(document, gazetteer)
    unextracted[document.language] += 1
    return Extraction(mentions=(), events=[])


@dataclass
class ReextractReport(BatchTotals):
    """Running totals of extracting stored documents again: documents done, how many of them changed
    events (``revised``), events created, updated, merged away and removed, and failures."""

    documents: int = 0
    revised: int = 0
    removed: int = 0

    def count(self, counts: MergeCounts) -> None:
        """Add what revising one document did."""
        self.documents += 1
        self.revised += any((counts.created, counts.updated, counts.merged, counts.removed))
        self.created += len(counts.created)
        self.updated += len(counts.updated)
        self.merged += len(counts.merged)
        self.removed += len(counts.removed)

    def summary(self) -> str:
        """One line, e.g. "extracted 48 documents again: 3 changed events, 0 failed; events: 1 created,
        4 updated, 0 merged, 1 removed"."""
        events = (
            f"{self.created} created, {self.updated} updated, {self.merged} merged, {self.removed} removed"
        )
        return (
            f"extracted {plural(self.documents, 'document')} again: {self.revised} changed events, "
            f"{self.failed} failed; events: {events}"
        )


def reextract_stored(
    store: Store,
    gazetteer: Gazetteer,
    references: Sequence[str] = (),
    progress: Callable[[ReextractReport], None] | None = None,
) -> ReextractReport:
    """Extract stored documents again with the current rules and revise the events they support (see
    ``store.writes.revise_document``): those ``references`` name (ids or external ids), else every
    document not retracted. A document that fails is recorded and the run goes on; InputError, before
    anything is written, when a reference names no document or a retracted one."""
    with store.transaction() as db:
        doc_ids = [document_id(db, reference) for reference in references] or unretracted_documents(db)
    report = ReextractReport()
    for doc_id in doc_ids:
        document = load_document(store.connection, doc_id)
        if document is None:  # retracted or gone since the list was read
            continue
        try:
            extraction = extraction_of(document, gazetteer, report.unextracted)
            report.count(revise_document(store, document, extraction, EXTRACTOR_VERSION))
        except Exception as exc:  # one bad document must not stop the run; it is reported instead
            report.failures.append(IngestFailure(document.source or doc_id, failure_message(exc)))
        if progress is not None:
            progress(report)
    return report


def failure_message(exc: Exception) -> str:
    """Our errors speak for themselves; anything else is a bug, named by its type."""
    if isinstance(exc, FrontwatchError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc} (please report this bug)"
