"""``frontwatch events``: a table for reading, JSON Lines with the contract's fields for machines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from store_factories import WIRE_TEXT, ganja_report, seed_store, stepanakert_report

from frontwatch.cli.events import command
from frontwatch.store import Store

CONTRACT_KEYS = {
    "event_type", "sub_event_type", "date_earliest", "date_latest", "date_precision", "place", "country",
    "admin1", "lat", "lon", "geonames_id", "geo_precision", "actor1", "actor2", "killed", "injured",
    "civilian_targeting", "weapons", "claimed_by", "stance", "partisan", "evidence", "confidence",
}  # fmt: skip


def test_table_lists_events_earliest_first(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report(), stepanakert_report())
    result = CliRunner().invoke(command, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    header, first, second = result.stdout.splitlines()
    assert header.split("  ")[0] == "date" and "type / sub-type" in header and "claimed by" in header
    assert first.startswith("2020-10-03 – 2020-10-04  Explosions/Remote violence / Shelling")
    assert "Stepanakert, AZ" in first and "  2  " in first and "Artsakh officials" in first
    assert second.startswith("2020-10-04               Explosions/Remote violence")
    assert "Ganja, AZ" in second and "  3  " in second and "Azerbaijan Defence Ministry" in second


def test_jsonl_has_contract_fields_event_id_and_reports(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report())
    result = CliRunner().invoke(command, ["--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    event = json.loads(line)
    assert set(event) == CONTRACT_KEYS | {
        "event_id", "status", "contested", "corroborated", "created_at", "updated_at", "reports",
    }  # fmt: skip
    assert event["killed"] == {"low": 3, "best": 3, "high": 3}
    assert event["status"] == "reported"
    assert event["evidence"] == [{"start": 0, "end": WIRE_TEXT.index(" Armenia's")}]
    (report,) = event["reports"]
    assert report["external_id"] == "wire-0042"
    assert report["evidence"][0]["text"].endswith("at least 3 civilians, Azerbaijan's defence ministry said.")


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no database at {tmp_path / 'none.db'}; run `frontwatch ingest` first or pass --db\n"
    )


def test_empty_database_says_so(tmp_path: Path) -> None:
    Store.open(tmp_path / "fw.db").close()
    result = CliRunner().invoke(command, ["--db", str(tmp_path / "fw.db")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"no events in {tmp_path / 'fw.db'}; add some with `frontwatch ingest`\n"
