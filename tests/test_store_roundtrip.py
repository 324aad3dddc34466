"""Storing candidates and reading them back gives the same contract values, evidence and metadata."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from store_factories import candidates_for, extracted, make_candidate, make_document, make_raw

from frontwatch.model.candidate import EventCandidate, candidate_to_contract, public_geonames_id
from frontwatch.model.event import Event
from frontwatch.model.mention import Count, DateMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision
from frontwatch.pipeline.merge.events import merge_candidates
from frontwatch.store import Store
from frontwatch.store.ledger import load_events
from frontwatch.store.queries import list_events
from frontwatch.store.writes import store_document


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).flatmap(lambda text: st.tuples(st.just(text), st.data())))
def test_the_ledger_gives_back_every_candidate_whole(text_and_data: tuple[str, st.DataObject]) -> None:
    text, data = text_and_data
    document = make_document(make_raw(text))
    candidates = data.draw(st.lists(candidates_for(document), max_size=4))
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "fw.db") as store:
        assert store_document(store, make_raw(text), document, extracted(*candidates), "test").stored
        events = list_events(store)
        ledgered = load_events(store.connection, [event.event_id for event in events])
    # Compared as values, not reprs: SQLite gives back -0.0 as 0.0, which is the same coordinate.
    assert Counter(r.candidate for known in ledgered.values() for r in known.event.reports) == Counter(
        set(candidates)
    )
    merged = {event.event_id: event for event in merge_candidates(candidates)}
    assert {event.event_id: event.to_contract() for event in events} == {
        event_id: contract_of(event, list(dict.fromkeys(candidates))) for event_id, event in merged.items()
    }
    for event in events:
        assert all(report.doc_id == document.doc_id for report in event.reports)
        assert all(e.text == text[e.start : e.end] for report in event.reports for e in report.evidence)


def contract_of(event: Event, told: list[EventCandidate]) -> dict[str, object]:
    """The contract of a merged event as the store should give it back: attribution from the report the
    document told first, the place's name (or the unresolved wording), its GeoNames id only when public."""
    primary = min(event.reports, key=lambda report: told.index(report.candidate))
    place = event.place
    return {
        **candidate_to_contract(primary.candidate),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_earliest": event.date_earliest.isoformat() if event.date_earliest else None,
        "date_latest": event.date_latest.isoformat() if event.date_latest else None,
        "date_precision": str(event.date_precision) if event.date_precision else None,
        "place": place.name
        if place
        else next((r.candidate.location_text for r in event.reports if r.candidate.location_text), None),
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonames_id": public_geonames_id(place),
        "geo_precision": int(event.geo_precision) if event.geo_precision else None,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "killed": event.killed.to_json() if event.killed else None,
        "injured": event.injured.to_json() if event.injured else None,
        "civilian_targeting": event.civilian_targeting,
        "weapons": list(event.weapons),
        "confidence": round(max(r.confidence for r in event.reports), 3),
    }


def test_report_carries_document_metadata_and_per_source_values(tmp_path: Path) -> None:
    raw = make_raw(external_id="wire-0042", url="https://example.org/ganja")
    document = make_document(raw, title="Shells hit Ganja")
    candidate = make_candidate(document, killed=Count(3, 5), injured=Count(12, None))
    with Store.open(tmp_path / "fw.db") as store:
        store_document(store, raw, document, extracted(candidate), "0.1.0")
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
        store_document(store, raw, document, extracted(mentions=(sunday,)), "0.1.0")
        version = store.connection.execute("SELECT extractor_version FROM documents").fetchone()[0]
        kind, start, end, text, value = store.connection.execute(
            'SELECT kind, start, "end", text, value FROM mentions'
        ).fetchone()
    assert version == "0.1.0"
    assert (kind, start, end, text) == ("date", 84, 90, "Sunday")
    assert raw.content.decode()[start:end] == text
    assert json.loads(value) == {"earliest": "2020-10-04", "latest": "2020-10-04", "precision": "day"}


def test_event_ids_depend_only_on_what_was_reported() -> None:
    raw = make_raw()
    document = make_document(raw)
    ids = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "fw.db") as store:
            outcome = store_document(store, raw, document, extracted(make_candidate(document)), "0.1.0")
            ids.append(outcome.created)
    assert ids[0] == ids[1] and ids[0][0].startswith("ev-") and len(ids[0][0]) == 19
