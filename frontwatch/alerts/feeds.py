"""Atom (RFC 4287) feeds of new and updated events, built with ElementTree so every value is escaped.

Entries are the most recently updated events first; each has a stable ``tag:`` id, its ``updated``
time, a plain-text summary (the briefing's sentence) and the evidence, and a link to its event page.
Events that left the dataset within the feed's window (merged into another, or removed by a
retraction) are RFC 6721 tombstones (``at:deleted-entry``) with a comment, and a link to the event
that now holds a merged one's reports, so a reader drops its copy. Characters XML 1.0 cannot carry
(stray control characters in scraped text) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from frontwatch.briefing.build import describe
from frontwatch.export.labels import format_dates
from frontwatch.store.db import Store
from frontwatch.store.records import GoneEvent, StoredEvent
from frontwatch.store.search import BATCH, EventFilter, events_by_id, where_clause

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
TAG_AUTHORITY = "tag:frontwatch,2020:"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FEED_SIZE = 200

ET.register_namespace("", ATOM)
ET.register_namespace("at", TOMBSTONES)


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def rfc3339(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def event_title(event: StoredEvent) -> str:
    where = f" in {event.place}" if event.place else ""
    when = f" ({format_dates(event)})" if event.date_earliest else ""
    return f"{event.sub_event_type}{where}{when}"


def event_content(event: StoredEvent) -> str:
    quotes = [" ".join(e.text.split()) for report in event.reports for e in report.evidence]
    evidence = "\n".join(f"“{quote}”" for quote in dict.fromkeys(quotes) if quote)
    return f"{describe(event)}\n\n{evidence}".strip()


def recent_first(events: Iterable[StoredEvent]) -> list[StoredEvent]:
    """The FEED_SIZE most recently updated events, newest first (ties by id)."""
    ordered = sorted(events, key=lambda e: (rfc3339(e.updated_at), e.event_id), reverse=True)
    return ordered[:FEED_SIZE]


def recently_updated(
    store: Store,
    query: EventFilter,
    keep: Callable[[StoredEvent], bool] | None = None,
    limit: int = FEED_SIZE,
) -> list[StoredEvent]:
    """The ``limit`` most recently updated events that ``query`` selects (and ``keep`` accepts, if given),
    read a page at a time, newest first."""
    where, params = where_clause(query)
    sql = (
        f"SELECT event_id FROM events WHERE {where} ORDER BY updated_at DESC, event_id DESC LIMIT ? OFFSET ?"
    )
    page = BATCH if keep else limit
    found: list[StoredEvent] = []
    offset = 0
    while len(found) < limit:
        ids = [row[0] for row in store.connection.execute(sql, [*params, page, offset])]
        found += filter(keep, events_by_id(store, ids))
        if len(ids) < page:
            break
        offset += page
    return found[:limit]


def child(
    parent: ET.Element, tag: str, text: str | None = None, namespace: str = ATOM, **attributes: str
) -> ET.Element:
    element = ET.SubElement(parent, f"{{{namespace}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def in_window(gone: Iterable[GoneEvent], entries: list[StoredEvent]) -> list[GoneEvent]:
    """The events gone since the oldest entry of a full feed (all of them if the feed holds every
    event), most recent first, at most FEED_SIZE."""
    since = entries[-1].updated_at if len(entries) == FEED_SIZE else None
    recent = sorted(
        (g for g in gone if since is None or g.gone_at >= since), key=lambda g: g.gone_at, reverse=True
    )
    return recent[:FEED_SIZE]


def atom_feed(
    events: Iterable[StoredEvent],
    *,
    feed_id: str,
    title: str,
    base_url: str,
    self_url: str,
    gone: Iterable[GoneEvent] = (),
) -> bytes:
    """The feed as UTF-8 XML, with tombstones for the ``gone`` events in its window. ``feed_id`` is
    appended to the tag authority; URLs are absolute."""
    entries = recent_first(events)
    tombstones = in_window(gone, entries)
    feed = ET.Element(f"{{{ATOM}}}feed")
    child(feed, "id", TAG_AUTHORITY + feed_id)
    child(feed, "title", title)
    latest = [entry.updated_at for entry in entries[:1]] + [tombstone.gone_at for tombstone in tombstones[:1]]
    child(feed, "updated", rfc3339(max(latest, default=EPOCH)))
    child(child(feed, "author"), "name", "frontwatch")
    child(feed, "link", rel="self", href=self_url)
    for event in entries:
        entry = child(feed, "entry")
        child(entry, "id", event_tag(event.event_id))
        child(entry, "title", event_title(event), type="text")
        child(entry, "updated", rfc3339(event.updated_at))
        child(entry, "published", rfc3339(event.created_at))
        child(entry, "link", rel="alternate", href=event_page(base_url, event.event_id))
        child(entry, "category", term=event.event_type)
        child(entry, "category", term=event.status.label)
        child(entry, "content", event_content(event), type="text")
    for tombstone in tombstones:
        ref, when = event_tag(tombstone.event.event_id), rfc3339(tombstone.gone_at)
        deleted = child(feed, "deleted-entry", namespace=TOMBSTONES, ref=ref, when=when)
        child(deleted, "comment", tombstone.comment, namespace=TOMBSTONES)
        if tombstone.successor is not None:
            child(deleted, "link", rel="alternate", href=event_page(base_url, tombstone.successor))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def event_tag(event_id: str) -> str:
    return f"{TAG_AUTHORITY}event/{event_id}"


def event_page(base_url: str, event_id: str) -> str:
    return f"{base_url.rstrip('/')}/events/{quote(event_id, safe='')}"
