"""``frontwatch watch add|list|remove|deliver``: watch zones and their webhooks."""

from __future__ import annotations

import json
from pathlib import Path

import click
import httpx

from frontwatch.alerts import (
    ZoneFilter,
    add_zone,
    area_from_parts,
    check_webhook,
    deliver_alerts,
    list_zones,
    remove_zone,
)
from frontwatch.cli.common import db_option, user_errors
from frontwatch.errors import InputError
from frontwatch.store.db import Store

WEBHOOK_TIMEOUT_S = 10.0
allow_private_option = click.option(
    "--allow-private",
    is_flag=True,
    help="Allow webhooks to private, loopback and link-local addresses (refused by default).",
)


@click.group("watch")
def command() -> None:
    """Watch zones: areas whose new and updated events go to a feed and a webhook."""


@command.command("add")
@click.option("--name", required=True, help="A name for the zone.")
@click.option("--point", help="Centre as LAT,LON (with --radius-km).")
@click.option("--radius-km", type=float, help="Radius around --point, in km.")
@click.option(
    "--polygon",
    "polygon_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A GeoJSON file with a Polygon (or a Feature holding one), instead of --point.",
)
@click.option("--type", "event_type", help="Only events of this ACLED event type.")
@click.option("--sub-type", "sub_event_type", help="Only events of this ACLED sub-event type.")
@click.option("--country", help="Only events in this country (ISO alpha-2).")
@click.option(
    "--status",
    type=click.Choice(["contested", "corroborated", "reported"]),
    help="Only events with this status.",
)
@click.option("--min-killed", type=click.IntRange(min=0), help="Only events with at least this many killed.")
@click.option("--webhook", help="POST new matching events as JSON to this http(s) URL.")
@allow_private_option
@db_option
def add(
    name: str,
    point: str | None,
    radius_km: float | None,
    polygon_file: Path | None,
    event_type: str | None,
    sub_event_type: str | None,
    country: str | None,
    status: str | None,
    min_killed: int | None,
    webhook: str | None,
    allow_private: bool,
    db_path: Path,
) -> None:
    """Add a watch zone; it watches events created or changed from now on."""
    with user_errors():
        lat, lon = parse_point(point) if point else (None, None)
        polygon = json.loads(polygon_file.read_text(encoding="utf-8")) if polygon_file else None
        area = area_from_parts(lat, lon, radius_km, polygon)
        if webhook:
            check_webhook(webhook, allow_private=allow_private)
        filters = ZoneFilter(event_type, sub_event_type, country, status, min_killed)
        with Store.open(db_path) as store:
            zone = add_zone(store, name, area, filters, webhook)
    click.echo(f"added watch zone {zone.zone_id} ({zone.name})")


def parse_point(point: str) -> tuple[float, float]:
    try:
        lat, lon = (float(part) for part in point.split(","))
    except ValueError:
        raise InputError(f"--point {point!r} must be LAT,LON in degrees, e.g. 40.68,46.36") from None
    return lat, lon


@command.command("list")
@db_option
def list_command(db_path: Path) -> None:
    """List the watch zones as JSON Lines."""
    with user_errors(), Store.open(db_path) as store:
        zones = list_zones(store)
    for zone in zones:
        click.echo(json.dumps(zone.to_json(), ensure_ascii=False))
    if not zones:
        click.echo(f"no watch zones in {db_path}; add one with `frontwatch watch add`", err=True)


@command.command("remove")
@click.argument("zone_id", type=int)
@db_option
def remove(zone_id: int, db_path: Path) -> None:
    """Remove a watch zone and its delivery log."""
    with user_errors(), Store.open(db_path) as store:
        if not remove_zone(store, zone_id):
            raise InputError(f"no watch zone {zone_id} in {db_path}; see `frontwatch watch list`")
    click.echo(f"removed watch zone {zone_id}")


@command.command("deliver")
@allow_private_option
@db_option
def deliver(allow_private: bool, db_path: Path) -> None:
    """POST each zone's new matching events to its webhook; exit 1 if any delivery failed."""
    with user_errors(), Store.open(db_path) as store, httpx.Client(timeout=WEBHOOK_TIMEOUT_S) as client:
        report = deliver_alerts(store, client, allow_private=allow_private)
    for failure in report.failed:
        click.echo(f"zone {failure.zone_id}: {failure.error}", err=True)
    click.echo(report.summary())
    if report.failed:
        raise SystemExit(1)
