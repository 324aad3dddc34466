"""The app as a whole: security headers, offline API docs, static assets, a store that goes away."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_factories import ganja_report, seed_store

from frontwatch.errors import StoreError
from frontwatch.web.app import content_security_policy, create_app


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
