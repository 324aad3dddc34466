"""Opening the store: WAL and foreign keys on, migrations recorded, clear errors for bad paths."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from frontwatch.errors import StoreError
from frontwatch.model.event import Tally
from frontwatch.model.mention import Count
from frontwatch.model.span import Span
from frontwatch.store import Store
from frontwatch.store.ledger import load_events
from frontwatch.store.schema import MIGRATIONS, SCHEMA_VERSION, schema_version


def test_new_store_is_wal_with_foreign_keys_and_current_schema(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        assert store.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert store.connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert schema_version(store.connection) == SCHEMA_VERSION
        with pytest.raises(StoreError, match="FOREIGN KEY constraint failed"), store.transaction() as db:
            db.execute(
                "INSERT INTO documents (doc_id, text, language, extractor_version)"
                " VALUES ('no-such-raw', 'text', 'en', '1')"
            )


def test_directory_that_does_not_exist_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "fw.db"
    with pytest.raises(StoreError) as error:
        Store.open(missing)
    assert str(error.value) == (
        f"cannot create database {missing}: directory {missing.parent} does not exist; create it first"
    )


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shelling reported near Terter overnight; no casualties given.\n" * 200)
    with pytest.raises(StoreError, match=r"notes\.txt is not a SQLite database \(file is not a database\)"):
        Store.open(notes)
    assert notes.read_text().startswith("Shelling reported near Terter")


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "fw.db"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_version VALUES (?, datetime('now'))", (SCHEMA_VERSION + 1,))
    db.close()
    for read_only in (False, True):
        with pytest.raises(StoreError) as error:
            Store.open(path, read_only=read_only)
        assert str(error.value) == (
            f"{path} has schema version {SCHEMA_VERSION + 1}, newer than the {SCHEMA_VERSION} this "
            "frontwatch understands; upgrade frontwatch to open it"
        )


def test_read_only_open_needs_an_existing_database(tmp_path: Path) -> None:
    missing = tmp_path / "fw.db"
    with pytest.raises(StoreError) as error:
        Store.open(missing, read_only=True)
    assert str(error.value) == f"no database at {missing}; run `frontwatch ingest` first or pass --db"
    assert not missing.exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    Store.open(tmp_path / "fw.db").close()
    store = Store.open(tmp_path / "fw.db", read_only=True)
    with store, pytest.raises(StoreError, match="readonly"), store.transaction() as db:
        db.execute("DELETE FROM events")


def test_a_version_1_store_keeps_its_events_as_ledgers_after_migrating(tmp_path: Path) -> None:
    path = tmp_path / "fw.db"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
            f"{MIGRATIONS[0]} INSERT INTO schema_version VALUES (1, datetime('now'));"
        )
        db.execute("INSERT INTO raw_documents VALUES ('d1', x'00', 'text/plain', 'w.txt', NULL, NULL, 'now')")
        db.execute(
            "INSERT INTO documents VALUES ('d1', 'Shells hit Ganja.', NULL, '2020-10-04', 'en', NULL, NULL,"
            " '0.1')"
        )
        db.execute(
            "INSERT INTO events VALUES ('fw-1', 'Explosions/Remote violence',"
            " 'Shelling/artillery/missile attack', '2020-10-04', '2020-10-04', 'day', 'Ganja', 'AZ', 'Ganja',"
            " 40.6828, 46.3606, 587084, 1, 'Military Forces of Armenia', NULL, 3, NULL, NULL, NULL, 1,"
            " '[\"artillery\"]', 0.8, 'now')"
        )
        db.execute(
            "INSERT INTO event_sources VALUES ('d1', 0, 'fw-1', 'Azerbaijan Defence Ministry', 'claims', 1,"
            ' \'{"min": 3, "max": null}\', NULL, \'[{"start": 0, "end": 17, "text": "x"}]\', 0.8)'
        )
    db.close()
    with Store.open(path) as store:
        assert schema_version(store.connection) == SCHEMA_VERSION
        (known,) = load_events(store.connection, ["fw-1"]).values()
    (report,) = known.event.reports
    told = report.candidate
    assert told.place is not None and (told.place.geonames_id, told.place.name) == (587084, "Ganja")
    assert (told.date_earliest, told.geo_precision, told.actor1) == (
        date(2020, 10, 4),
        1,
        "Military Forces of Armenia",
    )
    assert (told.killed, told.weapons, told.evidence) == (Count(3, None), ("artillery",), (Span(0, 17),))
    assert known.event.killed == Tally(3, 3, 3)
