"""Coreference of event candidates: which reports tell the same real-world event.

Two candidates are the same event when their sub-types are compatible (the same, or in one of
``COMPATIBLE_SUB_TYPES``: sources tell one strike as shelling, an air strike, an attack on civilians or
fighting, and one battle as a clash or as either side taking the town), their places coincide, their date
intervals overlap and their actors do not contradict each other. Places coincide when they are the same
GeoNames entry, when one is only a region (geo precision 3) that contains the other (same country and
first-level region), or when one is "near" a town (precision 2) within 5 km of the other; distinct towns
stay distinct even when close.

Clustering is complete-link and greedy over a canonical order: precise candidates (a town, a short
interval) first, vaguer ones after, each joining the best cluster whose every member it matches. A
vague candidate therefore never glues two clusters together, and the result depends only on the set
of candidates, not on the order they are given in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from frontwatch.geo.gazetteer import haversine_km
from frontwatch.model.candidate import EventCandidate
from frontwatch.model.vocab import ACLED_TAXONOMY, EVENT_TYPE_OF_SUB_TYPE, GeoPrecision
from frontwatch.pipeline.merge.sides import actor_side, claimant_side

NEAR_KM = 5.0
BATTLES = "Battles"
STRIKES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
COMPATIBLE_SUB_TYPES: tuple[frozenset[str], ...] = (
    STRIKES | {"Attack"},
    STRIKES | {"Armed clash"},
    frozenset(ACLED_TAXONOMY[BATTLES]),
)
"""Families of sub-types sources give one event under: a strike by drone or by missile (sources disagree
on the means), a strike on civilians told as an attack on them, fire between two sides told as fighting
(when the two name no third side, see ``actors_compatible``), and a battle told as a clash or as either
side taking the town. Two sub-types are compatible when one family holds both; an attack on civilians
and a clash are not."""


def _blocks(families: Iterable[frozenset[str]]) -> dict[str, frozenset[str]]:
    """Sub-type → every sub-type linked to it by a chain of families (the candidates clustered together)."""
    block_of: dict[str, frozenset[str]] = {}
    for family in families:
        block = family.union(*(block_of.get(sub_type, frozenset()) for sub_type in family))
        block_of.update(dict.fromkeys(block, block))
    return block_of


_BLOCK_OF = _blocks(COMPATIBLE_SUB_TYPES)
CandidateKey = tuple[str, tuple[tuple[int, int], ...], str]


def candidate_key(candidate: EventCandidate) -> CandidateKey:
    """A total, deterministic order on candidates: document, evidence offsets, then every other field."""
    evidence = tuple((span.start, span.end) for span in candidate.evidence)
    return candidate.doc_id, evidence, repr(candidate)


def date_interval(candidate: EventCandidate) -> tuple[date, date] | None:
    """The candidate's closed date interval, or None when it has no date."""
    if candidate.date_earliest is None:
        return None
    return candidate.date_earliest, candidate.date_latest or candidate.date_earliest


def is_regional(candidate: EventCandidate) -> bool:
    """True when only a region is known (geo precision 3, or the place is a country or division)."""
    place = candidate.place
    return candidate.geo_precision == GeoPrecision.REGION or (place is not None and place.is_region)


def sub_types_compatible(a: str, b: str) -> bool:
    return a == b or any(a in family and b in family for family in COMPATIBLE_SUB_TYPES)


def compatible_event_types(candidate: EventCandidate) -> tuple[str, ...]:
    """The candidate's event type, then (sorted) the other types of the sub-types compatible with its own."""
    others: set[str] = set()
    for family in COMPATIBLE_SUB_TYPES:
        if candidate.sub_event_type in family:
            others.update(EVENT_TYPE_OF_SUB_TYPE[sub_type] for sub_type in family)
    return (candidate.event_type, *sorted(others - {candidate.event_type}))


def block_name(candidate: EventCandidate) -> str:
    """The name of the block of sub-types the candidate is clustered in (its own sub-type when alone)."""
    return min(_BLOCK_OF.get(candidate.sub_event_type, {candidate.sub_event_type}))


def dates_overlap(a: EventCandidate, b: EventCandidate) -> bool:
    """True when both have dates and their intervals share a day."""
    interval_a, interval_b = date_interval(a), date_interval(b)
    if interval_a is None or interval_b is None:
        return False
    return interval_a[0] <= interval_b[1] and interval_b[0] <= interval_a[1]


def places_coincide(a: EventCandidate, b: EventCandidate) -> bool:
    """True for the same place, a region containing the other, or a "near" place within 5 km."""
    place_a, place_b = a.place, b.place
    if place_a is None or place_b is None:
        return False
    if place_a.geonames_id == place_b.geonames_id:
        return True
    if place_a.country != place_b.country:
        return False
    if is_regional(a) or is_regional(b):
        return place_a.admin1 is not None and place_a.admin1 == place_b.admin1
    if GeoPrecision.NEAR_TOWN in (a.geo_precision, b.geo_precision):
        return haversine_km(place_a.lat, place_a.lon, place_b.lat, place_b.lon) <= NEAR_KM
    return False


def _opposing_parties(a: EventCandidate, b: EventCandidate) -> bool:
    side_a = claimant_side(a.claimed_by) if a.partisan else None
    side_b = claimant_side(b.claimed_by) if b.partisan else None
    return side_a is not None and side_b is not None and side_a != side_b


def _actor_identity(actor: str | None) -> str | None:
    """Forces of one side count as one actor (sources mix up an army and its allied militia)."""
    return actor_side(actor) or actor


def actors_compatible(a: EventCandidate, b: EventCandidate) -> bool:
    """False when both name an attacker or a target and they differ, unless opposing parties disagree,
    one source denies the event, or one source calls the target civilians.

    When either is a battle the actors are an unordered pair: two sources agree when together they name
    at most two armed sides (one may name only the winner, the other only the loser; a strike on civilians
    told as fighting names the side that fired and its enemy). Opposing parties blaming each other, or a
    party denying and blaming someone else, tell one contested event, not two.
    """
    if _opposing_parties(a, b) or _denies(a) or _denies(b):
        return True
    if BATTLES in (a.event_type, b.event_type):
        return len(_armed_sides(a) | _armed_sides(b)) <= 2
    actors_a = (_actor_identity(a.actor1), _actor_identity(a.actor2))
    actors_b = (_actor_identity(b.actor1), _actor_identity(b.actor2))
    attacker_a, target_a = actors_a
    attacker_b, target_b = actors_b
    return _agree(attacker_a, attacker_b) and (
        _agree(target_a, target_b) or _is_civilians(target_a) or _is_civilians(target_b)
    )


def _armed_sides(candidate: EventCandidate) -> set[str]:
    """The sides (or armed actors of no known side) a candidate names, civilians left out."""
    return {
        actor_side(actor) or actor
        for actor in (candidate.actor1, candidate.actor2)
        if actor is not None and not _is_civilians(actor)
    }


def _denies(candidate: EventCandidate) -> bool:
    """A party denying an event often blames someone else for it: its attacker does not set it apart."""
    return not candidate.stance.asserts


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _is_civilians(actor: str | None) -> bool:
    """Sources often disagree on whether a strike hit soldiers or civilians; that is one event, told twice."""
    return actor is not None and actor.startswith("Civilians")


def same_event(a: EventCandidate, b: EventCandidate) -> bool:
    """True when two candidates plausibly tell the same event (see the module docstring)."""
    return (
        sub_types_compatible(a.sub_event_type, b.sub_event_type)
        and places_coincide(a, b)
        and dates_overlap(a, b)
        and actors_compatible(a, b)
    )


def _vagueness(candidate: EventCandidate) -> tuple[bool, int, int, CandidateKey]:
    """Precise candidates first: a town before a region, a short interval before a long one."""
    interval = date_interval(candidate)
    days = (interval[1] - interval[0]).days if interval else 1 << 30
    precision = int(candidate.geo_precision or GeoPrecision.REGION)
    return is_regional(candidate), days, precision, candidate_key(candidate)


def _fit(candidate: EventCandidate, members: list[EventCandidate], position: int) -> tuple[int, int, int]:
    place_id = candidate.place.geonames_id if candidate.place else None
    same_place = sum(member.place is not None and member.place.geonames_id == place_id for member in members)
    return same_place, len(members), -position


def cluster(candidates: Iterable[EventCandidate]) -> list[list[EventCandidate]]:
    """Groups of candidates telling one event each, ordered by their first member's key.

    Complete link: a candidate joins the cluster (same place preferred, then the largest, then the
    oldest) whose every member it matches, or starts its own.
    """
    blocks: defaultdict[tuple[str, str | None], list[EventCandidate]] = defaultdict(list)
    for candidate in candidates:
        country = candidate.place.country if candidate.place else None
        blocks[(block_name(candidate), country)].append(candidate)
    clusters = [
        sorted(members, key=candidate_key) for block in blocks.values() for members in _cluster_block(block)
    ]
    return sorted(clusters, key=lambda members: candidate_key(members[0]))


def _days(candidate: EventCandidate) -> list[date]:
    interval = date_interval(candidate)
    if interval is None:
        return []
    return [interval[0] + timedelta(days=offset) for offset in range((interval[1] - interval[0]).days + 1)]


def _cluster_block(block: list[EventCandidate]) -> list[list[EventCandidate]]:
    """Greedy complete-link clustering in canonical order; clusters are found by their first member's days."""
    formed: list[list[EventCandidate]] = []
    seeded_on: defaultdict[date, list[int]] = defaultdict(list)
    for candidate in sorted(block, key=_vagueness):
        days = _days(candidate)
        nearby = sorted({position for day in days for position in seeded_on.get(day, ())})
        fits = [
            position
            for position in nearby
            if all(same_event(candidate, member) for member in formed[position])
        ]
        if fits:
            best = max(fits, key=lambda position: _fit(candidate, formed[position], position))
            formed[best].append(candidate)
            continue
        for day in days:
            seeded_on[day].append(len(formed))
        formed.append([candidate])
    return formed
