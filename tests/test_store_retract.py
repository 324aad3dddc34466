"""Retracting a document: its reports leave the ledger, events are recomputed as if it had never been
stored, the history says so, and the dataset as it stood before can still be rebuilt."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_factories import typed_candidate_lists
from store_factories import extracted, make_candidate, make_document, make_raw
from test_store_merge import GANJA_STORY, documents_of, ingest, ledgers, merging_story

from frontwatch.cli.main import cli
from frontwatch.errors import InputError
from frontwatch.model.candidate import EventCandidate
from frontwatch.pipeline.merge.events import merge_candidates
from frontwatch.store import Store
from frontwatch.store.queries import event_history, events_as_of, list_events, resolve_event_id, table_counts
from frontwatch.store.writes import retract_document, store_document

DAY = datetime(2020, 10, 12, tzinfo=UTC)


def test_retracting_the_denial_leaves_the_strike_uncontested_and_keeps_its_history(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        for hours, (raw, document, told) in enumerate(GANJA_STORY):
            store_document(store, raw, document, extracted(*told), "test", at=DAY + timedelta(hours=hours))
        (before,) = list_events(store)
        reason = "the ministry's statement was a forgery"
        counts = retract_document(store, "am-mod-1011", reason, DAY + timedelta(days=1))
        (after,) = list_events(store)
        denial = GANJA_STORY[3][1].doc_id
        assert counts.updated == (before.event_id,) and not counts.removed
        assert before.status.contested and not after.status.contested
        assert {r.external_id for r in after.reports} == {"az-mod-1011", "reuters-1011", "amnesty-1019"}
        assert after.killed == before.killed
        (retracted,) = [c for c in event_history(store, after.event_id) if c.kind == "retracted"]
        assert retracted.doc_id == denial
        assert json.loads(retracted.detail or "") == {"reports": [
            {"claimed_by": "Armenia Defence Ministry", "stance": "denies", "killed": None, "injured": None}
        ]}  # fmt: skip
        assert events_as_of(store, DAY + timedelta(hours=12)) == [before]
        assert store.connection.execute(
            "SELECT retraction FROM documents WHERE doc_id = ?", (denial,)
        ).fetchone() == (reason,)
        assert not ingest(store, GANJA_STORY[3])[0].stored
        assert table_counts(store)["retracted_sources"] == 1


def test_retracting_the_only_report_removes_the_event_and_a_toll_goes_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        ingest(store, *GANJA_STORY[:2])
        (event,) = list_events(store)
        retract_document(store, "reuters-1011", "duplicate wire copy", DAY + timedelta(days=1))
        (alone,) = list_events(store)
        assert alone.killed != event.killed
        kinds = [change.kind for change in event_history(store, event.event_id)]
        assert kinds[-2:] == ["retracted", "toll_changed"]
        counts = retract_document(store, "az-mod-1011", "withdrawn by the ministry", DAY + timedelta(days=2))
        assert counts.removed == (event.event_id,) and list_events(store) == []
        assert resolve_event_id(store, event.event_id) is None
        assert event_history(store, event.event_id)[-1].kind == "retracted"
        assert events_as_of(store, DAY + timedelta(days=1, hours=1)) == [alone]
        with pytest.raises(InputError, match="already retracted"):
            retract_document(store, "az-mod-1011", "again")
        with pytest.raises(InputError, match="no stored document has the id or external id 'nope'"):
            retract_document(store, "nope", "unknown")
        with pytest.raises(InputError, match="give the reason"):
            retract_document(store, GANJA_STORY[2][1].doc_id, "  ")


def test_retracting_the_report_that_tied_two_events_splits_them_again(tmp_path: Path) -> None:
    story = merging_story()
    with Store.open(tmp_path / "fw.db") as store:
        ingest(store, *story)
        retract_document(store, "hrw", "the NGO corrected its report")
        told = [candidate for _, _, candidates in story[:-1] for candidate in candidates]
        assert ledgers(store) == {frozenset(r.candidate for r in e.reports) for e in merge_candidates(told)}


@settings(max_examples=30, deadline=None)
@given(typed_candidate_lists, st.integers(0, 5))
def test_a_retracted_document_leaves_the_events_as_if_it_had_never_been_stored(
    generated: list[EventCandidate], retracted: int
) -> None:
    documents = documents_of(generated)
    kept = [c for number, (_, _, told) in enumerate(documents) if number != retracted for c in told]
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "fw.db") as store:
        ingest(store, *documents)
        retract_document(store, f"doc-{retracted}", "withdrawn")
        assert ledgers(store) == {frozenset(r.candidate for r in e.reports) for e in merge_candidates(kept)}
        counts = table_counts(store)
        assert counts["event_sources"] + counts["retracted_sources"] == len(set(generated))


def test_retract_command_says_what_changed_and_refuses_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    raw = make_raw()
    document = make_document(raw)
    with Store.open(db) as store:
        store_document(store, raw, document, extracted(make_candidate(document)), "test")
    runner = CliRunner()
    retract = ["retract", document.doc_id, "--db", str(db)]
    result = runner.invoke(cli, [*retract, "--reason", "retracted by the outlet"])
    assert result.exit_code == 0, result.output
    assert result.output == f"retracted {document.doc_id}: events 1 removed\n"
    result = runner.invoke(cli, [*retract, "--reason", "again"])
    assert result.exit_code == 1 and "was already retracted at" in result.output
    result = runner.invoke(cli, retract)
    assert result.exit_code == 2 and "Missing option '--reason'" in result.output


def test_export_as_of_before_a_retraction_still_holds_the_removed_event(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    with Store.open(db) as store:
        for hours, (raw, document, told) in enumerate(GANJA_STORY[:2]):
            store_document(store, raw, document, extracted(*told), "test", at=DAY + timedelta(hours=hours))
        for external_id in ("az-mod-1011", "reuters-1011"):
            retract_document(store, external_id, "withdrawn", DAY + timedelta(days=1))
    export = ["export", "--db", str(db), "--format", "geojson"]
    before = CliRunner().invoke(cli, [*export, "--as-of", "2020-10-12"])
    now = CliRunner().invoke(cli, export)
    assert before.exit_code == 0 and now.exit_code == 0, before.output + now.output
    assert [f["properties"]["place"] for f in json.loads(before.stdout)["features"]] == ["Ganja"]
    assert json.loads(now.stdout)["features"] == []
