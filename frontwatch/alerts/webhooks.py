"""Webhooks: refusing private destinations, and delivering each zone's new events as JSON POSTs.

Every address a webhook's host resolves to must be public: private, loopback, link-local, multicast,
reserved and unspecified addresses are refused (at creation and again at delivery) unless explicitly
allowed. A delivery resolves the host once and sends its POSTs to an address that lookup validated, with
the URL's host in the Host header and as the TLS server name, so a second DNS answer (DNS rebinding)
cannot turn it to a private address. A zone's watermark (the ``event_history`` seq it has delivered up
to) advances only after its webhook accepted the POST; failures are retried, then logged in
``alert_deliveries``. Events a retraction removed are sent under ``removed``, as they last stood.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import SplitResult, urlsplit

import httpx

from frontwatch.alerts.zones import WatchZone, list_zones
from frontwatch.errors import InputError
from frontwatch.store.db import Store
from frontwatch.store.queries import removed_events, resolve_event_id
from frontwatch.store.records import StoredEvent
from frontwatch.store.search import BATCH, events_by_id

Resolver = Callable[[str, int], Sequence[str]]
ATTEMPTS = 3


def resolve_host(host: str, port: int) -> list[str]:
    """Every IP address ``host`` resolves to, in the system resolver's order of preference."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"webhook host {host!r} does not resolve: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def webhook_parts(url: str) -> SplitResult:
    """``url`` split, when it is http(s) with a host; InputError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"webhook {url!r} must be an http:// or https:// URL with a host")
    return parts


def public_address(parts: SplitResult, resolve: Resolver) -> str:
    """The first address of one lookup of the webhook's host, when every address it gave is public.

    Raises InputError saying which address was refused and how to allow it.
    """
    host = parts.hostname or ""
    addresses = list(resolve(host, parts.port or (443 if parts.scheme == "https" else 80)))
    refused = [address for address in addresses if not is_public(address)]
    if refused or not addresses:
        raise InputError(
            f"webhook host {host!r} resolves to non-public address {', '.join(refused) or 'none'};"
            " refusing it (allow private webhooks explicitly to use one)"
        )
    return addresses[0]


def check_webhook(url: str, *, allow_private: bool = False, resolve: Resolver = resolve_host) -> str:
    """The URL when it is http(s) with a host whose every address is public (or ``allow_private``).

    Raises InputError saying what is wrong: the scheme, or which address was refused and how to allow it.
    """
    parts = webhook_parts(url)
    if not allow_private:
        public_address(parts, resolve)
    return url


def webhook_request(
    http_client: httpx.Client, url: str, body: object, *, allow_private: bool, resolve: Resolver
) -> httpx.Request:
    """A JSON POST of ``body`` to the webhook ``url``.

    Unless ``allow_private``, it is addressed to the public IP that one lookup of the host gave (every
    address of that lookup checked), carrying the URL's host as its Host header and, for https, as the
    TLS server name (``sni_hostname``) the certificate is verified against. Raises InputError when the
    URL or an address is refused.
    """
    parts = webhook_parts(url)
    if allow_private:
        return http_client.build_request("POST", url, json=body)
    address = public_address(parts, resolve)
    target = httpx.URL(url)
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return http_client.build_request(
        "POST", target.copy_with(host=address), json=body,
        headers={"Host": target.netloc.decode("ascii")}, extensions=extensions,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ZoneDelivery:
    """What happened to one zone's webhook in a run."""

    zone_id: int
    events: int
    attempts: int
    delivered: bool
    error: str | None


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    deliveries: tuple[ZoneDelivery, ...]

    @property
    def failed(self) -> tuple[ZoneDelivery, ...]:
        return tuple(delivery for delivery in self.deliveries if not delivery.delivered)

    def summary(self) -> str:
        sent = sum(d.events for d in self.deliveries if d.delivered)
        return f"{len(self.deliveries)} zones checked, {sent} events delivered, {len(self.failed)} failed"


def deliver_alerts(
    store: Store, http_client: httpx.Client, *, allow_private: bool = False, resolve: Resolver = resolve_host
) -> DeliveryReport:
    """POST each webhook zone's events created or changed since its watermark; advance it on success."""
    latest_seq = store.connection.execute("SELECT coalesce(max(seq), 0) FROM event_history").fetchone()[0]
    deliveries = []
    for zone in list_zones(store):
        if zone.webhook is None or zone.watermark >= latest_seq:
            continue
        news = ZoneNews(
            tuple(event for event in changed_events(store, zone.watermark) if zone.matches(event)),
            tuple(event for event in removed_events(store, zone.watermark) if zone.matches(event)),
        )
        delivery = (
            post(zone, zone.webhook, news, latest_seq, http_client, allow_private, resolve)
            if news.count
            else ZoneDelivery(zone.zone_id, 0, 0, True, None)
        )
        record(store, delivery, latest_seq)
        deliveries.append(delivery)
    return DeliveryReport(tuple(deliveries))


def changed_events(store: Store, after_seq: int) -> list[StoredEvent]:
    """Events with a history entry after ``after_seq``, under their current ids, by id."""
    rows = store.connection.execute("SELECT DISTINCT event_id FROM event_history WHERE seq > ?", (after_seq,))
    current = {resolve_event_id(store, event_id) for (event_id,) in rows}
    ids = sorted(event_id for event_id in current if event_id is not None)
    batches = (ids[start : start + BATCH] for start in range(0, len(ids), BATCH))
    return [event for batch in batches for event in events_by_id(store, batch)]


@dataclass(frozen=True, slots=True)
class ZoneNews:
    """What a zone is told: events created or changed, and events removed (as they last stood)."""

    events: tuple[StoredEvent, ...]
    removed: tuple[StoredEvent, ...]

    @property
    def count(self) -> int:
        return len(self.events) + len(self.removed)


def payload(zone: WatchZone, news: ZoneNews, up_to_seq: int) -> dict[str, object]:
    return {
        "zone": zone.to_json(),
        "up_to_seq": up_to_seq,
        "events": [event.to_json() for event in news.events],
        "removed": [removed_json(event) for event in news.removed],
    }


def removed_json(event: StoredEvent) -> dict[str, object]:
    """A removed event as it last stood: its id and facts (its reports were withdrawn)."""
    return {"event_id": event.event_id, **event.facts()}


def post(
    zone: WatchZone,
    webhook: str,
    news: ZoneNews,
    up_to_seq: int,
    http_client: httpx.Client,
    allow_private: bool,
    resolve: Resolver,
) -> ZoneDelivery:
    """Up to ATTEMPTS sends of one request (one lookup, one validated address) until one gets a 2xx
    answer, redirects not followed; a refused destination is not tried at all."""
    try:
        request = webhook_request(
            http_client, webhook, payload(zone, news, up_to_seq), allow_private=allow_private, resolve=resolve
        )
    except InputError as exc:
        return ZoneDelivery(zone.zone_id, news.count, 0, False, str(exc))
    error = None
    for attempt in range(1, ATTEMPTS + 1):
        try:
            response = http_client.send(request, follow_redirects=False)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
            continue
        if response.is_success:
            return ZoneDelivery(zone.zone_id, news.count, attempt, True, None)
        error = f"HTTP {response.status_code}"
    return ZoneDelivery(zone.zone_id, news.count, ATTEMPTS, False, error)


def record(store: Store, delivery: ZoneDelivery, up_to_seq: int) -> None:
    """Log a delivery that had events to send; on success move the zone's watermark to ``up_to_seq``."""
    with store.transaction() as db:
        if delivery.events:
            db.execute(
                "INSERT INTO alert_deliveries (zone_id, up_to_seq, events, attempts, delivered, error, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    delivery.zone_id,
                    up_to_seq,
                    delivery.events,
                    delivery.attempts,
                    delivery.delivered,
                    delivery.error,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
        if delivery.delivered:
            db.execute(
                "UPDATE watch_zones SET watermark = ? WHERE zone_id = ?", (up_to_seq, delivery.zone_id)
            )
