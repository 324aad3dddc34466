"""Hand-written event candidates and places for the merge tests (facts from 2020–2023 reporting)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import strategies as st

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import OUTLET, DatePrecision, GeoPrecision, Stance, event_type_of
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
        doc_id=doc_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date_earliest=day,
        date_latest=day + timedelta(days=days - 1),
        date_precision=DatePrecision.DAY if days <= 2 else DatePrecision.WEEK,
        place=place,
        geo_precision=precision,
        actor1=actor1,
        actor2=actor2,
        killed=killed,
        injured=injured,
        civilian_targeting=actor2 is not None and actor2.startswith("Civilians"),
        weapons=weapons,
        claimed_by=claimed_by,
        stance=stance,
        evidence=(Span(*evidence),),
        confidence=confidence,
        partisan=claimed_by != OUTLET and claimant_named(claimed_by).partisan,
    )


GANJA_DAY = date(2020, 10, 11)
AZ_MOD_CLAIM = candidate(
    "az-mod-2020-10-11",
    "Azerbaijan Defence Ministry",
    Stance.CLAIMS,
    GANJA,
    GANJA_DAY,
    killed=Count(10, 10),
    injured=Count(34, 34),
    actor1=AM_FORCES,
    actor2=AZ_CIVILIANS,
    weapons=("ballistic missile",),
    evidence=(0, 164),
    confidence=0.9,
)
AM_MOD_DENIAL = candidate(
    "am-mod-2020-10-11",
    "Armenia Defence Ministry",
    Stance.DENIES,
    GANJA,
    GANJA_DAY,
    actor1=AM_FORCES,
    evidence=(0, 97),
    confidence=0.7,
)
REUTERS_REPORT = candidate(
    "reuters-2020-10-11-ganja",
    "Reuters",
    Stance.REPORTS,
    GANJA,
    GANJA_DAY,
    killed=Count(9, None),
    injured=Count(30, None),
    actor2=AZ_CIVILIANS,
    evidence=(212, 301),
    confidence=0.85,
)
AMNESTY_FINDING = candidate(
    "amnesty-2020-10-19-ganja",
    "Amnesty International",
    Stance.CORROBORATES,
    GANJA,
    GANJA_DAY,
    actor1=AM_FORCES,
    actor2=AZ_CIVILIANS,
    weapons=("ballistic missile",),
    evidence=(58, 240),
    confidence=0.8,
)
GANJA_REPORTS = (AZ_MOD_CLAIM, AM_MOD_DENIAL, REUTERS_REPORT, AMNESTY_FINDING)


PLACES = (GANJA, GANJA_OUTSKIRTS, GANJA_REGION, STEPANAKERT, SHUSHA, SHUSHA_REGION)
SOURCES = (
    ("Azerbaijan Defence Ministry", Stance.CLAIMS),
    ("Armenia Defence Ministry", Stance.DENIES),
    ("Artsakh officials", Stance.CLAIMS),
    ("Reuters", Stance.REPORTS),
    ("AFP", Stance.REPORTS),
    ("Amnesty International", Stance.CORROBORATES),
)
counts = st.one_of(
    st.none(),
    st.builds(
        lambda low, extra, open_: Count(low, None if open_ else low + extra),
        st.integers(0, 60),
        st.integers(0, 10),
        st.booleans(),
    ),
)
candidates = st.builds(
    lambda doc, source, place, near, day, days, killed, actor1, actor2, start: candidate(
        f"doc-{doc}",
        source[0],
        source[1],
        place,
        date(2020, 10, 8) + timedelta(days=day),
        days=days,
        killed=killed,
        actor1=actor1,
        actor2=actor2,
        evidence=(start, start + 40),
        geo_precision=GeoPrecision.NEAR_TOWN if near and not place.is_region else None,
    ),
    st.integers(0, 5),
    st.sampled_from(SOURCES),
    st.sampled_from(PLACES),
    st.booleans(),
    st.integers(0, 3),
    st.sampled_from((1, 1, 2, 7)),
    counts,
    st.sampled_from((None, AM_FORCES, AZ_FORCES)),
    st.sampled_from((None, AZ_CIVILIANS, AM_FORCES)),
    st.integers(0, 3).map(lambda i: i * 50),
)
"""Reports from six documents ("doc-0" … "doc-5") of strikes around Ganja and Shusha, Oct 8–13 2020."""
candidate_lists = st.lists(candidates, max_size=14)

TOLD_AS = (SHELLING, SHELLING, "Air/drone strike", "Attack", "Armed clash", "Government regains territory")
typed_candidates = st.builds(
    lambda told, sub_type: replace(told, event_type=event_type_of(sub_type), sub_event_type=sub_type),
    candidates,
    st.sampled_from(TOLD_AS),
)
"""The generated reports, each telling its strike or battle under one of the compatible sub-types."""
typed_candidate_lists = st.lists(typed_candidates, max_size=14)


WIRE = """Missile strike flattens homes in Ganja, Azerbaijan says ten killed

GANJA, Azerbaijan, Oct 11 - A missile struck a residential neighbourhood of Ganja, Azerbaijan's second
largest city, in the early hours of Sunday, killing ten civilians and wounding dozens more, Azerbaijani
officials said, hours after a Russian-brokered ceasefire over Nagorno-Karabakh was meant to take hold.
Rescue workers with sniffer dogs searched the rubble of a row of two-storey houses through the morning
while neighbours carried blankets and water to families gathered in the street. The Azerbaijan Defence
Ministry said the missile had been fired from Armenian territory and called the strike a deliberate
attack on a peaceful city far from the front line. Armenia's Defence Ministry denied firing at Ganja and
said Azerbaijani forces themselves had broken the truce by shelling villages in the Karabakh region
overnight. A Reuters reporter at the scene saw at least nine bodies being removed from the ruins and
counted more than a dozen damaged houses along a single street near the city centre. Ganja, which lies
well outside the disputed region, has been hit several times since fighting over Nagorno-Karabakh
erupted on Sept. 27. The mountain enclave is internationally recognised as part of Azerbaijan but is
populated and governed by ethnic Armenians, who broke away from Baku in a war in the early 1990s.
International mediators from France, Russia and the United States have urged both sides to respect the
humanitarian truce agreed in Moscow, which was meant to allow the exchange of prisoners and the bodies
of the dead. Each side has accused the other of violating it within minutes of it coming into force.
Hundreds of people have been killed in the fighting, the worst in the region in more than a quarter of a
century, and thousands have fled their homes on both sides of the front line.
"""

SYNDICATED = (
    WIRE.replace(
        "Missile strike flattens homes in Ganja, Azerbaijan says ten killed",
        "WORLD NEWS: Ten dead as missile hits Azerbaijani city of Ganja during truce",
    )
    + "\n(Reporting by our correspondent in Ganja; editing by the world desk)\n"
)
