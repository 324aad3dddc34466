"""The extraction contract end to end: JSONL in, one line of events per line out, bad lines reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwatch.cli.extract import command
from frontwatch.extract import extract_jsonl, extract_records
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.place import Place

CONTRACT_KEYS = {
    "event_type",
    "sub_event_type",
    "date_earliest",
    "date_latest",
    "date_precision",
    "place",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonames_id",
    "geo_precision",
    "actor1",
    "actor2",
    "killed",
    "injured",
    "civilian_targeting",
    "weapons",
    "claimed_by",
    "evidence",
    "confidence",
}
PLACES = [
    (Place(174875, "Stepanakert", 39.8153, 46.7519, "AZ", "Xankandi", "PPLA", 55000), ["Khankendi"]),
    (Place(586001, "Shushi", 39.7586, 46.7491, "AZ", "Shusha", "PPLA2", 25000), ["Shusha"]),
    (Place(585101, "Martuni", 39.7953, 47.1133, "AZ", "Khojavend", "PPL", 25000), ["Khojavend"]),
    (Place(585170, "Terter", 40.3419, 46.9322, "AZ", "Tartar", "PPLA2", 25000), ["Tartar"]),
    (Place(616052, "Yerevan", 40.1811, 44.5136, "AM", "Yerevan", "PPLC", 1090000), []),
]
REPORT = (
    "Azerbaijani forces shelled Stepanakert and Shushi on Sunday, officials in Artsakh said. "
    "Two civilians were killed and eleven injured. "
    "Azerbaijan denied shelling Martuni. "
    "Baku warned that it would strike Yerevan. "
    "In 1992, Armenian forces captured Shushi. "
    "The war has killed more than 200 civilians since September 27."
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places(PLACES)


def _line(record_id: str, text: object, published: object = "2020-10-04") -> str:
    return json.dumps({"id": record_id, "text": text, "published": published, "url": None, "title": None})


def test_report_gives_one_event_per_shelled_town_and_no_trap_events(gazetteer: Gazetteer) -> None:
    [record] = extract_records([_line("r1", REPORT)], gazetteer)
    events = record["events"]
    assert record["id"] == "r1"
    assert [e["place"] for e in events] == ["Stepanakert", "Shushi"]
    for event in events:
        assert set(event) >= CONTRACT_KEYS
        assert event["sub_event_type"] == "Shelling/artillery/missile attack"
        assert event["event_type"] == "Explosions/Remote violence"
        assert (event["date_earliest"], event["date_latest"], event["date_precision"]) == (
            "2020-10-04",
            "2020-10-04",
            "day",
        )
        assert event["claimed_by"] == "Artsakh officials"
        assert event["actor1"] == "Military Forces of Azerbaijan"
        assert event["country"] == "AZ"
        assert event["geo_precision"] == 1
        assert 0 < event["confidence"] <= 1
    stepanakert = events[0]
    assert stepanakert["killed"] == {"min": 2, "max": 2}
    assert stepanakert["injured"] == {"min": 11, "max": 11}
    assert stepanakert["civilian_targeting"] is True
    assert stepanakert["actor2"] == "Civilians (Azerbaijan)"
    assert [REPORT[s["start"] : s["end"]] for s in stepanakert["evidence"]] == [
        "Azerbaijani forces shelled Stepanakert and Shushi on Sunday, officials in Artsakh said.",
        "Two civilians were killed and eleven injured.",
    ]


def test_cumulative_toll_is_never_an_event_toll(gazetteer: Gazetteer) -> None:
    text = (
        "Rockets hit Terter on Monday, Azerbaijan's Defence Ministry said. "
        "The war has killed 41 civilians since it began."
    )
    [record] = extract_records([_line("r2", text)], gazetteer)
    [event] = record["events"]
    assert event["killed"] is None
    assert event["claimed_by"] == "Azerbaijan Defence Ministry"
    assert event["actor1"] == "Military Forces of Armenia"


def test_speaker_city_is_not_the_event_location(gazetteer: Gazetteer) -> None:
    text = "Yerevan said Azerbaijani drones struck Martuni on Saturday."
    [record] = extract_records([_line("r3", text)], gazetteer)
    assert [(e["place"], e["sub_event_type"], e["claimed_by"]) for e in record["events"]] == [
        ("Martuni", "Air/drone strike", "Armenian officials")
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ('["a list"]', "expected a JSON object"),
        (json.dumps({"id": "x", "published": None}), 'missing "text"'),
        (json.dumps({"id": "x", "text": 42, "published": None}), '"text" must be a string'),
        (_line("x", "Rockets hit Terter.", published="4 October"), '"published" must be an ISO date'),
    ],
)
def test_bad_lines_get_an_error_and_the_run_goes_on(gazetteer: Gazetteer, line: str, message: str) -> None:
    bad, good = extract_records([line, _line("ok", "Rockets hit Terter on Monday.")], gazetteer)
    assert bad["events"] == [] and bad["error"].startswith("line 1: ") and message in bad["error"]
    assert good["id"] == "ok" and "error" not in good and len(good["events"]) == 1


def test_non_english_report_is_skipped_with_a_note(gazetteer: Gazetteer) -> None:
    text = "Die Stadt Stepanakert wurde in der Nacht von Raketen getroffen, sagten die Behörden vor Ort."
    [record] = extract_records([_line("de", text)], gazetteer)
    assert record["events"] == [] and "not in English" in record["note"]


def test_file_run_writes_one_line_per_input_line(tmp_path: Path, gazetteer: Gazetteer) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([_line("a", REPORT), "{oops", _line("c", "Nothing happened today.")]) + "\n")
    seen: list[int] = []
    stats = extract_jsonl(source, tmp_path / "out.jsonl", gazetteer, progress=seen.append)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["a", None, "c"]
    assert (stats.lines, stats.failed, stats.events) == (3, 1, 2)
    assert seen == [1, 2, 3]


def test_command_exits_with_status_one_when_a_line_failed(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Gazetteer, "_default", gazetteer)
    source = tmp_path / "in.jsonl"
    source.write_text(_line("a", REPORT) + "\n{oops\n")
    result = CliRunner().invoke(command, ["--input", str(source), "--output", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1
    assert "2 reports, 2 events, 1 failed" in result.output
    source.write_text(_line("a", REPORT) + "\n")
    rerun = CliRunner().invoke(command, ["--input", str(source), "--output", str(tmp_path / "o.jsonl")])
    assert rerun.exit_code == 0


WORDS = st.sampled_from(
    [
        "Azerbaijani",
        "forces",
        "shelled",
        "Stepanakert",
        "Shushi",
        "and",
        "Martuni",
        "Terter",
        "on",
        "Sunday",
        "killing",
        "two",
        "civilians",
        ".",
        ",",
        "officials",
        "said",
        "drones",
        "struck",
        "rockets",
        "hit",
        "the",
        "city",
        "wounded",
        "three",
        "people",
        "Reuters",
        "reported",
        "in",
        "1992",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=60))
def test_evidence_spans_lie_within_the_text(gazetteer: Gazetteer, words: list[str]) -> None:
    text = " ".join(words)
    [record] = extract_records([_line("h", text)], gazetteer)
    for event in record["events"]:
        assert event["evidence"]
        for span in event["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
