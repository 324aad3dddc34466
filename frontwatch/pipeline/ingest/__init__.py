"""Pipeline stage: ingest — files, folders, feeds, JSON and JSONL into raw documents."""

from frontwatch.pipeline.ingest.failure import IngestFailure
from frontwatch.pipeline.ingest.sources import DEFAULT_MAX_BYTES, read_sources

__all__ = ["DEFAULT_MAX_BYTES", "IngestFailure", "read_sources"]
