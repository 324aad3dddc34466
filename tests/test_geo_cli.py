"""The ``frontwatch geoparse`` JSONL contract: output shape, given spans, and per-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli.geoparse import command
from frontwatch.geo.cli_contract import geoparse_jsonl
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.place import Place

PLACE_KEYS = {
    "start",
    "end",
    "text",
    "name",
    "geonames_id",
    "lat",
    "lon",
    "country",
    "admin1",
    "feature_code",
    "score",
}
GAZETTEER = Gazetteer.from_places(
    [
        (Place(146970, "Stepanakert", 39.8265, 46.7656, "AZ", "Xankandi", "PPLA", 55_000), ["Khankendi"]),
        (Place(-1, "Nagorno-Karabakh", 39.83, 46.75, "AZ", None, "ADMD", 145_000), []),
    ]
)


def run(tmp_path: Path, lines: list[bytes]) -> tuple[list[dict[str, object]], int]:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    stats = geoparse_jsonl(source, target, GAZETTEER)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert stats.lines == len(records)
    return records, stats.failed


def test_output_lines_follow_the_contract(tmp_path: Path) -> None:
    text = "Shelling hit Khankendi, Nagorno-Karabakh."
    records, failed = run(tmp_path, [json.dumps({"id": "a", "text": text}).encode()])
    assert failed == 0
    (record,) = records
    assert record["id"] == "a" and "error" not in record
    places = record["places"]
    assert isinstance(places, list) and [p["text"] for p in places] == ["Khankendi", "Nagorno-Karabakh"]
    assert all(set(p) == PLACE_KEYS for p in places)
    town = places[0]
    assert (town["start"], town["end"], town["name"], town["geonames_id"], town["country"]) == (
        13,
        22,
        "Stepanakert",
        146970,
        "AZ",
    )
    assert (
        places[1]["geonames_id"] is None and places[1]["lat"] == 39.83
    )  # a derived region has no GeoNames id


def test_given_spans_are_resolved_and_unknown_ones_fall_back_to_a_named_place(tmp_path: Path) -> None:
    text = "Shells hit Freedom Square in Stepanakert."
    records, _ = run(tmp_path, [json.dumps({"id": 7, "text": text, "spans": [[11, 25], [29, 40]]}).encode()])
    places = records[0]["places"]
    assert isinstance(places, list)
    assert [(p["text"], p["name"]) for p in places] == [
        ("Freedom Square", "Stepanakert"),
        ("Stepanakert", "Stepanakert"),
    ]
    fallback, town = places
    assert fallback["feature_code"] == "PPLA" and fallback["score"] < 0.1 < town["score"]


def test_unknown_span_with_no_place_in_the_document_is_left_null(tmp_path: Path) -> None:
    text = "Residents of Ghostville fled."
    records, _ = run(tmp_path, [json.dumps({"id": 8, "text": text, "spans": [[13, 23]]}).encode()])
    places = records[0]["places"]
    assert isinstance(places, list) and len(places) == 1
    place = places[0]
    assert place["text"] == "Ghostville" and place["name"] is None
    assert place["lat"] is None and place["lon"] is None and place["geonames_id"] is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": "e", "text": "   "}', "non-empty"),
        (b'{"text": "Stepanakert"}', "'id' must be"),
        (b'{"id": true, "text": "Stepanakert"}', "'id' must be"),
        (b'{"id": "r", "text": "Stepanakert", "spans": [[5, 2]]}', "reversed"),
        (b'{"id": "o", "text": "Stepanakert", "spans": [[0, 99]]}', "outside"),
        (b'{"id": "t", "text": "Stepanakert", "spans": [[0, "3"]]}', "pair of integers"),
        (b'{"id": "j", "text": ', "not valid JSON"),
        (b'{"id": "u", "text": "\xff\xfe"}', "UTF-8"),
        (b'["not", "an", "object"]', "JSON object"),
    ],
)
def test_bad_lines_get_an_error_and_the_run_goes_on(tmp_path: Path, line: bytes, message: str) -> None:
    good = json.dumps({"id": "ok", "text": "Stepanakert"}).encode()
    records, failed = run(tmp_path, [line, good])
    assert failed == 1
    assert records[0]["places"] == [] and message in str(records[0]["error"])
    assert records[1]["id"] == "ok" and len(records[1]["places"]) == 1  # type: ignore[arg-type]


def test_error_record_keeps_the_id_when_it_can(tmp_path: Path) -> None:
    records, _ = run(tmp_path, [b'{"id": "r", "text": "Stepanakert", "spans": [[5, 2]]}'])
    assert records[0]["id"] == "r"


def test_command_exits_non_zero_when_a_line_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Gazetteer, "load_default", classmethod(lambda cls: GAZETTEER))
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": 1, "text": "Stepanakert"}\n', encoding="utf-8")
    ok = CliRunner().invoke(command, ["--input", str(source), "--output", str(target)])
    assert ok.exit_code == 0, ok.output
    source.write_text('{"id": 1, "text": "Stepanakert"}\n{"id": 2, "text": ""}\n', encoding="utf-8")
    failed = CliRunner().invoke(command, ["--input", str(source), "--output", str(target)])
    assert failed.exit_code != 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2


def test_a_gigantic_line_gets_an_error_without_being_read_whole_and_the_run_goes_on(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    good = json.dumps({"id": "ok", "text": "Stepanakert"}).encode()
    huge = json.dumps({"id": "huge", "text": "Stepanakert " * 300_000}).encode()
    source.write_bytes(b"\n".join([good, huge, good]) + b"\n")
    stats = geoparse_jsonl(source, target, GAZETTEER, max_line_bytes=1024)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert (stats.lines, stats.failed) == (3, 1)
    assert [r["id"] for r in records] == ["ok", None, "ok"] and len(records[2]["places"]) == 1
    assert records[1]["error"] == f"line is {len(huge) + 1} bytes, over the 1024-byte limit for one document"


def test_the_command_lists_nationality_adjectives_unless_turned_off(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Syrian refugees crossed into Lebanon."}) + "\n")

    def names(*flags: str) -> list[str]:
        result = CliRunner().invoke(command, ["--input", str(source), "--output", str(target), *flags])
        assert result.exit_code == 0, result.output
        return [place["text"] for place in json.loads(target.read_text())["places"]]

    assert names() == ["Syrian", "Lebanon"]
    assert names("--no-nationalities") == ["Lebanon"]
