"""The app as a whole: security headers, offline API docs, static assets, a store that goes away."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from store_factories import ganja_report, seed_store

from frontwatch.errors import StoreError
from frontwatch.web.app import content_security_policy, create_app, static_folder

ADMIN1 = static_folder() / "vendor" / "admin1"
STEPANAKERT = (46.7519, 39.8153)  # lon, lat


@pytest.fixture
def db(tmp_path: Path) -> Path:
    seed_store(tmp_path / "fw.db", ganja_report())
    return tmp_path / "fw.db"


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_settings_are_on_the_app_state_for_the_other_routers(db: Path) -> None:
    app = create_app(db, token="s3cret", allow_private_webhooks=True)
    assert (app.state.db_path, app.state.token, app.state.allow_private_webhooks) == (db, "s3cret", True)
    assert (create_app(db).state.token, create_app(db).state.allow_private_webhooks) == (None, False)


def test_every_response_forbids_sniffing_and_referrers(client: TestClient) -> None:
    for path in ("/api/stats", "/api/events.csv", "/api/events/unknown", "/api/openapi.json", "/nowhere"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert "content-security-policy" not in headers, path


def test_html_may_load_only_from_its_own_origin(client: TestClient) -> None:
    response = client.get("/api/docs")
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert policy == content_security_policy(None)
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy and "http" not in policy


def test_api_docs_work_offline_from_the_packaged_swagger_ui(client: TestClient) -> None:
    html = client.get("/api/docs").text
    assert "<script>" not in html  # no inline script: the policy would block it
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(asset.startswith("/") for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "/api/openapi.json" in client.get("/api/docs/init.js").text


def test_openapi_describes_every_api_route_and_its_filters(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/events.csv", "/api/timeline",
        "/api/facets", "/api/documents", "/api/documents/{doc_id}", "/api/sources", "/api/stats",
    } <= paths  # fmt: skip
    filters = {p["name"] for p in schema["paths"]["/api/timeline"]["get"]["parameters"]}
    assert filters == {
        "event_type", "sub_event_type", "actor", "side", "claimant", "status", "min_killed", "country", "q",
        "bbox", "date_from", "date_to", "since",
    }  # fmt: skip


def test_missing_database_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        create_app(tmp_path / "none.db")


def test_a_store_that_disappears_is_a_503_with_the_reason(client: TestClient, db: Path) -> None:
    db.unlink()
    response = client.get("/api/stats")
    assert response.status_code == 503
    assert response.json() == {"detail": f"no database at {db}; run `frontwatch ingest` first or pass --db"}


def admin1_index() -> dict[str, list[list[float]]]:
    countries: dict[str, list[list[float]]] = json.loads((ADMIN1 / "index.json").read_text())["countries"]
    return countries


def admin1_topology(code: str) -> dict[str, Any]:
    topology: dict[str, Any] = json.loads((ADMIN1 / f"{code}.json").read_text(encoding="utf-8"))
    return topology


def arc_extents(topology: dict[str, Any]) -> Iterator[tuple[float, float, float, float]]:
    """Each arc's (west, south, east, north): its quantized deltas summed, then scaled and translated."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    for arc in topology["arcs"]:
        xs, ys = list(accumulate(dx for dx, _ in arc)), list(accumulate(dy for _, dy in arc))
        yield min(xs) * sx + tx, min(ys) * sy + ty, max(xs) * sx + tx, max(ys) * sy + ty


def crossing_arcs(topology: dict[str, Any]) -> set[int]:
    """The arcs with a step of more than 180 degrees of longitude: Leaflet draws it across the map."""
    sx = topology["transform"]["scale"][0]
    return {i for i, arc in enumerate(topology["arcs"]) if any(abs(dx) * sx > 180 for dx, _ in arc[1:])}


def arc_indices(geometry: dict[str, Any]) -> Iterator[int]:
    arcs = geometry.get("arcs", [])
    rings = {"Polygon": arcs, "MultiPolygon": chain.from_iterable(arcs)}
    for ring in rings.get(geometry["type"], []):
        yield from (~i if i < 0 else i for i in ring)


def in_box(lon: float, lat: float, box: list[float]) -> bool:
    west, south, east, north = box
    return west <= lon <= east and south <= lat <= north


def test_admin1_outlines_are_one_topojson_file_per_country_in_the_index() -> None:
    index = admin1_index()
    assert len(index) > 200 and {"AZE", "ARM", "UKR", "RUS", "SDN", "USA"} <= set(index)
    assert set(index) == {path.stem for path in ADMIN1.glob("[A-Z][A-Z][A-Z].json")}
    for code, boxes in index.items():
        topology = admin1_topology(code)
        assert topology["type"] == "Topology" and set(topology["objects"]) == {"admin1"}, code
        areas = topology["objects"]["admin1"]
        assert areas["type"] == "GeometryCollection" and areas["geometries"], code
        used = {i for geometry in areas["geometries"] for i in arc_indices(geometry)}
        assert used and max(used) < len(topology["arcs"]), code
        for west, south, east, north in arc_extents(topology):
            assert any(in_box(west, south, box) and in_box(east, north, box) for box in boxes), code
        assert code == "ATA" or not crossing_arcs(topology), code  # only its ring round the pole


def test_admin1_index_finds_the_countries_of_a_place() -> None:
    index = admin1_index()
    holding = {code for code, boxes in index.items() if any(in_box(*STEPANAKERT, box) for box in boxes)}
    assert "AZE" in holding and not {"UKR", "SDN", "USA", "RUS"} & holding
    names = {g["properties"]["name"] for g in admin1_topology("AZE")["objects"]["admin1"]["geometries"]}
    assert {"Şuşa", "Xocalı", "Stepanakert", "Füzuli", "Laçın"} <= names  # Laçın: an erratum of the vendoring
    assert any(box[2] > 180 for box in index["RUS"])  # Chukotka drawn east of 180, not across the map


def test_no_country_outline_but_antarctica_steps_across_the_antimeridian() -> None:
    world = json.loads((static_folder() / "vendor" / "world-atlas" / "countries-50m.json").read_text())
    crossing = crossing_arcs(world)
    countries = world["objects"]["countries"]["geometries"]
    assert {c["properties"]["name"] for c in countries if crossing & set(arc_indices(c))} == {"Antarctica"}


def test_admin1_outlines_are_served_as_static_json(client: TestClient) -> None:
    for name in ("index.json", "AZE.json", "ARM.json"):
        response = client.get(f"/static/vendor/admin1/{name}")
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith("application/json"), name
        assert response.json() == json.loads((ADMIN1 / name).read_text(encoding="utf-8")), name
    assert client.get("/static/vendor/admin1/XYZ.json").status_code == 404
