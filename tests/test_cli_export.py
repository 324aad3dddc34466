"""``frontwatch export``: to a file or standard output, clear errors for unknown formats and databases."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from store_factories import ganja_report, seed_store, stepanakert_report

from frontwatch.cli.export import command
from frontwatch.export.acled_csv import COLUMNS
from frontwatch.store.schema import SCHEMA_VERSION


def test_csv_to_a_file(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report(), stepanakert_report())
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(command, ["--format", "csv", "--db", str(db), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote 2 events to {out}\n"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == list(COLUMNS)
    assert len(lines) == 3


def test_geojson_to_stdout(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report())
    result = CliRunner().invoke(command, ["--format", "geojson", "--db", str(db)])
    assert result.exit_code == 0, result.output
    collection = json.loads(result.stdout)
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[46.3606, 40.6828]]


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report())
    result = CliRunner().invoke(command, ["--format", "shapefile", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown export format 'shapefile'; choose one of: csv, geojson, jsonl, parquet\n"
    )


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report())
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO schema_version VALUES (99, datetime('now'))")
    connection.close()
    result = CliRunner().invoke(command, ["--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {db} has schema version 99, newer than the {SCHEMA_VERSION} this frontwatch"
    )
