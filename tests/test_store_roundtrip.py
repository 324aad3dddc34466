"""Storing candidates and reading them back gives the same contract values, evidence and metadata."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from store_factories import candidates_for, make_candidate, make_document, make_raw

from frontwatch.model.candidate import EventCandidate, candidate_to_contract
from frontwatch.model.mention import Count, DateMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision, Stance
from frontwatch.store import Store
from frontwatch.store.queries import list_events
from frontwatch.store.writes import event_id_for, write_document


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).flatmap(lambda text: st.tuples(st.just(text), st.data())))
def test_stored_candidates_read_back_equal(text_and_data: tuple[str, st.DataObject]) -> None:
    text, data = text_and_data
    document = make_document(make_raw(text))
    candidates = data.draw(st.lists(candidates_for(document), max_size=4))
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "fw.db") as store:
        assert write_document(store, make_raw(text), document, candidates, "test")
        events = list_events(store)
    expected = {event_id_for(document.doc_id, i, c.evidence): c for i, c in enumerate(candidates)}
    assert {event.event_id: event.to_contract() for event in events} == {
        event_id: as_single_source_event(candidate) for event_id, candidate in expected.items()
    }
    for event in events:
        (report,) = event.reports
        assert report.doc_id == document.doc_id
        assert [e.text for e in report.evidence] == [text[e.start : e.end] for e in report.evidence]


def as_single_source_event(candidate: EventCandidate) -> dict[str, object]:
    """The contract of an event told by one report: a toll counts only when the report asserts the event,
    an open maximum ("at least 3") bounds at its minimum, a precision needs a place or a date, and
    weapons are a sorted set."""
    asserts = candidate.stance not in (Stance.DENIES, Stance.DISPUTES)

    def tally(count: Count | None) -> dict[str, int] | None:
        if count is None or not asserts:
            return None
        return {"low": count.minimum, "best": count.minimum, "high": count.maximum or count.minimum}

    return {
        **candidate_to_contract(candidate),
        "killed": tally(candidate.killed),
        "injured": tally(candidate.injured),
        "geo_precision": candidate.geo_precision if candidate.place else None,
        "weapons": sorted(set(candidate.weapons)),
        **({} if candidate.date_earliest else {"date_latest": None, "date_precision": None}),
    }


def test_report_carries_document_metadata_and_per_source_values(tmp_path: Path) -> None:
    raw = make_raw(external_id="wire-0042", url="https://example.org/ganja")
    document = make_document(raw, title="Shells hit Ganja")
    candidate = make_candidate(document, killed=Count(3, 5), injured=Count(12, None))
    with Store.open(tmp_path / "fw.db") as store:
        write_document(store, raw, document, [candidate], "0.1.0")
        (event,) = list_events(store)
    (report,) = event.reports
    assert (report.external_id, report.title, report.url) == ("wire-0042", "Shells hit Ganja", raw.url)
    assert report.published == date(2020, 10, 4)
    assert (report.claimed_by, report.stance, report.partisan) == (
        "Azerbaijan Defence Ministry", "claims", True,
    )  # fmt: skip
    assert (report.killed, report.injured) == (Count(3, 5), Count(12, None))
    assert report.evidence[0].text.startswith("GANJA, Azerbaijan, Oct 4 (Wire) - Artillery shells hit")
    assert event.claimants == ("Azerbaijan Defence Ministry",)


def test_document_records_extractor_version_and_mentions(tmp_path: Path) -> None:
    raw = make_raw()
    document = make_document(raw)
    sunday = DateMention(Span(84, 90), "Sunday", date(2020, 10, 4), date(2020, 10, 4), DatePrecision.DAY)
    with Store.open(tmp_path / "fw.db") as store:
        write_document(store, raw, document, [], "0.1.0", mentions=[sunday])
        version = store.connection.execute("SELECT extractor_version FROM documents").fetchone()[0]
        kind, start, end, text, value = store.connection.execute(
            'SELECT kind, start, "end", text, value FROM mentions'
        ).fetchone()
    assert version == "0.1.0"
    assert (kind, start, end, text) == ("date", 84, 90, "Sunday")
    assert raw.content.decode()[start:end] == text
    assert json.loads(value) == {"earliest": "2020-10-04", "latest": "2020-10-04", "precision": "day"}


def test_event_ids_are_deterministic_and_distinct_per_candidate() -> None:
    doc_id = make_raw().sha256
    first = event_id_for(doc_id, 0, [Span(0, 10)])
    assert first == event_id_for(doc_id, 0, [Span(0, 10)])
    assert len({first, event_id_for(doc_id, 1, [Span(0, 10)]), event_id_for(doc_id, 0, [Span(0, 11)])}) == 3
    assert first.startswith("fw-") and len(first) == 19
