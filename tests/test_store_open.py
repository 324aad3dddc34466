"""Opening the store: WAL and foreign keys on, migrations recorded, clear errors for bad paths."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from frontwatch.errors import StoreError
from frontwatch.store import Store
from frontwatch.store.schema import SCHEMA_VERSION, schema_version


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
