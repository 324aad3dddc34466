"""Atom feeds: valid XML with stable tag: ids, newest first, filters, one feed per watch zone, and
hostile titles and evidence escaped (never raw markup, never a CDATA break-out)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from store_factories import (
    STEPANAKERT,
    ReportParts,
    ganja_report,
    make_candidate,
    make_document,
    make_raw,
    seed_store,
    stepanakert_report,
)
from test_store_merge import ingest, merging_story

from frontwatch.alerts import ZoneFilter, add_zone, area_from_parts
from frontwatch.model.mention import Count
from frontwatch.store import Store
from frontwatch.store.queries import event_history, list_events
from frontwatch.store.writes import retract_document
from frontwatch.web import alerts

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_TITLE = "<script>alert(1)</script> ]]> <img src=x onerror=alert(2)>\x00\x1b"
HOSTILE_TEXT = (
    "STEPANAKERT (Wire) - <script>alert(3)</script>]]><![CDATA[<img src=x onerror=alert(4)> Rockets hit "
    "Stepanakert, killing 4 people. The ministry gave no further details."
)


def hostile_report() -> ReportParts:
    raw = make_raw(HOSTILE_TEXT, source="hostile.txt", url="https://example.org/hostile")
    document = make_document(raw, title=HOSTILE_TITLE)
    return (
        raw,
        document,
        [make_candidate(document, place=STEPANAKERT, killed=Count(4, 4), claimed_by="Artsakh officials")],
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report())
    seed_store(tmp_path / "fw.db", hostile_report())
    return tmp_path / "fw.db"


def client(db: Path) -> TestClient:
    app = FastAPI()
    app.state.db_path = db
    app.include_router(alerts.router)
    return TestClient(app)


def entries(body: bytes) -> list[ET.Element]:
    return ET.fromstring(body).findall(f"{ATOM}entry")


def test_events_feed_is_atom_newest_first_with_stable_tag_ids(db: Path) -> None:
    response = client(db).get("/feeds/events.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}id") == "tag:frontwatch,2020:events"
    with Store.open(db, read_only=True) as store:
        events = list_events(store)
    newest = sorted(events, key=lambda e: (e.updated_at, e.event_id), reverse=True)
    found = entries(response.content)
    ids = [e.findtext(f"{ATOM}id") for e in found]
    assert ids == [f"tag:frontwatch,2020:event/{e.event_id}" for e in newest]
    assert [e.findtext(f"{ATOM}updated") for e in found] == [
        e.updated_at.isoformat().replace("+00:00", "Z") for e in newest
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in found]  # type: ignore[union-attr]
    assert links == [f"http://testserver/events/{e.event_id}" for e in newest]
    assert client(db).get("/feeds/events.atom").content == response.content


def test_hostile_titles_and_evidence_are_escaped_and_survive_a_feed_reader(db: Path) -> None:
    body = client(db).get("/feeds/events.atom").content
    assert b"<script" not in body and b"<img" not in body and b"<![CDATA[" not in body
    assert b"&lt;script&gt;alert(3)&lt;/script&gt;]]&gt;&lt;![CDATA[&lt;img" in body
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    hostile = next(entry for entry in parsed.entries if "alert(3)" in entry.content[0].value)
    assert hostile.content[0].type == "text/plain"
    assert "“STEPANAKERT (Wire) - <script>alert(3)</script>]]><![CDATA[<img src=x onerror=alert(4)>" in (
        hostile.content[0].value
    )


def test_feed_filters_by_type_status_and_deaths(db: Path) -> None:
    web = client(db)
    assert len(entries(web.get("/feeds/events.atom").content)) == 3
    assert len(entries(web.get("/feeds/events.atom", params={"min_killed": 3}).content)) == 2
    assert entries(web.get("/feeds/events.atom", params={"event_type": "Battles"}).content) == []
    assert web.get("/feeds/events.atom", params={"status": "rumoured"}).status_code == 422


def test_each_zone_has_a_feed_of_its_matching_events(db: Path) -> None:
    with Store.open(db) as store:
        stepanakert = add_zone(
            store, "Stepanakert", area_from_parts(39.8153, 46.7519, 10, None), ZoneFilter(min_killed=3), None
        )
    body = client(db).get(f"/feeds/zones/{stepanakert.zone_id}.atom").content
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(body)]
    assert titles == ["Shelling/artillery/missile attack in Stepanakert (2020-10-04)"]
    assert ET.fromstring(body).findtext(f"{ATOM}title") == "frontwatch watch zone: Stepanakert"
    assert client(db).get("/feeds/zones/999.atom").status_code == 404


TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}"


def tombstones(body: bytes) -> list[ET.Element]:
    return ET.fromstring(body).findall(f"{TOMBSTONE}deleted-entry")


def test_an_event_merged_into_another_is_a_tombstone_pointing_to_its_successor(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    near_report, *grouped, three_days, hrw = merging_story()
    with Store.open(db) as store:
        (survivor,) = ingest(store, near_report, *grouped)[0].created
        (apart,) = ingest(store, three_days)[0].created
        assert tombstones(client(db).get("/feeds/events.atom").content) == []
        ingest(store, hrw)
    body = client(db).get("/feeds/events.atom").content
    (tombstone,) = tombstones(body)
    assert tombstone.get("ref") == f"tag:frontwatch,2020:event/{apart}"
    assert tombstone.findtext(f"{TOMBSTONE}comment") == f"merged into event {survivor}"
    link = tombstone.find(f"{ATOM}link")
    assert link is not None and link.get("href") == f"http://testserver/events/{survivor}"
    with Store.open(db, read_only=True) as store:
        (merged,) = [c for c in event_history(store, apart) if c.kind == "merged"]
    assert tombstone.get("when") == merged.at.isoformat().replace("+00:00", "Z")
    assert ET.fromstring(body).findtext(f"{ATOM}updated") == tombstone.get("when")
    assert apart not in b"".join(ET.tostring(e) for e in entries(body)).decode()
    assert not feedparser.parse(body).bozo


def test_an_event_a_retraction_removed_is_a_tombstone_in_the_feeds_of_zones_it_was_in(db: Path) -> None:
    with Store.open(db) as store:
        inside = add_zone(
            store, "Stepanakert", area_from_parts(39.8153, 46.7519, 10, None), ZoneFilter(), None
        )
        elsewhere = add_zone(store, "Ganja", area_from_parts(40.6828, 46.3606, 10, None), ZoneFilter(), None)
        (doc_id,) = [
            row[0]
            for row in store.connection.execute(
                "SELECT doc_id FROM documents WHERE external_id = 'wire-0043'"
            )
        ]
        (event_id,) = [
            row[0]
            for row in store.connection.execute(
                "SELECT event_id FROM event_sources WHERE doc_id = ?", (doc_id,)
            )
        ]
        retract_document(store, doc_id, "the agency withdrew the story")
    web = client(db)
    (tombstone,) = tombstones(web.get(f"/feeds/zones/{inside.zone_id}.atom").content)
    assert tombstone.get("ref") == f"tag:frontwatch,2020:event/{event_id}"
    assert tombstone.findtext(f"{TOMBSTONE}comment") == (
        "removed: the document that reported it was retracted (the agency withdrew the story)"
    )
    assert tombstone.find(f"{ATOM}link") is None
    assert tombstones(web.get(f"/feeds/zones/{elsewhere.zone_id}.atom").content) == []
    assert [t.get("ref") for t in tombstones(web.get("/feeds/events.atom").content)] == [tombstone.get("ref")]
