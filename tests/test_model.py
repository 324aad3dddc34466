"""The data model's invariants: spans, counts, the ACLED taxonomy and the contract's shape."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontwatch.model.candidate import EventCandidate, candidate_to_contract
from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import ACLED_TAXONOMY, DatePrecision, GeoPrecision, Stance, event_type_of

CONTRACT_KEYS = {
    "event_type",
    "sub_event_type",
    "date_earliest",
    "date_latest",
    "date_precision",
    "place",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonames_id",
    "geo_precision",
    "actor1",
    "actor2",
    "killed",
    "injured",
    "civilian_targeting",
    "weapons",
    "claimed_by",
    "evidence",
    "confidence",
}


def test_acled_taxonomy_has_six_types_and_twenty_five_sub_types() -> None:
    assert len(ACLED_TAXONOMY) == 6
    assert sum(len(subs) for subs in ACLED_TAXONOMY.values()) == 25
    assert event_type_of("Shelling/artillery/missile attack") == "Explosions/Remote violence"
    assert event_type_of("Non-violent transfer of territory") == "Strategic developments"


def test_unknown_sub_type_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="Shelling attack"):
        event_type_of("Shelling attack")


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_span_is_valid_exactly_when_ordered(a: int, b: int) -> None:
    if a <= b:
        span = Span(a, b)
        assert span.contains(span)
        assert span.overlaps(span) == (a < b)
    else:
        with pytest.raises(ValueError):
            Span(a, b)


def test_count_rejects_a_maximum_below_the_minimum() -> None:
    assert Count(3, None).to_json() == {"min": 3, "max": None}
    with pytest.raises(ValueError):
        Count(5, 3)


def test_candidate_serialises_to_exactly_the_contract_fields() -> None:
    text = "At least 3 civilians were killed in Stepanakert overnight, officials in Artsakh said."
    stepanakert = Place(146970, "Khankendi", 39.8177, 46.7528, "AZ", None, "PPLA", 55000)
    candidate = EventCandidate(
        doc_id="d1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date_earliest=date(2020, 10, 3),
        date_latest=date(2020, 10, 4),
        date_precision=DatePrecision.DAY,
        place=stepanakert,
        geo_precision=GeoPrecision.TOWN,
        actor1="Military Forces of Azerbaijan",
        actor2="Civilians (Azerbaijan)",
        killed=Count(3, None),
        injured=None,
        civilian_targeting=True,
        weapons=("artillery",),
        claimed_by="Artsakh officials",
        stance=Stance.CLAIMS,
        evidence=(Span(0, len(text)),),
        confidence=0.8,
        partisan=True,
    )
    contract = candidate_to_contract(candidate)
    assert contract.keys() >= CONTRACT_KEYS
    assert contract["killed"] == {"min": 3, "max": None}
    assert contract["date_earliest"] == "2020-10-03"
    assert contract["geo_precision"] == 1
    assert contract["evidence"] == [{"start": 0, "end": len(text)}]
