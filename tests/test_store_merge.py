"""Ingesting reports into the store merges them into events, with a ledger, history and successor ids."""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_factories import (
    AM_MOD_DENIAL,
    AMNESTY_FINDING,
    AZ_CIVILIANS,
    AZ_FORCES,
    AZ_MOD_CLAIM,
    GANJA,
    GANJA_DAY,
    GANJA_OUTSKIRTS,
    REUTERS_REPORT,
    SHELLING,
    SHUSHA,
    STEPANAKERT,
    SYNDICATED,
    WIRE,
    candidate,
    typed_candidate_lists,
    typed_candidates,
)
from store_factories import ReportParts, extracted, make_document, make_raw

from frontwatch.cli.events import command as events_command
from frontwatch.errors import StoreError
from frontwatch.model.candidate import EventCandidate
from frontwatch.model.mention import Count
from frontwatch.model.span import Span
from frontwatch.model.vocab import GeoPrecision, Stance
from frontwatch.pipeline.merge.coreference import same_event
from frontwatch.pipeline.merge.events import merge_candidates
from frontwatch.store import Store
from frontwatch.store.ledger import SELECT_SOURCES, candidate_from_row, load_events, neighbours
from frontwatch.store.queries import (
    dump_tables,
    event_history,
    events_as_of,
    list_events,
    resolve_event_id,
    table_counts,
    versions_since,
)
from frontwatch.store.writes import StoredOutcome, store_document

AZ_MOD_TEXT = (
    "The Ministry of Defence of Azerbaijan reports that on October 11 the armed forces of Armenia fired a "
    "ballistic missile at a residential block in Ganja, killing 10 civilians and wounding 34."
)
AM_MOD_TEXT = (
    "The Armenian Defence Ministry rejects as false the claim that its forces fired on Ganja on Sunday."
)
REUTERS_TEXT = (
    "GANJA, Azerbaijan, Oct 11 (Reuters) - A missile destroyed homes in Ganja before dawn on Sunday. "
    "At least nine people were killed and more than 30 injured, a Reuters witness and local doctors said."
)
AMNESTY_TEXT = (
    "Amnesty International has verified footage and debris showing that a ballistic missile fired from "
    "Armenian-held territory struck a residential area of Ganja on 11 October 2020."
)


def report(text: str, told: EventCandidate, external_id: str, url: str | None = None) -> ReportParts:
    """A document of ``text`` whose one candidate is ``told``, evidenced by the whole text."""
    raw = make_raw(text, source=f"{external_id}.txt", external_id=external_id, url=url)
    document = make_document(raw, title=None)
    return raw, document, [replace(told, doc_id=document.doc_id, evidence=(Span(0, len(text)),))]


def ingest(store: Store, *reports: ReportParts) -> list[StoredOutcome]:
    return [
        store_document(store, raw, document, extracted(*candidates), "test")
        for raw, document, candidates in reports
    ]


GANJA_STORY = (
    report(AZ_MOD_TEXT, AZ_MOD_CLAIM, "az-mod-1011"),
    report(REUTERS_TEXT, REUTERS_REPORT, "reuters-1011"),
    report(AMNESTY_TEXT, AMNESTY_FINDING, "amnesty-1019"),
    report(AM_MOD_TEXT, AM_MOD_DENIAL, "am-mod-1011"),
)


def test_reports_of_one_strike_become_one_contested_event_with_a_ledger(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    with Store.open(db) as store:
        outcomes = ingest(store, *GANJA_STORY)
    assert [(len(o.created), len(o.updated), len(o.merged)) for o in outcomes] == [
        (1, 0, 0),
        (0, 1, 0),
        (0, 1, 0),
        (0, 1, 0),
    ]
    result = CliRunner().invoke(events_command, ["--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    event = json.loads(line)
    assert event["event_id"] == outcomes[0].created[0]
    assert (event["place"], event["date_earliest"], event["status"]) == ("Ganja", "2020-10-11", "contested")
    assert event["corroborated"] is True
    assert event["killed"] == {"low": 9, "best": 9, "high": 10}
    assert event["injured"] == {"low": 30, "best": 30, "high": 34}
    reports = {r["external_id"]: r for r in event["reports"]}
    assert set(reports) == {"az-mod-1011", "reuters-1011", "amnesty-1019", "am-mod-1011"}
    assert (reports["az-mod-1011"]["killed"], reports["reuters-1011"]["killed"]) == (
        {"min": 10, "max": 10}, {"min": 9, "max": None},
    )  # fmt: skip
    assert reports["am-mod-1011"]["stance"] == "denies" and reports["am-mod-1011"]["killed"] is None
    assert reports["reuters-1011"]["evidence"] == [
        {"start": 0, "end": len(REUTERS_TEXT), "text": REUTERS_TEXT}
    ]


def test_history_records_each_source_and_each_toll_change_with_its_document(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        outcomes = ingest(store, *GANJA_STORY[:2])
        history = event_history(store, outcomes[0].created[0])
    az_doc, reuters_doc = (parts[1].doc_id for parts in GANJA_STORY[:2])
    assert [(change.kind, change.doc_id) for change in history] == [
        ("created", az_doc),
        ("source_added", reuters_doc),
        ("toll_changed", reuters_doc),
    ]
    assert json.loads(history[1].detail or "") == {"reports": [{
        "claimed_by": "Reuters", "stance": "reports", "killed": {"min": 9, "max": None},
        "injured": {"min": 30, "max": None},
    }]}  # fmt: skip
    assert json.loads(history[2].detail or "") == {
        "killed": {"old": {"low": 10, "best": 10, "high": 10}, "new": {"low": 9, "best": 9, "high": 10}},
        "injured": {"old": {"low": 34, "best": 34, "high": 34}, "new": {"low": 30, "best": 30, "high": 34}},
    }


def test_strikes_on_stepanakert_and_shusha_the_same_day_stay_two_events(tmp_path: Path) -> None:
    day = date(2020, 10, 8)
    stepanakert = candidate("x", "Artsakh officials", Stance.CLAIMS, STEPANAKERT, day, killed=Count(1, 1))
    shusha = candidate("x", "Artsakh officials", Stance.CLAIMS, SHUSHA, day, injured=Count(2, 2))
    wire = candidate("x", "Reuters", Stance.REPORTS, SHUSHA, day)
    with Store.open(tmp_path / "fw.db") as store:
        ingest(
            store,
            report(
                "Officials in Stepanakert said one man died when shells hit the city on Thursday.",
                stepanakert,
                "artsakh-stepanakert",
            ),
            report(
                "The cathedral in Shusha was shelled twice on Thursday and two journalists were hurt.",
                shusha,
                "artsakh-shusha",
            ),
            report(
                "SHUSHA, Oct 8 (Wire) - Shells struck the Ghazanchetsots cathedral in the town of Shusha.",
                wire,
                "wire-shusha",
            ),
        )
        events = list_events(store)
    assert sorted((e.place, sorted(r.external_id or "" for r in e.reports)) for e in events) == [
        ("Khankendi", ["artsakh-stepanakert"]), ("Shusha", ["artsakh-shusha", "wire-shusha"]),
    ]  # fmt: skip


def test_a_strike_told_as_an_attack_or_as_fighting_joins_the_stored_strike(tmp_path: Path) -> None:
    attack = replace(
        candidate("x", "Associated Press", Stance.REPORTS, GANJA, GANJA_DAY, actor2=AZ_CIVILIANS),
        event_type="Violence against civilians", sub_event_type="Attack",
    )  # fmt: skip
    fighting = replace(AZ_MOD_CLAIM, event_type="Battles", sub_event_type="Armed clash", actor2=AZ_FORCES)
    for name, told in (("attack", attack), ("fighting", fighting)):
        with Store.open(tmp_path / f"{name}.db") as store:
            (stored,) = ingest(store, report(REUTERS_TEXT, REUTERS_REPORT, "reuters-1011"))
            text = f"Ganja: the {name} of Sunday, as told by {told.claimed_by}."
            (joined,) = ingest(store, report(text, told, name))
            (event,) = list_events(store)
        assert joined.updated == stored.created and not joined.created
        assert sorted(r.external_id or "" for r in event.reports) == sorted([name, "reuters-1011"])
        assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", SHELLING)


def merging_story() -> list[ReportParts]:
    """Two reports spanning Oct 10–11 are grouped with a report near Ganja on the 10th; a three-day report
    (Oct 11–13) stands apart; then a report of the 11th alone ties the two-day and three-day reports
    together: the three-day report's event is merged into the larger one, the outskirts report splits off."""
    near = candidate(
        "x",
        "Azerbaijani officials",
        Stance.CLAIMS,
        GANJA_OUTSKIRTS,
        date(2020, 10, 10),
        geo_precision=GeoPrecision.NEAR_TOWN,
    )
    two_days = [
        candidate("x", source, Stance.REPORTS, GANJA, date(2020, 10, 10), days=2)
        for source in ("Reuters", "AFP")
    ]
    three_days = candidate("x", "Associated Press", Stance.REPORTS, GANJA, date(2020, 10, 11), days=3)
    precise = candidate("x", "Human Rights Watch", Stance.CONFIRMS, GANJA, date(2020, 10, 11))
    return [
        report("A shell landed near Hajikend, outside Ganja, on Saturday.", near, "az"),
        report("Shelling hit Ganja over the weekend, Reuters reported.", two_days[0], "r"),
        report("Ganja came under fire on Saturday and Sunday, AFP said.", two_days[1], "afp"),
        report("Ganja was shelled from Sunday to Tuesday.", three_days, "ap"),
        report("HRW confirmed the Sunday strike on Ganja.", precise, "hrw"),
    ]


def test_a_precise_report_merges_two_events_into_one_successor(tmp_path: Path) -> None:
    near_report, *grouped, three_days, hrw = merging_story()
    with Store.open(tmp_path / "fw.db") as store:
        first, *_ = ingest(store, near_report, *grouped)
        (apart,) = ingest(store, three_days)[0].created
        (merging,) = ingest(store, hrw)
        events = list_events(store)
        survivor = first.created[0]
        assert merging.merged == (apart,) and merging.updated == (survivor,)
        assert resolve_event_id(store, apart) == survivor
        created, merged = event_history(store, apart)
        assert (created.kind, merged.kind, merged.successor, merged.doc_id) == (
            "created", "merged", survivor, hrw[1].doc_id,
        )  # fmt: skip
        (split_off,) = merging.created
        (split,) = event_history(store, split_off)
        assert (split.kind, split.doc_id, json.loads(split.detail or "")) == (
            "split", hrw[1].doc_id, {"from": [survivor]},
        )  # fmt: skip
        caused = [change for change in event_history(store, survivor) if change.doc_id == hrw[1].doc_id]
        assert [change.kind for change in caused] == ["source_added", "split"]
        (left,) = json.loads(caused[1].detail or "")["left"]
        assert (left["doc_id"], left["claimed_by"]) == (near_report[1].doc_id, "Azerbaijani officials")
    assert sorted(sorted(r.external_id or "" for r in e.reports) for e in events) == [
        ["afp", "ap", "hrw", "r"], ["az"],
    ]  # fmt: skip


def test_a_syndicated_copy_is_linked_to_its_original_and_adds_no_evidence(tmp_path: Path) -> None:
    with Store.open(tmp_path / "fw.db") as store:
        (original,) = ingest(store, report(WIRE, REUTERS_REPORT, "reuters-1011"))
        (copy,) = ingest(store, report(SYNDICATED, replace(REUTERS_REPORT, killed=Count(10, None)), "copy"))
        (event,) = list_events(store)
        links = store.connection.execute(
            "SELECT external_id, duplicate_of FROM documents ORDER BY rowid"
        ).fetchall()
    assert copy.stored and copy.duplicate_of == original.doc_id and copy.reports == 0 and not copy.updated
    assert links == [("reuters-1011", None), ("copy", original.doc_id)]
    assert [r.external_id for r in event.reports] == ["reuters-1011"] and event.killed is not None
    assert event.killed.best == 9


def test_the_same_text_or_canonical_url_is_an_exact_copy(tmp_path: Path) -> None:
    url = "https://www.example.org/world/ganja-strike/?utm_source=feed#top"
    with Store.open(tmp_path / "fw.db") as store:
        (original,) = ingest(store, report(REUTERS_TEXT, REUTERS_REPORT, "reuters-1011", url=url))
        same_url = report(
            AZ_MOD_TEXT, AZ_MOD_CLAIM, "updated-page", url="http://example.org/world/ganja-strike"
        )
        raw, document, candidates = report(REUTERS_TEXT, REUTERS_REPORT, "html-copy")
        html = replace(raw, content=b"<p>" + raw.content + b"</p>", media_type="text/html")
        html_copy = (
            html,
            replace(document, doc_id=html.sha256),
            [replace(candidates[0], doc_id=html.sha256)],
        )
        outcomes = ingest(store, same_url, html_copy)
        assert len(list_events(store)) == 1
    assert [outcome.duplicate_of for outcome in outcomes] == [original.doc_id, original.doc_id]


DISPATCHES = (
    "Shells fell on the northern districts overnight and rescuers worked until dawn to clear the roads, "
    "according to the regional emergency service, which said that power lines had been cut in two places.",
    "A drone was seen circling above the market before an explosion shattered the windows of a school, "
    "witnesses told our correspondent, adding that the teachers had moved the pupils into the basement.",
    "The defence ministry published a video it said showed artillery positions being destroyed in the "
    "hills, while the opposing side released its own footage of burning vehicles on a mountain road.",
    "Doctors at the city hospital treated dozens of people for shrapnel wounds and asked residents to "
    "donate blood, as ambulances from neighbouring towns arrived to take the most serious cases away.",
    "Humanitarian workers said families were sleeping in cellars and that the water supply had failed, "
    "and an aid convoy carrying food and medicine was turned back at a checkpoint on the southern road.",
    "Officials reported fresh clashes along the front line during the afternoon and said that several "
    "villages had been evacuated, while journalists were barred from entering the area for their safety.",
)


def documents_of(generated: list[EventCandidate]) -> list[ReportParts]:
    """One document per "doc-N" in ``generated`` (each with its own text), holding that doc's candidates."""
    documents = []
    for number, text in enumerate(DISPATCHES):
        raw = make_raw(text, source=f"doc-{number}.txt", external_id=f"doc-{number}")
        document = make_document(raw, title=None)
        told = [replace(c, doc_id=document.doc_id) for c in generated if c.doc_id == f"doc-{number}"]
        documents.append((raw, document, told))
    return documents


def ledgers(store: Store) -> set[frozenset[EventCandidate]]:
    """Each stored event's reports, as the candidates its ledger rows rebuild."""
    ids = [row[0] for row in store.connection.execute("SELECT event_id FROM events")]
    return {
        frozenset(r.candidate for r in known.event.reports)
        for known in load_events(store.connection, ids).values()
    }


@settings(max_examples=40, deadline=None)
@given(typed_candidate_lists, st.randoms(use_true_random=False))
def test_any_ingest_order_gives_the_batch_events_and_loses_no_report(
    generated: list[EventCandidate], rng: random.Random
) -> None:
    documents = documents_of(generated)
    shuffled = list(documents)
    rng.shuffle(shuffled)
    told = {candidate for _, _, candidates in documents for candidate in candidates}
    expected = {frozenset(r.candidate for r in event.reports) for event in merge_candidates(told)}
    with tempfile.TemporaryDirectory() as folder:
        for name, order in (("given.db", documents), ("shuffled.db", shuffled)):
            with Store.open(Path(folder) / name) as store:
                ingest(store, *order)
                assert ledgers(store) == expected
                assert table_counts(store)["event_sources"] == len(told)
                ever = [
                    row[0] for row in store.connection.execute("SELECT DISTINCT event_id FROM event_history")
                ]
                assert all(resolve_event_id(store, event_id) is not None for event_id in ever)
                before = dump_tables(store)
                assert not any(outcome.stored for outcome in ingest(store, *order))
                assert dump_tables(store) == before


@settings(max_examples=30, deadline=None)
@given(typed_candidate_lists, typed_candidates)
def test_the_indexed_neighbour_lookup_finds_every_stored_report_of_the_same_event(
    generated: list[EventCandidate], probe: EventCandidate
) -> None:
    """Towns, their regions and "near" places within 5 km: the lookup misses none that ``same_event``
    matches (a region report finds the towns of its country and admin1, and the other way round)."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "fw.db") as store:
        ingest(store, *documents_of(generated))
        rows = store.connection.execute(SELECT_SOURCES)
        stored = [(row[0], candidate_from_row(row[2:])) for row in rows]
        expected = sorted((event_id, repr(c)) for event_id, c in stored if same_event(probe, c))
        found = sorted((event_id, repr(c)) for event_id, c in neighbours(store.connection, probe))
    assert found == expected


def test_events_as_of_rebuild_the_dataset_as_it_stood_after_each_document(tmp_path: Path) -> None:
    """Created, given a new source and toll, then denied: each moment's dataset is rebuilt exactly, and a
    date means the end of that day."""
    moments = [datetime(2020, 10, 11, hour, tzinfo=UTC) for hour in (6, 9, 14, 20)]
    db = tmp_path / "fw.db"
    with Store.open(db) as store:
        stood = []
        for parts, moment in zip(GANJA_STORY, moments, strict=True):
            store_document(store, *parts[:2], extracted(*parts[2]), "test", at=moment)
            stood.append(list_events(store))
        assert events_as_of(store, moments[0] - timedelta(seconds=1)) == []
        for moment, expected in zip(moments, stood, strict=True):
            assert events_as_of(store, moment + timedelta(minutes=30)) == expected
        assert stood[0][0].killed != stood[-1][0].killed
    as_of = ["--db", str(db), "--format", "jsonl", "--as-of", "2020-10-11"]
    result = CliRunner().invoke(events_command, as_of)
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == [e.to_json() for e in stood[-1]]
    result = CliRunner().invoke(events_command, ["--db", str(db), "--as-of", "11/10/2020"])
    assert result.exit_code == 2 and "is not an ISO date (2020-11-06)" in result.output


def test_events_as_of_follow_merges_and_splits(tmp_path: Path) -> None:
    """Before the HRW report the three-day report's event stands apart; after it, it is merged away and
    the outskirts report stands alone."""
    day = datetime(2020, 10, 14, tzinfo=UTC)
    with Store.open(tmp_path / "fw.db") as store:
        stood = []
        for hours, (raw, document, told) in enumerate(merging_story()):
            store_document(store, raw, document, extracted(*told), "test", at=day + timedelta(hours=hours))
            stood.append(list_events(store))
        assert [len(events) for events in stood] == [1, 1, 1, 2, 2]
        for hours, expected in enumerate(stood):
            assert events_as_of(store, day + timedelta(hours=hours, minutes=1)) == expected


@settings(max_examples=25, deadline=None)
@given(typed_candidate_lists)
def test_any_moment_of_any_ingest_is_rebuilt_exactly(generated: list[EventCandidate]) -> None:
    start = datetime(2020, 10, 20, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "fw.db") as store:
        stood = []
        for minutes, (raw, document, candidates) in enumerate(documents_of(generated)):
            at = start + timedelta(minutes=minutes)
            store_document(store, raw, document, extracted(*candidates), "test", at=at)
            stood.append(list_events(store))
        for minutes, expected in enumerate(stood):
            assert events_as_of(store, start + timedelta(minutes=minutes, seconds=30)) == expected


def test_a_store_upgraded_to_keep_versions_rebuilds_only_from_its_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    updated = datetime(2020, 10, 12, 8, tzinfo=UTC)
    with Store.open(db) as store:
        for hours, parts in enumerate(GANJA_STORY[:2]):
            at = updated - timedelta(hours=1 - hours)
            store_document(store, *parts[:2], extracted(*parts[2]), "test", at=at)
        assert versions_since(store) is None
        store.connection.executescript(  # back to schema version 5, with the events it stored
            "DROP TABLE event_versions; DROP TABLE retracted_sources; DROP INDEX event_history_gone;"
            "DELETE FROM schema_version WHERE version >= 6;"
            "ALTER TABLE documents DROP COLUMN retracted_at; ALTER TABLE documents DROP COLUMN retraction;"
        )
    with Store.open(db) as store:
        assert versions_since(store) == updated
        assert events_as_of(store, updated) == list_events(store)
        with pytest.raises(StoreError, match=r"complete event versions since 2020-10-12T08:00:00\+00:00"):
            events_as_of(store, updated - timedelta(minutes=1))
