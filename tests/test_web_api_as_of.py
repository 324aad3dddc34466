"""``as_of`` on the events list and the exports: the events as they stood at a past moment, rebuilt from
their versions, with the same filters, sort orders, pages and formats as now."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_factories import (
    ReportParts,
    extracted,
    make_candidate,
    make_document,
    make_raw,
    stepanakert_report,
)
from test_store_merge import GANJA_STORY
from test_web_api import bakhmut_report, khartoum_report

from frontwatch.store import Store
from frontwatch.store.writes import store_document
from frontwatch.web.app import create_app

AZ_CLAIM, REUTERS, _, AM_DENIAL = GANJA_STORY
EXPORTS = ("/api/events.geojson", "/api/events.csv")
ENDPOINTS = ("/api/events", *EXPORTS)
FUTURE = "2999-12-31"


def undated_report() -> ReportParts:
    """Shelling somewhere, some day, toll unknown: what every sort order puts last."""
    raw = make_raw(
        "Shelling was reported overnight, the ministry said.", source="vague.txt", external_id="vague"
    )
    document = make_document(raw, title=None)
    unknown = ("date_earliest", "date_latest", "date_precision", "place", "geo_precision", "killed")
    return raw, document, [make_candidate(document, **dict.fromkeys(unknown))]


def at(day: int, hour: int) -> datetime:
    return datetime(2020, 10, day, hour, tzinfo=UTC)


TIMELINE = (
    (at(11, 6), AZ_CLAIM),  # Ganja: 10 killed, says Azerbaijan's ministry
    (at(11, 9), REUTERS),  # Reuters: at least 9; the toll becomes 9 to 10
    (at(12, 10), stepanakert_report()),  # a second event
    (at(13, 8), AM_DENIAL),  # Armenia denies: Ganja becomes contested
    (at(14, 8), bakhmut_report()),
    (at(14, 9), khartoum_report()),
    (at(14, 10), undated_report()),
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The reports of TIMELINE, each stored at its moment."""
    path = tmp_path / "fw.db"
    with Store.open(path) as store:
        for moment, (raw, document, candidates) in TIMELINE:
            store_document(store, raw, document, extracted(*candidates), "test", at=moment)
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def events(client: TestClient, **params: object) -> list[dict[str, object]]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["events"])
    return body["events"]


def summary(event: dict[str, object]) -> tuple[object, ...]:
    return event["place"], event["killed"], event["status"], event["report_count"]


def test_as_of_gives_the_events_as_they_stood_then(client: TestClient) -> None:
    """Before the first report nothing; then Ganja as Azerbaijan told it; a bare date is the end of that
    day, after Reuters changed the toll; Stepanakert only from the 12th at 10:00; Ganja contested now."""
    ten = {"low": 10, "best": 10, "high": 10}
    nine_to_ten = {"low": 9, "best": 9, "high": 10}
    as_told_by_azerbaijan = [("Ganja", ten, "reported", 1)]
    assert events(client, as_of="2020-10-11T05:59:59Z") == []
    assert [summary(e) for e in events(client, as_of="2020-10-11T07:00")] == as_told_by_azerbaijan
    assert [summary(e) for e in events(client, as_of="2020-10-11T10:59+02:00")] == as_told_by_azerbaijan
    with_reuters = ("Ganja", nine_to_ten, "reported", 2)
    assert [summary(e) for e in events(client, as_of="2020-10-11")] == [with_reuters]
    assert [summary(e) for e in events(client, as_of="2020-10-12T09:59")] == [with_reuters]
    stepanakert = ("Stepanakert", {"low": 2, "best": 2, "high": 2}, "reported", 1)
    assert [summary(e) for e in events(client, as_of="2020-10-12T10:00")] == [stepanakert, with_reuters]
    assert [summary(e) for e in events(client)[:2]] == [stepanakert, ("Ganja", nine_to_ten, "contested", 3)]


def test_filters_select_among_the_events_as_they_stood(client: TestClient) -> None:
    """A filter applies to the event as it was then: its toll, status and claimants at that moment."""
    before_reuters = "2020-10-11T07:00"
    assert [e["place"] for e in events(client, as_of=before_reuters, min_killed=10)] == ["Ganja"]
    assert events(client, min_killed=10, country="AZ") == []
    assert events(client, as_of=before_reuters, claimant="Reuters") == []
    assert [e["place"] for e in events(client, as_of="2020-10-11", claimant="Reuters")] == ["Ganja"]
    assert events(client, as_of="2020-10-12", status="contested") == []
    assert [e["place"] for e in events(client, as_of="2020-10-13", status="contested")] == ["Ganja"]
    assert [e["place"] for e in events(client, status="reported", country="AZ")] == ["Stepanakert"]
    assert events(client, as_of="2020-10-12", since="2020-10-12T10:00:01Z") == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "-date"},
        {"sort": "killed"},
        {"sort": "killed", "limit": 2, "offset": 1},
        {"sort": "-date", "limit": 3, "offset": 4},
        {"event_type": ["Battles", "Riots"]},
        {"sub_event_type": "Air/drone strike"},
        {"actor": "Military Forces of Armenia"},
        {"side": "russia"},
        {"side": "azerbaijan"},
        {"claimant": "Reuters"},
        {"status": "contested"},
        {"status": "reported"},
        {"min_killed": 14},
        {"country": "sd"},
        {"bbox": "44.5,38.5,47.5,41.5"},
        {"bbox": "170,-90,35,90"},
        {"date_from": "2020-10-04", "date_to": "2020-10-11"},
        {"date_from": "2023-05-01"},
        {"since": "2020-10-13T08:00:00Z"},
        {"event_type": "Explosions/Remote violence", "country": "AZ", "min_killed": 3, "sort": "killed"},
    ],
)
def test_a_moment_to_come_selects_sorts_and_pages_as_now(
    client: TestClient, params: dict[str, object]
) -> None:
    """Every filter but q, every sort and page: as of a moment to come, the answer is the one the SQL
    gives now, to the byte in each format."""
    now = client.get("/api/events", params=params).json()
    assert now["events"], "each case should select something"
    assert client.get("/api/events", params={**params, "as_of": FUTURE}).json() == now
    for path in EXPORTS:
        export = {key: value for key, value in params.items() if key not in ("sort", "limit", "offset")}
        assert (
            client.get(path, params={**export, "as_of": FUTURE}).content
            == client.get(path, params=export).content
        )


@pytest.mark.parametrize("moment", ["2020-10-11T07:00", "2020-10-11", "2020-10-12T10:00", "2020-10-13"])
def test_the_exports_as_of_a_moment_agree_with_the_list(client: TestClient, moment: str) -> None:
    listed = [(e["event_id"], e["killed"]) for e in events(client, as_of=moment)]
    collection = client.get("/api/events.geojson", params={"as_of": moment}).json()
    features = [(f["id"], f["properties"]["killed"]) for f in collection["features"]]
    rows = csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"as_of": moment}).text))
    csv_rows = [(row["event_id_cnty"], row["killed_best"], row["status"]) for row in rows]
    assert features == listed
    assert csv_rows == [
        (e["event_id"], str(e["killed"]["best"]), e["status"]) for e in events(client, as_of=moment)
    ]
    assert listed != [(e["event_id"], e["killed"]) for e in events(client)]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"as_of": "11/10/2020"},
            "'11/10/2020' is not an ISO date (2020-11-06) or date-time (2020-11-06T18:00)",
        ),
        ({"as_of": "yesterday"}, "'yesterday' is not an ISO date"),
        ({"as_of": "0001-01-01T00:00+01:00"}, "lies outside the years 1 to 9999 in UTC"),
        ({"as_of": "2020-10-11", "q": "Ganja"}, "q cannot be combined with as_of"),
    ],
)
def test_a_bad_as_of_is_a_422_with_a_message(
    client: TestClient, path: str, params: dict[str, object], message: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert message in " ".join(error["msg"] for error in response.json()["detail"])


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_moment_before_an_upgraded_store_kept_versions_is_a_409(db: Path, path: str) -> None:
    """A store from before versions were kept (schema 5) is exact only from its upgrade on: it counts
    from its latest update, here the undated report's at 10:00 on the 14th."""
    with Store.open(db) as store:
        store.connection.executescript(
            "DROP TABLE event_versions; DROP TABLE retracted_sources; DROP INDEX event_history_gone;"
            "DELETE FROM schema_version WHERE version >= 6;"
            "ALTER TABLE documents DROP COLUMN retracted_at; ALTER TABLE documents DROP COLUMN retraction;"
        )
    Store.open(db).close()  # upgrades it
    with TestClient(create_app(db)) as client:
        refused = client.get(path, params={"as_of": "2020-10-14T09:59"})
        assert refused.status_code == 409
        assert "complete event versions since 2020-10-14T10:00:00+00:00" in refused.json()["detail"]
        assert "as of 2020-10-14T09:59:00+00:00 cannot be rebuilt" in refused.json()["detail"]
        assert client.get(path, params={"as_of": "2020-10-14"}).content == client.get(path).content
