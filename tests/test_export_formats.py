"""Export formats: ACLED's CSV header exactly, valid GeoJSON, JSON Lines, and a user-registered format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pytest
from store_factories import (
    ganja_report,
    make_candidate,
    make_document,
    make_raw,
    seed_store,
    stepanakert_report,
)

from frontwatch.errors import InputError
from frontwatch.export import EXPORTERS, exporter, register
from frontwatch.store import Store, StoredEvent
from frontwatch.store.queries import list_events

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp,date_latest,killed_low,killed_best,killed_high,injured_low,injured_best,injured_high,"
    "status,weapons,claimed_by,confidence"
)


@pytest.fixture
def events(tmp_path: Path) -> list[StoredEvent]:
    raw = make_raw("Shelling was reported overnight; no location was given.", source="vague.txt")
    unlocated = make_document(raw, title=None)
    unknowns = ("place", "location_text", "killed", "date_earliest", "date_latest", "date_precision",
                "geo_precision", "actor2")  # fmt: skip
    vague = make_candidate(unlocated, **dict.fromkeys(unknowns))
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report(), (raw, unlocated, [vague]))
    with Store.open(tmp_path / "fw.db", read_only=True) as store:
        return list_events(store)


def export(name: str, events: list[StoredEvent]) -> str:
    stream = io.StringIO()
    exporter(name)(events, stream)
    return stream.getvalue()


def test_csv_has_acleds_header_then_ours_and_acled_conventions(events: list[StoredEvent]) -> None:
    text = export("csv", events)
    assert text.splitlines()[0] == ACLED_HEADER
    rows = {row["location"]: row for row in csv.DictReader(io.StringIO(text))}
    stepanakert = rows["Stepanakert"]
    assert stepanakert["event_date"] == "2020-10-03" and stepanakert["date_latest"] == "2020-10-04"
    assert [stepanakert[key] for key in ("year", "time_precision", "geo_precision")] == ["2020", "1", "1"]
    assert stepanakert["disorder_type"] == "Political violence"
    assert (stepanakert["inter1"], stepanakert["inter2"], stepanakert["interaction"]) == ("1", "7", "17")
    assert stepanakert["civilian_targeting"] == "Civilian targeting"
    assert (stepanakert["iso"], stepanakert["country"], stepanakert["region"]) == (
        "31", "Azerbaijan", "Caucasus and Central Asia",
    )  # fmt: skip
    assert (stepanakert["latitude"], stepanakert["longitude"]) == ("39.8153", "46.7519")
    assert [stepanakert[f"killed_{key}"] for key in ("low", "best", "high")] == ["2", "2", "2"]
    assert [stepanakert[f"injured_{key}"] for key in ("low", "best", "high")] == ["11", "11", "11"]
    assert stepanakert["fatalities"] == "2" and stepanakert["status"] == "reported"
    assert stepanakert["source"] == stepanakert["claimed_by"] == "Artsakh officials"
    assert stepanakert["notes"].startswith("STEPANAKERT, Oct 4 (Wire) - Rockets struck the centre")
    assert stepanakert["weapons"] == "rockets"
    ganja = rows["Ganja"]
    assert (ganja["fatalities"], ganja["killed_high"]) == ("3", "3")
    unlocated = rows[""]
    assert [unlocated[key] for key in ("event_date", "fatalities", "latitude", "interaction")] == [
        "", "0", "", "10",
    ]  # fmt: skip


def test_geojson_is_a_feature_collection_of_points(events: list[StoredEvent]) -> None:
    collection = json.loads(export("geojson", events))
    assert collection["type"] == "FeatureCollection"
    features = {feature["properties"]["place"]: feature for feature in collection["features"]}
    assert features["Ganja"]["geometry"] == {"type": "Point", "coordinates": [46.3606, 40.6828]}
    assert features[None]["geometry"] is None
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["id"] == feature["properties"]["event_id"]
        if feature["geometry"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert features["Stepanakert"]["properties"]["claimants"] == ["Artsakh officials"]


def test_jsonl_is_one_event_per_line(events: list[StoredEvent]) -> None:
    lines = export("jsonl", events).splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == [event.event_id for event in events]


def test_users_can_register_a_format(events: list[StoredEvent], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("frontwatch.export.EXPORTERS", dict(EXPORTERS))

    def ids(events: Iterable[StoredEvent], stream: TextIO) -> None:
        stream.writelines(event.event_id + "\n" for event in events)

    register("ids", ids)
    assert export("ids", events).split() == [event.event_id for event in events]


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(InputError) as error:
        exporter("xml")
    assert str(error.value) == "unknown export format 'xml'; choose one of: csv, geojson, jsonl, parquet"
