"""The web page lists and maps events, escapes all document text, and serves JSON read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_factories import make_candidate, make_document, make_raw, seed_store, stepanakert_report

from frontwatch.errors import StoreError
from frontwatch.store import Store
from frontwatch.store.queries import dump_tables
from frontwatch.web.app import create_app

HOSTILE_TITLE = "<script>alert('title')</script>Shells hit Ganja"
HOSTILE_TEXT = (
    "GANJA, Oct 4 - Shells hit Ganja <img src=x onerror=alert(1)>, killing at least 3 civilians, "
    "officials said. More follows."
)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    raw = make_raw(HOSTILE_TEXT, url="https://example.org/ganja?a=1&b=2")
    document = make_document(raw, title=HOSTILE_TITLE)
    seed_store(tmp_path / "fw.db", (raw, document, [make_candidate(document)]), stepanakert_report())
    return TestClient(create_app(tmp_path / "fw.db"))


def test_page_lists_events_in_a_table_with_an_svg_map(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert html.count("<circle ") == 2
    assert "<tr><td>2020-10-03 – 2020-10-04</td>" in html
    assert "<td>Stepanakert, Xankandi, AZ</td>" in html
    assert '<td class="num">3</td>' in html
    assert "<link" not in html and "<script" not in html  # nothing fetched from elsewhere


def test_document_text_is_escaped(client: TestClient) -> None:
    html = client.get("/").text
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;Shells hit Ganja" in html
    assert "Shells hit Ganja &lt;img src=x onerror=alert(1)&gt;, killing at least 3" in html
    assert 'href="https://example.org/ganja?a=1&amp;b=2"' in html


def test_api_events_returns_events_with_reports(client: TestClient) -> None:
    events = client.get("/api/events").json()
    assert [event["place"] for event in events] == ["Stepanakert", "Ganja"]
    assert events[1]["reports"][0]["title"] == HOSTILE_TITLE


def test_api_geojson(client: TestClient) -> None:
    response = client.get("/api/events.geojson")
    assert response.headers["content-type"] == "application/geo+json"
    assert [f["geometry"]["type"] for f in response.json()["features"]] == ["Point", "Point"]


def test_app_is_read_only(client: TestClient, tmp_path: Path) -> None:
    with Store.open(tmp_path / "fw.db", read_only=True) as store:
        before = dump_tables(store)
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events").status_code == 405
    with Store.open(tmp_path / "fw.db", read_only=True) as store:
        assert dump_tables(store) == before


def test_missing_database_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        create_app(tmp_path / "none.db")


def test_unsafe_urls_are_not_linked(tmp_path: Path) -> None:
    raw = make_raw(url="javascript:alert(1)")
    document = make_document(raw)
    seed_store(tmp_path / "fw.db", (raw, document, [make_candidate(document)]))
    html = TestClient(create_app(tmp_path / "fw.db")).get("/").text
    assert "javascript:" not in html
