"""Hand-written event candidates and places for the merge tests (facts from 2020–2023 reporting)."""

from __future__ import annotations

from datetime import date, timedelta

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import OUTLET, DatePrecision, GeoPrecision, Stance
from frontwatch.pipeline.mentions.attribution import claimant_named

GANJA = Place(587084, "Ganja", 40.6828, 46.3606, "AZ", "Ganja", "PPLA", 301699)
GANJA_REGION = Place(9000001, "Ganja", 40.68, 46.36, "AZ", "Ganja", "ADM1", 335600)
GANJA_OUTSKIRTS = Place(9000002, "Hajikend", 40.6660, 46.3900, "AZ", "Ganja", "PPL", 2000)
STEPANAKERT = Place(174875, "Khankendi", 39.8177, 46.7528, "AZ", "Shusha", "PPLA", 55200)
SHUSHA = Place(585170, "Shusha", 39.7601, 46.7499, "AZ", "Shusha", "PPLA2", 4064)
SHUSHA_REGION = Place(9000003, "Shusha", 39.76, 46.75, "AZ", "Shusha", "ADM1", 29500)
KOSTIANTYNIVKA = Place(704508, "Kostiantynivka", 48.5277, 37.7069, "UA", "Donetsk", "PPL", 67200)

SHELLING = "Shelling/artillery/missile attack"
REMOTE = "Explosions/Remote violence"
AZ_FORCES, AM_FORCES = "Military Forces of Azerbaijan", "Military Forces of Armenia"
AZ_CIVILIANS = "Civilians (Azerbaijan)"


def candidate(
    doc_id: str,
    claimed_by: str,
    stance: Stance,
    place: Place,
    day: date,
    *,
    days: int = 1,
    killed: Count | None = None,
    injured: Count | None = None,
    actor1: str | None = None,
    actor2: str | None = None,
    sub_event_type: str = SHELLING,
    event_type: str = REMOTE,
    geo_precision: GeoPrecision | None = None,
    evidence: tuple[int, int] = (0, 120),
    weapons: tuple[str, ...] = (),
    confidence: float = 0.8,
) -> EventCandidate:
    precision = geo_precision or (GeoPrecision.REGION if place.is_region else GeoPrecision.TOWN)
    return EventCandidate(
        doc_id=doc_id, event_type=event_type, sub_event_type=sub_event_type,
        date_earliest=day, date_latest=day + timedelta(days=days - 1),
        date_precision=DatePrecision.DAY if days <= 2 else DatePrecision.WEEK,
        place=place, geo_precision=precision, actor1=actor1, actor2=actor2, killed=killed, injured=injured,
        civilian_targeting=actor2 is not None and actor2.startswith("Civilians"), weapons=weapons,
        claimed_by=claimed_by, stance=stance, evidence=(Span(*evidence),), confidence=confidence,
        partisan=claimed_by != OUTLET and claimant_named(claimed_by).partisan,
    )


GANJA_DAY = date(2020, 10, 11)
AZ_MOD_CLAIM = candidate(
    "az-mod-2020-10-11", "Azerbaijan Defence Ministry", Stance.CLAIMS, GANJA, GANJA_DAY,
    killed=Count(10, 10), injured=Count(34, 34), actor1=AM_FORCES, actor2=AZ_CIVILIANS,
    weapons=("ballistic missile",), evidence=(0, 164), confidence=0.9,
)
AM_MOD_DENIAL = candidate(
    "am-mod-2020-10-11", "Armenia Defence Ministry", Stance.DENIES, GANJA, GANJA_DAY,
    actor1=AM_FORCES, evidence=(0, 97), confidence=0.7,
)
REUTERS_REPORT = candidate(
    "reuters-2020-10-11-ganja", "Reuters", Stance.REPORTS, GANJA, GANJA_DAY,
    killed=Count(9, None), injured=Count(30, None), actor2=AZ_CIVILIANS, evidence=(212, 301), confidence=0.85,
)
AMNESTY_FINDING = candidate(
    "amnesty-2020-10-19-ganja", "Amnesty International", Stance.CORROBORATES, GANJA, GANJA_DAY,
    actor1=AM_FORCES, actor2=AZ_CIVILIANS, weapons=("ballistic missile",), evidence=(58, 240), confidence=0.8,
)
GANJA_REPORTS = (AZ_MOD_CLAIM, AM_MOD_DENIAL, REUTERS_REPORT, AMNESTY_FINDING)
