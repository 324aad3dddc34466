"""Watch zones and webhooks: which events a zone matches, private destinations refused, delivery with
retries and a watermark that only moves on success, the token-guarded API and the ``watch`` verb.
No network: webhooks go to httpx.MockTransport and host names to an injected resolver."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from store_factories import (
    GANJA,
    ReportParts,
    ganja_report,
    make_candidate,
    make_document,
    make_raw,
    seed_store,
    stepanakert_report,
)

from frontwatch.alerts import (
    Circle,
    ZoneFilter,
    add_zone,
    area_from_parts,
    check_webhook,
    deliver_alerts,
    get_zone,
    list_zones,
)
from frontwatch.alerts.zones import polygon_from_geojson
from frontwatch.cli.main import cli
from frontwatch.errors import InputError
from frontwatch.model.mention import Count
from frontwatch.model.vocab import Stance
from frontwatch.store import Store
from frontwatch.store.queries import list_events
from frontwatch.store.search import BoundingBox
from frontwatch.store.writes import retract_document
from frontwatch.web import alerts

PUBLIC = "93.184.215.14"
HOOK = "https://hooks.example.org/frontwatch"
STEPANAKERT_SQUARE = {"type": "Polygon", "coordinates": [
    [[46.6, 39.7], [46.9, 39.7], [46.9, 39.9], [46.6, 39.9], [46.6, 39.7]],
]}  # fmt: skip


def drone_strike_on_ganja() -> ReportParts:
    raw = make_raw(
        "GANJA (Wire) - A drone struck a depot on the edge of Ganja, killing 2 soldiers, the "
        "ministry said on Tuesday. Smoke rose over the city.",
        source="ganja-drone.txt",
    )
    document = make_document(raw, title="Drone hits Ganja depot")
    return raw, document, [make_candidate(document, sub_event_type="Air/drone strike", weapons=("drone",))]


def resolver(*addresses: str) -> Callable[[str, int], Sequence[str]]:
    return lambda host, port: list(addresses)


def recording(status: int = 200) -> tuple[httpx.Client, list[httpx.Request]]:
    requests: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(status)

    return httpx.Client(transport=httpx.MockTransport(answer)), requests


def test_circle_and_polygon_zones_match_events_inside_them(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report())
    with Store.open(tmp_path / "fw.db") as store:
        events = {event.place: event for event in list_events(store)}
        near_ganja = add_zone(
            store, "Ganja 30 km", area_from_parts(GANJA.lat, GANJA.lon + 0.3, 30, None), ZoneFilter(), None
        )
        square = add_zone(
            store, "Stepanakert", area_from_parts(None, None, None, STEPANAKERT_SQUARE), ZoneFilter(), None
        )
        deadly = add_zone(
            store, "Deadly", area_from_parts(40.0, 46.5, 200, None), ZoneFilter(min_killed=3), None
        )
    assert [place for place, e in events.items() if near_ganja.matches(e)] == ["Ganja"]
    assert [place for place, e in events.items() if square.matches(e)] == ["Stepanakert"]
    assert [place for place, e in events.items() if deadly.matches(e)] == ["Ganja"]
    hole = [[46.7, 39.8], [46.8, 39.8], [46.8, 39.85], [46.7, 39.85], [46.7, 39.8]]
    holed = polygon_from_geojson({"type": "Feature", "geometry": {
        "type": "Polygon", "coordinates": [*STEPANAKERT_SQUARE["coordinates"], hole],
    }})  # fmt: skip
    assert holed.contains(39.75, 46.65) and not holed.contains(39.8153, 46.7519)


@pytest.mark.parametrize(("lat", "lon", "radius", "polygon", "message"), [
    (40.0, 46.0, None, None, "either a point and radius"),
    (40.0, 46.0, 10, STEPANAKERT_SQUARE, "either a point and radius"),
    (95.0, 46.0, 10, None, "is not a latitude and longitude"),
    (40.0, 46.0, 0, None, "must be above 0"),
    (None, None, None, {"type": "Polygon", "coordinates": [[[46, 39], [47, 39], [47, 40]]]}, "at least 4"),
    (None, None, None, {"type": "Point", "coordinates": [46, 39]}, "must be a GeoJSON Polygon"),
])  # fmt: skip
def test_bad_areas_are_refused_with_a_reason(
    lat: float | None, lon: float | None, radius: float | None, polygon: object, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        area_from_parts(lat, lon, radius, polygon)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "240.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
])  # fmt: skip
def test_webhooks_to_private_loopback_link_local_or_reserved_addresses_are_refused(address: str) -> None:
    with pytest.raises(InputError, match="non-public address"):
        check_webhook(HOOK, resolve=resolver(PUBLIC, address))
    assert check_webhook(HOOK, allow_private=True, resolve=resolver(address)) == HOOK


def test_public_http_webhooks_pass_and_other_schemes_fail() -> None:
    assert check_webhook(HOOK, resolve=resolver(PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c")) == HOOK
    assert check_webhook(f"http://{PUBLIC}:8080/hook") == f"http://{PUBLIC}:8080/hook"
    for url in ("javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd", "https:///nohost"):
        with pytest.raises(InputError, match="must be an http"):
            check_webhook(url, resolve=resolver(PUBLIC))
    with pytest.raises(InputError, match="non-public"):
        check_webhook("http://127.0.0.1:8000/hook")


def test_delivery_posts_new_matching_events_and_advances_the_watermark(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report())
    with Store.open(tmp_path / "fw.db") as store:
        zone = add_zone(store, "Karabakh", area_from_parts(40.0, 46.5, 200, None), ZoneFilter(), HOOK)
    seed_store(tmp_path / "fw.db", stepanakert_report())
    http, requests = recording()
    with Store.open(tmp_path / "fw.db") as store:
        report = deliver_alerts(store, http, resolve=resolver(PUBLIC))
        again = deliver_alerts(store, http, resolve=resolver(PUBLIC))
        watermark = get_zone(store, zone.zone_id).watermark  # type: ignore[union-attr]
        latest = store.connection.execute("SELECT max(seq) FROM event_history").fetchone()[0]
    assert report.summary() == "1 zones checked, 1 events delivered, 0 failed"
    assert again.deliveries == ()
    assert [(str(r.url), r.headers["host"]) for r in requests] == [
        (HOOK.replace("hooks.example.org", PUBLIC), "hooks.example.org")
    ]
    sent = json.loads(requests[0].content)
    assert [event["place"] for event in sent["events"]] == ["Stepanakert"]
    assert sent["zone"]["name"] == "Karabakh" and sent["up_to_seq"] == latest == watermark


def rebinding_resolver(*answers: Sequence[str]) -> tuple[Callable[[str, int], Sequence[str]], list[str]]:
    """A resolver giving ``answers`` in turn (the last one again after them), and the hosts it was asked."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> Sequence[str]:
        asked.append(host)
        return answers[min(len(asked), len(answers)) - 1]

    return resolve, asked


def ganja_zone_store(path: Path, webhook: str) -> None:
    seed_store(path)
    with Store.open(path) as store:
        add_zone(store, "Ganja", area_from_parts(GANJA.lat, GANJA.lon, 20, None), ZoneFilter(), webhook)
    seed_store(path, ganja_report())


def test_dns_rebinding_cannot_turn_the_post_or_its_retries_to_a_private_address(tmp_path: Path) -> None:
    """One lookup per delivery: the public answer it validated is where every attempt goes, even when
    the host's next answer would be loopback; the host still names the site and the TLS server."""
    ganja_zone_store(tmp_path / "fw.db", HOOK)
    resolve, asked = rebinding_resolver([PUBLIC], ["127.0.0.1"])
    sent: list[httpx.Request] = []

    def busy_then_ok(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(503 if len(sent) < 3 else 200)

    http = httpx.Client(transport=httpx.MockTransport(busy_then_ok))
    with Store.open(tmp_path / "fw.db") as store, http:
        report = deliver_alerts(store, http, resolve=resolve)
    assert [(d.attempts, d.delivered) for d in report.deliveries] == [(3, True)]
    assert asked == ["hooks.example.org"]
    assert [(r.url.host, r.url.path, r.headers["host"], r.extensions["sni_hostname"]) for r in sent] == [
        (PUBLIC, "/frontwatch", "hooks.example.org", "hooks.example.org")
    ] * 3


@pytest.mark.parametrize(
    ("webhook", "answer", "url", "host"),
    [
        ("http://hooks.example.org:8080/hook?zone=1", [PUBLIC], f"http://{PUBLIC}:8080/hook?zone=1",
         "hooks.example.org:8080"),
        ("https://hooks.example.org/hook", ["2606:2800:21f:cb07:6820:80da:af6b:8b2c", PUBLIC],
         "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook", "hooks.example.org"),
    ],
)  # fmt: skip
def test_the_post_goes_to_the_validated_address_with_the_webhooks_host_header(
    tmp_path: Path, webhook: str, answer: list[str], url: str, host: str
) -> None:
    ganja_zone_store(tmp_path / "fw.db", webhook)
    http, requests = recording()
    with Store.open(tmp_path / "fw.db") as store:
        deliver_alerts(store, http, resolve=resolver(*answer))
    (request,) = requests
    assert (str(request.url), request.headers["host"]) == (url, host)
    tls_name = "hooks.example.org" if url.startswith("https") else None
    assert request.extensions.get("sni_hostname") == tls_name


def test_an_answer_mixing_public_and_private_addresses_is_refused_at_delivery(tmp_path: Path) -> None:
    ganja_zone_store(tmp_path / "fw.db", HOOK)
    http, requests = recording()
    with Store.open(tmp_path / "fw.db") as store:
        report = deliver_alerts(store, http, resolve=resolver(PUBLIC, "192.168.1.20"))
    assert requests == []
    assert [(d.attempts, d.delivered) for d in report.deliveries] == [(0, False)]
    assert "192.168.1.20" in (report.deliveries[0].error or "")


def test_a_redirect_from_the_webhook_is_not_followed(tmp_path: Path) -> None:
    ganja_zone_store(tmp_path / "fw.db", HOOK)
    hosts: list[str] = []

    def to_loopback(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(307, headers={"Location": "http://127.0.0.1:9000/admin"})

    with (
        Store.open(tmp_path / "fw.db") as store,
        httpx.Client(transport=httpx.MockTransport(to_loopback), follow_redirects=True) as http,
    ):
        report = deliver_alerts(store, http, resolve=resolver(PUBLIC))
    assert [(d.delivered, d.error) for d in report.deliveries] == [(False, "HTTP 307")]
    assert hosts == [PUBLIC] * 3


def agency_report_on_ganja() -> ReportParts:
    raw = make_raw(
        "GANJA, Oct 4 (Agency) - Shelling killed 4 civilians in Ganja on Sunday, residents told "
        "the agency. Rescue teams searched the rubble.",
        source="agency-ganja.txt",
    )
    document = make_document(raw, title="Ganja shelled")
    agency = make_candidate(
        document, claimed_by="Reuters", stance=Stance.REPORTS, partisan=False, killed=Count(4, 4)
    )
    return raw, document, [agency]


def test_an_event_updated_by_a_new_source_is_delivered_again(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db")
    with Store.open(tmp_path / "fw.db") as store:
        add_zone(store, "Ganja", area_from_parts(GANJA.lat, GANJA.lon, 20, None), ZoneFilter(), HOOK)
    http, requests = recording()
    seed_store(tmp_path / "fw.db", ganja_report())
    with Store.open(tmp_path / "fw.db") as store:
        deliver_alerts(store, http, resolve=resolver(PUBLIC))
    seed_store(tmp_path / "fw.db", agency_report_on_ganja())
    with Store.open(tmp_path / "fw.db") as store:
        deliver_alerts(store, http, resolve=resolver(PUBLIC))
    first, second = (json.loads(request.content)["events"] for request in requests)
    assert [len(event["reports"]) for event in first + second] == [1, 2]
    assert first[0]["event_id"] == second[0]["event_id"]
    assert (first[0]["killed"], second[0]["killed"]) == (
        {"low": 3, "best": 3, "high": 3},
        {"low": 3, "best": 3, "high": 4},
    )


def test_failed_delivery_is_retried_logged_and_keeps_the_watermark(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db")
    with Store.open(tmp_path / "fw.db") as store:
        zone = add_zone(store, "Ganja", area_from_parts(GANJA.lat, GANJA.lon, 20, None), ZoneFilter(), HOOK)
    seed_store(tmp_path / "fw.db", ganja_report())
    failing, failed_requests = recording(503)
    working, requests = recording()
    with Store.open(tmp_path / "fw.db") as store:
        failed = deliver_alerts(store, failing, resolve=resolver(PUBLIC))
        assert get_zone(store, zone.zone_id).watermark == 0  # type: ignore[union-attr]
        retried = deliver_alerts(store, working, resolve=resolver(PUBLIC))
        log = store.connection.execute(
            "SELECT attempts, delivered, error FROM alert_deliveries ORDER BY delivery_id"
        ).fetchall()
    assert [(d.attempts, d.delivered, d.error) for d in failed.deliveries] == [(3, False, "HTTP 503")]
    assert len(failed_requests) == 3
    assert [(d.events, d.delivered) for d in retried.deliveries] == [(1, True)]
    assert json.loads(requests[0].content)["events"][0]["place"] == "Ganja"
    assert log == [(3, 0, "HTTP 503"), (1, 1, None)]


def test_connection_errors_are_retried(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db")
    with Store.open(tmp_path / "fw.db") as store:
        add_zone(store, "Ganja", area_from_parts(GANJA.lat, GANJA.lon, 20, None), ZoneFilter(), HOOK)
    seed_store(tmp_path / "fw.db", ganja_report())
    calls = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) < 3:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(204)

    with Store.open(tmp_path / "fw.db") as store, httpx.Client(transport=httpx.MockTransport(flaky)) as http:
        report = deliver_alerts(store, http, resolve=resolver(PUBLIC))
    assert [(d.attempts, d.delivered) for d in report.deliveries] == [(3, True)]


def test_private_webhook_is_refused_at_delivery_unless_allowed(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db")
    with Store.open(tmp_path / "fw.db") as store:
        add_zone(
            store,
            "Ganja",
            area_from_parts(GANJA.lat, GANJA.lon, 20, None),
            ZoneFilter(),
            "http://intranet.local/hook",
        )
    seed_store(tmp_path / "fw.db", ganja_report())
    http, requests = recording()
    with Store.open(tmp_path / "fw.db") as store:
        refused = deliver_alerts(store, http, resolve=resolver("10.0.0.7"))
        assert requests == []
        allowed = deliver_alerts(store, http, allow_private=True, resolve=resolver("10.0.0.7"))
    assert refused.deliveries[0].attempts == 0 and "10.0.0.7" in (refused.deliveries[0].error or "")
    assert allowed.deliveries[0].delivered and len(requests) == 1


def api(db: Path, token: str | None, allow_private: bool = False) -> TestClient:
    app = FastAPI()
    app.state.db_path, app.state.token, app.state.allow_private_webhooks = db, token, allow_private
    app.include_router(alerts.router)
    return TestClient(app)


ZONE = {"name": "Ganja", "lat": GANJA.lat, "lon": GANJA.lon, "radius_km": 25, "min_killed": 1}


def test_zone_api_is_read_only_without_a_token(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report())
    web = api(tmp_path / "fw.db", token=None)
    for response in (
        web.post("/api/watchzones", json=ZONE, headers={"Authorization": "Bearer anything"}),
        web.delete("/api/watchzones/1", headers={"Authorization": "Bearer anything"}),
    ):
        assert response.status_code == 403 and response.json()["detail"].startswith("read-only")
    assert web.get("/api/watchzones").json() == []


def test_zone_api_writes_need_the_bearer_token(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report())
    web = api(tmp_path / "fw.db", token="s3cret")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
        response = web.post("/api/watchzones", json=ZONE, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    auth = {"Authorization": "Bearer s3cret"}
    created = web.post("/api/watchzones", json=ZONE, headers=auth)
    assert created.status_code == 201
    zone = created.json()
    assert zone["area"] == {"type": "Point", "coordinates": [GANJA.lon, GANJA.lat], "radius_km": 25}
    assert zone["filters"] == {"min_killed": 1}
    assert web.get("/api/watchzones").json() == [zone]
    assert web.get(f"/api/watchzones/{zone['zone_id']}").json() == zone
    assert web.delete(f"/api/watchzones/{zone['zone_id']}").status_code == 401
    assert web.delete(f"/api/watchzones/{zone['zone_id']}", headers=auth).status_code == 204
    assert web.delete(f"/api/watchzones/{zone['zone_id']}", headers=auth).status_code == 404


def test_zone_api_refuses_bad_zones_and_private_webhooks(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report())
    auth = {"Authorization": "Bearer s3cret"}
    web = api(tmp_path / "fw.db", token="s3cret")
    private = {**ZONE, "webhook": "http://127.0.0.1:9000/hook"}
    refused = web.post("/api/watchzones", json=private, headers=auth)
    assert refused.status_code == 422 and "non-public address 127.0.0.1" in refused.json()["detail"]
    both = web.post("/api/watchzones", json={**ZONE, "polygon": STEPANAKERT_SQUARE}, headers=auth)
    assert both.status_code == 422
    unknown_type = web.post("/api/watchzones", json={**ZONE, "event_type": "Skirmish"}, headers=auth)
    assert unknown_type.status_code == 422
    assert "unknown event type 'Skirmish'" in unknown_type.json()["detail"]
    assert web.post("/api/watchzones", json={**ZONE, "extra": 1}, headers=auth).status_code == 422
    allowed = api(tmp_path / "fw.db", token="s3cret", allow_private=True)
    assert allowed.post("/api/watchzones", json=private, headers=auth).status_code == 201


def test_watch_verb_adds_lists_removes_and_delivers(tmp_path: Path) -> None:
    db = str(tmp_path / "fw.db")
    seed_store(tmp_path / "fw.db", ganja_report())
    runner = CliRunner()
    added = runner.invoke(
        cli,
        [
            "watch",
            "add",
            "--name",
            "Ganja",
            "--point",
            "40.68,46.36",
            "--radius-km",
            "25",
            "--type",
            "Explosions/Remote violence",
            "--db",
            db,
        ],
    )
    assert added.exit_code == 0 and added.output == "added watch zone 1 (Ganja)\n"
    polygon = tmp_path / "square.geojson"
    polygon.write_text(json.dumps(STEPANAKERT_SQUARE))
    assert (
        runner.invoke(
            cli, ["watch", "add", "--name", "Square", "--polygon", str(polygon), "--db", db]
        ).exit_code
        == 0
    )
    listed = runner.invoke(cli, ["watch", "list", "--db", db])
    assert [json.loads(line)["name"] for line in listed.output.splitlines()] == ["Ganja", "Square"]
    private = runner.invoke(
        cli,
        [
            "watch",
            "add",
            "--name",
            "Intranet",
            "--point",
            "40,46",
            "--radius-km",
            "5",
            "--webhook",
            "http://127.0.0.1/hook",
            "--db",
            db,
        ],
    )
    assert private.exit_code == 1 and "non-public address 127.0.0.1" in private.output
    bad_point = runner.invoke(
        cli, ["watch", "add", "--name", "X", "--point", "forty", "--radius-km", "5", "--db", db]
    )
    assert bad_point.exit_code == 1 and "must be LAT,LON" in bad_point.output
    assert runner.invoke(cli, ["watch", "remove", "2", "--db", db]).output == "removed watch zone 2\n"
    missing = runner.invoke(cli, ["watch", "remove", "2", "--db", db])
    assert missing.exit_code == 1 and "no watch zone 2" in missing.output
    with Store.open(tmp_path / "fw.db") as store:
        assert [zone.name for zone in list_zones(store)] == ["Ganja"]
        add_zone(
            store,
            "Loopback",
            area_from_parts(40.68, 46.36, 25, None),
            ZoneFilter(),
            "http://127.0.0.1:9/hook",
        )
    seed_store(tmp_path / "fw.db", drone_strike_on_ganja())
    delivered = runner.invoke(cli, ["watch", "deliver", "--db", db])
    assert delivered.exit_code == 1
    assert "zone 3: webhook host '127.0.0.1' resolves to non-public address 127.0.0.1" in delivered.output


def in_box(box: BoundingBox, lat: float, lon: float) -> bool:
    inside_lon = box.west <= lon <= box.east if box.west <= box.east else lon >= box.west or lon <= box.east
    return box.south <= lat <= box.north and inside_lon


@settings(max_examples=300, deadline=None)
@given(
    st.floats(-89.9, 89.9), st.floats(-180, 180), st.floats(1, 3000), st.floats(-30, 30), st.floats(-60, 60)
)
def test_a_circles_bounding_box_holds_every_point_inside_it(
    lat: float, lon: float, radius: float, dlat: float, dlon: float
) -> None:
    """The store pre-selects a zone's events by its box: no event inside the circle may fall outside."""
    zone = Circle(lat, lon, radius)
    point_lat, point_lon = max(-90.0, min(90.0, lat + dlat)), (lon + dlon + 180) % 360 - 180
    assume(zone.contains(point_lat, point_lon))
    assert in_box(zone.bounds(), point_lat, point_lon)


def test_an_event_removed_by_a_retraction_is_sent_as_removed(tmp_path: Path) -> None:
    ganja_zone_store(tmp_path / "fw.db", HOOK)
    http, requests = recording()
    with Store.open(tmp_path / "fw.db") as store:
        deliver_alerts(store, http, resolve=resolver(PUBLIC))
        (event_id,) = [row[0] for row in store.connection.execute("SELECT event_id FROM events")]
        (doc_id,) = [row[0] for row in store.connection.execute("SELECT doc_id FROM event_sources")]
        retract_document(store, doc_id, "the outlet withdrew the story")
        report = deliver_alerts(store, http, resolve=resolver(PUBLIC))
        assert deliver_alerts(store, http, resolve=resolver(PUBLIC)).deliveries == ()
    assert report.summary() == "1 zones checked, 1 events delivered, 0 failed"
    first, second = (json.loads(request.content) for request in requests)
    assert [e["event_id"] for e in first["events"]] == [event_id] and first["removed"] == []
    assert second["events"] == []
    (removed,) = second["removed"]
    assert removed.items() >= {
        "event_id": event_id, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "date_earliest": "2020-10-04",
        "date_latest": "2020-10-04", "place": "Ganja", "country": "AZ", "lat": GANJA.lat, "lon": GANJA.lon,
    }.items()  # fmt: skip
    assert "reports" not in removed and "claimed_by" not in removed
