"""Extracting stored documents again with newer rules: events are revised in place (same ids), events a
document no longer reports are removed and say so in the feeds, the history keeps the old dataset, and
the same rules change nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from merge_factories import typed_candidate_lists
from store_factories import STEPANAKERT

from frontwatch.cli.main import cli
from frontwatch.errors import InputError
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.candidate import EventCandidate
from frontwatch.model.place import Place
from frontwatch.model.raw import RawDocument
from frontwatch.model.span import Span
from frontwatch.pipeline.events.assemble import Extraction, extract_document
from frontwatch.pipeline.merge.events import merge_candidates, revise, withdraw
from frontwatch.pipeline.normalize import normalize
from frontwatch.pipeline.run import EXTRACTOR_VERSION, ingest_paths, reextract_stored
from frontwatch.store import Store
from frontwatch.store.queries import event_history, events_as_of, gone_events, list_events, removed_events
from frontwatch.store.writes import retract_document, store_document

DAY = datetime(2020, 10, 5, tzinfo=UTC)
WIRE = (
    "GANJA, Azerbaijan - Artillery shells hit apartment blocks in Ganja on Sunday, killing three civilians, "
    "Azerbaijan's defence ministry said. Officials in Baku said talks on a ceasefire would resume in Moscow."
)
KOSTIANTYNIVKA = Place(704508, "Kostiantynivka", 48.5277, 37.7069, "UA", "Donetsk", "PPL", 67200)
DEMO = Path(__file__).parents[1] / "frontwatch" / "data" / "demo"


def wire_raw() -> RawDocument:
    return RawDocument(
        WIRE.encode(),
        "text/plain",
        "wire-ganja.txt",
        DAY,
        external_id="wire-ganja",
        published=date(2020, 10, 4),
    )


def store_with_old_rules(store: Store, gazetteer: Gazetteer, phantom: bool = False) -> None:
    """The wire stored as an older extractor saw it: the strike placed in Stepanakert (a geoparser
    error), and with ``phantom`` a second event it read into the sentence about talks (in Ukraine, a
    month earlier), which the current rules do not find."""
    raw = wire_raw()
    document = normalize(raw)
    current = extract_document(document, gazetteer)
    (strike,) = current.events
    stale = [replace(strike, place=STEPANAKERT)]
    if phantom:
        talks = Span(WIRE.index("Officials in Baku"), len(WIRE))
        day = date(2020, 9, 1)
        stale.append(
            replace(strike, place=KOSTIANTYNIVKA, date_earliest=day, date_latest=day, evidence=(talks,))
        )
    store_document(store, raw, document, Extraction(current.mentions, stale), "0.0.1", at=DAY)


def test_extracting_again_moves_an_event_to_its_corrected_place_and_keeps_its_id(
    tmp_path: Path, default_gazetteer: Gazetteer
) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        store_with_old_rules(store, default_gazetteer)
        (before,) = list_events(store)
        report = reextract_stored(store, default_gazetteer)
        (after,) = list_events(store)
        assert (report.documents, report.revised, report.updated, report.created) == (1, 1, 1, 0)
        assert (before.place, after.place) == ("Stepanakert", "Ganja")
        assert after.event_id == before.event_id and after.killed == before.killed
        (revised,) = [c for c in event_history(store, after.event_id) if c.kind == "revised"]
        detail = json.loads(revised.detail or "")
        assert revised.doc_id == wire_raw().sha256
        assert detail["reports"] == detail["replaced"]  # same claimant and figures, another place
        assert [e.place for e in events_as_of(store, DAY + timedelta(hours=1))] == ["Stepanakert"]
        assert store.connection.execute("SELECT extractor_version FROM documents").fetchone() == (
            EXTRACTOR_VERSION,
        )
        history = len(event_history(store, after.event_id))
        again = reextract_stored(store, default_gazetteer)
        assert (again.documents, again.revised) == (1, 0)
        assert len(event_history(store, after.event_id)) == history and list_events(store) == [after]


def test_an_event_the_document_no_longer_reports_is_removed_and_the_feeds_say_why(
    tmp_path: Path, default_gazetteer: Gazetteer
) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        store_with_old_rules(store, default_gazetteer, phantom=True)
        phantom = next(e for e in list_events(store) if e.place == "Kostiantynivka")
        report = reextract_stored(store, default_gazetteer)
        assert (report.removed, report.updated) == (1, 1)
        assert [e.place for e in list_events(store)] == ["Ganja"]
        assert [e.event_id for e in removed_events(store, 0)] == [phantom.event_id]
        (gone,) = gone_events(store, 10)
        assert gone.event.event_id == phantom.event_id
        assert gone.comment == "removed: its document, extracted again by newer rules, no longer reports it"
        (last,) = event_history(store, phantom.event_id)[-1:]
        assert (last.kind, json.loads(last.detail or "")["reports"]) == ("revised", [])


def test_extracting_the_demo_corpus_again_with_the_same_rules_changes_nothing(
    tmp_path: Path, default_gazetteer: Gazetteer
) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        ingested = ingest_paths([DEMO], store, default_gazetteer)
        events = list_events(store)
        (history,) = store.connection.execute("SELECT count(*) FROM event_history").fetchone()
        report = reextract_stored(store, default_gazetteer)
        assert (report.documents, report.revised, report.failures) == (ingested.new, 0, [])
        assert list_events(store) == events
        assert store.connection.execute("SELECT count(*) FROM event_history").fetchone() == (history,)


def test_a_reference_to_no_document_or_a_retracted_one_is_refused_before_anything_is_written(
    tmp_path: Path, default_gazetteer: Gazetteer
) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        store_with_old_rules(store, default_gazetteer)
        with pytest.raises(InputError, match="no stored document has the id or external id 'nope'"):
            reextract_stored(store, default_gazetteer, ["wire-ganja", "nope"])
        assert [e.place for e in list_events(store)] == ["Stepanakert"]
        retract_document(store, "wire-ganja", "the wire withdrew the story")
        with pytest.raises(InputError, match="already retracted"):
            reextract_stored(store, default_gazetteer, ["wire-ganja"])
        assert reextract_stored(store, default_gazetteer).documents == 0


def test_the_command_names_what_changed(tmp_path: Path, default_gazetteer: Gazetteer) -> None:
    db = tmp_path / "fw.db"
    with Store.open(db) as store:
        store_with_old_rules(store, default_gazetteer, phantom=True)
    result = CliRunner().invoke(cli, ["reextract", "wire-ganja", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "extracted 1 document again: 1 changed events, 0 failed; "
        "events: 0 created, 1 updated, 0 merged, 1 removed"
    )
    unknown = CliRunner().invoke(cli, ["reextract", "nope", "--db", str(db)])
    assert unknown.exit_code == 1 and "no stored document" in unknown.output


@settings(max_examples=100, deadline=None)
@given(typed_candidate_lists)
def test_revising_a_document_with_its_own_reports_changes_nothing(generated: list[EventCandidate]) -> None:
    assume(generated)
    events = merge_candidates(generated)
    doc_id = generated[0].doc_id
    result = revise(events, doc_id, [c for c in generated if c.doc_id == doc_id])
    assert sorted(result.events, key=lambda e: e.event_id) == sorted(events, key=lambda e: e.event_id)
    assert result.changes == ()


@settings(max_examples=100, deadline=None)
@given(typed_candidate_lists)
def test_revising_a_document_to_nothing_is_withdrawing_it(generated: list[EventCandidate]) -> None:
    assume(generated)
    events = merge_candidates(generated)
    doc_id = generated[-1].doc_id
    revised, withdrawn = revise(events, doc_id, []), withdraw(events, doc_id)
    assert revised.events == withdrawn.events
    assert [(c.event_id, c.kind) for c in revised.changes] == [
        (c.event_id, "revised" if c.kind == "retracted" else c.kind) for c in withdrawn.changes
    ]
