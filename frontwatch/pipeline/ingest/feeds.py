"""RSS and Atom feeds: one raw document per item, carrying its link, title, date and id."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import etree

from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest.failure import IngestFailure
from frontwatch.pipeline.ingest.formats import FEED


def _item_published(entry: Any) -> datetime | None:
    """The item's publication (else update) time, in UTC as feedparser normalises it."""
    stamp: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return None
    return datetime(*stamp[:6], tzinfo=UTC)


def _item_body(entry: Any) -> str:
    """The fullest text the item carries: its content, else its summary, else its title."""
    for content in entry.get("content") or ():
        if content.get("value", "").strip():
            return str(content["value"])
    return str(entry.get("summary") or entry.get("title") or "")


def _repaired(content: bytes) -> bytes | None:
    """The feed re-serialised by lxml's recovering parser (closes unclosed tags), or None."""
    try:
        root = etree.fromstring(content, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return None
    return etree.tostring(root) if root is not None else None


def read_feed(content: bytes, source: str, fetched_at: datetime) -> Iterator[RawDocument | IngestFailure]:
    """Every item of an RSS/Atom feed.

    A malformed feed is reported as a failure; the items lxml can recover from it still follow.
    """
    parsed = feedparser.parse(content)
    if parsed.bozo:
        problem = parsed.get("bozo_exception")
        repaired = _repaired(content)
        recovered = feedparser.parse(repaired) if repaired else parsed
        parsed = recovered if len(recovered.entries) > len(parsed.entries) else parsed
        yield IngestFailure(
            source,
            f"malformed feed ({problem}); {len(parsed.entries)} item(s) recovered; "
            "check that the file is well-formed RSS or Atom",
        )
    elif not parsed.entries:
        yield IngestFailure(source, "feed has no items")
    for number, entry in enumerate(parsed.entries, start=1):
        item_source = f"{source}#{number}"
        body = _item_body(entry)
        if not body.strip():
            yield IngestFailure(item_source, f"feed item {number} has no content, summary or title")
            continue
        yield RawDocument(
            content=body.encode("utf-8"),
            media_type=FEED,
            source=item_source,
            fetched_at=fetched_at,
            url=entry.get("link"),
            external_id=entry.get("id"),
            title=entry.get("title"),
            published=_item_published(entry),
        )
