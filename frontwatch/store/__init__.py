"""The SQLite store: raw bytes, documents, mentions, events and their sources."""

from frontwatch.store.db import Store
from frontwatch.store.records import Evidence, StoredEvent, StoredReport

__all__ = ["Evidence", "Store", "StoredEvent", "StoredReport"]
