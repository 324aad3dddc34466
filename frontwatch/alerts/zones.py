"""Watch zones: an area (a point and radius, or a GeoJSON polygon) and filters that events must match.

Zones live in the ``watch_zones`` table. A new zone's watermark is the latest ``event_history`` seq,
so its webhook hears of events created or changed after it was added.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from frontwatch.errors import InputError
from frontwatch.geo.gazetteer import haversine_km
from frontwatch.model.vocab import ACLED_TAXONOMY
from frontwatch.store.db import Store
from frontwatch.store.records import StoredEvent
from frontwatch.store.search import BoundingBox, EventFilter

KM_PER_DEGREE = math.pi * 6371.0 / 180 / 1.001
"""Kilometres per degree of latitude on haversine_km's sphere, less 0.1% so bounding boxes err wide."""
Ring = tuple[tuple[float, float], ...]
"""A closed polygon ring as (longitude, latitude) pairs, GeoJSON's order."""


@dataclass(frozen=True, slots=True)
class Circle:
    lat: float
    lon: float
    radius_km: float

    def contains(self, lat: float, lon: float) -> bool:
        return haversine_km(self.lat, self.lon, lat, lon) <= self.radius_km

    def bounds(self) -> BoundingBox:
        """A box around the circle (all longitudes near a pole; west > east across the antimeridian)."""
        dlat = self.radius_km / KM_PER_DEGREE
        south, north = max(-90.0, self.lat - dlat), min(90.0, self.lat + dlat)
        widest = max(abs(south), abs(north))
        dlon = 180.0 if widest >= 89.0 else dlat / math.cos(math.radians(widest))
        if dlon >= 180.0:
            return BoundingBox(-180.0, south, 180.0, north)
        west, east = self.lon - dlon, self.lon + dlon
        return BoundingBox(
            west + 360 if west < -180 else west, south, east - 360 if east > 180 else east, north
        )

    def to_json(self) -> dict[str, object]:
        return {"type": "Point", "coordinates": [self.lon, self.lat], "radius_km": self.radius_km}


@dataclass(frozen=True, slots=True)
class Polygon:
    """A GeoJSON polygon: the outer ring, then holes."""

    rings: tuple[Ring, ...]

    def contains(self, lat: float, lon: float) -> bool:
        outer, *holes = self.rings
        return ring_contains(outer, lon, lat) and not any(ring_contains(hole, lon, lat) for hole in holes)

    def bounds(self) -> BoundingBox:
        lons, lats = zip(*self.rings[0], strict=True)
        return BoundingBox(min(lons), min(lats), max(lons), max(lats))

    def to_json(self) -> dict[str, object]:
        return {"type": "Polygon", "coordinates": [[list(point) for point in ring] for ring in self.rings]}


Area = Circle | Polygon


@dataclass(frozen=True, slots=True)
class ZoneFilter:
    """What an event must be to match; None = any."""

    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    status: str | None = None
    min_killed: int | None = None

    def matches(self, event: StoredEvent) -> bool:
        """Like the store's filters: ``min_killed`` compares the best estimate and needs a stated toll."""
        killed = event.killed.best if event.killed else None
        return (
            self.event_type in (None, event.event_type)
            and self.sub_event_type in (None, event.sub_event_type)
            and self.country in (None, event.country)
            and self.status in (None, event.status.label)
            and (self.min_killed is None or (killed is not None and killed >= self.min_killed))
        )

    def to_json(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True, slots=True)
class WatchZone:
    zone_id: int
    name: str
    area: Area
    filters: ZoneFilter
    webhook: str | None
    watermark: int
    created_at: datetime

    def query(self) -> EventFilter:
        """The store query for the zone's bounding box and filters (:meth:`matches` then decides)."""
        f = self.filters
        return EventFilter(
            event_types=(f.event_type,) if f.event_type else (),
            sub_event_types=(f.sub_event_type,) if f.sub_event_type else (),
            status=f.status,
            min_killed=f.min_killed,
            country=f.country,
            bbox=self.area.bounds(),
        )

    def matches(self, event: StoredEvent) -> bool:
        """True when the event is located inside the area and passes the filters."""
        located = event.lat is not None and event.lon is not None
        return located and self.area.contains(event.lat, event.lon) and self.filters.matches(event)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, object]:
        return {
            "zone_id": self.zone_id,
            "name": self.name,
            "area": self.area.to_json(),
            "filters": self.filters.to_json(),
            "webhook": self.webhook,
            "watermark": self.watermark,
            "created_at": self.created_at.isoformat(),
        }


def ring_contains(ring: Ring, x: float, y: float) -> bool:
    """Even-odd rule: does the ray from (x, y) eastwards cross the ring an odd number of times?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def circle(lat: float, lon: float, radius_km: float) -> Circle:
    """A circle; InputError for coordinates off the globe or a radius that is not positive."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"({lat}, {lon}) is not a latitude and longitude; latitude first, in degrees")
    if not 0 < radius_km <= 20_000:
        raise InputError(f"radius {radius_km} km must be above 0 and at most 20000")
    return Circle(lat, lon, radius_km)


def polygon_from_geojson(geojson: object) -> Polygon:
    """A Polygon from a GeoJSON Polygon geometry or a Feature holding one; InputError otherwise."""
    if isinstance(geojson, dict) and geojson.get("type") == "Feature":
        geojson = geojson.get("geometry")
    if not isinstance(geojson, dict) or geojson.get("type") != "Polygon":
        raise InputError("a watch zone's polygon must be a GeoJSON Polygon (or a Feature with one)")
    try:
        rings = tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in geojson["coordinates"])
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(f"the polygon's coordinates are not [[[lon, lat], ...]]: {exc}") from exc
    if not rings or any(len(ring) < 4 or ring[0] != ring[-1] for ring in rings):
        raise InputError("each polygon ring needs at least 4 positions, the last equal to the first")
    if any(not (-180 <= lon <= 180 and -90 <= lat <= 90) for ring in rings for lon, lat in ring):
        raise InputError("polygon positions must be [longitude, latitude] in degrees")
    return Polygon(rings)


def area_from_parts(
    lat: float | None, lon: float | None, radius_km: float | None, polygon: object | None
) -> Area:
    """A circle from latitude, longitude and radius, or a polygon from GeoJSON: exactly one of the two."""
    circle_parts = (lat, lon, radius_km)
    if polygon is not None and all(part is None for part in circle_parts):
        return polygon_from_geojson(polygon)
    if polygon is None and all(part is not None for part in circle_parts):
        return circle(lat, lon, radius_km)  # type: ignore[arg-type]
    raise InputError("give a watch zone either a point and radius (lat, lon, radius_km) or a polygon")


def area_from_json(value: dict[str, Any]) -> Area:
    """The area as stored: a Point with ``radius_km``, or a Polygon."""
    if value.get("type") == "Point":
        lon, lat = value["coordinates"]
        return Circle(float(lat), float(lon), float(value["radius_km"]))
    return polygon_from_geojson(value)


def checked_filter(event_filter: ZoneFilter) -> ZoneFilter:
    """The filter, or InputError naming an unknown type or sub-type or a negative minimum."""
    subtypes = {sub for subs in ACLED_TAXONOMY.values() for sub in subs}
    if event_filter.event_type is not None and event_filter.event_type not in ACLED_TAXONOMY:
        raise InputError(
            f"unknown event type {event_filter.event_type!r}; one of: " + ", ".join(sorted(ACLED_TAXONOMY))
        )
    if event_filter.sub_event_type is not None and event_filter.sub_event_type not in subtypes:
        raise InputError(f"unknown sub-event type {event_filter.sub_event_type!r}")
    if event_filter.min_killed is not None and event_filter.min_killed < 0:
        raise InputError("min_killed cannot be negative")
    return event_filter


def add_zone(store: Store, name: str, area: Area, filters: ZoneFilter, webhook: str | None) -> WatchZone:
    """Store a new zone watching from now on (watermark = the latest history seq). Check the webhook first."""
    if not name.strip():
        raise InputError("a watch zone needs a name")
    now = datetime.now(UTC).replace(microsecond=0)
    with store.transaction() as db:
        watermark = db.execute("SELECT coalesce(max(seq), 0) FROM event_history").fetchone()[0]
        cursor = db.execute(
            "INSERT INTO watch_zones (name, area, filters, webhook, watermark, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                name.strip(),
                json.dumps(area.to_json()),
                json.dumps(checked_filter(filters).to_json()),
                webhook,
                watermark,
                now.isoformat(),
            ),
        )
    return WatchZone(int(cursor.lastrowid or 0), name.strip(), area, filters, webhook, watermark, now)


def list_zones(store: Store) -> list[WatchZone]:
    """Every zone, oldest first."""
    rows = store.connection.execute(
        "SELECT zone_id, name, area, filters, webhook, watermark, created_at FROM watch_zones"
        " ORDER BY zone_id"
    )
    return [zone_from_row(row) for row in rows]


def get_zone(store: Store, zone_id: int) -> WatchZone | None:
    row = store.connection.execute(
        "SELECT zone_id, name, area, filters, webhook, watermark, created_at FROM watch_zones"
        " WHERE zone_id = ?",
        (zone_id,),
    ).fetchone()
    return None if row is None else zone_from_row(row)


def remove_zone(store: Store, zone_id: int) -> bool:
    """Delete a zone and its delivery log; False when there is no such zone."""
    with store.transaction() as db:
        db.execute("DELETE FROM alert_deliveries WHERE zone_id = ?", (zone_id,))
        return db.execute("DELETE FROM watch_zones WHERE zone_id = ?", (zone_id,)).rowcount > 0


def zone_from_row(row: tuple[Any, ...]) -> WatchZone:
    zone_id, name, area, filters, webhook, watermark, created_at = row
    return WatchZone(
        zone_id=int(zone_id),
        name=str(name),
        area=area_from_json(json.loads(str(area))),
        filters=ZoneFilter(**json.loads(str(filters))),
        webhook=None if webhook is None else str(webhook),
        watermark=int(watermark),
        created_at=datetime.fromisoformat(str(created_at)),
    )
