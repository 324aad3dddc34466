"""Writes are idempotent per document and atomic: a failing document leaves the store as it was."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from store_factories import STEPANAKERT_TEXT, extracted, make_candidate, make_document, make_raw

from frontwatch.errors import StoreError
from frontwatch.model.document import Update
from frontwatch.model.span import Span
from frontwatch.pipeline.merge.dedup import band_keys, signature
from frontwatch.store import Store
from frontwatch.store.queries import dump_tables, table_counts
from frontwatch.store.writes import store_document


def test_writing_the_same_document_twice_changes_nothing(tmp_path: Path) -> None:
    raw = make_raw()
    document = make_document(raw)
    with Store.open(tmp_path / "fw.db") as store:
        assert store_document(store, raw, document, extracted(make_candidate(document)), "0.1.0").stored
        before = dump_tables(store)
        assert not store_document(store, raw, document, extracted(make_candidate(document)), "0.1.0").stored
        assert dump_tables(store) == before
        assert table_counts(store) == {
            "raw_documents": 1, "documents": 1, "updates": 0, "mentions": 0, "events": 1, "event_sources": 1,
            "event_history": 1, "event_aliases": 0, "document_signatures": 1,
            "document_bands": len(band_keys(signature(document.text))), "event_versions": 1,
            "retracted_sources": 0,
        }  # fmt: skip


def test_failure_mid_document_rolls_back_that_document_only(tmp_path: Path) -> None:
    good_raw = make_raw()
    good = make_document(good_raw)
    bad_raw = make_raw(STEPANAKERT_TEXT, source="wire-stepanakert.txt")
    bad = make_document(bad_raw)
    broken = make_candidate(bad, claimed_by=None)  # NOT NULL column: fails after earlier rows are written
    with Store.open(tmp_path / "fw.db") as store:
        store_document(store, good_raw, good, extracted(make_candidate(good)), "0.1.0")
        before = dump_tables(store)
        with pytest.raises(StoreError, match=r"write to .*fw\.db failed and was rolled back: NOT NULL"):
            store_document(store, bad_raw, bad, extracted(make_candidate(bad), broken), "0.1.0")
        assert dump_tables(store) == before
        assert store_document(store, bad_raw, bad, extracted(make_candidate(bad)), "0.1.0").stored
        assert table_counts(store)["documents"] == 2


def test_updates_of_a_live_blog_are_stored_in_order(tmp_path: Path) -> None:
    raw = make_raw(STEPANAKERT_TEXT)
    document = make_document(raw)
    updates = (Update(Span(0, 60), None, "08:10"), Update(Span(60, len(STEPANAKERT_TEXT)), None, "09:45"))
    with Store.open(tmp_path / "fw.db") as store:
        store_document(store, raw, replace(document, updates=updates), extracted(), "0.1.0")
        query = 'SELECT idx, start, "end", heading FROM updates ORDER BY idx'
        rows = store.connection.execute(query).fetchall()
    assert rows == [(0, 0, 60, "08:10"), (1, 60, len(STEPANAKERT_TEXT), "09:45")]


def test_store_survives_reopening(tmp_path: Path) -> None:
    raw = make_raw()
    document = make_document(raw)
    with Store.open(tmp_path / "fw.db") as store:
        store_document(store, raw, document, extracted(make_candidate(document)), "0.1.0")
        before = dump_tables(store)
    with Store.open(tmp_path / "fw.db") as store:
        assert dump_tables(store) == before
    with Store.open(tmp_path / "fw.db", read_only=True) as store:
        assert dump_tables(store) == before
