"""A batch ingest: per-source failures are reported, the batch goes on, re-ingest changes nothing."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from store_factories import killed_sentence_extraction

from frontwatch.errors import ExtractionError
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.document import Document
from frontwatch.model.place import Place
from frontwatch.pipeline import run
from frontwatch.pipeline.events.assemble import Extraction
from frontwatch.pipeline.run import IngestReport, ingest_paths
from frontwatch.store import Store
from frontwatch.store.queries import dump_tables, list_events

TERTER = (
    "TERTER, Azerbaijan, Sept 28 (Wire) - Shelling hit the town of Terter on Monday, killing 2 civilians, "
    "Azerbaijan's prosecutor general said. Armenia denied the claim.\n"
)
FIZULI = (
    "BAKU, Oct 17 (Wire) - Fighting continued near Fizuli on Saturday, Azerbaijan's defence ministry said. "
    "Three soldiers were killed in the clashes, officials in Stepanakert said.\n"
)
NO_EVENT = "Talks on a ceasefire are due to resume in Moscow next week, diplomats said.\n"


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "extract_document", killed_sentence_extraction)


@pytest.fixture
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places([])


def reports_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "wire-terter.txt").write_text(TERTER)
    (folder / "wire-fizuli.txt").write_text(FIZULI)
    (folder / "wire-talks.txt").write_text(NO_EVENT)
    (folder / "empty.txt").write_text("")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    return folder


@pytest.mark.usefixtures("fake_extractor")
def test_good_files_are_stored_and_bad_ones_reported(tmp_path: Path, gazetteer: Gazetteer) -> None:
    folder = reports_folder(tmp_path)
    seen: list[int] = []
    with Store.open(tmp_path / "fw.db") as store:
        paths = [folder, tmp_path / "missing.txt"]
        report = ingest_paths(paths, store, gazetteer, lambda running: seen.append(running.read))
        events = list_events(store)
    # the stand-in extractor tells a shelling of Ganja on Oct 4 in each: the two reports make one event
    assert (report.read, report.new, report.duplicates, report.reports) == (3, 3, 0, 2)
    assert (report.created, report.updated, report.merged) == (1, 1, 0)
    assert sorted((Path(f.source).name, f.message) for f in report.failures) == [
        ("empty.txt", "file is empty"),
        ("missing.txt", "no such file or directory"),
        ("photo.jpg", "file is binary, not text (NUL or control bytes)"),
    ]
    assert len(seen) == 6 and seen[-1] == 3
    assert sorted(r.evidence[0].text for e in events for r in e.reports) == [
        "TERTER, Azerbaijan, Sept 28 (Wire) - Shelling hit the town of Terter on Monday, "
        "killing 2 civilians, Azerbaijan's prosecutor general said.",
        "Three soldiers were killed in the clashes, officials in Stepanakert said.",
    ]


@pytest.mark.usefixtures("fake_extractor")
def test_reingesting_changes_nothing(tmp_path: Path, gazetteer: Gazetteer) -> None:
    folder = reports_folder(tmp_path)
    with Store.open(tmp_path / "fw.db") as store:
        ingest_paths([folder], store, gazetteer)
        before = dump_tables(store)
        again = ingest_paths([folder], store, gazetteer)
        assert dump_tables(store) == before
    assert (again.read, again.new, again.duplicates, again.reports, again.failed) == (3, 0, 3, 0, 2)
    assert again.summary() == (
        "read 3 documents: 0 new, 3 already stored, 2 failed; events: 0 created, 0 updated, 0 merged"
    )


@pytest.mark.usefixtures("fake_extractor")
def test_jsonl_ids_become_external_ids(tmp_path: Path, gazetteer: Gazetteer) -> None:
    lines = [
        {"id": "dev-0007", "text": TERTER, "published": "2020-09-28", "url": None, "title": "Terter shelled"},
        {"id": "dev-0008", "text": FIZULI, "published": "2020-10-17", "url": None, "title": None},
    ]
    reports = tmp_path / "reports.jsonl"
    reports.write_text("".join(json.dumps(line) + "\n" for line in lines) + "{broken\n")
    with Store.open(tmp_path / "fw.db") as store:
        report = ingest_paths([reports], store, gazetteer)
        query = "SELECT external_id, title, published FROM documents ORDER BY external_id"
        rows = store.connection.execute(query).fetchall()
    assert rows == [("dev-0007", "Terter shelled", "2020-09-28"), ("dev-0008", None, "2020-10-17")]
    assert [(f.source, f.message.split(" (")[0]) for f in report.failures] == [
        (f"{reports}:3", "line 3: malformed JSON")
    ]


def test_a_failing_document_is_reported_and_the_batch_goes_on(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuses_fizuli(document: Document, gazetteer: Gazetteer) -> Extraction:
        if "Fizuli" in document.text:
            raise ExtractionError("no sentence boundary found after offset 40")
        return killed_sentence_extraction(document, gazetteer)

    monkeypatch.setattr(run, "extract_document", refuses_fizuli)
    folder = reports_folder(tmp_path)
    with Store.open(tmp_path / "fw.db") as store:
        report = ingest_paths([folder / "wire-fizuli.txt", folder / "wire-terter.txt"], store, gazetteer)
        stored = store.connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert [(Path(f.source).name, f.message) for f in report.failures] == [
        ("wire-fizuli.txt", "no sentence boundary found after offset 40")
    ]
    assert (report.new, report.reports, report.created, stored) == (1, 1, 1, 1)


def test_an_unexpected_crash_is_named_as_a_bug(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashes(document: Document, gazetteer: Gazetteer) -> Extraction:
        raise IndexError("list index out of range")

    monkeypatch.setattr(run, "extract_document", crashes)
    (tmp_path / "wire-terter.txt").write_text(TERTER)
    with Store.open(tmp_path / "fw.db") as store:
        report = ingest_paths([tmp_path / "wire-terter.txt"], store, gazetteer)
    (failure,) = report.failures
    assert failure.message == "unexpected IndexError: list index out of range (please report this bug)"


def test_report_summary_counts() -> None:
    report = IngestReport(read=6, new=4, copies=1, duplicates=1, reports=9, created=5, updated=2, merged=1)
    assert report.summary() == (
        "read 6 documents: 4 new (1 a copy), 1 already stored, 0 failed; "
        "events: 5 created, 2 updated, 1 merged"
    )
    assert IngestReport(new=3, copies=2).summary().startswith("read 0 documents: 3 new (2 copies), ")


@pytest.mark.usefixtures("fake_extractor")
def test_the_stores_own_files_are_not_ingested(tmp_path: Path, gazetteer: Gazetteer) -> None:
    (tmp_path / "wire-terter.txt").write_text(TERTER)
    with Store.open(tmp_path / "frontwatch.db") as store:
        report = ingest_paths([tmp_path], store, gazetteer)
    assert (report.read, report.new, report.failures) == (1, 1, [])


def test_demo_corpus_goes_through_the_real_pipeline_once(tmp_path: Path) -> None:
    demo = Path(str(resources.files("frontwatch").joinpath("data/demo")))
    with Store.open(tmp_path / "fw.db") as store:
        report = ingest_paths([demo], store, Gazetteer.load_default())
        before = dump_tables(store)
        again = ingest_paths([demo], store, Gazetteer.load_default())
        assert dump_tables(store) == before
        events = list_events(store)
    assert report.failures == []
    assert report.new == report.read == again.duplicates > 0
    assert report.created - report.merged == len(events) > 0
    assert report.reports == sum(len(event.reports) for event in events)
    assert all(event.reports and event.reports[0].evidence for event in events)
    barda = [e for e in events if e.place == "Barda" and e.date_earliest == date(2020, 10, 28) and e.killed]
    assert any(len({report.doc_id for report in e.reports}) >= 3 for e in barda)


def test_a_claim_and_the_accused_sides_denial_become_one_contested_event(tmp_path: Path) -> None:
    terter = Place(585170, "Terter", 40.3419, 46.9322, "AZ", "Tartar", "PPLA2", 25000)
    claim = (
        "BAKU, Sept 28 (Wire) - Armenian artillery shelled Terter on Monday, killing two civilians, "
        "Azerbaijan's defence ministry said.\n"
    )
    denial = "YEREVAN, Sept 28 (Wire) - Armenia's defence ministry denied that its forces shelled Terter.\n"
    folder = tmp_path / "reports"
    folder.mkdir()
    lines = [
        {"id": key, "text": text, "published": "2020-09-28"}
        for key, text in (("claim", claim), ("denial", denial))
    ]
    (folder / "wire.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    with Store.open(tmp_path / "fw.db") as store:
        ingest_paths([folder], store, Gazetteer.from_places([(terter, [])]))
        (event,) = list_events(store)
    assert event.status.contested and event.status.label == "contested"
    assert sorted((r.claimed_by, r.stance) for r in event.reports) == [
        ("Armenia Defence Ministry", "denies"), ("Azerbaijan Defence Ministry", "claims"),
    ]  # fmt: skip
    assert event.killed is not None and (event.killed.low, event.killed.high) == (2, 2)
