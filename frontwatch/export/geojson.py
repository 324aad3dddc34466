"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per event.

An event without coordinates keeps its place in the collection with a null geometry, as the RFC allows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from frontwatch.store.records import StoredEvent


def feature(event: StoredEvent) -> dict[str, object]:
    """One event as a Feature; coordinates are [longitude, latitude]."""
    located = event.lat is not None and event.lon is not None
    properties = {"event_id": event.event_id, **event.to_contract(), "claimants": list(event.claimants)}
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]} if located else None,
        "properties": properties,
    }


def feature_collection(events: Iterable[StoredEvent]) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": [feature(event) for event in events]}


def write(events: Iterable[StoredEvent], stream: TextIO) -> None:
    json.dump(feature_collection(events), stream, ensure_ascii=False)
    stream.write("\n")
