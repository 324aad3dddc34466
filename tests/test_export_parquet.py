"""Parquet export: the CSV's columns with real types, the same values, and clear errors when it
cannot be written (no pyarrow, or a text stream with no file beneath it)."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from store_factories import ganja_report, seed_store, stepanakert_report

from frontwatch.cli.main import cli
from frontwatch.errors import InputError
from frontwatch.export import exporter
from frontwatch.store import Store
from frontwatch.store.queries import list_events


@pytest.fixture
def db(tmp_path: Path) -> Path:
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report())
    return tmp_path / "fw.db"


def test_parquet_has_the_csv_columns_typed_with_the_same_values(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    written = runner.invoke(
        cli, ["export", "--format", "parquet", "--db", str(db), "--output", str(tmp_path / "events.parquet")]
    )
    assert written.exit_code == 0, written.output
    table = pq.read_table(tmp_path / "events.parquet")
    csv_text = runner.invoke(cli, ["export", "--format", "csv", "--db", str(db)]).output
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert table.column_names == list(rows[0])
    types = dict(zip(table.schema.names, table.schema.types, strict=True))
    assert (types["event_date"], types["killed_low"], types["latitude"], types["notes"]) == (
        pa.date32(), pa.int64(), pa.float64(), pa.string(),
    )  # fmt: skip
    for parquet_row, csv_row in zip(table.to_pylist(), rows, strict=True):
        as_text = {key: "" if value is None else str(value) for key, value in parquet_row.items()}
        assert as_text == csv_row
    stepanakert = next(row for row in table.to_pylist() if row["location"] == "Stepanakert")
    assert (stepanakert["event_date"], stepanakert["injured_high"]) == (date(2020, 10, 3), 11)


def test_parquet_needs_a_file_not_a_text_buffer(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        events = list_events(store)
    with pytest.raises(InputError, match="binary format; write it to a file with --output"):
        exporter("parquet")(events, io.StringIO())


def test_missing_pyarrow_says_how_to_install_it(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with Store.open(db, read_only=True) as store:
        events = list_events(store)
    with pytest.raises(InputError, match=r"pip install 'frontwatch\[parquet\]'"):
        exporter("parquet")(events, io.StringIO())
