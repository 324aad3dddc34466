"""Raw documents: the bytes as fetched, kept so everything can be re-extracted later."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime


def content_hash(content: bytes) -> str:
    """The content address of raw bytes (SHA-256, hex)."""
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes from one source, with what the source said about them.

    ``media_type`` is the detected format ("text/html", "text/plain", "text/markdown",
    "application/rss+xml", "application/x-jsonl-record"); ``hints`` carry metadata the source
    already knew (a JSONL line's title, published date, URL, external id).
    """

    content: bytes
    media_type: str
    source: str
    fetched_at: datetime
    url: str | None = None
    external_id: str | None = None
    title: str | None = None
    published: date | datetime | None = None
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", content_hash(self.content))
