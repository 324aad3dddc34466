"""The JSON API: every endpoint and every filter over a small store of events from three wars."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
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

from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.vocab import DatePrecision, GeoPrecision, Stance
from frontwatch.store import Store
from frontwatch.store.queries import dump_tables
from frontwatch.store.search import BoundingBox, EventFilter, find_event_ids, fts_query, map_rows
from frontwatch.store.writes import retract_document
from frontwatch.web.app import create_app
from frontwatch.web.pages import means_of

ALL = ["Stepanakert", "Ganja", "Bakhmut", "Khartoum"]
Params = dict[str, object]
BAKHMUT = Place(712165, "Bakhmut", 48.5947, 38.0009, "UA", "Donetsk", "PPL", 72310)
KHARTOUM = Place(379252, "Khartoum", 15.5518, 32.5324, "SD", "Khartoum", "PPLC", 1974647)

BAKHMUT_TEXT = (
    "KYIV, May 2 (Wire) - Ukrainian and Russian troops fought street by street in Bakhmut between April 28 "
    "and May 1, Ukraine's General Staff said, adding that 14 of its soldiers were killed."
)
KHARTOUM_TEXT = (
    "KHARTOUM, June 10 (Wire) - A drone strike hit a market in Khartoum, killing 40 civilians, "
    "local residents said. The Rapid Support Forces blamed the army."
)


def bakhmut_report() -> ReportParts:
    """Street fighting in Bakhmut over four days, as Ukraine's General Staff tells it."""
    raw = make_raw(
        BAKHMUT_TEXT, source="wire-bakhmut.txt", external_id="wire-0107", url="https://example.org/b"
    )
    document = make_document(raw, title="Fighting in Bakhmut")
    candidate = make_candidate(
        document,
        event_type="Battles",
        sub_event_type="Armed clash",
        date_earliest=date(2023, 4, 28),
        date_latest=date(2023, 5, 1),
        date_precision=DatePrecision.WEEK,
        place=BAKHMUT,
        actor1="Military Forces of Russia",
        actor2="Military Forces of Ukraine",
        killed=Count(14, 14),
        civilian_targeting=False,
        weapons=(),
        claimed_by="Ukraine General Staff",
    )
    return raw, document, [candidate]


def khartoum_report() -> ReportParts:
    """A drone strike on a Khartoum market, told by residents; no actor is named."""
    raw = make_raw(KHARTOUM_TEXT, source="wire-khartoum.txt", external_id="wire-0311")
    document = make_document(raw, title="Drone strike on Khartoum market")
    candidate = make_candidate(
        document,
        sub_event_type="Air/drone strike",
        date_earliest=date(2023, 6, 10),
        date_latest=date(2023, 6, 10),
        place=KHARTOUM,
        geo_precision=GeoPrecision.NEAR_TOWN,
        actor1=None,
        actor2="Civilians (Sudan)",
        killed=Count(40, None),
        weapons=("drone",),
        claimed_by="local residents",
        stance=Stance.REPORTS,
        partisan=False,
        confidence=0.6,
    )
    return raw, document, [candidate]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Four events: Ganja (contested), Stepanakert (corroborated), Bakhmut, Khartoum; one merged-away id."""
    path = tmp_path / "fw.db"
    seed_store(path, ganja_report(), stepanakert_report(), bakhmut_report(), khartoum_report())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE events SET contested = 1 WHERE place = 'Ganja'")
        connection.execute("UPDATE events SET corroborated = 1 WHERE place = 'Stepanakert'")
        connection.execute(
            "INSERT INTO event_aliases SELECT 'fw-merged-away', event_id FROM events WHERE place = 'Ganja'"
        )
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def places(client: TestClient, **params: object) -> list[str]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return [event["place"] for event in response.json()["events"]]


def event_id_at(client: TestClient, place: str) -> str:
    return next(e["event_id"] for e in client.get("/api/events").json()["events"] if e["place"] == place)


def test_events_page_has_total_and_summaries_sorted_by_date(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert (body["total"], body["limit"], body["offset"]) == (4, 100, 0)
    assert [e["place"] for e in body["events"]] == ["Stepanakert", "Ganja", "Bakhmut", "Khartoum"]
    ganja = body["events"][1]
    assert ganja["report_count"] == 1 and ganja["status"] == "contested"
    assert ganja["killed"] == {"low": 3, "best": 3, "high": 3}
    report = ganja["reports"][0]
    assert report["claimed_by"] == "Azerbaijan Defence Ministry"
    assert report["evidence"] == [{"start": 0, "end": WIRE_FIRST_SENTENCE_END}]


WIRE_FIRST_SENTENCE_END = ganja_report()[1].text.find(". ") + 1


def test_pages_and_sort_orders(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], [e["place"] for e in page["events"]]) == (4, ["Ganja", "Bakhmut"])
    assert places(client, sort="-date") == ["Khartoum", "Bakhmut", "Ganja", "Stepanakert"]
    assert places(client, sort="killed") == ["Khartoum", "Bakhmut", "Ganja", "Stepanakert"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_type": "Battles"}, ["Bakhmut"]),
        (
            {"event_type": ["Battles", "Explosions/Remote violence"]},
            ["Stepanakert", "Ganja", "Bakhmut", "Khartoum"],
        ),
        ({"sub_event_type": "Air/drone strike"}, ["Khartoum"]),
        ({"actor": "Military Forces of Ukraine"}, ["Bakhmut"]),
        ({"actor": "Military Forces of Azerbaijan"}, ["Stepanakert"]),
        ({"side": "armenia"}, ["Ganja"]),
        ({"side": "Russia"}, ["Bakhmut"]),
        ({"side": "rsf"}, []),
        ({"claimant": "Artsakh officials"}, ["Stepanakert"]),
        ({"status": "contested"}, ["Ganja"]),
        ({"status": "corroborated"}, ["Stepanakert"]),
        ({"status": "reported"}, ["Bakhmut", "Khartoum"]),
        ({"min_killed": 14}, ["Bakhmut", "Khartoum"]),
        ({"country": "sd"}, ["Khartoum"]),
        ({"q": "rockets"}, ["Stepanakert"]),
        ({"q": "kill civilian"}, ["Stepanakert", "Ganja", "Khartoum"]),
        ({"q": "market drone"}, ["Khartoum"]),
        ({"q": "Stepanakert Bakhmut"}, []),
        ({"bbox": "44.5,38.5,47.5,41.5"}, ["Stepanakert", "Ganja"]),
        ({"bbox": "30,10,40,50"}, ["Bakhmut", "Khartoum"]),
        ({"bbox": "170,-90,35,90"}, ["Khartoum"]),
        ({"date_from": "2020-10-04", "date_to": "2020-10-04"}, ["Stepanakert", "Ganja"]),
        ({"date_from": "2023-05-01"}, ["Bakhmut", "Khartoum"]),
        ({"date_to": "2023-04-28"}, ["Stepanakert", "Ganja", "Bakhmut"]),
        ({"since": "2000-01-01T00:00:00Z"}, ALL),
        ({"since": "2999-01-01"}, []),
        ({"event_type": "Explosions/Remote violence", "country": "AZ", "min_killed": 3}, ["Ganja"]),
    ],
)
def test_each_filter_selects_its_events(
    client: TestClient, params: dict[str, object], expected: list[str]
) -> None:
    assert places(client, **params) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"event_type": "Battle"}, "unknown event_type 'Battle'; choose one of: Battles,"),
        ({"sub_event_type": "Shelling"}, "unknown sub_event_type 'Shelling'"),
        ({"side": "Narnia"}, "unknown side 'narnia'; choose one of: armenia, azerbaijan"),
        ({"status": "confirmed"}, "Input should be 'contested', 'corroborated' or 'reported'"),
        ({"min_killed": -1}, "greater than or equal to 0"),
        ({"country": "AZE"}, "String should match pattern"),
        ({"bbox": "1,2,3"}, "String should match pattern"),
        ({"bbox": "west,2,3,4"}, "String should match pattern"),
        ({"bbox": "0,50,10,40"}, "south <= north"),
        ({"bbox": "0,0,190,10"}, "longitudes must lie within -180..180"),
        ({"bbox": "nan,0,1,1"}, "String should match pattern"),
        ({"date_from": "2020-13-01"}, "valid date"),
        (
            {"date_from": "2020-10-05", "date_to": "2020-10-01"},
            "date_from 2020-10-05 is after date_to 2020-10-01",
        ),
        ({"since": "yesterday"}, "'yesterday' is not an ISO date (YYYY-MM-DD) or date-time"),
        ({"since": "1700000000"}, "'1700000000' is not an ISO date"),
        ({"limit": 1001}, "less than or equal to 1000"),
        ({"limit": 0}, "greater than or equal to 1"),
        ({"offset": -5}, "greater than or equal to 0"),
        ({"sort": "place"}, "Input should be 'date', '-date' or 'killed'"),
    ],
)
def test_bad_values_are_422_with_a_message(
    client: TestClient, params: dict[str, object], message: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert message in " ".join(error["msg"] for error in response.json()["detail"])


@pytest.mark.parametrize("text", ['"', "rock*", "NEAR(a b)", "a OR", "-", "(", "^x", "col:rockets", "!!!"])
def test_search_text_can_never_be_a_syntax_error(client: TestClient, text: str) -> None:
    response = client.get("/api/events", params={"q": text})
    assert response.status_code == 200


def test_search_words_are_quoted_terms() -> None:
    assert fts_query('rock* "NEAR" OR') == '"rock" "NEAR" "OR"'
    assert fts_query("!!! ...") is None


def test_search_index_follows_changes_to_events_and_reports(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE events SET place = 'Mingachevir' WHERE place = 'Ganja'")
        connection.execute("DELETE FROM event_sources WHERE claimed_by = 'Artsakh officials'")
    with Store.open(db, read_only=True) as store:
        assert len(find_event_ids(store, EventFilter(text="Mingachevir"))) == 1
        assert find_event_ids(store, EventFilter(text="Ganja shells")) != []  # evidence still indexed
        assert find_event_ids(store, EventFilter(text="Artsakh")) == []
        assert len(find_event_ids(store, EventFilter(text="Stepanakert"))) == 1  # the place itself stays
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM events WHERE place = 'Khartoum'")
    with Store.open(db, read_only=True) as store:
        assert find_event_ids(store, EventFilter(text="market")) == []


def test_event_detail_has_ledger_and_history(client: TestClient) -> None:
    event_id = event_id_at(client, "Ganja")
    event = client.get(f"/api/events/{event_id}").json()
    assert event["event_id"] == event_id
    assert event["reports"][0]["evidence"][0]["text"].startswith("GANJA, Azerbaijan, Oct 4 (Wire)")
    assert [change["kind"] for change in event["history"]] == ["created"]
    assert event["history"][0]["event_id"] == event_id


def test_merged_away_id_redirects_to_its_successor(client: TestClient) -> None:
    response = client.get("/api/events/fw-merged-away", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == f"/api/events/{event_id_at(client, 'Ganja')}"
    assert client.get("/api/events/fw-merged-away").json()["place"] == "Ganja"


def test_unknown_event_and_document_are_404_json(client: TestClient) -> None:
    assert client.get("/api/events/fw-none").json() == {"detail": "no event 'fw-none'"}
    response = client.get("/api/documents/abc")
    assert response.status_code == 404 and response.json() == {"detail": "no document 'abc'"}


def test_geojson_streams_the_filtered_events(client: TestClient) -> None:
    response = client.get("/api/events.geojson", params={"country": "AZ"})
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["place"] for f in collection["features"]] == ["Stepanakert", "Ganja"]
    assert collection["features"][1]["geometry"] == {"type": "Point", "coordinates": [GANJA.lon, GANJA.lat]}
    assert client.get("/api/events.geojson", params={"country": "FR"}).json()["features"] == []


def test_csv_streams_acled_rows_of_the_filtered_events(client: TestClient) -> None:
    response = client.get("/api/events.csv", params={"min_killed": 14})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(row["location"], row["fatalities"], row["country"]) for row in rows] == [
        ("Bakhmut", "14", "Ukraine"),
        ("Khartoum", "40", "Sudan"),
    ]


def test_timeline_counts_per_day_and_type_ignoring_the_date_filter(client: TestClient) -> None:
    days = client.get("/api/timeline", params={"date_from": "2023-01-01", "country": "AZ"}).json()["days"]
    assert days == [
        {"date": "2020-10-03", "event_type": "Explosions/Remote violence", "count": 1},
        {"date": "2020-10-04", "event_type": "Explosions/Remote violence", "count": 1},
    ]


def test_facets_count_values_under_every_filter_but_their_own(client: TestClient) -> None:
    facets = client.get("/api/facets", params={"event_type": "Battles"}).json()
    assert facets["event_type"] == [
        {"value": "Explosions/Remote violence", "count": 3},
        {"value": "Battles", "count": 1},
    ]
    assert facets["sub_event_type"] == [{"value": "Armed clash", "count": 1}]
    assert facets["side"] == [{"value": "russia", "count": 1}, {"value": "ukraine", "count": 1}]
    assert facets["claimant"] == [{"value": "Ukraine General Staff", "count": 1}]
    assert facets["status"] == [{"value": "reported", "count": 1}]
    assert facets["country"] == [{"value": "UA", "count": 1}]
    everything = client.get("/api/facets").json()
    assert {"value": "Civilians (Azerbaijan)", "count": 2} in everything["actor"]
    assert everything["status"] == [
        {"value": "reported", "count": 2},
        {"value": "contested", "count": 1},
        {"value": "corroborated", "count": 1},
    ]


def test_documents_list_and_detail(client: TestClient) -> None:
    listing = client.get("/api/documents", params={"limit": 3}).json()
    assert (listing["total"], len(listing["documents"])) == (4, 3)
    rest = client.get("/api/documents", params={"offset": 3}).json()["documents"]
    documents = listing["documents"] + rest
    assert len({d["doc_id"] for d in documents}) == 4
    assert set(rest[0]) == {"doc_id", "title", "url", "published", "language", "external_id", "retracted"}
    bakhmut = next(d for d in documents if d["title"] == "Fighting in Bakhmut")
    detail = client.get(f"/api/documents/{bakhmut['doc_id']}").json()
    assert detail["text"] == BAKHMUT_TEXT
    assert detail["external_id"] == "wire-0107" and detail["url"] == "https://example.org/b"
    assert detail["updates"] == [] and detail["event_ids"] == [event_id_at(client, "Bakhmut")]


def test_a_retracted_document_says_so_and_its_event_is_gone(db: Path) -> None:
    with Store.open(db) as store:
        retract_document(store, "wire-0311", "the agency withdrew the story")
    with TestClient(create_app(db)) as client:
        documents = client.get("/api/documents").json()["documents"]
        khartoum = next(d for d in documents if d["external_id"] == "wire-0311")
        assert khartoum["retracted"]["reason"] == "the agency withdrew the story"
        detail = client.get(f"/api/documents/{khartoum['doc_id']}").json()
        assert detail["retracted"] == khartoum["retracted"] and detail["event_ids"] == []
        assert "Khartoum" not in places(client)


def test_a_document_is_retracted_through_the_api_with_the_write_token(db: Path) -> None:
    with TestClient(create_app(db, token="s3cret")) as client:
        documents = client.get("/api/documents").json()["documents"]
        doc_id = next(d["doc_id"] for d in documents if d["external_id"] == "wire-0311")
        event_id = event_id_at(client, "Khartoum")
        url, reason = f"/api/documents/{doc_id}/retract", {"reason": "the agency withdrew the story"}
        assert client.post(url, json=reason).status_code == 401
        wrong = {"Authorization": "Bearer guess"}
        assert client.post(url, json=reason, headers=wrong).status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        assert client.post(url, json={"reason": "  "}, headers=auth).status_code == 422
        assert client.post("/api/documents/nope/retract", json=reason, headers=auth).status_code == 404
        assert "Khartoum" in places(client)
        response = client.post(url, json=reason, headers=auth)
        assert response.status_code == 200
        body = response.json()
        assert body["events"] == {"updated": [], "split_off": [], "merged": [], "removed": [event_id]}
        assert body["retracted"]["reason"] == "the agency withdrew the story"
        assert "Khartoum" not in places(client)
        again = client.post(url, json=reason, headers=auth)
        assert again.status_code == 409 and "already retracted" in again.json()["detail"]
    with TestClient(create_app(db)) as read_only:
        assert read_only.post(url, json=reason, headers=auth).status_code == 403


def test_sources_and_stats(client: TestClient) -> None:
    sources = client.get("/api/sources").json()["sources"]
    assert {"claimed_by": "local residents", "reports": 1, "events": 1, "partisan": False} in sources
    assert {"claimed_by": "Ukraine General Staff", "reports": 1, "events": 1, "partisan": True} in sources
    stats = client.get("/api/stats").json()
    assert (stats["events"], stats["documents"], stats["reports"]) == (4, 4, 4)
    assert stats["by_event_type"] == {"Explosions/Remote violence": 3, "Battles": 1}
    assert (stats["date_earliest"], stats["date_latest"]) == ("2020-10-03", "2023-06-10")
    assert stats["last_update"] is not None


def test_every_route_is_read_only(client: TestClient, db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        before = dump_tables(store)
    for path in ("/api/events", "/api/events.csv", "/api/documents", "/api/stats"):
        assert client.post(path, json={}).status_code == 405
        assert client.delete(path).status_code == 405
    with Store.open(db, read_only=True) as store:
        assert dump_tables(store) == before


def test_hostile_text_comes_back_as_json_strings(tmp_path: Path) -> None:
    raw = make_raw("Shells hit Ganja <script>alert(1)</script>, killing 3. More.")
    document = make_document(raw, title="<img src=x onerror=alert(2)>")
    seed_store(tmp_path / "fw.db", (raw, document, [make_candidate(document)]))
    with TestClient(create_app(tmp_path / "fw.db")) as client:
        response = client.get(f"/api/documents/{document.doc_id}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["title"] == "<img src=x onerror=alert(2)>"


def test_search_index_follows_a_report_moved_to_another_event(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        (ganja,) = connection.execute("SELECT event_id FROM events WHERE place = 'Ganja'").fetchone()
        connection.execute(
            "UPDATE event_sources SET event_id = ? WHERE claimed_by = 'Artsakh officials'", (ganja,)
        )
    with Store.open(db, read_only=True) as store:
        assert find_event_ids(store, EventFilter(text="Artsakh rockets")) == [ganja]


def map_places(client: TestClient, **params: object) -> list[str]:
    """The places of /api/map's rows, through their ids (the rows carry no place)."""
    response = client.get("/api/map", params=params)
    assert response.status_code == 200, response.text
    place_of = {e["event_id"]: e["place"] for e in client.get("/api/events").json()["events"]}
    return [place_of[row[0]] for row in response.json()["rows"]]


def test_map_rows_are_compact_marker_values_newest_first(client: TestClient) -> None:
    body = client.get("/api/map").json()
    assert (body["total"], body["truncated"], body["limit"]) == (4, False, 20_000)
    assert body["columns"] == [
        "event_id", "lat", "lon", "event_type", "sub_event_type", "geo_precision", "date_earliest",
        "killed", "status", "means",
    ]  # fmt: skip
    rows = {row[0]: dict(zip(body["columns"], row, strict=True)) for row in body["rows"]}
    khartoum, bakhmut = (rows[event_id_at(client, place)] for place in ("Khartoum", "Bakhmut"))
    assert khartoum == {
        "event_id": khartoum["event_id"], "lat": 15.5518, "lon": 32.5324,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "geo_precision": 2, "date_earliest": "2023-06-10", "killed": 40, "status": "reported",
        "means": "drone",
    }  # fmt: skip
    assert (bakhmut["means"], bakhmut["killed"]) == ("armed clash", 14)  # no weapon: from the sub-type
    assert rows[event_id_at(client, "Ganja")]["status"] == "contested"
    assert map_places(client) == ["Khartoum", "Bakhmut", "Ganja", "Stepanakert"]


@pytest.mark.parametrize(
    "params",
    [
        {"event_type": "Battles"},
        {"side": "armenia"},
        {"claimant": "Artsakh officials"},
        {"status": "reported"},
        {"min_killed": 14},
        {"q": "kill civilian"},
        {"bbox": "170,-90,35,90"},
        {"date_to": "2023-04-28"},
        {"event_type": "Explosions/Remote violence", "country": "AZ", "min_killed": 3},
    ],
)
def test_map_selects_what_the_event_list_selects(client: TestClient, params: Params) -> None:
    assert map_places(client, **params) == places(client, **params, sort="-date")


def test_map_keeps_the_newest_up_to_its_limit_and_says_so(client: TestClient) -> None:
    body = client.get("/api/map", params={"limit": 3}).json()
    assert (body["total"], body["truncated"], len(body["rows"])) == (4, True, 3)
    assert map_places(client, limit=3) == ["Khartoum", "Bakhmut", "Ganja"]
    assert client.get("/api/map", params={"limit": 20_001}).status_code == 422


def test_map_leaves_out_events_without_coordinates_but_counts_them(db: Path, client: TestClient) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE events SET lat = NULL, lon = NULL WHERE place = 'Bakhmut'")
    body = client.get("/api/map").json()
    assert (body["total"], body["truncated"]) == (4, False)
    assert map_places(client) == ["Khartoum", "Ganja", "Stepanakert"]
    assert map_places(client, limit=2) == ["Khartoum", "Ganja"]


@pytest.mark.parametrize(
    "query",
    [
        EventFilter(),
        EventFilter(event_types=("Battles",), date_from=date(2020, 10, 1), date_to=date(2023, 6, 30)),
        EventFilter(side="armenia", status="contested", min_killed=1, country="AZ"),
        EventFilter(actor="Military Forces of Russia", bbox=BoundingBox(170, -90, 40, 90)),
        EventFilter(claimant="Artsakh officials", text="rockets Stepanakert", since=datetime(2020, 1, 1)),
    ],
)
def test_a_truncated_map_page_is_read_from_the_covering_index_alone(db: Path, query: EventFilter) -> None:
    """More matches than the limit: the newest are read down events_newest, no table row, no sort."""
    statements: list[str] = []
    with Store.open(db, read_only=True) as store:
        store.connection.set_trace_callback(statements.append)
        page = map_rows(store, query, 0, means_of)
        store.connection.set_trace_callback(None)
        (select,) = [sql for sql in statements if "json_array" in sql]
        plan = [row[-1] for row in store.connection.execute(f"EXPLAIN QUERY PLAN {select}")]
    assert page.truncated
    assert plan[0] == "SCAN events USING COVERING INDEX events_newest"
    assert not any("TEMP B-TREE" in step for step in plan)
