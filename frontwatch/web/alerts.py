"""Feeds and alerts: Atom feeds of new and updated events, and the watch zones API.

Reads use ``app.state.db_path``. Writing endpoints need the bearer token (see ``web.auth``). Webhooks
to private addresses are refused unless ``app.state.allow_private_webhooks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from frontwatch.alerts import (
    ZoneFilter,
    add_zone,
    area_from_parts,
    atom_feed,
    check_webhook,
    get_zone,
    list_zones,
    remove_zone,
)
from frontwatch.alerts.feeds import FEED_SIZE, recently_updated
from frontwatch.errors import InputError
from frontwatch.store.db import Store
from frontwatch.store.queries import gone_events
from frontwatch.store.records import GoneEvent, StoredEvent
from frontwatch.web.api import EventFilters
from frontwatch.web.auth import require_token

router = APIRouter()
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def db_path(request: Request) -> Path:
    return Path(request.app.state.db_path)


def atom_response(
    request: Request, events: list[StoredEvent], gone: list[GoneEvent], feed_id: str, title: str
) -> Response:
    body = atom_feed(
        events,
        gone=gone,
        feed_id=feed_id,
        title=title,
        base_url=str(request.base_url),
        self_url=str(request.url),
    )
    return Response(body, media_type=ATOM_TYPE)


@router.get("/feeds/events.atom", response_class=Response, tags=["feeds"])
def events_feed(request: Request, filters: Annotated[EventFilters, Query()]) -> Response:
    """New and updated events, most recent first, selected by the event list's filters; tombstones
    (RFC 6721) for every event merged away or removed by a retraction in the feed's window (a reader
    ignores those it never had)."""
    with Store.open(db_path(request), read_only=True) as store:
        events = recently_updated(store, filters.to_filter())
        gone = gone_events(store, FEED_SIZE)
    return atom_response(request, events, gone, "events", "frontwatch: new and updated events")


@router.get("/feeds/zones/{zone_id}.atom", response_class=Response, tags=["feeds"])
def zone_feed(request: Request, zone_id: int) -> Response:
    """Events inside one watch zone that match its filters, most recent first; tombstones for those
    of its events that were merged away or removed by a retraction, as they last stood."""
    with Store.open(db_path(request), read_only=True) as store:
        zone = get_zone(store, zone_id)
        if zone is None:
            raise HTTPException(404, f"no watch zone {zone_id}")
        events = recently_updated(store, zone.query(), zone.matches)
        gone = [g for g in gone_events(store, FEED_SIZE) if zone.matches(g.event)]
    return atom_response(request, events, gone, f"zone/{zone_id}", f"frontwatch watch zone: {zone.name}")


class ZoneIn(BaseModel):
    """A new watch zone: a point and radius or a GeoJSON polygon, optional filters and webhook."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    polygon: dict[str, Any] | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    status: str | None = Field(None, pattern="^(contested|corroborated|reported)$")
    min_killed: int | None = Field(None, ge=0)
    webhook: str | None = Field(None, max_length=2000)


@router.get("/api/watchzones", tags=["watch zones"])
def zones(request: Request) -> list[dict[str, object]]:
    with Store.open(db_path(request), read_only=True) as store:
        return [zone.to_json() for zone in list_zones(store)]


@router.get("/api/watchzones/{zone_id}", tags=["watch zones"])
def zone(request: Request, zone_id: int) -> dict[str, object]:
    with Store.open(db_path(request), read_only=True) as store:
        found = get_zone(store, zone_id)
    if found is None:
        raise HTTPException(404, f"no watch zone {zone_id}")
    return found.to_json()


@router.post("/api/watchzones", status_code=201, dependencies=[Depends(require_token)], tags=["watch zones"])
def create_zone(request: Request, body: ZoneIn) -> dict[str, object]:
    """Add a watch zone (token required). 422 for a bad area, filter or refused webhook."""
    allow_private = bool(getattr(request.app.state, "allow_private_webhooks", False))
    try:
        area = area_from_parts(body.lat, body.lon, body.radius_km, body.polygon)
        webhook = body.webhook and check_webhook(body.webhook, allow_private=allow_private)
        filters = ZoneFilter(body.event_type, body.sub_event_type, body.country, body.status, body.min_killed)
        with Store.open(db_path(request)) as store:
            created = add_zone(store, body.name, area, filters, webhook or None)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from exc
    return created.to_json()


@router.delete(
    "/api/watchzones/{zone_id}", status_code=204, dependencies=[Depends(require_token)], tags=["watch zones"]
)
def delete_zone(request: Request, zone_id: int) -> Response:
    """Remove a watch zone (token required)."""
    with Store.open(db_path(request)) as store:
        if not remove_zone(store, zone_id):
            raise HTTPException(404, f"no watch zone {zone_id}")
    return Response(status_code=204)
