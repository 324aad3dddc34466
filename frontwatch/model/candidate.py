"""Event candidates: what one report says happened, before merging across reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision, GeoPrecision, Stance


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One event as one report tells it: the extraction contract's fields, with evidence spans."""

    doc_id: str
    event_type: str
    sub_event_type: str
    date_earliest: date | None
    date_latest: date | None
    date_precision: DatePrecision | None
    place: Place | None
    geo_precision: GeoPrecision | None
    actor1: str | None
    actor2: str | None
    killed: Count | None
    injured: Count | None
    civilian_targeting: bool
    weapons: tuple[str, ...]
    claimed_by: str
    stance: Stance
    evidence: tuple[Span, ...]
    confidence: float
    partisan: bool = False
    location_text: str | None = None
    extras: tuple[tuple[str, str], ...] = field(default=())


def public_geonames_id(place: Place | None) -> int | None:
    """A place's GeoNames id, or None for places without one (ours carry negative ids)."""
    return place.geonames_id if place is not None and place.geonames_id > 0 else None


def count_to_json(count: Count | None) -> dict[str, int | None] | None:
    return None if count is None else count.to_json()


def candidate_to_contract(candidate: EventCandidate) -> dict[str, object]:
    """The extraction contract's JSON object for one event (see docs/contract.md)."""
    place = candidate.place
    return {
        "event_type": candidate.event_type,
        "sub_event_type": candidate.sub_event_type,
        "date_earliest": candidate.date_earliest.isoformat() if candidate.date_earliest else None,
        "date_latest": candidate.date_latest.isoformat() if candidate.date_latest else None,
        "date_precision": str(candidate.date_precision) if candidate.date_precision else None,
        "place": place.name if place else candidate.location_text,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonames_id": public_geonames_id(place),
        "geo_precision": int(candidate.geo_precision) if candidate.geo_precision else None,
        "actor1": candidate.actor1,
        "actor2": candidate.actor2,
        "killed": count_to_json(candidate.killed),
        "injured": count_to_json(candidate.injured),
        "civilian_targeting": candidate.civilian_targeting,
        "weapons": list(candidate.weapons),
        "claimed_by": candidate.claimed_by,
        "stance": str(candidate.stance),
        "partisan": candidate.partisan,
        "evidence": [span.to_json() for span in candidate.evidence],
        "confidence": round(candidate.confidence, 3),
    }
