"""Feeds and alerts: Atom feeds of events, watch zones, and webhook delivery of their new events."""

from frontwatch.alerts.feeds import atom_feed
from frontwatch.alerts.webhooks import DeliveryReport, ZoneDelivery, check_webhook, deliver_alerts
from frontwatch.alerts.zones import (
    Circle,
    Polygon,
    WatchZone,
    ZoneFilter,
    add_zone,
    area_from_parts,
    get_zone,
    list_zones,
    remove_zone,
)

__all__ = [
    "Circle",
    "DeliveryReport",
    "Polygon",
    "WatchZone",
    "ZoneDelivery",
    "ZoneFilter",
    "add_zone",
    "area_from_parts",
    "atom_feed",
    "check_webhook",
    "deliver_alerts",
    "get_zone",
    "list_zones",
    "remove_zone",
]  # fmt: skip
