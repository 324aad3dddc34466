"""Per-source ingest failures, reported in the stream so one bad file never stops a batch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A file, feed or JSONL line that could not be read: where, and what is wrong."""

    source: str
    message: str
